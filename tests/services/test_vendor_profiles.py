"""Vendors keep their own profile; the admin setting decides whether edits to a published one are reviewed."""
from __future__ import annotations

import pytest

from app.services import vendors as svc
from app.services.errors import InvalidInput, PermissionDenied
from app.services.inputs import VendorProfileInput
from tests.factories import make_capability, make_industry, make_user, make_vendor_user


@pytest.fixture()
def taxonomy(db):
    make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")


def profile_input(**kw) -> VendorProfileInput:
    values = dict(name="慧眼视觉科技", description="深度学习表面缺陷检测，服务轮胎、汽车零部件和家电企业。",
                  capabilities=("visual-inspection",), industries=("tyre-rubber",), languages=("zh", "en"),
                  team_size=40, website="https://vision.example.com", products="慧眼质检平台")
    values.update(kw)
    return VendorProfileInput(**values)


def test_saving_a_draft_profile_updates_the_organization_and_profile(taxonomy):
    vendor = make_vendor_user()
    profile = svc.update_vendor_profile(vendor, profile_input())
    assert profile.status == "draft"
    assert profile.organization.name == "慧眼视觉科技" and profile.organization.website == "https://vision.example.com"
    assert [c.code for c in profile.capabilities] == ["visual-inspection"] and profile.languages == ["zh", "en"]


def test_sending_a_draft_for_review_makes_it_pending(taxonomy):
    profile = svc.update_vendor_profile(make_vendor_user(), profile_input(submit=True))
    assert profile.status == "pending" and profile.submitted_at is not None


def test_edits_to_a_published_profile_stay_published_by_default(taxonomy):
    profile = svc.update_vendor_profile(make_vendor_user(status="published"), profile_input())
    assert profile.status == "published"


def test_edits_to_a_published_profile_go_to_review_when_the_setting_asks(taxonomy, app, monkeypatch):
    monkeypatch.setitem(app.config, "VENDOR_PROFILE_REVIEW", True)
    profile = svc.update_vendor_profile(make_vendor_user(status="published"), profile_input())
    assert profile.status == "pending"


@pytest.mark.parametrize("changes, field", [
    ({"website": "javascript:alert(1)"}, "website"),
    ({"website": "ftp://example.com"}, "website"),
    ({"team_size": -1}, "team_size"),
    ({"capabilities": ()}, "capabilities"),
    ({"industries": ("nowhere",)}, "industries"),
    ({"description": "   "}, "description"),
    ({"products": "<script>alert(1)</script>"}, "products"),
    ({"name": "慧眼😀"}, "name"),
    ({"languages": ("fr",)}, "languages"),
])
def test_bad_profile_input_names_the_field_and_saves_nothing(taxonomy, changes, field):
    vendor = make_vendor_user(name="原来的名字")
    with pytest.raises(InvalidInput) as err:
        svc.update_vendor_profile(vendor, profile_input(**changes))
    assert err.value.field == field
    assert vendor.organization.name == "原来的名字"


def test_an_enterprise_user_has_no_vendor_profile(taxonomy):
    with pytest.raises(PermissionDenied):
        svc.get_own_profile(make_user("enterprise"))
