"""Anonymous public pages come from the page cache and carry validators; nobody's own page is ever shared."""

from __future__ import annotations

import pytest

from app.extensions import cache
from app.extensions import db as _db
from tests.factories import make_scenario, make_user
from tests.querycount import count_queries


@pytest.fixture()
def page_cache(app):
    cache.init_app(app, config={"CACHE_TYPE": "SimpleCache"})
    yield cache
    cache.clear()
    cache.init_app(app, config={"CACHE_TYPE": "NullCache", "CACHE_NO_NULL_WARNING": True})


@pytest.fixture()
def listed(db):
    scenario = make_scenario(title="胎面外观缺陷人工目检效率低")
    db.session.commit()
    return scenario


def test_an_anonymous_list_is_served_from_the_cache_until_the_catalogue_changes(client, page_cache, listed):
    assert "胎面外观缺陷人工目检效率低" in client.get("/scenarios").get_data(as_text=True)
    with count_queries() as seen:
        again = client.get("/scenarios")
    assert again.status_code == 200 and "胎面外观缺陷人工目检效率低" in again.get_data(as_text=True)
    assert seen.count == 1, seen  # the generation, nothing else
    listed.title = "胎侧气泡视觉检测"
    _db.session.commit()
    assert "胎侧气泡视觉检测" in client.get("/scenarios").get_data(as_text=True)


def test_anonymous_pages_carry_validators_and_answer_304_while_nothing_changed(client, page_cache, listed):
    first = client.get(f"/scenarios/{listed.id}")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    assert {"Cookie", "Accept-Language"} <= set(first.vary)
    assert first.last_modified is not None
    assert client.get(f"/scenarios/{listed.id}", headers={"If-None-Match": etag}).status_code == 304
    since = first.headers["Last-Modified"]
    assert client.get(f"/scenarios/{listed.id}", headers={"If-Modified-Since": since}).status_code == 304
    listed.title = "胎侧气泡视觉检测"
    _db.session.commit()
    changed = client.get(f"/scenarios/{listed.id}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "胎侧气泡视觉检测" in changed.get_data(as_text=True)


def test_each_language_is_cached_on_its_own(client, page_cache, listed):
    chinese = client.get("/scenarios", headers={"Accept-Language": "zh-CN"})
    english = client.get("/scenarios", headers={"Accept-Language": "en"})
    assert "场景" in chinese.get_data(as_text=True)
    assert "AI application scenarios" in english.get_data(as_text=True)
    assert chinese.headers["ETag"] != english.headers["ETag"]


def test_a_signed_in_page_is_neither_cached_nor_given_validators(app, client, login_as, page_cache, listed):
    user = make_user("enterprise", display_name="王工程师")
    login_as(user)
    mine = client.get("/scenarios")
    assert "王工程师" in mine.get_data(as_text=True)
    assert "ETag" not in mine.headers and mine.headers["Cache-Control"] == "private, no-cache"
    anonymous = app.test_client().get("/scenarios").get_data(as_text=True)
    assert "王工程师" not in anonymous and "csrf_token" not in anonymous
    # ...and a page cached for visitors is not handed to a signed-in person.
    assert "王工程师" in client.get("/scenarios").get_data(as_text=True)


def test_a_waiting_flash_is_shown_once_and_never_cached(app, client, page_cache, listed):
    with client.session_transaction() as sess:
        sess["_flashes"] = [("info", "您的场景已提交审核。")]
    flashed = client.get("/")
    assert "您的场景已提交审核。" in flashed.get_data(as_text=True) and "ETag" not in flashed.headers
    assert "您的场景已提交审核。" not in app.test_client().get("/").get_data(as_text=True)


def test_past_the_last_page_one_can_open_the_list_says_how_to_reach_the_rest(app, client, db):
    for n in range(7):
        make_scenario(title=f"轮胎外观缺陷检测 {n}")
    db.session.commit()
    app.config.update(PER_PAGE=2, MAX_LIST_PAGES=2)
    try:
        last = client.get("/scenarios?page=2&lang=en").get_data(as_text=True)
        assert "Only the first 4 of 7 results are listed in pages" in last
        assert 'href="/scenarios?page=3' not in last
        beyond = client.get("/scenarios?page=3&lang=en")
        assert beyond.status_code == 200
        text = beyond.get_data(as_text=True)
        assert "Page 3 cannot be shown: lists stop at page 2." in text and "Go to page 2" in text
        zh = client.get("/scenarios?page=3&lang=zh").get_data(as_text=True)
        assert "无法显示第 3 页" in zh and "请缩小搜索范围" in zh
        # Past the end of a list shorter than the limit: its last page, as before.
        app.config["MAX_LIST_PAGES"] = 50
        assert '<span aria-current="page">4</span>' in client.get("/scenarios?page=99").get_data(as_text=True)
    finally:
        app.config.update(PER_PAGE=20, MAX_LIST_PAGES=50)
