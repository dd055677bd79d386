"""An enterprise stars a vendor, compares it with a suggested one on a phone-sized screen, and saves a search."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import SavedSearch
from app.services import matches
from tests.factories import PASSWORD, make_match_catalogue, make_user


@pytest.fixture(scope="module")
def catalogue(app, live_server):
    with app.app_context():
        cat = make_match_catalogue()
        matches.rebuild_all()
        make_user("enterprise", email="owner@tyre.example", organization=cat["s1"].owner)
        db.session.commit()
        return {"s1": cat["s1"].id, "speech": cat["speech"].id}


def test_star_compare_at_390_px_and_save_a_search(page, live_server, catalogue, app, csrf_enabled):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server + "/auth/login")
    page.fill("input[name=email]", "owner@tyre.example")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stack button[type=submit]")

    page.goto(live_server + f"/vendors/{catalogue['speech']}")
    page.click("form.star-form button")
    assert page.locator("form.star-form button[aria-pressed=true]").count() == 1

    page.goto(live_server + f"/scenarios/{catalogue['s1']}/compare?lang=en")
    page.locator("label.choice", has_text="青视科技").locator("input").check()
    page.locator("label.choice", has_text="青声智能").locator("input").check()
    page.click("form.compare-picker button[type=submit]")
    table = page.locator("table.compare-table")
    assert table.locator("thead th").count() == 3  # the row names and two vendors
    assert "Not among the suggestions" in table.inner_text()  # the starred speech vendor was not proposed
    # The table scrolls inside its box; nothing in the page's content is wider than the phone.
    wide = page.evaluate("""() => [...document.querySelectorAll('main *')].filter(e => !e.closest('.compare-scroll')
        && e.getBoundingClientRect().right > 391).map(e => e.tagName + '.' + e.className)""")
    assert wide == []
    assert page.evaluate("document.querySelector('main').scrollWidth <= 390")

    page.goto(live_server + "/scenarios?q=轮胎&lang=zh")
    page.click("details.save-search summary")
    page.fill("#save-search-name", "轮胎检测")
    page.click("form.save-search-form button[type=submit]")
    assert "轮胎检测" in page.locator("main").inner_text()
    with app.app_context():
        assert db.session.scalar(sa.select(SavedSearch.q)) == "轮胎"
