"""The vendor's profile form and its preview."""

from __future__ import annotations

import pytest

from app.models import VendorProfile
from tests.factories import make_capability, make_industry, make_user, make_vendor_user
from tests.views.helpers import count, field_error, row


@pytest.fixture()
def vendor(db, login_as):
    make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    user = make_vendor_user(name="慧眼视觉", status="draft")
    login_as(user)
    return user


@pytest.fixture()
def english(client):
    client.set_cookie("keting_lang", "en")


def form_data(**kw) -> dict:
    data = dict(
        name="慧眼视觉科技",
        name_en="HuiYan Vision",
        description="深度学习表面缺陷检测，服务轮胎和汽车零部件企业。",
        website="https://vision.example.com",
        district="laoshan",
        capabilities=["visual-inspection"],
        industries=["tyre-rubber"],
        products="慧眼质检平台",
        case_studies="某轮胎厂胎面检测，漏检率降至0.3%。",
        certifications="ISO 9001",
        languages=["zh", "en"],
        team_size="40",
        action="save",
    )
    data.update(kw)
    return data


def profile_of(user) -> VendorProfile:
    return user.organization.vendor_profile


def test_the_profile_form_shows_the_current_profile(client, vendor):
    html = client.get("/my/profile").get_data(as_text=True)
    assert "慧眼视觉" in html
    for name in (
        "name",
        "description",
        "capabilities",
        "industries",
        "products",
        "case_studies",
        "certifications",
        "languages",
        "team_size",
        "website",
    ):
        assert f'name="{name}"' in html


def test_saving_the_profile_updates_it_and_stays_a_draft(client, vendor):
    response = client.post("/my/profile", data=form_data())
    assert response.status_code == 302
    profile = row(profile_of(vendor))
    assert profile["status"] == "draft" and profile["team_size"] == 40 and profile["languages"] == ["zh", "en"]
    assert "HuiYan Vision" in client.get("/my/profile").get_data(as_text=True)


def test_sending_the_profile_for_review(client, vendor):
    client.post("/my/profile", data=form_data(action="submit"))
    assert row(profile_of(vendor))["status"] == "pending"


def test_the_preview_shows_the_public_page_with_a_banner(client, vendor):
    client.post("/my/profile", data=form_data(case_studies="## 案例\n\n**胎面检测**"))
    html = client.get("/my/profile/preview").get_data(as_text=True)
    assert "preview-banner" in html and "慧眼视觉科技" in html and "ISO 9001" in html


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": "  "}, "name", "required"),
        ({"name": "<script>alert(1)</script>"}, "name", "HTML"),
        ({"name": "慧眼" * 101}, "name", "at most 200"),
        ({"description": "短", "action": "submit"}, "description", "at least 20"),
        ({"website": "javascript:alert(1)"}, "website", "HTML"),
        ({"website": "vision dot com"}, "website", "http"),
        ({"capabilities": [], "action": "submit"}, "capabilities", "at least one"),
        ({"capabilities": ["no-such"]}, "capabilities", "from the list"),
        ({"languages": ["fr"]}, "languages", "from the list"),
        ({"team_size": "-1"}, "team_size", "negative"),
        ({"team_size": "1e30"}, "team_size", "number of people"),
        ({"products": "<img src=x onerror=alert(1)>"}, "products", "HTML"),
        ({"name_en": "Huiyаn Vision"}, "name_en", "look-alike"),  # Cyrillic а
    ],
)
def test_bad_profile_input_gives_the_form_back_and_changes_nothing(client, vendor, english, changes, field, message):
    before = row(profile_of(vendor))
    response = client.post("/my/profile", data=form_data(**changes))
    assert response.status_code == 422
    assert message in (field_error(response, field) or "")
    assert row(profile_of(vendor)) == before


def test_edits_to_a_published_profile_go_to_review_when_the_admin_setting_is_on(client, app, login_as, monkeypatch):
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    user = make_vendor_user(status="published")
    login_as(user)
    monkeypatch.setitem(app.config, "VENDOR_PROFILE_REVIEW", True)
    client.post("/my/profile", data=form_data(industries=[]))
    assert row(profile_of(user))["status"] == "pending"


def test_edits_to_a_published_profile_show_at_once_when_the_setting_is_off(client, login_as):
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    user = make_vendor_user(status="published")
    login_as(user)
    client.post("/my/profile", data=form_data(industries=[]))
    assert row(profile_of(user))["status"] == "published"


def test_an_enterprise_user_gets_403_on_the_vendor_profile(client, login_as):
    login_as(make_user("enterprise"))
    assert client.get("/my/profile").status_code == 403
    assert client.post("/my/profile", data=form_data()).status_code == 403


def test_a_vendor_edits_only_its_own_profile_whatever_it_posts(client, vendor):
    other = make_vendor_user(name="别家厂商")
    before = row(profile_of(other))
    client.post("/my/profile", data=form_data(organization_id=str(other.organization_id), id=str(profile_of(other).id)))
    assert row(profile_of(other)) == before
    assert row(profile_of(vendor))["team_size"] == 40


def test_a_verified_vendor_is_told_a_new_name_needs_verifying_again(client, login_as, english):
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    user = make_vendor_user(
        name="慧眼视觉科技",
        status="published",
        org_kw={"verified": True, "name_en": "HuiYan Vision", "website": "https://vision.example.com"},
    )
    login_as(user)
    assert "Changing its name, English name or website takes the badge away" in client.get("/my/profile").get_data(
        as_text=True
    )
    page = client.post("/my/profile", data=form_data(name="慧眼智能", industries=[]), follow_redirects=True)
    assert "no longer verified" in page.get_data(as_text=True)
    assert row(user.organization)["verified"] is False


def test_the_renaming_warning_reads_in_chinese(client, login_as):
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    user = make_vendor_user(name="慧眼视觉科技", status="published", org_kw={"verified": True})
    login_as(user)
    html = client.get("/my/profile").get_data(as_text=True)
    assert "Changing its name" not in html and "认证" in html


def test_a_vendor_without_a_profile_reads_an_empty_form_without_writing_and_the_first_save_makes_it(client, login_as):
    make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    user = make_user("vendor")  # an account from before registration made the profile
    login_as(user)
    assert client.get("/my/profile").status_code == 200
    assert client.get("/my/profile/preview").status_code == 200
    assert client.get("/my/matches").status_code == 200
    assert count(VendorProfile) == 0
    assert client.post("/my/profile", data=form_data()).status_code == 302
    assert count(VendorProfile) == 1 and row(profile_of(user))["status"] == "draft"


def test_preview_shows_what_was_typed_without_saving_and_goes_back_with_it(client, vendor):
    before = row(profile_of(vendor))
    typed = form_data(name="还没保存的名字", products="尚未保存的产品", action="preview")
    response = client.post("/my/profile/preview", data=typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "preview-banner" in html
    assert "还没保存的名字" in html and "尚未保存的产品" in html
    assert row(profile_of(vendor)) == before
    # "Back to editing" carries the typed values back into the form, still unsaved.
    assert 'name="name" value="还没保存的名字"' in html
    back = client.post("/my/profile", data=dict(typed, action="edit"))
    assert back.status_code == 200 and "还没保存的名字" in back.get_data(as_text=True)
    assert row(profile_of(vendor)) == before


def test_the_profile_form_sends_preview_with_the_typed_input(client, vendor):
    html = client.get("/my/profile").get_data(as_text=True)
    assert 'formaction="/my/profile/preview"' in html
    assert 'href="/my/profile/preview"' not in html.split("<main", 1)[1]


def test_errors_are_summarised_at_the_top_with_links_to_their_fields(client, vendor, english):
    for changes, field in (
        ({"website": "vision dot com"}, "website"),
        ({"team_size": "-1"}, "team_size"),
        ({"capabilities": [], "action": "submit"}, "capabilities"),
    ):
        html = client.post("/my/profile", data=form_data(**changes)).get_data(as_text=True)
        summary = html.split('class="form-problems"', 1)[1].split("</div>", 1)[0]
        assert f'href="#{field}"' in summary and f'id="{field}"' in html
    # The website field sits with the name, above the long lists of checkboxes.
    assert html.index('id="website"') < html.index('name="capabilities"')


def test_a_draft_saves_without_a_full_description_or_capabilities(client, vendor):
    response = client.post("/my/profile", data=form_data(description="草稿", capabilities=[]))
    assert response.status_code == 302
    assert profile_of(vendor).organization.description == "草稿"


def test_the_minimum_length_is_stated_before_anyone_fails_it(client, vendor, english):
    html = client.get("/my/profile").get_data(as_text=True)
    assert "At least 20 characters" in html and 'data-count-for="description"' in html
