"""The enterprise's scenario pages: every form's happy path, each bad input, double clicks and id guessing."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Scenario
from tests.factories import make_capability, make_industry, make_org, make_scenario, make_user, make_vendor_user
from tests.views.helpers import count, field_error, hidden_value, row

DESCRIPTION = (
    "即墨工厂胎面外观检测靠三名质检员肉眼完成，每班约两千条轮胎，夜班漏检率约3%，希望用机器视觉把漏检率降低到0.5%以下。"
)


@pytest.fixture()
def poster(db, login_as):
    make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    make_capability("demand-forecasting", "需求预测", "Demand forecasting")
    user = make_user("enterprise", email="poster@example.com")
    login_as(user)
    return user


@pytest.fixture()
def english(client):
    client.set_cookie("keting_lang", "en")


def form_data(**kw) -> dict:
    data = dict(
        title="胎面外观缺陷人工目检漏检多",
        description=DESCRIPTION,
        industry="tyre-rubber",
        capabilities=["visual-inspection"],
        district="jimo",
        budget_min="500000",
        budget_max="2,000,000",
        timeline="三个月内试点",
        data_available="近两年约20万张已标注的胎面图片",
        confidentiality="public",
        action="submit",
        form_token="tok_" + "a" * 28,
    )
    data.update(kw)
    return data


# Posting ----------------------------------------------------------------------------------------------


def test_the_new_scenario_form_has_plainly_named_fields_and_a_quality_hint(client, poster):
    html = client.get("/my/scenarios/new").get_data(as_text=True)
    for name in (
        "title",
        "description",
        "industry",
        "capabilities",
        "district",
        "budget_min",
        "budget_max",
        "timeline",
        "data_available",
        "confidentiality",
        "form_token",
    ):
        assert f'name="{name}"' in html
    assert 'value="not_sure"' in html and 'class="quality"' in html


def test_submitting_a_scenario_sends_it_to_review_and_lists_it_as_pending(client, poster):
    response = client.post("/my/scenarios/new", data=form_data())
    assert response.status_code == 302 and response.location.endswith("/my/scenarios")
    scenario = db.session.scalars(db.select(Scenario)).one()
    assert scenario.status == "pending" and scenario.submitted_at is not None
    assert (scenario.budget_min, scenario.budget_max) == (500_000, 2_000_000)
    assert [c.code for c in scenario.capabilities] == ["visual-inspection"] and scenario.language == "zh"
    page = client.get("/my/scenarios").get_data(as_text=True)
    assert "胎面外观缺陷人工目检漏检多" in page and "status-pending" in page


def test_saving_a_draft_keeps_it_a_draft(client, poster):
    client.post("/my/scenarios/new", data=form_data(action="draft"))
    from app.extensions import db

    assert db.session.scalars(db.select(Scenario)).one().status == "draft"


def test_checking_the_listing_saves_nothing_and_names_what_is_missing(client, poster, english):
    response = client.post(
        "/my/scenarios/new",
        data=form_data(action="check", district="", budget_min="", budget_max="", data_available=""),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and count(Scenario) == 0
    assert "Yours says 2 of 5" in html
    assert "The site" in html and "The budget" in html and "The data available" in html


def test_not_sure_is_accepted_for_industry_and_capabilities(client, poster):
    response = client.post("/my/scenarios/new", data=form_data(industry="not_sure", capabilities=["not_sure"]))
    assert response.status_code == 302
    from app.extensions import db

    scenario = db.session.scalars(db.select(Scenario)).one()
    assert scenario.industry is None and scenario.capabilities == []


def test_a_double_clicked_submit_creates_one_scenario(client, poster):
    token = hidden_value(client.get("/my/scenarios/new"), "form_token")
    first = client.post("/my/scenarios/new", data=form_data(form_token=token))
    second = client.post("/my/scenarios/new", data=form_data(form_token=token))
    assert first.status_code == second.status_code == 302
    assert count(Scenario) == 1


def test_two_separately_opened_forms_make_two_scenarios(client, poster):
    for _ in range(2):
        token = hidden_value(client.get("/my/scenarios/new"), "form_token")
        client.post("/my/scenarios/new", data=form_data(form_token=token))
    assert count(Scenario) == 2


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": ""}, "title", "required"),
        ({"title": "   \t  "}, "title", "required"),
        ({"title": "标题" * 61}, "title", "at most 120"),
        ({"title": "<script>alert(1)</script>漏检"}, "title", "HTML"),
        ({"title": "胎面检测 🚀🚀"}, "title", "Emoji"),
        ({"title": "Tyrе inspection"}, "title", "look-alike"),  # Cyrillic е
        ({"title": "abc\u202eevil title"}, "title", "invisible"),
        ({"description": "   "}, "description", "required"),
        ({"description": "太短了"}, "description", "at least 20"),
        ({"description": "很" * 20001}, "description", "at most 20000"),
        ({"description": DESCRIPTION + "<script>alert(1)</script>"}, "description", "HTML"),
        ({"description": DESCRIPTION + '<a href="#" onclick="x()">点</a>'}, "description", "HTML"),
        ({"description": DESCRIPTION + "[点我](javascript:alert(1))"}, "description", "HTML"),
        ({"industry": ""}, "industry", "Not sure"),
        ({"industry": "no-such-code"}, "industry", "from the list"),
        ({"capabilities": []}, "capabilities", "Not sure"),
        ({"capabilities": ["not_sure", "visual-inspection"]}, "capabilities", "not both"),
        ({"capabilities": ["hacked"]}, "capabilities", "from the list"),
        ({"district": "beijing"}, "district", "from the list"),
        ({"budget_min": "-1"}, "budget_min", "negative"),
        ({"budget_max": "1e30"}, "budget_max", "whole number"),
        ({"budget_max": "1" + "0" * 30}, "budget_max", "at most"),
        ({"budget_min": "abc"}, "budget_min", "whole number"),
        ({"budget_min": "3000000", "budget_max": "1000000"}, "budget_max", "less than the minimum"),
        ({"timeline": "月" * 201}, "timeline", "at most 200"),
        ({"timeline": "<b>尽快</b>"}, "timeline", "HTML"),
        ({"data_available": "<iframe src=x></iframe>"}, "data_available", "HTML"),
        ({"confidentiality": "secret"}, "confidentiality", "Choose who"),
    ],
)
def test_bad_input_gives_the_form_back_with_a_message_next_to_the_field_and_saves_nothing(
    client, poster, english, changes, field, message
):
    response = client.post("/my/scenarios/new", data=form_data(**changes))
    assert response.status_code == 422
    assert message in (field_error(response, field) or ""), response.get_data(as_text=True)[:0]
    assert count(Scenario) == 0


def test_a_rejected_form_keeps_what_was_typed(client, poster):
    html = client.post("/my/scenarios/new", data=form_data(budget_min="-1")).get_data(as_text=True)
    assert "胎面外观缺陷人工目检漏检多" in html and 'value="-1"' in html and 'value="2000000"' in html


def test_emoji_and_mixed_scripts_in_the_description_are_kept_and_shown(client, poster):
    text = DESCRIPTION + " 目标：用 YOLOv8 把漏检降下来 🚀"
    client.post("/my/scenarios/new", data=form_data(description=text))
    from app.extensions import db

    scenario = db.session.scalars(db.select(Scenario)).one()
    assert scenario.description.endswith("🚀")
    assert "🚀" in client.get(f"/my/scenarios/{scenario.id}").get_data(as_text=True)


def test_markdown_in_the_description_is_rendered_on_the_preview(client, poster):
    client.post("/my/scenarios/new", data=form_data(description=DESCRIPTION + "\n\n- **夜班**漏检最多\n- 客户投诉"))
    from app.extensions import db

    scenario = db.session.scalars(db.select(Scenario)).one()
    html = client.get(f"/my/scenarios/{scenario.id}").get_data(as_text=True)
    assert "<li><strong>夜班</strong>漏检最多</li>" in html and "preview-banner" in html


# Editing, withdrawing, closing ------------------------------------------------------------------------


def test_editing_my_draft_and_sending_it_for_review(client, poster):
    scenario = make_scenario(owner=poster.organization, status="draft", published_at=None)
    page = client.get(f"/my/scenarios/{scenario.id}/edit").get_data(as_text=True)
    assert scenario.title in page
    response = client.post(f"/my/scenarios/{scenario.id}/edit", data=form_data(title="新的标题：胎面漏检"))
    assert response.status_code == 302
    assert row(scenario)["title"] == "新的标题：胎面漏检" and row(scenario)["status"] == "pending"


def test_bad_input_on_edit_changes_nothing(client, poster):
    scenario = make_scenario(owner=poster.organization, status="draft", published_at=None, budget_min=100)
    before = row(scenario)
    response = client.post(f"/my/scenarios/{scenario.id}/edit", data=form_data(budget_min="-1", title="改了"))
    assert response.status_code == 422 and field_error(response, "budget_min")
    assert row(scenario) == before


def test_withdrawing_a_scenario_in_review(client, poster):
    scenario = make_scenario(owner=poster.organization, status="pending", published_at=None)
    response = client.post(f"/my/scenarios/{scenario.id}/withdraw")
    assert response.status_code == 302 and row(scenario)["status"] == "draft"


def test_withdraw_is_not_a_get(client, poster):
    scenario = make_scenario(owner=poster.organization, status="pending", published_at=None)
    assert client.get(f"/my/scenarios/{scenario.id}/withdraw").status_code == 405
    assert row(scenario)["status"] == "pending"


def test_closing_a_published_scenario_with_an_outcome(client, poster):
    scenario = make_scenario(owner=poster.organization, status="published")
    assert client.get(f"/my/scenarios/{scenario.id}/close").status_code == 200
    response = client.post(f"/my/scenarios/{scenario.id}/close", data={"outcome": "solved_elsewhere"})
    assert response.status_code == 302
    assert (row(scenario)["status"], row(scenario)["outcome"]) == ("closed", "solved_elsewhere")
    assert client.get(f"/scenarios/{scenario.id}").status_code == 200  # still readable, marked closed


def test_closing_without_an_outcome_gives_the_form_back(client, poster, english):
    scenario = make_scenario(owner=poster.organization, status="published")
    response = client.post(f"/my/scenarios/{scenario.id}/close", data={"outcome": "vanished"})
    assert response.status_code == 422 and "Choose how" in field_error(response, "outcome")
    assert row(scenario)["status"] == "published"


def test_a_closed_scenario_cannot_be_edited(client, poster):
    scenario = make_scenario(owner=poster.organization, status="closed", outcome="dropped")
    before = row(scenario)
    assert client.get(f"/my/scenarios/{scenario.id}/edit").status_code == 302
    client.post(f"/my/scenarios/{scenario.id}/edit", data=form_data())
    assert row(scenario) == before


def test_my_scenarios_shows_status_review_feedback_and_counts(client, poster, english):
    make_scenario(
        owner=poster.organization,
        status="rejected",
        published_at=None,
        title="被退回的场景",
        review_note="请补充数据情况和预算。",
    )
    html = client.get("/my/scenarios").get_data(as_text=True)
    assert "被退回的场景" in html and "请补充数据情况和预算。" in html and "Sent back" in html
    assert "Matches" in html and "Interested vendors" in html


# Who may do what --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/my/scenarios/{id}/edit"),
        ("post", "/my/scenarios/{id}/edit"),
        ("get", "/my/scenarios/{id}"),
        ("post", "/my/scenarios/{id}/withdraw"),
        ("get", "/my/scenarios/{id}/close"),
        ("post", "/my/scenarios/{id}/close"),
    ],
)
def test_guessing_another_organizations_scenario_id_gives_404_and_changes_nothing(client, poster, method, path):
    other = make_scenario(owner=make_org(name="别家公司"), status="published", title="别家的场景")
    before = row(other)
    url = path.format(id=other.id)
    response = getattr(client, method)(url, data=form_data(title="改掉了") if "edit" in url else {"outcome": "dropped"})
    assert response.status_code == 404
    assert row(other) == before


def test_an_unknown_scenario_id_gives_404(client, poster):
    assert client.get("/my/scenarios/999999/edit").status_code == 404


@pytest.mark.parametrize("path", ["/my/scenarios", "/my/scenarios/new"])
def test_a_vendor_gets_403_in_the_enterprise_area(client, login_as, path):
    login_as(make_vendor_user())
    assert client.get(path).status_code == 403
    assert client.post("/my/scenarios/new", data=form_data()).status_code == 403
    assert count(Scenario) == 0


def test_a_vendor_gets_403_on_an_enterprise_scenario(client, login_as):
    scenario = make_scenario()
    login_as(make_vendor_user())
    assert client.get(f"/my/scenarios/{scenario.id}/edit").status_code == 403


@pytest.mark.parametrize("path", ["/my/scenarios", "/my/scenarios/new", "/my/scenarios/1/edit", "/my/profile"])
def test_anonymous_visitors_are_sent_to_log_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and "/auth/login" in response.location


def test_an_admin_may_edit_any_scenario(client, login_as):
    make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    scenario = make_scenario(status="draft", published_at=None)
    login_as(make_user("admin"))
    response = client.post(
        f"/my/scenarios/{scenario.id}/edit", data=form_data(title="管理员修改的标题", action="draft")
    )
    assert response.status_code == 302 and row(scenario)["title"] == "管理员修改的标题"


# Confidentiality on the public pages ------------------------------------------------------------------


def test_a_verified_only_scenario_shows_the_public_its_title_industry_and_district_only(client, db):
    tyre = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    make_scenario(
        owner=make_org(name="海鸥精密机械"),
        title="保密场景的标题",
        industry=tyre,
        district="jimo",
        description="这段详细描述只给认证厂商看。",
        confidentiality="verified_only",
    )
    from app.extensions import db as _db

    _db.session.commit()
    listing = client.get("/scenarios").get_data(as_text=True)
    assert "保密场景的标题" in listing and "轮胎橡胶" in listing and "即墨区" in listing
    assert "这段详细描述只给认证厂商看" not in listing and "保密的企业名" not in listing


def test_a_verified_vendor_reads_the_details_of_a_verified_only_scenario_once_it_has_a_request(client, login_as):
    from tests.factories import make_intro_request, make_vendor

    scenario = make_scenario(description="这段详细描述只给认证厂商看。", confidentiality="verified_only")
    anonymous = client.get(f"/scenarios/{scenario.id}").get_data(as_text=True)
    assert "这段详细描述只给认证厂商看" not in anonymous
    profile = make_vendor(org_kw={"verified": True})
    login_as(make_user("vendor", organization=profile.organization))
    assert "这段详细描述只给认证厂商看" not in client.get(f"/scenarios/{scenario.id}").get_data(as_text=True)
    make_intro_request(scenario=scenario, vendor=profile)
    login_as(profile.organization.users[0])
    assert "这段详细描述只给认证厂商看" in client.get(f"/scenarios/{scenario.id}").get_data(as_text=True)


def test_a_scenario_description_is_rendered_without_script(client, db):
    scenario = make_scenario(description="**重点**\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))")
    from app.extensions import db as _db

    _db.session.commit()
    html = client.get(f"/scenarios/{scenario.id}").get_data(as_text=True)
    assert "<strong>重点</strong>" in html and "<script>alert(1)" not in html and 'href="javascript' not in html


def test_searching_cannot_reveal_what_a_verified_only_scenario_says_or_who_posted_it(client, db):
    make_scenario(
        owner=make_org(name="海鸥精密机械"),
        title="保密场景的标题",
        description="含有暗号青鸾的详细描述。",
        confidentiality="verified_only",
    )
    from app.extensions import db as _db

    _db.session.commit()
    assert "保密场景的标题" in client.get("/scenarios?q=保密场景").get_data(as_text=True)
    assert "保密场景的标题" not in client.get("/scenarios?q=青鸾").get_data(as_text=True)
    assert "保密场景的标题" not in client.get("/scenarios?q=海鸥精密机械").get_data(as_text=True)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("50万", 500_000),
        ("50 万元", 500_000),
        ("1.2亿", 120_000_000),
        ("1.25万", 12_500),
        ("500k", 500_000),
        ("８０万", 800_000),
        ("¥300,000", 300_000),
    ],
)
def test_budgets_are_understood_the_way_people_write_them(client, poster, typed, stored):
    client.post("/my/scenarios/new", data=form_data(budget_min=typed, budget_max="5亿"))
    from app.extensions import db

    scenario = db.session.scalars(db.select(Scenario)).one()
    assert (scenario.budget_min, scenario.budget_max) == (stored, 500_000_000)


@pytest.mark.parametrize("typed", ["1.000001万", "1.5", "五十万", "50万万"])
def test_budgets_that_are_not_whole_yuan_are_refused(client, poster, english, typed):
    response = client.post("/my/scenarios/new", data=form_data(budget_min=typed))
    assert response.status_code == 422
    assert "whole number" in (field_error(response, "budget_min") or "")
    assert count(Scenario) == 0


def test_what_a_listing_still_misses_is_listed_with_the_languages_own_separators(client, poster):
    make_scenario(
        owner=poster.organization, status="draft", published_at=None, title="只有标题的场景", description="短。"
    )
    english = client.get("/my/scenarios?lang=en").get_data(as_text=True)
    missing = english.split("Still missing", 1)[1].split("</p>", 1)[0]
    assert "、" not in missing and ", and " in missing
    chinese = client.get("/my/scenarios?lang=zh").get_data(as_text=True)
    missing_zh = chinese.split("尚缺", 1)[1].split("</p>", 1)[0]
    assert "、" in missing_zh and ", " not in missing_zh


def test_a_draft_saves_with_a_title_and_a_few_words_and_sending_it_asks_for_the_rest(client, poster):
    sparse = form_data(title="胎面检测", description="漏检多", industry="", capabilities=[], action="draft")
    response = client.post("/my/scenarios/new", data=sparse)
    assert response.status_code == 302 and count(Scenario) == 1
    from app.extensions import db

    draft = db.session.scalars(db.select(Scenario)).one()
    assert draft.status == "draft" and draft.description == "漏检多" and draft.industry_id is None
    sent = client.post(f"/my/scenarios/{draft.id}/edit", data=dict(sparse, action="submit"))
    assert sent.status_code == 422
    assert field_error(sent, "description") and field_error(sent, "industry")
    assert row(draft)["status"] == "draft"


def test_a_draft_still_refuses_invalid_values(client, poster):
    response = client.post("/my/scenarios/new", data=form_data(description="", budget_min="-5", action="draft"))
    assert response.status_code == 422 and count(Scenario) == 0
