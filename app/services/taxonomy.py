"""Reading the taxonomy: the tree for menus, codes for filters, and words that name a node."""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.models import Capability, Industry

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class TaxonomyHits:
    industry_ids: tuple[int, ...] = ()
    capability_ids: tuple[int, ...] = ()


def industries() -> list[Industry]:
    """Every industry, groups first in their order, each followed by its children."""
    return _tree(Industry)


def capabilities() -> list[Capability]:
    return _tree(Capability)


def _tree(model) -> list:
    rows = db.session.scalars(sa.select(model).order_by(model.position, model.id)).all()
    groups = [r for r in rows if r.parent_id is None]
    out = []
    for group in groups:
        out.append(group)
        out.extend(r for r in rows if r.parent_id == group.id)
    return out


def ids_for_code(model, code: str | None) -> list[int] | None:
    """Ids a filter code stands for: the node and, for a group, its children. None if the code is unknown."""
    if not code:
        return None
    node = db.session.scalar(sa.select(model).where(model.code == code))
    if node is None:
        return None
    return [node.id] + [c.id for c in node.children]


def words_hit(term: str) -> TaxonomyHits:
    """Industries and capabilities whose name or synonyms contain this search word, in either language."""
    term = term.lower()
    # Short Latin words ("ai", "it") would hit half the taxonomy; they only count when they are a whole synonym.
    partial_ok = len(term) >= 2 if _CJK.search(term) else len(term) >= 4
    hits: dict[type, list[int]] = {Industry: [], Capability: []}
    for model in (Industry, Capability):
        for node in db.session.scalars(sa.select(model)).all():
            words = [node.name_zh, node.name_en, *(node.synonyms_zh or []), *(node.synonyms_en or [])]
            for word in words:
                word = (word or "").lower()
                if word == term or (partial_ok and term in word):
                    hits[model].append(node.id)
                    hits[model].extend(c.id for c in node.children)
                    break
    return TaxonomyHits(tuple(sorted(set(hits[Industry]))), tuple(sorted(set(hits[Capability]))))
