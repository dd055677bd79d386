"""Hardening: sessions that end, security headers, bad input answered 4xx, outages answered 503, /healthz."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app import create_app
from app.config import TestConfig
from app.extensions import db
from app.models import ImportBatch, Meeting, Scenario, User, UserSession
from tests.factories import PASSWORD, make_connection, make_intro_request, make_scenario, make_user, make_vendor


def _login(client, user, remember=False):
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/auth/login", data=data)
    assert response.status_code == 302
    return response


def _cookie(client, name):
    cookie = client.get_cookie(name)
    return cookie.value if cookie is not None else None


def _signed_in(app, **cookies) -> bool:
    """Whether a fresh browser holding only these cookies gets into /my/scenarios."""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other.get("/my/scenarios").status_code == 200


# Sessions that end ------------------------------------------------------------------------------------


def test_a_session_cookie_saved_before_logout_no_longer_opens_my_scenarios(app, client):
    user = make_user()
    db.session.commit()
    _login(client, user)
    saved = _cookie(client, "session")
    assert _signed_in(app, session=saved)
    client.post("/auth/logout")
    assert not _signed_in(app, session=saved)


def test_the_remember_cookie_stops_working_after_logout(app, client):
    user = make_user()
    db.session.commit()
    _login(client, user, remember=True)
    remembered = _cookie(client, "remember_token")
    assert remembered and _signed_in(app, remember_token=remembered)  # on its own it signs a browser in
    client.post("/auth/logout")
    assert not _signed_in(app, remember_token=remembered)


def test_logging_out_one_browser_leaves_the_others_signed_in(app, client):
    user = make_user()
    db.session.commit()
    phone = app.test_client()
    _login(phone, user)
    _login(client, user)
    client.post("/auth/logout")
    assert phone.get("/my/scenarios").status_code == 200


def test_sign_out_everywhere_ends_every_sign_in_of_the_account(app, client):
    user = make_user()
    other = make_user(email="other@example.com")
    db.session.commit()
    phone = app.test_client()
    _login(phone, user, remember=True)
    remembered = _cookie(phone, "remember_token")
    _login(client, user)
    bystander = app.test_client()
    _login(bystander, other)
    page = client.get("/account").get_data(as_text=True)
    assert "2" in page and "/account/sign-out-everywhere" in page
    response = client.post("/account/sign-out-everywhere")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get("/my/scenarios").status_code == 302
    assert phone.get("/my/scenarios").status_code == 302
    assert not _signed_in(app, remember_token=remembered)
    assert bystander.get("/my/scenarios").status_code == 200
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(UserSession).where(UserSession.user_id == user.id))
        == 0
    )


def test_changing_the_password_signs_out_the_other_browsers_but_not_this_one(app, client):
    user = make_user()
    db.session.commit()
    phone = app.test_client()
    _login(phone, user)
    _login(client, user)
    response = client.post(
        "/account", data={"current_password": PASSWORD, "password": "a-brand-new-pass", "confirm": "a-brand-new-pass"}
    )
    assert response.status_code == 302
    assert client.get("/my/scenarios").status_code == 200
    assert phone.get("/my/scenarios").status_code == 302


def test_a_session_naming_no_sign_in_is_no_user(db):
    from app.services.accounts import load_user

    user = make_user()
    db.session.commit()
    assert load_user(f"{user.id}:{user.credential_fingerprint}") is None
    assert load_user(f"{user.id}:{user.credential_fingerprint}:made-up-key") is None


# Headers ----------------------------------------------------------------------------------------------


def test_every_page_carries_a_strict_content_security_policy_and_the_other_headers(client):
    response = client.get("/")
    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'" and policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers  # development and tests run over plain HTTP
    assert "Content-Security-Policy" in client.get("/no/such/page").headers


def test_production_sends_hsts(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "HSTS_MAX_AGE", 31536000)
    assert client.get("/").headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_template_has_inline_script_style_or_handler():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "app"
    offenders = []
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if (
            re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
            or re.search(r"\sstyle\s*=", text)
            or re.search(r"\son[a-z]+\s*=", text)
            or "javascript:" in text
        ):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


# Bad input is a 4xx -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/auth/login", "/auth/register", "/auth/reset"])
def test_a_json_body_is_refused_with_415_and_changes_nothing(client, url):
    response = client.post(
        url,
        json={"email": ["x@example.com"], "password": 1, "confirm": 1, "role": "enterprise", "organization": {"a": 1}},
    )
    assert response.status_code == 415
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_a_json_body_to_a_signed_in_form_is_refused(client, login_as):
    user = make_user()
    login_as(user)
    response = client.post("/my/scenarios/new", json={"title": ["x"], "description": 5})
    assert response.status_code == 415
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Scenario)) == 0


def test_a_plain_text_body_is_refused_too(client):
    response = client.post("/auth/login", data=b"email=a", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def _int_routes(app):
    for rule in app.url_map.iter_rules():
        if any(type(conv).__name__ == "IdConverter" for conv in rule._converters.values()):
            yield rule


@pytest.mark.parametrize("huge", [2**31, 2**63, 10**30])
def test_ids_past_the_integer_range_are_404_on_every_id_route(app, client, login_as, huge):
    login_as(make_user(role="admin"))
    rules = list(_int_routes(app))
    assert len(rules) >= 13
    for rule in rules:
        # Only the ids are huge; another part of the path (an export kind, a review kind) takes a real value.
        values = {
            name: huge if type(conv).__name__ == "IdConverter" else sorted(getattr(conv, "items", ["x"]))[0]
            for name, conv in rule._converters.items()
        }
        url = rule.build(values, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            assert response.status_code == 404, (method, url, response.status_code)


def test_the_largest_id_is_still_routed(app, client):
    response = client.get(f"/scenarios/{2**31 - 1}")
    assert response.status_code == 404  # routed (no such scenario), not refused by the URL
    assert client.get("/scenarios/1").status_code == 404


def _room():
    boss = make_user("enterprise", email="wang@tyre.example")
    scenario = make_scenario(owner=boss.organization, created_by=boss)
    profile = make_vendor(name="青视科技")
    seller = make_user("vendor", organization=profile.organization, email="li@qingshi.example")
    connection = make_connection(make_intro_request(scenario=scenario, vendor=profile, state="accepted"))
    db.session.commit()
    return boss, seller, connection


def _slot(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT10:00")


@pytest.mark.parametrize("slot", ["0001-01-01T10:00", "9999-12-31T23:59", "1899-12-31T10:00"])
def test_a_meeting_time_outside_1900_to_2100_is_a_message_not_an_error(client, login_as, slot):
    boss, _, connection = _room()
    login_as(boss)
    response = client.post(
        f"/rooms/{connection.id}/meetings",
        data={"topic": "试点方案", "duration": "60", "slot1": slot, "form_token": "t" * 24},
    )
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 0


def test_a_meeting_forms_token_reused_in_another_room_is_refused(client, login_as):
    boss, _seller, first = _room()
    scenario = make_scenario(owner=boss.organization, created_by=boss, title="另一个场景：仓库盘点")
    second = make_connection(make_intro_request(scenario=scenario, vendor=first.vendor, state="accepted"))
    db.session.commit()
    login_as(boss)
    form = {"topic": "试点方案", "duration": "60", "slot1": _slot(3), "form_token": "reused-token-" + "x" * 12}
    assert client.post(f"/rooms/{first.id}/meetings", data=form).status_code == 302
    response = client.post(f"/rooms/{second.id}/meetings", data=form)
    assert response.status_code == 422
    assert "proposed" not in response.get_data(as_text=True).lower() or "already used" in response.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Meeting).where(Meeting.connection_id == second.id))
        == 0
    )
    # The same form sent twice to the same room is still one meeting.
    assert client.post(f"/rooms/{first.id}/meetings", data=form).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 1


@pytest.mark.parametrize("until", ["9999-12-31", "0001-01-01", "2026-13-45", "x"])
def test_the_audit_log_ignores_dates_outside_1900_to_2100(client, login_as, until):
    login_as(make_user(role="admin"))
    assert client.get(f"/admin/audit?until={until}&since={until}").status_code == 200


def test_an_oversized_form_body_is_refused_before_parsing_and_not_echoed(client, app):
    marker = "ECHO-ME-"
    body = "email=" + marker + "a" * (app.config["MAX_FORM_BYTES"] + 10)
    response = client.post("/auth/login", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert marker not in response.get_data(as_text=True)


def test_an_oversized_upload_is_refused(client, app, login_as):
    import io

    login_as(make_user(role="admin"))
    big = io.BytesIO(b"x" * (app.config["MAX_UPLOAD_BYTES"] + 1))
    response = client.post("/admin/import", data={"file": (big, "big.xlsx")}, content_type="multipart/form-data")
    # The import page answers its own 413 by sending the admin back to the form with a message.
    assert response.status_code in (302, 413)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ImportBatch)) == 0


def test_a_13_5_mb_form_body_is_refused(client):
    body = "note=" + "a" * int(13.5 * 1024 * 1024)
    response = client.post("/auth/reset", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and len(response.get_data()) < 100_000


def test_the_csv_export_names_its_charset_once(client, login_as):
    login_as(make_user(role="admin"))
    response = client.get("/admin/export/scenarios.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


# Outages ----------------------------------------------------------------------------------------------


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["checks"]["database"]["ok"] is True


def test_healthz_is_a_list_of_checks_and_any_failure_is_a_503(client, monkeypatch):
    from app import health

    def queue():
        raise ConnectionError("no broker")

    monkeypatch.setattr(health, "CHECKS", [*health.CHECKS, health.Check("queue", queue)])
    response = client.get("/healthz")
    assert response.status_code == 503 and response.headers["Retry-After"]
    body = response.get_json()
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["queue"] == {"ok": False, "detail": "ConnectionError", "ms": body["checks"]["queue"]["ms"]}


UNREACHABLE = {
    "sqlite": "sqlite:////nonexistent-directory/keting/keting.db",
    "postgresql": "postgresql+psycopg://keting:keting@127.0.0.1:1/keting?connect_timeout=2",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def lost_database_app(request, tmp_path):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = UNREACHABLE[request.param]
        MATCHER_DIR = str(tmp_path / "matching")

    return create_app(Config)


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_lost_database_is_a_friendly_503_for_everyone(lost_database_app, signed_in):
    client = lost_database_app.test_client()
    client.set_cookie("keting_lang", "en")
    if signed_in:
        with client.session_transaction() as sess:
            sess["_user_id"] = "1:0123456789abcdef:some-key"
            sess["_fresh"] = True
    # (A visitor asking for /my/scenarios is sent to log in, which needs no database.)
    for url in ("/", "/scenarios", "/vendors/1") + (("/my/scenarios", "/account") if signed_in else ()):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.headers["Retry-After"] == "30"
        text = response.get_data(as_text=True)
        assert "briefly unavailable" in text and "<html" in text


def test_healthz_says_503_when_the_database_is_lost(lost_database_app):
    response = lost_database_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"]["ok"] is False


# Behind a reverse proxy -------------------------------------------------------------------------------


@pytest.mark.parametrize("proxies, third_attempt", [(0, 429), (1, 422)])
def test_proxy_fix_decides_whose_address_the_login_limit_counts(app, db, tmp_path, proxies, third_attempt):
    """With PROXY_FIX=1 two people behind nginx are two addresses; with 0 the header is not trusted (they are one)."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        MATCHER_DIR = str(tmp_path / "matching")
        PROXY_FIX = proxies
        LOGIN_RATE_LIMIT = "2 per minute"

    proxied = create_app(Config)
    client = proxied.test_client()
    for number in range(2):
        response = client.post(
            "/auth/login",
            data={"email": f"a{number}@example.com", "password": "x"},
            headers={"X-Forwarded-For": "203.0.113.1"},
        )
        assert response.status_code == 422
    response = client.post(
        "/auth/login", data={"email": "b@example.com", "password": "x"}, headers={"X-Forwarded-For": "203.0.113.2"}
    )
    assert response.status_code == third_attempt
