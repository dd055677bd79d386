"""Accounts: people who sign in, each an enterprise or vendor member, or an admin."""

from __future__ import annotations

import hashlib
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin

from app.models.base import Base, TimestampMixin, in_check
from app.models.organization import Organization

USER_ROLES = ("enterprise", "vendor", "admin")


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "user_account"
    __table_args__ = (
        sa.CheckConstraint(in_check("role", USER_ROLES), name="role"),
        # Emails are stored lower-cased so the unique constraint is case-insensitive.
        sa.CheckConstraint("email = lower(email)", name="email_lowercase"),
        sa.CheckConstraint("role = 'admin' OR organization_id IS NOT NULL", name="member_has_organization"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254), unique=True)
    password_hash: so.Mapped[str] = so.mapped_column(sa.String(255))
    display_name: so.Mapped[str] = so.mapped_column(sa.String(100), default="")
    role: so.Mapped[str] = so.mapped_column(sa.String(16))
    organization_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    is_active: so.Mapped[bool] = so.mapped_column(default=True)
    locale: so.Mapped[str | None] = so.mapped_column(sa.String(10))
    last_login_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # Set when an admin suspends the account (is_active is then False); cleared on restore.
    suspended_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # Set when someone signs up with this email and cleared when the emailed link is opened; until then the
    # account cannot log in. NULL for every account that needs no confirmation (made by an admin or a command).
    unconfirmed_since: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    # Joined: the policy reads the organization on most requests, and templates must not query.
    organization: so.Mapped[Organization | None] = so.relationship(back_populates="users", lazy="joined")

    # The key of the UserSession this request was signed in through (not a column; see get_id).
    @property
    def session_key(self) -> str | None:
        return self.__dict__.get("_session_key")

    @session_key.setter
    def session_key(self, key: str | None) -> None:
        self.__dict__["_session_key"] = key

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def credential_fingerprint(self) -> str:
        """A short digest of the password hash: it changes whenever the password does."""
        return hashlib.sha256(self.password_hash.encode("utf-8")).hexdigest()[:16]

    def get_id(self) -> str:
        # The session and remember-me cookies carry the fingerprint, so changing or resetting the
        # password signs out every other browser, and the key of a UserSession row (set on the instance by
        # accounts.open_session), so logging out deletes the row and the cookies stop working server-side.
        key = getattr(self, "session_key", None) or ""
        return f"{self.id}:{self.credential_fingerprint}:{key}"

    @property
    def name_for_display(self) -> str:
        return self.display_name or self.email.split("@", 1)[0]


# Whether anyone can sign in for the organization, loaded with it (one indexed EXISTS), so lists and badges
# can tell "not on Keting yet" without a query per row. A sign-up nobody confirmed yet is nobody.
Organization.has_members = so.column_property(
    sa.exists().where(User.organization_id == Organization.id, User.unconfirmed_since.is_(None)).correlate_except(User),
    deferred=False,
)


class UserSession(Base):
    """One signed-in browser: its session and remember-me cookies name this row's key, and work while it exists."""

    __tablename__ = "user_session"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True))
