"""Claim invitations: how an organization nobody has claimed yet (an unclaimed listing from the city list, the
seed or an import) gets its first member, so that the requests waiting for it can be answered."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, in_check, utcnow
from app.models.organization import Organization
from app.models.user import User

# invited → opened (the link was followed) → awaiting_approval (registered with an address outside the
# organization's website domain) → claimed; or closed as bounced, declined, rejected (an admin refused the
# registration) or superseded (a newer invitation replaced it).
CLAIM_STATES = ("invited", "opened", "awaiting_approval", "claimed", "bounced", "declined", "rejected", "superseded")
LIVE_CLAIM_STATES = ("invited", "opened", "awaiting_approval")
CLOSING_OUTCOMES = ("bounced", "declined")

_live = f"state IN ({', '.join(repr(s) for s in LIVE_CLAIM_STATES)})"


class ClaimInvitation(Base):
    """One emailed invitation to register into an unclaimed organization, and what became of it."""

    __tablename__ = "claim_invitation"
    __table_args__ = (
        sa.CheckConstraint(in_check("state", CLAIM_STATES), name="state"),
        sa.CheckConstraint("email = lower(email) AND email LIKE '%_@_%'", name="email_shape"),
        sa.CheckConstraint(
            "state != 'awaiting_approval' OR (registered_at IS NOT NULL AND registrant_password_hash IS NOT NULL)",
            name="awaiting_has_registration",
        ),
        sa.CheckConstraint("state != 'claimed' OR claimed_at IS NOT NULL", name="claimed_has_time"),
        sa.CheckConstraint(
            "state NOT IN ('bounced', 'declined', 'rejected', 'superseded') OR closed_at IS NOT NULL",
            name="closed_has_time",
        ),
        # At most one invitation in flight per organization: sending again supersedes the earlier one.
        sa.Index(
            "uq_claim_invitation_live_org",
            "organization_id",
            unique=True,
            sqlite_where=sa.text(_live),
            postgresql_where=sa.text(_live),
        ),
        sa.Index("ix_claim_invitation_state_sent_at", "state", "sent_at"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    organization_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254))
    # The language the email was written in, and the claim pages open in.
    locale: so.Mapped[str] = so.mapped_column(sa.String(10), default="zh_Hans")
    state: so.Mapped[str] = so.mapped_column(sa.String(24), default="invited")
    # Carried in the signed link: a link names one invitation, and stops working once it is used or replaced.
    nonce: so.Mapped[str] = so.mapped_column(sa.String(32), unique=True)
    # Whether the invited address is at the organization's website domain (if not, an admin approves).
    domain_matches: so.Mapped[bool] = so.mapped_column(default=False)
    note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    sent_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    sent_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    opened_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # The registration through the link: kept here until an admin approves it when the domain does not match,
    # so nobody becomes a member (and sees the waiting requests) before that.
    registered_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    registrant_name: so.Mapped[str | None] = so.mapped_column(sa.String(100))
    registrant_password_hash: so.Mapped[str | None] = so.mapped_column(sa.String(255))
    decided_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    decided_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    claimed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    claimed_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    closed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    closed_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    organization: so.Mapped[Organization] = so.relationship()
    sent_by: so.Mapped[User | None] = so.relationship(foreign_keys=[sent_by_id])
    decided_by: so.Mapped[User | None] = so.relationship(foreign_keys=[decided_by_id])
    claimed_user: so.Mapped[User | None] = so.relationship(foreign_keys=[claimed_user_id])
    closed_by: so.Mapped[User | None] = so.relationship(foreign_keys=[closed_by_id])

    @property
    def live(self) -> bool:
        return self.state in LIVE_CLAIM_STATES
