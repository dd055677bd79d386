"""Scenarios: a real business problem at a real site, posted by an enterprise."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, TimestampMixin, in_check
from app.models.organization import Organization
from app.models.taxonomy import DISTRICTS, Capability, Industry

if TYPE_CHECKING:
    from app.models.user import User

# changes_requested: the reviewer asked the poster to improve it; archived: taken off the public list by an admin;
# merged: a near-duplicate folded into another scenario (merged_into_id), whose page it redirects to.
SCENARIO_STATUSES = ("draft", "pending", "changes_requested", "published", "rejected", "closed", "archived", "merged")
LANGUAGES = ("zh", "en")
CONFIDENTIALITY = ("public", "verified_only")
# How a closed scenario ended: solved with a vendor met here, solved some other way, or given up.
OUTCOMES = ("solved_platform", "solved_elsewhere", "dropped")
# Budgets above ten billion yuan are typing mistakes, not industrial AI projects.
MAX_BUDGET = 10_000_000_000
MAX_DESCRIPTION_CHARS = 20_000

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
        sa.CheckConstraint("budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max", name="budget_range"),
        sa.CheckConstraint(f"budget_min IS NULL OR budget_min <= {MAX_BUDGET}", name="budget_min_at_most_max_budget"),
        sa.CheckConstraint(f"budget_max IS NULL OR budget_max <= {MAX_BUDGET}", name="budget_max_at_most_max_budget"),
        sa.CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        sa.CheckConstraint("length(trim(description)) > 0", name="description_not_blank"),
        sa.CheckConstraint(f"length(description) <= {MAX_DESCRIPTION_CHARS}", name="description_length"),
        sa.CheckConstraint(f"outcome IS NULL OR {in_check('outcome', OUTCOMES)}", name="outcome"),
        sa.CheckConstraint("outcome IS NULL OR status = 'closed'", name="outcome_only_when_closed"),
        sa.Index("ix_scenario_status_published_at", "status", "published_at"),
        # The review queue: a page of one status in waiting order, read from the index, not sorted per view.
        sa.Index("ix_scenario_status_waiting", "status", sa.text("coalesce(submitted_at, created_at)"), "id"),
        # Published scenarios their owner changed since an admin checked: a handful, counted on every queue view.
        sa.Index(
            "ix_scenario_edited_after_publish",
            "status",
            postgresql_where=sa.text("edited_after_publish_at IS NOT NULL"),
            sqlite_where=sa.text("edited_after_publish_at IS NOT NULL"),
        ),
        sa.CheckConstraint("merged_into_id IS NULL OR status = 'merged'", name="merged_into_only_when_merged"),
        sa.CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id", name="not_merged_into_itself"),
        # Joins from matches and search hits that only ask "is it published?" read this index, not the rows.
        sa.Index("ix_scenario_id_status", "id", "status"),
        # The list's batch filter (the distinct batches of published scenarios) from the index alone.
        sa.Index("ix_scenario_status_source_batch", "status", "source_batch"),
        # The home page's published scenarios by industry, counted from the index alone.
        sa.Index("ix_scenario_status_industry_id", "status", "industry_id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    owner_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    description: so.Mapped[str] = so.mapped_column(sa.Text)
    industry_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("industry.id", ondelete="RESTRICT"), index=True)
    district: so.Mapped[str | None] = so.mapped_column(sa.String(32), index=True)
    budget_min: so.Mapped[int | None] = so.mapped_column(sa.BigInteger)
    budget_max: so.Mapped[int | None] = so.mapped_column(sa.BigInteger)
    timeline: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    data_available: so.Mapped[str | None] = so.mapped_column(sa.Text)
    status: so.Mapped[str] = so.mapped_column(sa.String(24), default="draft", index=True)
    featured: so.Mapped[bool] = so.mapped_column(default=False)
    source_batch: so.Mapped[str | None] = so.mapped_column(sa.String(100), index=True)
    language: so.Mapped[str] = so.mapped_column(sa.String(8), default="zh")
    confidentiality: so.Mapped[str] = so.mapped_column(sa.String(16), default="public")
    external_ref: so.Mapped[str | None] = so.mapped_column(sa.String(120), unique=True)
    submitted_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    published_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    closed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # When the owner first changed the scenario since an admin last looked at it while it was published. The
    # scenario stays public and matched meanwhile; the review queue lists it until an admin checks the edit.
    edited_after_publish_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    outcome: so.Mapped[str | None] = so.mapped_column(sa.String(24))
    # What the reviewer told the poster when sending the scenario back; shown under "My scenarios".
    review_note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # The one-time token of the form that created this scenario: a double-clicked submit finds the first
    # scenario instead of making a second one, and the unique constraint settles a race between the two.
    submission_token: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)
    # Who to call about it, as a government list gives it (联系人); shown to admins and the owner only.
    contact: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    merged_into_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("scenario.id", ondelete="SET NULL"), index=True
    )

    owner: so.Mapped[Organization] = so.relationship(back_populates="scenarios")
    industry: so.Mapped[Industry | None] = so.relationship()
    capabilities: so.Mapped[list[Capability]] = so.relationship(
        secondary=scenario_capability, order_by=Capability.position
    )
    created_by: so.Mapped[User | None] = so.relationship(foreign_keys=[created_by_id])

    @property
    def is_demo(self) -> bool:
        return bool(self.external_ref and self.external_ref.startswith("seed:"))
