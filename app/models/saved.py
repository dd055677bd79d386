"""What a person keeps for later: saved searches (with e-mail alerts) and a shortlist of listings.

Both belong to one user and to nobody else: no other member of the organization, and no admin, reads them.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, TimestampMixin, in_check, utcnow
from app.models.scenario import Scenario
from app.models.user import User
from app.models.vendor import VendorProfile

SAVED_SEARCH_KINDS = ("scenario", "vendor")
# immediate: one email as soon as a matching listing is published; daily: a section of the daily digest.
ALERT_FREQUENCIES = ("immediate", "daily")
MAX_SEARCH_NAME = 80
MAX_SAVED_QUERY = 100

_one_listing = "(scenario_id IS NULL) <> (vendor_id IS NULL)"


class SavedSearch(TimestampMixin, Base):
    """A search of /scenarios or /vendors (words and filters) a person named, and how to hear of new results."""

    __tablename__ = "saved_search"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "name", name="uq_saved_search_user_name"),
        sa.CheckConstraint(in_check("kind", SAVED_SEARCH_KINDS), name="kind"),
        sa.CheckConstraint(in_check("frequency", ALERT_FREQUENCIES), name="frequency"),
        sa.CheckConstraint(f"length(trim(name)) > 0 AND length(name) <= {MAX_SEARCH_NAME}", name="name_length"),
        sa.CheckConstraint("kind = 'scenario' OR batch IS NULL", name="batch_only_for_scenarios"),
        sa.Index("ix_saved_search_kind_frequency", "kind", "frequency"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    name: so.Mapped[str] = so.mapped_column(sa.String(MAX_SEARCH_NAME))
    q: so.Mapped[str] = so.mapped_column(sa.String(MAX_SAVED_QUERY), default="")
    industry: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    capability: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    district: so.Mapped[str | None] = so.mapped_column(sa.String(32))
    batch: so.Mapped[str | None] = so.mapped_column(sa.String(100))
    frequency: so.Mapped[str] = so.mapped_column(sa.String(16), default="daily")
    # When the last alert for this search was emailed (at once or in a digest), shown on "my saved searches".
    last_alerted_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    user: so.Mapped[User] = so.relationship()


class SavedSearchHit(Base):
    """A listing one saved search has alerted about: the unique pair is what keeps an alert from repeating."""

    __tablename__ = "saved_search_hit"
    __table_args__ = (
        sa.UniqueConstraint("search_id", "scenario_id", name="uq_saved_search_hit_scenario"),
        sa.UniqueConstraint("search_id", "vendor_id", name="uq_saved_search_hit_vendor"),
        sa.CheckConstraint(_one_listing, name="one_listing"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    search_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("saved_search.id", ondelete="CASCADE"))
    scenario_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"), index=True)
    vendor_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("vendor_profile.id", ondelete="CASCADE"), index=True
    )
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)


class ShortlistItem(Base):
    """A scenario or a vendor a person starred (收藏), to come back to or compare."""

    __tablename__ = "shortlist_item"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "scenario_id", name="uq_shortlist_item_scenario"),
        sa.UniqueConstraint("user_id", "vendor_id", name="uq_shortlist_item_vendor"),
        sa.CheckConstraint(_one_listing, name="one_listing"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    scenario_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"), index=True)
    vendor_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("vendor_profile.id", ondelete="CASCADE"), index=True
    )
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    scenario: so.Mapped[Scenario | None] = so.relationship()
    vendor: so.Mapped[VendorProfile | None] = so.relationship()
