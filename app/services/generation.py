"""The catalogue generation: one number bumped in the same transaction as any change to what public pages show.

Listings (scenarios, vendor profiles), organizations, taxonomy entries, an organization's members (whether
it is "not on Keting yet") and the row naming the matcher's index (search and similar listings read it) are the
catalogue. Every flush that inserts, changes or deletes one of them, and every ORM bulk UPDATE/DELETE/INSERT on
them, bumps `catalogue_generation.value` on the same connection, so the
new number becomes visible exactly when the change does, and a rolled-back change never bumps it.

Cached counts and cached anonymous pages are keyed by the generation (`cached(...)`), and pages use it as their
ETag: a cached value is never used once the catalogue it was computed from changed, whichever worker computed
it (after at most CATALOGUE_GENERATION_TTL seconds in other processes; at once in the one that committed).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple, TypeVar

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, g, has_app_context

from app.extensions import db
from app.models import (
    Capability,
    CatalogueGeneration,
    Industry,
    MatcherState,
    Organization,
    Scenario,
    User,
    VendorProfile,
    scenario_capability,
    vendor_capability,
    vendor_industry,
)
from app.models.base import utcnow

T = TypeVar("T")
ROW_ID = 1
# Search hits and "similar scenarios" come from the matcher's index: the row naming it changes when the index does
# (a background job may bring it up to date after the listing's own commit), so it counts as the catalogue too.
CATALOGUE_MODELS: tuple[type, ...] = (Scenario, VendorProfile, Organization, Industry, Capability, MatcherState)
CATALOGUE_TABLES = frozenset(
    t.name
    for t in (
        *(m.__table__ for m in CATALOGUE_MODELS),  # type: ignore[attr-defined]
        scenario_capability,
        vendor_capability,
        vendor_industry,
    )
)


class Generation(NamedTuple):
    value: int
    changed_at: datetime

    @property
    def token(self) -> str:
        """What cache keys and ETags carry: the number and the time of its last change, so a catalogue that was
        wiped and started again at 1 (a reset database, each test's) never meets the pages of the old one."""
        return f"{self.value}.{int(self.changed_at.timestamp() * 1_000_000)}"


_memo: tuple[float, Generation] | None = None  # (read at, value): this process's last reading


def current() -> Generation:
    """The committed generation and when it last changed.

    Read once per request (then kept on `g`), and at most once per CATALOGUE_GENERATION_TTL seconds per process:
    a page served from the cache then costs no database round trip at all, and a change reaches visitors of
    other processes within that time (this process forgets its reading at each of its own commits).
    """
    global _memo
    if has_app_context() and "catalogue_generation" in g:
        return g.catalogue_generation
    ttl = float(current_app.config.get("CATALOGUE_GENERATION_TTL") or 0) if has_app_context() else 0.0
    memo = _memo
    if ttl > 0 and memo is not None and time.monotonic() - memo[0] < ttl:
        found = memo[1]
    else:
        row = db.session.execute(
            sa.select(CatalogueGeneration.value, CatalogueGeneration.changed_at).where(CatalogueGeneration.id == ROW_ID)
        ).first()
        if row is None:
            found = Generation(0, datetime(2026, 1, 1, tzinfo=UTC))
        else:
            changed = row.changed_at if row.changed_at.tzinfo else row.changed_at.replace(tzinfo=UTC)
            found = Generation(int(row.value), changed)
        _memo = (time.monotonic(), found)
    if has_app_context():
        g.catalogue_generation = found
    return found


def catalogue_generation() -> int:
    """The committed catalogue generation: it grows with every committed change to the catalogue."""
    return current().value


def forget(everywhere: bool = False) -> None:
    """Read the generation afresh on the next call of this request (and of this process, with everywhere)."""
    global _memo
    if everywhere:
        _memo = None
    if has_app_context():
        g.pop("catalogue_generation", None)


def bump(connection: sa.Connection) -> None:
    """Grow the generation by one on this connection, inside its transaction."""
    table = sa.table(
        "catalogue_generation", sa.column("id"), sa.column("value", sa.BigInteger), sa.column("changed_at")
    )
    now = utcnow()
    done = connection.execute(
        sa.update(table).where(table.c.id == ROW_ID).values(value=table.c.value + 1, changed_at=now)
    )
    if not done.rowcount:  # a database made by create_all (tests) has no row yet
        connection.execute(sa.insert(table).values(id=ROW_ID, value=1, changed_at=now))


def cached(name: str, compute: Callable[[], T], *key: Any, timeout: int | None = None) -> T:
    """compute(), cached under (name, key, generation): it is computed again once the catalogue changes."""
    from app.extensions import cache

    parts = hashlib.sha1(repr(key).encode(), usedforsecurity=False).hexdigest()
    full = f"{name}:{current().token}:{parts}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, timeout=timeout)
    return value


def _member_change(obj: object, state: str) -> bool:
    """Whether this user row changes who belongs to an organization (a login or a new password does not)."""
    if not isinstance(obj, User):
        return False
    if state == "deleted":
        return True
    if state == "new":
        return obj.organization_id is not None or obj.__dict__.get("organization") is not None
    attrs: Any = sa.inspect(obj).attrs
    return attrs.organization_id.history.has_changes() or attrs.organization.history.has_changes()


def _touches_catalogue(session: so.Session) -> bool:
    for state, objects in (("new", session.new), ("deleted", session.deleted)):
        if any(isinstance(obj, CATALOGUE_MODELS) or _member_change(obj, state) for obj in objects):
            return True
    return any(
        (isinstance(obj, CATALOGUE_MODELS) and session.is_modified(obj)) or _member_change(obj, "dirty")
        for obj in session.dirty
    )


def _before_flush(session: so.Session, _context, _instances) -> None:
    # Before the flush's own statements: every transaction takes this row's lock before any listing's, in the
    # same order whatever it changes, so two writers cannot wait for each other.
    if _touches_catalogue(session):
        bump(session.connection())


def _bulk_statement(state: so.ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    tables = {getattr(m, "local_table", None) for m in state.all_mappers}
    table = getattr(state.statement, "table", None)
    names = {t.name for t in tables if t is not None} | ({table.name} if table is not None else set())
    if names & CATALOGUE_TABLES:
        bump(state.session.connection())


def _after_commit(session: so.Session) -> None:
    forget(everywhere=True)


_installed = False


def install() -> None:
    """Listen on every session: flushes and bulk statements that change the catalogue bump the generation."""
    global _installed
    if _installed:
        return
    sa.event.listen(so.Session, "before_flush", _before_flush)
    sa.event.listen(so.Session, "do_orm_execute", _bulk_statement)
    sa.event.listen(so.Session, "after_commit", _after_commit)
    _installed = True
