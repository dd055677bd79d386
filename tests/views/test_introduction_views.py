"""Introductions pages: admin-only queue, the claim page, badges and the feed's "on Keting" filter."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.extensions import db
from app.models import ClaimInvitation, IntroRequest
from app.services import introductions as intro
from app.services.inputs import ClaimInviteInput
from tests.factories import make_intro_request, make_org, make_scenario, make_user, make_vendor


def _waiting():
    owner = make_org(
        name="青岛未入驻轮胎有限公司", contact_email="info@tyre.example.com", website="https://tyre.example.com"
    )
    scenario = make_scenario(owner=owner)
    request = make_intro_request(scenario=scenario, awaiting_claim=True)
    admin = make_user("admin")
    db.session.commit()
    return owner, scenario, request, admin


def test_only_admins_reach_the_queue(client, db, login_as):
    _waiting()
    assert client.get("/admin/introductions").status_code == 302
    login_as(make_user("vendor"))
    assert client.get("/admin/introductions").status_code == 403


def test_the_queue_lists_the_waiting_pair_with_its_proposal(client, db, login_as):
    owner, _scenario, request, admin = _waiting()
    login_as(admin)
    page = client.get("/admin/introductions?lang=zh").get_data(as_text=True)
    assert owner.name in page and request.approach in page and "info@tyre.example.com" in page


def test_sending_from_the_queue_records_and_mails(client, db, login_as, outbox):
    owner, _scenario, _request, admin = _waiting()
    login_as(admin)
    response = client.post(
        f"/admin/introductions/{owner.id}/invite",
        data={f"o{owner.id}-email": "it@tyre.example.com", f"o{owner.id}-locale": "zh_Hans"},
    )
    assert response.status_code == 302
    assert db.session.scalar(sa.select(ClaimInvitation.email)) == "it@tyre.example.com"
    assert outbox[0].recipients == ["it@tyre.example.com"]


def test_a_bad_address_from_the_queue_is_refused_with_a_message(client, db, login_as):
    owner, _scenario, _request, admin = _waiting()
    login_as(admin)
    response = client.post(
        f"/admin/introductions/{owner.id}/invite",
        data={f"o{owner.id}-email": "nope", f"o{owner.id}-locale": "zh_Hans"},
        follow_redirects=True,
    )
    assert response.status_code == 200 and "flash-error" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ClaimInvitation.id))) == 0


def test_the_claim_page_registers_and_a_used_link_says_so(client, db, outbox):
    owner, _scenario, request, admin = _waiting()
    intro.send_claim_invitation(admin, owner.id, ClaimInviteInput("it@tyre.example.com"))
    path = re.search(r"https?://[^/\s]+(/claim/\S+)", outbox[-1].body).group(1)
    assert client.get(path).status_code == 200
    response = client.post(
        path, data={"display_name": "王经理", "password": "a-good-password", "confirm": "a-good-password"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/my/requests")
    assert db.session.get(IntroRequest, request.id).awaiting_claim is False
    client.get("/auth/logout")
    assert client.get(path).status_code == 410


def test_a_garbled_claim_link_is_a_clear_page_not_an_error(client, db):
    response = client.get("/claim/not-a-token")
    assert response.status_code == 410 and "无效" in response.get_data(as_text=True)


def test_lists_and_pages_mark_organizations_not_on_keting(client, db):
    owner = make_org(name="青岛未入驻轮胎有限公司")
    scenario = make_scenario(owner=owner)
    vendor = make_vendor()
    db.session.commit()
    for url in (
        "/scenarios?lang=zh",
        f"/scenarios/{scenario.id}?lang=zh",
        "/vendors?lang=zh",
        f"/vendors/{vendor.id}?lang=zh",
    ):
        assert "尚未入驻客厅 — 客厅将为您引荐" in client.get(url).get_data(as_text=True), url
    assert "Not on Keting yet — the living room will introduce you" in client.get(
        f"/scenarios/{scenario.id}?lang=en"
    ).get_data(as_text=True)


def test_an_organization_with_members_has_no_badge(client, db):
    boss = make_user("enterprise")
    scenario = make_scenario(owner=boss.organization)
    db.session.commit()
    assert "badge-unclaimed" not in client.get(f"/scenarios/{scenario.id}").get_data(as_text=True)


def test_the_match_feed_filters_by_on_keting(client, db, login_as):
    from app.models import Match

    profile = make_vendor()
    seller = make_user("vendor", organization=profile.organization)
    on = make_scenario(owner=make_user("enterprise").organization, title="已入驻企业的场景")
    off = make_scenario(owner=make_org(), title="未入驻企业的场景")
    for rank, s in enumerate((off, on), 1):
        db.session.add(Match(scenario_id=s.id, vendor_id=profile.id, score=0.9 - rank / 10, rank=rank, reasons=[]))
    db.session.commit()
    login_as(seller)
    only_on = client.get("/my/matches?keting=on").get_data(as_text=True)
    assert "已入驻企业的场景" in only_on and "未入驻企业的场景" not in only_on
    only_off = client.get("/my/matches?keting=off").get_data(as_text=True)
    assert "未入驻企业的场景" in only_off and "已入驻企业的场景" not in only_off
    first = client.get("/my/matches?sort=on_keting").get_data(as_text=True)
    assert first.index("已入驻企业的场景") < first.index("未入驻企业的场景")


def test_the_interest_form_warns_before_sending(client, db, login_as):
    scenario = make_scenario(owner=make_org())
    profile = make_vendor()
    login_as(make_user("vendor", organization=profile.organization))
    page = client.get(f"/scenarios/{scenario.id}/interest?lang=zh").get_data(as_text=True)
    assert "尚未入驻客厅" in page and "发送给客厅管理员引荐" in page


def test_an_unclaimed_organizations_admin_page_links_to_inviting_it_by_hand(client, db, login_as):
    org = make_org(name="导入的机构")
    admin = make_user("admin")
    login_as(admin)
    page = client.get(f"/admin/organizations/{org.id}").get_data(as_text=True)
    assert f"/admin/introductions?org={org.id}" in page
    card = client.get(f"/admin/introductions?org={org.id}").get_data(as_text=True)
    assert "导入的机构" in card and f"/admin/introductions/{org.id}/invite" in card
