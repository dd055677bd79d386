"""Curation records: near-duplicate flags between scenarios, and spreadsheet import batches."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, TimestampMixin, in_check, utcnow
from app.models.scenario import Scenario
from app.models.user import User

FLAG_STATUSES = ("open", "merged", "dismissed")
FLAG_SOURCES = ("submit", "import", "scan")
# checking: a job runs the dry run; importing: a job saves the rows (see app/models/job.py).
# reading: the file waits in `content` for the read job; unreadable: that job refused it (the message is on the job).
IMPORT_STATUSES = ("reading", "unreadable", "uploaded", "checking", "mapped", "importing", "imported")
IMPORT_KINDS = ("csv", "xlsx")
# The columns a government scenario list has, in the order the mapping form shows them.
IMPORT_FIELDS = (
    "serial",
    "title",
    "owner",
    "industry",
    "description",
    "contact",
    "district",
    "budget",
    "capabilities",
    "data_available",
)


class DuplicateFlag(Base):
    """Scenario `scenario_id` reads much like the earlier `duplicate_of_id`; an admin merges or dismisses."""

    __tablename__ = "duplicate_flag"
    __table_args__ = (
        sa.UniqueConstraint("scenario_id", "duplicate_of_id", name="uq_duplicate_flag_pair"),
        sa.CheckConstraint("scenario_id <> duplicate_of_id", name="not_self"),
        sa.CheckConstraint(in_check("status", FLAG_STATUSES), name="status"),
        sa.CheckConstraint(in_check("source", FLAG_SOURCES), name="source"),
        sa.CheckConstraint("score >= 0", name="score_non_negative"),
        sa.CheckConstraint("status = 'open' OR resolved_at IS NOT NULL", name="resolved_when_closed"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    scenario_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"), index=True)
    duplicate_of_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"), index=True)
    score: so.Mapped[float] = so.mapped_column(sa.Float)
    shared_terms: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    source: so.Mapped[str] = so.mapped_column(sa.String(16), default="submit")
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="open", index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    resolved_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    resolved_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )

    scenario: so.Mapped[Scenario] = so.relationship(foreign_keys=[scenario_id])
    duplicate_of: so.Mapped[Scenario] = so.relationship(foreign_keys=[duplicate_of_id])
    resolved_by: so.Mapped[User | None] = so.relationship(foreign_keys=[resolved_by_id])


class ImportBatch(TimestampMixin, Base):
    """One uploaded spreadsheet: its rows (ImportRow, parsed once), the column mapping, and what the import did."""

    __tablename__ = "import_batch"
    __table_args__ = (
        sa.CheckConstraint(in_check("status", IMPORT_STATUSES), name="status"),
        sa.CheckConstraint(in_check("file_kind", IMPORT_KINDS), name="file_kind"),
        sa.CheckConstraint("label IS NULL OR length(trim(label)) > 0", name="label_not_blank"),
        sa.CheckConstraint(
            "rows_total >= 0 AND rows_valid >= 0 AND rows_error >= 0 AND rows_imported >= 0 "
            "AND rows_unchanged >= 0 AND organizations_created >= 0",
            name="counts_non_negative",
        ),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    filename: so.Mapped[str] = so.mapped_column(sa.String(255))
    file_sha256: so.Mapped[str] = so.mapped_column(sa.String(64), index=True)
    file_kind: so.Mapped[str] = so.mapped_column(sa.String(8))
    # For CSV: the encoding the bytes were read with (utf-8-sig or gb18030), shown to the admin.
    encoding: so.Mapped[str | None] = so.mapped_column(sa.String(16))
    sheet: so.Mapped[str | None] = so.mapped_column(sa.String(100))
    # The batch name scenarios show publicly; None unless the admin named it (a file name is often internal).
    label: so.Mapped[str | None] = so.mapped_column(sa.String(100))
    publish: so.Mapped[bool] = so.mapped_column(default=True)
    headers: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    header_rows: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)  # 1-based sheet rows of the header
    mapping: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="uploaded", index=True)
    rows_total: so.Mapped[int] = so.mapped_column(default=0)
    rows_valid: so.Mapped[int] = so.mapped_column(default=0)
    rows_error: so.Mapped[int] = so.mapped_column(default=0)
    rows_imported: so.Mapped[int] = so.mapped_column(default=0)
    rows_unchanged: so.Mapped[int] = so.mapped_column(default=0)
    organizations_created: so.Mapped[int] = so.mapped_column(default=0)
    # The dry run's findings: every row with a problem ({line, serial, title, owner, status, problems}) and a
    # sample of good rows; problems are codes with parameters, worded in the reader's language when shown.
    preview: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict, deferred=True)
    imported_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # The uploaded bytes, kept in the database (so a worker on any host reads them) only until the read job
    # has stored the rows; deferred so listing batches never loads them.
    content: so.Mapped[bytes | None] = so.mapped_column(sa.LargeBinary, deferred=True)

    created_by: so.Mapped[User | None] = so.relationship(foreign_keys=[created_by_id])


class ImportRow(Base):
    """One sheet row of an uploaded file, cleaned, stored once so later steps never read the file again."""

    __tablename__ = "import_row"
    __table_args__ = (
        sa.UniqueConstraint("batch_id", "line", name="uq_import_row_line"),
        sa.CheckConstraint("line > 0", name="line_positive"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    batch_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("import_batch.id", ondelete="CASCADE"))
    line: so.Mapped[int] = so.mapped_column()  # the row number in the sheet, as Excel shows it
    cells: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
