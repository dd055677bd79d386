"""Notifications: preferences decide the email, the digest is sent once per period, the count is one query."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.models import DigestDelivery, Match, Notification, NotificationPreference
from app.services import notifications
from app.services.inputs import NotificationSettingsInput
from tests.factories import make_scenario, make_user, make_vendor

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture(autouse=True)
def _an_hour_before_the_digest(clock):
    """Rows are written an hour before NOW, whatever today's date is; the digests are sent at NOW."""
    clock(NOW - timedelta(hours=1))


def _note(user, **data):
    return notifications.notify(
        [user], "message_received", data={"org": "青视科技", "org_en": "Qingshi Vision", "scenario": "胎面检测", **data}
    )


def _vendor_user(**kw):
    profile = make_vendor(status="published")
    return make_user("vendor", organization=profile.organization, **kw), profile


def test_immediate_email_goes_out_after_commit_and_not_after_rollback(db, outbox):
    user = make_user(email="a@example.com")
    _note(user)
    assert outbox == []
    db.session.rollback()
    assert outbox == []
    user = make_user(email="b@example.com")
    _note(user)
    db.session.commit()
    assert [m.recipients for m in outbox] == [["b@example.com"]]


def test_the_email_speaks_the_recipients_language(db, outbox):
    user = make_user(email="en@example.com", locale="en")
    _note(user)
    db.session.commit()
    assert "New message from Qingshi Vision" in outbox[0].subject and "/notifications/settings" in outbox[0].body


def test_daily_digest_users_get_no_immediate_email_and_off_users_get_none(db, outbox):
    daily, off = make_user(), make_user()
    notifications.update_settings(daily, NotificationSettingsInput("daily"))
    notifications.update_settings(off, NotificationSettingsInput("off"))
    _note(daily)
    _note(off)
    db.session.commit()
    assert outbox == []
    states = dict(db.session.execute(sa.select(Notification.user_id, Notification.email_state)).all())
    assert states == {daily.id: "pending", off.id: "none"}


def test_the_digest_sends_waiting_notifications_once_per_period(db, outbox, clock):
    user = make_user(email="digest@example.com")
    notifications.update_settings(user, NotificationSettingsInput("daily"))
    _note(user)
    db.session.commit()
    first = notifications.send_digests(NOW)
    assert (first.sent, first.period) == (1, "2026-12-01")
    assert "青视科技" in outbox[0].body and outbox[0].recipients == ["digest@example.com"]
    clock(NOW + timedelta(hours=1))
    _note(user)
    db.session.commit()
    again = notifications.send_digests(NOW + timedelta(hours=3))
    assert (again.sent, again.already_sent, len(outbox)) == (0, 1, 1)
    next_day = notifications.send_digests(NOW + timedelta(days=1))
    assert next_day.sent == 1 and len(outbox) == 2
    assert db.session.scalar(sa.select(sa.func.count(DigestDelivery.id))) == 2


def test_a_second_digest_row_for_the_same_period_is_refused_by_the_database(db):
    from sqlalchemy.exc import IntegrityError

    user = make_user()
    db.session.add(DigestDelivery(user_id=user.id, period="2026-12-01", until_at=NOW))
    db.session.flush()
    db.session.add(DigestDelivery(user_id=user.id, period="2026-12-01", until_at=NOW))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_vendors_get_new_matching_scenarios_since_their_last_digest(db, outbox):
    _seller, profile = _vendor_user(email="seller@example.com")
    old = make_scenario(title="上个月的老场景", published_at=NOW - timedelta(days=30))
    new = make_scenario(title="昨天发布的新场景", published_at=NOW - timedelta(days=1))
    unmatched = make_scenario(title="没匹配上的场景", published_at=NOW - timedelta(days=1))
    for scenario, rank in ((old, 1), (new, 2)):
        db.session.add(Match(scenario=scenario, vendor=profile, score=0.8, rank=rank, reasons=[]))
    db.session.commit()
    report = notifications.send_digests(NOW)
    assert report.sent == 1
    body = outbox[0].body
    assert "昨天发布的新场景" in body and "上个月的老场景" not in body and unmatched.title not in body
    later = make_scenario(title="今天下午发布的场景", published_at=NOW + timedelta(hours=5))
    db.session.add(Match(scenario=later, vendor=profile, score=0.7, rank=3, reasons=[]))
    db.session.commit()
    notifications.send_digests(NOW + timedelta(days=1))
    assert "今天下午发布的场景" in outbox[1].body and "昨天发布的新场景" not in outbox[1].body


def test_vendors_who_turned_off_the_match_digest_get_none(db, outbox):
    seller, profile = _vendor_user()
    notifications.update_settings(seller, NotificationSettingsInput("immediate", match_digest=False))
    scenario = make_scenario(published_at=NOW - timedelta(hours=2))
    db.session.add(Match(scenario=scenario, vendor=profile, score=0.8, rank=1, reasons=[]))
    db.session.commit()
    assert notifications.send_digests(NOW).sent == 0 and outbox == []


def test_nothing_new_means_no_digest_and_no_record(db, outbox):
    _vendor_user()
    db.session.commit()
    assert notifications.send_digests(NOW).nothing_to_send == 1
    assert outbox == [] and db.session.scalar(sa.select(sa.func.count(DigestDelivery.id))) == 0


def test_the_digest_command_runs_from_cron(app, db, clock):
    user = make_user()
    notifications.update_settings(user, NotificationSettingsInput("daily"))
    _note(user)
    db.session.commit()
    clock.shift(timedelta(minutes=5))
    runner = app.test_cli_runner()
    assert ": 1 sent" in runner.invoke(args=["digest", "send"]).output
    assert ": 0 sent, 1 already sent" in runner.invoke(args=["digest", "send"]).output


def test_turning_email_off_drops_what_waits_for_the_digest(db):
    user = make_user()
    notifications.update_settings(user, NotificationSettingsInput("daily"))
    _note(user)
    notifications.update_settings(user, NotificationSettingsInput("off"))
    assert db.session.scalar(sa.select(Notification.email_state)) == "none"
    assert db.session.get(NotificationPreference, user.id).email_mode == "off"


def test_the_unread_count_is_one_query(app, db):
    user = make_user()
    for _ in range(3):
        _note(user)
    notifications.notify([user], "meeting_proposed", data={"org": "青视科技", "scenario": "胎面检测"})
    db.session.commit()
    db.session.refresh(user)
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert notifications.unread_count(user) == 2  # three messages are one entry, the meeting another
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert len(statements) == 1 and "count" in statements[0].lower()


def test_the_header_count_costs_one_query_per_page(client, login_as, db):
    user = make_user()
    _note(user)
    login_as(user)
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        html = client.get("/vendors").get_data(as_text=True)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert 'class="notif-count"' in html
    assert sum("notification" in s.lower() for s in statements) == 1
