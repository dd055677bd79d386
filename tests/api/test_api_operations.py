"""/api/v1 end to end: the catalogue, an enterprise's scenarios, a vendor's matches, the living room, admin."""

from __future__ import annotations

import io

import sqlalchemy as sa

from app.extensions import db
from app.models import Connection, Scenario
from app.services import matches as match_service
from tests.api.conftest import token_for
from tests.factories import (
    make_capability,
    make_industry,
    make_intro_request,
    make_match_catalogue,
    make_scenario,
    make_user,
    make_vendor,
)

# Conventions ------------------------------------------------------------------------------------------


def test_lists_have_page_links_that_keep_the_filters(api):
    for i in range(3):
        make_scenario(title=f"场景{i}", district="jimo")
    db.session.commit()
    page = api.get("/api/v1/scenarios?district=jimo&per_page=2").json
    assert page["total"] == 3 and page["pages"] == 2 and len(page["items"]) == 2
    assert "district=jimo" in page["links"]["next"] and "page=2" in page["links"]["next"]
    assert page["links"]["prev"] is None


def test_a_read_answers_304_to_its_own_etag(api):
    make_scenario()
    db.session.commit()
    first = api.get("/api/v1/scenarios")
    assert first.headers["ETag"]
    again = api.get("/api/v1/scenarios", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_labels_follow_lang_or_accept_language(api):
    make_scenario(industry=make_industry("tyre", "轮胎橡胶", "Tyres and rubber"))
    db.session.commit()
    assert api.get("/api/v1/scenarios?lang=en").json["items"][0]["industry"]["name"] == "Tyres and rubber"
    assert (
        api.get("/api/v1/scenarios", headers={"Accept-Language": "en"}).json["items"][0]["industry"]["name"]
        == "Tyres and rubber"
    )
    assert api.get("/api/v1/scenarios?lang=zh").json["items"][0]["industry"]["name"] == "轮胎橡胶"


def test_times_are_iso_8601_utc(api):
    make_scenario()
    db.session.commit()
    assert api.get("/api/v1/scenarios").json["items"][0]["published_at"].endswith("Z")


def test_errors_are_problem_documents_with_field_errors(api):
    answer = api.get("/api/v1/scenarios?per_page=1000")
    assert answer.status_code == 422 and answer.content_type == "application/problem+json"
    assert answer.json["type"] == "/api/v1/problems/validation-error"
    assert [e["field"] for e in answer.json["errors"]] == ["per_page"]
    assert api.get(answer.json["type"]).json["status"] == 422


def test_a_body_that_is_not_json_is_a_4xx_and_saves_nothing(api):
    secret = token_for(make_user())
    answer = api.post("/api/v1/my/scenarios", token=secret, data="title=x", content_type="text/plain")
    assert 400 <= answer.status_code < 500 and answer.content_type == "application/problem+json"
    assert db.session.scalar(sa.select(sa.func.count(Scenario.id))) == 0


def test_ids_past_the_integer_range_are_404(api):
    assert api.get(f"/api/v1/scenarios/{2**31}").status_code == 404
    assert api.get(f"/api/v1/scenarios/{2**70}").status_code == 404


def test_rate_limits_send_the_standard_headers(api, app):
    answer = api.get("/api/v1/taxonomy")
    assert "X-RateLimit-Limit" in answer.headers and "X-RateLimit-Remaining" in answer.headers


def test_too_many_calls_get_429_with_retry_after(api, app):
    app.config["API_ANONYMOUS_RATE_LIMIT"] = "2 per minute"
    try:
        answers = [api.get("/api/v1/taxonomy") for _ in range(3)]
    finally:
        app.config["API_ANONYMOUS_RATE_LIMIT"] = "120 per minute"
    assert [a.status_code for a in answers] == [200, 200, 429]
    limited = answers[-1]
    assert limited.content_type == "application/problem+json" and "Retry-After" in limited.headers


def test_the_openapi_document_is_3_1_and_lists_every_operation(api):
    doc = api.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.1")
    ops = {op["operationId"] for path in doc["paths"].values() for op in path.values()}
    assert {
        "listScenarios",
        "createScenario",
        "listMyMatches",
        "expressInterest",
        "acceptRequest",
        "declineRequest",
        "postRoomMessage",
        "reviewListing",
        "getDashboard",
        "exportCsv",
    } <= ops
    error = doc["paths"]["/api/v1/scenarios/{scenario_id}"]["get"]["responses"]["404"]["content"]
    assert list(error) == ["application/problem+json"]


def test_the_docs_page_loads_its_files_from_the_site(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "https://" not in page and "/api/v1/docs/assets/swagger-ui-bundle.js" in page
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/v1/docs/assets/index.html").status_code == 404


# The catalogue ----------------------------------------------------------------------------------------


def test_a_confidential_scenario_never_shows_its_details_to_the_public(api):
    secret_text = "秘密工艺参数"
    scenario = make_scenario(description=secret_text, confidentiality="verified_only")
    db.session.commit()
    one = api.get(f"/api/v1/scenarios/{scenario.id}").json
    assert one["confidential"] and one["description"] is None and secret_text not in str(one)
    assert secret_text not in api.get("/api/v1/scenarios").get_data(as_text=True)
    outsider = token_for(make_user("vendor"))
    assert api.get(f"/api/v1/scenarios/{scenario.id}", token=outsider).json["description"] is None


def test_search_finds_through_the_taxonomy_like_the_site(api):
    tyre = make_industry("tyre", "轮胎橡胶", "Tyres and rubber", synonyms_en=["tyre"])
    make_scenario(title="胎面检测", industry=tyre)
    make_scenario(title="客服质检")
    db.session.commit()
    assert [s["title"] for s in api.get("/api/v1/scenarios?q=tyre").json["items"]] == ["胎面检测"]


def test_vendors_say_whether_they_are_on_keting(api):
    quiet = make_vendor(name="无人入驻视觉")
    member = make_vendor(name="有人入驻视觉")
    make_user("vendor", organization=member.organization)
    db.session.commit()
    rows = {v["name"]: v["organization"]["on_keting"] for v in api.get("/api/v1/vendors").json["items"]}
    assert rows == {"无人入驻视觉": False, "有人入驻视觉": True}
    assert api.get(f"/api/v1/vendors/{quiet.id}").json["organization"]["on_keting"] is False


# An enterprise's scenarios ----------------------------------------------------------------------------


def test_an_enterprise_posts_a_draft_submits_withdraws_and_sees_it(api):
    cap = make_capability("vision")
    owner = make_user()
    secret = token_for(owner)
    body = {
        "title": "胎面外观缺陷人工目检效率低",
        "description": "每班三名质检员肉眼检查胎面，漏检率高，希望用视觉检测替代人工。",
        "capabilities": ["vision"],
        "budget_min": 500000,
        "budget_max": 800000,
    }
    made = api.post("/api/v1/my/scenarios", token=secret, json=body)
    assert made.status_code == 201 and made.json["status"] == "draft" and made.headers["Location"]
    sid = made.json["id"]
    assert made.json["capabilities"][0]["code"] == cap.code and made.json["budget"]["max"] == 800000
    assert api.post(f"/api/v1/my/scenarios/{sid}/submit", token=secret).json["status"] == "pending"
    assert api.post(f"/api/v1/my/scenarios/{sid}/withdraw", token=secret).json["status"] == "draft"
    assert [s["id"] for s in api.get("/api/v1/my/scenarios", token=secret).json["items"]] == [sid]


def test_an_unknown_capability_code_is_a_field_error(api):
    secret = token_for(make_user())
    answer = api.post(
        "/api/v1/my/scenarios",
        token=secret,
        json={"title": "胎面检测", "description": "每班三名质检员肉眼检查胎面。", "capabilities": ["nope"]},
    )
    assert answer.status_code == 422 and answer.json["type"] == "/api/v1/problems/invalid-input"
    assert db.session.scalar(sa.select(sa.func.count(Scenario.id))) == 0


def test_unknown_fields_are_refused(api):
    secret = token_for(make_user())
    answer = api.post(
        "/api/v1/my/scenarios", token=secret, json={"title": "t", "description": "d", "status": "published"}
    )
    assert answer.status_code == 422 and answer.json["errors"][0]["field"] == "status"


def test_a_vendor_updates_its_profile(api):
    cap = make_capability("vision")
    seller = make_user("vendor")
    secret = token_for(seller)
    answer = api.put(
        "/api/v1/my/profile",
        token=secret,
        json={
            "name": "青视科技",
            "description": "机器视觉缺陷检测，轮胎外观检测案例多，服务过二十多家轮胎厂。",
            "capabilities": [cap.code],
            "website": "https://example.com",
        },
    )
    assert answer.status_code == 200 and answer.json["capabilities"][0]["code"] == "vision"
    assert api.get("/api/v1/my/profile", token=secret).json["name"] == "青视科技"


# Matches and the living room --------------------------------------------------------------------------


def test_a_vendor_pulls_its_matches_with_reasons_in_its_language(api):
    cat = make_match_catalogue()
    match_service.rebuild_all()
    seller = make_user("vendor", organization=cat["vision"].organization)
    secret = token_for(seller, "read")
    feed = api.get("/api/v1/my/matches?lang=en", token=secret).json
    titles = [m["scenario"]["title"] for m in feed["items"]]
    assert set(titles) == {"胎面外观缺陷检测", "轮胎胎侧缺陷视觉检测"}
    reasons = feed["items"][0]["reasons"]
    assert any(r["label"] == "Visual defect inspection" for r in reasons)
    assert feed["items"][0]["strength"] in ("strong", "good", "fair")


def test_the_enterprise_reads_suggested_vendors(api):
    cat = make_match_catalogue()
    match_service.rebuild_all()
    owner = make_user(organization=cat["s1"].owner)
    names = [
        v["vendor"]["name"]
        for v in api.get(f"/api/v1/scenarios/{cat['s1'].id}/suggested-vendors", token=token_for(owner, "read")).json[
            "items"
        ]
    ]
    assert names[0] == "青视科技" and "青声智能" not in names


def test_interest_then_acceptance_opens_a_room_where_both_write(api):
    scenario = make_scenario()
    owner = make_user(organization=scenario.owner)
    profile = make_vendor()
    seller = make_user("vendor", organization=profile.organization)
    vendor_token, owner_token = token_for(seller), token_for(owner)
    sent = api.post(
        f"/api/v1/scenarios/{scenario.id}/interest",
        token=vendor_token,
        json={"approach": "用多角度工业相机加缺陷检测模型替代人工目检，先在一条产线试点。"},
    )
    assert sent.status_code == 201 and sent.json["state"] == "open" and not sent.json["incoming"]
    received = api.get("/api/v1/requests", token=owner_token).json["received"]
    assert [r["id"] for r in received] == [sent.json["id"]] and received[0]["incoming"]
    room = api.post(f"/api/v1/requests/{sent.json['id']}/accept", token=owner_token)
    assert room.status_code == 200
    rid = room.json["id"]
    wrote = api.post(f"/api/v1/rooms/{rid}/messages", token=vendor_token, json={"body": "您好，下周可以到现场看看吗？"})
    assert wrote.status_code == 201
    thread = api.get(f"/api/v1/rooms/{rid}/messages", token=owner_token).json
    assert [m["body"] for m in thread["items"]] == ["您好，下周可以到现场看看吗？"]


def test_an_invitation_can_be_declined_with_a_reason(api):
    scenario = make_scenario()
    owner = make_user(organization=scenario.owner)
    profile = make_vendor()
    make_user("vendor", organization=profile.organization)
    seller = db.session.scalar(sa.select(type(owner)).where(type(owner).organization_id == profile.organization_id))
    sent = api.post(
        f"/api/v1/scenarios/{scenario.id}/invitations",
        token=token_for(owner),
        json={"vendor_id": profile.id, "message": "我们想约时间聊聊这个场景，方便吗？"},
    )
    assert sent.status_code == 201
    declined = api.post(
        f"/api/v1/requests/{sent.json['id']}/decline",
        token=token_for(seller),
        json={"reason": "no_capacity", "note": "本季度排满了"},
    )
    assert declined.json["state"] == "declined" and declined.json["decline_reason"] == "no_capacity"


def test_accepting_twice_opens_one_room_and_declining_after_is_a_clear_4xx(api):
    request = make_intro_request()
    owner = make_user(organization=request.scenario.owner)
    secret = token_for(owner)
    first = api.post(f"/api/v1/requests/{request.id}/accept", token=secret)
    again = api.post(f"/api/v1/requests/{request.id}/accept", token=secret)
    assert first.json["id"] == again.json["id"] and db.session.scalar(sa.select(sa.func.count(Connection.id))) == 1
    late = api.post(f"/api/v1/requests/{request.id}/decline", token=secret, json={"reason": "budget"})
    assert late.status_code == 422 and late.content_type == "application/problem+json"


# Admin ------------------------------------------------------------------------------------------------


def test_an_admin_token_reviews_the_queue(api, outbox):
    pending = make_scenario(status="pending", submitted_at=None)
    make_user(organization=pending.owner)
    secret = token_for(make_user("admin"), "admin")
    queue = api.get("/api/v1/admin/review", token=secret).json
    assert [(i["kind"], i["id"]) for i in queue["items"]] == [("scenario", pending.id)]
    done = api.post(f"/api/v1/admin/review/scenario/{pending.id}", token=secret, json={"action": "approve"})
    assert done.json["status"] == "published"
    short = api.post(
        f"/api/v1/admin/review/scenario/{pending.id}", token=secret, json={"action": "archive", "note": ""}
    )
    assert short.status_code == 200


def test_a_rejection_needs_a_reason(api):
    pending = make_scenario(status="pending")
    secret = token_for(make_user("admin"), "admin")
    answer = api.post(f"/api/v1/admin/review/scenario/{pending.id}", token=secret, json={"action": "reject"})
    assert answer.status_code == 422 and answer.json["errors"][0]["field"] == "note"
    db.session.expire_all()
    assert db.session.get(Scenario, pending.id).status == "pending"


def test_dashboard_and_export(api):
    make_scenario()
    secret = token_for(make_user("admin"), "admin")
    figures = api.get("/api/v1/admin/dashboard", token=secret).json
    assert {"funnel", "by_industry", "capability_gaps"} <= set(figures)
    assert figures["computed_at"].endswith("Z")  # when the stored figures were computed
    csv = api.get("/api/v1/admin/export/scenarios", token=secret)
    assert csv.status_code == 200 and csv.content_type.startswith("text/csv")
    assert csv.get_data().startswith("\ufeff".encode())


def test_an_admin_publishes_a_city_list_through_an_import_job(api, app):
    from app.services import imports

    make_industry("tyre-rubber", "轮胎/橡胶", "Tyres and rubber")  # what the template's example row names
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection", synonyms_zh=["计算机视觉"])
    secret = token_for(make_user("admin"), "admin")
    content, _mimetype, filename = imports.template_file("csv")
    made = api.post(
        "/api/v1/admin/imports",
        token=secret,
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(content), filename), "label": "2026 工业赋能"},
    )
    assert made.status_code == 201, made.get_data(as_text=True)
    batch = api.get(made.headers["Location"], token=secret).json  # jobs run eagerly in tests
    assert batch["status"] == "mapped" and batch["ready_rows"] >= 1 and batch["problem_rows"] == 0, batch["errors"]
    job = api.post(f"/api/v1/admin/imports/{batch['id']}/run", token=secret)
    assert job.status_code == 202 and api.get(job.headers["Location"], token=secret).json["state"] == "done"
    assert api.get(f"/api/v1/admin/imports/{batch['id']}", token=secret).json["imported"] == batch["ready_rows"]
    again = api.post(f"/api/v1/admin/imports/{batch['id']}/run", token=secret)
    assert again.status_code == 422 and again.content_type == "application/problem+json"


def test_an_upload_that_is_not_a_list_is_a_field_error_and_saves_nothing(api):
    from app.models import ImportBatch

    secret = token_for(make_user("admin"), "admin")
    answer = api.post(
        "/api/v1/admin/imports",
        token=secret,
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(b"%PDF-1.4 not a sheet"), "list.pdf")},
    )
    assert answer.status_code == 422 and answer.json["errors"][0]["field"] == "file"
    assert db.session.scalar(sa.select(sa.func.count(ImportBatch.id))) == 0


def test_a_control_character_in_a_code_is_a_422_not_a_database_error(api):
    secret = token_for(make_user("vendor"), "read")
    answer = api.get("/api/v1/my/matches?capability=%00x&industry=%1B", token=secret)
    assert answer.status_code == 422 and {e["field"] for e in answer.json["errors"]} == {"capability", "industry"}
    assert api.get("/api/v1/scenarios?district=%00").status_code == 422
