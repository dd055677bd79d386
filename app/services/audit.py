"""The audit log: explicit entries for admin actions, automatic ones for every change of a listing's status.

Status changes are recorded by a session listener, so whichever code path changes Scenario.status or
VendorProfile.status (a view, the CLI, the seed loader, an import) leaves a row, with the acting user when
there is one: the user the service was told about (`acting_as`), else the signed-in user of the request.
The log is append-only: the session refuses to update or delete its rows, and the database refuses too
(see app/models/audit.py).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import g, has_request_context

from app import permissions
from app.extensions import db
from app.models import AuditEntry, Scenario, User, VendorProfile
from app.services.errors import PermissionDenied
from app.services.pagination import Page


class AuditLogIsAppendOnly(RuntimeError):
    """Code tried to change or delete an audit entry."""


_acting: contextvars.ContextVar[Any] = contextvars.ContextVar("keting_audit_actor", default=None)
# The listings whose status changes are recorded whatever changes them, and the name each has in the log.
TRACKED_STATUS: dict[type[Scenario] | type[VendorProfile], str] = {
    Scenario: "scenario",
    VendorProfile: "vendor_profile",
}


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    """Attribute automatic entries written inside the block to actor (services outside a request use this)."""
    token = _acting.set(_actor_ref(actor, load=True))  # read now: inside a flush nothing may be loaded
    try:
        yield
    finally:
        _acting.reset(token)


def _actor_ref(actor: Any, load: bool = False) -> tuple[int | None, str | None]:
    """(id, email) of a user; without `load`, only what is already in memory (listeners run inside a flush,
    where loading an expired attribute is unsafe)."""
    if not isinstance(actor, User):
        return None, None
    if load:
        return actor.id, actor.email
    state: so.InstanceState[User] = sa.inspect(actor)
    actor_id = state.identity[0] if state.identity else actor.__dict__.get("id")
    return actor_id, actor.__dict__.get("email")


def _current_actor_ref() -> tuple[int | None, str | None]:
    ref = _acting.get()
    if ref is not None:
        return ref
    if has_request_context():
        # Only the user Flask-Login already loaded for this request: loading one now would query mid-flush.
        user = g.get("_login_user")
        if isinstance(user, User):
            return _actor_ref(user)
    return None, None


def jsonable(value: Any) -> Any:
    """A value as JSON can hold it: datetimes as ISO text, taxonomy nodes and models by code or id."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat(timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    code = getattr(value, "code", None)
    if isinstance(code, str):
        return code
    if hasattr(value, "__table__"):
        return getattr(value, "id", None)
    return value


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ, from both sides."""
    keys = [k for k in after if jsonable(before.get(k)) != jsonable(after.get(k))]
    return ({k: jsonable(before.get(k)) for k in keys}, {k: jsonable(after.get(k)) for k in keys})


def record(
    actor: Any,
    action: str,
    object_type: str,
    object_id: int | None = None,
    label: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
) -> AuditEntry:
    """Add one entry to the session; the caller's commit writes it together with the change it describes."""
    actor_id, actor_email = _actor_ref(actor, load=True)
    entry = AuditEntry(
        actor_id=actor_id,
        actor_email=actor_email,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=(label or "")[:200] or None,
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        note=note or None,
    )
    db.session.add(entry)
    return entry


def listing_label(obj: Any) -> str | None:
    """A listing's name from what is already loaded (never queries)."""
    if isinstance(obj, Scenario):
        return obj.__dict__.get("title")
    if isinstance(obj, VendorProfile):
        org = obj.__dict__.get("organization")
        return org.__dict__.get("name") if org is not None else None
    return None


# Listeners --------------------------------------------------------------------------------------------


def _status_rows(session: so.Session) -> list[dict[str, Any]]:
    actor_id, actor_email = _current_actor_ref()
    rows = []

    def add(obj, kind, before, after):
        rows.append(
            {
                "actor_id": actor_id,
                "actor_email": actor_email,
                "action": f"{kind}.status",
                "object_type": kind,
                "object_id": obj.id,
                "object_label": (listing_label(obj) or "")[:200] or None,
                "before": {"status": before} if before is not None else None,
                "after": {"status": after} if after is not None else None,
                "note": None,
                "created_at": datetime.now(UTC),
            }
        )

    for obj in session.new:
        kind = TRACKED_STATUS.get(type(obj))
        if kind and obj.status is not None:
            add(obj, kind, None, obj.status)
    for obj in session.dirty:
        kind = TRACKED_STATUS.get(type(obj))
        if not kind:
            continue
        history = sa.inspect(obj).attrs.status.history
        if history.added and history.deleted and history.added[0] != history.deleted[0]:
            add(obj, kind, history.deleted[0], history.added[0])
    for obj in session.deleted:
        kind = TRACKED_STATUS.get(type(obj))
        if kind:
            history = sa.inspect(obj).attrs.status.history
            before = history.deleted[0] if history.deleted else obj.status
            add(obj, kind, before, None)
    return rows


def _after_flush(session: so.Session, flush_context) -> None:
    rows = _status_rows(session)
    if rows:
        # Core insert on the flush's own connection: adding ORM objects during a flush is not supported.
        session.connection().execute(sa.insert(cast(sa.Table, AuditEntry.__table__)), rows)


def _before_flush(session: so.Session, flush_context, instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, AuditEntry):
            raise AuditLogIsAppendOnly("audit entries cannot be deleted")
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) and session.is_modified(obj):
            raise AuditLogIsAppendOnly("audit entries cannot be changed")


def _do_orm_execute(state: so.ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) == AuditEntry.__tablename__:
        raise AuditLogIsAppendOnly("audit entries cannot be changed or deleted")


_installed = False


def install() -> None:
    """Register the session listeners once per process (every session, so the CLI and tests are covered)."""
    global _installed
    if _installed:
        return
    sa.event.listen(so.Session, "before_flush", _before_flush)
    sa.event.listen(so.Session, "after_flush", _after_flush)
    sa.event.listen(so.Session, "do_orm_execute", _do_orm_execute)
    # Load the old status before it is replaced even when the object was expired by a commit, so the flush
    # can tell what it was changed from.
    for model in TRACKED_STATUS:
        sa.event.listen(model.status, "set", _noop_set, active_history=True)
    _installed = True


def _noop_set(target, value, oldvalue, initiator):
    return value


install()  # importing the module is enough; create_app calls it too, which is harmless


# Reading ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditQuery:
    action: str | None = None
    object_type: str | None = None
    object_id: int | None = None
    actor: str | None = None  # an email, or part of one
    since: date | None = None
    until: date | None = None
    page: int = 1
    per_page: int = 50


def _conditions(query: AuditQuery) -> list:
    conds: list = []
    if query.action:
        # "scenario" finds scenario.status, scenario.approve ...; a full name finds that action only.
        conds.append(
            AuditEntry.action == query.action if "." in query.action else AuditEntry.action.like(f"{query.action}.%")
        )
    if query.object_type:
        conds.append(AuditEntry.object_type == query.object_type)
    if query.object_id is not None:
        conds.append(AuditEntry.object_id == query.object_id)
    if query.actor:
        if query.actor == "system":
            conds.append(AuditEntry.actor_id.is_(None))
        else:
            conds.append(AuditEntry.actor_email.like(f"%{query.actor.lower()}%"))
    if query.since:
        conds.append(AuditEntry.created_at >= datetime.combine(query.since, time.min, tzinfo=UTC))
    if query.until:
        conds.append(AuditEntry.created_at < datetime.combine(query.until + timedelta(days=1), time.min, tzinfo=UTC))
    return conds


def audit_entries(actor: Any, query: AuditQuery) -> Page[AuditEntry]:
    """Entries matching the filters, newest first, one page of them."""
    if not permissions.can_view_audit(actor):
        raise PermissionDenied("Only admins read the audit log.")
    conds = _conditions(query)
    total = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(*conds)) or 0
    pages = max(1, -(-total // query.per_page))
    page = min(max(1, query.page), pages)
    items = db.session.scalars(
        sa.select(AuditEntry)
        .where(*conds)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(query.per_page)
        .offset((page - 1) * query.per_page)
    ).all()
    return Page(items=items, page=page, per_page=query.per_page, total=total)


def audit_actions() -> list[str]:
    """Every action name in the log, for the filter's list."""
    return list(
        db.session.scalars(sa.select(AuditEntry.action).group_by(AuditEntry.action).order_by(AuditEntry.action))
    )


def history(object_type: str, object_ids: Iterable[int], limit: int = 100) -> list[AuditEntry]:
    """The newest entries about these records (a listing's page shows its own story)."""
    ids = list(object_ids)
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.object_type == object_type, AuditEntry.object_id.in_(ids))
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
    )
