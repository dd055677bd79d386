"""Counts for the home page."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.models import Capability, Industry, Scenario, VendorProfile, scenario_capability


@dataclass(frozen=True)
class HomeCounts:
    scenarios: int
    vendors: int
    industries: int
    by_industry: dict[int | None, int]  # None: scenarios without an industry
    by_capability: dict[int, int]


def home_counts() -> HomeCounts:
    published = Scenario.status == "published"
    scenarios = db.session.scalar(sa.select(sa.func.count(Scenario.id)).where(published)) or 0
    vendors = (
        db.session.scalar(sa.select(sa.func.count(VendorProfile.id)).where(VendorProfile.status == "published")) or 0
    )
    by_industry: dict[int | None, int] = dict(
        db.session.execute(
            sa.select(Scenario.industry_id, sa.func.count(Scenario.id)).where(published).group_by(Scenario.industry_id)
        ).all()
    )
    by_capability: dict[int, int] = dict(
        db.session.execute(
            sa.select(scenario_capability.c.capability_id, sa.func.count())
            .join(Scenario, Scenario.id == scenario_capability.c.scenario_id)
            .where(published)
            .group_by(scenario_capability.c.capability_id)
        ).all()
    )
    industries = sum(1 for k, v in by_industry.items() if k is not None and v)
    # Roll children's counts up into their group so "Manufacturing" shows the sum.
    for model, counts in ((Industry, by_industry), (Capability, by_capability)):
        for node_id, parent_id in db.session.execute(sa.select(model.id, model.parent_id)).all():
            if parent_id is not None and node_id in counts:
                counts[parent_id] = counts.get(parent_id, 0) + counts[node_id]
    return HomeCounts(scenarios, vendors, industries, by_industry, by_capability)
