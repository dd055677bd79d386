"""The "not relevant" form of the vendor feed, and the feed's query parameters."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import StringField
from wtforms.fields.choices import SelectChoice

from app.formtools import BaseForm, ChoiceField, TextRules, single_line
from app.models import DISTRICTS
from app.services.inputs import DismissMatchInput, MatchFeedQuery
from app.services.matches import DISMISS_REASONS, FEED_SORTS, KETING_FILTERS, MAX_DISMISS_NOTE
from app.services.text import parse_int

DISMISS_LABELS = {
    "not_our_capability": _l("Not what we do"),
    "not_our_industry": _l("Not our industry"),
    "size_or_budget": _l("Too small or too large for us"),
    "location": _l("Too far away"),
    "other": _l("Another reason"),
}


class DismissForm(BaseForm):
    reason_code = ChoiceField(_l("Why? (optional)"))
    note = StringField(
        _l("A word more (optional)"), filters=[single_line], validators=[TextRules(MAX_DISMISS_NOTE, required=False)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_code.choices = [SelectChoice("", _l("No reason given"))] + [
            SelectChoice(c, DISMISS_LABELS[c]) for c in DISMISS_REASONS
        ]

    def to_input(self, scenario_id: int) -> DismissMatchInput:
        return DismissMatchInput(
            scenario_id=scenario_id, reason_code=self.reason_code.data or None, note=self.note.data or ""
        )


def feed_query(args: MultiDict) -> MatchFeedQuery:
    """The feed's filters from the query string; anything odd falls back to "all"."""

    def code(name: str) -> str | None:
        return (args.get(name) or "").strip()[:64] or None

    district = code("district")
    sort = args.get("sort") or "best"
    cfg = current_app.config
    return MatchFeedQuery(
        industry=code("industry"),
        capability=code("capability"),
        district=district if district in DISTRICTS else None,
        sort=sort if sort in FEED_SORTS else "best",
        only_new=args.get("new") == "1",
        page=parse_int(args.get("page"), 1, 1, 10_000),
        per_page=cfg["PER_PAGE"],
        keting=keting_filter(args),
    )


def keting_filter(args: MultiDict) -> str:
    """ "on" (only organizations that can answer), "off" (only those not on Keting yet) or "" (all)."""
    value = args.get("keting") or ""
    return value if value in KETING_FILTERS else ""
