"""Requests to meet: one live request per pair (also under a race), expiry with warnings, and signals."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Connection, IntroRequest, MatchSignal, Notification, User
from app.services import requests as request_service
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import DeclineInput, InterestInput, InvitationInput
from tests.factories import make_intro_request, make_scenario, make_user, make_vendor

PROPOSAL = InterestInput(approach="用三台线阵相机加缺陷检测模型替代人工目检，先在一条产线试点。", rough_cost="50 万元")


def _pair():
    boss = make_user("enterprise", email="boss@tyre.example")
    scenario = make_scenario(owner=boss.organization, created_by=boss)
    profile = make_vendor()
    seller = make_user("vendor", organization=profile.organization, email="seller@vision.example")
    db.session.commit()
    return boss, scenario, profile, seller


def _notes(user) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(Notification.kind).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    )


def test_the_database_allows_one_live_request_per_pair(db):
    req = make_intro_request()
    with pytest.raises(IntegrityError):
        make_intro_request(scenario=req.scenario, vendor=req.vendor, kind="invitation")


def test_a_declined_request_frees_the_pair_for_a_new_one(db):
    req = make_intro_request(state="declined")
    make_intro_request(scenario=req.scenario, vendor=req.vendor)
    assert db.session.scalar(sa.select(sa.func.count(IntroRequest.id))) == 2


def test_expressing_interest_twice_returns_the_first_request(db, outbox):
    _boss, scenario, _profile, seller = _pair()
    first = request_service.express_interest(seller, scenario.id, PROPOSAL)
    second = request_service.express_interest(seller, scenario.id, PROPOSAL)
    assert first.id == second.id and len(outbox) == 1


def test_an_invitation_and_an_interest_for_the_same_pair_are_one_request(db):
    boss, scenario, profile, seller = _pair()
    invitation = request_service.invite_vendor(
        boss, scenario.id, profile.id, InvitationInput("想约您聊聊这个场景的方案。")
    )
    assert request_service.express_interest(seller, scenario.id, PROPOSAL).id == invitation.id


def test_two_simultaneous_submits_make_one_request(app, db, outbox, monkeypatch):
    """Two sessions in two threads press send at the same moment: the unique index keeps one request.

    Both threads are held until each has checked that the pair has no request yet, so both really insert.
    """
    _boss, scenario, _profile, seller = _pair()
    scenario_id, seller_id = scenario.id, seller.id
    barrier, checked = threading.Barrier(2), threading.Barrier(2)
    results, errors = [], []
    original_check = request_service._clear_overdue

    def check_then_wait(*args):
        found = original_check(*args)
        checked.wait(timeout=5)
        return found

    monkeypatch.setattr(request_service, "_clear_overdue", check_then_wait)

    def submit():
        with app.app_context():
            try:
                actor = db.session.get(User, seller_id)
                barrier.wait(timeout=5)
                results.append(request_service.express_interest(actor, scenario_id, PROPOSAL).id)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(IntroRequest.id))) == 1
    assert len(set(results)) == 1
    assert len(outbox) == 1  # the losing submit's email was never sent


def test_accepting_twice_opens_one_room(db):
    boss, scenario, _profile, seller = _pair()
    req = request_service.express_interest(seller, scenario.id, PROPOSAL)
    first = request_service.accept_request(boss, req.id)
    assert request_service.accept_request(boss, req.id).id == first.id
    assert db.session.scalar(sa.select(sa.func.count(Connection.id))) == 1


def test_only_the_asked_side_may_answer(db):
    _boss, scenario, _profile, seller = _pair()
    req = request_service.express_interest(seller, scenario.id, PROPOSAL)
    with pytest.raises(PermissionDenied):
        request_service.accept_request(seller, req.id)
    with pytest.raises(NotFound):
        request_service.accept_request(make_user("enterprise"), req.id)
    with pytest.raises(PermissionDenied):
        request_service.decline_request(make_user("admin", organization=None), req.id, DeclineInput("budget"))


def test_declining_needs_a_known_reason_and_a_note_for_another_reason(db):
    boss, scenario, _profile, seller = _pair()
    req = request_service.express_interest(seller, scenario.id, PROPOSAL)
    with pytest.raises(InvalidInput):
        request_service.decline_request(boss, req.id, DeclineInput("because"))
    with pytest.raises(InvalidInput):
        request_service.decline_request(boss, req.id, DeclineInput("other", ""))
    request_service.decline_request(boss, req.id, DeclineInput("other", "我们决定自研。"))
    assert (req.state, req.decline_reason, req.decline_note) == ("declined", "other", "我们决定自研。")
    assert _notes(seller)[-1] == "request_declined"


def test_each_step_is_recorded_as_a_matching_signal(db):
    boss, scenario, profile, seller = _pair()
    req = request_service.express_interest(seller, scenario.id, PROPOSAL)
    request_service.accept_request(boss, req.id)
    other = make_scenario(owner=boss.organization)
    db.session.commit()
    invitation = request_service.invite_vendor(
        boss, other.id, profile.id, InvitationInput("想约您聊聊这个场景的方案。")
    )
    request_service.decline_request(seller, invitation.id, DeclineInput("no_capacity"))
    kinds = list(db.session.scalars(sa.select(MatchSignal.kind).order_by(MatchSignal.id)))
    assert kinds == ["interest", "accepted", "invited", "declined"]
    assert db.session.scalar(sa.select(MatchSignal.reason).where(MatchSignal.kind == "declined")) == "no_capacity"


def test_a_closed_scenario_takes_no_new_interest(db):
    _boss, scenario, _profile, seller = _pair()
    scenario.status, scenario.outcome = "closed", "dropped"
    db.session.commit()
    with pytest.raises(InvalidInput):
        request_service.express_interest(seller, scenario.id, PROPOSAL)


def test_a_request_on_a_scenario_closed_meanwhile_can_be_declined_but_not_accepted(db):
    boss, scenario, _profile, seller = _pair()
    req = request_service.express_interest(seller, scenario.id, PROPOSAL)
    scenario.status, scenario.outcome = "closed", "solved_elsewhere"
    db.session.commit()
    with pytest.raises(InvalidInput):
        request_service.accept_request(boss, req.id)
    request_service.decline_request(boss, req.id, DeclineInput("chose_other"))
    assert req.state == "declined"


# Answers that cross -------------------------------------------------------------------------------------
# Two people answer the same open request at the same moment (or cron expires it as someone answers). Each
# thread is held right after it has read the request as open, so both really try to change it: exactly one
# may win, the other is told the request was already answered, and only an accepted request has a room.


def _answer_at_once(app, monkeypatch, calls) -> tuple[list[str], list[Exception]]:
    """Run calls [(name, user id, fn(actor))] in threads that all pass the "still open?" check first."""
    checked = threading.Barrier(len(calls))
    held = threading.local()
    original = request_service.is_overdue

    def check_then_wait(*args, **kwargs):
        found = original(*args, **kwargs)
        if not getattr(held, "done", False):  # only the first check of each thread
            held.done = True
            checked.wait(timeout=10)
        return found

    monkeypatch.setattr(request_service, "is_overdue", check_then_wait)
    won, lost, errors = [], [], []

    def run(name, user_id, fn):
        with app.app_context():
            try:
                outcome = fn(db.session.get(User, user_id) if user_id else None)
                if outcome is not False:
                    won.append(name)
            except InvalidInput as exc:
                lost.append(exc)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=call) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    return won, lost


def _open_request(app):
    boss, scenario, _profile, seller = _pair()
    colleague = make_user("enterprise", organization=boss.organization, email="colleague@tyre.example")
    db.session.commit()
    req = request_service.express_interest(seller, scenario.id, PROPOSAL)
    return req.id, boss.id, colleague.id, seller.id


RACES = {
    "accept/decline": lambda boss, colleague, seller, rid: [
        ("accepted", boss, lambda a: request_service.accept_request(a, rid)),
        ("declined", colleague, lambda a: request_service.decline_request(a, rid, DeclineInput("budget"))),
    ],
    "accept/withdraw": lambda boss, colleague, seller, rid: [
        ("accepted", boss, lambda a: request_service.accept_request(a, rid)),
        ("withdrawn", seller, lambda a: request_service.withdraw_request(a, rid)),
    ],
    "decline/withdraw": lambda boss, colleague, seller, rid: [
        ("declined", boss, lambda a: request_service.decline_request(a, rid, DeclineInput("budget"))),
        ("withdrawn", seller, lambda a: request_service.withdraw_request(a, rid)),
    ],
    "accept/cron": lambda boss, colleague, seller, rid: [
        ("accepted", boss, lambda a: request_service.accept_request(a, rid)),
        (
            "expired",
            None,
            lambda _a: request_service.expire_requests(datetime.now(UTC) + timedelta(days=60)).expired == 1,
        ),
    ],
}


@pytest.mark.parametrize("race", list(RACES))
def test_two_answers_at_once_leave_one_answer_and_a_room_only_when_accepted(app, db, outbox, monkeypatch, race):
    rid, boss, colleague, seller = _open_request(app)
    won, lost = _answer_at_once(app, monkeypatch, RACES[race](boss, colleague, seller, rid))
    db.session.expire_all()
    request = db.session.get(IntroRequest, rid)
    rooms = db.session.scalar(sa.select(sa.func.count(Connection.id)).where(Connection.request_id == rid))
    assert won == [request.state]
    assert rooms == (1 if request.state == "accepted" else 0)
    # The losing answer is told (InvalidInput); a cron run that finds the request answered just moves on.
    assert len(lost) == (0 if race == "accept/cron" and request.state == "accepted" else 1)


def test_a_second_accept_that_loses_the_race_hands_back_the_room(app, db, outbox, monkeypatch):
    rid, boss, colleague, _seller = _open_request(app)
    won, lost = _answer_at_once(
        app,
        monkeypatch,
        [
            ("accepted", boss, lambda a: request_service.accept_request(a, rid)),
            ("accepted", colleague, lambda a: request_service.accept_request(a, rid)),
        ],
    )
    assert (won, lost) == (["accepted", "accepted"], [])
    assert db.session.scalar(sa.select(sa.func.count(Connection.id))) == 1


# Expiry -----------------------------------------------------------------------------------------------


def test_expire_warns_both_sides_then_expires_and_tells_both_and_is_idempotent(app, db, outbox):
    boss, scenario, _profile, seller = _pair()
    req = request_service.express_interest(seller, scenario.id, PROPOSAL)
    days, warn = app.config["REQUEST_EXPIRY_DAYS"], app.config["REQUEST_EXPIRY_WARNING_DAYS"]
    start = request_service.as_utc(req.created_at)
    outbox.clear()

    assert request_service.expire_requests(start + timedelta(days=1)).warned == 0
    almost = start + timedelta(days=days - warn, hours=1)
    assert request_service.expire_requests(almost).warned == 1
    assert request_service.expire_requests(almost).warned == 0
    assert sorted(m.recipients[0] for m in outbox) == ["boss@tyre.example", "seller@vision.example"]
    assert _notes(boss)[-1] == _notes(seller)[-1] == "request_expiring"

    late = start + timedelta(days=days, minutes=1)
    report = request_service.expire_requests(late)
    assert (report.expired, request_service.expire_requests(late).expired) == (1, 0)
    db.session.expire_all()
    assert db.session.get(IntroRequest, req.id).state == "expired"
    assert _notes(boss)[-1] == _notes(seller)[-1] == "request_expired"
    assert len(outbox) == 4


def test_an_overdue_request_reads_as_expired_before_cron_runs(app, db):
    req = make_intro_request(created_at=datetime.now(UTC) - timedelta(days=app.config["REQUEST_EXPIRY_DAYS"]))
    assert req.state == "open" and request_service.effective_state(req) == "expired"


def test_the_expiry_time_follows_the_setting(app, db):
    req = make_intro_request(created_at=datetime.now(UTC) - timedelta(days=3))
    app.config["REQUEST_EXPIRY_DAYS"] = 2
    try:
        assert request_service.effective_state(req) == "expired"
    finally:
        app.config["REQUEST_EXPIRY_DAYS"] = 14
    assert request_service.effective_state(req) == "open"


def test_the_cli_expires_requests(app, db):
    make_intro_request(created_at=datetime.now(UTC) - timedelta(days=30))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["requests", "expire"])
    assert result.exit_code == 0 and "1 expired" in result.output
    assert app.test_cli_runner().invoke(args=["requests", "expire"]).output.startswith("0 requests")


# Duplicate merge ----------------------------------------------------------------------------------------


def test_moving_requests_keeps_one_live_request_per_pair(db):
    kept, duplicate = make_scenario(), make_scenario()
    both, only_dup = make_vendor(), make_vendor()
    make_intro_request(scenario=kept, vendor=both)
    clash = make_intro_request(scenario=duplicate, vendor=both)
    moved = make_intro_request(scenario=duplicate, vendor=only_dup)
    assert request_service.move_requests(duplicate.id, kept.id) == 1
    assert (moved.scenario_id, clash.scenario_id, clash.state) == (kept.id, duplicate.id, "withdrawn")
