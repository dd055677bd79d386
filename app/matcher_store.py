"""The resident matcher: one fitted index per process, kept in step with the database.

Pages never use this module: they read stored Match rows. Only writes (a listing published, edited or
withdrawn; feedback; `flask match rebuild`) and duplicate checks use the fitted matcher.

Where it lives
    MATCHER_DIR (default instance/matching/) holds, per index key, full files index-<key>-<generation>.npz
    (written by Matcher.save, stamped with the library's INDEX_VERSION and the lexicon's fingerprint) and small
    delta files delta-<key>-<generation>.json (Matcher.save_delta: the documents a change added or updated and
    the ids it removed). The single matcher_state row names the current (index_key, generation) and the
    base_generation whose full file the later deltas are replayed on. A new index_key is drawn at each full
    refit, so two databases sharing one instance/ folder never read each other's files.

Loading (lazy, per process)
    Before each use the process compares its (key, generation, taxonomy fingerprint) with the row. A process
    holding generation g0 of the same key replays only the deltas g0+1..g (milliseconds); a process with no
    copy loads the base file and replays the deltas after it. So several gunicorn workers and the job worker
    stay in step without talking to each other and without rereading the whole index after each change.

Changing (incremental)
    `begin_change()` first bumps the row's generation: on PostgreSQL the row lock, on SQLite the database
    write lock, is held until the commit, so index changes from several workers queue up instead of
    overwriting each other. Then the caller applies add/update/remove to the in-memory matcher, which journals
    them; the delta file of the new generation is written just before the commit makes that generation
    official (a session before_commit hook), and a rollback drops the in-memory copy so the next use reloads
    the last committed state. A full rebuild (`replace`) and a change made on a copy that had to be refit
    write a full file instead, and become the base.

Compaction (background)
    When the deltas since the base pass MATCHER_COMPACT_AFTER files or MATCHER_COMPACT_BYTES, the commit
    queues `compact()` (app/jobs.py's compact_matcher task): it brings its own copy to the committed
    generation, writes it as a full file, then moves base_generation to it unless a change or a rebuild moved
    the row meanwhile in a way that makes it moot (a newer base, another key). A generation's content never
    changes once committed, so the file is written without holding the generation lock. Files are pruned
    only behind the previous base, so a worker that read the row just before the compaction still finds
    everything it needs. Should the worker not run, a change writes a full file itself once the deltas are
    ten times over the limit.

Refit rule
    A full refit from the database happens only when (1) there is no state row yet, (2) the taxonomy rows
    changed since the fit (the lexicon is built from them; the caller then recomputes every stored match),
    or (3) the base file or one of the deltas after it cannot be read by this version of the library
    (missing, corrupt, or a stale INDEX_VERSION: Matcher.load / apply_delta raise ValueError). A copy that
    fails to replay a delta is first dropped and loaded cleanly from the base. Drift is no reason to refit in a
    request: an incrementally updated index scores exactly like a refit on the same listings
    (matching/index.py). When more than refit_fraction (25 %) of the listings changed since the fit,
    `needs_refit` turns true; `flask match rebuild` at a quiet moment then also drops vocabulary no
    listing uses any more.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask, current_app

from app.extensions import db
from app.models import Capability, Industry, MatcherState, Scenario, VendorProfile
from app.models.base import utcnow
from app.models.taxonomy import TaxonomyModel
from matching import Lexicon, Matcher, ScenarioDoc, VendorDoc, default_lexicon_path

log = logging.getLogger(__name__)

STATE_ID = 1
COMPACT_REQUEUE_SECONDS = 30.0  # a process queues at most one compaction this often (the task checks it is still due)
_SESSION_FLAG = "keting_matcher_dirty"


# Listings as matcher documents ------------------------------------------------------------------------


def scenario_doc(scenario: Scenario) -> ScenarioDoc:
    """The matcher's view of a scenario: its words and its declared taxonomy codes."""
    industry = scenario.industry
    return ScenarioDoc(
        id=str(scenario.id),
        title=scenario.title or "",
        description="\n".join(x for x in (scenario.description, scenario.data_available) if x),
        industry=(industry.name_zh + " " + industry.name_en) if industry else "",
        industry_codes=(industry.code,) if industry else (),
        capability_codes=tuple(c.code for c in scenario.capabilities),
    )


def scenario_doc_from_text(text: dict, industry: Industry | None) -> ScenarioDoc:
    """A not-yet-saved scenario as a matcher document (for duplicate checks)."""
    return ScenarioDoc(
        id="__draft__",
        title=str(text.get("title") or ""),
        description=str(text.get("description") or ""),
        industry=(industry.name_zh + " " + industry.name_en) if industry else "",
        industry_codes=(industry.code,) if industry else (),
        capability_codes=tuple(str(c) for c in (text.get("capability_codes") or ())),
    )


def vendor_doc(profile: VendorProfile) -> VendorDoc:
    """The matcher's view of a vendor: what it says it does, for whom, and its declared codes."""
    org = profile.organization
    return VendorDoc(
        id=str(profile.id),
        name=" ".join(x for x in (org.name, org.name_en) if x),
        description="\n".join(x for x in (org.description, profile.products, profile.case_studies) if x),
        industries=tuple(i.name_zh for i in profile.industries),
        industry_codes=tuple(i.code for i in profile.industries),
        capability_codes=tuple(c.code for c in profile.capabilities),
    )


def _scenario_options():
    return (so.joinedload(Scenario.industry), so.selectinload(Scenario.capabilities))


def _vendor_options():
    return (
        so.joinedload(VendorProfile.organization),
        so.selectinload(VendorProfile.capabilities),
        so.selectinload(VendorProfile.industries),
    )


def published_scenarios() -> list[Scenario]:
    return list(
        db.session.scalars(
            sa.select(Scenario)
            .where(Scenario.status == "published")
            .order_by(Scenario.id)
            .options(*_scenario_options())
        ).unique()
    )


def published_vendors() -> list[VendorProfile]:
    return list(
        db.session.scalars(
            sa.select(VendorProfile)
            .where(VendorProfile.status == "published")
            .order_by(VendorProfile.id)
            .options(*_vendor_options())
        ).unique()
    )


# The lexicon, from the taxonomy rows ------------------------------------------------------------------


def lexicon_data() -> dict[str, Any]:
    """The taxonomy rows in seeds/taxonomy.json's shape, for `matching.Lexicon.from_dict`.

    The matcher's lexicon is built from this, so what admins edit at /admin/taxonomy is what the matcher reads.
    """
    out: dict[str, Any] = {"version": "db", "industries": [], "capabilities": []}
    models: tuple[tuple[str, TaxonomyModel], ...] = (("industries", Industry), ("capabilities", Capability))
    for key, model in models:
        rows = db.session.scalars(sa.select(model).order_by(model.position, model.id)).all()
        codes: dict[int | None, str] = {r.id: r.code for r in rows}
        for r in rows:
            out[key].append(
                {
                    "code": r.code,
                    "name_zh": r.name_zh,
                    "name_en": r.name_en,
                    "parent": codes.get(r.parent_id),
                    "synonyms_zh": list(r.synonyms_zh or []),
                    "synonyms_en": list(r.synonyms_en or []),
                    "weak_zh": list(r.weak_zh or []),
                    "weak_en": list(r.weak_en or []),
                }
            )
    return out


def fingerprint(data: dict[str, Any]) -> str:
    """A short hash of the taxonomy content (the version field aside)."""
    content = {k: v for k, v in data.items() if k != "version"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    """The matcher's lexicon from the taxonomy rows; the shipped file when the database has none yet."""
    if not data.get("industries") and not data.get("capabilities"):
        return Lexicon.load(default_lexicon_path())
    return Lexicon.from_dict(data)


# The process's copy -----------------------------------------------------------------------------------


@dataclass
class Snapshot:
    """What stands behind a matcher: the index key and generation it holds, and the taxonomy it was built from.

    `write_base` says what the commit of a change writes: a full file (after a refit, a rebuild, or when the
    deltas are far over the limit) instead of a delta.
    """

    matcher: Matcher
    key: str
    generation: int
    taxonomy: str
    write_base: bool = False
    previous_base: int = -1  # the base before the one this change writes: files behind it are pruned after the commit


class ResidentMatcher:
    """The fitted matcher of one process (one per app), loaded lazily and brought forward when another worker moved on."""

    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.lock = threading.RLock()
        self.loads = 0  # how often this process read a base file (tests and `flask match status` look)
        self.fits = 0
        self.deltas = 0  # delta files replayed on a copy already held
        self.changing = False  # a change of this process is between begin_change and its commit or rollback
        self.compact_due = False
        self.compact_queued_at = -COMPACT_REQUEUE_SECONDS

    def forget(self) -> None:
        with self.lock:
            self.snapshot = None


def resident(app: Flask | None = None) -> ResidentMatcher:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]  # current_app is a LocalProxy typed as Flask
    store = app.extensions.get("keting_matcher")
    if store is None:
        store = app.extensions["keting_matcher"] = ResidentMatcher()
    return store


def matcher_dir() -> Path:
    configured = current_app.config.get("MATCHER_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "matching"


def index_path(key: str, generation: int) -> Path:
    """The full (base) index file of this generation."""
    return matcher_dir() / f"index-{key}-{generation}.npz"


def delta_path(key: str, generation: int) -> Path:
    """The delta file of the change that made this generation."""
    return matcher_dir() / f"delta-{key}-{generation}.json"


def _atomic(path: Path, write) -> None:
    """Write through a temp file and a rename, so a reader sees the whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _save(matcher: Matcher, key: str, generation: int) -> Path:
    """Write the full index of this generation atomically."""
    path = index_path(key, generation)
    _atomic(path, matcher.save)
    return path


def _save_delta(matcher: Matcher, key: str, generation: int) -> Path:
    """Write the changes journalled since the last save as this generation's delta, then clear the journal."""
    path = delta_path(key, generation)
    _atomic(path, matcher.save_delta)
    matcher.clear_journal()
    return path


def _parse(path: Path) -> tuple[str, str, int] | None:
    """(kind, key, generation) of a file this module writes; None for anything else."""
    try:
        kind, key, gen = path.stem.split("-")
        return kind, key, int(gen)
    except ValueError:
        return None


def prune(key: str, keep_from: int) -> int:
    """Remove this key's files before generation keep_from (a base at keep_from stays), and other keys' day-old files.

    Returns how many files were removed.
    """
    import time

    removed = 0
    folder = matcher_dir()
    if not folder.exists():
        return 0
    for path in [*folder.glob("index-*.npz"), *folder.glob("delta-*.json")]:
        parsed = _parse(path)
        if parsed is None:
            continue
        kind, file_key, gen = parsed
        if file_key == key:
            stale = gen < keep_from or (kind == "delta" and gen == keep_from)
        else:
            # Another key's files belong to an older fit of this database or to another database; only remove
            # them once they are a day old, so a second database sharing the folder keeps working.
            try:
                stale = time.time() - path.stat().st_mtime > 86400
            except FileNotFoundError:
                continue
        if stale:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


DOC_BATCH = 2000


def _codes_by_owner(link: sa.Table, owner_col: str, model: TaxonomyModel, ids: list[int]) -> dict[int, list]:
    """Taxonomy codes per listing id, in the relationships' order (the model's position)."""
    out: dict[int, list] = {}
    rows = db.session.execute(
        sa.select(link.c[owner_col], model.code)
        .join(model, model.id == next(c for c in link.c if c.name != owner_col))
        .where(link.c[owner_col].in_(ids))
        .order_by(link.c[owner_col], model.position, model.id)
    )
    for owner, code in rows:
        out.setdefault(owner, []).append(code)
    return out


def _batches(stmt: sa.Select) -> Iterator[list[sa.Row]]:
    """The statement's rows DOC_BATCH at a time, streamed (a server-side cursor on PostgreSQL)."""
    result = db.session.execute(stmt.execution_options(yield_per=DOC_BATCH))
    for part in result.partitions():
        yield list(part)


def published_scenario_docs() -> Iterator[ScenarioDoc]:
    """Every published scenario as a matcher document, read as plain columns in batches (no ORM objects)."""
    from app.models import scenario_capability

    industries = {
        r.id: r for r in db.session.execute(sa.select(Industry.id, Industry.code, Industry.name_zh, Industry.name_en))
    }
    stmt = (
        sa.select(Scenario.id, Scenario.title, Scenario.description, Scenario.data_available, Scenario.industry_id)
        .where(Scenario.status == "published")
        .order_by(Scenario.id)
    )
    for rows in _batches(stmt):
        caps = _codes_by_owner(scenario_capability, "scenario_id", Capability, [r.id for r in rows])
        for r in rows:
            ind = industries.get(r.industry_id)
            yield ScenarioDoc(
                id=str(r.id),
                title=r.title or "",
                description="\n".join(x for x in (r.description, r.data_available) if x),
                industry=(ind.name_zh + " " + ind.name_en) if ind else "",
                industry_codes=(ind.code,) if ind else (),
                capability_codes=tuple(caps.get(r.id, ())),
            )


def published_vendor_docs() -> Iterator[VendorDoc]:
    """Every published vendor profile as a matcher document, read as plain columns in batches."""
    from app.models import Organization, vendor_capability, vendor_industry

    industries = {r.id: r for r in db.session.execute(sa.select(Industry.id, Industry.code, Industry.name_zh))}
    stmt = (
        sa.select(
            VendorProfile.id,
            VendorProfile.products,
            VendorProfile.case_studies,
            Organization.name,
            Organization.name_en,
            Organization.description,
        )
        .join(Organization, Organization.id == VendorProfile.organization_id)
        .where(VendorProfile.status == "published")
        .order_by(VendorProfile.id)
    )
    for rows in _batches(stmt):
        ids = [r.id for r in rows]
        caps = _codes_by_owner(vendor_capability, "vendor_id", Capability, ids)
        served: dict[int, list] = {}
        for owner, industry_id in db.session.execute(
            sa.select(vendor_industry.c.vendor_id, vendor_industry.c.industry_id)
            .join(Industry, Industry.id == vendor_industry.c.industry_id)
            .where(vendor_industry.c.vendor_id.in_(ids))
            .order_by(vendor_industry.c.vendor_id, Industry.position, Industry.id)
        ):
            served.setdefault(owner, []).append(industries[industry_id])
        for r in rows:
            mine = served.get(r.id, ())
            yield VendorDoc(
                id=str(r.id),
                name=" ".join(x for x in (r.name, r.name_en) if x),
                description="\n".join(x for x in (r.description, r.products, r.case_studies) if x),
                industries=tuple(i.name_zh for i in mine),
                industry_codes=tuple(i.code for i in mine),
                capability_codes=tuple(caps.get(r.id, ())),
            )


# Processes for the analysis (segmenting) in a full rebuild's fit, which is most of its time: every core. A refit
# inside a request (the refit rule) stays in its process.
REBUILD_FIT_JOBS = -1


def _fit(lexicon: Lexicon, n_jobs: int = 1) -> Matcher:
    return Matcher(lexicon=lexicon, n_jobs=n_jobs).fit(published_scenario_docs(), published_vendor_docs())


def _state(for_update: bool = False) -> MatcherState | None:
    stmt = sa.select(MatcherState).where(MatcherState.id == STATE_ID)
    if for_update:
        stmt = stmt.with_for_update()
    return db.session.scalar(stmt)


@dataclass(frozen=True)
class Current:
    matcher: Matcher
    refitted: bool  # True when the taxonomy or the library changed (or there was no index): recompute every match


class _Unusable(Exception):
    """A file of the chain could not be used; `present` when it exists (unreadable or stale, not just missing)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.present = path.exists()


def _replay(matcher: Matcher, key: str, first: int, last: int) -> int:
    """Apply the deltas first..last in order; raises _Unusable at the first that cannot be applied."""
    for gen in range(first, last + 1):
        path = delta_path(key, gen)
        try:
            matcher.apply_delta(path)
        except ValueError as exc:
            raise _Unusable(path, str(exc)) from None
    return max(0, last - first + 1)


def _load_chain(key: str, base: int, generation: int, lexicon: Lexicon) -> Matcher:
    """The index of this generation: the base file, and the deltas after it replayed."""
    path = index_path(key, base)
    if base > generation:
        raise _Unusable(path, f"base {base} is past generation {generation}")
    try:
        matcher = Matcher.load(path, lexicon=lexicon)
    except ValueError as exc:
        raise _Unusable(path, str(exc)) from None
    _replay(matcher, key, base + 1, generation)
    matcher.clear_journal()
    return matcher


def _catch_up(store: ResidentMatcher, snap: Snapshot, generation: int) -> bool:
    """Bring a copy held at an older generation of the same key forward by its deltas; False when one fails."""
    try:
        store.deltas += _replay(snap.matcher, snap.key, snap.generation + 1, generation)
    except _Unusable as exc:
        # Half replayed: the copy is neither generation. Drop it; the caller loads the chain cleanly.
        log.info("matcher delta %s unusable; loading the index afresh", exc)
        store.snapshot = None
        return False
    snap.matcher.clear_journal()
    snap.generation = generation
    return True


def _ensure(state: MatcherState | None, generation: int | None = None) -> Current:
    """Bring this process's copy to the row's (key, generation), replaying, loading or fitting as the refit rule says."""
    store = resident()
    data = lexicon_data()
    taxonomy = fingerprint(data)
    snap = store.snapshot
    if state is not None:
        generation = state.generation if generation is None else generation
        if state.taxonomy_fingerprint == taxonomy:
            if snap is not None and snap.key == state.index_key and snap.taxonomy == taxonomy:
                if snap.generation == generation:
                    return Current(snap.matcher, False)
                if snap.generation < generation and _catch_up(store, snap, generation):
                    return Current(snap.matcher, False)
            lexicon = build_lexicon(data)
            try:
                matcher = _load_chain(state.index_key, state.base_generation, generation, lexicon)
            except _Unusable as exc:
                # Missing (a new machine, a wiped instance/): the same listings refit to the same scores. Present
                # but unreadable or stale (another library version): scores may differ, so recompute them all.
                log.warning("matcher index %s unusable (%s); refitting from the database", state.index_key, exc)
                matcher = _fit(lexicon)
                store.fits += 1
                store.snapshot = Snapshot(matcher, state.index_key, generation, taxonomy, write_base=True)
                return Current(matcher, exc.present)
            store.loads += 1
            store.snapshot = Snapshot(matcher, state.index_key, generation, taxonomy)
            return Current(matcher, False)
    # No index yet, or the taxonomy changed: fit afresh (kept in memory; begin_change/replace persist it).
    matcher = _fit(build_lexicon(data))
    store.fits += 1
    store.snapshot = Snapshot(matcher, "", -1, taxonomy, write_base=True)
    return Current(matcher, True)


def current() -> Current:
    """The matcher for the committed state of the database, for reading (replays, loads or fits as the refit rule says)."""
    store = resident()
    with store.lock:
        session = db.session
        if session.info.get(_SESSION_FLAG) and store.snapshot is not None:
            return Current(store.snapshot.matcher, False)  # this transaction changed it: read its own changes
        if store.changing and store.snapshot is not None:
            # Another thread of this process holds the generation lock and is changing this copy: no other change
            # can commit meanwhile, so the copy is the committed index plus that one change. Reloading here would
            # swap the copy under the change and lose it at its commit.
            return Current(store.snapshot.matcher, False)
        return _ensure(_state())


def _loaded(store: ResidentMatcher) -> Snapshot:
    """The store's snapshot after _ensure, which always leaves one (a real check: `python -O` keeps it)."""
    if store.snapshot is None:
        raise RuntimeError("matcher store has no snapshot after loading")
    return store.snapshot


def _compact_after() -> int:
    return max(1, int(current_app.config.get("MATCHER_COMPACT_AFTER") or 100))


def begin_change() -> Current:
    """Lock the index for a change in this transaction and return the matcher to change in place.

    The delta file of the new generation is written just before the commit; a rollback forgets the change.
    Current.refitted tells the caller that every stored match must be recomputed.
    """
    session = db.session
    store = resident()
    if session.info.get(_SESSION_FLAG) and store.snapshot is not None:
        return Current(store.snapshot.matcher, False)  # a second change in this transaction: already locked
    state = _state()
    if state is not None:
        # Take the lock first (an UPDATE: PostgreSQL's row lock, SQLite's write lock), then read the row again:
        # a change another worker committed meanwhile is in it, and is replayed before this one is applied. The
        # database lock comes before this process's own lock, so two threads of one worker cannot deadlock.
        session.execute(
            sa.update(MatcherState).where(MatcherState.id == STATE_ID).values(generation=MatcherState.generation + 1)
        )
        session.refresh(state)
    with store.lock:
        if state is None:
            cur = _ensure(None)
            state = MatcherState(
                id=STATE_ID,
                index_key=uuid.uuid4().hex[:12],
                generation=0,
                base_generation=0,
                taxonomy_fingerprint=_loaded(store).taxonomy,
            )
            session.add(state)
        else:
            cur = _ensure(state, generation=state.generation - 1)
            if cur.refitted:
                state.index_key = uuid.uuid4().hex[:12]
                state.taxonomy_fingerprint = _loaded(store).taxonomy
                state.fitted_at = utcnow()
        snap = _loaded(store)
        snap.key, snap.generation = state.index_key, state.generation
        # A copy that had to be refit has no chain behind it, and a chain far past the compaction limit (no worker
        # compacting) costs every process too much to replay: this change writes a full file and becomes the base.
        if cur.refitted or snap.write_base or state.generation - state.base_generation > 10 * _compact_after():
            snap.write_base = True
            snap.previous_base = state.base_generation
            state.base_generation = state.generation
        session.flush()
        snap.matcher.clear_journal()
        store.changing = True
        session.info[_SESSION_FLAG] = store
        return cur


def replace(matcher: Matcher) -> None:
    """Make a freshly fitted matcher the current one in this transaction (a full rebuild; written as a new base)."""
    session = db.session
    store = resident()
    data = lexicon_data()
    state = _state(for_update=True)
    with store.lock:
        key = uuid.uuid4().hex[:12]
        if state is None:
            state = MatcherState(id=STATE_ID, generation=0)
            session.add(state)
        else:
            state.generation = state.generation + 1
        state.base_generation = state.generation
        state.index_key = key
        state.taxonomy_fingerprint = fingerprint(data)
        state.fitted_at = utcnow()
        session.flush()
        matcher.clear_journal()
        store.snapshot = Snapshot(
            matcher, key, state.generation, state.taxonomy_fingerprint, write_base=True, previous_base=state.generation
        )
        store.changing = True
        session.info[_SESSION_FLAG] = store


def fit_fresh() -> Matcher:
    """Fit a new matcher on the published listings and the current taxonomy (not yet current)."""
    store = resident()
    store.fits += 1
    return _fit(build_lexicon(lexicon_data()), REBUILD_FIT_JOBS)


def compaction_due(state: MatcherState) -> bool:
    """Whether the deltas since the base passed MATCHER_COMPACT_AFTER files or MATCHER_COMPACT_BYTES."""
    count = state.generation - state.base_generation
    if count <= 0:
        return False
    if count >= _compact_after():
        return True
    limit = int(current_app.config.get("MATCHER_COMPACT_BYTES") or 16 * 1024 * 1024)
    size = 0
    for gen in range(state.base_generation + 1, state.generation + 1):
        try:
            size += delta_path(state.index_key, gen).stat().st_size
        except FileNotFoundError:
            return True  # a broken chain: a new base mends it
    return size >= limit


def compact(force: bool = False) -> int | None:
    """Write the committed generation as a new base file and point the row at it; prune what no process needs.

    Runs in the job worker (app/jobs.py, compact_matcher), never in a request. Returns the new base generation,
    or None when there was nothing to do (not due, no index, or this process is in the middle of a change).
    """
    store = resident()
    state = _state()
    if state is None or state.base_generation == state.generation or not (force or compaction_due(state)):
        db.session.rollback()
        return None
    previous = state.base_generation
    with store.lock:
        if store.changing:
            db.session.rollback()
            return None  # another thread of this process is changing the index; its commit queues a compaction
        cur = _ensure(state)
        snap = _loaded(store)
        key, generation = snap.key, snap.generation
        # A copy refit from the database has no chain behind it; the next change writes it as a base instead.
        if cur.refitted or snap.write_base or (key, generation) != (state.index_key, state.generation):
            db.session.rollback()
            return None
        # The committed content of a generation never changes: writing its file needs no lock but our own copy's.
        _save(snap.matcher, key, generation)
    # End the read transaction first: on SQLite a reader that saw an older state may not become a writer.
    db.session.rollback()
    moved = db.session.execute(
        sa.update(MatcherState)
        .where(
            MatcherState.id == STATE_ID,
            MatcherState.index_key == key,
            MatcherState.base_generation < generation,
        )
        .values(base_generation=generation)
    )
    db.session.commit()
    if not moved.rowcount:  # type: ignore[attr-defined]  # an UPDATE's result is a CursorResult
        # A rebuild drew a new key meanwhile, or another compaction went further: this file serves nobody.
        index_path(key, generation).unlink(missing_ok=True)
        return None
    # Keep the previous base and the deltas after it: a worker that read the row a moment ago may still need them.
    prune(key, previous)
    log.info("matcher index %s compacted at generation %d (previous base %d)", key, generation, previous)
    return generation


def status() -> dict[str, Any]:
    """What `flask match status` prints: the row, this process's copy, and whether a refit is due."""
    state = _state()
    out: dict[str, Any] = {"state": None, "file": None, "needs_refit": None}
    if state is not None:
        path = index_path(state.index_key, state.base_generation)
        out["state"] = {
            "key": state.index_key,
            "generation": state.generation,
            "base_generation": state.base_generation,
            "fitted_at": state.fitted_at,
        }
        out["file"] = str(path) if path.exists() else None
        out["taxonomy_current"] = state.taxonomy_fingerprint == fingerprint(lexicon_data())
        if out["file"]:
            try:
                m = _load_chain(state.index_key, state.base_generation, state.generation, build_lexicon(lexicon_data()))
            except _Unusable as exc:
                out["error"] = str(exc)
            else:
                out["needs_refit"] = bool(m.needs_refit_)
                out["listings"] = {"scenarios": len(m.scenario_ids_), "vendors": len(m.vendor_ids_)}
                # Listings loaded behind the services' back (a seed, a restore) leave the index out of step.
                live_s = {
                    str(i) for i in db.session.scalars(sa.select(Scenario.id).where(Scenario.status == "published"))
                }
                live_v = {
                    str(i)
                    for i in db.session.scalars(sa.select(VendorProfile.id).where(VendorProfile.status == "published"))
                }
                out["listings_current"] = set(m.scenario_ids_) == live_s and set(m.vendor_ids_) == live_v
    return out


def is_stale() -> bool:
    """True when the index is missing, unreadable, or out of step with the taxonomy or the published listings."""
    info = status()
    return (
        info["state"] is None
        or info["file"] is None
        or "error" in info
        or not info.get("taxonomy_current")
        or not info.get("listings_current")
    )


# Session hooks: save before the commit, forget after a rollback --------------------------------------


def _before_commit(session) -> None:
    store: ResidentMatcher | None = session.info.get(_SESSION_FLAG)
    if store is None:
        return
    with store.lock:
        snap = store.snapshot
        if snap is None:
            return
        if snap.write_base:
            _save(snap.matcher, snap.key, snap.generation)
            snap.matcher.clear_journal()
        else:
            _save_delta(snap.matcher, snap.key, snap.generation)
        state = session.get(MatcherState, STATE_ID)
        store.compact_due = state is not None and not snap.write_base and compaction_due(state)


def _after_commit(session) -> None:
    store: ResidentMatcher | None = session.info.pop(_SESSION_FLAG, None)
    if store is None:
        return
    import time

    with store.lock:
        store.changing = False
        snap = store.snapshot
        prune_from = snap.previous_base if snap is not None and snap.write_base else None
        if snap is not None:
            snap.write_base, snap.previous_base = False, -1
        due, store.compact_due = store.compact_due, False
    if prune_from is not None and snap is not None:
        prune(snap.key, prune_from)
    # One queued compaction at a time per process is plenty: the task checks again whether it is still due.
    if due and time.monotonic() - store.compact_queued_at >= COMPACT_REQUEUE_SECONDS:
        store.compact_queued_at = time.monotonic()
        from app import jobs

        try:
            jobs.compact_matcher()
        except Exception:
            # The change is committed; an unreachable queue only delays the compaction to a later commit.
            log.exception("could not queue the matcher compaction")


def _after_rollback(session) -> None:
    store: ResidentMatcher | None = session.info.pop(_SESSION_FLAG, None)
    if store is not None:
        store.changing = False
        store.compact_due = False
        store.forget()


def init_app(app: Flask) -> None:
    resident(app)
    if not getattr(init_app, "_hooked", False):
        sa.event.listen(so.Session, "before_commit", _before_commit)
        sa.event.listen(so.Session, "after_commit", _after_commit)
        sa.event.listen(so.Session, "after_rollback", _after_rollback)
        init_app._hooked = True  # type: ignore[attr-defined]


def docs_for(ids: Iterable[int], kind: str) -> list:
    """Matcher documents for these listing ids (published or not: the caller decides)."""
    ids = list(ids)
    if not ids:
        return []
    if kind == "scenario":
        scenarios = db.session.scalars(sa.select(Scenario).where(Scenario.id.in_(ids)).options(*_scenario_options()))
        return [scenario_doc(s) for s in scenarios.unique()]
    vendors = db.session.scalars(sa.select(VendorProfile).where(VendorProfile.id.in_(ids)).options(*_vendor_options()))
    return [vendor_doc(v) for v in vendors.unique()]


__all__ = [
    "Current",
    "ResidentMatcher",
    "begin_change",
    "build_lexicon",
    "compact",
    "compaction_due",
    "current",
    "delta_path",
    "docs_for",
    "fingerprint",
    "fit_fresh",
    "index_path",
    "init_app",
    "is_stale",
    "lexicon_data",
    "matcher_dir",
    "prune",
    "published_scenarios",
    "published_vendors",
    "replace",
    "resident",
    "scenario_doc",
    "scenario_doc_from_text",
    "status",
    "vendor_doc",
]
