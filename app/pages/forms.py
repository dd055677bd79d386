"""The admin's form for the "about the programme" page: Markdown in both languages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField

from app.formtools import BaseForm, TextRules, multi_line
from app.models import MAX_PAGE_CHARS
from app.services.inputs import SitePageInput
from app.services.site_pages import MIN_PAGE_CHARS


class SitePageForm(BaseForm):
    body_zh = TextAreaField(
        _l("Chinese text (Markdown)"),
        filters=[multi_line],
        validators=[TextRules(MAX_PAGE_CHARS, MIN_PAGE_CHARS, multiline=True)],
    )
    body_en = TextAreaField(
        _l("English text (Markdown)"),
        filters=[multi_line],
        validators=[TextRules(MAX_PAGE_CHARS, MIN_PAGE_CHARS, multiline=True)],
    )

    def to_input(self) -> SitePageInput:
        return SitePageInput(body_zh=self.body_zh.data or "", body_en=self.body_en.data or "")
