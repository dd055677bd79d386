"""Stored matches follow the listings: recomputed at once on publish, edit, withdraw and close; feedback counts."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db as _db
from app.models import Match, MatchSignal
from app.services import matches
from tests.factories import make_match_catalogue, make_scenario


@pytest.fixture()
def catalogue(db):
    return make_match_catalogue()


def _pairs(scenario_id=None, vendor_id=None) -> dict:
    stmt = sa.select(Match)
    if scenario_id is not None:
        stmt = stmt.where(Match.scenario_id == scenario_id)
    if vendor_id is not None:
        stmt = stmt.where(Match.vendor_id == vendor_id)
    return {(m.scenario_id, m.vendor_id): m for m in _db.session.scalars(stmt)}


def test_rebuild_stores_the_vision_vendor_first_for_a_tyre_inspection_scenario(catalogue):
    stored = matches.rebuild_all()
    rows = sorted(_pairs(scenario_id=catalogue["s1"].id).values(), key=lambda m: m.rank)
    assert stored == len(_pairs())
    assert rows[0].vendor_id == catalogue["vision"].id
    assert catalogue["speech"].id not in {m.vendor_id for m in rows}
    assert [m.rank for m in rows] == list(range(1, len(rows) + 1))


def test_reasons_are_stored_in_both_languages(catalogue):
    matches.rebuild_all()
    row = _pairs(catalogue["s1"].id, catalogue["vision"].id)[(catalogue["s1"].id, catalogue["vision"].id)]
    capability = [r for r in row.reasons if r["kind"] == "capability"]
    assert (
        capability and capability[0]["zh"] == "机器视觉缺陷检测" and capability[0]["en"] == "Visual defect inspection"
    )


def test_publishing_a_scenario_stores_its_matches_at_once(catalogue):
    matches.rebuild_all()
    new = make_scenario(
        title="胎圈外观缺陷检测",
        description="轮胎胎圈外观缺陷检测，目前人工目检。",
        status="pending",
        industry=catalogue["tyre"],
        capabilities=[catalogue["vision_cap"]],
    )
    _db.session.commit()
    assert _pairs(scenario_id=new.id) == {}
    new.status = "published"
    matches.listing_changed("scenario", new.id)
    _db.session.commit()
    assert (new.id, catalogue["vision"].id) in _pairs(scenario_id=new.id)


def test_withdrawing_a_scenario_deletes_its_matches(catalogue):
    matches.rebuild_all()
    s1 = catalogue["s1"]
    assert _pairs(scenario_id=s1.id)
    s1.status = "draft"
    matches.listing_changed("scenario", s1.id)
    _db.session.commit()
    assert _pairs(scenario_id=s1.id) == {}
    assert _pairs(scenario_id=catalogue["s2"].id)  # the others stay


def test_a_vendor_edit_touches_only_rows_that_change(catalogue, queued):
    matches.rebuild_all()
    before = {k: (m.score, m.rank, m.computed_at) for k, m in _pairs().items()}
    speech = catalogue["speech"]
    speech.organization.description = "语音识别与客服质检，也做呼叫中心通话分析。"
    matches.listing_changed("vendor", speech.id)
    _db.session.commit()
    count = matches.drain_pending()
    after = {k: (m.score, m.rank, m.computed_at) for k, m in _pairs().items()}
    changed = {k for k in after if before.get(k) != after[k]} | (before.keys() - after.keys())
    assert count.touched == len(changed)
    assert all(vendor == speech.id for _, vendor in changed)


def test_unpublishing_a_vendor_removes_it_from_every_list(catalogue):
    matches.rebuild_all()
    vendor = catalogue["vision"]
    vendor.status = "draft"
    matches.listing_changed("vendor", vendor.id)
    _db.session.commit()
    assert _pairs(vendor_id=vendor.id) == {}
    ranks = sorted(m.rank for m in _pairs(scenario_id=catalogue["s1"].id).values())
    assert ranks == list(range(1, len(ranks) + 1))


def test_listing_changed_rejects_an_unknown_kind(db):
    with pytest.raises(ValueError):
        matches.listing_changed("organization", 1)


def test_not_relevant_takes_the_pair_out_and_pushes_the_vendor_down_for_the_same_kind(catalogue):
    matches.rebuild_all()
    s1, s2, other = catalogue["s1"], catalogue["s2"], catalogue["other"]
    before = _pairs(s2.id, other.id)[(s2.id, other.id)].score
    matches.record_signal("not_relevant", s1.id, other.id, reason="只做金属件")
    _db.session.commit()
    assert (s1.id, other.id) not in _pairs(scenario_id=s1.id)
    after = _pairs(s2.id, other.id).get((s2.id, other.id))
    assert after is None or after.score < before


def test_record_signal_rejects_an_unknown_kind(catalogue):
    with pytest.raises(ValueError):
        matches.record_signal("liked", catalogue["s1"].id, catalogue["vision"].id)


def test_record_signal_keeps_every_signal(catalogue):
    matches.record_signal("shown", catalogue["s1"].id, catalogue["vision"].id)
    matches.record_signal("opened", catalogue["s1"].id, catalogue["vision"].id)
    _db.session.commit()
    kinds = _db.session.scalars(sa.select(MatchSignal.kind).order_by(MatchSignal.id)).all()
    assert kinds == ["shown", "opened"]


def test_similar_scenarios_finds_the_other_tyre_inspection_scenario(catalogue):
    matches.rebuild_all()
    found = matches.similar_scenarios(catalogue["s1"].id, k=2, min_score=0.1)
    assert found and found[0][0] == catalogue["s2"].id
    assert all(sid != catalogue["s1"].id for sid, _, _ in found)


def test_similar_scenarios_takes_the_text_of_an_unsaved_scenario(catalogue):
    matches.rebuild_all()
    found = matches.similar_scenarios(
        None,
        {
            "title": "胎面缺陷检测",
            "description": "轮胎胎面外观缺陷人工目检",
            "industry_code": "tyre-rubber",
            "capability_codes": ["visual-inspection"],
        },
        k=3,
        min_score=0.1,
    )
    assert {sid for sid, _, _ in found} >= {catalogue["s1"].id}


def test_not_relevant_halves_the_vendors_score_on_a_scenario_of_the_same_capability(catalogue):
    matches.rebuild_all()
    s1, s2, other = catalogue["s1"], catalogue["s2"], catalogue["other"]
    before = _pairs(s2.id, other.id)[(s2.id, other.id)].score
    matches.record_signal("not_relevant", s1.id, other.id)
    _db.session.commit()
    after = _pairs(s2.id, other.id).get((s2.id, other.id))
    assert after is not None and after.score == pytest.approx(before * 0.5, abs=0.002)


def test_a_decline_does_not_push_the_vendor_down_for_other_capabilities(catalogue):
    matches.rebuild_all()
    s1, s3, speech = catalogue["s1"], catalogue["s3"], catalogue["speech"]
    before = _pairs(s3.id, speech.id)[(s3.id, speech.id)].score
    matches.record_signal("declined", s1.id, speech.id, reason="not_our_work")
    _db.session.commit()
    assert _pairs(s3.id, speech.id)[(s3.id, speech.id)].score == before


def test_a_later_interest_counts_the_decline_back(catalogue):
    matches.rebuild_all()
    s1, s2, other = catalogue["s1"], catalogue["s2"], catalogue["other"]
    before = _pairs(s2.id, other.id)[(s2.id, other.id)].score
    matches.record_signal("not_relevant", s1.id, other.id)
    matches.record_signal("interest", s2.id, other.id)
    _db.session.commit()
    assert _pairs(s2.id, other.id)[(s2.id, other.id)].score == before


def test_an_interest_after_not_relevant_on_the_same_pair_brings_it_back(catalogue):
    matches.rebuild_all()
    s1, other = catalogue["s1"], catalogue["other"]
    matches.record_signal("not_relevant", s1.id, other.id)
    matches.record_signal("interest", s1.id, other.id)
    _db.session.commit()
    assert (s1.id, other.id) in _pairs(scenario_id=s1.id)


def test_closing_a_scenario_through_the_service_deletes_its_matches(catalogue):
    from app.services.inputs import CloseScenarioInput
    from app.services.scenarios import close_scenario
    from tests.factories import make_user

    matches.rebuild_all()
    s1 = catalogue["s1"]
    close_scenario(make_user("enterprise", organization=s1.owner), s1.id, CloseScenarioInput(outcome="dropped"))
    assert _pairs(scenario_id=s1.id) == {}


def test_withdrawing_through_the_service_deletes_its_matches(catalogue):
    from app.services.scenarios import withdraw_scenario
    from tests.factories import make_user

    matches.rebuild_all()
    s1 = catalogue["s1"]
    withdraw_scenario(make_user("enterprise", organization=s1.owner), s1.id)
    assert _pairs(scenario_id=s1.id) == {}


def test_editing_a_live_vendor_profile_through_the_service_rematches_it(catalogue):
    from app.services.inputs import VendorProfileInput
    from app.services.vendors import update_vendor_profile
    from tests.factories import make_user

    matches.rebuild_all()
    speech = catalogue["speech"]
    assert (catalogue["s1"].id, speech.id) not in _pairs(vendor_id=speech.id)
    user = make_user("vendor", organization=speech.organization)
    update_vendor_profile(
        user,
        VendorProfileInput(
            name=speech.organization.name,
            description="轮胎胎面外观缺陷检测，机器视觉缺陷检测。",
            capabilities=("visual-inspection",),
            industries=("tyre-rubber",),
        ),
    )
    assert (catalogue["s1"].id, speech.id) in _pairs(vendor_id=speech.id)


def test_not_our_industry_counts_against_the_industry_not_the_capability(catalogue):
    matches.rebuild_all()
    s1, s2, vision = catalogue["s1"], catalogue["s2"], catalogue["vision"]
    s3_other_industry = make_scenario(
        title="外壳外观缺陷检测",
        description="家电外壳外观缺陷检测，视觉检测替代人工目检。",
        capabilities=[catalogue["vision_cap"]],
    )
    matches.listing_changed("scenario", s3_other_industry.id)
    _db.session.commit()
    before_same = _pairs(s2.id, vision.id)[(s2.id, vision.id)].score
    before_other = _pairs(s3_other_industry.id, vision.id)[(s3_other_industry.id, vision.id)].score
    matches.record_signal("not_relevant", s1.id, vision.id, reason="not_our_industry")
    _db.session.commit()
    assert _pairs(s2.id, vision.id)[(s2.id, vision.id)].score < before_same
    assert _pairs(s3_other_industry.id, vision.id)[(s3_other_industry.id, vision.id)].score == before_other


def test_a_circumstantial_reason_only_takes_the_pair_out(catalogue):
    matches.rebuild_all()
    s1, s2, other = catalogue["s1"], catalogue["s2"], catalogue["other"]
    before = _pairs(s2.id, other.id)[(s2.id, other.id)].score
    matches.record_signal("declined", s1.id, other.id, reason="no_capacity: busy until spring")
    _db.session.commit()
    assert (s1.id, other.id) not in _pairs(scenario_id=s1.id)
    assert _pairs(s2.id, other.id)[(s2.id, other.id)].score == before


def test_fixing_a_typo_in_a_live_scenario_keeps_its_matches(catalogue):
    from app.models import AuditEntry
    from app.services import scenarios
    from app.services.inputs import ScenarioInput
    from tests.factories import make_user

    matches.rebuild_all()
    s1 = catalogue["s1"]
    owner = make_user("enterprise", organization=s1.owner)
    before = _db.session.scalar(sa.select(sa.func.count()).select_from(Match).where(Match.scenario_id == s1.id))
    assert before > 0
    scenarios.update_scenario(
        owner,
        s1.id,
        ScenarioInput(
            title="胎面外观缺陷检测（改错字）",
            description=s1.description,
            industry="tyre-rubber",
            capabilities=("visual-inspection",),
            district="jimo",
            submit=True,
        ),
    )
    after = _db.session.scalar(sa.select(sa.func.count()).select_from(Match).where(Match.scenario_id == s1.id))
    assert s1.status == "published" and after == before
    entry = _db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "scenario.owner_edit"))
    assert entry.after == {"title": "胎面外观缺陷检测（改错字）"}
