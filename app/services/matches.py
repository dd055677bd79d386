"""Stored matches: the matcher's proposals kept in the database, recomputed when a listing or feedback changes.

Pages read Match rows and never fit or query the matcher. What is stored, per published scenario: the
published vendors whose score is at least MIN_SCORE, best first, at most MAX_VENDORS_PER_SCENARIO of them,
with rank = place in that list. A vendor's feed is every scenario where it is in that list.

Recomputing is by scenario: a scenario's list depends on every vendor, so a changed vendor recomputes the
lists of the scenarios it was in or now qualifies for. Writes touch only rows whose content changes: scores
are stored to SCORE_DIGITS decimals, so a nudge in idf from an unrelated listing does not rewrite a row.

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

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _

from app import matcher_store, permissions
from app.extensions import db, execute_dml
from app.models import (
    NEGATIVE_SIGNALS,
    SIGNAL_KINDS,
    Capability,
    Industry,
    IntroRequest,
    Match,
    MatchSignal,
    Scenario,
    User,
    VendorProfile,
    scenario_capability,
)
from app.models.base import utcnow
from app.models.feedback import MAX_SIGNAL_REASON
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


def _sync_scenario(
    scenario_id: int, proposals: list[tuple[int, float, list]], existing: list[Match] | None = None
) -> SyncCount:
    """Make the scenario's stored rows equal the proposals, writing only the rows that differ."""
    count = SyncCount()
    if existing is None:
        existing = list(db.session.scalars(sa.select(Match).where(Match.scenario_id == scenario_id)))
    by_vendor = {m.vendor_id: m for m in existing}
    now = utcnow()
    for rank, (vendor_id, score, reasons) in enumerate(proposals, 1):
        row = by_vendor.pop(vendor_id, None)
        if row is None:
            db.session.add(
                Match(
                    scenario_id=scenario_id,
                    vendor_id=vendor_id,
                    score=score,
                    rank=rank,
                    reasons=reasons,
                    computed_at=now,
                )
            )
            count.inserted += 1
        elif round(row.score, SCORE_DIGITS) != score or row.rank != rank or row.reasons != reasons:
            row.score, row.rank, row.reasons, row.computed_at = score, rank, reasons, now
            count.updated += 1
    for row in by_vendor.values():
        db.session.delete(row)
        count.deleted += 1
    return count


def _live_vendor_ids() -> set[str]:
    return {str(v) for v in db.session.scalars(sa.select(VendorProfile.id).where(VendorProfile.status == "published"))}


def _live_scenario_ids() -> list[int]:
    return list(db.session.scalars(sa.select(Scenario.id).where(Scenario.status == "published").order_by(Scenario.id)))


def _recompute_scenarios(
    matcher: Matcher,
    scenario_ids: Iterable[int],
    fb: _Feedback | None = None,
    progress: Callable[[int], None] | None = None,
) -> SyncCount:
    fb = fb or _read_feedback(matcher)
    live = _live_vendor_ids()
    indexed = set(matcher.scenario_ids_)
    ids = sorted(set(scenario_ids))
    existing: dict[int, list[Match]] = {sid: [] for sid in ids}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        for m in db.session.scalars(sa.select(Match).where(Match.scenario_id.in_(chunk))):
            existing[m.scenario_id].append(m)
    total = SyncCount()
    for sid in ids:
        proposals = _proposals(matcher, sid, fb, live) if str(sid) in indexed else []
        total.add(_sync_scenario(sid, proposals, existing[sid]))
        if progress is not None:
            progress(1)
    db.session.flush()
    return total


def _affected_by_vendor(matcher: Matcher, vendor_id: int, fb: _Feedback) -> set[int]:
    """Scenarios whose lists may change with this vendor: those it is in, and those it now scores well for."""
    affected = set(db.session.scalars(sa.select(Match.scenario_id).where(Match.vendor_id == vendor_id)))
    if str(vendor_id) in matcher.vendor_ids_:
        for r in matcher.rank_scenarios(str(vendor_id), k=None, lang="zh", penalties=fb.penalties or None):
            if round(r.score, SCORE_DIGITS) >= MIN_SCORE and r.scenario_id is not None:
                affected.add(int(r.scenario_id))
    return affected


def _recompute_all(matcher: Matcher, progress: Callable[[int, int], None] | None = None) -> SyncCount:
    live = _live_scenario_ids()
    done = 0
    total = len(live)

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    count = _recompute_scenarios(matcher, live, progress=step)
    # Rows of scenarios or vendors that are no longer published.
    gone = execute_dml(
        sa.delete(Match).where(
            sa.or_(
                Match.scenario_id.in_(sa.select(Scenario.id).where(Scenario.status != "published")),
                Match.vendor_id.in_(sa.select(VendorProfile.id).where(VendorProfile.status != "published")),
            )
        )
    )
    count.deleted += gone.rowcount or 0
    return count


def listing_changed(kind: str, listing_id: int) -> SyncCount:
    """Bring the index and the stored matches in line with this listing as it now is; flush, do not commit.

    A published listing is (re)indexed and its matches recomputed; any other status takes it out of the
    index and deletes its matches. Call it from every service that changes a listing's status or content.
    """
    if kind not in LISTING_KINDS:
        raise ValueError(f"kind must be one of {LISTING_KINDS}, got {kind!r}")
    db.session.flush()
    row: Scenario | VendorProfile | None
    cur = matcher_store.begin_change()
    matcher = cur.matcher
    if kind == "scenario":
        row = db.session.get(Scenario, listing_id)
        live = row is not None and row.status == "published"
        ids, doc_id = matcher.scenario_ids_, str(listing_id)
        if live:
            matcher.update_scenario(matcher_store.docs_for([listing_id], "scenario")[0])
        elif doc_id in ids:
            matcher.remove_scenario(doc_id)
    else:
        row = db.session.get(VendorProfile, listing_id)
        live = row is not None and row.status == "published"
        ids, doc_id = matcher.vendor_ids_, str(listing_id)
        if live:
            matcher.update_vendor(matcher_store.docs_for([listing_id], "vendor")[0])
        elif doc_id in ids:
            matcher.remove_vendor(doc_id)
    if cur.refitted:
        return _recompute_all(matcher)
    if kind == "scenario":
        return _recompute_scenarios(matcher, [listing_id])
    fb = _read_feedback(matcher)
    return _recompute_scenarios(matcher, _affected_by_vendor(matcher, listing_id, fb), fb)


def rebuild_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Refit the matcher from the database and recompute every stored match; commit. Returns the rows stored.

    progress(done, total) is called after each scenario.
    """
    matcher = matcher_store.fit_fresh()
    matcher_store.replace(matcher)
    count = _recompute_all(matcher, progress)
    db.session.commit()
    log.info("match rebuild: %d inserted, %d updated, %d deleted", count.inserted, count.updated, count.deleted)
    return db.session.scalar(sa.select(sa.func.count(Match.id))) or 0


def similar_scenarios(
    scenario_id: int | None = None, text: dict | None = None, k: int = 5, min_score: float = 0.5, lang: str = "zh"
) -> list[tuple[int, float, list[str]]]:
    """Published scenarios most like this one (an id, or the text of one not saved yet), for duplicate checks.

    Returns (scenario id, similarity 0..1, shared concepts and terms in lang), most similar first.
    """
    matcher = matcher_store.current().matcher
    ref: str | ScenarioDoc
    if scenario_id is not None and str(scenario_id) in matcher.scenario_ids_:
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
    vendor for the scenario's kind; a later positive one (interest, accepted) counts back. Both recompute
    the vendor's matches at once.
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
        _feedback_changed(vendor_id)
    return signal


def _has_negative(vendor_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(sa.exists().where(MatchSignal.vendor_id == vendor_id, MatchSignal.kind.in_(NEGATIVE_SIGNALS)))
        )
        or False
    )


def _feedback_changed(vendor_id: int) -> SyncCount:
    """Recompute the lists this vendor is in or may now enter; the index itself does not change."""
    matcher = matcher_store.current().matcher
    fb = _read_feedback(matcher)
    return _recompute_scenarios(matcher, _affected_by_vendor(matcher, vendor_id, fb), fb)


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
    return SuggestedVendors(scenario, items, counts)


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
    seen = sa.exists().where(
        MatchSignal.scenario_id == Match.scenario_id,
        MatchSignal.vendor_id == Match.vendor_id,
        MatchSignal.kind == "shown",
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
    return MatchFeed(profile, Page(items=items, page=page, per_page=query.per_page, total=total), new_total)


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

REBUILD_BATCH = 500


def run_rebuild_job(job, actor, progress) -> dict:
    """A full rebuild as a job: refit and commit the new index, then recompute stored matches 500 scenarios a
    commit. Killed half-way, every published scenario still has matches (the last batch's or the previous
    fit's) and a retry carries on after the last committed scenario."""
    checkpoint = dict(job.checkpoint or {})
    if not checkpoint.get("refitted"):
        progress.step(0, stage="fitting", commit=True)
        matcher_store.replace(matcher_store.fit_fresh())
        checkpoint = {"refitted": True, "after": 0, "inserted": 0, "updated": 0, "deleted": 0}
        progress.step(0, stage="matching", checkpoint=checkpoint)  # commits: the index file is written first
    total = db.session.scalar(sa.select(sa.func.count(Scenario.id)).where(Scenario.status == "published")) or 0
    done = (
        db.session.scalar(
            sa.select(sa.func.count(Scenario.id)).where(
                Scenario.status == "published", Scenario.id <= checkpoint["after"]
            )
        )
        or 0
    )
    progress.step(done, total, stage="matching", commit=False)
    while True:
        ids = list(
            db.session.scalars(
                sa.select(Scenario.id)
                .where(Scenario.status == "published", Scenario.id > checkpoint["after"])
                .order_by(Scenario.id)
                .limit(REBUILD_BATCH)
            )
        )
        if not ids:
            break
        matcher = matcher_store.current().matcher
        count = _recompute_scenarios(matcher, ids)
        for key in ("inserted", "updated", "deleted"):
            checkpoint[key] += getattr(count, key)
        checkpoint["after"] = ids[-1]
        done += len(ids)
        progress.step(done, max(total, done), checkpoint=checkpoint)
    # Rows of scenarios or vendors that are no longer published.
    gone = execute_dml(
        sa.delete(Match).where(
            sa.or_(
                Match.scenario_id.in_(sa.select(Scenario.id).where(Scenario.status != "published")),
                Match.vendor_id.in_(sa.select(VendorProfile.id).where(VendorProfile.status != "published")),
            )
        )
    )
    checkpoint["deleted"] += gone.rowcount or 0
    stored = db.session.scalar(sa.select(sa.func.count(Match.id))) or 0
    log.info("match rebuild job: %(inserted)d inserted, %(updated)d updated, %(deleted)d deleted", checkpoint)
    return {
        "matches": stored,
        "scenarios": done,
        "inserted": checkpoint["inserted"],
        "updated": checkpoint["updated"],
        "deleted": checkpoint["deleted"],
    }


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
    if any(str(i) not in matcher.scenario_ids_ for i in scenario_ids):
        matcher = refit_including(scenario_ids)
    return _recompute_scenarios(matcher, scenario_ids)
