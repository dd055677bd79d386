"""Personal API tokens: a person's key to /api/v1, scoped, revocable, stored only as a hash."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, in_check, utcnow
from app.models.user import User

# read: GET only; write: also the owner's changes; admin: also the admin operations (admins only).
TOKEN_SCOPES = ("read", "write", "admin")
MAX_TOKEN_NAME_CHARS = 80


class ApiToken(Base):
    __tablename__ = "api_token"
    __table_args__ = (
        sa.CheckConstraint(in_check("scope", TOKEN_SCOPES), name="scope"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        sa.CheckConstraint("length(token_hash) = 64", name="hash_is_sha256"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(MAX_TOKEN_NAME_CHARS))
    scope: so.Mapped[str] = so.mapped_column(sa.String(8))
    # The token is shown once; only its SHA-256 is kept (a random 256-bit secret needs no slow hash).
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    # The first characters, kept in clear so the owner can tell tokens apart on the account page.
    prefix: so.Mapped[str] = so.mapped_column(sa.String(16))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_used_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    revoked_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    user: so.Mapped[User] = so.relationship(lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
