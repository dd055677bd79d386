"""Meeting emails list the proposed times and carry the .ics; notifications about one room are grouped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.extensions import db
from app.models import Notification
from app.services import notifications, rooms
from app.services.calendar import unfold
from app.services.inputs import MeetingInput, MessageInput
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Tuesday: the weekday shows in the email, so the test can check the language of the date.
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def _room(boss_locale="zh_Hans", seller_locale="zh_Hans"):
    boss = make_user("enterprise", email="boss@tyre.example", display_name="王工", locale=boss_locale)
    scenario = make_scenario(owner=boss.organization, created_by=boss, title="胎面缺陷检测")
    profile = make_vendor(name="青视科技")
    seller = make_user(
        "vendor",
        organization=profile.organization,
        email="seller@vision.example",
        display_name="李经理",
        locale=seller_locale,
    )
    connection = make_connection(
        make_intro_request(scenario=scenario, vendor=profile, requested_by=seller, responded_by=boss, state="accepted")
    )
    db.session.commit()
    return boss, seller, connection


def _slots():
    return (datetime(2026, 12, 8, 14, 30, tzinfo=SHANGHAI), datetime(2026, 12, 9, 9, 0, tzinfo=SHANGHAI))


def _fields(ics: bytes) -> dict:
    lines = unfold(ics.decode("utf-8"))
    return {line.split(":", 1)[0].split(";", 1)[0]: line.split(":", 1)[1] for line in lines if ":" in line}


def test_a_proposal_email_lists_every_time_in_beijing_time_and_chinese(db, outbox, clock):
    clock(NOW)
    _boss, seller, connection = _room()
    rooms.propose_meeting(seller, connection.id, MeetingInput("现场勘查", _slots(), 90, "即墨工厂"))
    body = outbox[-1].body
    assert "2026年12月8日 周二 14:30 (北京时间)" in body and "2026年12月9日 周三 09:00 (北京时间)" in body
    assert "90" in body and "即墨工厂" in body and "现场勘查" in body


def test_a_proposal_email_speaks_english_to_an_english_reader(db, outbox, clock):
    clock(NOW)
    _boss, seller, connection = _room(boss_locale="en")
    rooms.propose_meeting(seller, connection.id, MeetingInput("Site visit", _slots(), 60))
    body = outbox[-1].body
    assert "Tue 8 Dec 2026, 14:30 (Beijing time)" in body and "Wed 9 Dec 2026, 09:00 (Beijing time)" in body
    assert "Proposed times" in body and "周二" not in body


def test_the_confirmation_email_carries_the_same_ics_as_the_download(db, outbox, clock):
    clock(NOW)
    boss, seller, connection = _room()
    meeting = rooms.propose_meeting(seller, connection.id, MeetingInput("现场勘查", _slots(), 90, "即墨工厂"))
    rooms.confirm_meeting(boss, connection.id, meeting.id, meeting.slots[1].id)
    mail = outbox[-1]
    assert mail.recipients == ["seller@vision.example"]
    assert "2026年12月9日 周三 09:00 (北京时间)" in mail.body
    (attachment,) = mail.attachments
    assert attachment.filename == f"keting-meeting-{meeting.id}.ics"
    assert attachment.content_type.startswith("text/calendar")
    sent = _fields(attachment.data)
    _name, downloaded = rooms.meeting_calendar(
        seller, connection.id, meeting.id, notifications.absolute_url("rooms.room", connection_id=connection.id)
    )
    served = _fields(downloaded)
    assert sent["DTSTART"] == served["DTSTART"] == "20261209T010000Z"
    assert sent["UID"] == served["UID"] and sent["STATUS"] == "CONFIRMED"
    # The proposal email itself has no calendar file: no time is settled yet.
    assert not outbox[-2].attachments


def test_cancelling_a_confirmed_meeting_mails_a_cancelled_ics_with_a_higher_sequence(db, outbox, clock):
    clock(NOW)
    boss, seller, connection = _room()
    meeting = rooms.propose_meeting(seller, connection.id, MeetingInput("现场勘查", _slots()))
    rooms.confirm_meeting(boss, connection.id, meeting.id, meeting.slots[0].id)
    confirmed = _fields(outbox[-1].attachments[0].data)
    rooms.cancel_meeting(boss, connection.id, meeting.id)
    cancelled = _fields(outbox[-1].attachments[0].data)
    assert cancelled["UID"] == confirmed["UID"] and cancelled["STATUS"] == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(confirmed["SEQUENCE"])


def test_five_messages_are_one_unread_entry_and_opening_it_reads_them_all(db, clock):
    clock(NOW)
    boss, seller, connection = _room()
    for n in range(5):
        rooms.post_message(seller, connection.id, MessageInput(f"第{n}条"))
        clock.shift(timedelta(minutes=1))
    rooms.propose_meeting(seller, connection.id, MeetingInput("现场勘查", _slots()))
    assert notifications.unread_count(boss) == 2
    page = notifications.list_notifications(boss)
    assert [item.count for item in page.items] == [1, 5]
    assert page.items[1].text == "青视科技发来 5 条关于“胎面缺陷检测”的新消息。"
    notifications.open_notification(boss, page.items[1].notification.id)
    assert notifications.unread_count(boss) == 1
    # Read, they are the history again: one line each.
    assert [item.count for item in notifications.list_notifications(boss).items] == [1, 1, 1, 1, 1, 1]
    assert [item.count for item in notifications.list_notifications(boss, unread_only=True).items] == [1]


def test_groups_never_mix_rooms(db, clock):
    clock(NOW)
    boss, seller, connection = _room()
    other = make_connection(
        make_intro_request(
            scenario=make_scenario(owner=boss.organization, title="密炼机能耗"),
            vendor=seller.organization.vendor_profile,
            state="accepted",
        )
    )
    db.session.commit()
    for room in (connection, other, connection):
        rooms.post_message(seller, room.id, MessageInput("你好"))
    assert notifications.unread_count(boss) == 2
    assert sorted(i.count for i in notifications.list_notifications(boss).items) == [1, 2]


def test_a_burst_of_messages_sends_one_email_then_one_per_window_saying_how_many(db, outbox, clock, app):
    clock(NOW)
    boss, seller, connection = _room(boss_locale="en")
    window = app.config["NOTIFICATION_EMAIL_GROUP_MINUTES"]
    for n in range(3):
        rooms.post_message(seller, connection.id, MessageInput(f"message {n}"))
        clock.shift(timedelta(minutes=1))
    assert len(outbox) == 1 and "message 0" in outbox[0].body
    clock.shift(timedelta(minutes=window))
    rooms.post_message(seller, connection.id, MessageInput("message 3"))
    assert len(outbox) == 2
    assert "4 new messages from" in outbox[1].subject and "message 3" in outbox[1].body
    # Reading the room starts over: the next message is mailed at once, as a single one.
    notifications.mark_read_for(boss, connection_id=connection.id)
    rooms.post_message(seller, connection.id, MessageInput("message 4"))
    assert len(outbox) == 3 and "New message from" in outbox[2].subject
    states = db.session.scalars(
        sa.select(Notification.email_state).where(Notification.user_id == boss.id).order_by(Notification.id)
    ).all()
    assert states == ["sent", "none", "none", "sent", "sent"]


def test_the_digest_groups_messages_from_one_room_into_one_line(db, outbox, clock):
    clock(NOW)
    boss, seller, connection = _room()
    notifications.update_settings(boss, notifications.NotificationSettingsInput(email_mode="daily", match_digest=False))
    for n in range(4):
        rooms.post_message(seller, connection.id, MessageInput(f"第{n}条"))
    clock.shift(timedelta(hours=1))
    notifications.send_digests()
    body = outbox[-1].body
    assert body.count("胎面缺陷检测") == 1 and "4 条" in body
