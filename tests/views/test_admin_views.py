"""/admin over HTTP: only admins get in, every page renders in both languages, the forms work end to end."""

from __future__ import annotations

import re
from datetime import UTC

import pytest
import sqlalchemy as sa

from app.extensions import db as _db
from app.models import AuditEntry, DuplicateFlag, ImportBatch, Organization, Scenario, User
from tests.factories import make_capability, make_industry, make_scenario, make_user, make_vendor
from tests.services.test_imports import messy_workbook

GET_ROUTES = [
    "/admin/",
    "/admin/review",
    "/admin/review?status=published&kind=scenario",
    "/admin/review/scenario/{scenario}",
    "/admin/review/scenario/{scenario}/edit",
    "/admin/review/vendor/{vendor}",
    "/admin/review/vendor/{vendor}/edit",
    "/admin/organizations",
    "/admin/organizations/{org}",
    "/admin/users",
    "/admin/duplicates",
    "/admin/duplicates/{flag}",
    "/admin/taxonomy",
    "/admin/taxonomy?kind=industry",
    "/admin/taxonomy/capability/new",
    "/admin/taxonomy/capability/{capability}",
    "/admin/import",
    "/admin/import/{batch}",
    "/admin/export",
    "/admin/export/scenarios.csv",
    "/admin/audit",
    "/admin/audit?action=scenario&actor=system",
]
POST_ROUTES = [
    "/admin/review/bulk",
    "/admin/review/scenario/{scenario}/decide",
    "/admin/review/scenario/{scenario}/feature",
    "/admin/review/scenario/{scenario}/edit",
    "/admin/review/vendor/{vendor}/edit",
    "/admin/organizations/{org}/verify",
    "/admin/users/{user}/suspend",
    "/admin/users/{user}/restore",
    "/admin/duplicates/scan",
    "/admin/duplicates/{flag}/merge",
    "/admin/duplicates/{flag}/dismiss",
    "/admin/taxonomy/capability/new",
    "/admin/taxonomy/capability/{capability}",
    "/admin/taxonomy/capability/{capability}/delete",
    "/admin/taxonomy/capability/{capability}/merge",
    "/admin/import",
    "/admin/import/{batch}/map",
    "/admin/import/{batch}/run",
]


@pytest.fixture()
def world(db):
    industry = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber", synonyms_zh=["轮胎"])
    capability = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    poster = make_user("enterprise", email="poster@example.com")
    scenario = make_scenario(
        owner=poster.organization,
        created_by=poster,
        status="pending",
        industry=industry,
        capabilities=[capability],
        title="待审的胎面检测场景",
        description="每班三名质检员肉眼检查胎面，夜班漏检率高，希望用视觉检测替代。",
    )
    other = make_scenario(title="已发布的胎面检测场景", industry=industry)
    vendor = make_vendor(status="pending", capabilities=[capability])
    flag = DuplicateFlag(
        scenario_id=scenario.id,
        duplicate_of_id=other.id,
        score=0.91,
        shared_terms=["胎面"],
        source="submit",
        status="open",
    )
    batch = ImportBatch(
        filename="清单.xlsx",
        file_sha256="0" * 64,
        file_kind="xlsx",
        label="清单",
        headers=["序号", "场景名称", "需求单位", "联系人", "所属行业", "场景描述", "所在区市"],
        header_rows=[3],
        mapping={"serial": 0, "title": 1, "owner": 2, "contact": 3, "industry": 4, "description": 5, "district": 6},
        preview={},
    )
    _db.session.add_all([flag, batch])
    _db.session.flush()
    from app.models import ImportRow
    from app.services.imports import read_xlsx

    _db.session.add_all(
        ImportRow(batch_id=batch.id, line=i + 1, cells=row)
        for i, row in enumerate(read_xlsx(messy_workbook(), 100, 10**8).rows)
        if any(row)
    )
    admin = make_user("admin", email="admin@keting.local")
    _db.session.commit()
    return {
        "scenario": scenario.id,
        "other": other.id,
        "vendor": vendor.id,
        "org": poster.organization_id,
        "flag": flag.id,
        "capability": capability.id,
        "batch": batch.id,
        "user": poster.id,
        "admin": admin,
        "poster": poster,
    }


def _url(template: str, world: dict) -> str:
    return template.format(**{k: v for k, v in world.items() if isinstance(v, int)})


@pytest.mark.parametrize("route", GET_ROUTES + POST_ROUTES)
def test_anonymous_visitors_are_sent_to_log_in(client, world, route):
    method = client.post if route in POST_ROUTES and route not in GET_ROUTES else client.get
    response = method(_url(route, world))
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["enterprise", "vendor"])
@pytest.mark.parametrize("route", GET_ROUTES)
def test_members_get_403_on_every_admin_page(client, login_as, world, role, route):
    login_as(make_user(role))
    assert client.get(_url(route, world)).status_code == 403


@pytest.mark.parametrize("route", POST_ROUTES)
def test_members_cannot_post_to_any_admin_action(client, login_as, world, route):
    login_as(world["poster"])
    assert (
        client.post(
            _url(route, world),
            data={
                "action": "approve",
                "selected": f"scenario:{world['scenario']}",
                "keep": str(world["other"]),
                "verified": "1",
                "reason": "because",
            },
        ).status_code
        == 403
    )
    _db.session.expire_all()
    assert _db.session.get(Scenario, world["scenario"]).status == "pending"
    assert _db.session.get(User, world["user"]).is_active


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("route", GET_ROUTES)
def test_admins_see_every_page_in_both_languages(client, login_as, world, route, lang):
    login_as(world["admin"])
    url = _url(route, world)
    response = client.get(url + ("&" if "?" in url else "?") + f"lang={lang}")
    assert response.status_code == 200


def test_the_dashboard_draws_its_charts_as_inline_svg_with_the_numbers_in_tables(client, login_as, world):
    login_as(world["admin"])
    html = client.get("/admin/?lang=en").get_data(as_text=True)
    assert html.count("<svg") >= 5 and "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    assert "Funnel" in html and "<table" in html


def test_bulk_approve_from_the_queue(client, login_as, world, outbox):
    second = make_scenario(
        status="pending", title="第二个待审场景", description="另一段足够长的描述文字，说明现场问题。"
    )
    _db.session.commit()
    login_as(world["admin"])
    response = client.post(
        "/admin/review/bulk",
        data={
            "action": "approve",
            "selected": [f"scenario:{world['scenario']}", f"scenario:{second.id}"],
            "back": "/admin/review",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/review")
    _db.session.expire_all()
    assert {_db.session.get(Scenario, i).status for i in (world["scenario"], second.id)} == {"published"}


def test_rejecting_without_a_reason_is_refused_with_a_message(client, login_as, world):
    login_as(world["admin"])
    response = client.post(
        f"/admin/review/scenario/{world['scenario']}/decide", data={"action": "reject"}, follow_redirects=True
    )
    assert "flash-error" in response.get_data(as_text=True)
    _db.session.expire_all()
    assert _db.session.get(Scenario, world["scenario"]).status == "pending"


def test_the_queue_shows_the_reject_reason_field_and_the_duplicate_badge(client, login_as, world):
    login_as(world["admin"])
    html = client.get("/admin/review?lang=en").get_data(as_text=True)
    assert "Possible duplicate" in html and 'name="selected"' in html


def test_without_a_csrf_token_an_admin_post_changes_nothing(client, login_as, world, csrf_enabled):
    login_as(world["admin"])
    client.post(f"/admin/review/scenario/{world['scenario']}/decide", data={"action": "approve"})
    _db.session.expire_all()
    assert _db.session.get(Scenario, world["scenario"]).status == "pending"


def test_the_import_goes_upload_map_dry_run_import_with_a_progress_page(client, login_as, world):
    import io

    login_as(world["admin"])
    response = client.post(
        "/admin/import",
        data={"file": (io.BytesIO(messy_workbook()), "清单.xlsx"), "label": "2024 第一批", "publish": "publish"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    batch_url = response.headers["Location"]
    page = client.get(batch_url + "?lang=en").get_data(as_text=True)
    assert "Header found on row 3" in page and "A · 序号" in page
    batch_id = int(re.search(r"/admin/import/(\d+)", batch_url).group(1))
    mapping = {
        "serial": "0",
        "title": "1",
        "owner": "2",
        "contact": "3",
        "industry": "4",
        "description": "5",
        "district": "6",
        "label": "2024 第一批",
        "publish": "review",
    }
    response = client.post(f"/admin/import/{batch_id}/map", data=mapping)
    assert response.status_code == 302
    preview = client.get(f"/admin/import/{batch_id}?lang=en").get_data(as_text=True)
    assert "The title is missing." in preview and "Unknown industry “新能源汽车零部件制造”" in preview
    run = client.post(f"/admin/import/{batch_id}/run")
    assert run.status_code == 302 and re.search(r"/admin/jobs/\d+$", run.headers["Location"])
    job_page = client.get(run.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "Done" in job_page and "Scenarios imported" in job_page and 'value="100"' in job_page
    status = client.get(run.headers["Location"] + ".json").get_json()
    assert (status["state"], status["percent"], status["finished"]) == ("done", 100, True)
    imported = _db.session.scalars(sa.select(Scenario).where(Scenario.source_batch == "2024 第一批")).all()
    assert imported and {s.status for s in imported} == {"pending"}
    assert _db.session.get(ImportBatch, batch_id).status == "imported"


def test_the_dry_run_page_says_which_organization_each_owner_gets(client, login_as, world):
    from tests.factories import make_org

    make_industry("ports-logistics", "港口物流", "Ports and logistics", synonyms_zh=["港口"])
    verified = make_org(name="青岛已有示例公司", verified=True)
    make_org(name="青岛轮胎示例有限公司", verified=False)  # signed up by itself before the import
    _db.session.commit()
    login_as(world["admin"])
    mapping = {
        "serial": "0",
        "title": "1",
        "owner": "2",
        "contact": "3",
        "industry": "4",
        "description": "5",
        "district": "6",
        "label": "2024 第一批",
        "publish": "review",
    }
    assert client.post(f"/admin/import/{world['batch']}/map", data=mapping).status_code == 302
    page = client.get(f"/admin/import/{world['batch']}?lang=en").get_data(as_text=True)
    table = re.search(r'<table class="admin-table compact owner-table".*?</table>', page, re.S).group(0)
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip() for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    assert rows[1:] == [
        f"青岛已有示例公司 1 Verified organization: #{verified.id} 青岛已有示例公司",
        "青岛轮胎示例有限公司 1 New placeholder An unverified organization that signed up by itself has this name; "
        "it does not get these rows.",
    ]
    assert "1 owner has the same name as an unverified organization that signed up by itself" in page


def test_an_upload_over_the_request_limit_gets_a_clear_message(client, login_as, world, app):
    import io

    login_as(world["admin"])
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = client.post(
            "/admin/import",
            data={"file": (io.BytesIO(b"x" * 5000), "big.csv")},
            content_type="multipart/form-data",
            follow_redirects=True,
        )
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024
    assert "flash-error" in response.get_data(as_text=True)


def test_the_export_is_a_csv_download_with_a_bom(client, login_as, world):
    login_as(world["admin"])
    response = client.get("/admin/export/funnel.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="keting-funnel-')
    assert response.data.startswith("\ufeff".encode("utf-8"))


def test_merging_from_the_pair_page_redirects_the_old_address(client, login_as, world):
    login_as(world["admin"])
    response = client.post(
        f"/admin/duplicates/{world['flag']}/merge", data={"keep": str(world["other"]), "confirmed": "1"}
    )
    assert response.status_code == 302
    moved = client.get(f"/scenarios/{world['scenario']}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/scenarios/{world['other']}")


def test_a_pair_of_two_organizations_is_merged_without_moving_their_rooms(client, login_as, world):
    from app.models import Connection
    from tests.factories import make_connection, make_intro_request

    room = make_connection(
        make_intro_request(scenario=_db.session.get(Scenario, world["scenario"]), vendor=make_vendor())
    )
    _db.session.commit()
    login_as(world["admin"])
    page = client.get(f"/admin/duplicates/{world['flag']}?lang=en").get_data(as_text=True)
    assert "These two scenarios belong to different organizations" in page
    assert "conversations never move between organizations" in page
    assert "Different organizations" in client.get("/admin/duplicates?lang=en").get_data(as_text=True)
    done = client.post(
        f"/admin/duplicates/{world['flag']}/merge?lang=en",
        data={"keep": str(world["other"]), "confirmed": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "The two belonged to different organizations" in done
    _db.session.expire_all()
    assert _db.session.get(Connection, room.id).scenario_id == world["scenario"]


def test_suspending_from_the_accounts_page_needs_a_reason_and_is_logged(client, login_as, world):
    login_as(world["admin"])
    client.post(f"/admin/users/{world['user']}/suspend", data={"reason": ""})
    _db.session.expire_all()
    assert _db.session.get(User, world["user"]).is_active
    client.post(f"/admin/users/{world['user']}/suspend", data={"reason": "spam listings"})
    _db.session.expire_all()
    assert not _db.session.get(User, world["user"]).is_active
    assert _db.session.scalar(sa.select(AuditEntry.note).where(AuditEntry.action == "user.suspend")) == "spam listings"


def test_verifying_from_the_list_keeps_the_filters(client, login_as, world):
    login_as(world["admin"])
    response = client.post(
        f"/admin/organizations/{world['org']}/verify",
        data={"verified": "1", "back": "/admin/organizations?verified=no"},
    )
    assert response.headers["Location"].endswith("/admin/organizations?verified=no")
    _db.session.expire_all()
    assert _db.session.get(Organization, world["org"]).verified


def test_the_admin_link_shows_for_admins_only(client, login_as, world):
    login_as(world["admin"])
    assert 'href="/admin/"' in client.get("/").get_data(as_text=True)
    login_as(world["poster"])
    assert 'href="/admin/"' not in client.get("/").get_data(as_text=True)


def test_a_taxonomy_entrys_page_reads_the_tree_and_its_usage_once(client, login_as, world):
    login_as(world["admin"])
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()))

    sa.event.listen(_db.engine, "before_cursor_execute", record)
    try:
        response = client.get(f"/admin/taxonomy/capability/{world['capability']}")
    finally:
        sa.event.remove(_db.engine, "before_cursor_execute", record)
    assert response.status_code == 200 and "机器视觉缺陷检测" in response.get_data(as_text=True)
    assert sum("FROM scenario_capability GROUP BY" in s for s in statements) == 1
    assert sum(s.startswith("SELECT capability.") and "ORDER BY capability.position" in s for s in statements) == 1
    assert len(statements) <= 6


def _header_row(html: str, caption_or_marker: str) -> list[str]:
    """The column headings of the first table after caption_or_marker."""
    part = html.split(caption_or_marker, 1)[1]
    thead = part.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", thead)]


def test_admin_column_headings_say_what_the_column_holds_in_chinese(client, login_as, world):
    login_as(world["admin"])
    dashboard = client.get("/admin/?lang=zh").get_data(as_text=True)
    # The capability-gap table counts published scenarios; it is not a publication date.
    gaps = _header_row(dashboard, 'id="gaps-h"')
    assert gaps[2] == "已发布场景数" and "发布时间" not in gaps
    taxonomy = _header_row(client.get("/admin/taxonomy?lang=zh").get_data(as_text=True), "<table")
    assert taxonomy[0] == "名称" and "姓名" not in taxonomy
    duplicates = _header_row(client.get("/admin/duplicates?lang=zh").get_data(as_text=True), "<table")
    assert duplicates[1] == "被标记的场景" and duplicates[-1] == "标记时间"


def test_merging_duplicates_asks_for_confirmation_first_and_changes_nothing_until_then(client, login_as, world):
    login_as(world["admin"])
    page = client.post(
        f"/admin/duplicates/{world['flag']}/merge?lang=en", data={"keep": str(world["other"]), "note": "same tyre line"}
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Merge these two scenarios?" in html and "cannot be undone" in html
    assert 'name="confirmed" value="1"' in html and f'name="keep" value="{world["other"]}"' in html
    assert 'value="same tyre line"' in html
    _db.session.expire_all()
    assert _db.session.get(Scenario, world["scenario"]).status == "pending"
    assert _db.session.get(DuplicateFlag, world["flag"]).status == "open"
    client.post(
        f"/admin/duplicates/{world['flag']}/merge",
        data={"keep": str(world["other"]), "note": "same tyre line", "confirmed": "1"},
    )
    _db.session.expire_all()
    assert _db.session.get(Scenario, world["scenario"]).status == "merged"


def test_the_audit_log_reads_as_words_with_full_before_and_after(client, login_as, world):
    from app.services import audit

    long_before = "旧描述：" + "每班三名质检员肉眼检查胎面。" * 12
    audit.record(
        world["admin"],
        "scenario.edit",
        "scenario",
        world["scenario"],
        "待审的胎面检测场景",
        {"capabilities": ["visual-inspection"], "district": "jimo", "description": long_before},
        {"capabilities": ["轮胎", "visual-inspection"], "district": "laoshan", "description": "新描述"},
    )
    _db.session.commit()
    login_as(world["admin"])
    zh = client.get("/admin/audit?lang=zh").get_data(as_text=True)
    assert "\\u" not in zh and "scenario.edit" not in zh.split("<tbody>", 1)[1]
    assert "场景 · 已编辑" in zh and "所需能力" in zh and "机器视觉缺陷检测" in zh and "轮胎" in zh
    assert "即墨区" in zh and "崂山区" in zh  # districts by name, before → after
    assert long_before in zh  # in full, behind a summary
    assert "<details>" in zh
    en = client.get("/admin/audit?lang=en").get_data(as_text=True)
    assert "Scenario · edited" in en and "Capabilities" in en and "Visual defect inspection" in en
    assert "Scenario · status changed" in en  # the listener's entries too


def test_the_review_history_names_actions_and_changes(client, login_as, world):
    client_html = None
    _db.session.get(Scenario, world["scenario"]).status = "published"
    _db.session.commit()
    login_as(world["admin"])
    client_html = client.get(f"/admin/review/scenario/{world['scenario']}?lang=zh").get_data(as_text=True)
    history = client_html.split('class="history"', 1)[1]
    assert "场景 · 状态变更" in history and "scenario.status" not in history
    assert "待审核" in history or "审核中" in history


def test_an_edited_live_scenario_waits_in_the_queue_until_an_admin_checks_it(client, login_as, world, outbox):
    from datetime import datetime

    live = _db.session.get(Scenario, world["other"])
    live.edited_after_publish_at = datetime.now(UTC)
    _db.session.commit()
    login_as(world["admin"])
    queue = client.get("/admin/review?status=published&edited=1&lang=zh").get_data(as_text=True)
    assert "发布后有修改" in queue and live.title in queue and "待审的胎面检测场景" not in queue
    response = client.post(f"/admin/review/scenario/{live.id}/decide", data={"action": "approve"})
    assert response.status_code == 302
    _db.session.expire_all()
    checked = _db.session.get(Scenario, live.id)
    assert checked.status == "published" and checked.edited_after_publish_at is None
    assert outbox == []  # the owner already sees the edit live
    assert live.title not in client.get("/admin/review?status=published&edited=1").get_data(as_text=True)
