"""Stored matcher output: one row per proposed vendor–scenario pair."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, in_check, utcnow
from app.models.scenario import Scenario
from app.models.vendor import VendorProfile


class Match(Base):
    __tablename__ = "match"
    __table_args__ = (
        sa.UniqueConstraint("scenario_id", "vendor_id", name="uq_match_scenario_vendor"),
        sa.CheckConstraint("score >= 0", name="score_non_negative"),
        sa.CheckConstraint("rank >= 1", name="rank_positive"),
        # A vendor's feed counts and orders its matches from this index alone (no row of the 1.8 M-row table is
        # read); one index rather than two, as a rebuild maintains each for 1.7 million rows.
        sa.Index("ix_match_vendor_score", "vendor_id", "score", "scenario_id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    scenario_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"))
    vendor_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("vendor_profile.id", ondelete="CASCADE"))
    score: so.Mapped[float] = so.mapped_column(sa.Float)
    rank: so.Mapped[int] = so.mapped_column()
    reasons: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    computed_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    scenario: so.Mapped[Scenario] = so.relationship()
    vendor: so.Mapped[VendorProfile] = so.relationship()


class MatcherState(Base):
    """The one row that names the current fitted matcher index, so every process can tell whether its copy is current.

    `index_key` is drawn anew at each full refit (so two databases never read each other's index files) and
    `generation` grows by one with every committed change to the index; a process whose loaded
    (index_key, generation) differs from this row replays the delta files after its own generation, or loads
    the base file and the deltas after it (app/matcher_store.py).
    """

    __tablename__ = "matcher_state"
    __table_args__ = (
        sa.CheckConstraint("id = 1", name="single_row"),
        sa.CheckConstraint("generation >= 0", name="generation_non_negative"),
        sa.CheckConstraint("base_generation >= 0 AND base_generation <= generation", name="base_generation_range"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    index_key: so.Mapped[str] = so.mapped_column(sa.String(32))
    generation: so.Mapped[int] = so.mapped_column(default=0)
    # The generation written as a full file (index-<key>-<base>.npz); each later one is a small delta file
    # (delta-<key>-<generation>.json) replayed on it, until a compaction writes a newer base.
    base_generation: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    # Hash of the taxonomy rows the index's lexicon was built from: an edited taxonomy means refit.
    taxonomy_fingerprint: so.Mapped[str] = so.mapped_column(sa.String(64))
    fitted_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)


PENDING_KINDS = ("scenario", "vendor")


class MatchPending(Base):
    """A listing whose matches wait for the worker: the outbox the request writes and a job drains.

    One row per listing, whatever happened to it meanwhile: `reindex` (its content or status changed: the index
    and its lists follow), `rematch` (feedback on it changed: its lists only), `alert` (newly published: immediate
    saved-search alerts are due). `left` holds the lists a withdrawn vendor was taken out of in the request, which
    the job refills. No foreign key: the listing is a scenario or a vendor, and a deleted one is simply skipped.
    """

    __tablename__ = "match_pending"
    __table_args__ = (
        sa.UniqueConstraint("kind", "listing_id", name="uq_match_pending_kind_listing"),
        sa.CheckConstraint(in_check("kind", PENDING_KINDS), name="kind"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    listing_id: so.Mapped[int] = so.mapped_column()
    reindex: so.Mapped[bool] = so.mapped_column(default=False)
    rematch: so.Mapped[bool] = so.mapped_column(default=False)
    alert: so.Mapped[bool] = so.mapped_column(default=False)
    left: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    queued_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
