"""Review decisions, bulk review, featuring, admin edits, verification and suspension: each writes the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db as _db
from app.models import AuditEntry, Match, Scenario
from app.services import curation, matches
from app.services.curation import ReviewDecision, ReviewQuery
from app.services.errors import InvalidInput, PermissionDenied
from app.services.inputs import LoginInput, ScenarioInput
from tests.factories import (
    PASSWORD,
    make_match_catalogue,
    make_org,
    make_scenario,
    make_user,
    make_vendor,
    make_vendor_user,
)


def _entries(action: str | None = None) -> list[AuditEntry]:
    stmt = sa.select(AuditEntry).order_by(AuditEntry.id)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return list(_db.session.scalars(stmt))


@pytest.fixture()
def admin(db):
    return make_user("admin", email="boss@keting.local")


@pytest.fixture()
def poster(db):
    return make_user("enterprise", email="poster@example.com", locale="en")


def _pending(poster, **kw) -> Scenario:
    kw.setdefault("submitted_at", datetime.now(UTC))
    return make_scenario(owner=poster.organization, created_by=poster, status="pending", **kw)


def test_approving_publishes_sets_published_at_computes_matches_and_emails_the_poster(admin, outbox):
    catalogue = make_match_catalogue()
    scenario = catalogue["s1"]
    scenario.status, scenario.published_at = "pending", None
    poster = make_user("enterprise", organization=scenario.owner, email="tyres@example.com")
    scenario.created_by = poster
    _db.session.commit()

    curation.review_listing(admin, "scenario", scenario.id, ReviewDecision("approve"))

    _db.session.expire_all()
    fresh = _db.session.get(Scenario, scenario.id)
    assert fresh.status == "published" and fresh.published_at is not None
    assert _db.session.scalar(sa.select(sa.func.count(Match.id)).where(Match.scenario_id == scenario.id)) > 0
    assert [m.recipients for m in outbox] == [["tyres@example.com"]]
    assert "胎面外观缺陷检测" in outbox[0].subject


def test_rejecting_needs_a_reason_which_the_owner_sees_and_gets_by_email_in_their_language(admin, poster, outbox):
    scenario = _pending(poster)
    with pytest.raises(InvalidInput):
        curation.review_listing(admin, "scenario", scenario.id, ReviewDecision("reject", "no"))
    assert outbox == []

    curation.review_listing(
        admin, "scenario", scenario.id, ReviewDecision("reject", "This is a staffing request, not an AI scenario.")
    )

    _db.session.expire_all()
    fresh = _db.session.get(Scenario, scenario.id)
    assert (fresh.status, fresh.review_note) == ("rejected", "This is a staffing request, not an AI scenario.")
    assert outbox[0].subject.startswith("Not published on Keting")
    assert "This is a staffing request" in outbox[0].body


def test_asking_for_changes_sends_it_back_editable_with_the_note(admin, poster, outbox):
    scenario = _pending(poster)
    curation.review_listing(
        admin, "scenario", scenario.id, ReviewDecision("request_changes", "Add the budget, please.")
    )
    _db.session.expire_all()
    assert _db.session.get(Scenario, scenario.id).status == "changes_requested"
    assert "Changes requested" in outbox[0].subject

    from app.services.scenarios import update_scenario

    again = update_scenario(
        poster,
        scenario.id,
        ScenarioInput(
            title="胎面外观缺陷人工目检效率低",
            description="每班三名质检员肉眼检查胎面，漏检率高，预算五十万。",
            submit=True,
        ),
    )
    assert again.status == "pending"


def test_a_decision_that_does_not_apply_to_the_status_is_refused(admin, poster):
    draft = make_scenario(owner=poster.organization, status="draft")
    with pytest.raises(InvalidInput):
        curation.review_listing(admin, "scenario", draft.id, ReviewDecision("approve"))


def test_only_admins_review(poster):
    scenario = _pending(poster)
    with pytest.raises(PermissionDenied):
        curation.review_listing(poster, "scenario", scenario.id, ReviewDecision("approve"))


def test_every_decision_is_in_the_audit_log_with_who_and_the_status_before_and_after(admin, poster):
    scenario = _pending(poster)
    curation.review_listing(admin, "scenario", scenario.id, ReviewDecision("approve"))
    [explicit] = _entries("scenario.approve")
    assert (explicit.actor_id, explicit.actor_email) == (admin.id, "boss@keting.local")
    assert explicit.before["status"] == "pending" and explicit.after["status"] == "published"
    status_rows = [e for e in _entries("scenario.status") if e.object_id == scenario.id]
    assert status_rows[-1].before == {"status": "pending"} and status_rows[-1].after == {"status": "published"}
    assert status_rows[-1].actor_id == admin.id


def test_archiving_takes_a_published_scenario_off_the_public_list_and_unfeatures_it(admin, poster):
    scenario = make_scenario(owner=poster.organization, featured=True)
    curation.review_listing(admin, "scenario", scenario.id, ReviewDecision("archive"))
    _db.session.expire_all()
    fresh = _db.session.get(Scenario, scenario.id)
    assert (fresh.status, fresh.featured) == ("archived", False)


def test_feature_and_unfeature_are_recorded(admin, poster):
    scenario = make_scenario(owner=poster.organization)
    curation.set_featured(admin, scenario.id, True)
    curation.set_featured(admin, scenario.id, False)
    assert [e.action for e in _entries() if e.action.startswith("scenario.") and "feature" in e.action] == [
        "scenario.feature",
        "scenario.unfeature",
    ]


def test_only_a_published_scenario_can_be_featured(admin, poster):
    with pytest.raises(InvalidInput):
        curation.set_featured(admin, _pending(poster).id, True)


def test_bulk_approve_publishes_the_selected_rows_in_one_go_and_skips_what_cannot_change(admin, poster, outbox):
    a, b = _pending(poster, title="第一个待审场景"), _pending(poster, title="第二个待审场景")
    draft = make_scenario(owner=poster.organization, status="draft", title="草稿场景不该发布")
    vendor = make_vendor_user(status="pending").organization.vendor_profile
    result = curation.review_many(
        admin,
        [f"scenario:{a.id}", f"scenario:{b.id}", f"scenario:{draft.id}", f"vendor:{vendor.id}", "nonsense"],
        ReviewDecision("approve"),
    )
    assert sorted(result.done) == sorted(["第一个待审场景", "第二个待审场景", vendor.organization.name])
    assert [title for title, _why in result.skipped] == ["草稿场景不该发布"]
    _db.session.expire_all()
    assert {_db.session.get(Scenario, s.id).status for s in (a, b)} == {"published"}
    assert _db.session.get(Scenario, draft.id).status == "draft"
    assert len(_entries("review.bulk_approve")) == 1
    assert len(outbox) == 3  # the poster twice, the vendor once


def test_bulk_reject_needs_one_reason_and_sends_it_to_every_owner(admin, poster, outbox):
    a, b = _pending(poster), _pending(poster, title="另一个待审场景")
    with pytest.raises(InvalidInput):
        curation.review_many(admin, [f"scenario:{a.id}", f"scenario:{b.id}"], ReviewDecision("reject", ""))
    result = curation.review_many(
        admin, [f"scenario:{a.id}", f"scenario:{b.id}"], ReviewDecision("reject", "Both describe hiring, not AI.")
    )
    assert len(result.done) == 2
    assert all("Both describe hiring" in m.body for m in outbox)


def test_the_queue_lists_the_longest_waiting_first_with_both_kinds_and_filters(admin, poster):
    now = datetime.now(UTC)
    late = _pending(poster, title="昨天提交的场景", submitted_at=now - timedelta(days=1), district="jimo")
    early = _pending(poster, title="上周提交的场景", submitted_at=now - timedelta(days=7), district="laoshan")
    vendor = make_vendor(status="pending", submitted_at=now - timedelta(days=3))
    page = curation.review_queue(admin, ReviewQuery())
    assert [i.listing.id for i in page.items] == [early.id, vendor.id, late.id]
    assert [i.kind for i in page.items] == ["scenario", "vendor", "scenario"]
    only_jimo = curation.review_queue(admin, ReviewQuery(kind="scenario", district="jimo"))
    assert [i.listing.id for i in only_jimo.items] == [late.id]


def test_queue_pages_merge_both_kinds_in_waiting_order_and_a_page_past_the_end_shows_the_last(admin, poster):
    now = datetime.now(UTC)
    ids = []
    for days in (9, 7, 5, 3, 1):  # scenarios and profiles alternate in waiting order
        if days in (7, 3):
            ids.append(make_vendor(status="pending", submitted_at=now - timedelta(days=days)).id)
        else:
            ids.append(_pending(poster, title=f"{days}天前提交的场景", submitted_at=now - timedelta(days=days)).id)
    pages = [curation.review_queue(admin, ReviewQuery(page=n, per_page=2)) for n in (1, 2, 3, 9)]
    assert [[i.listing.id for i in p.items] for p in pages[:3]] == [ids[0:2], ids[2:4], ids[4:5]]
    assert pages[0].total == 5 and pages[0].pages == 3
    assert pages[3].page == 3 and [i.listing.id for i in pages[3].items] == ids[4:5]


def test_an_admin_edit_keeps_the_status_and_records_each_changed_field(admin, poster):
    text = "每班三名质检员肉眼检查胎面，夜班疲劳时漏检率高，客户投诉多。"
    scenario = make_scenario(owner=poster.organization, description=text)
    curation.edit_scenario(
        admin,
        scenario.id,
        ScenarioInput(title="胎面外观缺陷人工目检漏检多", description=text, district="jimo"),
        contact="王工 13800000000",
        note="typo in the title",
    )
    [entry] = _entries("scenario.edit")
    assert entry.before == {"title": "胎面外观缺陷人工目检效率低", "district": None, "contact": None}
    assert entry.after == {"title": "胎面外观缺陷人工目检漏检多", "district": "jimo", "contact": "王工 13800000000"}
    assert entry.note == "typo in the title"
    _db.session.expire_all()
    assert _db.session.get(Scenario, scenario.id).status == "published"


def test_verifying_an_organization_is_recorded_and_can_be_withdrawn(admin):
    org = make_org(kind="vendor", name="青岛视觉验证测试")
    curation.set_organization_verified(admin, org.id, True, "licence checked")
    curation.set_organization_verified(admin, org.id, False)
    assert [(e.action, e.note) for e in _entries() if e.object_type == "organization"] == [
        ("organization.verify", "licence checked"),
        ("organization.unverify", None),
    ]


def test_a_suspended_user_is_signed_out_and_cannot_log_in_until_restored(admin, poster, client, login_as):
    from app.services.accounts import InvalidCredentials, authenticate

    login_as(poster)
    assert client.get("/my/scenarios").status_code == 200
    curation.suspend_user(admin, poster.id, "Posting spam listings")
    response = client.get("/my/scenarios")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    with pytest.raises(InvalidCredentials):
        authenticate(LoginInput(poster.email, PASSWORD))
    curation.restore_user(admin, poster.id)
    assert authenticate(LoginInput(poster.email, PASSWORD)).id == poster.id
    assert [e.action for e in _entries() if e.object_type == "user"] == ["user.suspend", "user.restore"]


def test_an_admin_cannot_suspend_themselves(admin):
    with pytest.raises(InvalidInput):
        curation.suspend_user(admin, admin.id, "locking myself out")


def test_matches_of_a_rejected_published_scenario_are_removed(admin):
    catalogue = make_match_catalogue()
    matches.rebuild_all()
    scenario = catalogue["s1"]
    curation.review_listing(admin, "scenario", scenario.id, ReviewDecision("reject", "Duplicate of another list"))
    assert _db.session.scalar(sa.select(sa.func.count(Match.id)).where(Match.scenario_id == scenario.id)) == 0
