"""Pages an operator writes: the "about the programme" page, in Chinese and English, as Markdown.

Until an admin first saves a page its built-in text (app/content/<slug>.<lang>.md) is shown, so a new site
has a sensible page from the first run. Every save is audited with the text before and after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask_babel import gettext as _

from app import permissions
from app.extensions import db
from app.models import MAX_PAGE_CHARS, SITE_PAGES, SitePage, User
from app.services import audit
from app.services.errors import NotFound, PermissionDenied
from app.services.inputs import SitePageInput
from app.services.text import check_text

_CONTENT = Path(__file__).resolve().parent.parent / "content"
MIN_PAGE_CHARS = 20


@dataclass(frozen=True)
class PageText:
    slug: str
    body_zh: str
    body_en: str
    updated_at: datetime | None  # None: the built-in text, never edited
    updated_by: User | None

    def body(self, locale: str) -> str:
        return self.body_en if str(locale).startswith("en") else self.body_zh


def default_text(slug: str, lang: str) -> str:
    return (_CONTENT / f"{slug}.{lang}.md").read_text(encoding="utf-8")


def get_page(slug: str) -> PageText:
    """The page's current text, or its built-in text when nobody has edited it yet."""
    if slug not in SITE_PAGES:
        raise NotFound(_("No such page."))
    row = db.session.get(SitePage, slug)
    if row is None:
        return PageText(slug, default_text(slug, "zh"), default_text(slug, "en"), None, None)
    return PageText(slug, row.body_zh, row.body_en, row.updated_at, row.updated_by)


def update_page(actor: User, slug: str, data: SitePageInput) -> SitePage:
    """Save both languages' Markdown of a page and audit the change; commit."""
    if not permissions.can_edit_site_page(actor):
        raise PermissionDenied(_("Only admins edit this page."))
    if slug not in SITE_PAGES:
        raise NotFound(_("No such page."))
    bodies = {}
    for field in ("body_zh", "body_en"):
        text = (getattr(data, field) or "").replace("\r\n", "\n").strip()
        check_text(text, field, MAX_PAGE_CHARS, MIN_PAGE_CHARS, single_line=False)
        bodies[field] = text
    current = get_page(slug)
    before = {"body_zh": current.body_zh, "body_en": current.body_en}
    row = db.session.get(SitePage, slug)
    if row is None:
        row = SitePage(slug=slug)
        db.session.add(row)
    row.body_zh, row.body_en, row.updated_by_id = bodies["body_zh"], bodies["body_en"], actor.id
    old, new = audit.changes(before, bodies)
    if old or new or current.updated_at is None:
        audit.record(actor, "page.edit", "page", None, slug, old, new)
    db.session.commit()
    return row
