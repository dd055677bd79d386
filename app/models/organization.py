"""Organizations: the enterprises that post scenarios and the vendors that solve them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, TimestampMixin, in_check
from app.models.taxonomy import DISTRICTS

if TYPE_CHECKING:
    from app.models.scenario import Scenario
    from app.models.user import User
    from app.models.vendor import VendorProfile

ORG_KINDS = ("enterprise", "vendor")
ORG_SIZES = ("small", "medium", "large")


class Organization(TimestampMixin, Base):
    __tablename__ = "organization"
    __table_args__ = (
        sa.CheckConstraint(in_check("kind", ORG_KINDS), name="kind"),
        sa.CheckConstraint(f"size IS NULL OR {in_check('size', ORG_SIZES)}", name="size"),
        sa.CheckConstraint(f"district IS NULL OR {in_check('district', DISTRICTS)}", name="district"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        sa.CheckConstraint(
            "contact_email IS NULL OR contact_email = lower(contact_email)", name="contact_email_lowercase"
        ),
        # The admin lists read a page in their order from these, instead of sorting every organization per view.
        sa.Index("ix_organization_verified_name", "verified", "name", "id"),
        sa.Index("ix_organization_name", "name", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    name_en: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    website: so.Mapped[str | None] = so.mapped_column(sa.String(300))
    district: so.Mapped[str | None] = so.mapped_column(sa.String(32))
    size: so.Mapped[str | None] = so.mapped_column(sa.String(16))
    verified: so.Mapped[bool] = so.mapped_column(default=False)
    # A stable key for data that came from outside (seed catalogue, imported lists): makes loading idempotent.
    external_ref: so.Mapped[str | None] = so.mapped_column(sa.String(120), unique=True)
    # Whom to write to about an organization nobody has claimed yet (recorded by the seed or an import, or
    # typed by an admin); shown to admins only.
    contact_name: so.Mapped[str | None] = so.mapped_column(sa.String(100))
    contact_email: so.Mapped[str | None] = so.mapped_column(sa.String(254))
    contact_phone: so.Mapped[str | None] = so.mapped_column(sa.String(40))

    users: so.Mapped[list[User]] = so.relationship(back_populates="organization")
    scenarios: so.Mapped[list[Scenario]] = so.relationship(back_populates="owner")
    vendor_profile: so.Mapped[VendorProfile | None] = so.relationship(back_populates="organization")

    def display_name(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") and self.name_en else self.name

    if TYPE_CHECKING:
        has_members: so.Mapped[bool]  # a column property, set beside User (it counts users)

    @property
    def is_unclaimed(self) -> bool:
        """Nobody can sign in for it yet (a listing from the city list or an import): requests wait for an
        introduction. `has_members` is a column property defined beside User (see app/models/user.py)."""
        return not self.has_members

    @property
    def is_demo(self) -> bool:
        return bool(self.external_ref and self.external_ref.startswith("seed:"))
