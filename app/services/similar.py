"""Similar scenarios on a scenario's page, from the matcher's scenario-to-scenario similarity.

Only what the viewer may read is shown: published scenarios, and a "verified vendors only" one only to those
who may read its details. The reasons name what the two share (concepts and words); those come from the
descriptions, so no similar scenarios are shown for a scenario whose own details the viewer may not read.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so

from app import permissions
from app.extensions import db
from app.models import Scenario
from app.services import matches

MAX_SIMILAR = 5
# Looser than the duplicate check (0.8): "like this one", not "the same as this one".
MIN_SIMILARITY = 0.15
MAX_REASONS = 3


@dataclass(frozen=True)
class SimilarScenario:
    scenario: Scenario
    score: float
    shared: list[str]  # what the two have in common, in the viewer's language


def similar_for_viewer(actor, scenario: Scenario, lang: str, details_visible: bool) -> list[SimilarScenario]:
    """Up to MAX_SIMILAR published scenarios like this one that the actor may read, most similar first."""
    if not details_visible:
        return []
    # Ask for more than shown: some will be confidential or belong to the viewer's own organization's drafts.
    found = matches.similar_scenarios(
        scenario.id, k=MAX_SIMILAR * 4, min_score=MIN_SIMILARITY, lang="en" if lang.startswith("en") else "zh"
    )
    if not found:
        return []
    rows = {
        s.id: s
        for s in db.session.scalars(
            sa.select(Scenario)
            .where(Scenario.id.in_([sid for sid, _score, _r in found]), Scenario.status == "published")
            .options(so.joinedload(Scenario.owner), so.joinedload(Scenario.industry))
        )
    }
    out = []
    for sid, score, reasons in found:
        other = rows.get(sid)
        if other is None or other.id == scenario.id:
            continue
        if other.confidentiality != "public" and not permissions.can_view_scenario_details(actor, other):
            continue
        out.append(SimilarScenario(other, score, list(dict.fromkeys(reasons))[:MAX_REASONS]))
        if len(out) == MAX_SIMILAR:
            break
    return out
