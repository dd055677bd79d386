"""The audit log: status changes recorded whatever makes them, admin actions explicit, rows never changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from app import create_app
from app.config import TestConfig
from app.extensions import db as _db
from app.models import AuditEntry, Scenario, VendorProfile
from app.services import audit
from app.services.audit import AuditLogIsAppendOnly, AuditQuery
from app.services.errors import PermissionDenied
from tests.conftest import ON_POSTGRES
from tests.factories import make_scenario, make_user, make_vendor


def _status_entries(object_type: str, object_id: int) -> list[AuditEntry]:
    return list(
        _db.session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.action == f"{object_type}.status", AuditEntry.object_id == object_id)
            .order_by(AuditEntry.id)
        )
    )


def test_creating_and_changing_a_scenario_records_each_status_with_before_and_after(db):
    scenario = make_scenario(status="draft")
    _db.session.commit()
    scenario.status = "pending"
    _db.session.commit()
    rows = _status_entries("scenario", scenario.id)
    assert [(r.before, r.after) for r in rows] == [
        (None, {"status": "draft"}),
        ({"status": "draft"}, {"status": "pending"}),
    ]
    assert rows[0].object_label == scenario.title
    assert rows[0].actor_id is None  # no request, no acting_as: the system did it


def test_a_change_that_keeps_the_status_writes_nothing(db):
    scenario = make_scenario(status="published")
    _db.session.commit()
    before = len(_status_entries("scenario", scenario.id))
    scenario.title = "只改标题不改状态的场景"
    _db.session.commit()
    assert len(_status_entries("scenario", scenario.id)) == before


def test_vendor_profile_status_changes_are_recorded_too(db):
    profile = make_vendor(status="draft")
    _db.session.commit()
    profile.status = "pending"
    _db.session.commit()
    assert _status_entries("vendor_profile", profile.id)[-1].after == {"status": "pending"}


def test_a_withdrawal_in_a_request_is_attributed_to_the_signed_in_user(client, login_as):
    user = make_user("enterprise", email="owner@example.com")
    scenario = make_scenario(owner=user.organization, status="pending")
    login_as(user)
    client.post(f"/my/scenarios/{scenario.id}/withdraw")
    last = _status_entries("scenario", scenario.id)[-1]
    assert (last.after, last.actor_id, last.actor_email) == ({"status": "draft"}, user.id, "owner@example.com")


def test_acting_as_names_the_actor_outside_a_request(db):
    admin = make_user("admin", email="cli@keting.local")
    scenario = make_scenario(status="pending")
    _db.session.commit()
    with audit.acting_as(admin):
        scenario.status = "published"
        _db.session.commit()
    assert _status_entries("scenario", scenario.id)[-1].actor_email == "cli@keting.local"


def test_deleting_a_listing_records_its_last_status(db):
    scenario = make_scenario(status="published")
    _db.session.commit()
    scenario_id = scenario.id
    _db.session.delete(scenario)
    _db.session.commit()
    assert _status_entries("scenario", scenario_id)[-1].after is None


def _one_entry() -> AuditEntry:
    entry = audit.record(None, "test.entry", "scenario", 1, "label", {"a": 1}, {"a": 2})
    _db.session.commit()
    return entry


def test_the_session_refuses_to_change_an_entry(db):
    entry = _one_entry()
    entry.note = "rewriting history"
    with pytest.raises(AuditLogIsAppendOnly):
        _db.session.commit()
    _db.session.rollback()


def test_the_session_refuses_to_delete_an_entry(db):
    entry = _one_entry()
    _db.session.delete(entry)
    with pytest.raises(AuditLogIsAppendOnly):
        _db.session.commit()
    _db.session.rollback()


def test_the_session_refuses_bulk_updates_and_deletes_of_the_log(db):
    _one_entry()
    with pytest.raises(AuditLogIsAppendOnly):
        _db.session.execute(sa.update(AuditEntry).values(note="x"))
    with pytest.raises(AuditLogIsAppendOnly):
        _db.session.execute(sa.delete(AuditEntry))
    _db.session.rollback()


@pytest.mark.skipif(not ON_POSTGRES, reason="the create_all schema has the trigger on PostgreSQL only")
def test_postgresql_refuses_update_and_delete_from_any_client(db):
    _one_entry()
    for statement in ("UPDATE audit_log SET note = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), _db.engine.begin() as conn:
            conn.execute(sa.text(statement))


def test_a_migrated_database_refuses_update_and_delete_of_the_log(empty_database_uri):
    from flask_migrate import upgrade

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = empty_database_uri

    app = create_app(Config)
    with app.app_context():
        upgrade()
        with _db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO audit_log (created_at, action, object_type) "
                    "VALUES (CURRENT_TIMESTAMP, 'test.entry', 'scenario')"
                )
            )
        for statement in ("UPDATE audit_log SET note = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"), _db.engine.begin() as conn:
                conn.execute(sa.text(statement))
        with _db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM audit_log")).scalar() == 1
        _db.engine.dispose()


def test_the_log_filters_by_action_record_actor_and_date(db):
    admin = make_user("admin", email="filter@keting.local")
    scenario = make_scenario(status="pending")
    _db.session.commit()
    with audit.acting_as(admin):
        scenario.status = "published"
        audit.record(admin, "scenario.approve", "scenario", scenario.id, scenario.title)
        _db.session.commit()
    page = audit.audit_entries(admin, AuditQuery(action="scenario.approve"))
    assert [e.action for e in page.items] == ["scenario.approve"]
    by_prefix = audit.audit_entries(admin, AuditQuery(action="scenario", object_id=scenario.id))
    assert {e.action for e in by_prefix.items} == {"scenario.approve", "scenario.status"}
    assert audit.audit_entries(admin, AuditQuery(actor="filter@")).total == 2
    assert audit.audit_entries(admin, AuditQuery(actor="system", object_id=scenario.id)).total == 1
    assert audit.audit_entries(admin, AuditQuery(since=date.today() + timedelta(days=1))).total == 0


def test_only_admins_read_the_log(db):
    with pytest.raises(PermissionDenied):
        audit.audit_entries(make_user("vendor"), AuditQuery())


def test_entries_survive_what_they_describe(db):
    profile = make_vendor(status="pending")
    _db.session.commit()
    profile_id = profile.id
    _db.session.delete(profile)
    _db.session.commit()
    assert _db.session.get(VendorProfile, profile_id) is None
    assert _status_entries("vendor_profile", profile_id)
    assert _db.session.scalar(sa.select(sa.func.count(Scenario.id))) == 0
