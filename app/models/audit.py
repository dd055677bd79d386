"""The audit log: who did what to which record, when, with the values before and after. Append-only.

Rows are only ever inserted. The ORM refuses to update or delete them (app/services/audit.py), and on
PostgreSQL a trigger refuses UPDATE and DELETE whatever client tries (the migration adds the same on SQLite).
The actor is kept as an id and an email snapshot, not a foreign key: an audit row must never change or block
a change elsewhere, and the email says who it was even if the account is renamed later.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, utcnow

# What an audit row can be about; the listing kinds match the review queue's.
AUDIT_OBJECT_TYPES = (
    "scenario",
    "vendor_profile",
    "review",
    "organization",
    "user",
    "industry",
    "capability",
    "duplicate_flag",
    "import_batch",
    "export",
    "page",
)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        sa.Index("ix_audit_log_object", "object_type", "object_id"),
        sa.CheckConstraint("length(action) > 0", name="action_not_empty"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    actor_id: so.Mapped[int | None] = so.mapped_column(index=True)
    actor_email: so.Mapped[str | None] = so.mapped_column(sa.String(254))
    # A dotted verb: scenario.status, scenario.approve, organization.verify, import.run, taxonomy.merge ...
    action: so.Mapped[str] = so.mapped_column(sa.String(64), index=True)
    object_type: so.Mapped[str] = so.mapped_column(sa.String(32))
    object_id: so.Mapped[int | None] = so.mapped_column()
    # The record's name when the entry was written (a title, an email), so the log reads without joins.
    object_label: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    before: so.Mapped[dict[str, Any] | None] = so.mapped_column(sa.JSON)
    after: so.Mapped[dict[str, Any] | None] = so.mapped_column(sa.JSON)
    note: so.Mapped[str | None] = so.mapped_column(sa.Text)


# PostgreSQL: refuse UPDATE and DELETE in the database itself (TRUNCATE stays possible for the owner, which
# the tests use to empty tables). The migration creates the same function and trigger; this covers create_all.
PG_APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""
PG_APPEND_ONLY_TRIGGER = """
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
"""
SQLITE_APPEND_ONLY_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END",
)

# DDL applies %-formatting to its text (for %(table)s and the like), so the RAISE placeholder is doubled.
sa.event.listen(
    AuditEntry.__table__,
    "after_create",
    sa.DDL(PG_APPEND_ONLY_FUNCTION.replace("%", "%%")).execute_if(dialect="postgresql"),
)
sa.event.listen(AuditEntry.__table__, "after_create", sa.DDL(PG_APPEND_ONLY_TRIGGER).execute_if(dialect="postgresql"))
