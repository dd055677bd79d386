"""Near-duplicate scenarios: flag them on submit and on import, show a pair side by side, merge or dismiss.

Similarity is the matcher's scenario-to-scenario score (`matches.similar_scenarios`); a pair at or above the
DUPLICATE_THRESHOLD setting is flagged. Merging keeps one scenario and turns the other into a redirect to it
(status "merged", merged_into_id): every row of every table that references the merged scenario moves over,
found from the schema's foreign keys so tables added later move too. A row whose twin already exists on the
survivor (the same vendor's match, say) cannot move without breaking a unique rule; it stays with the merged
scenario, where it is still readable, and the merge reports it.

Two scenarios of different organizations may still be merged (one public page for one need), but requests to
meet, rooms and their notifications are private to the merged scenario's organization: they stay with the
merged scenario, where that organization keeps reading them, and never move to the other organization's.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app
from flask_babel import gettext as _

from app import permissions
from app.extensions import db, execute_dml
from app.models import ACTIVE_JOB_STATES, DuplicateFlag, Job, Scenario, User
from app.services import audit, bulk
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.pagination import Page
from app.services.text import normalize

log = logging.getLogger(__name__)

# Foreign keys to scenario.id that a merge must not move: the redirect itself, the flags (handled one by one
# below), and the scenario's own content (its capabilities describe it; they are not references to it).
NOT_MOVED = {
    ("scenario", "merged_into_id"),
    ("duplicate_flag", "scenario_id"),
    ("duplicate_flag", "duplicate_of_id"),
    ("scenario_capability", "scenario_id"),
}
# Tables private to the scenario's organization: across owners they stay with the merged scenario.
OWNER_PRIVATE = {"intro_request", "connection", "notification"}
FLAG_CANDIDATES = 5
MERGEABLE = ("draft", "pending", "changes_requested", "published", "rejected", "closed", "archived")


def _now() -> datetime:
    return datetime.now(UTC)


def threshold() -> float:
    return float(current_app.config.get("DUPLICATE_THRESHOLD", 0.8))


# Flagging ---------------------------------------------------------------------------------------------


def _known_pairs(scenario_ids: Iterable[int]) -> set[tuple[int, int]]:
    ids = list(scenario_ids)
    if not ids:
        return set()
    rows = db.session.execute(
        sa.select(DuplicateFlag.scenario_id, DuplicateFlag.duplicate_of_id).where(
            sa.or_(DuplicateFlag.scenario_id.in_(ids), DuplicateFlag.duplicate_of_id.in_(ids))
        )
    ).all()
    return {(a, b) for a, b in rows} | {(b, a) for a, b in rows}


def similar_to(
    scenarios: list[Scenario], cutoff: float, k: int = FLAG_CANDIDATES
) -> dict[int, list[tuple[int, float, list[str]]]]:
    """For each scenario, the published scenarios at least `cutoff` alike: (id, score, shared words), best first.

    The same computation as `matches.similar_scenarios`, done for many scenarios against one loaded matcher:
    the per-call freshness check costs more than the similarity itself, which matters for a 5,000-row import.
    """
    from app import matcher_store

    if not scenarios:
        return {}
    matcher = matcher_store.current().matcher
    if not matcher.scenario_ids_:
        return {}
    docs = {
        str(d.id): d
        for d in matcher_store.docs_for([s.id for s in scenarios if not matcher.has_scenario(str(s.id))], "scenario")
    }
    out: dict[int, list[tuple[int, float, list[str]]]] = {}
    for scenario in scenarios:
        key = str(scenario.id)
        ref = key if matcher.has_scenario(key) else docs.get(key)
        if ref is None:
            continue
        results = matcher.similar_scenarios(ref, k=k, min_score=cutoff, lang="zh")
        out[scenario.id] = [
            (int(r.scenario_id), float(r.score), [x.label for x in r.reasons])
            for r in results
            if r.scenario_id is not None and r.scenario_id != key
        ]
    return out


def flag_near_duplicates(
    scenarios: Iterable[Scenario], source: str, min_score: float | None = None
) -> list[DuplicateFlag]:
    """Flag the published scenarios each of these reads like; flush, do not commit. Returns the new flags.

    A pair flagged before (open, merged or dismissed) is not flagged again, in either direction.
    """
    scenarios = [s for s in scenarios if s.status != "merged"]
    if not scenarios:
        return []
    db.session.flush()
    cutoff = threshold() if min_score is None else min_score
    known = _known_pairs(s.id for s in scenarios)
    merged_ids: set[int] | None = None
    flags = []
    found = similar_to(scenarios, cutoff)
    for scenario in scenarios:
        for other_id, score, shared in found.get(scenario.id, []):
            if other_id == scenario.id or (scenario.id, other_id) in known or score < cutoff:
                continue
            if merged_ids is None:
                merged_ids = set(db.session.scalars(sa.select(Scenario.id).where(Scenario.status == "merged")))
            if other_id in merged_ids:
                continue
            flag = DuplicateFlag(
                scenario_id=scenario.id,
                duplicate_of_id=other_id,
                score=round(float(score), 4),
                shared_terms=list(shared)[:12],
                source=source,
                status="open",
            )
            db.session.add(flag)
            flags.append(flag)
            known |= {(scenario.id, other_id), (other_id, scenario.id)}
    db.session.flush()
    return flags


def check_submission(scenario: Scenario) -> list[DuplicateFlag]:
    """Flag near-duplicates of a scenario just sent for review; flush, do not commit.

    Runs in a savepoint and logs instead of raising: a matcher problem must never stop an enterprise
    from sending its scenario (the admin can still scan for duplicates later).
    """
    db.session.flush()  # outside the guard: a clash on the form token must reach the caller as it is
    try:
        with db.session.begin_nested():
            return flag_near_duplicates([scenario], "submit")
    except Exception:
        log.exception("duplicate check failed for scenario %s", scenario.id)
        return []


SCAN_BATCH = 2000
SCAN_STATUSES = ("pending", "changes_requested", "published")


def _scan(checkpoint: dict[str, Any], step: Callable[[int, int, dict[str, Any]], None]) -> dict[str, Any]:
    """Check every published and waiting scenario against the published ones, SCAN_BATCH at a time.

    The same flags as `flag_near_duplicates(every such scenario, "scan")` gives one scenario after another, in
    id order, with each pair flagged once (the later scenario as a duplicate of the earlier): one sparse top-n
    product per batch (`Matcher.similar_pairs`), pairs already flagged (open, merged or dismissed) skipped
    before their shared words are worked out, the new flags written with one bulk insert. step(done, total,
    checkpoint) commits each batch with the checkpoint, so a retry carries on after the last committed one.
    """
    from app import matcher_store

    checkpoint = {"after": 0, "flagged": 0, **(checkpoint or {})}
    candidates = sa.select(Scenario.id).where(Scenario.status.in_(SCAN_STATUSES))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(candidates.subquery())) or 0
    done = (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(candidates.where(Scenario.id <= checkpoint["after"]).subquery())
        )
        or 0
    )
    matcher = matcher_store.current().matcher
    cutoff = threshold()
    merged = {str(i) for i in db.session.scalars(sa.select(Scenario.id).where(Scenario.status == "merged"))}
    known: set[tuple[str, str]] = set()
    for a, b in db.session.execute(sa.select(DuplicateFlag.scenario_id, DuplicateFlag.duplicate_of_id)):
        known |= {(str(a), str(b)), (str(b), str(a))}
    step(done, total, checkpoint)
    if not matcher.scenario_ids_:
        return {"scenarios": done, "flagged": checkpoint["flagged"]}
    # The index and the known pairs are millions of long-lived objects; the reasons and rows are millions more.
    with bulk.collector_paused():
        ids = list(db.session.scalars(candidates.where(Scenario.id > checkpoint["after"]).order_by(Scenario.id)))
        docs = {
            d.id: d for d in matcher_store.docs_for([i for i in ids if not matcher.has_scenario(str(i))], "scenario")
        }
        readable = (str(i) if matcher.has_scenario(str(i)) else docs.get(str(i)) for i in ids)
        refs = [ref for ref in readable if ref is not None]  # an id that could not be read as a document is skipped
        # One call for every scenario left: similar_pairs then multiplies each pair once; a commit per SCAN_BATCH.
        pairs = matcher.similar_pairs(
            refs, k=FLAG_CANDIDATES, min_score=cutoff, lang="zh", skip=known, batch_size=SCAN_BATCH
        )
        rows: list[dict[str, Any]] = []
        now = _now()
        start = done
        for seen, (key, found) in enumerate(pairs, 1):
            for r in found:
                other = r.scenario_id
                if other is None or other == key or other in merged or float(r.score) < cutoff:
                    continue
                known |= {(key, other), (other, key)}
                # Each pair once: the later scenario is the one flagged as a duplicate of the earlier.
                later, earlier = sorted((int(key), int(other)), reverse=True)
                rows.append(
                    {
                        "scenario_id": later,
                        "duplicate_of_id": earlier,
                        "score": round(float(r.score), 4),
                        "shared_terms": [x.label for x in r.reasons][:12],
                        "source": "scan",
                        "status": "open",
                        "created_at": now,
                    }
                )
            if seen % SCAN_BATCH == 0 or seen == len(refs):
                if rows:
                    _insert_flags(rows)
                checkpoint["flagged"] += len(rows)
                checkpoint["after"] = int(key)
                rows = []
                step(start + seen, max(total, start + seen), checkpoint)
                now = _now()
        done = start + len(ids)
        if ids and checkpoint["after"] != ids[-1]:  # the last ids could not be read as documents: nothing to check
            checkpoint["after"] = ids[-1]
            step(done, max(total, done), checkpoint)
        return {"scenarios": done, "flagged": checkpoint["flagged"]}


def _insert_flags(rows: list[dict[str, Any]]) -> None:
    """New flags in one statement; through COPY on PostgreSQL, where a scan at national scale flags hundreds of
    thousands of pairs (the grown catalogue recombines sentences) and INSERT's per-row parameters cost most."""
    table = cast(sa.Table, DuplicateFlag.__table__)
    if db.session.get_bind().dialect.name != "postgresql":
        db.session.execute(sa.insert(table), rows)
        return
    raw = db.session.connection().connection.driver_connection
    if raw is None:  # a real check, not an assert: `python -O` keeps it
        raise RuntimeError("the session's connection has no driver connection")
    names = ("scenario_id", "duplicate_of_id", "score", "shared_terms", "source", "status", "created_at")
    with raw.cursor() as cursor, cursor.copy(f"COPY duplicate_flag ({', '.join(names)}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row(tuple(json.dumps(r[n]) if n == "shared_terms" else r[n] for n in names))


def scan_for_duplicates(actor: User) -> int:
    """Check every published and waiting scenario against the published ones, here and now (scripts and tests;
    the admin page queues `start_duplicate_scan`); commit. Returns the new flags."""
    if not permissions.can_resolve_duplicates(actor):
        raise PermissionDenied(_("Only admins resolve duplicates."))
    result = _scan({}, lambda done, total, checkpoint: db.session.commit())
    audit.record(actor, "duplicate.scan", "duplicate_flag", None, None, after={"flags": result["flagged"]})
    db.session.commit()
    return int(result["flagged"])


def start_duplicate_scan(actor: User) -> Job:
    """Queue a scan of every scenario for near-duplicates (one at a time: a scan already waiting or running is
    returned instead); commit."""
    from app.services import jobs

    if not permissions.can_resolve_duplicates(actor):
        raise PermissionDenied(_("Only admins resolve duplicates."))
    active = db.session.scalar(
        sa.select(Job).where(Job.kind == "duplicate_scan", Job.state.in_(ACTIVE_JOB_STATES)).order_by(Job.id)
    )
    if active is not None:
        return active
    job = jobs.create_job("duplicate_scan", actor)
    db.session.commit()
    jobs.enqueue(job.id)
    return job


def run_scan_job(job: Job, actor: User | None, progress) -> dict[str, Any]:
    """The duplicate scan as a job: progress and checkpoint on the job's row, each batch committed with them."""
    result = _scan(
        job.checkpoint or {},
        lambda done, total, checkpoint: progress.step(done, total, stage="scanning", checkpoint=checkpoint),
    )
    audit.record(actor, "duplicate.scan", "duplicate_flag", None, None, after={"flags": result["flagged"]})
    return result


# The queue and one pair -------------------------------------------------------------------------------


def duplicate_queue(actor: User, status: str = "open", page: int = 1, per_page: int = 30) -> Page[DuplicateFlag]:
    """Flags in this status, most similar first."""
    if not permissions.can_resolve_duplicates(actor):
        raise PermissionDenied(_("Only admins resolve duplicates."))
    conds = [DuplicateFlag.status == status] if status in ("open", "merged", "dismissed") else []
    total = db.session.scalar(sa.select(sa.func.count(DuplicateFlag.id)).where(*conds)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    items = (
        db.session.scalars(
            sa.select(DuplicateFlag)
            .where(*conds)
            .options(
                so.joinedload(DuplicateFlag.scenario).joinedload(Scenario.owner),
                so.joinedload(DuplicateFlag.duplicate_of).joinedload(Scenario.owner),
                so.joinedload(DuplicateFlag.resolved_by),
            )
            .order_by(DuplicateFlag.score.desc(), DuplicateFlag.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        .unique()
        .all()
    )
    return Page(items=items, page=page, per_page=per_page, total=total)


@dataclass(frozen=True)
class Passage:
    text: str
    similar: bool


@dataclass(frozen=True)
class PairSide:
    scenario: Scenario
    title: tuple[Passage, ...]
    description: tuple[Passage, ...]


@dataclass(frozen=True)
class PairView:
    flag: DuplicateFlag
    left: PairSide  # the flagged (newer) scenario
    right: PairSide  # the one it resembles

    @property
    def different_owners(self) -> bool:
        """The two belong to different organizations: a merge leaves requests and rooms where they are."""
        return self.left.scenario.owner_id != self.right.scenario.owner_id


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])|(?<=[.])\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z0-9]+")
PASSAGE_SIMILARITY = 0.45


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text or "") if s and s.strip()]


def _shingles(text: str) -> set[str]:
    """Character pairs of the Chinese text and the English words, case and width folded."""
    folded = unicodedata.normalize("NFKC", text).lower()
    cjk = "".join(_CJK.findall(folded))
    grams = {cjk[i : i + 2] for i in range(len(cjk) - 1)} or set(cjk)
    return grams | set(_LATIN_WORD.findall(folded))


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _mark(parts: list[str], other: list[str]) -> tuple[Passage, ...]:
    """Each passage, marked similar when some passage of the other text shares most of its wording."""
    other_sets = [_shingles(p) for p in other]
    out = []
    for part in parts:
        mine = _shingles(part)
        best = max((_dice(mine, o) for o in other_sets), default=0.0)
        out.append(Passage(part, best >= PASSAGE_SIMILARITY))
    return tuple(out)


def _side(scenario: Scenario, other: Scenario) -> PairSide:
    mine, theirs = _sentences(scenario.description), _sentences(other.description)
    return PairSide(scenario, _mark([scenario.title], [other.title]), _mark(mine, theirs))


def get_pair(actor: User, flag_id: int) -> PairView:
    """One flag with both scenarios side by side and their similar passages marked."""
    if not permissions.can_resolve_duplicates(actor):
        raise PermissionDenied(_("Only admins resolve duplicates."))
    flag = db.session.get(
        DuplicateFlag,
        flag_id,
        options=[
            so.joinedload(DuplicateFlag.scenario).joinedload(Scenario.owner),
            so.joinedload(DuplicateFlag.duplicate_of).joinedload(Scenario.owner),
        ],
    )
    if flag is None:
        raise NotFound(_("No such duplicate flag."))
    return PairView(flag, _side(flag.scenario, flag.duplicate_of), _side(flag.duplicate_of, flag.scenario))


# Resolving --------------------------------------------------------------------------------------------


def dismiss_flag(actor: User, flag_id: int, note: str = "") -> DuplicateFlag:
    """The two are different scenarios after all: close the flag (the pair is not flagged again); commit."""
    if not permissions.can_resolve_duplicates(actor):
        raise PermissionDenied(_("Only admins resolve duplicates."))
    flag = db.session.get(DuplicateFlag, flag_id)
    if flag is None:
        raise NotFound(_("No such duplicate flag."))
    if flag.status != "open":
        raise InvalidInput(_("This flag was already resolved."))
    flag.status, flag.resolved_at, flag.resolved_by_id = "dismissed", _now(), actor.id
    audit.record(
        actor,
        "duplicate.dismiss",
        "duplicate_flag",
        flag.id,
        None,
        {"status": "open"},
        {"status": "dismissed", "scenario_id": flag.scenario_id, "duplicate_of_id": flag.duplicate_of_id},
        note=normalize(note) or None,
    )
    db.session.commit()
    return flag


@dataclass
class MergeResult:
    survivor: Scenario
    merged: Scenario
    moved: dict[str, int] = field(default_factory=dict)  # table -> rows moved to the survivor
    kept: dict[str, int] = field(default_factory=dict)  # table -> rows left with the merged scenario (conflicts)
    # The two had different owners: table -> the merged organization's private rows that stayed with it.
    different_owners: bool = False
    stayed: dict[str, int] = field(default_factory=dict)


def _referencing_columns() -> list[tuple[sa.Table, sa.Column]]:
    target = Scenario.__table__.c.id
    out = []
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column is target and (table.name, fk.parent.name) not in NOT_MOVED:
                out.append((table, fk.parent))
    return out


def _unique_sets(table: sa.Table, column: sa.Column) -> list[tuple[list[sa.Column], Any]]:
    """Column sets that must stay unique and include this column, each with its partial-index condition."""
    out: list[tuple[list[sa.Column], Any]] = []
    for constraint in table.constraints:
        if isinstance(constraint, (sa.UniqueConstraint, sa.PrimaryKeyConstraint)) and column.name in constraint.columns:
            out.append((list(constraint.columns), None))
    for index in table.indexes:
        if index.unique and column.name in index.columns:
            where = None
            for dialect in ("postgresql", "sqlite"):
                where = where if where is not None else index.dialect_options[dialect].get("where")
            out.append((list(index.columns), where))
    return out


def _move_rows(table: sa.Table, column: sa.Column, old_id: int, new_id: int) -> tuple[int, int]:
    """Point rows at new_id instead of old_id, except rows whose twin already points at new_id."""
    twin = table.alias("twin")
    blockers = []
    for columns, where in _unique_sets(table, column):
        same = [twin.c[c.name] == table.c[c.name] for c in columns if c is not column]
        exists = sa.exists().where(twin.c[column.name] == new_id, *same)
        if where is not None and not isinstance(where, sa.TextClause):
            adapted = sa.sql.util.ClauseAdapter(twin).traverse(where)
            blockers.append(sa.and_(where, sa.exists().where(twin.c[column.name] == new_id, adapted, *same)))
        else:
            # A partial index given as raw SQL cannot be applied to the twin: treat it as unconditional,
            # which at worst leaves a movable row behind (never breaks the index).
            blockers.append(exists)
    stmt = sa.update(table).where(column == old_id)
    if blockers:
        stmt = stmt.where(~sa.or_(*blockers))
    moved = execute_dml(stmt.values({column.name: new_id})).rowcount or 0
    kept = db.session.scalar(sa.select(sa.func.count()).select_from(table).where(column == old_id)) or 0
    return moved, kept


def _special_movers() -> tuple[set[str], Any]:
    """Tables whose owner knows better how to move them (the living room withdraws clashing requests)."""
    try:
        from app.services.requests import move_requests
    except ImportError:  # pragma: no cover - the living room not installed
        return set(), None
    return {"intro_request", "connection"}, move_requests


def merge_scenarios(actor: User, flag_id: int, keep_id: int, note: str = "") -> MergeResult:
    """Keep one scenario of a flagged pair and fold the other into it; commit.

    The merged scenario gets status "merged" and merged_into_id, so its public page redirects to the survivor;
    earlier merges into it now point at the survivor; every referencing row moves over where it can. When the
    two have different owners, requests, rooms and notifications stay with the merged scenario (OWNER_PRIVATE):
    moving them would let the survivor's organization read another organization's conversations.
    """
    from app.services import matches

    if not permissions.can_resolve_duplicates(actor):
        raise PermissionDenied(_("Only admins resolve duplicates."))
    flag = db.session.get(DuplicateFlag, flag_id)
    if flag is None:
        raise NotFound(_("No such duplicate flag."))
    if flag.status != "open":
        raise InvalidInput(_("This flag was already resolved."))
    if keep_id not in (flag.scenario_id, flag.duplicate_of_id):
        raise InvalidInput(_("Choose which of the two scenarios to keep."), field="keep")
    merge_id = flag.duplicate_of_id if keep_id == flag.scenario_id else flag.scenario_id
    survivor, merged = db.session.get(Scenario, keep_id), db.session.get(Scenario, merge_id)
    if survivor is None or merged is None:  # deleted since the flag was raised
        raise NotFound(_("No such scenario."))
    if merged.status not in MERGEABLE or survivor.status not in MERGEABLE:
        raise InvalidInput(_("One of these scenarios was already merged."))
    different_owners = survivor.owner_id != merged.owner_id
    result = MergeResult(survivor, merged, different_owners=different_owners)
    special_tables, special = _special_movers()
    staying = OWNER_PRIVATE if different_owners else set()
    if special is not None and not different_owners:
        result.moved["intro_request"] = special(merged.id, survivor.id)
    for table, column in _referencing_columns():
        if table.name in staying:
            stayed = db.session.scalar(sa.select(sa.func.count()).select_from(table).where(column == merged.id)) or 0
            if stayed:
                result.stayed[table.name] = result.stayed.get(table.name, 0) + stayed
            continue
        if table.name in special_tables:
            continue
        moved, kept = _move_rows(table, column, merged.id, survivor.id)
        if moved:
            result.moved[table.name] = result.moved.get(table.name, 0) + moved
        if kept:
            result.kept[table.name] = result.kept.get(table.name, 0) + kept
    if special is not None and not different_owners:
        for name in special_tables:
            table = db.metadata.tables[name]
            kept = (
                db.session.scalar(sa.select(sa.func.count()).select_from(table).where(table.c.scenario_id == merged.id))
                or 0
            )
            if kept:
                result.kept[name] = kept
    # Earlier merges into the scenario now merged point straight at the survivor (no redirect chains).
    db.session.execute(
        sa.update(Scenario)
        .where(Scenario.merged_into_id == merged.id)
        .values(merged_into_id=survivor.id)
        .execution_options(synchronize_session=False)
    )
    before = {"status": merged.status, "featured": merged.featured}
    merged.status, merged.merged_into_id, merged.featured = "merged", survivor.id, False
    now = _now()
    flag.status, flag.resolved_at, flag.resolved_by_id = "merged", now, actor.id
    # Other open flags about the merged scenario: the survivor inherits them unless that would repeat a pair.
    known = _known_pairs([survivor.id])
    for other in db.session.scalars(
        sa.select(DuplicateFlag).where(
            DuplicateFlag.status == "open",
            DuplicateFlag.id != flag.id,
            sa.or_(DuplicateFlag.scenario_id == merged.id, DuplicateFlag.duplicate_of_id == merged.id),
        )
    ):
        a = survivor.id if other.scenario_id == merged.id else other.scenario_id
        b = survivor.id if other.duplicate_of_id == merged.id else other.duplicate_of_id
        if a == b or (a, b) in known:
            other.status, other.resolved_at, other.resolved_by_id = "merged", now, actor.id
        else:
            other.scenario_id, other.duplicate_of_id = a, b
            known |= {(a, b), (b, a)}
    audit.record(
        actor,
        "scenario.merge",
        "scenario",
        merged.id,
        merged.title,
        before,
        {
            "status": "merged",
            "merged_into_id": survivor.id,
            "moved": result.moved,
            "kept": result.kept,
            "different_owners": different_owners,
            "stayed": result.stayed,
        },
        note=normalize(note) or None,
    )
    with audit.acting_as(actor):
        db.session.flush()
        matches.listing_changed("scenario", merged.id)
        matches.listing_changed("scenario", survivor.id)
        db.session.commit()
    return result


def redirect_target(scenario_id: int) -> int | None:
    """The scenario a merged scenario's address now leads to, or None if it was not merged."""
    return db.session.scalar(
        sa.select(Scenario.merged_into_id).where(Scenario.id == scenario_id, Scenario.status == "merged")
    )
