"""Vendors keep their own profile; the admin setting decides whether edits to a published one are reviewed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry
from app.services import vendors as svc
from app.services.errors import InvalidInput, PermissionDenied
from app.services.inputs import VendorProfileInput
from tests.factories import make_capability, make_industry, make_user, make_vendor_user


@pytest.fixture()
def taxonomy(db):
    make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")


def profile_input(**kw) -> VendorProfileInput:
    values = dict(
        name="慧眼视觉科技",
        description="深度学习表面缺陷检测，服务轮胎、汽车零部件和家电企业。",
        capabilities=("visual-inspection",),
        industries=("tyre-rubber",),
        languages=("zh", "en"),
        team_size=40,
        website="https://vision.example.com",
        products="慧眼质检平台",
    )
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


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"website": "javascript:alert(1)"}, "website"),
        ({"website": "ftp://example.com"}, "website"),
        ({"team_size": -1}, "team_size"),
        ({"capabilities": (), "submit": True}, "capabilities"),
        ({"industries": ("nowhere",)}, "industries"),
        ({"description": "   ", "submit": True}, "description"),
        ({"products": "<script>alert(1)</script>"}, "products"),
        ({"name": "慧眼😀"}, "name"),
        ({"languages": ("fr",)}, "languages"),
    ],
)
def test_bad_profile_input_names_the_field_and_saves_nothing(taxonomy, changes, field):
    vendor = make_vendor_user(name="原来的名字")
    with pytest.raises(InvalidInput) as err:
        svc.update_vendor_profile(vendor, profile_input(**changes))
    assert err.value.field == field
    assert vendor.organization.name == "原来的名字"


def test_an_enterprise_user_has_no_vendor_profile(taxonomy):
    with pytest.raises(PermissionDenied):
        svc.get_own_profile(make_user("enterprise"))


def _verified_vendor():
    return make_vendor_user(name="慧眼视觉科技", org_kw={"verified": True, "website": "https://vision.example.com"})


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


@pytest.mark.parametrize(
    "changes", [{"name": "另一家视觉公司"}, {"name_en": "Other Vision"}, {"website": "https://other.example.com"}]
)
def test_a_verified_vendor_that_renames_itself_loses_the_badge_and_the_change_is_audited(taxonomy, changes):
    vendor = _verified_vendor()
    profile = svc.update_vendor_profile(vendor, profile_input(**changes))
    db.session.expire_all()
    assert profile.organization.verified is False
    [entry] = _audit("organization.rename")
    assert entry.object_id == vendor.organization_id and entry.actor_id == vendor.id
    assert entry.before["verified"] is True and entry.after["verified"] is False
    assert set(entry.after) == set(changes) | {"verified"} and entry.note


def test_a_verified_vendor_keeps_the_badge_when_the_name_and_website_stay(taxonomy):
    vendor = _verified_vendor()
    profile = svc.update_vendor_profile(
        vendor, profile_input(description="只做轮胎胎面和胎侧的视觉缺陷检测，三年二十个项目。")
    )
    db.session.expire_all()
    assert profile.organization.verified is True and _audit("organization.rename") == []


def test_renaming_an_unverified_vendor_is_audited_without_a_verification_change(taxonomy):
    vendor = make_vendor_user(name="原来的名字")
    svc.update_vendor_profile(vendor, profile_input())
    [entry] = _audit("organization.rename")
    assert entry.before["name"] == "原来的名字" and entry.after["name"] == "慧眼视觉科技"
    assert "verified" not in entry.after and entry.note is None


def test_a_website_typed_without_its_scheme_is_saved_as_an_https_link(taxonomy):
    profile = svc.update_vendor_profile(make_vendor_user(), profile_input(website="chengshi-ai.cn"))
    assert profile.organization.website == "https://chengshi-ai.cn"
    assert svc.normalize_website(" http://x.example ") == "http://x.example"


def test_a_draft_saves_with_what_is_there_and_only_sending_it_asks_for_completeness(taxonomy):
    vendor = make_vendor_user()
    draft = svc.update_vendor_profile(vendor, profile_input(description="只写了几个字", capabilities=()))
    assert draft.status == "draft" and draft.organization.description == "只写了几个字" and draft.capabilities == []
    with pytest.raises(InvalidInput) as err:
        svc.update_vendor_profile(vendor, profile_input(description="只写了几个字", capabilities=(), submit=True))
    assert err.value.field == "description"


def test_a_published_profile_is_not_emptied_by_a_save(taxonomy):
    with pytest.raises(InvalidInput) as err:
        svc.update_vendor_profile(make_vendor_user(status="published"), profile_input(capabilities=()))
    assert err.value.field == "capabilities"


def test_a_preview_of_unsaved_input_changes_nothing(taxonomy):
    from app.extensions import db

    vendor = make_vendor_user(name="原来的名字")
    db.session.commit()
    shown = svc.preview_vendor_profile(
        vendor, profile_input(name="新名字", website="chengshi-ai.cn", products="新产品")
    )
    assert shown.organization.name == "新名字" and shown.organization.website == "https://chengshi-ai.cn"
    assert shown.organization.display_name("zh") == "新名字" and shown.products == "新产品"
    assert not db.session.dirty and not db.session.new
    db.session.expire_all()
    assert vendor.organization.name == "原来的名字"
