"""The living room through its pages: interest or invitation, the answer, the room, and who may see what."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import Connection, IntroRequest, Meeting, Message, Notification
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor
from tests.views.helpers import count, field_error, hidden_value

PROPOSAL = {
    "approach": "用三台线阵相机加缺陷检测模型替代人工目检，先在一条产线试点两个月。",
    "similar_cases": "为另一家轮胎厂做过胎侧检测，漏检率从 3% 降到 0.4%。",
    "rough_cost": "40–60 万元",
    "rough_time": "8 周出试点结果",
}


def _pair(verified: bool = False, confidentiality: str = "public"):
    """An enterprise user with a published scenario, and a vendor user with a published profile."""
    boss = make_user("enterprise", display_name="王工", email="wang@tyre.example")
    scenario = make_scenario(
        owner=boss.organization,
        created_by=boss,
        confidentiality=confidentiality,
        description="这段详细描述只给有请求的认证厂商看。",
    )
    profile = make_vendor(name="青视科技", org_kw={"verified": verified, "website": "https://qingshi.example"})
    seller = make_user("vendor", organization=profile.organization, display_name="李经理", email="li@qingshi.example")
    db.session.commit()
    return boss, scenario, profile, seller


def _text(response) -> str:
    return response.get_data(as_text=True)


def _request(scenario, profile) -> IntroRequest:
    db.session.expire_all()
    return db.session.scalar(
        sa.select(IntroRequest).where(IntroRequest.scenario_id == scenario.id, IntroRequest.vendor_id == profile.id)
    )


# The whole path ---------------------------------------------------------------------------------------


def test_interest_accept_room_message_meeting_outcome_and_close(client, login_as, outbox):
    boss, scenario, profile, seller = _pair()
    login_as(seller)
    assert "表达合作意向" in _text(client.get(f"/scenarios/{scenario.id}"))
    response = client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL)
    req = _request(scenario, profile)
    assert response.status_code == 302 and response.location.endswith(f"/requests/{req.id}")
    assert (req.kind, req.state, req.rough_cost) == ("interest", "open", "40–60 万元")
    assert [m.recipients for m in outbox] == [["wang@tyre.example"]]
    assert "青视科技" in outbox[0].subject and PROPOSAL["approach"] in outbox[0].body

    login_as(boss)
    page = _text(client.get("/my/requests"))
    assert scenario.title in page and "等待答复" in page
    detail = _text(client.get(f"/requests/{req.id}"))
    assert PROPOSAL["similar_cases"] in detail and "40–60 万元" in detail
    response = client.post(f"/requests/{req.id}/accept")
    connection = db.session.scalar(sa.select(Connection))
    assert response.location.endswith(f"/rooms/{connection.id}")
    assert outbox[-1].recipients == ["li@qingshi.example"]

    room = _text(client.get(f"/rooms/{connection.id}"))
    for contact in ("wang@tyre.example", "li@qingshi.example", "王工", "李经理", "https://qingshi.example"):
        assert contact in room
    assert "表达了意向" in room and "接受了" in room  # the timeline

    client.post(f"/rooms/{connection.id}/messages", data={"body": "漏检率要 <0.5% & 节拍 >2 条/分钟\n下周方便通话吗？"})
    login_as(seller)
    room = _text(client.get(f"/rooms/{connection.id}"))
    assert "漏检率要 &lt;0.5% &amp; 节拍 &gt;2 条/分钟" in room  # plain text, escaped
    assert client.post(f"/rooms/{connection.id}/messages", data={"body": "<script>x</script>"}).status_code == 422

    tomorrow = (datetime.now(UTC) + timedelta(days=2)).astimezone().strftime("%Y-%m-%d")
    client.post(
        f"/rooms/{connection.id}/meetings",
        data={
            "topic": "现场勘查",
            "location": "即墨工厂",
            "duration": "60",
            "slot1": f"{tomorrow}T10:00",
            "slot2": f"{tomorrow}T15:00",
        },
    )
    meeting = db.session.scalar(sa.select(Meeting))
    assert [s.position for s in meeting.slots] == [1, 2]

    login_as(boss)
    slot = meeting.slots[1]
    client.post(f"/rooms/{connection.id}/meetings/{meeting.id}/confirm", data={"slot": str(slot.id)})
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).state == "confirmed"
    ics = client.get(f"/rooms/{connection.id}/meetings/{meeting.id}.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    assert b"\r\nDTSTART:" in ics.data and b"T070000Z" in ics.data  # 15:00 Beijing time is 07:00 UTC

    client.post(f"/rooms/{connection.id}/outcome", data={"outcome": "pilot"})
    login_as(seller)
    client.post(f"/rooms/{connection.id}/outcome", data={"outcome": "contract"})
    db.session.expire_all()
    connection = db.session.get(Connection, connection.id)
    assert connection.outcome == "contract" and connection.pilot_started_at and connection.contract_signed_at

    login_as(boss)
    client.post(f"/my/scenarios/{scenario.id}/close", data={"outcome": "solved_platform"})
    room = _text(client.get(f"/rooms/{connection.id}"))
    assert "试点已启动" in room and "已签约" in room and "关闭了场景" in room


def test_notification_emails_and_calendar_files_link_to_site_url_not_the_requests_host(
    client, app, login_as, outbox, monkeypatch
):
    monkeypatch.setitem(app.config, "SITE_URL", "https://keting.example")
    evil = {"Host": "evil.example"}

    def sign_in(user):  # the test client keeps cookies per host: carry the session to the forged one too
        login_as(user)
        name = app.config["SESSION_COOKIE_NAME"]
        client.set_cookie(name, client.get_cookie(name).value, domain="evil.example")

    boss, scenario, profile, seller = _pair()
    sign_in(seller)
    client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL, headers=evil)
    req = _request(scenario, profile)
    sign_in(boss)
    client.post(f"/requests/{req.id}/accept", headers=evil)
    connection = db.session.scalar(sa.select(Connection))
    assert [m.recipients for m in outbox] == [["wang@tyre.example"], ["li@qingshi.example"]]
    assert f"https://keting.example/requests/{req.id}" in outbox[0].body
    assert f"https://keting.example/rooms/{connection.id}" in outbox[1].body
    assert not any("evil.example" in m.body for m in outbox)

    tomorrow = (datetime.now(UTC) + timedelta(days=2)).astimezone().strftime("%Y-%m-%d")
    client.post(
        f"/rooms/{connection.id}/meetings",
        headers=evil,
        data={"topic": "现场勘查", "location": "即墨工厂", "duration": "60", "slot1": f"{tomorrow}T10:00"},
    )
    meeting = db.session.scalar(sa.select(Meeting))
    sign_in(seller)
    client.post(
        f"/rooms/{connection.id}/meetings/{meeting.id}/confirm", headers=evil, data={"slot": str(meeting.slots[0].id)}
    )
    ics = client.get(f"/rooms/{connection.id}/meetings/{meeting.id}.ics", headers=evil)
    assert ics.status_code == 200 and b"evil.example" not in ics.data
    assert f"https://keting.example/rooms/{connection.id}".encode() in ics.data.replace(b"\r\n ", b"")
    assert not any("evil.example" in m.body for m in outbox)


def test_invitation_first_the_vendor_accepts(client, login_as, outbox):
    boss, scenario, profile, seller = _pair()
    login_as(boss)
    assert client.get(f"/scenarios/{scenario.id}/invite/{profile.id}").status_code == 200
    client.post(
        f"/scenarios/{scenario.id}/invite/{profile.id}", data={"message": "看了贵司的胎侧案例，想约个时间聊聊。"}
    )
    req = _request(scenario, profile)
    assert req.kind == "invitation" and outbox[-1].recipients == ["li@qingshi.example"]

    login_as(seller)
    page = _text(client.get("/my/requests"))
    assert "企业的邀请" in page
    # Expressing interest now leads to the invitation instead of making a second request.
    response = client.get(f"/scenarios/{scenario.id}/interest")
    assert response.location.endswith(f"/requests/{req.id}")
    client.post(f"/requests/{req.id}/accept")
    assert count(Connection) == 1 and _request(scenario, profile).state == "accepted"
    assert outbox[-1].recipients == ["wang@tyre.example"]


def test_a_decline_with_its_reason_is_shown_to_the_requester(client, login_as, outbox):
    boss, scenario, profile, seller = _pair()
    req = make_intro_request(scenario=scenario, vendor=profile, requested_by=seller)
    login_as(boss)
    response = client.post(f"/requests/{req.id}/decline", data={"reason": "other"})
    assert response.status_code == 422 and field_error(response, "note")
    client.post(f"/requests/{req.id}/decline", data={"reason": "budget", "note": "今年预算只够做一半。"})
    assert _request(scenario, profile).state == "declined"
    assert "预算" in outbox[-1].body and "今年预算只够做一半" in outbox[-1].body

    login_as(seller)
    detail = _text(client.get(f"/requests/{req.id}"))
    assert "预算不匹配" in detail and "今年预算只够做一半" in detail
    assert "预算不匹配" in _text(client.get("/my/requests"))


def test_an_unanswered_request_reads_as_expired_and_cannot_be_accepted(client, login_as, outbox, app):
    boss, scenario, profile, seller = _pair()
    old = datetime.now(UTC) - timedelta(days=app.config["REQUEST_EXPIRY_DAYS"] + 1)
    req = make_intro_request(scenario=scenario, vendor=profile, requested_by=seller, created_at=old)
    login_as(seller)
    assert "已过期" in _text(client.get("/my/requests"))
    login_as(boss)
    response = client.post(f"/requests/{req.id}/accept")
    assert response.status_code == 302 and count(Connection) == 0
    assert _request(scenario, profile).state == "expired"
    assert sorted(m.recipients[0] for m in outbox) == ["li@qingshi.example", "wang@tyre.example"]
    # A new request can be made once the old one expired.
    login_as(seller)
    client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL)
    assert db.session.scalar(sa.select(sa.func.count(IntroRequest.id)).where(IntroRequest.state == "open")) == 1


def test_a_double_submitted_interest_makes_one_request(client, login_as, outbox):
    _boss, scenario, _profile, seller = _pair()
    login_as(seller)
    first = client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL)
    second = client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL)
    assert count(IntroRequest) == 1 and first.location == second.location
    assert len(outbox) == 1


def test_a_double_clicked_message_posts_once(client, login_as):
    connection = make_connection()
    seller = make_user("vendor", organization=connection.vendor.organization)
    login_as(seller)
    token = hidden_value(client.get(f"/rooms/{connection.id}"), "form_token")
    for _ in range(2):
        client.post(f"/rooms/{connection.id}/messages", data={"body": "你好", "form_token": token})
    assert count(Message) == 1


def test_messages_are_paginated_newest_last(client, login_as, app):
    connection = make_connection()
    seller = make_user("vendor", organization=connection.vendor.organization)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    per_page = app.config["ROOM_MESSAGES_PER_PAGE"]
    for i in range(per_page + 5):
        db.session.add(
            Message(
                connection_id=connection.id,
                author=seller,
                author_org_id=seller.organization_id,
                body=f"消息{i:03d}",
                created_at=start + timedelta(minutes=i),
            )
        )
    login_as(seller)
    last = _text(client.get(f"/rooms/{connection.id}"))
    assert last.index("消息033") < last.index("消息034") and "消息000" not in last
    first = _text(client.get(f"/rooms/{connection.id}?page=1"))
    assert "消息000" in first and "消息034" not in first


# Who may see what -------------------------------------------------------------------------------------


def test_a_vendor_cannot_read_another_pairs_room(client, login_as):
    connection = make_connection()
    outsider = make_user("vendor", organization=make_vendor().organization)
    login_as(outsider)
    assert client.get(f"/rooms/{connection.id}").status_code == 404
    assert client.post(f"/rooms/{connection.id}/messages", data={"body": "我来看看"}).status_code == 404
    assert client.get(f"/requests/{connection.request_id}").status_code == 404
    assert count(Message) == 0


def test_an_enterprise_cannot_accept_for_another_organization(client, login_as):
    req = make_intro_request()
    other = make_user("enterprise")
    login_as(other)
    assert client.post(f"/requests/{req.id}/accept").status_code == 404
    db.session.expire_all()
    assert db.session.get(IntroRequest, req.id).state == "open" and count(Connection) == 0


def test_the_requesting_vendor_cannot_accept_its_own_interest(client, login_as):
    _boss, scenario, profile, seller = _pair()
    req = make_intro_request(scenario=scenario, vendor=profile, requested_by=seller)
    login_as(seller)
    assert client.post(f"/requests/{req.id}/accept").status_code == 403
    assert _request(scenario, profile).state == "open"


def test_an_admin_reads_a_room_but_cannot_write_in_it(client, login_as):
    connection = make_connection()
    login_as(make_user("admin", organization=None))
    assert "管理员" in _text(client.get(f"/rooms/{connection.id}"))
    assert client.post(f"/rooms/{connection.id}/messages", data={"body": "管理员留言"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    connection = make_connection()
    db.session.commit()
    for url in (f"/rooms/{connection.id}", "/my/requests", "/notifications", f"/requests/{connection.request_id}"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location


def test_enterprises_cannot_express_interest_and_vendors_cannot_invite(client, login_as):
    boss, scenario, profile, seller = _pair()
    login_as(boss)
    assert client.get(f"/scenarios/{scenario.id}/interest").status_code == 403
    login_as(seller)
    assert client.get(f"/scenarios/{scenario.id}/invite/{profile.id}").status_code == 403
    other_boss = make_user("enterprise")
    login_as(other_boss)
    assert client.get(f"/scenarios/{scenario.id}/invite/{profile.id}").status_code == 404


def test_a_vendor_with_an_unpublished_profile_is_asked_to_publish_first(client, login_as):
    scenario = make_scenario()
    seller = make_user("vendor", organization=make_vendor(status="draft").organization)
    login_as(seller)
    assert "请先发布" in _text(client.get(f"/scenarios/{scenario.id}/interest"))
    response = client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL)
    assert response.status_code == 422 and count(IntroRequest) == 0


# Confidential scenarios -------------------------------------------------------------------------------


def test_confidential_details_show_to_a_verified_vendor_only_with_a_request(client, login_as):
    _boss, scenario, profile, seller = _pair(verified=True, confidentiality="verified_only")
    login_as(seller)
    assert "只给有请求的认证厂商看" not in _text(client.get(f"/scenarios/{scenario.id}"))
    client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL)
    assert "只给有请求的认证厂商看" in _text(client.get(f"/scenarios/{scenario.id}"))
    req = _request(scenario, profile)
    req.state, req.withdrawn_at = "withdrawn", datetime.now(UTC)
    db.session.commit()
    assert "只给有请求的认证厂商看" not in _text(client.get(f"/scenarios/{scenario.id}"))


def test_confidential_details_stay_hidden_from_an_unverified_vendor_with_a_request(client, login_as):
    _boss, scenario, profile, seller = _pair(verified=False, confidentiality="verified_only")
    make_intro_request(scenario=scenario, vendor=profile, requested_by=seller)
    login_as(seller)
    assert "只给有请求的认证厂商看" not in _text(client.get(f"/scenarios/{scenario.id}"))


# Notifications ----------------------------------------------------------------------------------------


def test_the_header_counts_unread_notifications_and_opening_one_reads_it(client, login_as):
    boss, scenario, _profile, seller = _pair()
    login_as(seller)
    client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL)
    login_as(boss)
    page = _text(client.get("/notifications"))
    assert re.search(r'class="notif-count"[^>]*>1<', page)
    assert "青视科技对您的场景" in page
    note = db.session.scalar(sa.select(Notification))
    response = client.post(f"/notifications/{note.id}/open")
    assert response.location.endswith(f"/requests/{note.request_id}")
    assert 'class="notif-count"' not in _text(client.get("/notifications"))


def test_mark_all_read(client, login_as):
    boss, _scenario, _profile, _seller = _pair()
    for _ in range(3):
        db.session.add(Notification(user=boss, kind="message_received", data={"org": "青视科技", "scenario": "x"}))
    login_as(boss)
    client.post("/notifications/read-all")
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(Notification.read_at.is_(None)))
        == 0
    )


def test_someone_cannot_open_another_persons_notification(client, login_as):
    boss, _scenario, _profile, seller = _pair()
    note = Notification(user=boss, kind="message_received", data={})
    db.session.add(note)
    login_as(seller)
    assert client.post(f"/notifications/{note.id}/open").status_code == 404


def test_notification_settings_are_saved_and_off_means_no_email(client, login_as, outbox):
    boss, scenario, _profile, seller = _pair()
    login_as(boss)
    assert client.post("/notifications/settings", data={"email_mode": "off"}).status_code == 302
    login_as(seller)
    client.post(f"/scenarios/{scenario.id}/interest", data=PROPOSAL)
    assert outbox == [] and count(Notification) == 1


def test_the_pages_read_in_english(client, login_as):
    connection = make_connection()
    seller = make_user("vendor", organization=connection.vendor.organization)
    login_as(seller)
    for url in (
        f"/rooms/{connection.id}",
        "/my/requests",
        "/notifications",
        "/notifications/settings",
        f"/requests/{connection.request_id}",
    ):
        html = _text(client.get(url + ("&" if "?" in url else "?") + "lang=en"))
        assert 'lang="en"' in html, url
    assert "Propose a meeting" in _text(client.get(f"/rooms/{connection.id}?lang=en"))
