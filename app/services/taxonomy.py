"""Reading the taxonomy: the tree for menus, codes for filters, and words that name a node."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.models import Capability, Industry
from app.models.taxonomy import TaxonomyModel, TaxonomyNode

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


def taxonomy_hits(terms) -> list[TaxonomyHits]:
    """For each search word, the industries and capabilities it names, in either language.

    A word hits a node when it is one of the node's synonyms, or part of its display name
    (缺陷 is part of 机器视觉缺陷检测). Being part of a long synonym is not enough: 轮胎 inside
    轮胎吊 (a port crane) must not make every port scenario a tyre scenario. A group's hit
    includes its children. The taxonomy is read once for all the words.
    """
    models: tuple[TaxonomyModel, ...] = (Industry, Capability)
    nodes: dict[TaxonomyModel, Sequence[TaxonomyNode]] = {
        model: db.session.scalars(sa.select(model)).all() for model in models
    }
    children: dict[TaxonomyModel, dict[int, list[int]]] = {model: {} for model in nodes}
    for model, rows in nodes.items():
        for node in rows:
            if node.parent_id is not None:
                children[model].setdefault(node.parent_id, []).append(node.id)
    out = []
    for term in terms:
        term = term.lower()
        partial_ok = len(term) >= 2 if _CJK.search(term) else len(term) >= 4
        hits: dict[TaxonomyModel, set[int]] = {Industry: set(), Capability: set()}
        for model, rows in nodes.items():
            for node in rows:
                names = [(node.name_zh or "").lower(), (node.name_en or "").lower()]
                synonyms = {w.lower() for w in [*(node.synonyms_zh or []), *(node.synonyms_en or [])]}
                if term in synonyms or term in names or (partial_ok and any(term in name for name in names)):
                    hits[model].add(node.id)
                    hits[model].update(children[model].get(node.id, ()))
        out.append(TaxonomyHits(tuple(sorted(hits[Industry])), tuple(sorted(hits[Capability]))))
    return out


def lexicon_data() -> dict:
    """The taxonomy rows in seeds/taxonomy.json's shape (the matcher's lexicon; see matcher_store)."""
    from app import matcher_store

    return matcher_store.lexicon_data()
