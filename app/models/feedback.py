"""Feedback on matches: every signal a person gives about a proposed vendor–scenario pair."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, in_check, utcnow

# shown: the pair was first listed to the vendor; opened: the vendor opened the scenario from its feed;
# not_relevant: the vendor dismissed it; interest / invited: one side reached out; accepted / declined: the
# other side answered; outcome: how a connection ended (reason = the outcome code).
SIGNAL_KINDS = ("shown", "opened", "not_relevant", "interest", "invited", "accepted", "declined", "outcome")
# Signals that say "do not propose this vendor for this kind of scenario".
NEGATIVE_SIGNALS = ("not_relevant", "declined")
MAX_SIGNAL_REASON = 500


class MatchSignal(Base):
    __tablename__ = "match_signal"
    __table_args__ = (
        sa.CheckConstraint(in_check("kind", SIGNAL_KINDS), name="kind"),
        sa.CheckConstraint(f"reason IS NULL OR length(reason) <= {MAX_SIGNAL_REASON}", name="reason_length"),
        sa.Index("ix_match_signal_vendor_kind", "vendor_id", "kind"),
        sa.Index("ix_match_signal_pair", "scenario_id", "vendor_id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    scenario_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"))
    vendor_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("vendor_profile.id", ondelete="CASCADE"))
    user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    reason: so.Mapped[str | None] = so.mapped_column(sa.String(MAX_SIGNAL_REASON))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
