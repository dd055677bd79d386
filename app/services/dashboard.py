"""Figures for the admin dashboard: what is on the platform, and whether matchmaking works.

The funnel follows each scenario that was ever published through its first suggestion, first request to meet,
first accepted request (a room), first pilot and first contract, with the share that reached each step from
the step before and the median time between the two. Times come from the living room's own columns
(IntroRequest.created_at, Connection.accepted_at, pilot_started_at, contract_signed_at); "matched" is when the
scenario's stored suggestions were computed, or the match recorded on a request if that is earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from statistics import median
from typing import Any, overload

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app
from flask_babel import gettext as _

from app import permissions
from app.extensions import db
from app.models import (
    DISTRICTS,
    Capability,
    Connection,
    Industry,
    IntroRequest,
    Match,
    Scenario,
    User,
    VendorProfile,
    scenario_capability,
)
from app.services.errors import PermissionDenied

FUNNEL_STEPS = ("published", "matched", "interest", "accepted", "pilot", "contract")
TOP_N = 15


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


def _first_times(stmt) -> dict[int, datetime]:
    return {sid: _aware(t) for sid, t in db.session.execute(stmt).all() if t is not None}


def funnel_times() -> list[dict[int, datetime]]:
    """For each funnel step, scenario id -> when it first reached the step (published scenarios only).

    A scenario is published on Keting no earlier than its row was created: seeded and imported listings carry
    the date the city first published them (years earlier), which would count those years as waiting for a
    first suggestion. So the clock starts at the later of published_at and created_at.
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
    matched = _first_times(sa.select(Match.scenario_id, sa.func.min(Match.computed_at)).group_by(Match.scenario_id))
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


def funnel() -> list[FunnelStep]:
    """The six steps with counts, conversion rates and median days between consecutive steps."""
    times = funnel_times()
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
    rows = [(nodes.get(k), n) for k, n in counts.items() if n]
    rows.sort(key=lambda r: (-r[1], r[0].position if r[0] is not None else 10**6))
    return rows


def dashboard(actor: User) -> Dashboard:
    """Everything the dashboard shows, computed at once (templates never query)."""
    if not permissions.can_view_dashboard(actor):
        raise PermissionDenied(_("Only admins see the dashboard."))
    cfg = current_app.config
    scenario_status = db.session.execute(
        sa.select(Scenario.status, sa.func.count(Scenario.id))
        .group_by(Scenario.status)
        .order_by(sa.func.count(Scenario.id).desc())
    ).all()
    vendor_status = db.session.execute(
        sa.select(VendorProfile.status, sa.func.count(VendorProfile.id))
        .group_by(VendorProfile.status)
        .order_by(sa.func.count(VendorProfile.id).desc())
    ).all()
    live = Scenario.status == "published"
    industries = {n.id: n for n in db.session.scalars(sa.select(Industry))}
    capabilities = {n.id: n for n in db.session.scalars(sa.select(Capability))}
    by_industry = dict(
        db.session.execute(
            sa.select(Scenario.industry_id, sa.func.count(Scenario.id)).where(live).group_by(Scenario.industry_id)
        ).all()
    )
    by_capability: dict[int, int] = dict(
        db.session.execute(
            sa.select(scenario_capability.c.capability_id, sa.func.count())
            .join(Scenario, Scenario.id == scenario_capability.c.scenario_id)
            .where(live)
            .group_by(scenario_capability.c.capability_id)
        ).all()
    )
    no_capability = (
        db.session.scalar(sa.select(sa.func.count(Scenario.id)).where(live, ~Scenario.capabilities.any())) or 0
    )
    capability_rows = _ordered(by_capability, capabilities)
    if no_capability:
        capability_rows.append((None, no_capability))
    by_district = db.session.execute(
        sa.select(Scenario.district, sa.func.count(Scenario.id))
        .where(live)
        .group_by(Scenario.district)
        .order_by(sa.func.count(Scenario.id).desc())
    ).all()

    # Requests nobody has answered for too long.
    days = int(cfg.get("UNANSWERED_AFTER_DAYS", 7))
    cutoff = datetime.now(UTC) - timedelta(days=days)
    # A request's time to answer starts when the asked organization can answer it (see introductions).
    waiting = sa.and_(
        IntroRequest.state == "open",
        IntroRequest.awaiting_claim.is_(False),
        sa.func.coalesce(IntroRequest.clock_started_at, IntroRequest.created_at) < cutoff,
    )
    awaiting_introduction = (
        db.session.scalar(
            sa.select(sa.func.count(IntroRequest.id)).where(
                IntroRequest.state == "open", IntroRequest.awaiting_claim.is_(True)
            )
        )
        or 0
    )
    open_requests = (
        db.session.scalar(sa.select(sa.func.count(IntroRequest.id)).where(IntroRequest.state == "open")) or 0
    )
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

    # Capability gaps: published scenarios with no stored suggestion at or above the threshold.
    threshold = float(cfg.get("GAP_SCORE_THRESHOLD", 0.6))
    best = dict(
        db.session.execute(sa.select(Match.scenario_id, sa.func.max(Match.score)).group_by(Match.scenario_id)).all()
    )
    live_ids = list(db.session.scalars(sa.select(Scenario.id).where(live)))
    gap_ids = [sid for sid in live_ids if (best.get(sid) or 0) < threshold]
    gap_set = set(gap_ids)
    caps_of: dict[int, list[int | None]] = {}
    for sid, cid in db.session.execute(
        sa.select(scenario_capability.c.scenario_id, scenario_capability.c.capability_id)
        .join(Scenario, Scenario.id == scenario_capability.c.scenario_id)
        .where(live)
    ):
        caps_of.setdefault(sid, []).append(cid)
    gap_by_cap: dict[int | None, list[int]] = {}
    for sid in live_ids:
        for cid in caps_of.get(sid) or [None]:
            counts = gap_by_cap.setdefault(cid, [0, 0])
            counts[1] += 1
            if sid in gap_set:
                counts[0] += 1
    gaps = [Gap(capabilities.get(cid) if cid is not None else None, g, p) for cid, (g, p) in gap_by_cap.items() if g]
    gaps.sort(key=lambda g: (-g.scenarios, -(g.scenarios / g.published)))
    covered = sa.exists().where(Match.scenario_id == Scenario.id, Match.score >= threshold)
    gap_rows = (
        list(
            db.session.scalars(
                sa.select(Scenario)
                .where(live, ~covered)
                .order_by(Scenario.published_at.asc(), Scenario.id)
                .limit(20)
                .options(so.joinedload(Scenario.owner), so.selectinload(Scenario.capabilities))
            )
        )
        if gap_ids
        else []
    )
    pending = sum(n for s, n in scenario_status if s == "pending") + sum(n for s, n in vendor_status if s == "pending")
    return Dashboard(
        scenario_status=[(s, n) for s, n in scenario_status],
        vendor_status=[(s, n) for s, n in vendor_status],
        by_industry=_ordered(by_industry, industries),
        by_capability=capability_rows,
        by_district=[(d if d in DISTRICTS else None, n) for d, n in by_district],
        funnel=funnel(),
        open_requests=open_requests,
        awaiting_introduction=awaiting_introduction,
        unanswered=unanswered,
        unanswered_total=unanswered_total,
        unanswered_days=days,
        gaps=gaps[: TOP_N * 2],
        gap_scenarios=[(s, best.get(s.id)) for s in gap_rows],
        gap_total=len(gap_ids),
        gap_threshold=threshold,
        pending_review=pending,
    )
