"""Scenarios: a real business problem at a real site, posted by an enterprise."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, TimestampMixin, in_check
from app.models.organization import Organization
from app.models.taxonomy import DISTRICTS, Capability, Industry

SCENARIO_STATUSES = ("draft", "pending", "published", "rejected", "closed")
LANGUAGES = ("zh", "en")
CONFIDENTIALITY = ("public", "verified_only")

scenario_capability = sa.Table(
    "scenario_capability",
    Base.metadata,
    sa.Column("scenario_id", sa.ForeignKey("scenario.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("capability_id", sa.ForeignKey("capability.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class Scenario(TimestampMixin, Base):
    __tablename__ = "scenario"
    __table_args__ = (
        sa.CheckConstraint(in_check("status", SCENARIO_STATUSES), name="status"),
        sa.CheckConstraint(in_check("language", LANGUAGES), name="language"),
        sa.CheckConstraint(in_check("confidentiality", CONFIDENTIALITY), name="confidentiality"),
        sa.CheckConstraint(f"district IS NULL OR {in_check('district', DISTRICTS)}", name="district"),
        sa.CheckConstraint("budget_min IS NULL OR budget_min >= 0", name="budget_min_non_negative"),
        sa.CheckConstraint("budget_max IS NULL OR budget_max >= 0", name="budget_max_non_negative"),
        sa.CheckConstraint("budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max",
                           name="budget_range"),
        sa.CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        sa.Index("ix_scenario_status_published_at", "status", "published_at"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    owner_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    description: so.Mapped[str] = so.mapped_column(sa.Text)
    industry_id: so.Mapped[Optional[int]] = so.mapped_column(
        sa.ForeignKey("industry.id", ondelete="RESTRICT"), index=True)
    district: so.Mapped[Optional[str]] = so.mapped_column(sa.String(32), index=True)
    budget_min: so.Mapped[Optional[int]] = so.mapped_column(sa.BigInteger)
    budget_max: so.Mapped[Optional[int]] = so.mapped_column(sa.BigInteger)
    timeline: so.Mapped[Optional[str]] = so.mapped_column(sa.String(200))
    data_available: so.Mapped[Optional[str]] = so.mapped_column(sa.Text)
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="draft", index=True)
    featured: so.Mapped[bool] = so.mapped_column(default=False)
    source_batch: so.Mapped[Optional[str]] = so.mapped_column(sa.String(100), index=True)
    language: so.Mapped[str] = so.mapped_column(sa.String(8), default="zh")
    confidentiality: so.Mapped[str] = so.mapped_column(sa.String(16), default="public")
    external_ref: so.Mapped[Optional[str]] = so.mapped_column(sa.String(120), unique=True)
    submitted_at: so.Mapped[Optional[datetime]] = so.mapped_column(sa.DateTime(timezone=True))
    published_at: so.Mapped[Optional[datetime]] = so.mapped_column(sa.DateTime(timezone=True))

    owner: so.Mapped[Organization] = so.relationship(back_populates="scenarios")
    industry: so.Mapped[Optional[Industry]] = so.relationship()
    capabilities: so.Mapped[list[Capability]] = so.relationship(
        secondary=scenario_capability, order_by=Capability.position)

    @property
    def is_demo(self) -> bool:
        return bool(self.external_ref and self.external_ref.startswith("seed:"))
