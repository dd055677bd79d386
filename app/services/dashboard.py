"""Figures for the admin dashboard: what is on the platform, and whether matchmaking works.

The expensive figures (counts over every listing, the funnel, the capability gaps: scans of every scenario and
of every stored match) are computed by `refresh_aggregates` into the one `dashboard_summary` row, by a job
queued after the work that changes them (`request_refresh`) and every ten minutes as a safety net; the page
reads that row and says when it was computed. The queues waiting for an admin (listings in review, requests
nobody answers, requests waiting for an introduction) are counted live through indexes. With no summary yet
(a fresh install) the first view computes it at once.

The funnel follows each scenario that was ever published through its first suggestion, first request to meet,
first accepted request (a room), first pilot and first contract, with the share that reached each step from
the step before and the median time between the two. Times come from the living room's own columns
(IntroRequest.created_at, Connection.accepted_at, pilot_started_at, contract_signed_at); "matched" is when the
scenario's stored suggestions were computed, or the match recorded on a request if that is earlier.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from statistics import median
from typing import Any, overload

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app
from flask_babel import gettext as _

from app import permissions
from app.extensions import db, dialect_insert
from app.models import (
    DISTRICTS,
    Capability,
    Connection,
    DashboardSummary,
    Industry,
    IntroRequest,
    Match,
    Scenario,
    User,
    VendorProfile,
    scenario_capability,
)
from app.services import teaching
from app.services.errors import PermissionDenied

log = logging.getLogger(__name__)
FUNNEL_STEPS = ("published", "matched", "interest", "accepted", "pilot", "contract")
TOP_N = 15
GAP_SCENARIOS_SHOWN = 20
TEACH_SHOWN = 5  # barely understood scenarios on the dashboard; /admin/teach lists them all
# The shape of DashboardSummary.figures: a row written in another shape is computed again, never misread.
FIGURES_VERSION = 1


@overload
def _aware(value: datetime) -> datetime: ...
@overload
def _aware(value: None) -> None: ...
@overload
def _aware(value: datetime | None) -> datetime | None: ...
def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@dataclass(frozen=True)
class FunnelStep:
    key: str
    count: int
    rate_from_previous: float | None  # 0..1; None for the first step or when the previous step is empty
    rate_from_start: float | None
    median_days_from_previous: float | None  # over scenarios that reached both steps


@dataclass(frozen=True)
class Gap:
    capability: Capability | None  # None: scenarios that name no capability
    scenarios: int  # published scenarios with this capability and no suggestion at or above the threshold
    published: int  # published scenarios with this capability


@dataclass(frozen=True)
class Dashboard:
    scenario_status: list[tuple[str, int]]
    vendor_status: list[tuple[str, int]]
    by_industry: list[tuple[Industry | None, int]]
    by_capability: list[tuple[Capability | None, int]]
    by_district: list[tuple[str | None, int]]
    funnel: list[FunnelStep]
    open_requests: int
    unanswered: list[IntroRequest]  # open longer than UNANSWERED_AFTER_DAYS, oldest first
    unanswered_total: int
    unanswered_days: int
    gaps: list[Gap]
    gap_scenarios: list[tuple[Scenario, float | None]]  # (scenario, its best score or None)
    gap_total: int
    gap_threshold: float
    pending_review: int
    # Open requests to organizations nobody has claimed yet: they wait in /admin/introductions, not here.
    awaiting_introduction: int = 0
    # Published scenarios the matcher barely understands (the first few, with cue words), and how many.
    teach: list[teaching.PoorlyUnderstood] = field(default_factory=list)
    teach_total: int = 0
    # When the summarised figures (everything but the live queues) were computed.
    computed_at: datetime | None = None


def _first_times(stmt) -> dict[int, datetime]:
    return {sid: _aware(t) for sid, t in db.session.execute(stmt).all() if t is not None}


def funnel_times(matched: dict[int, datetime] | None = None) -> list[dict[int, datetime]]:
    """For each funnel step, scenario id -> when it first reached the step (published scenarios only).

    A scenario is published on Keting no earlier than its row was created: seeded and imported listings carry
    the date the city first published them (years earlier), which would count those years as waiting for a
    first suggestion. So the clock starts at the later of published_at and created_at.

    matched: scenario id -> its earliest stored suggestion, when the caller already read it from the matches.
    """
    published = {
        sid: max(_aware(p), _aware(c))
        for sid, p, c in db.session.execute(
            sa.select(Scenario.id, Scenario.published_at, Scenario.created_at).where(
                Scenario.published_at.is_not(None), Scenario.status != "merged"
            )
        ).all()
        if p is not None
    }
    if matched is None:
        matched = _first_times(sa.select(Match.scenario_id, sa.func.min(Match.computed_at)).group_by(Match.scenario_id))
    else:
        matched = dict(matched)
    for sid, t in _first_times(
        sa.select(IntroRequest.scenario_id, sa.func.min(IntroRequest.matched_at)).group_by(IntroRequest.scenario_id)
    ).items():
        if sid not in matched or t < matched[sid]:
            matched[sid] = t
    interest = _first_times(
        sa.select(IntroRequest.scenario_id, sa.func.min(IntroRequest.created_at)).group_by(IntroRequest.scenario_id)
    )
    accepted = _first_times(
        sa.select(Connection.scenario_id, sa.func.min(Connection.accepted_at)).group_by(Connection.scenario_id)
    )
    pilot = _first_times(
        sa.select(Connection.scenario_id, sa.func.min(Connection.pilot_started_at)).group_by(Connection.scenario_id)
    )
    contract = _first_times(
        sa.select(Connection.scenario_id, sa.func.min(Connection.contract_signed_at)).group_by(Connection.scenario_id)
    )
    # Only scenarios that were published count at later steps, so every rate is about the same population.
    return [published] + [
        {k: v for k, v in step.items() if k in published} for step in (matched, interest, accepted, pilot, contract)
    ]


def funnel(times: list[dict[int, datetime]] | None = None) -> list[FunnelStep]:
    """The six steps with counts, conversion rates and median days between consecutive steps."""
    times = funnel_times() if times is None else times
    steps = []
    start = len(times[0])
    for i, key in enumerate(FUNNEL_STEPS):
        count = len(times[i])
        if i == 0:
            steps.append(FunnelStep(key, count, None, 1.0 if count else None, None))
            continue
        previous = len(times[i - 1])
        gaps = [
            max(0.0, (times[i][sid] - times[i - 1][sid]).total_seconds() / 86400)
            for sid in times[i]
            if sid in times[i - 1]
        ]
        steps.append(
            FunnelStep(
                key,
                count,
                count / previous if previous else None,
                count / start if start else None,
                round(median(gaps), 1) if gaps else None,
            )
        )
    return steps


def _ordered(counts: dict, nodes: dict) -> list[tuple[Any, int]]:
    rows = [(nodes.get(k), n) for k, n in counts.items() if n and (k is None or k in nodes)]
    rows.sort(key=lambda r: (-r[1], r[0].position if r[0] is not None else 10**6))
    return rows


def _live():
    return Scenario.status == "published"


def compute_figures() -> dict[str, Any]:
    """The summarised figures, computed from every listing and stored match (plain values, for the JSON column).

    Reads the match table once (best score and earliest suggestion per scenario) for both the gaps and the funnel.
    """
    live = _live()
    status_counts = {
        key: [
            [status, n]
            for status, n in db.session.execute(
                sa.select(model.status, sa.func.count(model.id))
                .group_by(model.status)
                .order_by(sa.func.count(model.id).desc(), model.status)
            )
        ]
        for key, model in (("scenario_status", Scenario), ("vendor_status", VendorProfile))
    }
    by_industry = db.session.execute(
        sa.select(Scenario.industry_id, sa.func.count(Scenario.id)).where(live).group_by(Scenario.industry_id)
    ).all()
    by_capability = db.session.execute(
        sa.select(scenario_capability.c.capability_id, sa.func.count())
        .join(Scenario, Scenario.id == scenario_capability.c.scenario_id)
        .where(live)
        .group_by(scenario_capability.c.capability_id)
    ).all()
    no_capability = (
        db.session.scalar(sa.select(sa.func.count(Scenario.id)).where(live, ~Scenario.capabilities.any())) or 0
    )
    by_district = db.session.execute(
        sa.select(Scenario.district, sa.func.count(Scenario.id))
        .where(live)
        .group_by(Scenario.district)
        .order_by(sa.func.count(Scenario.id).desc(), Scenario.district)
    ).all()

    best: dict[int, float] = {}
    first_matched: dict[int, datetime] = {}
    for sid, top, first in db.session.execute(
        sa.select(Match.scenario_id, sa.func.max(Match.score), sa.func.min(Match.computed_at)).group_by(
            Match.scenario_id
        )
    ):
        best[sid] = top
        if first is not None:
            first_matched[sid] = _aware(first)

    # Capability gaps: published scenarios with no stored suggestion at or above the threshold.
    threshold = float(current_app.config.get("GAP_SCORE_THRESHOLD", 0.6))
    caps_of: dict[int, list[int | None]] = {sid: [] for sid in db.session.scalars(sa.select(Scenario.id).where(live))}
    for sid, cid in db.session.execute(
        sa.select(scenario_capability.c.scenario_id, scenario_capability.c.capability_id)
        .join(Scenario, Scenario.id == scenario_capability.c.scenario_id)
        .where(live)
    ):
        caps_of.setdefault(sid, []).append(cid)  # published since the line above: counted all the same
    gap_by_cap: dict[int | None, list[int]] = {}
    gap_total = 0
    for sid, caps in caps_of.items():
        is_gap = (best.get(sid) or 0) < threshold
        gap_total += is_gap
        for cid in caps or [None]:
            counts = gap_by_cap.setdefault(cid, [0, 0])
            counts[1] += 1
            counts[0] += is_gap
    ranked = sorted(((g, p, cid) for cid, (g, p) in gap_by_cap.items() if g), key=lambda r: (-r[0], -(r[0] / r[1])))
    gaps = [[cid, g, p] for g, p, cid in ranked[: TOP_N * 2]]
    covered = sa.exists().where(Match.scenario_id == Scenario.id, Match.score >= threshold)
    waiting_longest = (
        db.session.scalars(
            sa.select(Scenario.id)
            .where(live, ~covered)
            .order_by(Scenario.published_at.asc(), Scenario.id)
            .limit(GAP_SCENARIOS_SHOWN)
        ).all()
        if gap_total
        else []
    )
    steps = funnel(funnel_times(first_matched))
    teach, teach_total = teaching.barely_understood(TEACH_SHOWN)
    return {
        **status_counts,
        "by_industry": [[k, n] for k, n in by_industry],
        "by_capability": [[k, n] for k, n in by_capability] + ([[None, no_capability]] if no_capability else []),
        "by_district": [[d if d in DISTRICTS else None, n] for d, n in by_district],
        "funnel": [
            [s.key, s.count, s.rate_from_previous, s.rate_from_start, s.median_days_from_previous] for s in steps
        ],
        "gaps": gaps,
        "gap_total": gap_total,
        "gap_threshold": threshold,
        "gap_scenarios": [[sid, best.get(sid)] for sid in waiting_longest],
        "teach_total": teach_total,
        "teach": [
            [item.scenario.id, item.confidence, [[c.word, c.capability.id, c.support, c.precision] for c in item.cues]]
            for item in teach
        ],
    }


def _store(figures: dict[str, Any], computed_at: datetime, duration_ms: int) -> None:
    """Write the summary row, unless a computation that started later already wrote it (one statement)."""
    row = {
        "id": 1,
        "version": FIGURES_VERSION,
        "figures": figures,
        "computed_at": computed_at,
        "duration_ms": duration_ms,
    }
    stmt = dialect_insert(DashboardSummary).values(**row)
    table = DashboardSummary.__table__
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={k: stmt.excluded[k] for k in row if k != "id"},
            where=sa.or_(table.c.computed_at <= stmt.excluded.computed_at, table.c.version != FIGURES_VERSION),
        )
    )


def refresh_aggregates() -> DashboardSummary:
    """Compute the summarised figures now and store them; commit. Returns the stored row."""
    started = datetime.now(UTC)
    clock = time.perf_counter()
    figures = compute_figures()
    duration_ms = round((time.perf_counter() - clock) * 1000)
    _store(figures, started, duration_ms)
    db.session.commit()
    log.info("dashboard figures computed in %d ms", duration_ms)
    return db.session.get_one(DashboardSummary, 1, populate_existing=True)


def request_refresh() -> bool:
    """Queue one recomputation of the figures unless one is already waiting; call after committing a change
    that moves them (a match rebuild, a listing's new matches, a review decision). True when this call queued it.
    """
    from app import jobs
    from app.services.jobs import QueueUnavailable

    try:
        return jobs.enqueue_dashboard_refresh()
    except Exception as exc:
        log.exception("could not queue the dashboard refresh")
        raise QueueUnavailable(
            _("The job queue cannot be reached, so the figures were not recomputed. Try again in a minute.")
        ) from exc


def _summary() -> DashboardSummary:
    """The stored figures, computed here first when there are none yet (a fresh install) or in an older shape."""
    row = db.session.get(DashboardSummary, 1)
    if row is not None and row.version == FIGURES_VERSION:
        return row
    return refresh_aggregates()


def _live_queues(cfg) -> dict[str, Any]:
    """What waits for an admin now, through indexed counts (never from the summary: it must not lag)."""
    pending = sum(
        db.session.scalar(sa.select(sa.func.count(model.id)).where(model.status == "pending")) or 0
        for model in (Scenario, VendorProfile)
    )
    days = int(cfg.get("UNANSWERED_AFTER_DAYS", 7))
    cutoff = datetime.now(UTC) - timedelta(days=days)
    # A request's time to answer starts when the asked organization can answer it (see introductions).
    waiting = sa.and_(
        IntroRequest.state == "open",
        IntroRequest.awaiting_claim.is_(False),
        sa.func.coalesce(IntroRequest.clock_started_at, IntroRequest.created_at) < cutoff,
    )
    open_requests, awaiting_introduction = db.session.execute(
        sa.select(
            sa.func.count(IntroRequest.id),
            sa.func.count(IntroRequest.id).filter(IntroRequest.awaiting_claim.is_(True)),
        ).where(IntroRequest.state == "open")
    ).one()
    unanswered_total = db.session.scalar(sa.select(sa.func.count(IntroRequest.id)).where(waiting)) or 0
    unanswered = list(
        db.session.scalars(
            sa.select(IntroRequest)
            .where(waiting)
            .order_by(IntroRequest.created_at.asc())
            .limit(20)
            .options(
                so.joinedload(IntroRequest.scenario).joinedload(Scenario.owner),
                so.joinedload(IntroRequest.vendor).joinedload(VendorProfile.organization),
            )
        ).unique()
    )
    return {
        "pending_review": pending,
        "open_requests": open_requests or 0,
        "awaiting_introduction": awaiting_introduction or 0,
        "unanswered": unanswered,
        "unanswered_total": unanswered_total,
        "unanswered_days": days,
    }


def dashboard(actor: User) -> Dashboard:
    """Everything the dashboard shows (templates never query): the stored figures and the live queues."""
    if not permissions.can_view_dashboard(actor):
        raise PermissionDenied(_("Only admins see the dashboard."))
    summary = _summary()
    figures = summary.figures
    industries = {n.id: n for n in db.session.scalars(sa.select(Industry))}
    capabilities = {n.id: n for n in db.session.scalars(sa.select(Capability))}
    by_capability = dict((k, n) for k, n in figures["by_capability"] if k is not None)
    capability_rows = _ordered(by_capability, capabilities)
    capability_rows += [(None, n) for k, n in figures["by_capability"] if k is None and n]
    gaps = [
        Gap(capabilities.get(cid) if cid is not None else None, g, p)
        for cid, g, p in figures["gaps"]
        if cid is None or cid in capabilities
    ]
    # The scenarios listed are read live by id (a few rows): one closed since is left out.
    best = {sid: score for sid, score in figures["gap_scenarios"]}
    wanted = [*best, *(sid for sid, _c, _cues in figures["teach"])]
    found = (
        {
            s.id: s
            for s in db.session.scalars(
                sa.select(Scenario)
                .where(Scenario.id.in_(wanted), _live())
                .options(so.joinedload(Scenario.owner), so.selectinload(Scenario.capabilities))
            )
        }
        if wanted
        else {}
    )
    gap_scenarios = [(found[sid], best[sid]) for sid in best if sid in found]
    teach = [
        teaching.PoorlyUnderstood(
            found[sid],
            confidence,
            tuple(teaching.Cue(w, capabilities[cid], n, p) for w, cid, n, p in cues if cid in capabilities),
        )
        for sid, confidence, cues in figures["teach"]
        if sid in found
    ]
    return Dashboard(
        scenario_status=[(s, n) for s, n in figures["scenario_status"]],
        vendor_status=[(s, n) for s, n in figures["vendor_status"]],
        by_industry=_ordered(dict((k, n) for k, n in figures["by_industry"]), industries),
        by_capability=capability_rows,
        by_district=[(d, n) for d, n in figures["by_district"]],
        funnel=[FunnelStep(*step) for step in figures["funnel"]],
        gaps=gaps,
        gap_scenarios=gap_scenarios,
        gap_total=figures["gap_total"],
        gap_threshold=figures["gap_threshold"],
        teach=teach,
        teach_total=figures["teach_total"],
        computed_at=_aware(summary.computed_at),
        **_live_queues(current_app.config),
    )
