"""Scenarios: browsing now; posting and review come with the accounts and curation issues."""
from __future__ import annotations

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models import Capability, Industry, Organization, Scenario
from app.services.errors import NotFound
from app.services.inputs import ListingQuery
from app.services.pagination import Page
from app.services.search import term_condition
from app.services.taxonomy import ids_for_code

SCENARIO_SORTS = {
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
    for term in query.terms:
        conds.append(term_condition(
            term, (Scenario.title, Scenario.description, Organization.name, Organization.name_en),
            lambda ids: Scenario.industry_id.in_(ids),
            lambda ids: Scenario.capabilities.any(Capability.id.in_(ids))))
    return conds


def browse_scenarios(query: ListingQuery) -> Page[Scenario]:
    """Published scenarios that match the search and filters, one page of them."""
    conds = _scenario_filters(query)
    base = sa.select(Scenario.id).join(Scenario.owner).where(*conds)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // query.per_page))
    page = min(query.page, pages)
    stmt = (sa.select(Scenario).join(Scenario.owner).where(*conds)
            .order_by(*SCENARIO_SORTS.get(query.sort, SCENARIO_SORTS["newest"]))
            .options(so.contains_eager(Scenario.owner), so.joinedload(Scenario.industry),
                     so.selectinload(Scenario.capabilities))
            .limit(query.per_page).offset((page - 1) * query.per_page))
    items = db.session.scalars(stmt).unique().all()
    return Page(items=items, page=page, per_page=query.per_page, total=total)


def get_public_scenario(scenario_id: int) -> Scenario:
    """A scenario the public may read, or NotFound."""
    scenario = db.session.get(Scenario, scenario_id, options=[
        so.joinedload(Scenario.owner), so.joinedload(Scenario.industry), so.selectinload(Scenario.capabilities)])
    if scenario is None or scenario.status not in PUBLIC_STATUSES + ("closed",):
        raise NotFound("No such scenario")
    return scenario


def featured_scenarios(limit: int = 6) -> list[Scenario]:
    stmt = (sa.select(Scenario).where(Scenario.status == "published", Scenario.featured.is_(True))
            .order_by(Scenario.published_at.desc(), Scenario.id.desc()).limit(limit)
            .options(so.joinedload(Scenario.owner), so.joinedload(Scenario.industry),
                     so.selectinload(Scenario.capabilities)))
    return list(db.session.scalars(stmt).unique())


def source_batches() -> list[str]:
    stmt = (sa.select(Scenario.source_batch).where(Scenario.source_batch.is_not(None),
                                                    Scenario.status == "published")
            .group_by(Scenario.source_batch).order_by(Scenario.source_batch))
    return list(db.session.scalars(stmt))
