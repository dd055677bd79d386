"""An admin works the review queue in the browser: oldest first, bulk-rejects two with one reason, opens one and
publishes it, and the poster sees the reviewer's note under "My scenarios"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Scenario
from tests.factories import PASSWORD, make_capability, make_industry, make_scenario, make_user

DESCRIPTION = "每班三名质检员肉眼检查胎面，夜班疲劳导致漏检率约 3%，希望用机器视觉把漏检率降到 0.5% 以下。"


@pytest.fixture(scope="module")
def queue(app, live_server):
    with app.app_context():
        tyre = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
        vision = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
        poster = make_user("enterprise", email="poster@tyre.example", display_name="王工")
        now = datetime.now(UTC)
        ids = {}
        for days, key, title in (
            (9, "oldest", "九天前提交：胎面外观缺陷检测"),
            (5, "middle", "五天前提交：招聘质检员"),
            (1, "newest", "一天前提交：招聘夜班保安"),
        ):
            scenario = make_scenario(
                owner=poster.organization,
                created_by=poster,
                status="pending",
                title=title,
                description=DESCRIPTION,
                industry=tyre,
                capabilities=[vision],
                district="jimo",
                submitted_at=now - timedelta(days=days),
            )
            ids[key] = scenario.id
        make_user("admin", email="admin@keting.example", display_name="审核员")
        db.session.commit()
        return ids


def _log_in(tab, base, email):
    tab.goto(base + "/auth/login")
    tab.fill("input[name=email]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("form.stack button[type=submit]")
    tab.wait_for_load_state()


def test_an_admin_bulk_rejects_then_publishes_from_the_queue(page, live_server, queue, app, csrf_enabled):
    _log_in(page, live_server, "admin@keting.example")
    page.click("a[href='/admin/']")
    page.wait_for_url("**/admin/")
    page.click(".admin-nav a[href='/admin/review']")
    page.wait_for_url("**/admin/review")

    titles = page.locator("table.review-table tbody a.own-title").all_inner_texts()
    assert titles == [
        "九天前提交：胎面外观缺陷检测",
        "五天前提交：招聘质检员",
        "一天前提交：招聘夜班保安",
    ]  # oldest first

    page.check(f"input[name=selected][value='scenario:{queue['middle']}']")
    page.check(f"input[name=selected][value='scenario:{queue['newest']}']")
    page.fill(".bulk-bar textarea[name=note]", "这是招聘需求，不是人工智能应用场景。")
    page.click(".bulk-bar button[value=reject]")
    page.wait_for_url("**/admin/review")
    assert "已驳回 2 项" in page.locator(".flash-success").inner_text()
    assert page.locator("table.review-table tbody tr").count() == 1

    page.click("table.review-table a.own-title")
    page.wait_for_url(f"**/admin/review/scenario/{queue['oldest']}")
    page.click(".review-actions button:has-text('通过并发布')")
    page.wait_for_url(f"**/admin/review/scenario/{queue['oldest']}")
    assert "已发布" in page.locator(".flash-success").inner_text()
    latest = page.locator(".history li").first.inner_text()
    assert "场景 ·" in latest and "已发布" in latest and "scenario." not in latest  # words, not action codes

    with app.app_context():
        statuses = dict(db.session.execute(sa.select(Scenario.id, Scenario.status)).all())
        assert statuses == {queue["oldest"]: "published", queue["middle"]: "rejected", queue["newest"]: "rejected"}
        actions = set(db.session.scalars(sa.select(AuditEntry.action)))
        assert {"review.bulk_reject", "scenario.reject", "scenario.approve", "scenario.status"} <= actions

    context = page.context
    context.clear_cookies()
    _log_in(page, live_server, "poster@tyre.example")
    page.goto(live_server + "/my/scenarios")
    assert page.locator(".review-note").first.inner_text().endswith("这是招聘需求，不是人工智能应用场景。")
