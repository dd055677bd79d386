"""The shortlist, comparing vendors for a scenario, similar scenarios, and the about page."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.models import AuditEntry, ShortlistItem
from app.services import matches, shortlist, similar, site_pages
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import SitePageInput
from tests.factories import make_match_catalogue, make_scenario, make_user, make_vendor

# Shortlist --------------------------------------------------------------------------------------------


def test_starring_twice_adds_then_removes(db):
    user = make_user()
    scenario = make_scenario()
    assert shortlist.toggle_shortlist(user, "scenario", scenario.id) is True
    assert shortlist.shortlisted_ids(user, "scenario", [scenario.id]) == {scenario.id}
    assert shortlist.toggle_shortlist(user, "scenario", scenario.id) is False
    assert shortlist.shortlisted_ids(user, "scenario") == set()


def test_a_shortlist_is_its_owners_alone(db):
    owner = make_user()
    colleague = make_user(organization=owner.organization)
    vendor = make_vendor()
    shortlist.toggle_shortlist(owner, "vendor", vendor.id)
    assert shortlist.shortlisted_ids(colleague, "vendor") == set()
    assert shortlist.my_shortlist(colleague).vendors == []
    assert [e.listing.id for e in shortlist.my_shortlist(owner).vendors] == [vendor.id]
    # The colleague's toggle only touches the colleague's own list.
    shortlist.toggle_shortlist(colleague, "vendor", vendor.id)
    assert db.session.scalar(sa.select(sa.func.count(ShortlistItem.id))) == 2


def test_visitors_have_no_shortlist_and_unlisted_listings_cannot_be_starred(db):
    with pytest.raises(PermissionDenied):
        shortlist.toggle_shortlist(None, "scenario", 1)
    assert shortlist.shortlisted_ids(None, "scenario", [1]) == set()
    user = make_user()
    draft = make_scenario(status="draft")
    with pytest.raises(NotFound):
        shortlist.toggle_shortlist(user, "scenario", draft.id)
    with pytest.raises(NotFound):
        shortlist.toggle_shortlist(user, "organization", draft.id)


def test_a_starred_listing_that_goes_offline_stays_greyed_and_can_be_removed(db):
    user = make_user()
    scenario = make_scenario(description="保密的细节")
    shortlist.toggle_shortlist(user, "scenario", scenario.id)
    scenario.status = "archived"
    db.session.commit()
    entry = shortlist.my_shortlist(user).scenarios[0]
    assert (entry.available, entry.show_details) == (False, False)
    assert shortlist.toggle_shortlist(user, "scenario", scenario.id) is False


def test_a_confidential_starred_scenario_hides_its_details(db):
    user = make_user("vendor")
    scenario = make_scenario(confidentiality="verified_only")
    shortlist.toggle_shortlist(user, "scenario", scenario.id)
    entry = shortlist.my_shortlist(user).scenarios[0]
    assert entry.available and not entry.show_details


# Comparison -------------------------------------------------------------------------------------------


@pytest.fixture()
def catalogue(db):
    cat = make_match_catalogue()
    matches.rebuild_all()
    return cat


def test_the_owner_compares_suggested_and_shortlisted_vendors(db, catalogue):
    s1, vision, speech = catalogue["s1"], catalogue["vision"], catalogue["speech"]
    owner = make_user(organization=s1.owner)
    shortlist.toggle_shortlist(owner, "vendor", speech.id)
    result = shortlist.compare_vendors(owner, s1.id, [str(vision.id), str(speech.id)])
    candidates = {c.vendor.id: c for c in result.candidates}
    assert candidates[vision.id].suggested and candidates[speech.id].shortlisted
    first, second = result.selected
    assert first.vendor.id == vision.id and first.match is not None and first.strength in ("strong", "good", "fair")
    assert first.capabilities[0] == (catalogue["vision_cap"], True)  # what the scenario needs comes first, marked
    assert first.industries == [(catalogue["tyre"], True)]
    assert second.match is None and second.capabilities == [(catalogue["speech_cap"], False)]
    assert first.on_keting is False  # the seeded vendor has no member who could answer


def test_a_vendor_with_members_is_on_keting(db, catalogue):
    s1, vision = catalogue["s1"], catalogue["vision"]
    make_user("vendor", organization=vision.organization)
    owner = make_user(organization=s1.owner)
    assert shortlist.compare_vendors(owner, s1.id, [vision.id]).selected[0].on_keting is True


def test_at_most_three_vendors_are_compared(db, catalogue):
    s1 = catalogue["s1"]
    owner = make_user(organization=s1.owner)
    extra = make_vendor()
    ids = [catalogue["vision"].id, catalogue["speech"].id, catalogue["other"].id, extra.id]
    with pytest.raises(InvalidInput):
        shortlist.compare_vendors(owner, s1.id, ids)


def test_only_the_scenarios_enterprise_and_admins_compare(db, catalogue):
    s1 = catalogue["s1"]
    for stranger in (make_user(), make_user("vendor"), None):
        with pytest.raises(NotFound):
            shortlist.compare_vendors(stranger, s1.id, [])
    assert shortlist.compare_vendors(make_user("admin"), s1.id, []).scenario.id == s1.id


def test_an_unpublished_vendor_cannot_be_compared(db, catalogue):
    s1 = catalogue["s1"]
    owner = make_user(organization=s1.owner)
    draft = make_vendor(status="draft")
    with pytest.raises(NotFound):
        shortlist.compare_vendors(owner, s1.id, [draft.id])


# Similar scenarios ------------------------------------------------------------------------------------


def test_similar_scenarios_are_published_like_ones_with_reasons(db, catalogue):
    s1, s2 = catalogue["s1"], catalogue["s2"]
    found = similar.similar_for_viewer(None, s1, "zh", details_visible=True)
    assert [f.scenario.id for f in found][:1] == [s2.id]
    assert catalogue["s3"].id not in [f.scenario.id for f in found]
    assert found[0].shared and len(found) <= similar.MAX_SIMILAR


def test_confidential_similar_scenarios_never_leak(db, catalogue):
    s1, s2 = catalogue["s1"], catalogue["s2"]
    s2.confidentiality = "verified_only"
    db.session.commit()
    matches.listing_changed("scenario", s2.id)
    db.session.commit()
    assert s2.id not in [f.scenario.id for f in similar.similar_for_viewer(None, s1, "zh", True)]
    owner = make_user(organization=s2.owner)
    assert s2.id in [f.scenario.id for f in similar.similar_for_viewer(owner, s1, "zh", True)]
    # A scenario whose own details are hidden shows no similar ones (their reasons come from its description).
    assert similar.similar_for_viewer(None, s2, "zh", details_visible=False) == []


def test_unpublished_scenarios_are_not_shown_as_similar(db, catalogue):
    s1, s2 = catalogue["s1"], catalogue["s2"]
    s2.status = "archived"
    matches.listing_changed("scenario", s2.id)
    db.session.commit()
    assert s2.id not in [f.scenario.id for f in similar.similar_for_viewer(None, s1, "en", True)]


# The about page ---------------------------------------------------------------------------------------


def test_the_about_page_has_a_built_in_text_in_both_languages(db):
    page = site_pages.get_page("about")
    assert page.updated_at is None
    assert "人工智能国际客厅" in page.body("zh_Hans") and "living room" in page.body("en")


def test_an_admin_edits_the_about_page_and_the_edit_is_audited(db):
    admin = make_user("admin")
    site_pages.update_page(
        admin, "about", SitePageInput("## 关于\n新的中文介绍文字，说明项目。", "## About\nNew English text about it.")
    )
    page = site_pages.get_page("about")
    assert page.body("en").startswith("## About") and page.updated_by.id == admin.id
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "page.edit"))
    assert entry.actor_id == admin.id and entry.after["body_en"].startswith("## About")
    assert "living room" in entry.before["body_en"]


def test_only_admins_edit_the_about_page_and_bad_text_changes_nothing(db):
    with pytest.raises(PermissionDenied):
        site_pages.update_page(
            make_user(), "about", SitePageInput("足够长的中文介绍文字内容。" * 2, "Long enough English text.")
        )
    admin = make_user("admin")
    with pytest.raises(InvalidInput) as caught:
        site_pages.update_page(admin, "about", SitePageInput("短", "Long enough English text here."))
    assert caught.value.field == "body_zh"
    with pytest.raises(InvalidInput):
        site_pages.update_page(
            admin, "about", SitePageInput("足够长的中文介绍文字内容。" * 2, "<script>alert(1)</script> and more")
        )
    assert site_pages.get_page("about").updated_at is None


# The rules ----------------------------------------------------------------------------------------------


def test_the_rules_for_saved_searches_comparison_and_the_about_page(db):
    from app import permissions
    from tests.factories import make_saved_search

    owner, admin, vendor = make_user(), make_user("admin"), make_user("vendor")
    search = make_saved_search(owner)
    scenario = make_scenario(owner=owner.organization)
    assert permissions.can_manage_saved_search(owner, search)
    assert not permissions.can_manage_saved_search(admin, search)  # personal, even for admins
    assert not permissions.can_save_search(None) and not permissions.can_use_shortlist(None)
    assert permissions.can_compare_vendors(owner, scenario) and permissions.can_compare_vendors(admin, scenario)
    assert not permissions.can_compare_vendors(vendor, scenario)
    assert permissions.can_edit_site_page(admin) and not permissions.can_edit_site_page(owner)
    owner.is_active = False
    assert not permissions.can_manage_saved_search(owner, search)


def test_rows_are_normalised_when_the_last_ones_are_empty():
    import numpy as np
    import scipy.sparse as sp

    from matching.index import l2_normalize

    m = l2_normalize(sp.csr_matrix(np.array([[3.0, 4.0], [0.0, 0.0], [0.0, 0.0]])))
    assert np.allclose(m.toarray(), [[0.6, 0.8], [0, 0], [0, 0]])
