"""Vendor profiles: what an AI vendor can do and for which industries."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, TimestampMixin, in_check
from app.models.organization import Organization
from app.models.taxonomy import Capability, Industry

PROFILE_STATUSES = ("draft", "pending", "changes_requested", "published", "rejected", "archived")
MAX_TEAM_SIZE = 1_000_000

vendor_capability = sa.Table(
    "vendor_capability",
    Base.metadata,
    sa.Column("vendor_id", sa.ForeignKey("vendor_profile.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("capability_id", sa.ForeignKey("capability.id", ondelete="RESTRICT"), primary_key=True, index=True),
)

vendor_industry = sa.Table(
    "vendor_industry",
    Base.metadata,
    sa.Column("vendor_id", sa.ForeignKey("vendor_profile.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("industry_id", sa.ForeignKey("industry.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class VendorProfile(TimestampMixin, Base):
    __tablename__ = "vendor_profile"
    __table_args__ = (
        sa.CheckConstraint(in_check("status", PROFILE_STATUSES), name="status"),
        sa.CheckConstraint("team_size IS NULL OR team_size >= 0", name="team_size_non_negative"),
        sa.CheckConstraint(f"team_size IS NULL OR team_size <= {MAX_TEAM_SIZE}", name="team_size_at_most_max"),
        # The review queue: a page of one status in waiting order, read from the index, not sorted per view.
        sa.Index("ix_vendor_profile_status_waiting", "status", sa.text("coalesce(submitted_at, created_at)"), "id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    organization_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), unique=True
    )
    status: so.Mapped[str] = so.mapped_column(sa.String(24), default="draft", index=True)
    products: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    case_studies: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    certifications: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    languages: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    team_size: so.Mapped[int | None] = so.mapped_column()
    review_note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    submitted_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    published_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    organization: so.Mapped[Organization] = so.relationship(back_populates="vendor_profile")
    capabilities: so.Mapped[list[Capability]] = so.relationship(
        secondary=vendor_capability, order_by=Capability.position
    )
    industries: so.Mapped[list[Industry]] = so.relationship(secondary=vendor_industry, order_by=Industry.position)
