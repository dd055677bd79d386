"""Two people walk the living room in the browser: a vendor expresses interest, the enterprise accepts,
they write, agree a meeting time, both download the calendar file, and record that a pilot started."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Connection, IntroRequest, Meeting
from tests.factories import PASSWORD, make_capability, make_industry, make_scenario, make_user, make_vendor

DAY = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=3)).strftime("%Y-%m-%d")


@pytest.fixture(scope="module")
def pair(app, live_server):
    with app.app_context():
        tyre = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
        vision = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
        boss = make_user("enterprise", email="wang@tyre.example", display_name="王工")
        boss.organization.name = "青岛浏览器轮胎有限公司"
        scenario = make_scenario(
            owner=boss.organization,
            created_by=boss,
            title="胎面外观缺陷人工目检漏检多",
            industry=tyre,
            capabilities=[vision],
            district="jimo",
        )
        profile = make_vendor(
            name="青视科技", capabilities=[vision], industries=[tyre], org_kw={"website": "https://qingshi.example"}
        )
        make_user("vendor", organization=profile.organization, email="li@qingshi.example", display_name="李经理")
        db.session.commit()
        return {"scenario": scenario.id}


def _log_in(tab, base, email):
    tab.goto(base + "/auth/login")
    tab.fill("input[name=email]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("form.stack button[type=submit]")
    tab.wait_for_load_state()


def test_interest_acceptance_room_meeting_and_outcome(page, browser, live_server, pair, app, csrf_enabled):
    vendor = page
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    enterprise = context.new_page()
    enterprise.set_default_timeout(10_000)
    try:
        _log_in(vendor, live_server, "li@qingshi.example")
        _log_in(enterprise, live_server, "wang@tyre.example")

        # The vendor reads the scenario and sends a short proposal (a double click still sends one).
        vendor.goto(f"{live_server}/scenarios/{pair['scenario']}")
        vendor.click(".interest-box a.button")
        vendor.fill("textarea[name=approach]", "在检测工位加装线阵相机，用已上线的缺陷检测模型，先在一条产线试点。")
        vendor.fill("input[name=rough_cost]", "60–90 万元")
        vendor.fill("input[name=rough_time]", "8 周")
        vendor.dblclick("form.stack button[type=submit]")
        vendor.wait_for_url("**/requests/*")
        assert "等待答复" in vendor.locator(".req-state").inner_text()

        # The enterprise sees one unread notification, opens it and accepts.
        enterprise.goto(live_server + "/my/scenarios")
        assert enterprise.locator(".notif-count").inner_text() == "1"
        enterprise.click(".notif-link")
        enterprise.click("ul.notifications button.notification-text")
        enterprise.wait_for_url("**/requests/*")
        assert "60–90 万元" in enterprise.content()
        enterprise.click("button.accept")
        enterprise.wait_for_url("**/rooms/*")
        room = enterprise.url
        contacts = enterprise.locator(".contacts").inner_text()
        assert "li@qingshi.example" in contacts and "wang@tyre.example" in contacts

        enterprise.fill("textarea[name=body]", "李经理您好，下周能来现场看看产线吗？")
        enterprise.click("form.message-form button[type=submit]")
        enterprise.wait_for_load_state()

        # The vendor reads the message in the room and proposes two times.
        vendor.goto(room)
        assert "下周能来现场看看产线吗" in vendor.locator("ol.messages").inner_text()
        vendor.click(".propose-box summary")
        vendor.fill("input[name=topic]", "现场勘查")
        vendor.fill("input[name=location]", "即墨工厂")
        vendor.fill("input[name=slot1]", f"{DAY}T10:00")
        vendor.fill("input[name=slot2]", f"{DAY}T15:00")
        vendor.click(".propose-box button[type=submit]")
        vendor.wait_for_load_state()
        assert "等待对方选择时间" in vendor.locator("#meetings").inner_text()

        # The enterprise picks the afternoon; both download the calendar file.
        enterprise.goto(room)
        enterprise.check(".slot-pick input[name=slot] >> nth=1")
        enterprise.click(".slot-pick button[type=submit]")
        enterprise.wait_for_load_state()
        assert "15:00" in enterprise.locator(".meeting-time").inner_text()
        for tab in (enterprise, vendor):
            tab.goto(room)
            with tab.expect_download() as info:
                tab.click("a[href$='.ics']")
            text = info.value.path().read_bytes().decode("utf-8")
            assert text.startswith("BEGIN:VCALENDAR\r\n") and f"DTSTART:{DAY.replace('-', '')}T070000Z" in text

        # The vendor records that a pilot started; the enterprise sees it in the timeline.
        vendor.click(".outcome-box summary")
        vendor.check("input[name=outcome][value=pilot]")
        vendor.click(".outcome-box button[type=submit]")
        vendor.wait_for_load_state()
        enterprise.goto(room)
        assert "试点已启动" in enterprise.locator(".timeline").inner_text()
    finally:
        context.close()

    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(IntroRequest.id))) == 1
        connection = db.session.scalar(sa.select(Connection))
        assert connection.outcome == "pilot" and connection.pilot_started_at is not None
        assert db.session.scalar(sa.select(Meeting.state)) == "confirmed"
