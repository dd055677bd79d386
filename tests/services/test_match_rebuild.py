"""The full rebuild (batched top-k, bulk writes per batch) stores exactly what ranking each scenario one by one
with `_proposals` gives, feedback exclusions, penalties and ties included."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app import matcher_store
from app.extensions import db as _db
from app.models import Match, MatchSignal, Scenario
from app.services import matches
from tests.factories import make_match_catalogue, make_scenario, make_vendor

TWINS = matches.MAX_VENDORS_PER_SCENARIO + 5 + 8 + 2  # more tied vendors than the top-n product keeps


@pytest.fixture()
def world(db):
    c = make_match_catalogue()
    # Vendors that say the same thing under the same name: their scores tie, ids decide their places.
    c["twins"] = [
        make_vendor(
            name="青影视觉",
            description="机器视觉缺陷检测，轮胎外观检测案例多。",
            capabilities=[c["vision_cap"]],
            industries=[c["tyre"]],
        )
        for _ in range(TWINS)
    ]
    c["s4"] = make_scenario(
        title="轮胎内衬外观检测",
        description="内衬气泡靠目检，想用视觉检测。",
        industry=c["tyre"],
        capabilities=[c["vision_cap"]],
    )
    c["closed"] = make_scenario(title="胎面缺陷检测（已结束）", status="closed", industry=c["tyre"])
    _db.session.commit()
    return c


def _signal(kind, scenario, vendor, reason=None):
    _db.session.add(MatchSignal(kind=kind, scenario_id=scenario.id, vendor_id=vendor.id, reason=reason))


def _stored() -> dict[int, list[tuple[int, float, int, list]]]:
    out: dict[int, list] = {}
    for m in _db.session.scalars(sa.select(Match).order_by(Match.scenario_id, Match.rank)):
        out.setdefault(m.scenario_id, []).append((m.vendor_id, m.score, m.rank, m.reasons))
    return out


def _one_by_one() -> dict[int, list[tuple[int, float, int, list]]]:
    matcher = matcher_store.current().matcher
    fb = matches._read_feedback(matcher)
    live = matches._live_vendor_ids()
    out = {}
    for sid in _db.session.scalars(sa.select(Scenario.id).where(Scenario.status == "published")):
        proposals = matches._proposals(matcher, sid, fb, live)
        if proposals:
            out[sid] = [(v, score, rank, reasons) for rank, (v, score, reasons) in enumerate(proposals, 1)]
    return out


def test_the_rebuild_stores_what_ranking_each_scenario_one_by_one_gives_with_feedback_and_ties(world, monkeypatch):
    monkeypatch.setattr(matches, "REBUILD_BATCH", 2)  # several batches, each committed
    _signal("not_relevant", world["s1"], world["vision"], "not_our_capability")  # out of s1, penalised elsewhere
    _signal("declined", world["s2"], world["twins"][3], "not_our_industry")
    _signal("not_relevant", world["s4"], world["twins"][5], "budget")  # only taken out: a circumstance
    _signal("interest", world["s4"], world["twins"][7])
    _db.session.commit()

    stored = matches.rebuild_all()

    expected = _one_by_one()
    assert _stored() == expected and stored == sum(len(v) for v in expected.values())
    s1 = [v for v, *_ in expected[world["s1"].id]]
    assert world["vision"].id not in s1 and len(s1) == matches.MAX_VENDORS_PER_SCENARIO
    scores = [score for _v, score, *_ in expected[world["s4"].id]]
    assert scores.count(scores[-1]) > 8  # the list ends inside a tie wider than the product's slack
    assert world["closed"].id not in expected


def test_a_rebuild_over_stored_rows_rewrites_only_what_differs(world):
    matches.rebuild_all()
    expected = _stored()
    s1, s4 = world["s1"].id, world["s4"].id
    first = _db.session.scalar(sa.select(Match).where(Match.scenario_id == s1, Match.rank == 1))
    first.score = 0.01
    _db.session.execute(sa.delete(Match).where(Match.scenario_id == s4, Match.rank == 2))
    _db.session.add(Match(scenario_id=world["closed"].id, vendor_id=world["vision"].id, score=0.9, rank=1, reasons=[]))
    _db.session.commit()

    count = matches.store_lists(
        matches.compute_lists(
            matcher_store.current().matcher,
            [s1, s4],
            matches._read_feedback(matcher_store.current().matcher),
            matches._live_vendor_ids(),
        )
    )
    assert (count.inserted, count.updated, count.deleted) == (1, 1, 0)
    assert matches.rebuild_all() == sum(len(v) for v in expected.values())
    assert _stored() == expected  # the closed scenario's row is gone again
