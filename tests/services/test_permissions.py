"""The access policy: one rule per question, each checked for every kind of user."""

from __future__ import annotations

from flask_login import AnonymousUserMixin

from app import permissions as p
from tests.factories import make_org, make_scenario, make_user, make_vendor_user


def test_anonymous_and_none_may_do_nothing(db):
    scenario = make_scenario()
    for nobody in (None, AnonymousUserMixin()):
        assert not p.can_create_scenario(nobody)
        assert not p.can_edit_scenario(nobody, scenario)
        assert not p.can_list_own_scenarios(nobody)
        assert not p.can_change_password(nobody)
        assert not p.can_keep_vendor_profile(nobody)


def test_an_enterprise_member_edits_its_own_organizations_scenarios(db):
    user = make_user("enterprise")
    assert p.can_edit_scenario(user, make_scenario(owner=user.organization))
    assert p.can_create_scenario(user)


def test_an_enterprise_member_may_not_edit_another_organizations_scenario(db):
    user = make_user("enterprise")
    other = make_scenario(owner=make_org())
    assert not p.can_edit_scenario(user, other)
    assert not p.can_withdraw_scenario(user, other)
    assert not p.can_close_scenario(user, other)


def test_a_vendor_may_not_post_or_edit_scenarios(db):
    vendor = make_vendor_user()
    assert not p.can_create_scenario(vendor)
    assert not p.can_list_own_scenarios(vendor)
    # Even a scenario "owned" by the vendor's organization id is not the vendor's to edit.
    assert not p.can_edit_scenario(vendor, make_scenario(owner=vendor.organization))


def test_an_admin_may_edit_any_scenario_and_profile(db):
    admin = make_user("admin")
    assert p.can_edit_scenario(admin, make_scenario())
    assert p.can_edit_vendor_profile(admin, make_vendor_user().organization.vendor_profile)


def test_an_admin_has_no_organization_to_post_for(db):
    assert not p.can_create_scenario(make_user("admin"))


def test_a_disabled_account_may_do_nothing(db):
    user = make_user("enterprise", is_active=False)
    assert not p.can_edit_scenario(user, make_scenario(owner=user.organization))
    assert not p.can_change_password(user)


def test_a_vendor_edits_only_its_own_profile(db):
    vendor, other = make_vendor_user(), make_vendor_user()
    assert p.can_edit_vendor_profile(vendor, vendor.organization.vendor_profile)
    assert not p.can_edit_vendor_profile(vendor, other.organization.vendor_profile)
    assert not p.can_edit_vendor_profile(make_user("enterprise"), vendor.organization.vendor_profile)


def test_confidential_details_go_to_verified_vendors_with_a_request_the_owner_and_admins_only(db):
    owner = make_user("enterprise")
    scenario = make_scenario(owner=owner.organization, confidentiality="verified_only")
    verified = make_user("vendor", organization=make_org(kind="vendor", verified=True))
    unverified = make_user("vendor", organization=make_org(kind="vendor", verified=False))
    assert p.can_view_scenario_details(owner, scenario)
    assert p.can_view_scenario_details(verified, scenario, has_live_request=True)
    assert not p.can_view_scenario_details(verified, scenario)
    assert not p.can_view_scenario_details(unverified, scenario, has_live_request=True)
    assert p.can_view_scenario_details(make_user("admin"), scenario)
    assert not p.can_view_scenario_details(unverified, scenario)
    assert not p.can_view_scenario_details(None, scenario)
    assert not p.can_view_scenario_details(make_user("enterprise"), scenario)


def test_public_scenarios_show_their_details_to_everyone(db):
    assert p.can_view_scenario_details(None, make_scenario(confidentiality="public"))


def test_people_change_only_their_own_password(db):
    user, other = make_user(), make_user()
    assert p.can_change_password(user, user)
    assert not p.can_change_password(user, other)
