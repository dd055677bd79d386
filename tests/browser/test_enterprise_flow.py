"""An enterprise signs up, posts a scenario in Chinese, and sees it as pending under "My scenarios"."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Scenario
from tests.factories import make_capability, make_industry

DESCRIPTION = (
    "即墨工厂胎面外观检测目前靠三名质检员肉眼完成，每班约两千条轮胎。夜班疲劳导致漏检率约 3%，"
    "客户每月投诉十余起。\n\n希望用机器视觉把漏检率降低到 0.5% 以下，单条检测不超过 5 秒。"
)


@pytest.fixture(scope="module")
def taxonomy(app, live_server):
    with app.app_context():
        group = make_industry("manufacturing", "制造业", "Manufacturing")
        make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber", parent=group)
        vision = make_capability("vision", "计算机视觉", "Computer vision")
        make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection", parent=vision)
        db.session.commit()


def test_enterprise_signs_up_posts_a_chinese_scenario_and_sees_it_pending(
    page, live_server, taxonomy, app, csrf_enabled, outbox
):
    page.goto(live_server + "/")
    page.click("text=注册")
    page.check("input[name=role][value=enterprise]")
    page.fill("input[name=organization]", "青岛浏览器测试轮胎有限公司")
    page.fill("input[name=display_name]", "王工")
    page.fill("input[name=email]", "Wang.Gong@Example.com")
    page.fill("input[name=password]", "s3cret-pass")
    page.fill("input[name=confirm]", "s3cret-pass")
    page.click("form.stack button[type=submit]")
    assert "请查收邮件" in page.locator("h1").inner_text()
    # The emailed link opens a page whose button confirms the address and signs in.
    link = re.search(r"https?://[^/\s]+(/auth/confirm/\S+)", outbox[-1].body).group(1)
    page.goto(live_server + link)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/my/scenarios")
    assert "欢迎加入客厅" in page.locator(".flash").inner_text()

    page.click(".page-head a.button")
    page.wait_for_url("**/my/scenarios/new")
    page.fill("input[name=title]", "胎面外观缺陷人工目检漏检多")
    page.fill("textarea[name=description]", DESCRIPTION)
    page.select_option("select[name=industry]", "tyre-rubber")
    page.check("input[name=capabilities][value=visual-inspection]")
    page.select_option("select[name=district]", "jimo")
    page.fill("input[name=budget_min]", "500000")
    page.fill("input[name=budget_max]", "2000000")
    page.fill("textarea[name=data_available]", "近两年约 20 万张已标注的胎面图片")
    # The hint first: the listing says all five things a strong scenario says.
    page.click("button[value=check]")
    assert "5 / 5" in page.locator(".quality-score").inner_text()
    # A double click on "send for review" still posts one scenario.
    page.dblclick("button[value=submit]")
    page.wait_for_url("**/my/scenarios")

    row = page.locator("table.own-list tbody tr")
    assert row.count() == 1
    assert "胎面外观缺陷人工目检漏检多" in row.inner_text()
    assert row.locator(".status-pending").inner_text() == "审核中"
    with app.app_context():
        scenario = db.session.scalar(sa.select(Scenario))
        assert (scenario.status, scenario.language) == ("pending", "zh")
        assert scenario.submitted_at is not None
