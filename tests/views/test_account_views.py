"""The account page: changing the password."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, make_user
from tests.views.helpers import field_error, row


@pytest.fixture()
def english(client):
    client.set_cookie("keting_lang", "en")


def test_the_account_page_shows_who_is_logged_in(client, login_as):
    login_as(make_user(email="li.wei@example.com"))
    assert "li.wei@example.com" in client.get("/account").get_data(as_text=True)


def test_changing_the_password_keeps_this_browser_logged_in_and_the_old_password_stops_working(client, app, login_as):
    user = make_user(email="li.wei@example.com")
    login_as(user)
    response = client.post(
        "/account", data={"current_password": PASSWORD, "password": "brand-new-pass", "confirm": "brand-new-pass"}
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    other = app.test_client()
    assert other.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD}).status_code == 422
    assert (
        other.post("/auth/login", data={"email": "li.wei@example.com", "password": "brand-new-pass"}).status_code == 302
    )


def test_changing_the_password_logs_out_other_browsers(client, app, login_as):
    user = make_user(email="li.wei@example.com")
    other = app.test_client()
    other.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD})
    assert other.get("/account").status_code == 200
    login_as(user)
    client.post(
        "/account", data={"current_password": PASSWORD, "password": "brand-new-pass", "confirm": "brand-new-pass"}
    )
    assert other.get("/account").status_code == 302


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"current_password": "wrong", "password": "brand-new-pass", "confirm": "brand-new-pass"},
            "current_password",
            "not right",
        ),
        (
            {"current_password": "", "password": "brand-new-pass", "confirm": "brand-new-pass"},
            "current_password",
            "Enter your current",
        ),
        ({"current_password": PASSWORD, "password": "short", "confirm": "short"}, "password", "at least 8"),
        ({"current_password": PASSWORD, "password": "brand-new-pass", "confirm": "other"}, "confirm", "do not match"),
        ({"current_password": PASSWORD, "password": PASSWORD, "confirm": PASSWORD}, "password", "different"),
    ],
)
def test_a_bad_password_change_gives_the_form_back_and_changes_nothing(client, login_as, english, data, field, message):
    user = make_user()
    login_as(user)
    before = row(user)["password_hash"]
    response = client.post("/account", data=data)
    assert response.status_code == 422 and message in (field_error(response, field) or "")
    assert row(user)["password_hash"] == before
