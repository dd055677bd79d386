"""Frozen inputs that forms and request parsers hand to services."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ListingQuery:
    """What a person asked of a public list: search words, filters, order and page."""

    q: str = ""
    industry: str | None = None
    capability: str | None = None
    district: str | None = None
    batch: str | None = None
    sort: str = "newest"
    page: int = 1
    per_page: int = 20
    terms: tuple[str, ...] = field(default=())
