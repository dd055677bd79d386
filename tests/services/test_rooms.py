"""Rooms: messages, meetings with time slots and their calendar file, and outcomes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import MatchSignal, Notification
from app.services import rooms
from app.services.calendar import unfold
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import MeetingInput, MessageInput, OutcomeInput
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _room():
    boss = make_user("enterprise", email="boss@tyre.example", display_name="王工")
    scenario = make_scenario(owner=boss.organization, created_by=boss, title="胎面缺陷, 检测; 试点")
    profile = make_vendor(name="青视科技")
    seller = make_user(
        "vendor", organization=profile.organization, email="seller@vision.example", display_name="李经理"
    )
    connection = make_connection(
        make_intro_request(scenario=scenario, vendor=profile, requested_by=seller, responded_by=boss, state="accepted")
    )
    db.session.commit()
    return boss, seller, connection


def _soon(days: int, hour: int) -> datetime:
    day = (datetime.now(SHANGHAI) + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


def test_a_message_is_stored_and_tells_the_other_side(db, outbox):
    boss, seller, connection = _room()
    rooms.post_message(seller, connection.id, MessageInput("下周二方便通话吗？"))
    assert outbox[-1].recipients == ["boss@tyre.example"] and "下周二方便通话吗" in outbox[-1].body
    assert db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == boss.id)) == "message_received"


def test_a_message_may_not_hold_markup_or_be_blank(db):
    _boss, seller, connection = _room()
    for body in ("   ", "<img src=x onerror=alert(1)>", "x" * 4001):
        with pytest.raises(InvalidInput):
            rooms.post_message(seller, connection.id, MessageInput(body))


def test_outsiders_cannot_find_a_room_and_admins_read_but_do_not_write(db):
    _boss, _seller, connection = _room()
    with pytest.raises(NotFound):
        rooms.room_view(make_user("vendor"), connection.id)
    admin = make_user("admin", organization=None)
    assert rooms.room_view(admin, connection.id).side is None
    with pytest.raises(PermissionDenied):
        rooms.post_message(admin, connection.id, MessageInput("你好"))


def test_contacts_show_both_organizations_and_the_people_who_asked_and_accepted(db):
    boss, _seller, connection = _room()
    enterprise, vendor = rooms.room_view(boss, connection.id).contacts
    assert [(role, p.email) for role, p in enterprise.people] == [("accepted", "boss@tyre.example")]
    assert [(role, p.email) for role, p in vendor.people] == [("requested", "seller@vision.example")]


def test_the_other_side_picks_one_of_up_to_three_times(db):
    boss, seller, connection = _room()
    slots = (_soon(3, 10), _soon(3, 15), _soon(4, 9))
    meeting = rooms.propose_meeting(seller, connection.id, MeetingInput("现场勘查", slots, 90, "即墨工厂"))
    with pytest.raises(PermissionDenied):
        rooms.confirm_meeting(seller, connection.id, meeting.id, meeting.slots[0].id)
    rooms.confirm_meeting(boss, connection.id, meeting.id, meeting.slots[1].id)
    assert meeting.state == "confirmed" and rooms.as_utc(meeting.starts_at) == slots[1].astimezone(UTC)
    # A double click on the same time is fine; another time is not.
    rooms.confirm_meeting(boss, connection.id, meeting.id, meeting.slots[1].id)
    with pytest.raises(InvalidInput):
        rooms.confirm_meeting(boss, connection.id, meeting.id, meeting.slots[0].id)


@pytest.mark.parametrize(
    "slots",
    [
        (),
        (_soon(-1, 10),),
        (_soon(2, 10), _soon(2, 10)),
        (_soon(2, 9), _soon(2, 10), _soon(2, 11), _soon(2, 12)),
        (_soon(400, 10),),
    ],
)
def test_meeting_times_must_be_one_to_three_different_future_times(db, slots):
    _boss, seller, connection = _room()
    with pytest.raises(InvalidInput):
        rooms.propose_meeting(seller, connection.id, MeetingInput("初次通话", slots))


def test_the_calendar_file_is_valid_icalendar(db):
    boss, seller, connection = _room()
    start = _soon(5, 14)
    meeting = rooms.propose_meeting(
        seller,
        connection.id,
        MeetingInput(
            "现场勘查：胎面检测, 第一期; 需要带安全帽，另附样品清单和产线平面图以便提前准备",
            (start,),
            60,
            "青岛市即墨区, 通济街道",
        ),
    )
    rooms.confirm_meeting(boss, connection.id, meeting.id, meeting.slots[0].id)
    name, body = rooms.meeting_calendar(boss, connection.id, meeting.id, "http://keting.test/rooms/1")
    text = body.decode("utf-8")
    assert name.endswith(".ics")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # CRLF only
    assert all(len(raw.encode("utf-8")) <= 75 for raw in text.split("\r\n"))  # folded at 75 octets
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    fields = {line.split(":", 1)[0].split(";", 1)[0]: line.split(":", 1)[1] for line in lines if ":" in line}
    utc = start.astimezone(UTC)
    assert fields["DTSTART"] == utc.strftime("%Y%m%dT%H%M%SZ")
    assert fields["DTEND"] == (utc + timedelta(minutes=60)).strftime("%Y%m%dT%H%M%SZ")
    assert fields["UID"] == f"meeting-{meeting.id}@127.0.0.1:5000" or fields["UID"].startswith(f"meeting-{meeting.id}@")
    assert fields["DTSTAMP"].endswith("Z") and fields["VERSION"] == "2.0" and fields["SEQUENCE"] == "1"
    assert fields["SUMMARY"].startswith("胎面缺陷\\, 检测\\; 试点")
    assert fields["LOCATION"] == "青岛市即墨区\\, 通济街道"
    assert fields["DESCRIPTION"].startswith("现场勘查：胎面检测\\, 第一期\\; 需要带安全帽")
    assert fields["DESCRIPTION"].endswith("\\nhttp://keting.test/rooms/1")  # a newline is written as \n
    assert "mailto:seller@vision.example" in fields["ORGANIZER"] and "mailto:boss@tyre.example" in text.replace(
        "\r\n ", ""
    )


def test_only_a_confirmed_meeting_has_a_calendar_file(db):
    _boss, seller, connection = _room()
    meeting = rooms.propose_meeting(seller, connection.id, MeetingInput("初次通话", (_soon(2, 10),)))
    with pytest.raises(NotFound):
        rooms.meeting_calendar(seller, connection.id, meeting.id, "http://x")


def test_outcomes_move_forward_and_are_recorded_as_signals(db):
    boss, seller, connection = _room()
    rooms.record_outcome(seller, connection.id, OutcomeInput("pilot"))
    rooms.record_outcome(boss, connection.id, OutcomeInput("pilot"))  # the other side, a moment later
    rooms.record_outcome(boss, connection.id, OutcomeInput("contract"))
    assert connection.pilot_started_at and connection.contract_signed_at and connection.outcome == "contract"
    with pytest.raises(InvalidInput):
        rooms.record_outcome(seller, connection.id, OutcomeInput("no_deal", "budget"))
    reasons = list(
        db.session.scalars(sa.select(MatchSignal.reason).where(MatchSignal.kind == "outcome").order_by(MatchSignal.id))
    )
    assert reasons == ["pilot", "contract"]


def test_no_deal_needs_a_reason(db):
    boss, _seller, connection = _room()
    with pytest.raises(InvalidInput):
        rooms.record_outcome(boss, connection.id, OutcomeInput("no_deal"))
    rooms.record_outcome(boss, connection.id, OutcomeInput("no_deal", "technical_fit", "精度达不到要求"))
    assert (connection.outcome, connection.no_deal_reason, connection.outcome_note) == (
        "no_deal",
        "technical_fit",
        "精度达不到要求",
    )
    assert [e.key for e in rooms.room_view(boss, connection.id).timeline][-1] == "no_deal"


def test_the_timeline_tells_the_story_in_order(db):
    boss, seller, connection = _room()
    meeting = rooms.propose_meeting(seller, connection.id, MeetingInput("初次通话", (_soon(2, 10),)))
    rooms.confirm_meeting(boss, connection.id, meeting.id, meeting.slots[0].id)
    rooms.record_outcome(boss, connection.id, OutcomeInput("pilot"))
    keys = [e.key for e in rooms.room_view(boss, connection.id).timeline]
    assert keys == ["interest", "accepted", "meeting_proposed", "meeting_confirmed", "pilot"]
