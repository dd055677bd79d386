"""A visitor opens the home page, searches 轮胎, opens a result and switches to English."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.factories import make_capability, make_industry, make_org, make_scenario


@pytest.fixture(scope="module")
def tyre_catalogue(app, live_server):
    with app.app_context():
        group = make_industry("manufacturing", "制造业", "Manufacturing")
        tyre = make_industry(
            "tyre-rubber", "轮胎橡胶", "Tyres and rubber", parent=group, synonyms_zh=["轮胎"], synonyms_en=["tyre"]
        )
        vision = make_capability("vision", "计算机视觉", "Computer vision")
        inspect = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection", parent=vision)
        owner = make_org(name="青岛演示轮胎有限公司", name_en="Qingdao Demo Tyre Co.", district="jimo")
        make_scenario(
            owner,
            title="胎面外观人工目检漏检多",
            industry=tyre,
            capabilities=[inspect],
            district="jimo",
            description="三班倒，每班六名质检员肉眼看胎面，夜班漏检明显。",
            featured=True,
        )
        make_scenario(make_org(name="青岛演示港口"), title="集卡在岸桥下排队", industry=None)
        db.session.commit()


def test_visitor_searches_tyres_opens_a_result_and_switches_to_english(page, live_server, tyre_catalogue):
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.fill("#hero-q", "轮胎")
    page.click(".hero-search button")
    page.wait_for_url("**/scenarios?q=*")
    results = page.locator(".scenario-card h3 a")
    assert results.count() == 1
    results.first.click()
    page.wait_for_url("**/scenarios/*")
    assert page.locator("h1").inner_text() == "胎面外观人工目检漏检多"
    assert "即墨区" in page.locator(".detail-side").inner_text()
    page.click("text=English")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Jimo District" in page.locator(".detail-side").inner_text()
    assert "Tyres and rubber" in page.locator(".detail-side").inner_text()
    # The choice is remembered on the next page.
    page.click("nav.main-nav >> text=Scenarios")
    assert page.locator("h1").inner_text() == "AI application scenarios"
