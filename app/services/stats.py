"""Counts for the home page."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.models import Capability, Industry, Scenario, VendorProfile, scenario_capability
from app.services import generation


@dataclass(frozen=True)
class HomeCounts:
    scenarios: int
    vendors: int
    industries: int
    by_industry: dict[int | None, int]  # None: scenarios without an industry
    by_capability: dict[int, int]


def home_counts() -> HomeCounts:
    """The catalogue's totals, computed once per catalogue generation (app/services/generation.py)."""
    return generation.cached("home_counts", _home_counts)


def _home_counts() -> HomeCounts:
    # One statement: published scenarios by industry, by capability, and published vendors.
    published = Scenario.status == "published"
    by_industry_q = (
        sa.select(sa.literal("industry").label("kind"), Scenario.industry_id.label("node"), sa.func.count().label("n"))
        .where(published)
        .group_by(Scenario.industry_id)
    )
    by_capability_q = (
        sa.select(sa.literal("capability"), scenario_capability.c.capability_id, sa.func.count())
        .join(Scenario, Scenario.id == scenario_capability.c.scenario_id)
        .where(published)
        .group_by(scenario_capability.c.capability_id)
    )
    vendors_q = sa.select(sa.literal("vendor"), sa.null(), sa.func.count()).where(VendorProfile.status == "published")
    by_industry: dict[int | None, int] = {}
    by_capability: dict[int, int] = {}
    vendors = 0
    for kind, node, n in db.session.execute(sa.union_all(by_industry_q, by_capability_q, vendors_q)):
        if kind == "industry":
            by_industry[node] = n
        elif kind == "capability":
            by_capability[node] = n
        else:
            vendors = n
    scenarios = sum(by_industry.values())
    industries = sum(1 for k, v in by_industry.items() if k is not None and v)
    # Roll children's counts up into their group so "Manufacturing" shows the sum.
    for model, counts in ((Industry, by_industry), (Capability, by_capability)):
        for node_id, parent_id in db.session.execute(sa.select(model.id, model.parent_id)).all():
            if parent_id is not None and node_id in counts:
                counts[parent_id] = counts.get(parent_id, 0) + counts[node_id]
    return HomeCounts(scenarios, vendors, industries, by_industry, by_capability)
