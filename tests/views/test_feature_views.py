"""Pages for saved searches, the shortlist, comparison, calls to action, the about page and similar scenarios."""

from __future__ import annotations

import sqlalchemy as sa

from app.models import AuditEntry, SavedSearch, ShortlistItem
from app.services import matches
from tests.factories import make_match_catalogue, make_saved_search, make_scenario, make_user, make_vendor
from tests.views.helpers import field_error


def test_a_visitor_sees_both_calls_to_action_with_the_role_chosen(client, db):
    scenario = make_scenario()
    vendor = make_vendor()
    db.session.commit()
    for url in ("/", f"/scenarios/{scenario.id}", f"/vendors/{vendor.id}", "/about"):
        html = client.get(url + "?lang=zh").get_data(as_text=True)
        assert "/auth/register?role=enterprise" in html and "/auth/register?role=vendor" in html, url
        assert "发布需求" in html and "入驻为AI企业" in html, url
    register = client.get("/auth/register?role=vendor").get_data(as_text=True)
    assert 'value="vendor" checked' in register


def test_a_signed_in_person_sees_no_call_to_action(client, db, login_as):
    login_as(make_user())
    html = client.get("/").get_data(as_text=True)
    assert "/auth/register?role=vendor" not in html


def test_the_about_page_renders_markdown_safely_and_is_linked_from_the_footer(client, db, login_as):
    html = client.get("/about?lang=en").get_data(as_text=True)
    assert "<h4>What the AI international living room is</h4>" in html and 'href="/about"' in html
    admin = make_user("admin")
    login_as(admin)
    refused = client.post(
        "/admin/pages/about",
        data={
            "body_zh": "## 关于本项目\n这是新的中文说明文字。<script>alert(1)</script>",
            "body_en": "## About\nThis is the new English text for visitors.",
        },
    )
    assert refused.status_code == 422 and field_error(refused, "body_zh")
    response = client.post(
        "/admin/pages/about",
        data={
            "body_zh": "## 关于本项目\n这是新的中文说明文字，写给来访的企业。[联系我们](mailto:ops@example.cn)",
            "body_en": "## About\nThis is the new English text for visitors.",
        },
    )
    assert response.status_code == 302
    html = client.get("/about?lang=zh").get_data(as_text=True)
    assert "<h4>关于本项目</h4>" in html and 'href="mailto:ops@example.cn"' in html
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "page.edit")) == 1


def test_the_about_editor_is_for_admins_and_shows_errors_beside_the_field(client, db, login_as):
    assert client.get("/admin/pages/about").status_code == 302  # to log in
    login_as(make_user())
    assert client.get("/admin/pages/about").status_code == 403
    login_as(make_user("admin"))
    response = client.post("/admin/pages/about", data={"body_zh": "", "body_en": "Long enough English text."})
    assert response.status_code == 422 and field_error(response, "body_zh")


def test_saving_a_search_from_the_list_page(client, db, login_as):
    user = make_user()
    login_as(user)
    page = client.get("/scenarios?q=轮胎&district=jimo").get_data(as_text=True)
    assert 'action="/my/searches/new"' in page
    response = client.post(
        "/my/searches/new",
        data={"kind": "scenario", "name": "即墨轮胎", "q": "轮胎", "district": "jimo", "frequency": "immediate"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/my/searches")
    search = db.session.scalar(sa.select(SavedSearch))
    assert (search.user_id, search.q, search.district, search.frequency) == (user.id, "轮胎", "jimo", "immediate")
    html = client.get("/my/searches").get_data(as_text=True)
    assert "即墨轮胎" in html and "q=%E8%BD%AE%E8%83%8E" in html


def test_a_duplicate_name_is_shown_beside_the_field_and_nothing_is_saved(client, db, login_as):
    user = make_user()
    make_saved_search(user, "tyres")
    login_as(user)
    response = client.post("/my/searches/new", data={"kind": "scenario", "name": "tyres", "frequency": "daily"})
    assert response.status_code == 422 and field_error(response, "name")
    assert db.session.scalar(sa.select(sa.func.count(SavedSearch.id))) == 1


def test_a_problem_with_a_hidden_filter_is_shown_too(client, db, login_as):
    login_as(make_user())
    response = client.post(
        "/my/searches/new", data={"kind": "scenario", "name": "x", "industry": "no-such-code", "frequency": "daily"}
    )
    assert response.status_code == 422 and "请重新搜索后保存" in response.get_data(as_text=True)


def test_visitors_are_asked_to_log_in_to_save_a_search(client, db):
    html = client.get("/vendors").get_data(as_text=True)
    assert "/auth/login?next=" in html and 'action="/my/searches/new"' not in html
    assert client.get("/my/searches").status_code == 302


def test_another_persons_saved_search_cannot_be_changed_or_deleted(client, db, login_as):
    owner = make_user()
    search = make_saved_search(owner, "mine")
    login_as(make_user())
    data = {f"s{search.id}-name": "x", f"s{search.id}-frequency": "daily"}
    assert client.post(f"/my/searches/{search.id}", data=data).status_code == 404
    assert client.post(f"/my/searches/{search.id}/delete").status_code == 404
    assert db.session.get(SavedSearch, search.id).name == "mine"


def test_renaming_and_deleting_a_saved_search(client, db, login_as):
    user = make_user()
    search = make_saved_search(user, "old")
    login_as(user)
    p = f"s{search.id}-"
    bad = client.post(f"/my/searches/{search.id}", data={p + "name": "", p + "frequency": "daily"})
    assert bad.status_code == 422 and field_error(bad, p + "name")
    assert (
        client.post(f"/my/searches/{search.id}", data={p + "name": "new", p + "frequency": "daily"}).status_code == 302
    )
    db.session.expire_all()
    assert (search.name, search.frequency) == ("new", "daily")
    assert client.post(f"/my/searches/{search.id}/delete").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(SavedSearch.id))) == 0


def test_the_star_button_toggles_and_returns_to_the_page(client, db, login_as):
    user = make_user()
    scenario = make_scenario()
    login_as(user)
    html = client.get("/scenarios").get_data(as_text=True)
    assert f'action="/shortlist/scenario/{scenario.id}"' in html and 'aria-pressed="false"' in html
    response = client.post(f"/shortlist/scenario/{scenario.id}", data={"next": "/scenarios?page=1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/scenarios?page=1")
    assert 'aria-pressed="true"' in client.get(f"/scenarios/{scenario.id}").get_data(as_text=True)
    assert scenario.title in client.get("/my/shortlist").get_data(as_text=True)
    # Another site as "next" is ignored.
    response = client.post(f"/shortlist/scenario/{scenario.id}", data={"next": "//evil.example/"})
    assert response.headers["Location"].endswith("/my/shortlist")
    assert db.session.scalar(sa.select(sa.func.count(ShortlistItem.id))) == 0


def test_the_shortlist_needs_a_login_and_shows_only_ones_own(client, db, login_as):
    assert client.get("/my/shortlist").status_code == 302
    owner = make_user()
    vendor = make_vendor(name="只属于我的收藏")
    db.session.add(ShortlistItem(user_id=owner.id, vendor_id=vendor.id))
    login_as(make_user())
    assert "只属于我的收藏" not in client.get("/my/shortlist").get_data(as_text=True)


def test_the_comparison_page_for_the_owner(client, db, login_as):
    cat = make_match_catalogue()
    matches.rebuild_all()
    s1 = cat["s1"]
    owner = make_user(organization=s1.owner)
    login_as(owner)
    html = client.get(
        f"/scenarios/{s1.id}/compare?vendor={cat['vision'].id}&vendor={cat['other'].id}&lang=en"
    ).get_data(as_text=True)
    assert "compare-table" in html and "青视科技" in html and "Not on Keting yet" in html and "Match strength" in html
    four = "&".join(f"vendor={v.id}" for v in (cat["vision"], cat["other"], cat["speech"], make_vendor()))
    assert client.get(f"/scenarios/{s1.id}/compare?{four}").status_code == 422
    assert f"/scenarios/{s1.id}/compare" in client.get(f"/scenarios/{s1.id}/suggested").get_data(as_text=True)


def test_the_comparison_is_not_for_vendors_or_other_enterprises(client, db, login_as):
    cat = make_match_catalogue()
    login_as(make_user("vendor"))
    assert client.get(f"/scenarios/{cat['s1'].id}/compare").status_code == 403
    login_as(make_user())
    assert client.get(f"/scenarios/{cat['s1'].id}/compare").status_code == 404


def test_a_scenario_page_shows_similar_scenarios_with_what_they_share(client, db):
    cat = make_match_catalogue()
    matches.rebuild_all()
    html = client.get(f"/scenarios/{cat['s1'].id}?lang=zh").get_data(as_text=True)
    assert "相似场景" in html and cat["s2"].title in html and cat["s3"].title not in html


def test_without_a_csrf_token_nothing_is_saved_starred_changed_or_deleted(client, db, login_as, csrf_enabled):
    admin = make_user("admin")
    search = make_saved_search(admin, "kept")
    scenario = make_scenario()
    login_as(admin)
    posts = [
        ("/my/searches/new", {"kind": "scenario", "name": "new", "frequency": "daily"}),
        (f"/my/searches/{search.id}", {f"s{search.id}-name": "renamed", f"s{search.id}-frequency": "daily"}),
        (f"/my/searches/{search.id}/delete", {}),
        (f"/shortlist/scenario/{scenario.id}", {}),
        (
            "/admin/pages/about",
            {"body_zh": "新的中文说明文字，足够长的一段。", "body_en": "New English text, long enough."},
        ),
    ]
    for path, data in posts:
        assert client.post(path, data=data).status_code in (302, 400, 422), path
    db.session.expire_all()
    assert [s.name for s in db.session.scalars(sa.select(SavedSearch))] == ["kept"]
    assert db.session.scalar(sa.select(sa.func.count(ShortlistItem.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "page.edit")) == 0
