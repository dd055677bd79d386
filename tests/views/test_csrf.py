"""With CSRF on (as in production), a form without a valid token changes nothing and comes back explained."""

from __future__ import annotations

import pytest

from app.models import Scenario, User
from tests.factories import PASSWORD, make_scenario, make_user
from tests.views.helpers import count, form_problem, hidden_value, row

# Every POST the accounts-and-listings pages accept, with a body that would succeed given a token.
POSTS = [
    (
        "/auth/register",
        {
            "role": "enterprise",
            "organization": "青岛某公司",
            "email": "new@example.com",
            "password": "s3cret-pass",
            "confirm": "s3cret-pass",
        },
    ),
    ("/auth/login", {"email": "member@example.com", "password": PASSWORD}),
    ("/auth/reset", {"email": "member@example.com"}),
    ("/auth/logout", {}),
    ("/account", {"current_password": PASSWORD, "password": "brand-new-pass", "confirm": "brand-new-pass"}),
    (
        "/my/scenarios/new",
        {
            "title": "胎面漏检",
            "description": "夜班漏检率高，需要机器视觉检测胎面缺陷。",
            "industry": "not_sure",
            "capabilities": ["not_sure"],
            "confidentiality": "public",
            "action": "submit",
        },
    ),
    (
        "/my/scenarios/{id}/edit",
        {
            "title": "改了标题",
            "description": "夜班漏检率高，需要机器视觉检测胎面缺陷。",
            "industry": "not_sure",
            "capabilities": ["not_sure"],
            "confidentiality": "public",
        },
    ),
    ("/my/scenarios/{id}/withdraw", {}),
    ("/my/scenarios/{id}/close", {"outcome": "dropped"}),
]


@pytest.fixture()
def member(db, login_as, csrf_enabled):
    user = make_user("enterprise", email="member@example.com")
    scenario = make_scenario(owner=user.organization, status="published")
    login_as(user)
    return user, scenario


def snapshot(user, scenario) -> tuple:
    return count(User), count(Scenario), row(user), row(scenario)


@pytest.mark.parametrize("path, data", POSTS)
def test_a_post_without_a_csrf_token_changes_nothing(client, member, outbox, path, data):
    user, scenario = member
    before = snapshot(user, scenario)
    response = client.post(path.format(id=scenario.id), data=data)
    assert response.status_code in (302, 400, 422)
    if response.status_code == 302:  # only the one-button forms redirect, with the problem flashed
        assert "/my/scenarios" in response.location
    assert snapshot(user, scenario) == before
    assert outbox == []
    assert client.get("/account").status_code == 200  # still logged in


def test_a_form_without_a_token_comes_back_with_what_was_typed_and_a_message(client, member):
    client.set_cookie("keting_lang", "en")
    response = client.post("/my/scenarios/new", data=dict(POSTS[5][1]))
    assert response.status_code == 422
    assert "expired" in form_problem(response)
    assert "胎面漏检" in response.get_data(as_text=True)


def test_a_stale_token_is_refused(client, member, app, monkeypatch):
    page = client.get("/my/scenarios/new")
    token = hidden_value(page, "csrf_token")
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", 1)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600)
    response = client.post("/my/scenarios/new", data={**POSTS[5][1], "csrf_token": token})
    assert response.status_code == 422 and count(Scenario) == 1


def test_a_token_from_another_session_is_refused(client, member, app):
    stranger = app.test_client()
    token = hidden_value(stranger.get("/auth/login"), "csrf_token")
    response = client.post("/my/scenarios/new", data={**POSTS[5][1], "csrf_token": token})
    assert response.status_code == 422 and count(Scenario) == 1


def test_with_the_token_from_the_page_the_form_goes_through(client, member):
    page = client.get("/my/scenarios/new")
    data = {
        **POSTS[5][1],
        "csrf_token": hidden_value(page, "csrf_token"),
        "form_token": hidden_value(page, "form_token"),
    }
    assert client.post("/my/scenarios/new", data=data).status_code == 302
    assert count(Scenario) == 2


def test_logging_in_with_the_pages_token_works(client, db, csrf_enabled):
    make_user(email="member@example.com")
    page = client.get("/auth/login")
    response = client.post(
        "/auth/login",
        data={"email": "member@example.com", "password": PASSWORD, "csrf_token": hidden_value(page, "csrf_token")},
    )
    assert response.status_code == 302


def test_the_public_pages_still_use_the_global_csrf_check(app):
    from app.extensions import csrf

    exempt = {getattr(bp, "name", bp) for bp in csrf._exempt_blueprints}
    assert "public" not in exempt and {"auth", "account", "enterprise", "vendor"} <= exempt
