"""Accounts. Login screens come with the accounts issue; the model is ready for them."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, TimestampMixin, in_check
from app.models.organization import Organization

USER_ROLES = ("enterprise", "vendor", "admin")


class User(TimestampMixin, Base):
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
    organization_id: so.Mapped[Optional[int]] = so.mapped_column(
        sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True)
    is_active: so.Mapped[bool] = so.mapped_column(default=True)
    locale: so.Mapped[Optional[str]] = so.mapped_column(sa.String(10))
    last_login_at: so.Mapped[Optional[datetime]] = so.mapped_column(sa.DateTime(timezone=True))

    organization: so.Mapped[Optional[Organization]] = so.relationship(back_populates="users")
