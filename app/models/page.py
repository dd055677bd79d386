"""Pages of the site an operator writes (the "about the programme" page), in both languages."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, in_check, utcnow
from app.models.user import User

SITE_PAGES = ("about",)
MAX_PAGE_CHARS = 20_000


class SitePage(Base):
    """The Markdown of one editable page; until an admin first saves it, the built-in text is shown."""

    __tablename__ = "site_page"
    __table_args__ = (
        sa.CheckConstraint(in_check("slug", SITE_PAGES), name="slug"),
        sa.CheckConstraint(
            f"length(body_zh) <= {MAX_PAGE_CHARS} AND length(body_en) <= {MAX_PAGE_CHARS}", name="body_length"
        ),
        sa.CheckConstraint("length(trim(body_zh)) > 0 AND length(trim(body_en)) > 0", name="body_not_blank"),
    )

    slug: so.Mapped[str] = so.mapped_column(sa.String(32), primary_key=True)
    body_zh: so.Mapped[str] = so.mapped_column(sa.Text)
    body_en: so.Mapped[str] = so.mapped_column(sa.Text)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    updated_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )

    updated_by: so.Mapped[User | None] = so.relationship()
