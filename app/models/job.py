"""Background jobs: one row per piece of long work, which the worker updates and the admin pages read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, in_check, utcnow
from app.models.curation import ImportBatch
from app.models.user import User

JOB_KINDS = ("import_read", "import_check", "import", "match_rebuild", "taxonomy_rebuild", "duplicate_scan")
JOB_STATES = ("queued", "running", "done", "failed")
ACTIVE_JOB_STATES = ("queued", "running")


class Job(Base):
    """What a worker is doing or did: progress (done of total), where to resume, and how it ended."""

    __tablename__ = "job"
    __table_args__ = (
        sa.CheckConstraint(in_check("kind", JOB_KINDS), name="kind"),
        sa.CheckConstraint(in_check("state", JOB_STATES), name="state"),
        sa.CheckConstraint("done >= 0 AND total >= 0 AND attempts >= 0", name="counts_non_negative"),
        sa.CheckConstraint(
            "kind NOT IN ('import', 'import_check', 'import_read') OR import_batch_id IS NOT NULL",
            name="import_has_batch",
        ),
        # One live job per import batch, enforced by the database: two "Import" posts at once get one job.
        sa.Index(
            "uq_job_active_import",
            "import_batch_id",
            unique=True,
            sqlite_where=sa.text("state IN ('queued', 'running')"),
            postgresql_where=sa.text("state IN ('queued', 'running')"),
        ),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(32))
    state: so.Mapped[str] = so.mapped_column(sa.String(16), default="queued", index=True)
    stage: so.Mapped[str | None] = so.mapped_column(sa.String(32))
    done: so.Mapped[int] = so.mapped_column(default=0)
    total: so.Mapped[int] = so.mapped_column(default=0)
    attempts: so.Mapped[int] = so.mapped_column(default=0)
    result: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    error: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # Where a retry starts again (e.g. the counts so far of an import whose finished batches are committed).
    checkpoint: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    import_batch_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    started_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # Touched after every batch: a running job whose heartbeat is old was killed and may be retried.
    heartbeat_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    finished_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    created_by: so.Mapped[User | None] = so.relationship(foreign_keys=[created_by_id])
    import_batch: so.Mapped[ImportBatch | None] = so.relationship(foreign_keys=[import_batch_id])

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return min(100, int(100 * self.done / self.total)) if self.total else 0
