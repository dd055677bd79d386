"""Scenarios: public browsing, and posting by enterprises (draft, review, withdraw, close).

Review itself (publish or send back) comes with the curation issue; here a scenario reaches "pending".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app import permissions
from app.extensions import db
from app.models import (
    CONFIDENTIALITY,
    DISTRICTS,
    MAX_BUDGET,
    MAX_DESCRIPTION_CHARS,
    OUTCOMES,
    Capability,
    Industry,
    Match,
    Scenario,
    User,
)
from app.services import audit, duplicates, generation, matches, search
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import CloseScenarioInput, ListingQuery, ScenarioInput
from app.services.pagination import Page, in_ids, page_of_ids, paginate
from app.services.taxonomy import ids_for_code
from app.services.text import check_text, detect_language, reading_units

SCENARIO_SORTS: dict[str, tuple[sa.ColumnElement[Any], ...]] = {
    "relevance": (Scenario.published_at.desc(), Scenario.id.desc()),  # ranked by the search; newest without words
    "newest": (Scenario.published_at.desc(), Scenario.id.desc()),
    "oldest": (Scenario.published_at.asc(), Scenario.id.asc()),
    "budget_high": (sa.func.coalesce(Scenario.budget_max, -1).desc(), Scenario.id.desc()),
    "budget_low": (sa.func.coalesce(Scenario.budget_min, 10**15).asc(), Scenario.id.asc()),
}
PUBLIC_STATUSES = ("published",)


def _scenario_filters(query: ListingQuery) -> list:
    conds: list = [Scenario.status.in_(PUBLIC_STATUSES)]
    industry_ids = ids_for_code(Industry, query.industry)
    if industry_ids is not None:
        conds.append(Scenario.industry_id.in_(industry_ids))
    capability_ids = ids_for_code(Capability, query.capability)
    if capability_ids is not None:
        conds.append(Scenario.capabilities.any(Capability.id.in_(capability_ids)))
    if query.district:
        conds.append(Scenario.district == query.district)
    if query.batch:
        conds.append(Scenario.source_batch == query.batch)
    return conds


def _with_rows(stmt: sa.Select) -> sa.Select:
    # A list card shows the taxonomy names only: not loading the long synonym lists saves most of the page's time.
    return stmt.options(
        so.joinedload(Scenario.owner),
        so.joinedload(Scenario.industry).load_only(*_card_columns(Industry)),
        so.selectinload(Scenario.capabilities).load_only(*_card_columns(Capability)),
    )


def _card_columns(model) -> tuple:
    return (model.code, model.name_zh, model.name_en, model.parent_id, model.position)


def _searched_ids(query: ListingQuery) -> list[int]:
    """Ids of the published scenarios that match the search words and the filters, in the chosen order.

    The words are answered from the matcher's index (search.rank); the database only applies the filters
    and the order to those hits, by primary key.
    """
    prepared = search.prepare(query.q)
    ranked = [i for i, _ in search.rank(prepared, "scenario")]
    if not ranked:
        return []
    stmt = sa.select(Scenario.id, Scenario.confidentiality).where(
        in_ids(Scenario.id, ranked), *_scenario_filters(query)
    )
    if query.sort != "relevance":
        stmt = stmt.order_by(*SCENARIO_SORTS.get(query.sort, SCENARIO_SORTS["newest"]))
    rows = db.session.execute(stmt).all()
    # "Details only to verified vendors": the public may search such a scenario by its title and industry only,
    # so a search cannot reveal its description, its capabilities or who posted it.
    restricted = [r.id for r in rows if r.confidentiality != "public"]
    hidden: set[int] = set()
    if restricted:
        for sid, title, code in db.session.execute(
            sa.select(Scenario.id, Scenario.title, Industry.code)
            .outerjoin(Scenario.industry)
            .where(in_ids(Scenario.id, restricted))
        ):
            if not search.title_covers(prepared, title or "", code):
                hidden.add(sid)
    kept = {r.id for r in rows} - hidden
    if query.sort == "relevance":
        return [i for i in ranked if i in kept]
    return [r.id for r in rows if r.id in kept]


def browse_scenarios(query: ListingQuery) -> Page[Scenario]:
    """Published scenarios that match the search and filters, one page of them.

    With search words, the hits come from the matcher's index, best first unless another order was chosen.
    Without, the total is counted once per catalogue generation and filter; pages stop at MAX_LIST_PAGES.
    """
    max_pages = current_app.config["MAX_LIST_PAGES"]
    if not query.q.strip():
        sort = query.sort if query.sort in SCENARIO_SORTS and query.sort != "relevance" else "newest"
        stmt = _with_rows(sa.select(Scenario).where(*_scenario_filters(query)).order_by(*SCENARIO_SORTS[sort]))
        key = (query.industry, query.capability, query.district, query.batch)
        return paginate(
            stmt,
            query.page,
            query.per_page,
            max_pages,
            count=lambda count_rows: generation.cached("scenario_count", count_rows, *key),
        )
    # A search's hits, filtered and ordered, once per catalogue generation: paging through them, or the same
    # search again, costs one cache read.
    ids = generation.cached(
        "scenario_search",
        lambda: _searched_ids(query),
        query.q,
        query.industry,
        query.capability,
        query.district,
        query.batch,
        query.sort,
    )
    return page_of_ids(
        ids,
        query.page,
        query.per_page,
        max_pages,
        lambda page_ids: db.session.scalars(_with_rows(sa.select(Scenario).where(Scenario.id.in_(page_ids)))).unique(),
    )


def get_public_scenario(scenario_id: int) -> Scenario:
    """A scenario the public may read, or NotFound."""
    scenario = db.session.get(
        Scenario,
        scenario_id,
        options=[
            so.joinedload(Scenario.owner),
            so.joinedload(Scenario.industry),
            so.selectinload(Scenario.capabilities),
        ],
    )
    if scenario is None or scenario.status not in (*PUBLIC_STATUSES, "closed"):
        raise NotFound("No such scenario")
    return scenario


def featured_scenarios(limit: int = 6) -> list[Scenario]:
    stmt = (
        sa.select(Scenario)
        .where(Scenario.status == "published", Scenario.featured.is_(True))
        .order_by(Scenario.published_at.desc(), Scenario.id.desc())
        .limit(limit)
        .options(
            so.joinedload(Scenario.owner), so.joinedload(Scenario.industry), so.selectinload(Scenario.capabilities)
        )
    )
    return list(db.session.scalars(stmt).unique())


def source_batches() -> list[str]:
    """The batches published scenarios came in (the list's filter), read once per catalogue generation."""
    return generation.cached("source_batches", _source_batches)


def _source_batches() -> list[str]:
    stmt = (
        sa.select(Scenario.source_batch)
        .where(Scenario.source_batch.is_not(None), Scenario.status == "published")
        .group_by(Scenario.source_batch)
        .order_by(Scenario.source_batch)
    )
    return list(db.session.scalars(stmt))


# Posting ----------------------------------------------------------------------------------------------

TITLE_MIN_CHARS, TITLE_MAX_CHARS = 4, 120
DESCRIPTION_MIN_CHARS = 20
TIMELINE_MAX_CHARS = 200
DATA_MAX_CHARS = 5_000
MAX_CAPABILITIES = 8
WITHDRAWABLE = ("pending", "published")


@dataclass(frozen=True)
class QualityCheck:
    key: str  # pain | data | site | budget | success
    ok: bool


@dataclass(frozen=True)
class ListingQuality:
    """What a strong scenario says, and which of those things this one says."""

    checks: tuple[QualityCheck, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.checks if not c.ok)

    @property
    def score(self) -> int:
        return sum(c.ok for c in self.checks)

    @property
    def strong(self) -> bool:
        return not self.missing


# A measurable target: a number with a unit or percent, or the words people use for one.
_SUCCESS_WORDS = re.compile(
    r"\d+(\.\d+)?\s*(%|％|percent|ppm|秒|分钟|小时|天|个月|元|万|倍|次|s\b|ms\b|min|hours?|days?|x\b)"
    r"|目标|指标|准确率|识别率|检出率|漏检率|误检率|合格率|良率|效率提升|降低|减少|提升|提高|缩短|节省|验收|KPI"
    r"|accuracy|recall|precision|reduce|increase|improve|cut\b|target|goal|success|measure|kpi|within",
    re.IGNORECASE,
)


def listing_quality(listing) -> ListingQuality:
    """Check a scenario (or the form's input for one) for the five things a strong listing says."""
    description = listing.description or ""
    data = listing.data_available or ""
    checks = (
        # A concrete pain takes a couple of sentences: about 40 Chinese characters or 25 English words.
        QualityCheck("pain", reading_units(description) >= 40),
        QualityCheck("data", reading_units(data) >= 8),
        QualityCheck("site", bool(listing.district)),
        QualityCheck("budget", listing.budget_min is not None or listing.budget_max is not None),
        QualityCheck("success", bool(_SUCCESS_WORDS.search(description) or _SUCCESS_WORDS.search(data))),
    )
    return ListingQuality(checks)


def _validated_fields(data: ScenarioInput, complete: bool = True) -> dict:
    """The scenario's column values from the input, after every rule; raises InvalidInput naming the field.

    A draft (complete=False) keeps what is there: it needs a title and a few words on the problem, and every
    value it has must be valid, but the minimum lengths wait until it is sent for review.
    """
    check_text(data.title, "title", TITLE_MAX_CHARS, TITLE_MIN_CHARS if complete else 0)
    check_text(
        data.description,
        "description",
        MAX_DESCRIPTION_CHARS,
        DESCRIPTION_MIN_CHARS if complete else 0,
        single_line=False,
    )
    check_text(data.timeline, "timeline", TIMELINE_MAX_CHARS, required=False)
    check_text(data.data_available, "data_available", DATA_MAX_CHARS, single_line=False, required=False)
    if data.district is not None and data.district not in DISTRICTS:
        raise InvalidInput(_("Choose a district from the list."), field="district")
    if data.confidentiality not in CONFIDENTIALITY:
        raise InvalidInput(_("Choose who may read the details."), field="confidentiality")
    for name in ("budget_min", "budget_max"):
        amount = getattr(data, name)
        if amount is not None and not 0 <= amount <= MAX_BUDGET:
            raise InvalidInput(
                _("Enter an amount between 0 and %(max)s yuan.", max=format(MAX_BUDGET, ",")), field=name
            )
    if data.budget_min is not None and data.budget_max is not None and data.budget_min > data.budget_max:
        raise InvalidInput(_("The maximum budget must not be less than the minimum."), field="budget_max")
    industry = None
    if data.industry:
        industry = db.session.scalar(sa.select(Industry).where(Industry.code == data.industry))
        if industry is None:
            raise InvalidInput(_("Choose an industry from the list."), field="industry")
    codes = list(dict.fromkeys(data.capabilities))
    if len(codes) > MAX_CAPABILITIES:
        raise InvalidInput(_("Choose at most %(num)d capabilities.", num=MAX_CAPABILITIES), field="capabilities")
    capabilities = db.session.scalars(sa.select(Capability).where(Capability.code.in_(codes))).all() if codes else []
    if len(capabilities) != len(codes):
        raise InvalidInput(_("Choose capabilities from the list."), field="capabilities")
    return {
        "title": data.title.strip(),
        "description": data.description.strip(),
        "industry": industry,
        "capabilities": sorted(capabilities, key=lambda c: (c.position, c.id)),
        "district": data.district,
        "budget_min": data.budget_min,
        "budget_max": data.budget_max,
        "timeline": data.timeline.strip() or None,
        "data_available": data.data_available.strip() or None,
        "confidentiality": data.confidentiality,
        "language": detect_language(f"{data.title}\n{data.description}"),
    }


def _now() -> datetime:
    return datetime.now(UTC)


def _apply(scenario: Scenario, values: dict, submit: bool) -> None:
    for key, value in values.items():
        setattr(scenario, key, value)
    if submit:
        scenario.status = "pending"
        scenario.submitted_at = _now()
    else:
        scenario.status = "draft"


def _scenario_by_token(token: str) -> Scenario | None:
    return db.session.scalar(sa.select(Scenario).where(Scenario.submission_token == token))


def create_scenario(actor: User, data: ScenarioInput) -> Scenario:
    """Post a new scenario for the actor's organization, as a draft or straight to review; commit.

    The form's one-time token makes this idempotent: sending the same form twice returns the first scenario.
    """
    if not permissions.can_create_scenario(actor):
        raise PermissionDenied(_("Only enterprise accounts can post scenarios."))
    if data.submission_token:
        earlier = _scenario_by_token(data.submission_token)
        if earlier is not None:
            if earlier.owner_id != actor.organization_id:
                raise InvalidInput(_("This form was already used. Reload the page and try again."))
            return earlier
    values = _validated_fields(data, complete=data.submit)
    scenario = Scenario(
        owner_id=actor.organization_id, created_by=actor, featured=False, submission_token=data.submission_token or None
    )
    _apply(scenario, values, data.submit)
    db.session.add(scenario)
    try:
        if data.submit:
            duplicates.check_submission(scenario)
        db.session.commit()
    except IntegrityError:
        # The other click of a double click got there first: hand back the scenario it made.
        db.session.rollback()
        earlier = _scenario_by_token(data.submission_token) if data.submission_token else None
        if earlier is not None and earlier.owner_id == actor.organization_id:
            return earlier
        raise
    return scenario


def snapshot(s: Scenario) -> dict[str, Any]:
    """What an edit of a scenario can change, as plain values (audit entries compare two of these)."""
    return {
        "title": s.title,
        "description": s.description,
        "industry": s.industry.code if s.industry else None,
        "capabilities": [c.code for c in s.capabilities],
        "district": s.district,
        "budget_min": s.budget_min,
        "budget_max": s.budget_max,
        "timeline": s.timeline,
        "data_available": s.data_available,
        "confidentiality": s.confidentiality,
    }


def _edit_published(actor: User, scenario: Scenario, values: dict) -> None:
    """Change a live scenario in place, keep it live and matched, and mark it for an admin's check."""
    before = snapshot(scenario)
    for key, value in values.items():
        setattr(scenario, key, value)
    old, new = audit.changes(before, snapshot(scenario))
    if not new:
        return
    if scenario.edited_after_publish_at is None:
        scenario.edited_after_publish_at = _now()
    audit.record(actor, "scenario.owner_edit", "scenario", scenario.id, scenario.title, old, new)
    matches.listing_changed("scenario", scenario.id)


def get_own_scenario(actor: User, scenario_id: int) -> Scenario:
    """A scenario the actor may edit; NotFound for anything else, so ids of others cannot be probed."""
    scenario = db.session.get(
        Scenario,
        scenario_id,
        options=[
            so.joinedload(Scenario.owner),
            so.joinedload(Scenario.industry),
            so.selectinload(Scenario.capabilities),
        ],
    )
    if scenario is None or not permissions.can_edit_scenario(actor, scenario):
        raise NotFound(_("No such scenario."))
    return scenario


def update_scenario(actor: User, scenario_id: int, data: ScenarioInput) -> Scenario:
    """Save changes as a draft, or send them for review; commit.

    A published scenario stays published: fixing a typo must not take a live listing (its matches, the
    vendors reading it, its rooms' context) offline for days. The change shows at once and is re-matched; the
    scenario is marked edited_after_publish_at, which lists it in the admin's review queue until an admin has
    checked the edit (and can still ask for changes or archive it). The audit log keeps what changed.
    """
    scenario = get_own_scenario(actor, scenario_id)
    if scenario.status == "closed":
        raise InvalidInput(_("A closed scenario can no longer be edited."))
    if scenario.status in ("archived", "merged"):
        raise InvalidInput(_("An archived or merged scenario can no longer be edited."))
    if scenario.status == "published":  # whichever button was pressed: saving a live scenario keeps it live
        _edit_published(actor, scenario, _validated_fields(data))
        db.session.commit()
        return scenario
    if data.submit and not permissions.can_submit_scenario(actor, scenario):
        raise PermissionDenied(_("You may not submit this scenario."))
    values = _validated_fields(data, complete=data.submit)
    _apply(scenario, values, data.submit)
    if data.submit:
        duplicates.check_submission(scenario)
    db.session.commit()
    return scenario


def withdraw_scenario(actor: User, scenario_id: int) -> Scenario:
    """Take a scenario out of review or off the public list, back to a draft; commit."""
    scenario = get_own_scenario(actor, scenario_id)
    if not permissions.can_withdraw_scenario(actor, scenario):
        raise PermissionDenied(_("You may not withdraw this scenario."))
    if scenario.status not in WITHDRAWABLE:
        raise InvalidInput(_("Only a scenario under review or published can be withdrawn."))
    was_published = scenario.status == "published"
    scenario.status = "draft"
    if was_published:
        matches.listing_changed("scenario", scenario.id)
    db.session.commit()
    return scenario


def close_scenario(actor: User, scenario_id: int, data: CloseScenarioInput) -> Scenario:
    """Close a published scenario with how it ended; it stays readable as closed; commit."""
    scenario = get_own_scenario(actor, scenario_id)
    if not permissions.can_close_scenario(actor, scenario):
        raise PermissionDenied(_("You may not close this scenario."))
    if data.outcome not in OUTCOMES:
        raise InvalidInput(_("Choose how the scenario ended."), field="outcome")
    if scenario.status != "published":
        raise InvalidInput(_("Only a published scenario can be closed. Withdraw a scenario under review instead."))
    scenario.status = "closed"
    scenario.outcome = data.outcome
    scenario.closed_at = _now()
    matches.listing_changed("scenario", scenario.id)  # a closed scenario is proposed to no one
    db.session.commit()
    return scenario


@dataclass(frozen=True)
class OwnScenario:
    scenario: Scenario
    matches: int
    interests: int
    quality: ListingQuality


def own_scenarios(actor: User) -> list[OwnScenario]:
    """The actor's organization's scenarios, newest first, with their match counts and listing quality."""
    if not permissions.can_list_own_scenarios(actor):
        raise PermissionDenied(_("Only enterprise accounts have scenarios."))
    rows = (
        db.session.scalars(
            sa.select(Scenario)
            .where(Scenario.owner_id == actor.organization_id)
            .order_by(Scenario.updated_at.desc(), Scenario.id.desc())
            .options(so.joinedload(Scenario.industry))
        )
        .unique()
        .all()
    )
    return _with_counts(list(rows))


def own_scenario(actor: User, scenario_id: int) -> OwnScenario:
    """One of the actor's organization's scenarios, whatever its status, with its counts; NotFound otherwise."""
    if not permissions.can_list_own_scenarios(actor):
        raise PermissionDenied(_("Only enterprise accounts have scenarios."))
    scenario = get_own_scenario(actor, scenario_id)
    if scenario.owner_id != actor.organization_id:  # an admin may edit it, but it is not theirs to list
        raise NotFound(_("No such scenario."))
    return _with_counts([scenario])[0]


def _with_counts(rows: list[Scenario]) -> list[OwnScenario]:
    """Each scenario with its match and interest counts and its listing quality (two queries for all)."""
    counts = (
        dict(
            db.session.execute(
                sa.select(Match.scenario_id, sa.func.count(Match.id))
                .where(Match.scenario_id.in_([s.id for s in rows]))
                .group_by(Match.scenario_id)
            ).all()
        )
        if rows
        else {}
    )
    from app.services.requests import interest_counts  # the living room counts vendors' interest and invitations

    interests = interest_counts(s.id for s in rows)
    return [OwnScenario(s, counts.get(s.id, 0), interests.get(s.id, 0), listing_quality(s)) for s in rows]


def matching_scenario_ids(query: ListingQuery, among: list[int]) -> set[int]:
    """Which of these scenarios the public list would show for this search and these filters (saved-search alerts)."""
    if not among:
        return set()
    if query.q.strip():
        return set(among) & set(_searched_ids(query))
    found: set[int] = set()
    for start in range(0, len(among), 500):
        chunk = among[start : start + 500]
        found.update(
            db.session.scalars(sa.select(Scenario.id).where(*_scenario_filters(query), Scenario.id.in_(chunk)))
        )
    return found
