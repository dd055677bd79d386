"""The introductions path in the browser: a vendor's interest in a scenario whose enterprise is not on Keting
yet → the admin's claim invitation email → the enterprise registers through the link → accepts → a room."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from tests.factories import PASSWORD, make_org, make_scenario, make_user, make_vendor


@pytest.fixture(scope="module")
def listing(app, live_server):
    with app.app_context():
        owner = make_org(
            name="青岛未入驻轮胎有限公司",
            website="https://www.weiruzhu-tyre.example.com",
            contact_email="info@weiruzhu-tyre.example.com",
            contact_name="王经理",
        )
        scenario = make_scenario(owner=owner, title="胎面外观缺陷人工目检漏检多", district="jimo")
        profile = make_vendor(name="青视科技")
        make_user("vendor", organization=profile.organization, email="li@qingshi.example", display_name="李经理")
        make_user("admin", email="admin@keting.example")
        db.session.commit()
        return {"scenario": scenario.id, "org": owner.id}


def _log_in(tab, base, email):
    tab.goto(base + "/auth/login")
    tab.fill("input[name=email]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("form.stack button[type=submit]")
    tab.wait_for_load_state()


def _tab(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return context, tab


def test_interest_introduction_claim_and_room(page, browser, live_server, listing, outbox, csrf_enabled):
    vendor = page
    admin_ctx, admin = _tab(browser)
    guest_ctx, guest = _tab(browser)
    try:
        # The vendor sees, before sending, that nobody at the enterprise can answer yet.
        _log_in(vendor, live_server, "li@qingshi.example")
        vendor.goto(f"{live_server}/scenarios/{listing['scenario']}")
        assert "尚未入驻客厅 — 客厅将为您引荐" in vendor.locator("article.detail header .badge-unclaimed").inner_text()
        vendor.click(".interest-box a.button")
        assert "客厅管理员" in vendor.locator("form .notice-unclaimed").inner_text()
        vendor.fill("textarea[name=approach]", "在检测工位加装线阵相机，用已上线的缺陷检测模型，先在一条产线试点。")
        vendor.click("form.stack button[type=submit]")
        vendor.wait_for_url("**/requests/*")
        assert "等待引荐" in vendor.locator("article.request-detail header").inner_text()

        # The admin finds the pair, the proposal and the recorded contact in the queue and sends the invitation.
        _log_in(admin, live_server, "admin@keting.example")
        admin.goto(live_server + "/admin/introductions")
        card = admin.locator(f"#org-{listing['org']}")
        assert "先在一条产线试点" in card.locator(".proposal").inner_text()
        assert card.locator(".intro-invite input[type=email]").input_value() == "info@weiruzhu-tyre.example.com"
        card.locator(".intro-invite button[type=submit]").click()
        admin.wait_for_load_state()
        assert "info@weiruzhu-tyre.example.com" in admin.locator(".flash-success").inner_text()
        claim_mail = [m for m in outbox if m.recipients == ["info@weiruzhu-tyre.example.com"]]
        assert len(claim_mail) == 1 and "/claim/" in claim_mail[0].body

        # The enterprise person follows the emailed link and registers into the organization.
        path = re.search(r"https?://[^/\s]+(/claim/\S+)", claim_mail[0].body).group(1)
        guest.goto(live_server + path)
        assert "胎面外观缺陷人工目检漏检多" in guest.locator(".notice-info").inner_text()
        guest.fill("input[name=display_name]", "王经理")
        guest.fill("input[name=password]", "tyre-password-1")
        guest.fill("input[name=confirm]", "tyre-password-1")
        guest.click("form.stack button[type=submit]")
        guest.wait_for_url("**/my/requests")
        guest.click("a.own-title")
        guest.wait_for_url("**/requests/*")
        assert "先在一条产线试点" in guest.content()
        guest.click("button.accept")
        guest.wait_for_url("**/rooms/*")
        assert "li@qingshi.example" in guest.locator(".contacts").inner_text()

        # The queue now lists the organization as claimed, with what happened.
        admin.goto(live_server + "/admin/introductions?view=claimed")
        assert "已认领" in admin.locator(f"#org-{listing['org']} .timeline").inner_text()
    finally:
        admin_ctx.close()
        guest_ctx.close()
