"""Parsing of list query parameters: anything odd is clamped, never an error page or a slow query."""

from __future__ import annotations

from flask import current_app
from werkzeug.datastructures import MultiDict

from app.models import DISTRICTS
from app.services.inputs import ListingQuery
from app.services.search import search_terms
from app.services.text import parse_int

_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_CONTROL[0x7F] = None


def _clean(value: str | None, limit: int) -> str:
    """Cut to the limit and drop control characters (PostgreSQL refuses NUL in text)."""
    return (value or "")[:limit].translate(_CONTROL).strip()


def _code(value: str | None) -> str | None:
    return _clean(value, 64) or None


def listing_query(args: MultiDict, sorts, default_sort: str) -> ListingQuery:
    """Turn request arguments into a ListingQuery with every value in range."""
    cfg = current_app.config
    q = _clean(args.get("q"), cfg["MAX_QUERY_CHARS"])
    district = _code(args.get("district"))
    # With search words the best hits come first unless the person chose another order. The form's sort menu
    # starts on "" (the default order), so a search typed into a list sorted by default is ranked, not dated.
    chosen = args.get("sort") or ""
    sort = chosen or ("relevance" if q else default_sort)
    return ListingQuery(
        q=q,
        industry=_code(args.get("industry")),
        capability=_code(args.get("capability")),
        district=district if district in DISTRICTS else None,
        batch=_clean(args.get("batch"), 100) or None,
        sort=sort if sort in sorts else ("relevance" if q else default_sort),
        sort_chosen=chosen in sorts,
        page=parse_int(args.get("page"), 1, 1, 10_000),
        per_page=parse_int(args.get("per_page"), cfg["PER_PAGE"], 1, cfg["MAX_PER_PAGE"]),
        terms=search_terms(q, cfg["MAX_QUERY_CHARS"]),
    )
