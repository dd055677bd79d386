"""Posting scenarios: drafts, review, withdraw, close, idempotent creation, and the listing-quality hint."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest
import sqlalchemy as sa

from app.models import Scenario
from app.services import scenarios as svc
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import CloseScenarioInput, ScenarioInput
from tests.factories import make_capability, make_industry, make_org, make_scenario, make_user, make_vendor_user

STRONG_ZH = (
    "即墨工厂胎面外观检测靠三名质检员肉眼完成，每班检查约两千条轮胎，夜班疲劳导致漏检率约3%，"
    "客户投诉每月十余起。希望用机器视觉把漏检率降低到0.5%以下，单条检测时间不超过5秒。"
)


@pytest.fixture()
def taxonomy(db):
    tyre = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    inspect = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    forecast = make_capability("demand-forecasting", "需求预测", "Demand forecasting")
    return {"tyre": tyre, "inspect": inspect, "forecast": forecast}


@pytest.fixture()
def poster(db):
    return make_user("enterprise")


def scenario_input(**kw) -> ScenarioInput:
    values = dict(
        title="胎面外观缺陷人工目检漏检多",
        description=STRONG_ZH,
        industry="tyre-rubber",
        capabilities=("visual-inspection",),
        district="jimo",
        budget_min=500_000,
        budget_max=2_000_000,
        timeline="三个月内试点",
        data_available="近两年约20万张已标注胎面图片",
        confidentiality="public",
    )
    values.update(kw)
    return ScenarioInput(**values)


def count() -> int:
    from app.extensions import db

    return db.session.scalar(sa.select(sa.func.count(Scenario.id)))


def test_saving_a_draft_keeps_it_private_and_unsubmitted(taxonomy, poster):
    scenario = svc.create_scenario(poster, scenario_input())
    assert scenario.status == "draft" and scenario.submitted_at is None and scenario.published_at is None
    assert scenario.owner_id == poster.organization_id and scenario.created_by == poster


def test_submitting_sends_the_scenario_to_review_with_the_time(taxonomy, poster):
    scenario = svc.create_scenario(poster, scenario_input(submit=True))
    assert scenario.status == "pending" and scenario.submitted_at is not None
    assert scenario.published_at is None  # publication is the reviewer's decision


def test_the_language_is_detected_from_the_text(taxonomy, poster):
    zh = svc.create_scenario(poster, scenario_input())
    en = svc.create_scenario(
        poster,
        scenario_input(
            title="Yard trucks queue at the quay cranes",
            description="During peak hours our yard trucks wait up to 20 minutes at the cranes of 青岛港 terminal 3.",
        ),
    )
    assert (zh.language, en.language) == ("zh", "en")


def test_not_sure_about_industry_and_capabilities_is_allowed(taxonomy, poster):
    scenario = svc.create_scenario(poster, scenario_input(industry=None, capabilities=()))
    assert scenario.industry is None and scenario.capabilities == []


def test_the_same_form_token_twice_makes_one_scenario(taxonomy, poster):
    first = svc.create_scenario(poster, scenario_input(submission_token="tok-1234567890abcdef", submit=True))
    second = svc.create_scenario(poster, scenario_input(submission_token="tok-1234567890abcdef", submit=True))
    assert first.id == second.id and count() == 1


def test_another_organization_cannot_reuse_a_form_token(taxonomy, poster):
    svc.create_scenario(poster, scenario_input(submission_token="tok-1234567890abcdef"))
    with pytest.raises(InvalidInput):
        svc.create_scenario(make_user("enterprise"), scenario_input(submission_token="tok-1234567890abcdef"))
    assert count() == 1


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"budget_min": -1}, "budget_min"),
        ({"budget_max": 10**30}, "budget_max"),
        ({"budget_min": 3_000_000, "budget_max": 1_000_000}, "budget_max"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"title": "<script>alert(1)</script>缺陷检测"}, "title"),
        ({"description": "<img src=x onerror=alert(1)> 很长的描述文字很长的描述文字"}, "description"),
        ({"description": "[点我](javascript:alert(1)) 很长的描述文字很长的描述文字"}, "description"),
        ({"title": "轮胎检测 😀"}, "title"),
        ({"title": "Dеfect inspection"}, "title"),  # the е is Cyrillic
        ({"industry": "no-such-industry"}, "industry"),
        ({"capabilities": ("no-such-capability",)}, "capabilities"),
        ({"district": "beijing"}, "district"),
        ({"confidentiality": "secret"}, "confidentiality"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(taxonomy, poster, changes, field):
    with pytest.raises(InvalidInput) as err:
        svc.create_scenario(poster, scenario_input(**changes))
    assert err.value.field == field
    assert count() == 0


def test_emoji_and_mixed_chinese_and_english_are_kept_in_a_description(taxonomy, poster):
    text = STRONG_ZH + " 目标：用 YOLOv8 把漏检降下来 🚀"
    scenario = svc.create_scenario(poster, scenario_input(description=text))
    assert scenario.description.endswith("YOLOv8 把漏检降下来 🚀")


def test_a_vendor_cannot_post_a_scenario(taxonomy):
    with pytest.raises(PermissionDenied):
        svc.create_scenario(make_vendor_user(), scenario_input())
    assert count() == 0


def test_editing_another_organizations_scenario_is_not_found_and_changes_nothing(taxonomy, poster):
    other = make_scenario(owner=make_org(), title="别家的场景", status="draft", published_at=None)
    with pytest.raises(NotFound):
        svc.update_scenario(poster, other.id, scenario_input(title="被改掉了"))
    assert other.title == "别家的场景"


@pytest.mark.parametrize("submit", [True, False])
def test_editing_a_published_scenario_keeps_it_live_and_marks_it_for_a_check(taxonomy, poster, submit):
    scenario = make_scenario(owner=poster.organization, status="published")
    svc.update_scenario(
        poster, scenario.id, scenario_input(title="胎面外观缺陷人工目检漏检多（修正错字）", submit=submit)
    )
    assert scenario.status == "published" and scenario.title.endswith("（修正错字）")
    # The first publication date stays (SQLite hands datetimes back without their zone).
    assert scenario.published_at.replace(tzinfo=None).date().isoformat() == "2020-09-01"
    assert scenario.edited_after_publish_at is not None


def test_saving_a_published_scenario_unchanged_marks_nothing(taxonomy, poster):
    scenario = make_scenario(
        owner=poster.organization,
        status="published",
        **{k: v for k, v in svc._validated_fields(scenario_input()).items() if k != "language"},
    )
    svc.update_scenario(poster, scenario.id, scenario_input())
    assert scenario.edited_after_publish_at is None


def test_a_closed_scenario_cannot_be_edited(taxonomy, poster):
    scenario = make_scenario(owner=poster.organization, status="closed", outcome="dropped")
    with pytest.raises(InvalidInput):
        svc.update_scenario(poster, scenario.id, scenario_input())


def test_withdrawing_a_scenario_in_review_makes_it_a_draft(taxonomy, poster):
    scenario = svc.create_scenario(poster, scenario_input(submit=True))
    svc.withdraw_scenario(poster, scenario.id)
    assert scenario.status == "draft"


def test_a_draft_cannot_be_withdrawn(taxonomy, poster):
    scenario = svc.create_scenario(poster, scenario_input())
    with pytest.raises(InvalidInput):
        svc.withdraw_scenario(poster, scenario.id)


def test_closing_a_published_scenario_records_the_outcome_and_time(taxonomy, poster):
    scenario = make_scenario(owner=poster.organization, status="published")
    svc.close_scenario(poster, scenario.id, CloseScenarioInput(outcome="solved_platform"))
    assert (scenario.status, scenario.outcome) == ("closed", "solved_platform") and scenario.closed_at


def test_only_a_published_scenario_can_be_closed(taxonomy, poster):
    scenario = svc.create_scenario(poster, scenario_input(submit=True))
    with pytest.raises(InvalidInput):
        svc.close_scenario(poster, scenario.id, CloseScenarioInput(outcome="dropped"))
    assert scenario.status == "pending"


def test_an_unknown_outcome_is_refused(taxonomy, poster):
    scenario = make_scenario(owner=poster.organization, status="published")
    with pytest.raises(InvalidInput):
        svc.close_scenario(poster, scenario.id, CloseScenarioInput(outcome="vanished"))


def test_an_admin_may_withdraw_any_scenario(taxonomy):
    scenario = make_scenario(status="published")
    svc.withdraw_scenario(make_user("admin"), scenario.id)
    assert scenario.status == "draft"


def test_a_strong_listing_says_all_five_things(taxonomy):
    assert svc.listing_quality(scenario_input()).strong


def test_the_quality_hint_names_what_a_thin_listing_lacks(taxonomy):
    thin = scenario_input(
        description="需要AI检测缺陷，请联系我们。", district=None, budget_min=None, budget_max=None, data_available=""
    )
    assert svc.listing_quality(thin).missing == ("pain", "data", "site", "budget", "success")


def test_a_measurable_target_in_english_counts_as_a_success_measure(taxonomy):
    listing = scenario_input(description="Cut the miss rate on night shifts below 1% within six months. " * 3)
    assert "success" not in svc.listing_quality(listing).missing


def test_my_scenarios_lists_only_my_organizations_with_counts(taxonomy, poster):
    mine = svc.create_scenario(poster, scenario_input())
    make_scenario(owner=make_org(), title="别家的场景")
    rows = svc.own_scenarios(poster)
    assert [r.scenario.id for r in rows] == [mine.id]
    assert (rows[0].matches, rows[0].interests) == (0, 0)


def test_input_is_frozen(taxonomy):
    data = scenario_input()
    with pytest.raises(FrozenInstanceError):
        data.title = "changed"  # type: ignore[misc]
    assert replace(data, title="新标题").title == "新标题"
