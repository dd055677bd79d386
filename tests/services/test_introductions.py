"""Organizations nobody has claimed: requests wait for an introduction, claim invitations, approvals, expiry."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, ClaimInvitation, IntroRequest, Notification, User
from app.services import introductions as intro
from app.services import requests as request_service
from app.services.errors import InvalidInput, PermissionDenied
from app.services.inputs import ClaimInviteInput, ClaimRegistrationInput, InterestInput, InvitationInput
from tests.factories import make_org, make_scenario, make_user, make_vendor

PROPOSAL = InterestInput(approach="用三台线阵相机加缺陷检测模型替代人工目检，先在一条产线试点。")
START = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def _unclaimed_scenario_and_seller(website="https://www.tyre.example.com"):
    owner = make_org(name="青岛未入驻轮胎有限公司", website=website, contact_email="info@tyre.example.com")
    scenario = make_scenario(owner=owner)
    profile = make_vendor()
    seller = make_user("vendor", organization=profile.organization, email="seller@vision.example")
    admin = make_user("admin", email="admin@keting.example")
    db.session.commit()
    return scenario, seller, admin


def _token(message) -> str:
    return re.search(r"/claim/([^?\s]+)", message.body).group(1)


def test_interest_in_an_unclaimed_scenario_waits_for_an_introduction_and_never_expires(db, clock):
    clock(START)
    scenario, seller, _admin = _unclaimed_scenario_and_seller()
    made = request_service.express_interest(seller, scenario.id, PROPOSAL)
    assert made.awaiting_claim is True
    clock.shift(timedelta(days=60))
    assert request_service.effective_state(made) == "open"
    assert request_service.expire_requests().expired == 0
    assert db.session.get(IntroRequest, made.id).state == "open"


def test_a_request_to_an_organization_with_members_starts_its_clock_at_once(db):
    boss = make_user("enterprise")
    scenario = make_scenario(owner=boss.organization)
    profile = make_vendor()
    seller = make_user("vendor", organization=profile.organization)
    db.session.commit()
    assert request_service.express_interest(seller, scenario.id, PROPOSAL).awaiting_claim is False


def test_an_invitation_to_an_unclaimed_vendor_waits_too(db):
    boss = make_user("enterprise")
    scenario = make_scenario(owner=boss.organization)
    vendor = make_vendor(name="禾衡视觉")
    db.session.commit()
    made = request_service.invite_vendor(boss, scenario.id, vendor.id, InvitationInput("想约您聊聊这个场景的方案。"))
    assert made.awaiting_claim is True
    queue = intro.introduction_queue(make_user("admin"), "waiting")
    assert [i.organization.id for i in queue.items] == [vendor.organization_id]


def test_only_admins_see_the_queue_and_send_invitations(db):
    scenario, seller, _admin = _unclaimed_scenario_and_seller()
    with pytest.raises(PermissionDenied):
        intro.introduction_queue(seller)
    with pytest.raises(PermissionDenied):
        intro.send_claim_invitation(seller, scenario.owner_id, ClaimInviteInput("info@tyre.example.com"))


def test_the_queue_shows_the_pair_the_proposal_and_the_recorded_contact(db):
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    request_service.express_interest(seller, scenario.id, PROPOSAL)
    item = intro.introduction_queue(admin).items[0]
    assert item.waiting[0].approach == PROPOSAL.approach
    assert item.suggested_email == "info@tyre.example.com" and item.stage == "waiting"


def test_a_claim_at_the_website_domain_releases_the_requests_and_starts_the_clock_then(db, clock, outbox):
    clock(START)
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    made = request_service.express_interest(seller, scenario.id, PROPOSAL)
    clock.shift(timedelta(days=20))
    invitation = intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("it@tyre.example.com"))
    assert invitation.domain_matches
    mail = outbox[-1]
    assert mail.recipients == ["it@tyre.example.com"] and "您好" in mail.body and "/claim/" in mail.body
    clock.shift(timedelta(days=2))
    claimed_at = datetime.now(UTC)
    result = intro.register_through_claim(ClaimRegistrationInput(_token(mail), "王经理", "a-good-password"))
    assert result.user is not None and result.user.organization_id == scenario.owner_id
    request = db.session.get(IntroRequest, made.id)
    assert request.awaiting_claim is False
    assert request_service.as_utc(request.created_at) == START  # the original date stays
    assert request_service.expires_at(request) == claimed_at + timedelta(days=14)
    kinds = set(db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == result.user.id)))
    assert kinds == {"interest_received"}
    assert (
        db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == seller.id)) == "request_introduced"
    )
    clock.shift(timedelta(days=13))
    assert request_service.effective_state(request) == "open"
    clock.shift(timedelta(days=2))
    assert request_service.effective_state(request) == "expired"


def test_the_new_member_can_accept_and_a_room_opens(db, outbox):
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    made = request_service.express_interest(seller, scenario.id, PROPOSAL)
    intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("it@tyre.example.com"))
    user = intro.register_through_claim(ClaimRegistrationInput(_token(outbox[-1]), "王经理", "a-good-password")).user
    connection = request_service.accept_request(user, made.id)
    assert connection.request_id == made.id


def test_an_address_outside_the_domain_needs_an_admins_approval(db, outbox):
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    made = request_service.express_interest(seller, scenario.id, PROPOSAL)
    invitation = intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("wang@mail.example.cn"))
    assert not invitation.domain_matches
    result = intro.register_through_claim(ClaimRegistrationInput(_token(outbox[-1]), "王经理", "a-good-password"))
    assert result.user is None and result.invitation.state == "awaiting_approval"
    assert db.session.scalar(sa.select(User).where(User.email == "wang@mail.example.cn")) is None
    assert db.session.get(IntroRequest, made.id).awaiting_claim is True
    user = intro.approve_registration(admin, invitation.id)
    assert user.organization_id == scenario.owner_id
    assert db.session.get(IntroRequest, made.id).awaiting_claim is False
    assert outbox[-1].recipients == ["wang@mail.example.cn"] and "/auth/login" in outbox[-1].body
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"introduction.invite", "introduction.registered", "introduction.approve"} <= actions


def test_a_refused_registration_makes_no_member_and_the_requests_keep_waiting(db, outbox):
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    made = request_service.express_interest(seller, scenario.id, PROPOSAL)
    invitation = intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("x@mail.example.cn"))
    intro.register_through_claim(ClaimRegistrationInput(_token(outbox[-1]), "某人", "a-good-password"))
    intro.reject_registration(admin, invitation.id, "无法核实身份")
    assert db.session.get(ClaimInvitation, invitation.id).state == "rejected"
    assert db.session.get(IntroRequest, made.id).awaiting_claim is True
    assert scenario.owner.is_unclaimed


def test_a_claim_link_works_once(db, outbox):
    scenario, _seller, admin = _unclaimed_scenario_and_seller()
    intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("it@tyre.example.com"))
    token = _token(outbox[-1])
    intro.register_through_claim(ClaimRegistrationInput(token, "王经理", "a-good-password"))
    with pytest.raises(intro.InvalidClaimLink):
        intro.register_through_claim(ClaimRegistrationInput(token, "别人", "another-password"))


def test_a_claim_link_expires(db, clock, outbox, app):
    clock(START)
    scenario, _seller, admin = _unclaimed_scenario_and_seller()
    intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("it@tyre.example.com"))
    token = _token(outbox[-1])
    clock.shift(timedelta(days=app.config["CLAIM_INVITATION_DAYS"], seconds=5))
    with pytest.raises(intro.InvalidClaimLink, match=r"expired|过期"):
        intro.open_claim_link(token)


def test_a_tampered_or_replaced_link_is_refused(db, outbox):
    scenario, _seller, admin = _unclaimed_scenario_and_seller()
    intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("it@tyre.example.com"))
    first = _token(outbox[-1])
    with pytest.raises(intro.InvalidClaimLink):
        intro.open_claim_link(first[:-3] + "abc")
    intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("boss@tyre.example.com"))
    with pytest.raises(intro.InvalidClaimLink):
        intro.open_claim_link(first)
    assert intro.open_claim_link(_token(outbox[-1])).state == "opened"


def test_opening_the_link_is_recorded(db, outbox):
    scenario, _seller, admin = _unclaimed_scenario_and_seller()
    invitation = intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("it@tyre.example.com"))
    intro.open_claim_link(_token(outbox[-1]))
    again = db.session.get(ClaimInvitation, invitation.id)
    assert again.state == "opened" and again.opened_at is not None


def test_an_invitation_can_be_marked_bounced_and_sent_again(db, outbox):
    scenario, _seller, admin = _unclaimed_scenario_and_seller()
    invitation = intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("it@tyre.example.com"))
    intro.close_invitation(admin, invitation.id, "bounced", "退信：邮箱不存在")
    assert db.session.get(ClaimInvitation, invitation.id).closed_by_id == admin.id
    assert intro.introduction_queue(admin, "closed").items[0].organization.id == scenario.owner_id
    again = intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("boss@tyre.example.com"))
    assert again.state == "invited"


def test_an_organization_with_members_cannot_be_invited(db):
    boss = make_user("enterprise")
    admin = make_user("admin")
    db.session.commit()
    with pytest.raises(InvalidInput):
        intro.send_claim_invitation(admin, boss.organization_id, ClaimInviteInput("x@example.com"))


def test_a_bad_address_changes_nothing(db):
    scenario, _seller, admin = _unclaimed_scenario_and_seller()
    with pytest.raises(InvalidInput):
        intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("not an email"))
    assert db.session.scalar(sa.select(sa.func.count(ClaimInvitation.id))) == 0


def test_bulk_invitations_send_one_each_and_skip_those_without_an_address(db, outbox):
    admin = make_user("admin")
    with_email = [make_org(name=f"有邮箱{i}", contact_email=f"info{i}@org{i}.example.com") for i in range(3)]
    no_email = make_org(name="无邮箱")
    member = make_user("enterprise").organization
    db.session.commit()
    report = intro.bulk_claim_invite(admin, [o.id for o in with_email] + [no_email.id, member.id])
    assert {o.id for o in report.sent} == {o.id for o in with_email}
    assert [o.id for o in report.no_email] == [no_email.id]
    assert [o.id for o in report.not_unclaimed] == [member.id]
    assert sorted(m.recipients[0] for m in outbox) == sorted(o.contact_email for o in with_email)
    again = intro.bulk_claim_invite(admin, [o.id for o in with_email])
    assert not again.sent and len(again.already_invited) == 3


def test_the_email_is_in_english_when_asked(db, outbox):
    scenario, _seller, admin = _unclaimed_scenario_and_seller()
    intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("it@tyre.example.com", locale="en"))
    assert "Hello," in outbox[-1].body and "lang=en" in outbox[-1].body


@pytest.mark.parametrize(
    "email,website,expected",
    [
        ("a@tyre.example.com", "https://www.tyre.example.com", True),
        ("a@mail.tyre.example.com", "tyre.example.com", True),
        ("a@tyre.example.com.evil.cn", "https://tyre.example.com", False),
        ("a@gmail.com", "https://tyre.example.com", False),
        ("a@tyre.example.com", None, False),
    ],
)
def test_the_domain_rule(email, website, expected):
    assert intro.email_matches_website(email, website) is expected


def test_admins_are_told_when_a_request_waits_and_when_a_registration_needs_approval(db, outbox):
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    request_service.express_interest(seller, scenario.id, PROPOSAL)
    assert (
        db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == admin.id)) == "introduction_needed"
    )
    assert "/admin/introductions" in outbox[-1].body
    intro.send_claim_invitation(admin, scenario.owner_id, ClaimInviteInput("x@mail.example.cn"))
    intro.register_through_claim(ClaimRegistrationInput(_token(outbox[-1]), "某人", "a-good-password"))
    kinds = list(
        db.session.scalars(
            sa.select(Notification.kind).where(Notification.user_id == admin.id).order_by(Notification.id)
        )
    )
    assert kinds == ["introduction_needed", "claim_awaiting_approval"]


def test_the_dashboard_counts_waiting_requests_apart_from_unanswered_ones(db, clock, app):
    from app.services import dashboard

    clock(START)
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    request_service.express_interest(seller, scenario.id, PROPOSAL)
    clock.shift(timedelta(days=app.config["UNANSWERED_AFTER_DAYS"] + 1))
    data = dashboard.dashboard(admin)
    assert data.awaiting_introduction == 1 and data.unanswered_total == 0


def test_the_seeded_catalogue_is_unclaimed_with_recorded_contacts_and_reseeding_keeps_an_admins_edit(db):
    from app.models import Organization
    from app.services.inputs import OrganizationContactInput
    from seeds.loader import load_all

    load_all()
    orgs = list(db.session.scalars(sa.select(Organization).where(Organization.external_ref.like("seed:%"))))
    assert orgs and all(o.is_unclaimed for o in orgs)
    with_email = [o for o in orgs if o.contact_email]
    assert 0 < len(with_email) < len(orgs)  # some have no contact, as in real lists
    heheng = next(o for o in orgs if "禾衡" in o.name)
    admin = make_user("admin")
    db.session.commit()
    intro.update_contact(admin, heheng.id, OrganizationContactInput(contact_email="ceo@heheng.example.com"))
    load_all()
    assert db.session.get(Organization, heheng.id).contact_email == "ceo@heheng.example.com"


def test_an_organization_nothing_waits_for_can_still_be_opened_in_the_queue_and_invited(db):
    admin = make_user("admin")
    org = make_org(name="导入的机构")
    db.session.commit()
    assert intro.introduction_queue(admin, "all").items == []
    queue = intro.introduction_queue(admin, org_id=org.id)
    assert [i.organization.id for i in queue.items] == [org.id] and queue.counts["all"] == 0


def test_the_bulk_list_holds_only_organizations_without_members_those_with_requests_first(db):
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    quiet = make_org(name="安静的机构", contact_email="a@quiet.example.com")
    request_service.express_interest(seller, scenario.id, PROPOSAL)
    rows = intro.unclaimed_organizations(admin, kind="enterprise")
    ids = [r.organization.id for r in rows]
    assert ids[0] == scenario.owner_id and quiet.id in ids
    assert seller.organization_id not in ids and rows[0].waiting == 1
    assert [r.organization.id for r in intro.unclaimed_organizations(admin, q="安静")] == [quiet.id]


def test_an_organization_requests_wait_for_comes_first_even_past_the_list_limit(db):
    scenario, seller, admin = _unclaimed_scenario_and_seller()
    scenario.owner.name = "最后一个字母序的机构"  # sorts after the others by name
    for i in range(3):
        make_org(name=f"按名称靠前的机构{i}")
    request_service.express_interest(seller, scenario.id, PROPOSAL)
    rows = intro.unclaimed_organizations(admin, kind="enterprise", limit=2)
    assert rows[0].organization.id == scenario.owner_id and rows[0].waiting == 1
    assert len(rows) == 2
