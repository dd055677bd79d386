"""Keyword search over listings that works for Chinese and English alike.

Chinese has no spaces, so a long Chinese chunk is segmented into words; every word must match
(title, description, organization name) or name an industry or capability the listing carries,
which lets "tyre" find 轮胎 listings and 缺陷 find defect-inspection listings.
"""
from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa

from app.services.taxonomy import taxonomy_hits

_CJK_RUN = re.compile(r"[\u3400-\u9fff]{5,}")
_STOP = {"的", "了", "和", "与", "及", "在", "是", "我们", "需要", "希望", "the", "and", "for", "of", "a", "an", "to", "in"}
MAX_TERMS = 8


def search_terms(q: str, max_chars: int = 100) -> tuple[str, ...]:
    """Split a search string into at most MAX_TERMS words, segmenting long Chinese runs."""
    q = unicodedata.normalize("NFKC", q or "")[:max_chars].strip().lower()
    terms: list[str] = []
    for chunk in q.split():
        if _CJK_RUN.fullmatch(chunk):
            import rjieba  # imported on first use: most requests never search in long Chinese runs
            terms.extend(w for w in rjieba.cut(chunk) if len(w) > 1)
        else:
            terms.append(chunk)
    seen: list[str] = []
    for term in terms:
        if term not in _STOP and term not in seen:
            seen.append(term)
    return tuple(seen[:MAX_TERMS])


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_conditions(terms, text_columns, industry_clause, capability_clause):
    """SQL conditions (one per word, all must hold) and a relevance expression for the search words.

    A word's condition holds when it is in one of the text columns or names the listing's industry or
    capability. The relevance counts where it was found: the first text column (the title or name) and a
    taxonomy hit weigh more than a mention in the body.
    """
    conditions, relevance = [], sa.literal(0)
    weights = [3] + [1] * (len(text_columns) - 1)
    for term, hits in zip(terms, taxonomy_hits(terms)):
        pattern = like_pattern(term)
        found = [col.ilike(pattern, escape="\\") for col in text_columns]
        tagged = []
        if hits.industry_ids:
            tagged.append(industry_clause(hits.industry_ids))
        if hits.capability_ids:
            tagged.append(capability_clause(hits.capability_ids))
        relevance = relevance + sum((sa.case((cond, w), else_=0) for cond, w in zip(found, weights)), sa.literal(0))
        if tagged:
            relevance = relevance + sa.case((sa.or_(*tagged), 2), else_=0)
        conditions.append(sa.or_(*found, *tagged))
    return conditions, relevance


def ordering(query, relevance, sorts: dict, fallback: str) -> tuple:
    """ORDER BY terms: best keyword hits first when sorting by relevance (the default with a search)."""
    sort = query.sort if query.sort in sorts else fallback
    if sort == "relevance":
        return (relevance.desc(), *sorts["relevance"]) if query.terms else sorts[fallback]
    return sorts[sort]
