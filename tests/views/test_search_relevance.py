"""Search relevance on the demo catalogue: what a plant manager types, in either language and script, finds
the listings of the capability or industry meant, at the top of either search box.

The seed catalogue (600 scenarios, the vendors, the taxonomy) is loaded once into the test database and the
matcher fitted on it, as `make run` does. Each row: a query, the box, the expected capability or industry
code, and how many of the first five results must carry it (declared on the listing, or a child of it).
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models import Scenario, VendorProfile

TOP = 5

# (query, box, expected code, how many of the top 5 must have it)
RELEVANCE = [
    ("质量检测", "scenarios", "visual-inspection", 5),
    ("quality inspection", "scenarios", "visual-inspection", 5),
    ("defect detection", "scenarios", "visual-inspection", 5),
    ("缺陷检测", "scenarios", "visual-inspection", 5),
    ("表面瑕疵", "scenarios", "visual-inspection", 4),
    ("預測性維護", "scenarios", "predictive-maintenance", 5),
    ("预测性维护", "scenarios", "predictive-maintenance", 5),
    ("predictive maintenance", "scenarios", "predictive-maintenance", 5),
    ("设备故障预警", "scenarios", "predictive-maintenance", 4),
    ("能耗", "scenarios", "energy-optimization", 5),
    ("energy saving", "scenarios", "energy-optimization", 5),
    ("排产", "scenarios", "scheduling-optimization", 5),
    ("production scheduling", "scenarios", "scheduling-optimization", 5),
    ("叉车", "scenarios", "autonomous-mobile-robots", 5),
    ("forklift AGV", "scenarios", "autonomous-mobile-robots", 5),
    ("客服", "scenarios", "chatbot", 5),
    ("轮胎", "scenarios", "tyre-rubber", 5),
    ("tyre", "scenarios", "tyre-rubber", 5),
    ("港口", "scenarios", "ports-logistics", 5),
    ("机器视觉", "vendors", "visual-inspection", 4),
    ("quality inspection", "vendors", "visual-inspection", 5),
    ("質量檢測", "vendors", "visual-inspection", 5),
    ("預測性維護", "vendors", "predictive-maintenance", 5),
    ("predictive maintenance", "vendors", "predictive-maintenance", 5),
    ("排产", "vendors", "scheduling-optimization", 5),
    ("chatbot", "vendors", "chatbot", 5),
    ("轮胎", "vendors", "tyre-rubber", 5),
]


@pytest.fixture()
def demo(db):
    from app import matcher_store
    from seeds.loader import load_all

    load_all()
    matcher_store.replace(matcher_store.fit_fresh())
    db.session.commit()
    return db


def _codes(listing) -> set[str]:
    nodes = list(listing.capabilities)
    nodes += [listing.industry] if isinstance(listing, Scenario) and listing.industry else []
    nodes += list(listing.industries) if isinstance(listing, VendorProfile) else []
    return {n.code for n in nodes} | {n.parent.code for n in nodes if n.parent is not None}


def _top(client, db, box: str, query: str) -> list:
    page = client.get(f"/{box}", query_string={"q": query, "per_page": TOP})
    assert page.status_code == 200
    ids = [int(i) for i in re.findall(rf'href="/{box}/(\d+)"', page.get_data(as_text=True))]
    ids = list(dict.fromkeys(ids))[:TOP]
    model = Scenario if box == "scenarios" else VendorProfile
    options = (
        [so.selectinload(Scenario.capabilities), so.joinedload(Scenario.industry)]
        if model is Scenario
        else [so.selectinload(VendorProfile.capabilities), so.selectinload(VendorProfile.industries)]
    )
    rows = {r.id: r for r in db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*options)).unique()}
    return [rows[i] for i in ids]


def test_the_demo_catalogue_answers_what_plant_managers_type(client, demo):
    failures, table = [], []
    for query, box, code, need in RELEVANCE:
        top = _top(client, demo, box, query)
        hits = sum(code in _codes(row) for row in top)
        table.append(f"{query!r:28} {box:9} {code:26} {hits}/{len(top)}")
        if len(top) < TOP or hits < need:
            failures.append(table[-1] + f" (need {need}/{TOP})")
    print("\n".join(table))
    assert not failures, "\n".join(failures)


def test_a_search_from_either_box_is_ranked_by_relevance_unless_another_order_is_chosen(client, demo):
    ranked = _top(client, demo, "scenarios", "预测性维护")
    assert all("predictive-maintenance" in _codes(r) for r in ranked)
    newest = client.get("/scenarios", query_string={"q": "预测性维护", "sort": "newest", "per_page": 50})
    ids = list(dict.fromkeys(int(i) for i in re.findall(r'href="/scenarios/(\d+)"', newest.get_data(as_text=True))))
    published = dict(
        demo.session.execute(sa.select(Scenario.id, Scenario.published_at).where(Scenario.id.in_(ids))).all()
    )
    dates = [published[i] for i in ids]
    assert len(dates) > 20 and dates == sorted(dates, reverse=True)
    assert ids[:TOP] != [r.id for r in ranked]  # the order really changed
    # The form starts on the default order, so submitting a search from a list sorted by default ranks it.
    form = client.get("/scenarios").get_data(as_text=True)
    assert re.search(r'<option value="" selected>', form)


def test_filters_keep_working_with_a_search(client, demo):
    rows = _top(client, demo, "scenarios", "预测性维护")
    industry = rows[0].industry.code
    page = client.get("/scenarios", query_string={"q": "预测性维护", "industry": industry, "per_page": 50})
    ids = [int(i) for i in re.findall(r'href="/scenarios/(\d+)"', page.get_data(as_text=True))]
    found = demo.session.scalars(sa.select(Scenario).where(Scenario.id.in_(ids))).all()
    assert found and all(
        s.industry.code == industry or (s.industry.parent and s.industry.parent.code == industry) for s in found
    )


def test_vendor_filters_and_search_pages_work_together(client, demo):
    page = client.get("/vendors", query_string={"q": "預測性維護", "industry": "tyre-rubber", "per_page": 50})
    ids = [int(i) for i in re.findall(r'href="/vendors/(\d+)"', page.get_data(as_text=True))]
    rows = demo.session.scalars(sa.select(VendorProfile).where(VendorProfile.id.in_(ids))).all()
    assert rows and all("tyre-rubber" in {i.code for i in v.industries} for v in rows)
    first = client.get("/scenarios", query_string={"q": "quality inspection", "per_page": 10}).get_data(as_text=True)
    second = client.get("/scenarios", query_string={"q": "quality inspection", "per_page": 10, "page": 2}).get_data(
        as_text=True
    )
    one = set(re.findall(r'href="/scenarios/(\d+)"', first))
    two = set(re.findall(r'href="/scenarios/(\d+)"', second))
    assert one and two and not one & two and 'rel="next"' in first
