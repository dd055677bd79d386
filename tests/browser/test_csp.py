"""Every kind of page under the strict Content-Security-Policy: no violation reported, and the scripts still run.

Visits public, enterprise, vendor, room and admin pages, as each role, in Chromium; a violation (an inline
script or style, a handler attribute, anything from another origin) fails the test with the page and directive.
"""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.factories import (
    PASSWORD,
    make_capability,
    make_connection,
    make_industry,
    make_intro_request,
    make_scenario,
    make_user,
    make_vendor,
)

# Recorded before any page script runs (an init script is not subject to the page's CSP).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " line " + e.lineNumber);
});
"""


@pytest.fixture(scope="module")
def site(app, live_server):
    with app.app_context():
        tyre = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
        vision = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
        boss = make_user("enterprise", email="csp-boss@tyre.example", display_name="王工")
        scenario = make_scenario(
            owner=boss.organization,
            created_by=boss,
            title="胎面外观缺陷人工目检漏检多",
            industry=tyre,
            capabilities=[vision],
            district="jimo",
            status="published",
            description="说明见 [官网](//evil.example) 和 [标准](https://std.example/x)。",
        )
        pending = make_scenario(owner=boss.organization, created_by=boss, title="仓库盘点靠人工", status="pending")
        profile = make_vendor(name="青视科技", capabilities=[vision], industries=[tyre])
        make_user("vendor", organization=profile.organization, email="csp-seller@qingshi.example")
        request = make_intro_request(scenario=scenario, vendor=profile, state="accepted")
        connection = make_connection(request)
        make_user("admin", email="csp-admin@example.com")
        db.session.commit()
        return {
            "scenario": scenario.id,
            "pending": pending.id,
            "vendor": profile.id,
            "room": connection.id,
            "request": request.id,
            "org": boss.organization_id,
        }


def _pages(site):
    s = site
    return {
        None: [
            "/",
            "/?lang=en",
            "/scenarios",
            f"/scenarios/{s['scenario']}",
            "/vendors",
            f"/vendors/{s['vendor']}",
            "/auth/login",
            "/auth/register",
            "/auth/reset",
            "/no/such/page",
        ],
        "csp-boss@tyre.example": [
            "/my/scenarios",
            "/my/scenarios/new",
            f"/my/scenarios/{s['scenario']}/edit",
            f"/scenarios/{s['scenario']}/suggested",
            "/my/requests",
            f"/requests/{s['request']}",
            f"/rooms/{s['room']}",
            "/account",
            "/notifications",
            "/notifications/settings",
        ],
        "csp-seller@qingshi.example": [
            "/my/profile",
            "/my/profile/preview",
            "/my/matches",
            f"/rooms/{s['room']}",
            f"/scenarios/{s['scenario']}",
        ],
        "csp-admin@example.com": [
            "/admin/",
            "/admin/review",
            f"/admin/review/scenario/{s['pending']}",
            f"/admin/review/scenario/{s['scenario']}/edit",
            "/admin/audit?until=9999-12-31",
            "/admin/import",
            "/admin/taxonomy",
            "/admin/users",
            "/admin/organizations",
            f"/admin/organizations/{s['org']}",
            "/admin/duplicates",
            "/admin/export",
        ],
    }


def _log_in(tab, base, email):
    tab.goto(base + "/auth/login")
    tab.fill("input[name=email]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("form.stack button[type=submit]")
    tab.wait_for_load_state()


@pytest.mark.parametrize("who", [None, "csp-boss@tyre.example", "csp-seller@qingshi.example", "csp-admin@example.com"])
def test_no_page_breaks_the_content_security_policy(browser, live_server, site, who):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    problems: list[str] = []
    tab.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" and "404" not in msg.text
            else None
        ),
    )
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    try:
        if who:
            _log_in(tab, live_server, who)
        for path in _pages(site)[who]:
            response = tab.goto(live_server + path)
            assert response is not None and response.status < 500, path
            assert (
                "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
                or "content-security-policy" in response.headers
            ), path
            for violation in tab.evaluate("window.__csp"):
                problems.append(f"{path}: {violation}")
            # Every script the page names has loaded and run under the policy.
            loaded = tab.evaluate("Array.from(document.scripts).map(s => s.src)")
            assert all(src.startswith(live_server + "/static/") for src in loaded), (path, loaded)
        assert problems == []
    finally:
        context.close()


def test_scripts_still_work_under_the_policy(browser, live_server, site):
    """The review queue's "select all" (admin.js) and the send-once forms (forms.js) run."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    try:
        _log_in(tab, live_server, "csp-admin@example.com")
        tab.goto(live_server + "/admin/review")
        boxes = tab.locator('input[type=checkbox][name="selected"]')
        assert boxes.count() >= 1
        tab.check("input[data-select-all]")
        assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
        tab.uncheck("input[data-select-all]")
        assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
        assert tab.evaluate("window.__csp") == []

        # forms.js: a form marked data-once disables its buttons once sent.
        tab.goto(live_server + f"/scenarios/{site['scenario']}")
        tab.evaluate("""() => { const f = document.createElement('form'); f.method = 'get'; f.action = '#';
            f.setAttribute('data-once', ''); f.innerHTML = '<button type=submit>go</button>';
            f.addEventListener('submit', e => e.preventDefault()); document.body.append(f); }""")
        tab.click("form[data-once] button[type=submit]")
        tab.wait_for_function("document.querySelector('form[data-once] button').disabled")
        # Off-site links in a listing are marked and carry rel ugc.
        link = tab.locator('a.external[href="//evil.example"]')
        assert link.count() == 1 and "ugc" in link.get_attribute("rel")
    finally:
        context.close()
