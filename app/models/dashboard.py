"""The admin dashboard's expensive figures, kept as last computed so /admin/ reads one row instead of scanning."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base


class DashboardSummary(Base):
    """One row: the figures (counts by status, industry, capability and district, the funnel, the capability
    gaps) as computed at `computed_at` by app.services.dashboard.refresh_aggregates.

    `version` is the shape of `figures`: a row written by an older shape is ignored and computed again.
    """

    __tablename__ = "dashboard_summary"
    __table_args__ = (
        sa.CheckConstraint("id = 1", name="single_row"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
        sa.CheckConstraint("duration_ms >= 0", name="duration_non_negative"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    version: so.Mapped[int] = so.mapped_column()
    figures: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON)
    computed_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True))
    duration_ms: so.Mapped[int] = so.mapped_column(default=0)
