"""Editing the taxonomy: industries and capabilities, their names in both languages, synonyms and parent.

The matcher's lexicon is built from these rows (`taxonomy.lexicon_data`), so every change commits and then
rebuilds the matcher (`matches.rebuild_all`). A node that listings use cannot be deleted, only merged into
another: its listings move to the other node, and its names become the other node's synonyms, so words
that used to find it still do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from app import permissions
from app.extensions import db, execute_dml
from app.models import Capability, Industry, Scenario, User, scenario_capability, vendor_capability, vendor_industry
from app.models.taxonomy import TaxonomyModel
from app.services import audit
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.text import check_text, normalize

KINDS: dict[str, TaxonomyModel] = {"industry": Industry, "capability": Capability}
CODE_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{1,63}")
NAME_MAX_CHARS = 100
SYNONYM_MAX_CHARS = 60
# The shipped taxonomy is the reference: its longest list (an English synonym list) holds 262 words, so an
# unchanged save of any entry must pass, with room for admins to teach it more.
MAX_SYNONYMS = 1000
WORD_FIELDS = ("synonyms_zh", "synonyms_en", "weak_zh", "weak_en")


def _require(actor: Any) -> None:
    if not permissions.can_edit_taxonomy(actor):
        raise PermissionDenied(_("Only admins edit the taxonomy."))


def _model(kind: str) -> TaxonomyModel:
    if kind not in KINDS:
        raise NotFound(_("No such taxonomy."))
    return KINDS[kind]


def split_words(text: str) -> tuple[str, ...]:
    """Synonyms typed one per line or separated by commas or 、, trimmed, duplicates (by case) dropped."""
    words = [normalize(w) for w in re.split(r"[\n,，、;；]+", text or "")]
    seen: dict[str, str] = {}
    for word in words:
        if word and word.lower() not in seen:
            seen[word.lower()] = word
    return tuple(seen.values())


@dataclass(frozen=True)
class TaxonomyNodeInput:
    name_zh: str
    name_en: str
    parent: str | None = None  # a group's code, or None for a top-level group
    synonyms_zh: tuple[str, ...] = ()
    synonyms_en: tuple[str, ...] = ()
    weak_zh: tuple[str, ...] = ()
    weak_en: tuple[str, ...] = ()
    code: str = ""  # only when creating


@dataclass(frozen=True)
class NodeUsage:
    node: Any
    scenarios: int
    vendors: int
    children: int

    @property
    def in_use(self) -> bool:
        return bool(self.scenarios or self.vendors)


def _usage_counts(kind: str) -> tuple[dict[int | None, int], dict[int | None, int]]:
    scenarios: dict[int | None, int]
    vendors: dict[int | None, int]
    if kind == "industry":
        scenarios = dict(
            db.session.execute(
                sa.select(Scenario.industry_id, sa.func.count(Scenario.id)).group_by(Scenario.industry_id)
            ).all()
        )
        vendors = dict(
            db.session.execute(
                sa.select(vendor_industry.c.industry_id, sa.func.count()).group_by(vendor_industry.c.industry_id)
            ).all()
        )
    else:
        scenarios = dict(
            db.session.execute(
                sa.select(scenario_capability.c.capability_id, sa.func.count()).group_by(
                    scenario_capability.c.capability_id
                )
            ).all()
        )
        vendors = dict(
            db.session.execute(
                sa.select(vendor_capability.c.capability_id, sa.func.count()).group_by(
                    vendor_capability.c.capability_id
                )
            ).all()
        )
    return scenarios, vendors


def taxonomy_tree(actor: User, kind: str) -> list[NodeUsage]:
    """Every node of one kind, groups first each followed by its children, with how much it is used."""
    _require(actor)
    model = _model(kind)
    rows = db.session.scalars(sa.select(model).order_by(model.position, model.id)).all()
    scenarios, vendors = _usage_counts(kind)
    children: dict[int, int] = {}
    for r in rows:
        if r.parent_id is not None:
            children[r.parent_id] = children.get(r.parent_id, 0) + 1
    ordered = []
    for group in (r for r in rows if r.parent_id is None):
        ordered.append(group)
        ordered.extend(r for r in rows if r.parent_id == group.id)
    ordered.extend(r for r in rows if r not in ordered)  # a child whose parent vanished, should it happen
    return [NodeUsage(n, scenarios.get(n.id, 0), vendors.get(n.id, 0), children.get(n.id, 0)) for n in ordered]


def get_node(actor: User, kind: str, node_id: int):
    _require(actor)
    node = db.session.get(_model(kind), node_id)
    if node is None:
        raise NotFound(_("No such taxonomy entry."))
    return node


def node_usage(kind: str, node) -> NodeUsage:
    scenarios, vendors = _usage_counts(kind)
    model = _model(kind)
    children = db.session.scalar(sa.select(sa.func.count(model.id)).where(model.parent_id == node.id)) or 0
    return NodeUsage(node, scenarios.get(node.id, 0), vendors.get(node.id, 0), children)


def _snapshot(node) -> dict[str, Any]:
    return {
        "code": node.code,
        "name_zh": node.name_zh,
        "name_en": node.name_en,
        "parent": node.parent.code if node.parent is not None else None,
        **{f: list(getattr(node, f) or []) for f in WORD_FIELDS},
    }


def _validated(kind: str, data: TaxonomyNodeInput, node=None) -> dict[str, Any]:
    model = _model(kind)
    for name, value in (("name_zh", data.name_zh), ("name_en", data.name_en)):
        check_text(value, name, NAME_MAX_CHARS)
    for name in WORD_FIELDS:
        words = getattr(data, name)
        if len(words) > MAX_SYNONYMS:
            raise InvalidInput(_("At most %(num)d words here.", num=MAX_SYNONYMS), field=name)
        for word in words:
            try:
                check_text(word, name, SYNONYM_MAX_CHARS)
            except InvalidInput as error:
                raise InvalidInput(f"“{word[:30]}”: {error.message}", field=name) from error
    parent = None
    if data.parent:
        parent = db.session.scalar(sa.select(model).where(model.code == data.parent))
        if parent is None:
            raise InvalidInput(_("Choose a parent from the list."), field="parent")
        if node is not None and parent.id == node.id:
            raise InvalidInput(_("An entry cannot be its own parent."), field="parent")
        if parent.parent_id is not None:
            raise InvalidInput(
                _("The taxonomy has two levels: choose a top-level group as the parent."), field="parent"
            )
        if node is not None and db.session.scalar(sa.select(sa.func.count(model.id)).where(model.parent_id == node.id)):
            raise InvalidInput(
                _("This group has entries under it, so it cannot move under another group."), field="parent"
            )
    return {
        "name_zh": normalize(data.name_zh),
        "name_en": normalize(data.name_en),
        "parent": parent,
        **{f: list(getattr(data, f)) for f in WORD_FIELDS},
    }


def _rebuild(actor: User) -> None:
    """Queue a refit of the matcher on the changed lexicon and a recompute of every match (a job; commits)."""
    from app.services import jobs

    jobs.start_rebuild(actor, kind="taxonomy_rebuild")


def create_node(actor: User, kind: str, data: TaxonomyNodeInput):
    """Add an industry or capability; commit; rebuild the matcher."""
    _require(actor)
    model = _model(kind)
    code = (data.code or "").strip().lower()
    if not CODE_PATTERN.fullmatch(code):
        raise InvalidInput(_("Use 2–64 lowercase letters, digits and hyphens, such as “cold-chain”."), field="code")
    if db.session.scalar(sa.select(model.id).where(model.code == code)) is not None:
        raise InvalidInput(_("This code is taken."), field="code")
    values = _validated(kind, data)
    position = (db.session.scalar(sa.select(sa.func.max(model.position))) or 0) + 1
    node = model(code=code, position=position, **values)
    db.session.add(node)
    db.session.flush()
    audit.record(actor, f"{kind}.create", kind, node.id, node.name_zh, None, _snapshot(node))
    db.session.commit()
    _rebuild(actor)
    return node


def update_node(actor: User, kind: str, node_id: int, data: TaxonomyNodeInput):
    """Change names, synonyms or parent; commit; rebuild the matcher when anything changed."""
    node = get_node(actor, kind, node_id)
    values = _validated(kind, data, node)
    before = _snapshot(node)
    for key, value in values.items():
        setattr(node, key, value)
    old, new = audit.changes(before, _snapshot(node))
    if not new:
        db.session.expire(node)  # nothing changed: drop the equal values just assigned
        return node
    audit.record(actor, f"{kind}.edit", kind, node.id, node.name_zh, old, new)
    db.session.commit()
    _rebuild(actor)
    return node


def delete_node(actor: User, kind: str, node_id: int) -> None:
    """Delete an entry no listing uses and no entry sits under; commit; rebuild the matcher."""
    node = get_node(actor, kind, node_id)
    usage = node_usage(kind, node)
    if usage.in_use:
        raise InvalidInput(
            _(
                "%(scenarios)d scenarios and %(vendors)d vendors use this entry, so it cannot be "
                "deleted. Merge it into another entry instead.",
                scenarios=usage.scenarios,
                vendors=usage.vendors,
            )
        )
    if usage.children:
        raise InvalidInput(_("Entries sit under this group. Move or merge them first."))
    audit.record(actor, f"{kind}.delete", kind, node.id, node.name_zh, _snapshot(node), None)
    db.session.delete(node)
    db.session.commit()
    _rebuild(actor)


def _move_links(table: sa.Table, owner_column: str, node_column: str, source_id: int, target_id: int) -> int:
    """Re-point association rows from source to target, dropping those that would repeat a target row."""
    owner, node = table.c[owner_column], table.c[node_column]
    already = sa.select(owner).where(node == target_id)
    moved = (
        execute_dml(
            sa.insert(table).from_select(
                [owner_column, node_column],
                sa.select(owner, sa.literal(target_id)).where(node == source_id, owner.not_in(already)),
            )
        ).rowcount
        or 0
    )
    db.session.execute(sa.delete(table).where(node == source_id))
    return moved


def merge_node(actor: User, kind: str, source_id: int, target_id: int):
    """Fold one entry into another: listings move, names become synonyms, the entry goes; commit; rebuild."""
    source = get_node(actor, kind, source_id)
    target = get_node(actor, kind, target_id)
    if source.id == target.id:
        raise InvalidInput(_("Choose another entry to merge into."), field="target")
    model = _model(kind)
    if db.session.scalar(sa.select(sa.func.count(model.id)).where(model.parent_id == source.id)):
        raise InvalidInput(_("Entries sit under this group. Move or merge them first."))
    before = {"source": _snapshot(source), "target": _snapshot(target)}
    moved: dict[str, int] = {}
    if kind == "capability":
        moved["scenarios"] = _move_links(scenario_capability, "scenario_id", "capability_id", source.id, target.id)
        moved["vendors"] = _move_links(vendor_capability, "vendor_id", "capability_id", source.id, target.id)
    else:
        moved["scenarios"] = (
            execute_dml(
                sa.update(Scenario)
                .where(Scenario.industry_id == source.id)
                .values(industry_id=target.id)
                .execution_options(synchronize_session=False)
            ).rowcount
            or 0
        )
        moved["vendors"] = _move_links(vendor_industry, "vendor_id", "industry_id", source.id, target.id)
    # The merged entry's words keep finding listings: its names and synonyms become the target's synonyms.
    for lang in ("zh", "en"):
        own = {getattr(target, f"name_{lang}").lower()}
        words = list(getattr(target, f"synonyms_{lang}") or [])
        seen = {w.lower() for w in words} | own
        for word in [getattr(source, f"name_{lang}"), *(getattr(source, f"synonyms_{lang}") or [])]:
            if word and word.lower() not in seen:
                words.append(word)
                seen.add(word.lower())
        setattr(target, f"synonyms_{lang}", words)
        weak = list(getattr(target, f"weak_{lang}") or [])
        weak_seen = {w.lower() for w in weak} | seen
        for word in getattr(source, f"weak_{lang}") or []:
            if word.lower() not in weak_seen:
                weak.append(word)
                weak_seen.add(word.lower())
        setattr(target, f"weak_{lang}", weak)
    audit.record(
        actor,
        f"{kind}.merge",
        kind,
        source.id,
        source.name_zh,
        before,
        {"merged_into": target.code, "moved": moved, "target": _snapshot(target)},
    )
    db.session.flush()
    db.session.expire_all()  # the association rows changed underneath the loaded relationships
    db.session.delete(db.session.get(model, source_id))
    db.session.commit()
    _rebuild(actor)
    return db.session.get(model, target_id)
