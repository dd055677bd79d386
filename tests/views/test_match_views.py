"""The suggested-vendors page and the vendor feed, as people use them: who may see what, filters, seen state, feedback."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db as _db
from app.models import MatchSignal
from app.services import matches
from tests.factories import make_match_catalogue, make_org, make_user


@pytest.fixture()
def cat(db):
    catalogue = make_match_catalogue()
    matches.rebuild_all()
    return catalogue


@pytest.fixture()
def english(client):
    client.set_cookie("keting_lang", "en")


def _owner(scenario):
    return make_user("enterprise", organization=scenario.owner)


def _vendor_user(profile):
    return make_user("vendor", organization=profile.organization)


# Suggested vendors -------------------------------------------------------------------------------------


def test_the_owner_sees_suggested_vendors_best_first_with_strength_and_reasons(client, login_as, cat):
    login_as(_owner(cat["s1"]))
    html = client.get(f"/scenarios/{cat['s1'].id}/suggested").get_data(as_text=True)
    assert html.index("青视科技") < html.index("青检视觉")
    assert "青声智能" not in html
    assert "很强" in html or "较强" in html
    assert "机器视觉缺陷检测" in html and "轮胎橡胶" in html
    assert f"/vendors/{cat['vision'].id}" in html


def test_suggested_vendors_read_in_english_for_an_english_viewer(client, login_as, cat, english):
    login_as(_owner(cat["s1"]))
    html = client.get(f"/scenarios/{cat['s1'].id}/suggested").get_data(as_text=True)
    assert "Suggested vendors" in html
    assert "Visual defect inspection" in html and "Tyres and rubber" in html
    assert "Strong match" in html or "Good match" in html


def test_an_admin_sees_any_scenarios_suggested_vendors(client, login_as, cat):
    login_as(make_user("admin"))
    assert client.get(f"/scenarios/{cat['s1'].id}/suggested").status_code == 200


def test_another_enterprise_gets_404_for_a_scenario_it_does_not_own(client, login_as, cat):
    login_as(make_user("enterprise", organization=make_org()))
    assert client.get(f"/scenarios/{cat['s1'].id}/suggested").status_code == 404


def test_a_vendor_cannot_see_a_scenarios_suggested_list(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    assert client.get(f"/scenarios/{cat['s1'].id}/suggested").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, cat):
    response = client.get(f"/scenarios/{cat['s1'].id}/suggested")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_unknown_scenario_is_404(client, login_as, cat):
    login_as(_owner(cat["s1"]))
    assert client.get("/scenarios/999999/suggested").status_code == 404


def test_a_draft_scenario_explains_that_suggestions_come_with_publishing(client, login_as, cat):
    s1 = cat["s1"]
    s1.status = "draft"
    matches.listing_changed("scenario", s1.id)
    _db.session.commit()
    login_as(_owner(s1))
    html = client.get(f"/scenarios/{s1.id}/suggested").get_data(as_text=True)
    assert "发布后" in html and "青视科技" not in html


def test_the_suggested_page_reads_stored_rows_and_never_the_matcher(client, login_as, cat, app):
    from app import matcher_store

    login_as(_owner(cat["s1"]))
    store = matcher_store.resident(app)
    store.forget()
    fits, loads = store.fits, store.loads
    assert client.get(f"/scenarios/{cat['s1'].id}/suggested").status_code == 200
    assert (store.fits, store.loads) == (fits, loads) and store.snapshot is None


# The vendor feed ---------------------------------------------------------------------------------------


def test_the_vendor_feed_lists_its_matching_scenarios_best_first(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    html = client.get("/my/matches").get_data(as_text=True)
    assert "胎面外观缺陷检测" in html and "轮胎胎侧缺陷视觉检测" in html
    assert "客服电话语音质检" not in html


def test_feed_items_are_new_once_and_seen_afterwards(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    first = client.get("/my/matches").get_data(as_text=True)
    assert first.count('class="badge badge-new"') == 2
    second = client.get("/my/matches").get_data(as_text=True)
    assert 'class="badge badge-new"' not in second
    shown = _db.session.scalar(sa.select(sa.func.count()).select_from(MatchSignal).where(MatchSignal.kind == "shown"))
    assert shown == 2
    assert "胎面外观缺陷检测" not in client.get("/my/matches?new=1").get_data(as_text=True)


def test_the_feed_filters_by_district(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    html = client.get("/my/matches?district=jimo").get_data(as_text=True)
    assert "胎面外观缺陷检测" in html and "轮胎胎侧缺陷视觉检测" not in html


def test_the_feed_filters_by_capability_and_industry(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    assert "胎面外观缺陷检测" in client.get("/my/matches?capability=visual-inspection").get_data(as_text=True)
    assert "胎面外观缺陷检测" not in client.get("/my/matches?capability=speech").get_data(as_text=True)
    assert "胎面外观缺陷检测" in client.get("/my/matches?industry=tyre-rubber").get_data(as_text=True)


def test_odd_feed_parameters_fall_back_to_everything(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    response = client.get("/my/matches?district=mars&sort=%00&page=-3&industry=" + "x" * 500)
    assert response.status_code == 200


def test_a_confidential_scenario_shows_only_title_industry_and_district(client, login_as, cat):
    s1 = cat["s1"]
    s1.confidentiality = "verified_only"
    _db.session.commit()
    login_as(_vendor_user(cat["vision"]))
    html = client.get("/my/matches").get_data(as_text=True)
    assert "胎面外观缺陷检测" in html
    assert "漏检率高" not in html
    assert "胎侧气泡" in html  # the public one still shows its excerpt


def test_a_confidential_scenario_is_not_found_by_the_capability_filter(client, login_as, cat):
    cat["s1"].confidentiality = "verified_only"
    _db.session.commit()
    login_as(_vendor_user(cat["vision"]))
    assert "胎面外观缺陷检测" not in client.get("/my/matches?capability=visual-inspection").get_data(as_text=True)


def test_enterprises_have_no_match_feed(client, login_as, cat):
    login_as(_owner(cat["s1"]))
    assert client.get("/my/matches").status_code == 403


def test_a_vendor_without_a_published_profile_is_told_how_to_get_matches(client, login_as, cat):
    vision = cat["vision"]
    vision.status = "draft"
    matches.listing_changed("vendor", vision.id)
    _db.session.commit()
    login_as(_vendor_user(vision))
    html = client.get("/my/matches").get_data(as_text=True)
    assert "/my/profile" in html and "胎面外观缺陷检测" not in html


def test_not_relevant_hides_the_scenario_and_keeps_the_reason(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    s1 = cat["s1"]
    response = client.post(
        f"/my/matches/{s1.id}/not-relevant", data={"reason_code": "not_our_industry", "note": "只做金属件"}
    )
    assert response.status_code == 302
    signal = _db.session.scalar(sa.select(MatchSignal).where(MatchSignal.kind == "not_relevant"))
    assert signal.scenario_id == s1.id and signal.reason == "not_our_industry: 只做金属件"
    assert f"/scenarios/{s1.id}?via=matches" not in client.get("/my/matches").get_data(as_text=True)


def test_not_relevant_needs_the_csrf_token(client, login_as, cat, csrf_enabled):
    login_as(_vendor_user(cat["vision"]))
    response = client.post(f"/my/matches/{cat['s1'].id}/not-relevant", data={})
    assert response.status_code == 302
    assert (
        _db.session.scalar(
            sa.select(sa.func.count()).select_from(MatchSignal).where(MatchSignal.kind == "not_relevant")
        )
        == 0
    )


def test_not_relevant_rejects_an_unknown_reason(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    client.post(f"/my/matches/{cat['s1'].id}/not-relevant", data={"reason_code": "bored"})
    assert (
        _db.session.scalar(
            sa.select(sa.func.count()).select_from(MatchSignal).where(MatchSignal.kind == "not_relevant")
        )
        == 0
    )


def test_a_vendor_cannot_dismiss_a_scenario_not_proposed_to_it(client, login_as, cat):
    login_as(_vendor_user(cat["speech"]))
    assert client.post(f"/my/matches/{cat['s1'].id}/not-relevant", data={}).status_code == 404


def _opened() -> int:
    return _db.session.scalar(sa.select(sa.func.count()).select_from(MatchSignal).where(MatchSignal.kind == "opened"))


def test_a_feed_item_links_straight_to_the_scenario_which_notes_it_opened_once(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    link = f"/scenarios/{cat['s1'].id}?via=matches"
    assert link in client.get("/my/matches").get_data(as_text=True)
    assert client.get(link).status_code == 200 and client.get(link).status_code == 200
    assert _opened() == 1


def test_the_scenario_page_notes_nothing_without_the_flag_or_a_stored_match(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    assert client.get(f"/scenarios/{cat['s1'].id}").status_code == 200
    login_as(_vendor_user(cat["speech"]))  # s1 is not proposed to this vendor
    assert client.get(f"/scenarios/{cat['s1'].id}?via=matches").status_code == 200
    login_as(_owner(cat["s1"]))
    assert client.get(f"/scenarios/{cat['s1'].id}?via=matches").status_code == 200
    assert _opened() == 0


def test_no_get_under_my_matches_writes_an_opened_signal(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    assert client.get(f"/my/matches/{cat['s1'].id}/open").status_code == 404
    assert _opened() == 0


def test_the_feed_reads_in_english(client, login_as, cat, english):
    login_as(_vendor_user(cat["vision"]))
    html = client.get("/my/matches").get_data(as_text=True)
    assert "My matches" in html and "Not relevant" in html and "Shared capabilities" in html


def test_the_owner_gets_an_invite_link_per_vendor_and_an_admin_does_not(client, login_as, cat):
    login_as(_owner(cat["s1"]))
    html = client.get(f"/scenarios/{cat['s1'].id}/suggested").get_data(as_text=True)
    assert f"/scenarios/{cat['s1'].id}/invite/{cat['vision'].id}" in html
    login_as(make_user("admin"))
    assert "/invite/" not in client.get(f"/scenarios/{cat['s1'].id}/suggested").get_data(as_text=True)


def test_the_feed_links_to_expressing_interest(client, login_as, cat):
    login_as(_vendor_user(cat["vision"]))
    assert f"/scenarios/{cat['s1'].id}/interest" in client.get("/my/matches").get_data(as_text=True)
