"""The catalogue's generation: one number that grows with every committed change to what the public pages show."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, utcnow


class CatalogueGeneration(Base):
    """The one row whose `value` is bumped, in the same transaction, by every change to a listing, an organization,
    a taxonomy entry or an organization's membership (see app/services/generation.py).

    Cached counts and cached anonymous pages are keyed by it, and it is their ETag; `changed_at` is their
    Last-Modified.
    """

    __tablename__ = "catalogue_generation"
    __table_args__ = (
        sa.CheckConstraint("id = 1", name="single_row"),
        sa.CheckConstraint("value >= 0", name="value_non_negative"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    value: so.Mapped[int] = so.mapped_column(sa.BigInteger, default=0)
    changed_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
