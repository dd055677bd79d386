"""Public pages: browsing, bilingual search, filters, bad parameters and language choice."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_capability, make_industry, make_org, make_scenario, make_vendor


@pytest.fixture()
def catalogue(db):
    manufacturing = make_industry("manufacturing", "制造业", "Manufacturing")
    tyre = make_industry(
        "tyre-rubber",
        "轮胎橡胶",
        "Tyres and rubber",
        parent=manufacturing,
        synonyms_zh=["轮胎", "胎面"],
        synonyms_en=["tyre", "tire", "tread"],
    )
    port = make_industry(
        "ports-logistics",
        "港口物流",
        "Ports and logistics",
        parent=manufacturing,
        synonyms_zh=["港口", "码头"],
        synonyms_en=["port", "terminal"],
    )
    vision = make_capability("vision", "计算机视觉", "Computer vision")
    inspect = make_capability(
        "visual-inspection",
        "机器视觉缺陷检测",
        "Visual defect inspection",
        parent=vision,
        synonyms_zh=["缺陷检测", "瑕疵", "漏检"],
        synonyms_en=["defect detection", "flaw"],
    )
    agv = make_capability(
        "autonomous-mobile-robots",
        "AGV与无人搬运",
        "AGVs and mobile robots",
        parent=vision,
        synonyms_zh=["无人集卡"],
        synonyms_en=["agv", "unmanned truck"],
    )
    owner = make_org(name="青岛示例轮胎有限公司", district="jimo")
    tyre_s = make_scenario(
        owner,
        title="胎面外观人工目检漏检多",
        description="质检员肉眼看胎面，夜班漏检明显。",
        industry=tyre,
        capabilities=[inspect],
        district="jimo",
        source_batch="2020 工业赋能 500",
        budget_min=500_000,
        budget_max=2_000_000,
    )
    port_s = make_scenario(
        make_org(name="Qingdao Example Terminal"),
        title="Unmanned trucks in the container yard",
        description="Yard trucks queue at quay cranes during peak hours.",
        language="en",
        industry=port,
        capabilities=[agv],
        district="xihaian",
        source_batch="2020 未来城市 100",
    )
    draft = make_scenario(owner, title="草稿中的轮胎场景", status="draft", industry=tyre)
    vendor = make_vendor(
        name="慧眼视觉", description="深度学习表面缺陷检测。", capabilities=[inspect], industries=[tyre]
    )
    hidden_vendor = make_vendor(name="未发布厂商", status="draft", capabilities=[inspect])
    db.session.commit()
    return {"tyre": tyre_s, "port": port_s, "draft": draft, "vendor": vendor, "hidden_vendor": hidden_vendor}


def titles(response) -> str:
    return response.get_data(as_text=True)


def test_home_page_shows_counts_and_links_in_chinese_by_default(client, catalogue):
    page = client.get("/").get_data(as_text=True)
    assert "场景" in page and 'lang="zh-Hans"' in page
    assert "/scenarios?industry=tyre-rubber" in page


def test_searching_a_chinese_word_finds_the_tyre_scenario(client, catalogue):
    page = client.get("/scenarios?q=轮胎").get_data(as_text=True)
    assert "胎面外观人工目检漏检多" in page
    assert "Unmanned trucks" not in page


def test_searching_an_english_word_finds_the_chinese_listing_through_the_taxonomy(client, catalogue):
    page = client.get("/scenarios?q=tyre").get_data(as_text=True)
    assert "胎面外观人工目检漏检多" in page


def test_searching_defect_finds_defect_inspection_scenarios(client, catalogue):
    page = client.get("/scenarios?q=缺陷").get_data(as_text=True)
    assert "胎面外观人工目检漏检多" in page
    assert "Unmanned trucks" not in page


def test_a_long_chinese_query_is_split_into_words_that_must_all_match(client, catalogue):
    assert "胎面外观人工目检漏检多" in client.get("/scenarios?q=轮胎缺陷检测").get_data(as_text=True)
    assert "胎面外观人工目检漏检多" not in client.get("/scenarios?q=港口缺陷检测").get_data(as_text=True)


def test_drafts_never_appear_in_public_lists_or_pages(client, catalogue):
    assert "草稿中的轮胎场景" not in client.get("/scenarios?q=轮胎").get_data(as_text=True)
    assert client.get(f"/scenarios/{catalogue['draft'].id}").status_code == 404
    assert client.get(f"/vendors/{catalogue['hidden_vendor'].id}").status_code == 404


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("industry=tyre-rubber", "胎面外观", "Unmanned trucks"),
        ("industry=manufacturing", "Unmanned trucks", "草稿中"),
        ("capability=autonomous-mobile-robots", "Unmanned trucks", "胎面外观"),
        ("district=jimo", "胎面外观", "Unmanned trucks"),
        ("batch=2020 未来城市 100", "Unmanned trucks", "胎面外观"),
    ],
)
def test_filters_narrow_the_scenario_list(client, catalogue, query, shown, hidden):
    page = client.get(f"/scenarios?{query}").get_data(as_text=True)
    assert shown in page and hidden not in page


def test_sorting_by_largest_budget_puts_the_budgeted_scenario_first(client, catalogue):
    page = client.get("/scenarios?sort=budget_high").get_data(as_text=True)
    assert page.index("胎面外观") < page.index("Unmanned trucks")


def test_pagination_shows_the_requested_page(client, catalogue, db):
    owner = make_org()
    for i in range(25):
        make_scenario(owner, title=f"分页测试场景{i:02d}")
    db.session.commit()
    first = client.get("/scenarios?per_page=10&sort=oldest").get_data(as_text=True)
    second = client.get("/scenarios?per_page=10&sort=oldest&page=2").get_data(as_text=True)
    assert first != second and 'rel="next"' in first and 'rel="prev"' in second


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=abc",
        f"page={10**9}",
        "per_page=100000",
        "per_page=0",
        "q=" + "轮" * 10_000,
        "sort=DROP TABLE",
        "industry=nope",
        "district=beijing",
        "capability=%00",
        "q=%25_%5C",
        "q=a%00b",
        "batch=%00",
        "q=%F0%9F%A4%96",
        "q=%ff%fe",
        "q=!!!",
        "q=%E3%80%82%EF%BC%8C%E3%80%81",
        "q=%20%20%20",
        "q=%01%02%1b",
        "q=" + "quality inspection " * 500,
        "q=轮胎&sort=budget_low&industry=tyre-rubber&page=9",
    ],
)
def test_bad_list_parameters_are_clamped_not_errors(client, catalogue, query):
    for path in ("/scenarios", "/vendors"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, query)


def test_unknown_ids_give_the_friendly_not_found_page(client, catalogue):
    for path in ("/scenarios/999999", "/vendors/999999", "/no-such-page"):
        response = client.get(path)
        assert response.status_code == 404
        assert "找不到" in response.get_data(as_text=True)


def test_vendor_list_search_and_detail(client, catalogue):
    page = client.get("/vendors?q=缺陷").get_data(as_text=True)
    assert "慧眼视觉" in page and "未发布厂商" not in page
    detail = client.get(f"/vendors/{catalogue['vendor'].id}").get_data(as_text=True)
    assert "深度学习表面缺陷检测" in detail


def test_scenario_detail_shows_description_budget_and_district(client, catalogue):
    page = client.get(f"/scenarios/{catalogue['tyre'].id}").get_data(as_text=True)
    assert "夜班漏检明显" in page and "50万–200万 元" in page and "即墨区" in page


def test_lang_parameter_switches_to_english_and_is_remembered(client, catalogue):
    response = client.get("/scenarios?lang=en")
    page = response.get_data(as_text=True)
    assert 'lang="en"' in page and "AI application scenarios" in page
    assert "keting_lang=en" in response.headers.get("Set-Cookie", "")
    later = client.get("/scenarios").get_data(as_text=True)
    assert "AI application scenarios" in later
    back = client.get("/scenarios?lang=zh").get_data(as_text=True)
    assert "AI application scenarios" not in back


def test_accept_language_english_is_respected(client, catalogue):
    page = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert 'lang="en"' in page
    zh = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert 'lang="zh-Hans"' in zh


def test_english_viewers_see_english_taxonomy_names(client, catalogue):
    page = client.get(f"/scenarios/{catalogue['tyre'].id}?lang=en").get_data(as_text=True)
    assert "Tyres and rubber" in page and "Jimo District" in page and "CNY 500k–2M" in page


def test_every_page_says_the_catalogue_is_demo_data(client, catalogue):
    assert "演示" in client.get("/").get_data(as_text=True)


def test_a_word_inside_a_longer_synonym_does_not_pull_in_another_industry(client, catalogue, db):
    port = catalogue["port"].industry
    port.synonyms_zh = ["港口", "轮胎吊"]  # a rubber-tyred gantry crane is port equipment, not a tyre
    db.session.commit()
    page = client.get("/scenarios?q=轮胎").get_data(as_text=True)
    assert "Unmanned trucks" not in page


def test_with_search_words_the_best_hits_come_first(client, catalogue, db):
    make_scenario(make_org(), title="产线能耗优化", description="轮胎硫化车间的蒸汽能耗偏高。")
    db.session.commit()
    page = client.get("/scenarios?q=胎面").get_data(as_text=True)
    assert "胎面外观人工目检漏检多" in page
    page = client.get("/scenarios?q=轮胎").get_data(as_text=True)
    assert page.index("胎面外观人工目检漏检多") < page.index("产线能耗优化")


def test_every_page_links_a_favicon_that_exists(client):
    page = client.get("/").get_data(as_text=True)
    links = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert links
    for href in links:
        assert client.get(href).status_code == 200
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00"


def test_the_vendor_list_by_name_reads_naturally_in_each_language(client, db):
    for name, name_en in (
        ("Bayforge Analytics (Qingdao) Co., Ltd.", None),
        ("Anchorlight AI Co., Ltd.", None),
        ("青岛屿和人工智能科技有限公司", "Qingdao Yuhe AI Co., Ltd."),
        ("青岛岬峰视觉科技有限公司", "Aardvark Vision (Qingdao) Co., Ltd."),
    ):
        make_vendor(name=name, org_kw={"name_en": name_en} if name_en else None)
    db.session.commit()
    zh = client.get("/vendors?sort=name&lang=zh").get_data(as_text=True)
    order_zh = [zh.index(n) for n in ("青岛屿和", "青岛岬峰", "Anchorlight", "Bayforge")]
    # Chinese names first for a Chinese reader (Latin names otherwise fill the first page).
    assert min(order_zh[:2]) > 0 and max(order_zh[:2]) < min(order_zh[2:])
    en = client.get("/vendors?sort=name&lang=en").get_data(as_text=True)
    # In English, by the English name: Aardvark (青岛岬峰's English name) comes first.
    assert en.index("Aardvark") < en.index("Anchorlight") < en.index("Bayforge") < en.index("Qingdao Yuhe")
