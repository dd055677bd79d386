"""The main pages run a fixed number of SQL statements, however many rows they list.

Each page is requested over a small catalogue and over one five times larger; a page that queries once per
row (an N+1) sends more statements for the larger one and fails. The caps are generous: they catch a page
gone badly wrong, the comparison catches a loop.
"""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Match
from app.services import matches
from tests.factories import make_capability, make_industry, make_org, make_scenario, make_user, make_vendor
from tests.querycount import count_queries


def _grow(n: int, owner, vendor, industry, capability) -> None:
    """n scenarios of one enterprise (half confidential to verified vendors), n vendors, each matched to `vendor`."""
    for i in range(n):
        s = make_scenario(
            owner=owner,
            title=f"轮胎外观缺陷检测 {i}",
            description=f"第{i}条产线的胎面缺陷靠人工目检，希望用视觉检测替代。",
            industry=industry,
            capabilities=[capability],
            district="jimo",
            confidentiality="verified_only" if i % 2 else "public",
        )
        make_vendor(name=f"青岛视觉{i}", capabilities=[capability], industries=[industry])
        db.session.add(Match(scenario_id=s.id, vendor_id=vendor.id, score=0.5 + i / 1000, rank=1, reasons=[]))
    db.session.commit()
    matches.rebuild_all()  # the matcher's index holds every listing, as after the services' own changes


@pytest.fixture()
def catalogue(db):
    industry = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber", synonyms_zh=["轮胎"])
    capability = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    owner = make_org()
    vendor = make_vendor(name="青视科技", capabilities=[capability], industries=[industry])
    people = {
        "enterprise": make_user("enterprise", organization=owner),
        "vendor": make_user("vendor", organization=vendor.organization),
        "admin": make_user("admin"),
    }
    db.session.commit()
    return {"industry": industry, "capability": capability, "owner": owner, "vendor": vendor, **people}


def _pages(cat) -> list[tuple[str, str | None, int]]:
    """(path, who asks, cap on its statements)."""
    some_scenario = db.session.scalar(db.select(Match.scenario_id).order_by(Match.scenario_id).limit(1))
    return [
        ("/", None, 12),
        ("/scenarios", None, 12),
        ("/scenarios?q=轮胎", None, 14),
        ("/scenarios?industry=tyre-rubber&sort=budget_high", None, 12),
        ("/vendors", None, 12),
        ("/vendors?q=视觉", None, 14),
        (f"/scenarios/{some_scenario}", None, 14),
        (f"/vendors/{cat['vendor'].id}", None, 10),
        ("/my/matches", "vendor", 16),
        ("/my/scenarios", "enterprise", 16),
        ("/scenarios", "vendor", 16),
        ("/admin/", "admin", 60),
    ]


def _statements(app, cat, path: str, who: str | None):
    """The statements of one request (after a first one that warms the matcher index and the taxonomy)."""
    from app.services.accounts import open_session

    client = app.test_client()
    if who:
        open_session(cat[who])
        db.session.commit()
        with client.session_transaction() as sess:
            sess["_user_id"], sess["_fresh"] = cat[who].get_id(), True
    # Each request in an app context of its own, so it has a session of its own as under a server: pushed while
    # the test's context is current, a request reuses that context and its session, and what the test or the
    # warm-up loaded would spare it reads (or, expired, cost it others).
    with app.app_context():
        client.get(path)
    with app.app_context(), count_queries() as seen:
        response = client.get(path)
    assert response.status_code == 200, path
    return seen


def test_the_main_pages_do_not_query_once_per_row(app, catalogue):
    app.config["PER_PAGE"] = 50  # every row of the larger catalogue on one page
    try:
        _grow(5, catalogue["owner"], catalogue["vendor"], catalogue["industry"], catalogue["capability"])
        small = {p: _statements(app, catalogue, p, who) for p, who, _cap in _pages(catalogue)}
        _grow(20, catalogue["owner"], catalogue["vendor"], catalogue["industry"], catalogue["capability"])
        for path, who, cap in _pages(catalogue):
            large = _statements(app, catalogue, path, who)
            assert large.count <= small[path].count, f"{path}: for 5 rows:\n{small[path]}\nfor 25:\n{large}"
            assert large.count <= cap, f"{path}: {large.count} statements (cap {cap}):\n{large}"
    finally:
        app.config["PER_PAGE"] = 20


def test_the_feed_records_a_page_of_new_matches_in_one_statement(client, login_as, catalogue):
    _grow(10, catalogue["owner"], catalogue["vendor"], catalogue["industry"], catalogue["capability"])
    login_as(catalogue["vendor"])
    with count_queries() as first:
        assert client.get("/my/matches").status_code == 200
    with count_queries() as again:
        assert client.get("/my/matches").status_code == 200
    inserts = [s for s in first.sql if s.lstrip().upper().startswith("INSERT INTO MATCH_SIGNAL")]
    assert len(inserts) == 1, first
    # The first view writes the "shown" signals; it reads no more than a view that writes none.
    assert first.count <= again.count + 1, f"first view:\n{first}\nagain:\n{again}"
