"""Stored matches: the matcher's proposals kept in the database, recomputed when a listing or feedback changes.

Pages read Match rows and never fit or query the matcher. What is stored, per published scenario: the
published vendors whose score is at least MIN_SCORE, best first, at most MAX_VENDORS_PER_SCENARIO of them,
with rank = place in that list. A vendor's feed is every scenario where it is in that list.

Recomputing runs in the worker, never in the request: a change records its listing in match_pending (the outbox
at the end of this module) and a job drains it after the commit. A scenario's list depends on every vendor, so a
published scenario is ranked alone; a changed vendor is scored against every scenario in one product and only
the lists it enters, leaves or moves in are written (vendor_lists_changed). Writes touch only rows whose content
changes: scores are stored to SCORE_DIGITS decimals, so a nudge in idf from an unrelated listing does not
rewrite a row.

Feedback: a "not relevant" or a decline takes that pair out of the lists for good (until a later interest
or acceptance on the same pair), and counts against the vendor for the scenario's kind through
matching.feedback_penalties: one net negative halves the vendor's score on scenarios wholly of that kind,
two leave a quarter, never less than a tenth. The kind is the scenario's capabilities
(matching.scenario_kind), or its industry when the reason given is "not our industry"; a circumstantial
reason (budget, size, place, timing, capacity) penalises nothing. A later interest or acceptance by the
same vendor counts one back. The industry is not penalised by default: see matching/feedback.py for why,
and bench/feedback_replay.py for the figures.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import numpy as np
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _

from app import matcher_store, permissions
from app.extensions import db, dialect_insert, execute_dml
from app.models import (
    NEGATIVE_SIGNALS,
    SIGNAL_KINDS,
    Capability,
    Industry,
    IntroRequest,
    Match,
    MatcherState,
    MatchPending,
    MatchSignal,
    Scenario,
    User,
    VendorProfile,
    scenario_capability,
)
from app.models.base import utcnow
from app.models.feedback import MAX_SIGNAL_REASON
from app.services import bulk
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import DismissMatchInput, MatchFeedQuery
from app.services.pagination import Page
from app.services.taxonomy import ids_for_code
from matching import Matcher, ScenarioDoc, feedback_penalties, scenario_kind, strength
from matching.index import GEN_LABEL

log = logging.getLogger(__name__)

# 0.25: below it a pair shares only an industry (that share of the score is under 0.20) and a few words, no
# capability. What a stored score means to a reader comes from matching.strength (thresholds fitted on labelled sets).
MIN_SCORE = 0.25
MAX_VENDORS_PER_SCENARIO = 30
SCORE_DIGITS = 4
POSITIVE_SIGNALS = ("interest", "accepted")
LISTING_KINDS = ("scenario", "vendor")


# Recomputing ------------------------------------------------------------------------------------------


@dataclass
class _Feedback:
    """What the signals say, read once per recompute: excluded pairs and penalties per (vendor, concept)."""

    excluded: dict[int, set[str]] = field(default_factory=dict)  # scenario id -> vendor ids (matcher strings)
    penalties: dict[tuple[str, str], float] = field(default_factory=dict)


# What a negative signal counts against, by its reason code (the text before ":" in MatchSignal.reason):
# "not our industry" against the scenario's industry; circumstances (budget, size, place, timing, capacity, chose
# another) against nothing, the pair is only taken out; anything else ("not a fit", "not what we do", no reason)
# against the scenario's capabilities, matching.scenario_kind.
INDUSTRY_REASONS = ("not_our_industry",)
CIRCUMSTANCE_REASONS = ("size_or_budget", "location", "budget", "timing", "no_capacity", "chose_other")


def _reason_code(reason: str | None) -> str | None:
    return reason.split(":", 1)[0].strip() if reason else None


def _read_feedback(matcher: Matcher) -> _Feedback:
    rows = db.session.execute(
        sa.select(MatchSignal.scenario_id, MatchSignal.vendor_id, MatchSignal.kind, MatchSignal.reason)
        .where(MatchSignal.kind.in_(NEGATIVE_SIGNALS + POSITIVE_SIGNALS))
        .order_by(MatchSignal.created_at, MatchSignal.id)
    ).all()
    fb = _Feedback()
    if not rows:
        return fb
    latest: dict[tuple[int, int], str] = {}
    for sid, vid, kind, _reason in rows:
        latest[(sid, vid)] = kind
    for (sid, vid), kind in latest.items():
        if kind in NEGATIVE_SIGNALS:
            fb.excluded.setdefault(sid, set()).add(str(vid))
    kinds = _kinds_of({r[0] for r in rows}, matcher)
    events = []
    for sid, vid, kind, reason in rows:
        capabilities, industry = kinds[sid]
        if kind in POSITIVE_SIGNALS:
            events.append((str(vid), capabilities + industry, 1))
            continue
        code = _reason_code(reason)
        if code in CIRCUMSTANCE_REASONS:
            continue
        events.append((str(vid), industry if code in INDUSTRY_REASONS else capabilities, -1))
    fb.penalties = feedback_penalties(events)
    return fb


def _kinds_of(scenario_ids: Iterable[int], matcher: Matcher) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each scenario's (capabilities, industry) codes: what a negative signal may count against."""
    ids = set(scenario_ids)
    declared: dict[int, list[str]] = {sid: [] for sid in ids}
    for sid, code in db.session.execute(
        sa.select(scenario_capability.c.scenario_id, Capability.code)
        .join(Capability, Capability.id == scenario_capability.c.capability_id)
        .where(scenario_capability.c.scenario_id.in_(ids))
        .order_by(Capability.position, Capability.id)
    ):
        declared[sid].append(code)
    capabilities = {sid: tuple(codes) for sid, codes in declared.items() if codes}
    undeclared = [sid for sid in ids if sid not in capabilities]
    for doc in matcher_store.docs_for(undeclared, "scenario"):
        capabilities[int(doc.id)] = scenario_kind(doc, matcher.lexicon_)
    industries = dict(
        db.session.execute(
            sa.select(Scenario.id, Industry.code)
            .join(Industry, Industry.id == Scenario.industry_id)
            .where(Scenario.id.in_(ids))
        ).all()
    )
    return {sid: (capabilities.get(sid, ()), (industries[sid],) if sid in industries else ()) for sid in ids}


def _reasons_json(matcher: Matcher, reasons) -> list[dict]:
    """Reasons in both languages, so a page shows them in its viewer's language without asking the matcher."""
    lex = matcher.lexicon_
    out = []
    for r in reasons:
        if r.kind == "term":
            zh = en = r.label
        elif r.code is None:
            zh, en = GEN_LABEL["zh"], GEN_LABEL["en"]
        else:
            zh, en = lex.label(r.code, "zh"), lex.label(r.code, "en")
        out.append(
            {
                "kind": r.kind,
                "code": r.code,
                "zh": zh,
                "en": en,
                "share": round(r.share, 3),
                "chosen_by": list(r.chosen_by),
            }
        )
    return out


def _proposals(
    matcher: Matcher, scenario_id: int, fb: _Feedback, live_vendors: set[str]
) -> list[tuple[int, float, list]]:
    """(vendor id, score, reasons) for one indexed scenario, best first, as they will be stored."""
    excluded = fb.excluded.get(scenario_id, set())
    results = matcher.rank_vendors(
        str(scenario_id),
        k=MAX_VENDORS_PER_SCENARIO + len(excluded) + 5,
        lang="zh",
        penalties=fb.penalties or None,
        exclude=excluded,
    )
    out = []
    for r in results:
        score = round(r.score, SCORE_DIGITS)
        if score < MIN_SCORE or r.vendor_id not in live_vendors:
            continue
        out.append((int(r.vendor_id), score, _reasons_json(matcher, r.reasons)))
        if len(out) == MAX_VENDORS_PER_SCENARIO:
            break
    return out


LIST_CHUNK = 2000  # ids per IN (...) list: well under PostgreSQL's and SQLite's limits on bound parameters


def _chunks(ids: list[int], size: int = LIST_CHUNK) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass
class SyncCount:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0

    def add(self, other: SyncCount) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.deleted += other.deleted

    @property
    def touched(self) -> int:
        return self.inserted + self.updated + self.deleted


def _live_vendor_ids() -> set[str]:
    return {str(v) for v in db.session.scalars(sa.select(VendorProfile.id).where(VendorProfile.status == "published"))}


def _live_scenario_ids() -> list[int]:
    return list(db.session.scalars(sa.select(Scenario.id).where(Scenario.status == "published").order_by(Scenario.id)))


def _recompute_scenarios(matcher: Matcher, scenario_ids: Iterable[int]) -> SyncCount:
    """Store the lists of a few scenarios, each ranked on its own (no consolidation of the index, unlike the
    batched `compute_lists`), writing only the rows that differ; flush."""
    fb = _read_feedback(matcher)
    live = _live_vendor_ids()
    lists: dict[int, list[tuple[int, float, Reasons]]] = {
        sid: list(_proposals(matcher, sid, fb, live)) if matcher.has_scenario(str(sid)) else []
        for sid in sorted(set(scenario_ids))
    }
    count = store_lists(lists)
    db.session.flush()
    return count


def _recompute_all(matcher: Matcher, progress: Callable[[int, int], None] | None = None) -> SyncCount:
    """Recompute every published scenario's list in batches through the matcher's batched top-k; flush, do not
    commit (the caller's transaction holds the change that made the refit necessary)."""
    live = _live_scenario_ids()
    fb = _read_feedback(matcher)
    vendors = _live_vendor_ids()
    count = SyncCount()
    for start in range(0, len(live), REBUILD_BATCH):
        ids = live[start : start + REBUILD_BATCH]
        count.add(store_lists(compute_lists(matcher, ids, fb, vendors)))
        if progress is not None:
            progress(start + len(ids), len(live))
    count.deleted += _delete_unpublished()
    return count


def _delete_unpublished() -> int:
    """Delete the rows of scenarios or vendors that are no longer published; returns how many."""
    gone = execute_dml(
        sa.delete(Match).where(
            sa.or_(
                Match.scenario_id.in_(sa.select(Scenario.id).where(Scenario.status != "published")),
                Match.vendor_id.in_(sa.select(VendorProfile.id).where(VendorProfile.status != "published")),
            )
        )
    )
    return gone.rowcount or 0


def listing_changed(kind: str, listing_id: int) -> None:
    """Note that this listing's matches must follow it as it now is; flush, do not commit.

    The work runs after the commit, in the worker (drain_pending): the request only records the listing as
    pending (match_pending). A listing that is no longer published loses its own stored matches here, at once,
    so no page proposes a withdrawn listing; the lists a withdrawn vendor leaves are refilled by the worker.
    Call it from every service that changes a listing's status or content.
    """
    if kind not in LISTING_KINDS:
        raise ValueError(f"kind must be one of {LISTING_KINDS}, got {kind!r}")
    db.session.flush()
    model: type[Scenario] | type[VendorProfile] = Scenario if kind == "scenario" else VendorProfile
    status = db.session.scalar(sa.select(model.status).where(model.id == listing_id))
    left: list[int] = []
    if status != "published":
        if kind == "scenario":
            execute_dml(sa.delete(Match).where(Match.scenario_id == listing_id))
        else:
            left = _withdraw_pairs(Match.vendor_id == listing_id)
    queue_pending(kind, listing_id, reindex=True, left=left)


def rebuild_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Refit the matcher from the database and recompute every stored match, committing batch by batch (the
    same path as the rebuild job, without a job row). Returns the rows stored.

    progress(done, total) is called after each committed batch of scenarios.
    """

    def step(done: int, total: int | None, stage: str | None, checkpoint: dict) -> None:
        db.session.commit()
        if progress is not None and total is not None:
            progress(done, total)

    return rebuild_matches({}, step)["matches"]


def similar_scenarios(
    scenario_id: int | None = None, text: dict | None = None, k: int = 5, min_score: float = 0.5, lang: str = "zh"
) -> list[tuple[int, float, list[str]]]:
    """Published scenarios most like this one (an id, or the text of one not saved yet), for duplicate checks.

    Returns (scenario id, similarity 0..1, shared concepts and terms in lang), most similar first.
    """
    matcher = matcher_store.current().matcher
    ref: str | ScenarioDoc
    if scenario_id is not None and matcher.has_scenario(str(scenario_id)):
        ref = str(scenario_id)
    elif scenario_id is not None:
        docs = matcher_store.docs_for([scenario_id], "scenario")
        if not docs:
            return []
        ref = docs[0]
    elif text is not None:
        code = text.get("industry_code")
        industry = db.session.scalar(sa.select(Industry).where(Industry.code == code)) if code else None
        ref = matcher_store.scenario_doc_from_text(text, industry)
    else:
        raise ValueError("give a scenario_id or a text")
    if not matcher.scenario_ids_:
        return []
    results = matcher.similar_scenarios(ref, k=k, min_score=min_score, lang=lang)
    return [
        (int(r.scenario_id), r.score, [x.label for x in r.reasons])
        for r in results
        if r.scenario_id is not None and r.scenario_id != str(scenario_id)
    ]


# Feedback ---------------------------------------------------------------------------------------------


def record_signal(
    kind: str, scenario_id: int, vendor_id: int, actor: User | None = None, reason: str | None = None
) -> MatchSignal:
    """Store one feedback signal on a pair; flush, do not commit.

    A negative signal (not_relevant, declined) takes the pair out of the stored matches and penalises the
    vendor for the scenario's kind; a later positive one (interest, accepted) counts back. Either queues the
    vendor's lists for the worker; a dismissed pair leaves the stored lists at once.
    """
    if kind not in SIGNAL_KINDS:
        raise ValueError(f"kind must be one of {SIGNAL_KINDS}, got {kind!r}")
    reason = (reason or "").strip()[:MAX_SIGNAL_REASON] or None
    signal = MatchSignal(
        kind=kind,
        scenario_id=scenario_id,
        vendor_id=vendor_id,
        user_id=actor.id if isinstance(actor, User) else None,
        reason=reason,
    )
    db.session.add(signal)
    db.session.flush()
    if kind in NEGATIVE_SIGNALS or (kind in POSITIVE_SIGNALS and _has_negative(vendor_id)):
        _feedback_changed(vendor_id, scenario_id, negative=kind in NEGATIVE_SIGNALS)
    return signal


def _has_negative(vendor_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(sa.exists().where(MatchSignal.vendor_id == vendor_id, MatchSignal.kind.in_(NEGATIVE_SIGNALS)))
        )
        or False
    )


def _feedback_changed(vendor_id: int, scenario_id: int | None = None, negative: bool = False) -> None:
    """Queue the vendor's lists for the worker; a negative signal takes its pair out at once (the index stays)."""
    left = _withdraw_pairs(Match.vendor_id == vendor_id, Match.scenario_id == scenario_id) if negative else []
    queue_pending("vendor", vendor_id, rematch=True, left=left)


# Reading: the suggested vendors of a scenario, and a vendor's feed ------------------------------------
# Both read stored rows only; neither touches the matcher.

FEED_SORTS = ("best", "newest", "on_keting")
KETING_FILTERS = ("on", "off")
DISMISS_REASONS = ("not_our_capability", "not_our_industry", "size_or_budget", "location", "other")
MAX_DISMISS_NOTE = 300


@dataclass(frozen=True)
class Suggestion:
    match: Match
    vendor: VendorProfile
    strength: str
    request: IntroRequest | None  # the pair's open or accepted request, if any


@dataclass(frozen=True)
class SuggestedVendors:
    scenario: Scenario
    items: list[Suggestion]
    # How many suggestions there are in all, on Keting ("on") and not yet ("off"), before the filter.
    counts: dict[str, int] = field(default_factory=dict)
    updating_since: datetime | None = None  # the scenario's matches wait for the worker since then

    @property
    def live(self) -> bool:
        return self.scenario.status == "published"


def _live_requests(
    scenario_ids: Iterable[int] | None = None, vendor_id: int | None = None
) -> dict[tuple[int, int], IntroRequest]:
    """Open or accepted requests by (scenario id, vendor id), for badges and the confidentiality rule."""
    from app.models import LIVE_REQUEST_STATES, IntroRequest

    stmt = sa.select(IntroRequest).where(IntroRequest.state.in_(LIVE_REQUEST_STATES))
    if scenario_ids is not None:
        stmt = stmt.where(IntroRequest.scenario_id.in_(list(scenario_ids)))
    if vendor_id is not None:
        stmt = stmt.where(IntroRequest.vendor_id == vendor_id)
    return {(r.scenario_id, r.vendor_id): r for r in db.session.scalars(stmt)}


def suggested_vendors(actor: User, scenario_id: int, keting: str = "", sort: str = "best") -> SuggestedVendors:
    """The vendors proposed for a scenario, best first, for its enterprise and admins; NotFound for anyone else."""
    scenario = db.session.get(
        Scenario,
        scenario_id,
        options=[
            so.joinedload(Scenario.owner),
            so.joinedload(Scenario.industry),
            so.selectinload(Scenario.capabilities),
        ],
    )
    if scenario is None or not permissions.can_view_suggested_vendors(actor, scenario):
        raise NotFound(_("No such scenario."))
    rows = (
        db.session.scalars(
            sa.select(Match)
            .join(Match.vendor)
            .where(Match.scenario_id == scenario.id, VendorProfile.status == "published")
            .order_by(Match.rank, Match.id)
            .options(
                so.contains_eager(Match.vendor).options(
                    so.joinedload(VendorProfile.organization),
                    so.selectinload(VendorProfile.capabilities),
                    so.selectinload(VendorProfile.industries),
                )
            )
        )
        .unique()
        .all()
    )
    live_requests = _live_requests([scenario.id])
    items = [Suggestion(m, m.vendor, strength(m.score), live_requests.get((scenario.id, m.vendor_id))) for m in rows]
    on = sum(1 for i in items if not i.vendor.organization.is_unclaimed)
    counts = {"": len(items), "on": on, "off": len(items) - on}
    if keting in KETING_FILTERS:
        items = [i for i in items if i.vendor.organization.is_unclaimed == (keting == "off")]
    if sort == "on_keting":
        items.sort(key=lambda i: i.vendor.organization.is_unclaimed)  # stable: best first within each group
    return SuggestedVendors(scenario, items, counts, pending_since("scenario", scenario.id))


@dataclass(frozen=True)
class FeedItem:
    match: Match
    scenario: Scenario
    strength: str
    is_new: bool  # not listed to this vendor before this page view
    show_details: bool  # False: a confidential scenario; show its title, industry and district only
    request: object | None


@dataclass(frozen=True)
class MatchFeed:
    profile: VendorProfile | None
    page: Page[FeedItem]
    new_total: int  # unseen matches under the same filters, this page's included
    updating_since: datetime | None = None  # the vendor's matches wait for the worker since then


def _own_profile(actor: User) -> VendorProfile | None:
    return db.session.scalar(sa.select(VendorProfile).where(VendorProfile.organization_id == actor.organization_id))


def match_feed(actor: User, query: MatchFeedQuery) -> MatchFeed:
    """The scenarios proposed to the actor's vendor, filtered and paged; marks this page's ones as seen; commit."""
    if not permissions.can_view_match_feed(actor):
        raise PermissionDenied(_("Only vendor accounts have a match feed."))
    profile = _own_profile(actor)
    if profile is None:
        return MatchFeed(None, Page(items=[], page=1, per_page=query.per_page, total=0), 0)
    live_requests = _live_requests(vendor_id=profile.id)
    requested = [sid for sid, _vid in live_requests]
    # The scenarios this vendor was shown, as one uncorrelated set: PostgreSQL hashes it once and probes it per
    # match, where a correlated EXISTS scanned the vendor's signals again for each of its thousands of matches.
    seen = Match.scenario_id.in_(
        sa.select(MatchSignal.scenario_id).where(MatchSignal.vendor_id == profile.id, MatchSignal.kind == "shown")
    )
    conds: list = [Match.vendor_id == profile.id, Scenario.status == "published"]
    industry_ids = ids_for_code(Industry, query.industry)
    if industry_ids is not None:
        conds.append(Scenario.industry_id.in_(industry_ids))
    capability_ids = ids_for_code(Capability, query.capability)
    if capability_ids is not None:
        # A confidential scenario's capabilities are among its hidden details: the filter must not reveal them.
        conds.append(
            sa.and_(
                sa.or_(Scenario.confidentiality == "public", Scenario.id.in_(requested)),
                Scenario.capabilities.any(Capability.id.in_(capability_ids)),
            )
        )
    if query.district:
        conds.append(Scenario.district == query.district)
    # Whether anyone at the enterprise can answer: the others wait for an admin's introduction.
    on_keting = sa.exists().where(User.organization_id == Scenario.owner_id)
    if query.keting == "on":
        conds.append(on_keting)
    elif query.keting == "off":
        conds.append(~on_keting)
    # Both totals in one statement: all under the filters, and those not yet shown.
    total, new_total = db.session.execute(
        sa.select(sa.func.count(Match.scenario_id), sa.func.coalesce(sa.func.sum(sa.case((~seen, 1), else_=0)), 0))
        .join(Match.scenario)
        .where(*conds)
    ).one()
    if query.only_new:
        conds.append(~seen)
        total = new_total
    pages = max(1, -(-total // query.per_page))
    page = min(query.page, pages)
    order = (
        (Scenario.published_at.desc(), Scenario.id.desc())
        if query.sort == "newest"
        else (Match.score.desc(), Scenario.published_at.desc(), Scenario.id.desc())
    )
    if query.sort == "on_keting":
        order = (sa.case((on_keting, 0), else_=1), *order)
    rows = (
        db.session.execute(
            sa.select(Match, seen.label("seen"))
            .join(Match.scenario)
            .where(*conds)
            .order_by(*order)
            .options(
                so.contains_eager(Match.scenario).options(
                    so.joinedload(Scenario.owner),
                    so.joinedload(Scenario.industry),
                    # Names only: a card never shows the synonym lists, whose JSON is most of a row's cost.
                    so.selectinload(Scenario.capabilities).load_only(
                        Capability.code, Capability.name_zh, Capability.name_en, Capability.parent_id
                    ),
                )
            )
            .limit(query.per_page)
            .offset((page - 1) * query.per_page)
        )
        .unique()
        .all()
    )
    items = []
    for match, was_seen in rows:
        s = match.scenario
        request = live_requests.get((s.id, profile.id))
        show = permissions.can_view_scenario_details(actor, s, has_live_request=request is not None)
        items.append(FeedItem(match, s, strength(match.score), not was_seen, show, request))
    # Noting what was shown is the one write this read makes, and deliberately so: "new" means "not yet in a
    # page the vendor was sent", which only the feed's own GET can know. It is an analytics side effect (the
    # "New" badge and feedback records), changes no ranking, and happens once per pair, so a GET triggered
    # from another site can do no more than the vendor opening its own feed.
    # One insert for the page ("shown" changes no match, so record_signal's recomputing does not apply). The
    # page's rows were read just now and this commit changes none of them: keeping them loaded spares the
    # template re-reading every item, its owner, industry and capabilities one by one.
    shown = [
        {"kind": "shown", "scenario_id": item.scenario.id, "vendor_id": profile.id, "user_id": actor.id}
        for item in items
        if item.is_new
    ]
    if shown:
        db.session.execute(sa.insert(MatchSignal), shown)
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
    return MatchFeed(
        profile,
        Page(items=items, page=page, per_page=query.per_page, total=total),
        new_total,
        pending_since("vendor", profile.id),
    )


def _proposed(actor: User, scenario_id: int) -> tuple[VendorProfile, Match]:
    """The actor's profile and its stored match with this scenario; NotFound if the scenario is not proposed to it."""
    if not permissions.can_view_match_feed(actor):
        raise PermissionDenied(_("Only vendor accounts have a match feed."))
    profile = _own_profile(actor)
    match = (
        None
        if profile is None
        else db.session.scalar(sa.select(Match).where(Match.vendor_id == profile.id, Match.scenario_id == scenario_id))
    )
    if profile is None or match is None:
        raise NotFound(_("This scenario is not in your matches."))
    if not permissions.can_give_match_feedback(actor, profile):
        raise PermissionDenied(_("You may not give feedback for this vendor."))
    return profile, match


def dismiss_match(actor: User, data: DismissMatchInput) -> Scenario:
    """Take a proposed scenario out of the actor's feed and propose fewer like it; commit."""
    if data.reason_code is not None and data.reason_code not in DISMISS_REASONS:
        raise InvalidInput(_("Choose a reason from the list."), field="reason_code")
    note = data.note.strip()
    if len(note) > MAX_DISMISS_NOTE:
        raise InvalidInput(_("Keep the note under %(num)d characters.", num=MAX_DISMISS_NOTE), field="note")
    profile, match = _proposed(actor, data.scenario_id)
    scenario = match.scenario
    reason = ": ".join(x for x in (data.reason_code, note) if x) or None
    record_signal("not_relevant", scenario.id, profile.id, actor, reason)
    db.session.commit()
    return scenario


def open_match(actor: User, scenario_id: int) -> bool:
    """Note the first time the vendor opens a scenario proposed to it from its feed; commit. Returns whether noted.

    The scenario page records this while it is read (its feed links carry ?via=matches), an analytics side
    effect like "shown". Once per pair, so a link planted elsewhere can at most say a vendor opened a scenario it
    was proposed; "opened" changes no ranking. NotFound when the scenario is not (or no longer) proposed to it.
    """
    profile, _match = _proposed(actor, scenario_id)
    opened = db.session.scalar(
        sa.select(
            sa.exists().where(
                MatchSignal.scenario_id == scenario_id,
                MatchSignal.vendor_id == profile.id,
                MatchSignal.kind == "opened",
            )
        )
    )
    if opened:
        return False
    record_signal("opened", scenario_id, profile.id, actor)
    db.session.commit()
    return True


# Work in batches, for background jobs (app/services/jobs.py) --------------------------------------------

REBUILD_BATCH = 2000
# Below MIN_SCORE by more than the rounding to SCORE_DIGITS: all_pairs need not settle ties under it.
_PAIRS_FLOOR = MIN_SCORE - 10.0**-SCORE_DIGITS


# A list's reasons: the JSON-able list `_reasons_json` makes, or the same already encoded as JSON text.
Reasons = list | str


class _ReasonsText:
    """`json.dumps(_reasons_json(...))` for many pairs at once, from Matcher.reason_columns: each reason's text
    but its share is built once per (concept or term, who chose it) and kept, so encoding a million lists
    costs string joins, not dicts."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.parts: dict[tuple[int, int], tuple[str, str]] = {}
        self.shares: dict[int, str] = {}

    @classmethod
    def of(cls, matcher: Matcher) -> _ReasonsText:
        found = _REASONS_TEXT.get(matcher)
        if found is None:
            found = _REASONS_TEXT[matcher] = cls(matcher)
        return found

    def _part(self, col: int, chosen: int) -> tuple[str, str]:
        key = (col, chosen)
        part = self.parts.get(key)
        if part is None:
            [entry] = _reasons_json(self.matcher, [self.matcher.reason_at(col, 0.0, chosen)])
            head, tail = json.dumps(entry).split('"share": 0.0', 1)
            part = self.parts[key] = (head + '"share": ', tail)
        return part

    def _share(self, thousandths: int) -> str:
        text = self.shares.get(thousandths)
        if text is None:
            text = self.shares[thousandths] = json.dumps(thousandths / 1000)
        return text

    def encode(self, indptr: np.ndarray, cols: np.ndarray, shares: np.ndarray, chosen: np.ndarray) -> list[str]:
        if not len(cols):
            return ["[]"] * (len(indptr) - 1)
        keys, which = np.unique(cols.astype(np.int64) * 4 + chosen, return_inverse=True)
        parts = [self._part(int(k) // 4, int(k) % 4) for k in keys.tolist()]
        heads, tails = [p[0] for p in parts], [p[1] for p in parts]
        # round(share, 3) as Python rounds it: numpy's rint agrees except within a hair of a half, redone exactly.
        scaled = shares * 1000
        thousandths = np.rint(scaled).astype(np.int64)
        near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
        for j in near_half.tolist():
            thousandths[j] = round(round(float(shares[j]), 3) * 1000)
        texts = [self._share(t) for t in range(int(thousandths.max()) + 1)]
        items = [heads[w] + texts[t] + tails[w] for w, t in zip(which.tolist(), thousandths.tolist(), strict=True)]
        bounds = indptr.tolist()
        return ["[" + ", ".join(items[a:b]) + "]" for a, b in itertools.pairwise(bounds)]


_REASONS_TEXT: weakref.WeakKeyDictionary[Matcher, _ReasonsText] = weakref.WeakKeyDictionary()


def compute_lists(
    matcher: Matcher,
    scenario_ids: list[int],
    fb: _Feedback,
    live_vendors: set[str],
) -> dict[int, list[tuple[int, float, Reasons]]]:
    """Each scenario's list as `_proposals` gives it, from the matcher's batched top-k for the whole batch.

    A scenario with feedback on it (an excluded pair, or a penalised vendor among its candidates) is ranked
    one by one by `_proposals`, which applies them; penalties only lower scores, so a scenario none of whose
    candidates is penalised keeps the list the batched product gives. Reasons are worked out for stored pairs
    only, all at once, and come as JSON text (the text `_proposals`' reasons encode to).
    """
    lists: dict[int, list[tuple[int, float, Reasons]]] = {sid: [] for sid in scenario_ids}
    ranked = [str(sid) for sid in scenario_ids if matcher.has_scenario(str(sid))]
    if not ranked:
        return lists
    penalised = {vid for vid, _code in fb.penalties}
    pairs = matcher.all_pairs(
        k=MAX_VENDORS_PER_SCENARIO + 5,  # what _proposals asks rank_vendors for when nothing is excluded
        lang="zh",
        with_reasons=False,
        batch_size=len(ranked),
        scenario_ids=ranked,
        min_score=_PAIRS_FLOOR,
    )
    stored: list[tuple[str, str, float]] = []
    for key, results in pairs:
        sid = int(key)
        if sid in fb.excluded or (penalised and any(r.vendor_id in penalised for r in results)):
            lists[sid] = list(_proposals(matcher, sid, fb, live_vendors))
            continue
        kept = 0
        for r in results:
            if round(r.score, SCORE_DIGITS) >= MIN_SCORE and r.vendor_id in live_vendors:
                stored.append((key, r.vendor_id, r.score))
                kept += 1
                if kept == MAX_VENDORS_PER_SCENARIO:
                    break
    if stored:
        texts = _ReasonsText.of(matcher).encode(
            *matcher.reason_columns([p[0] for p in stored], [p[1] for p in stored], [p[2] for p in stored])
        )
        for (key, vid, score), text in zip(stored, texts, strict=True):
            lists[int(key)].append((int(vid), round(score, SCORE_DIGITS), text))
    return lists


def _encoded(reasons: Reasons) -> str:
    return reasons if isinstance(reasons, str) else json.dumps(reasons)


def _same_reasons(stored: str | None, text: str) -> bool:
    """Whether stored reasons (JSON text) say the same as these; the text compares first, which is the usual case."""
    if stored is None:
        return False
    return stored == text or json.loads(stored) == json.loads(text)


def _expire_loaded_matches() -> None:
    """Bulk statements bypass the session: Match objects it holds reload their rows on next use."""
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, Match):
            db.session.expire(obj)


def store_lists(lists: dict[int, list[tuple[int, float, Reasons]]]) -> SyncCount:
    """Make these scenarios' stored rows equal these lists (vendor id, score, reasons; best first, rank = place)
    with bulk statements, writing only rows that differ; do not commit. The stored rows are read as plain tuples
    and their reasons as JSON text compared with the new text, so nothing is decoded or loaded as an object."""
    count = SyncCount()
    if not lists:
        return count
    table = cast(sa.Table, Match.__table__)
    ids = list(lists)
    existing: dict[tuple[int, int], tuple[int, float, int, str | None]] = {}
    for chunk in _chunks(ids):
        for row_id, sid, vid, score, rank, reasons in db.session.execute(
            sa.select(
                table.c.id,
                table.c.scenario_id,
                table.c.vendor_id,
                table.c.score,
                table.c.rank,
                sa.cast(table.c.reasons, sa.Text),
            ).where(table.c.scenario_id.in_(chunk))
        ):
            existing[(sid, vid)] = (row_id, score, rank, reasons)
    now = utcnow()
    inserts: list[dict] = []
    updates: list[dict] = []
    for sid, proposals in lists.items():
        for rank, (vendor_id, score, reasons) in enumerate(proposals, 1):
            old = existing.pop((sid, vendor_id), None)
            text = _encoded(reasons)
            if old is None:
                inserts.append({"s": sid, "v": vendor_id, "score_": score, "rank_": rank, "why": text, "at": now})
            elif round(old[1], SCORE_DIGITS) != score or old[2] != rank or not _same_reasons(old[3], text):
                updates.append({"row": old[0], "score_": score, "rank_": rank, "why": text, "at": now})
    gone = [old[0] for old in existing.values()]
    # The reasons go in as the JSON text they already are (PostgreSQL casts it; SQLite stores JSON as text).
    why: sa.ColumnElement = sa.bindparam("why", type_=sa.Text)
    if db.session.get_bind().dialect.name == "postgresql":
        why = sa.cast(why, table.c.reasons.type)
    values = {
        "score": sa.bindparam("score_"),
        "rank": sa.bindparam("rank_"),
        "reasons": why,
        "computed_at": sa.bindparam("at"),
    }
    if inserts and db.session.get_bind().dialect.name == "postgresql":
        _copy_in(inserts)
    elif inserts:
        db.session.execute(
            sa.insert(table).values(scenario_id=sa.bindparam("s"), vendor_id=sa.bindparam("v"), **values), inserts
        )
    if updates:
        db.session.execute(sa.update(table).where(table.c.id == sa.bindparam("row")).values(**values), updates)
    for chunk in _chunks(gone):
        db.session.execute(sa.delete(table).where(table.c.id.in_(chunk)))
    if updates or gone:
        _expire_loaded_matches()
    count.inserted, count.updated, count.deleted = len(inserts), len(updates), len(gone)
    return count


def _copy_in(rows: list[dict]) -> None:
    """New rows through PostgreSQL's COPY on the session's own connection (same transaction): a rebuild into an
    empty table writes 1.7 million of them, where INSERT's per-row parameters cost several times more."""
    raw = db.session.connection().connection.driver_connection
    if raw is None:  # a real check, not an assert: `python -O` keeps it
        raise RuntimeError("the session's connection has no driver connection")
    with (
        raw.cursor() as cursor,
        cursor.copy("COPY match (scenario_id, vendor_id, score, rank, reasons, computed_at) FROM STDIN") as copy,
    ):
        for r in rows:
            copy.write_row((r["s"], r["v"], r["score_"], r["rank_"], r["why"], r["at"]))


RebuildStep = Callable[[int, "int | None", "str | None", dict], None]


class _BatchWriter:
    """Stores one batch's lists in a thread with its own session and commit, while the caller computes the next.

    On PostgreSQL most of a batch's write is the server's (index entries and foreign-key checks of 60,000 new
    rows): done in a thread, it overlaps the next batch's ranking instead of following it, and a rebuild into an
    empty table takes about as long as one over full rows. The batch's rows are committed before its checkpoint
    (wait() hands the batch back to be checkpointed), so a killed rebuild re-stores at most one batch, which
    store_lists finds already equal.
    """

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from flask import current_app

        self._app = current_app._get_current_object()  # type: ignore[attr-defined]  # LocalProxy typed as Flask
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="match-writer")
        self._running: tuple[list[int], Any] | None = None

    def _store(self, lists: dict[int, list[tuple[int, float, Reasons]]]) -> SyncCount:
        with self._app.app_context():
            try:
                count = store_lists(lists)
                db.session.commit()
                return count
            except BaseException:
                db.session.rollback()
                raise
            finally:
                db.session.remove()

    def start(self, ids: list[int], lists: dict[int, list[tuple[int, float, Reasons]]]) -> None:
        self._running = (ids, self._pool.submit(self._store, lists))

    def wait(self) -> tuple[list[int], SyncCount] | None:
        """The batch being written and what its write did, once committed (None if there is none); raises what
        its write raised."""
        if self._running is None:
            return None
        ids, future = self._running
        self._running = None
        return ids, future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def rebuild_matches(checkpoint: dict, step: RebuildStep) -> dict:
    """Refit the matcher and recompute every stored list, REBUILD_BATCH scenarios a batch: the one path of
    `flask match rebuild`, the rebuild jobs and `rebuild_all`.

    step(done, total, stage, checkpoint) commits each batch's rows together with the checkpoint. Killed
    half-way, every published scenario still has matches (the new fit's, or the previous fit's for those not
    reached yet), and a run given that checkpoint carries on after the last committed scenario.
    """
    checkpoint = dict(checkpoint or {})
    if not checkpoint.get("refitted"):
        step(0, None, "fitting", checkpoint)
        matcher_store.replace(matcher_store.fit_fresh())
        checkpoint = {"refitted": True, "after": 0, "inserted": 0, "updated": 0, "deleted": 0}
        step(0, None, "matching", checkpoint)  # commits: the index file is written first
    published = sa.select(sa.func.count(Scenario.id)).where(Scenario.status == "published")
    total = db.session.scalar(published) or 0
    done = db.session.scalar(published.where(Scenario.id <= checkpoint["after"])) or 0
    matcher = matcher_store.current().matcher
    fb = _read_feedback(matcher)
    live = _live_vendor_ids()
    step(done, max(total, done), "matching", checkpoint)
    writer = _BatchWriter() if db.session.get_bind().dialect.name == "postgresql" else None
    last = checkpoint["after"]

    def checkpointed(written: tuple[list[int], SyncCount] | None) -> None:
        nonlocal done
        if written is None:
            return
        ids, count = written
        for key in ("inserted", "updated", "deleted"):
            checkpoint[key] += getattr(count, key)
        checkpoint["after"] = ids[-1]
        done += len(ids)
        step(done, max(total, done), None, checkpoint)

    # Millions of results and rows pass through beside the index's millions of long-lived objects (bulk.py).
    with bulk.collector_paused():
        try:
            while True:
                ids = list(
                    db.session.scalars(
                        sa.select(Scenario.id)
                        .where(Scenario.status == "published", Scenario.id > last)
                        .order_by(Scenario.id)
                        .limit(REBUILD_BATCH)
                    )
                )
                if not ids:
                    break
                last = ids[-1]
                current = matcher_store.current().matcher
                if current is not matcher:  # a listing changed meanwhile: rank with the index it left
                    matcher = current
                lists = compute_lists(matcher, ids, fb, live)
                if writer is None:
                    checkpointed((ids, store_lists(lists)))
                else:
                    # The previous batch was written (and committed) while this one was computed; its checkpoint now.
                    checkpointed(writer.wait())
                    writer.start(ids, lists)
            if writer is not None:
                checkpointed(writer.wait())
        except BaseException:
            # The batch being written when the next one failed is still committed: record its checkpoint, so a retry
            # carries on after it (unless the session or that write failed too; the retry then redoes it).
            if writer is not None:
                with contextlib.suppress(Exception):
                    checkpointed(writer.wait())
            raise
        finally:
            if writer is not None:
                writer.close()
    checkpoint["deleted"] += _delete_unpublished()
    stored = db.session.scalar(sa.select(sa.func.count(Match.id))) or 0
    step(done, max(total, done), None, checkpoint)
    log.info("match rebuild: %(inserted)d inserted, %(updated)d updated, %(deleted)d deleted", checkpoint)
    return {
        "matches": stored,
        "scenarios": done,
        "inserted": checkpoint["inserted"],
        "updated": checkpoint["updated"],
        "deleted": checkpoint["deleted"],
    }


def run_rebuild_job(job, actor, progress) -> dict:
    """A full rebuild as a job (`rebuild_matches`), its progress and checkpoint on the job's row."""

    def step(done: int, total: int | None, stage: str | None, checkpoint: dict) -> None:
        progress.step(done, total, stage=stage, checkpoint=checkpoint)

    return rebuild_matches(job.checkpoint or {}, step)


def refit_including(scenario_ids: list[int]) -> Matcher:
    """Fit a fresh matcher on the published listings plus these scenarios (an import about to publish them)
    and make it current in this transaction; the caller commits (which writes the index file)."""
    lexicon = matcher_store.build_lexicon(matcher_store.lexicon_data())
    published = matcher_store.published_scenarios()
    known = {s.id for s in published}
    docs = [matcher_store.scenario_doc(s) for s in published]
    docs += matcher_store.docs_for([i for i in scenario_ids if i not in known], "scenario")
    vendors = [matcher_store.vendor_doc(v) for v in matcher_store.published_vendors()]
    matcher = Matcher(lexicon=lexicon).fit(docs, vendors)
    matcher_store.replace(matcher)
    return matcher


def recompute_for(scenario_ids: list[int]) -> SyncCount:
    """Store the matches of these scenarios from the current index, refitting first if it lacks any; flush."""
    matcher = matcher_store.current().matcher
    if not all(matcher.has_scenario(str(i)) for i in scenario_ids):
        matcher = refit_including(scenario_ids)
    count = store_lists(compute_lists(matcher, scenario_ids, _read_feedback(matcher), _live_vendor_ids()))
    db.session.flush()
    return count


# Pending listings: the outbox a change writes in its request, drained by the worker after the commit ------------
#
# A request that changes a listing records it in match_pending (queue_pending) and returns; once its transaction
# commits, one job is queued (app.jobs.drain_matches) that takes the pending listings one at a time: the index
# change, the lists that can change, the row deleted, one commit each. Two workers never take the same listing
# (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer at a time anyway). A queue that cannot be reached
# loses nothing: the rows wait for the next drain, which a periodic job runs every minute.

_QUEUED_FLAG = "keting_match_pending_queued"


def queue_pending(
    kind: str,
    listing_id: int,
    reindex: bool = False,
    rematch: bool = False,
    alert: bool = False,
    left: Iterable[int] = (),
) -> None:
    """Record the listing as pending in the current transaction (one row per listing, flags added up); flush.

    reindex: its content or status changed; rematch: its feedback changed; alert: it was just published (saved
    searches); left: lists the request took a withdrawn vendor out of, for the worker to refill.
    """
    if kind not in LISTING_KINDS:
        raise ValueError(f"kind must be one of {LISTING_KINDS}, got {kind!r}")
    db.session.execute(
        dialect_insert(MatchPending)
        .values(
            kind=kind, listing_id=listing_id, reindex=False, rematch=False, alert=False, left=[], queued_at=utcnow()
        )
        .on_conflict_do_nothing(index_elements=["kind", "listing_id"])
    )
    row = db.session.scalars(
        sa.select(MatchPending)
        .where(MatchPending.kind == kind, MatchPending.listing_id == listing_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    row.reindex = row.reindex or reindex
    row.rematch = row.rematch or rematch
    row.alert = row.alert or alert
    left = set(left)
    if left - set(row.left or ()):
        row.left = sorted(set(row.left or ()) | left)
    db.session.flush()
    db.session.info[_QUEUED_FLAG] = True


def queue_alerts(published: Iterable[tuple[str, int]]) -> None:
    """Record newly published (kind, id) listings as due for saved-search alerts, in one statement; flush."""
    rows = [{"kind": kind, "listing_id": listing_id} for kind, listing_id in sorted(set(published))]
    if not rows:
        return
    now = utcnow()
    stmt = dialect_insert(MatchPending).values(
        [{**r, "reindex": False, "rematch": False, "alert": True, "left": [], "queued_at": now} for r in rows]
    )
    db.session.execute(
        stmt.on_conflict_do_update(index_elements=["kind", "listing_id"], set_={"alert": True}),
        execution_options={"synchronize_session": False},
    )
    db.session.info[_QUEUED_FLAG] = True


@sa.event.listens_for(so.Session, "after_commit")
def _wake_worker(session: so.Session) -> None:
    """After a commit that queued listings: one drain job (it takes every pending listing, not just these)."""
    if not session.info.pop(_QUEUED_FLAG, None):
        return
    from app import jobs

    try:
        jobs.enqueue_match_drain()
    except Exception:  # the rows are committed: the periodic drain takes them within a minute
        log.exception("could not queue the match drain; the periodic drain will take the pending listings")


@sa.event.listens_for(so.Session, "after_rollback")
def _forget_queued(session: so.Session) -> None:
    session.info.pop(_QUEUED_FLAG, None)


def pending_since(kind: str, listing_id: int) -> datetime | None:
    """When this listing's matches were queued for an update the worker has not finished, else None."""
    return db.session.scalar(
        sa.select(MatchPending.queued_at).where(
            MatchPending.kind == kind,
            MatchPending.listing_id == listing_id,
            sa.or_(MatchPending.reindex, MatchPending.rematch),
        )
    )


@dataclass(frozen=True)
class PendingSummary:
    waiting: int
    oldest_seconds: float | None


def pending_summary(now: datetime | None = None) -> PendingSummary:
    """How many listings wait for their matches, and how long the oldest has waited (for admins and /healthz)."""
    waiting, oldest = db.session.execute(
        sa.select(sa.func.count(MatchPending.id), sa.func.min(MatchPending.queued_at)).where(
            sa.or_(MatchPending.reindex, MatchPending.rematch)
        )
    ).one()
    if oldest is None:
        return PendingSummary(waiting or 0, None)
    if oldest.tzinfo is None:  # SQLite hands back naive datetimes for timezone-aware columns
        oldest = oldest.replace(tzinfo=UTC)
    return PendingSummary(waiting, max(0.0, ((now or datetime.now(UTC)) - oldest).total_seconds()))


def drain_pending(limit: int | None = None) -> SyncCount:
    """Bring the matches of pending listings up to date, one listing per commit, oldest first; then send the
    saved-search alerts of newly published ones. Returns what was written. A listing whose work fails stays
    pending (logged) and the others go on."""
    total = SyncCount()
    failed: set[int] = set()
    done = 0
    while limit is None or done < limit:
        row = db.session.scalar(
            sa.select(MatchPending)
            .where(sa.or_(MatchPending.reindex, MatchPending.rematch), MatchPending.id.not_in(failed))
            .order_by(MatchPending.queued_at, MatchPending.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if row is None:
            break
        row_id, what = row.id, (row.kind, row.listing_id)
        try:
            total.add(_apply_pending(row))
            row.reindex = row.rematch = False
            row.left = []
            if not row.alert:
                db.session.delete(row)
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("updating the matches of %s %s failed; it stays pending", *what)
            failed.add(row_id)
        done += 1
    _send_pending_alerts()
    db.session.commit()
    return total


def _send_pending_alerts() -> None:
    """One email per immediate saved search that finds any of the newly published listings (all at once)."""
    from app.services import saved_searches

    rows = db.session.scalars(
        sa.select(MatchPending)
        .where(MatchPending.alert, ~MatchPending.reindex, ~MatchPending.rematch)
        .with_for_update(skip_locked=True)
    ).all()
    if not rows:
        return
    ids = {kind: [r.listing_id for r in rows if r.kind == kind] for kind in LISTING_KINDS}
    live = {
        ("scenario", i)
        for i in db.session.scalars(
            sa.select(Scenario.id).where(Scenario.id.in_(ids["scenario"]), Scenario.status == "published")
        )
    }
    live |= {
        ("vendor", i)
        for i in db.session.scalars(
            sa.select(VendorProfile.id).where(VendorProfile.id.in_(ids["vendor"]), VendorProfile.status == "published")
        )
    }
    for row in rows:
        db.session.delete(row)
    db.session.flush()
    saved_searches.send_immediate_alerts(live)


def _apply_pending(row: MatchPending) -> SyncCount:
    """The index change (if the listing changed) and the stored lists that follow from it; flush."""
    kind, listing_id = row.kind, row.listing_id
    doc_id = str(listing_id)
    relabel = False
    if row.reindex:
        cur = matcher_store.begin_change()
        matcher = cur.matcher
        model: type[Scenario] | type[VendorProfile] = Scenario if kind == "scenario" else VendorProfile
        live = db.session.scalar(sa.select(model.status).where(model.id == listing_id)) == "published"
        has = matcher.has_scenario if kind == "scenario" else matcher.has_vendor
        if live and kind == "scenario":
            matcher.update_scenario(matcher_store.docs_for([listing_id], "scenario")[0])
        elif live:
            declared = matcher.v_chosen_.get(doc_id)
            matcher.update_vendor(matcher_store.docs_for([listing_id], "vendor")[0])
            # Declared codes show in every pair's reasons ("chosen by"), even where the score stays the same.
            relabel = declared != matcher.v_chosen_.get(doc_id)
        elif has(doc_id) and kind == "scenario":
            matcher.remove_scenario(doc_id)
        elif has(doc_id):
            matcher.remove_vendor(doc_id)
        if cur.refitted:
            return _recompute_all(matcher)
    else:  # feedback: the index stays as it is
        # The index's lock all the same (its row, as begin_change takes it): another worker's change may be
        # rewriting the same lists, and two renumberings of one list must not interleave.
        db.session.execute(sa.select(MatcherState.id).where(MatcherState.id == 1).with_for_update())
        matcher = matcher_store.current().matcher
        live = matcher.has_scenario(doc_id) if kind == "scenario" else matcher.has_vendor(doc_id)
    if kind == "scenario":
        if live:
            return _recompute_scenarios(matcher, [listing_id])
        gone = execute_dml(sa.delete(Match).where(Match.scenario_id == listing_id))
        return SyncCount(deleted=gone.rowcount or 0)
    return vendor_lists_changed(matcher, listing_id, [int(x) for x in row.left or ()], relabel=relabel)


def vendor_lists_changed(
    matcher: Matcher, vendor_id: int, left: Iterable[int] = (), relabel: bool = False
) -> SyncCount:
    """Update only the lists this vendor enters, leaves or moves in, from one sparse product; flush.

    The vendor's score for every scenario (rank_scenarios) is compared with what is stored, read as aggregates
    per candidate list (how many other vendors, the lowest of their scores): it enters a list that is not full
    or whose last it beats, leaves one where it falls under MIN_SCORE, moves where its score changed. Those lists
    are written with bulk statements and renumbered. Where the stored scores cannot decide (a full list it leaves
    or falls to the end of, whose next vendor is not stored; an equal stored score, whose order only the matcher
    knows), that one list is ranked again in full. `left`: lists the vendor was already taken out of. `relabel`:
    its declared codes changed, so the reasons of pairs whose score stays the same are compared and rewritten too.
    """
    vid = str(vendor_id)
    fb = _read_feedback(matcher)
    new: dict[int, float] = {}
    raw: dict[int, float] = {}  # unrounded, as the reasons' shares are of it
    excluded = {str(sid) for sid, vendors in fb.excluded.items() if vid in vendors}
    if matcher.has_vendor(vid):
        # Scores only: explaining every scenario it scores for would cost most of the job.
        for r in matcher.rank_scenarios(
            vid, k=None, lang="zh", penalties=fb.penalties or None, exclude=excluded, with_reasons=False
        ):
            score = round(r.score, SCORE_DIGITS)
            if score >= MIN_SCORE and r.scenario_id is not None:
                new[int(r.scenario_id)] = score
                raw[int(r.scenario_id)] = r.score
    stored: dict[int, tuple[int, float]] = {}
    stored_reasons: dict[int, list] = {}
    columns = (Match.id, Match.scenario_id, Match.score) + ((Match.reasons,) if relabel else ())
    for row in db.session.execute(sa.select(*columns).where(Match.vendor_id == vendor_id)):
        stored[row[1]] = (row[0], row[2])
        if relabel:
            stored_reasons[row[1]] = row[3]
    refill = set(left) - stored.keys()
    candidates = sorted(new.keys() | stored.keys() | refill)
    others: dict[int, tuple[int, float]] = {}
    for chunk in _chunks(candidates):
        for sid, n, low in db.session.execute(
            sa.select(Match.scenario_id, sa.func.count(), sa.func.min(Match.score))
            .where(Match.scenario_id.in_(chunk), Match.vendor_id != vendor_id)
            .group_by(Match.scenario_id)
        ):
            others[sid] = (n, low)

    full = MAX_VENDORS_PER_SCENARIO
    rerank: set[int] = set()
    renumber: set[int] = set()
    inserts: list[int] = []
    updates: list[int] = []
    deletes: list[int] = []
    relabelled: list[int] = []  # same score, the reasons may differ
    for sid in candidates:
        n, low = others.get(sid, (0, 0.0))
        now_score = new.get(sid)
        if sid not in stored:
            if now_score is not None and (n < full or now_score > low):
                inserts.append(sid)
            elif now_score is not None and now_score == low:
                rerank.add(sid)
            elif sid in refill:
                (rerank if n >= full - 1 else renumber).add(sid)
            continue
        old = stored[sid][1]
        if now_score is None:
            deletes.append(sid)
            (rerank if n + 1 >= full else renumber).add(sid)
        elif now_score == old:
            if relabel:
                relabelled.append(sid)
        elif n + 1 < full or now_score > min(low, old):
            updates.append(sid)
        else:
            rerank.add(sid)
    # A written score equal to a stored one of the same list: only the matcher knows which goes first.
    tied = _ties(vendor_id, {sid: new[sid] for sid in inserts + updates})
    if tied:
        rerank |= tied
        inserts = [sid for sid in inserts if sid not in tied]
        updates = [sid for sid in updates if sid not in tied]

    explained = inserts + updates + relabelled
    reasons = dict(
        zip(explained, _pair_reasons(matcher, [(str(sid), vid, raw[sid]) for sid in explained]), strict=True)
    )
    updates += [sid for sid in relabelled if reasons[sid] != stored_reasons[sid]]
    count = SyncCount()
    now = utcnow()
    for chunk in _chunks(deletes):
        gone = execute_dml(
            sa.delete(Match)
            .where(Match.vendor_id == vendor_id, Match.scenario_id.in_(chunk))
            .execution_options(synchronize_session=False)
        )
        count.deleted += gone.rowcount or 0
    if updates:
        db.session.execute(
            sa.update(Match),
            [
                {
                    "id": stored[sid][0],
                    "score": new[sid],
                    "reasons": reasons[sid],
                    "computed_at": now,
                }
                for sid in updates
            ],
        )
        count.updated += len(updates)
    if inserts:
        db.session.execute(
            sa.insert(Match),
            [
                {
                    "scenario_id": sid,
                    "vendor_id": vendor_id,
                    "score": new[sid],
                    "rank": full + 1,  # placed by the renumbering below
                    "reasons": reasons[sid],
                    "computed_at": now,
                }
                for sid in inserts
            ],
        )
        count.inserted += len(inserts)
    moved, pushed_out = _renumber(sorted(renumber | set(inserts) | set(updates)))
    count.updated += moved
    count.deleted += pushed_out
    if rerank:
        count.add(_rerank_lists(matcher, sorted(rerank), fb, vid, relabel))
    db.session.flush()
    return count


def _rerank_lists(
    matcher: Matcher, scenario_ids: list[int], fb: _Feedback, vendor: str, relabel: bool = False
) -> SyncCount:
    """Rank these lists again in full and write what differs, with bulk statements: scores first (no reasons),
    then reasons only for the pairs written. `vendor`: the one whose change this follows (its pairs are explained
    in one product); with `relabel`, its reasons are rewritten wherever it stays."""
    live = _live_vendor_ids()
    stored: dict[int, dict[int, tuple[int, float, int]]] = {sid: {} for sid in scenario_ids}
    for chunk in _chunks(scenario_ids):
        for mid, sid, vendor_id, score, rank in db.session.execute(
            sa.select(Match.id, Match.scenario_id, Match.vendor_id, Match.score, Match.rank).where(
                Match.scenario_id.in_(chunk)
            )
        ):
            stored[sid][vendor_id] = (mid, score, rank)
    # sid -> (row id or None, vendor, score, rank, unrounded score)
    written: dict[int, list[tuple[int | None, int, float, int, float]]] = {}
    ranks: list[dict] = []
    gone: list[int] = []
    for sid in scenario_ids:
        excluded = fb.excluded.get(sid, set())
        proposals: list[tuple[int, float, float]] = []
        if matcher.has_scenario(str(sid)):
            for r in matcher.rank_vendors(
                str(sid),
                k=MAX_VENDORS_PER_SCENARIO + len(excluded) + 5,
                lang="zh",
                penalties=fb.penalties or None,
                exclude=excluded,
                with_reasons=False,
            ):
                score = round(r.score, SCORE_DIGITS)
                if score >= MIN_SCORE and r.vendor_id in live:
                    proposals.append((int(r.vendor_id), score, r.score))
                if len(proposals) == MAX_VENDORS_PER_SCENARIO:
                    break
        rows = stored[sid]
        for rank, (vendor_id, score, exact) in enumerate(proposals, 1):
            row = rows.pop(vendor_id, None)
            if row is None or row[1] != score or (relabel and str(vendor_id) == vendor):
                written.setdefault(sid, []).append((row[0] if row else None, vendor_id, score, rank, exact))
            elif row[2] != rank:
                ranks.append({"id": row[0], "rank": rank})
        gone += [row[0] for row in rows.values()]
    count = SyncCount(updated=len(ranks), deleted=len(gone))
    for ids in _chunks(gone):
        execute_dml(sa.delete(Match).where(Match.id.in_(ids)).execution_options(synchronize_session=False))
    if ranks:
        db.session.execute(sa.update(Match), ranks)
    now = utcnow()
    inserts: list[dict] = []
    updates: list[dict] = []
    pairs = [(sid, p) for sid, ps in written.items() for p in ps]
    reasons = _pair_reasons(matcher, [(str(sid), str(p[1]), p[4]) for sid, p in pairs])
    for (sid, (row_id, vendor_id, score, rank, _exact)), why in zip(pairs, reasons, strict=True):
        values = {"score": score, "rank": rank, "reasons": why, "computed_at": now}
        if row_id is None:
            inserts.append({"scenario_id": sid, "vendor_id": vendor_id, **values})
        else:
            updates.append({"id": row_id, **values})
    if updates:
        db.session.execute(sa.update(Match), updates)
    if inserts:
        db.session.execute(sa.insert(Match), inserts)
    count.updated += len(updates)
    count.inserted += len(inserts)
    return count


def _pair_reasons(matcher: Matcher, pairs: list[tuple[str, str, float]]) -> list[list]:
    """The stored reasons (JSON-able) of these (scenario id, vendor id, unrounded score) pairs, in one pass: the
    reasons ranking gives them, penalties included (a penalised pair's shares are of its penalised score)."""
    if not pairs:
        return []
    indptr, cols, shares, chosen = matcher.reason_columns(
        [p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs]
    )
    cols_l, shares_l, chosen_l, ptr = cols.tolist(), shares.tolist(), chosen.tolist(), indptr.tolist()
    return [
        _reasons_json(matcher, [matcher.reason_at(cols_l[j], shares_l[j], chosen_l[j]) for j in range(a, b)])
        for a, b in itertools.pairwise(ptr)
    ]


def _ties(vendor_id: int, scores: dict[int, float]) -> set[int]:
    """The lists among these where another vendor's stored score equals this vendor's new one."""
    tied: set[int] = set()
    for chunk in _chunks(sorted(scores)):
        values = sorted({scores[sid] for sid in chunk})
        for sid, score in db.session.execute(
            sa.select(Match.scenario_id, Match.score).where(
                Match.scenario_id.in_(chunk), Match.vendor_id != vendor_id, Match.score.in_(values)
            )
        ):
            if scores[sid] == score:
                tied.add(sid)
    return tied


def _renumber(scenario_ids: list[int]) -> tuple[int, int]:
    """Number these lists 1..n again after rows entered, left or moved; cut them to the longest a list may be.

    Order: score, then the stored rank, which holds the matcher's order among equal stored scores (a row written
    here never ties with another: such a list is ranked again in full instead). Reads the lists as plain tuples
    and writes only the ranks that change. Returns (renumbered, cut) rows.
    """
    moved: list[dict] = []
    cut: list[int] = []
    for chunk in _chunks(scenario_ids):
        lists: dict[int, list[tuple[float, int, int, int]]] = {}
        for mid, sid, vendor_id, score, rank in db.session.execute(
            sa.select(Match.id, Match.scenario_id, Match.vendor_id, Match.score, Match.rank).where(
                Match.scenario_id.in_(chunk)
            )
        ):
            lists.setdefault(sid, []).append((-score, rank, vendor_id, mid))
        for rows in lists.values():
            rows.sort()
            for place, (_score, rank, _vendor, mid) in enumerate(rows, 1):
                if place > MAX_VENDORS_PER_SCENARIO:
                    cut.append(mid)
                elif place != rank:
                    moved.append({"id": mid, "rank": place})
    if moved:
        db.session.execute(sa.update(Match), moved)
    for ids in _chunks(cut):
        execute_dml(sa.delete(Match).where(Match.id.in_(ids)).execution_options(synchronize_session=False))
    return len(moved), len(cut)


def _withdraw_pairs(*where) -> list[int]:
    """Delete stored matches at once (a withdrawn vendor, a pair taken out by feedback); the lists they left."""
    left = list(db.session.scalars(sa.select(Match.scenario_id).where(*where)))
    if left:
        execute_dml(sa.delete(Match).where(*where).execution_options(synchronize_session=False))
    return left
