"""Parsing of list query parameters: anything odd is clamped, never an error page or a slow query."""
from __future__ import annotations

from flask import current_app
from werkzeug.datastructures import MultiDict

from app.models import DISTRICTS
from app.services.inputs import ListingQuery
from app.services.search import search_terms


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int((value or "").strip()[:12])
    except ValueError:
        return default
    return max(low, min(high, number))


def _code(value: str | None) -> str | None:
    value = (value or "").strip()
    return value[:64] or None


def listing_query(args: MultiDict, sorts, default_sort: str) -> ListingQuery:
    """Turn request arguments into a ListingQuery with every value in range."""
    cfg = current_app.config
    q = (args.get("q") or "")[: cfg["MAX_QUERY_CHARS"]].strip()
    district = _code(args.get("district"))
    sort = args.get("sort") or default_sort
    return ListingQuery(
        q=q,
        industry=_code(args.get("industry")),
        capability=_code(args.get("capability")),
        district=district if district in DISTRICTS else None,
        batch=(args.get("batch") or "").strip()[:100] or None,
        sort=sort if sort in sorts else default_sort,
        page=_int(args.get("page"), 1, 1, 10_000),
        per_page=_int(args.get("per_page"), cfg["PER_PAGE"], 1, cfg["MAX_PER_PAGE"]),
        terms=search_terms(q, cfg["MAX_QUERY_CHARS"]),
    )
