"""On a phone (390 px): list tables become readable cards with their actions in view, and the admin
dashboard fits the screen with a funnel chart whose words can be read."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.factories import PASSWORD, make_capability, make_industry, make_scenario, make_user

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def people(app, live_server):
    with app.app_context():
        tyre = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
        vision = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
        poster = make_user("enterprise", email="mobile-poster@tyre.example")
        for title in ("征集压延机故障预警与健康管理方案", "钢丝帘布表面缺陷视觉检测系统"):
            make_scenario(
                owner=poster.organization,
                created_by=poster,
                title=title,
                industry=tyre,
                capabilities=[vision],
                district="jimo",
            )
        make_user("admin", email="mobile-admin@keting.example")
        db.session.commit()


def _phone(browser, base, email, lang):
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    tab = context.new_page()
    tab.goto(base + "/auth/login")
    tab.fill("input[name=email]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("form.stack button[type=submit]")
    tab.wait_for_load_state()
    tab.goto(base + f"/?lang={lang}")
    return context, tab


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_my_scenarios_on_a_phone_shows_whole_titles_and_every_action(browser, live_server, people, lang):
    context, tab = _phone(browser, live_server, "mobile-poster@tyre.example", lang)
    try:
        tab.goto(live_server + "/my/scenarios")
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        title = tab.locator("a.own-title").first.bounding_box()
        assert title["width"] > 200 and title["height"] < 70  # not one character per line
        for link in tab.locator("td.actions a, td.actions button").all():
            box = link.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        # Each cell is named, as the column heading named it.
        assert tab.locator("td[data-label]").count() > 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_admin_dashboard_fits_a_phone_and_its_funnel_is_legible(browser, live_server, people, lang):
    context, tab = _phone(browser, live_server, "mobile-admin@keting.example", lang)
    try:
        tab.goto(live_server + "/admin/")
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        label = tab.locator("svg.chart-funnel text.chart-label").first.bounding_box()
        assert label["height"] >= 10  # rendered text at least 10 px tall
        chart = tab.locator("svg.chart-funnel").bounding_box()
        assert chart["width"] >= 300
    finally:
        context.close()


@pytest.fixture(scope="module")
def full_taxonomy(app, live_server, people):
    """The shipped taxonomy, so the picker is tried with all its groups."""
    from app.models import Capability
    from seeds.loader import load_all

    with app.app_context():
        load_all(taxonomy_only=True)
        groups = [c.name_zh for c in db.session.scalars(db.select(Capability).where(Capability.parent_id.is_(None)))]
        leaves = db.session.scalar(
            db.select(db.func.count()).select_from(Capability).where(Capability.parent_id.is_not(None))
        )
    return groups, leaves


@pytest.mark.parametrize("width", [1280, 390])
def test_the_capability_picker_shows_every_group_without_an_inner_scroll_box(
    browser, live_server, full_taxonomy, width
):
    groups, leaves = full_taxonomy
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(live_server + "/auth/login")
        tab.fill("input[name=email]", "mobile-poster@tyre.example")
        tab.fill("input[name=password]", PASSWORD)
        tab.click("form.stack button[type=submit]")
        tab.wait_for_load_state()
        tab.goto(live_server + "/my/scenarios/new?lang=zh")
        box = tab.locator("fieldset.checks .check-groups").first
        assert box.evaluate("el => el.scrollHeight <= el.clientHeight + 1")  # nothing hidden inside a scroll box
        legends = tab.locator("fieldset.checks").first.locator("legend.check-group-name").all_text_contents()
        assert sorted(legends) == sorted(groups)
        assert tab.locator("fieldset.checks").first.locator(".check-group input[type=checkbox]").count() >= leaves
        # The filter narrows the list to what is typed.
        tab.fill("[data-check-filter]", "孪生")
        visible = tab.evaluate("""Array.from(document.querySelectorAll('fieldset.checks .check-group label.choice'))
            .filter(l => l.offsetParent !== null).map(l => l.textContent.trim())""")
        assert visible and all("孪生" in t for t in visible)
    finally:
        context.close()
