"""Sign-up, login, logout, remember-me, password reset and rate limits, through real requests."""

from __future__ import annotations

import re
from datetime import UTC

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Organization, User
from tests.factories import PASSWORD, make_user
from tests.views.helpers import count, field_error, form_problem


@pytest.fixture()
def english(client):
    client.set_cookie("keting_lang", "en")
    return client


def signup(client, **kw):
    data = dict(
        role="enterprise",
        organization="青岛示例轮胎有限公司",
        display_name="李伟",
        email="li.wei@example.com",
        password="s3cret-pass",
        confirm="s3cret-pass",
    )
    data.update(kw)
    return client.post("/auth/register", data=data)


# Sign-up ----------------------------------------------------------------------------------------------


def test_the_sign_up_page_has_plainly_named_fields(client):
    html = client.get("/auth/register").get_data(as_text=True)
    for name in ("role", "organization", "email", "password", "confirm"):
        assert f'name="{name}"' in html


def confirm_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/auth/confirm/\S+)", message.body).group(1)


def test_signing_up_as_an_enterprise_emails_a_link_that_opens_my_scenarios(client, outbox, english):
    response = signup(client)
    assert response.status_code == 200 and "Check your email" in response.get_data(as_text=True)
    assert client.get("/my/scenarios").status_code == 302  # not signed in before the address is confirmed
    user = db.session.scalar(sa.select(User))
    assert user.email == "li.wei@example.com" and user.organization.kind == "enterprise"
    assert user.unconfirmed_since is not None
    [message] = outbox
    assert message.recipients == ["li.wei@example.com"]
    link = confirm_link(message)
    assert client.get(link).status_code == 200  # a page with a button: fetching the link changes nothing
    assert db.session.get(User, user.id).unconfirmed_since is not None
    response = client.post(link)
    assert response.status_code == 302 and response.location.endswith("/my/scenarios")
    assert client.get("/my/scenarios").status_code == 200
    db.session.expire_all()
    assert db.session.get(User, user.id).unconfirmed_since is None
    client.post("/auth/logout")
    assert client.post(link).status_code == 400  # the link works once


def test_signing_up_as_a_vendor_opens_the_profile(client, outbox):
    signup(client, role="vendor", organization="慧眼视觉", email="sales@vision.example")
    response = client.post(confirm_link(outbox[0]))
    assert response.location.endswith("/my/profile")
    assert client.get("/my/profile").status_code == 200


def test_an_unconfirmed_account_cannot_log_in_and_gets_the_link_again(client, outbox, english):
    signup(client)
    response = client.post("/auth/login", data={"email": "li.wei@example.com", "password": "s3cret-pass"})
    assert response.status_code == 422 and "Confirm your email address first" in response.get_data(as_text=True)
    assert len(outbox) == 2 and confirm_link(outbox[1])
    # A wrong password says nothing about the account.
    response = client.post("/auth/login", data={"email": "li.wei@example.com", "password": "wrong-pass"})
    assert "Confirm" not in response.get_data(as_text=True) and len(outbox) == 2


def test_signing_up_with_a_taken_email_answers_the_same_and_tells_the_owner(client, english, outbox):
    make_user(email="li.wei@example.com", locale="en")
    db.session.commit()
    taken = signup(client, email="Li.Wei@Example.COM")
    fresh = signup(client, email="someone.new@example.com")
    assert taken.status_code == fresh.status_code == 200
    strip = lambda r: r.get_data(as_text=True).replace("someone.new@example.com", "li.wei@example.com")  # noqa: E731
    assert strip(taken) == strip(fresh)
    assert count(User) == 2 and count(Organization) == 2
    owner_mail = [m for m in outbox if m.recipients == ["li.wei@example.com"]]
    assert len(owner_mail) == 1 and "tried to sign up" in owner_mail[0].subject
    assert "/auth/reset" in owner_mail[0].body and "/auth/confirm/" not in owner_mail[0].body


def test_signing_up_again_with_an_unconfirmed_email_replaces_the_first_attempt(client, outbox):
    signup(client, organization="抢注公司", password="squatter-pass", confirm="squatter-pass")
    signup(client, organization="真正的公司")
    assert count(User) == 1 and count(Organization) == 1
    assert db.session.scalar(sa.select(Organization.name)) == "真正的公司"
    response = client.post(confirm_link(outbox[-1]))
    assert response.status_code == 302
    assert client.post(confirm_link(outbox[0])).status_code == 400  # the first attempt's link no longer works


def test_a_confirmation_link_expires(client, outbox, clock):
    from datetime import datetime, timedelta

    clock(datetime(2026, 12, 1, 9, tzinfo=UTC))
    signup(client)
    clock.shift(timedelta(days=3, minutes=1))
    assert client.post(confirm_link(outbox[0])).status_code == 400
    assert client.post("/auth/confirm/not-a-token").status_code == 400


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"email": "not-an-email"}, "email", "email address"),
        ({"email": "li😀@example.com"}, "email", "Latin letters"),
        ({"email": "lі.wei@example.com"}, "email", "Latin letters"),  # the і is Cyrillic
        ({"email": "x" * 250 + "@example.com"}, "email", "at most"),
        ({"email": "   "}, "email", "Enter your email"),
        ({"organization": "   "}, "organization", "required"),
        ({"organization": "<script>alert(1)</script>"}, "organization", "HTML"),
        ({"organization": "公司" * 101}, "organization", "at most"),
        ({"organization": "青岛🚀科技"}, "organization", "Emoji"),
        ({"display_name": "<b>李伟</b>"}, "display_name", "HTML"),
        ({"password": "short", "confirm": "short"}, "password", "at least 8"),
        ({"password": "        ", "confirm": "        "}, "password", "at least 8"),
        ({"password": "x" * 129, "confirm": "x" * 129}, "password", "at most 128"),
        ({"confirm": "something-else"}, "confirm", "do not match"),
        ({"role": "admin"}, "role", "Choose whether"),
        ({"role": ""}, "role", "Choose whether"),
    ],
)
def test_bad_sign_up_input_gives_the_form_back_with_a_message_and_creates_nothing(
    client, english, changes, field, message
):
    response = signup(client, **changes)
    assert response.status_code == 422
    assert message in (field_error(response, field) or "")
    assert count(User) == 0 and count(Organization) == 0


def test_a_rejected_sign_up_keeps_what_was_typed_but_not_the_password(client):
    html = signup(client, confirm="different-pass").get_data(as_text=True)
    assert 'value="li.wei@example.com"' in html and "s3cret-pass" not in html


def test_html_typed_into_a_field_is_shown_back_escaped(client):
    html = signup(client, organization='"><script>alert(1)</script>').get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_chinese_and_english_mixed_in_an_organization_name_are_fine(client):
    assert signup(client, organization="青岛 SmartVision 科技有限公司").status_code == 200


# Login, logout, remember me ---------------------------------------------------------------------------


def test_logging_in_with_any_case_of_the_email_works(client):
    make_user(email="li.wei@example.com")
    response = client.post("/auth/login", data={"email": "LI.WEI@example.com", "password": PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/my/scenarios")


def test_a_wrong_password_gives_the_form_back_with_a_vague_message(client, english):
    make_user(email="li.wei@example.com")
    response = client.post("/auth/login", data={"email": "li.wei@example.com", "password": "wrong-pass"})
    assert response.status_code == 422 and "email or password" in form_problem(response)


def test_an_empty_login_names_both_fields(client):
    response = client.post("/auth/login", data={"email": " ", "password": ""})
    assert field_error(response, "email") and field_error(response, "password")


def test_login_goes_on_to_the_page_that_asked_for_it(client):
    make_user(email="li.wei@example.com")
    response = client.post(
        "/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD, "next": "/my/scenarios/new"}
    )
    assert response.location.endswith("/my/scenarios/new")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"])
def test_login_never_goes_on_to_another_site(client, target):
    make_user(email="li.wei@example.com")
    response = client.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD, "next": target})
    assert response.location.endswith("/my/scenarios")


def test_anonymous_visitors_are_sent_to_log_in_and_back(client):
    response = client.get("/my/scenarios/new")
    assert response.status_code == 302 and "/auth/login?next=%2Fmy%2Fscenarios%2Fnew" in response.location


def test_remember_me_sets_a_lasting_httponly_lax_cookie(client):
    make_user(email="li.wei@example.com")
    response = client.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD, "remember": "y"})
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_without_remember_me_there_is_no_lasting_cookie(client):
    make_user(email="li.wei@example.com")
    response = client.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD})
    assert not any(h.startswith("remember_token=") for h in response.headers.getlist("Set-Cookie"))


def test_the_session_cookie_is_httponly_and_lax_and_secure_over_https(client):
    make_user(email="li.wei@example.com")
    plain = client.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD})
    session_cookie = next(h for h in plain.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie and "Secure" not in session_cookie
    secure = client.post(
        "/auth/login",
        base_url="https://localhost",
        data={"email": "li.wei@example.com", "password": PASSWORD, "remember": "y"},
    )
    cookies = secure.headers.getlist("Set-Cookie")
    assert all("Secure" in h for h in cookies if h.startswith(("session=", "remember_token=")))


def test_a_remembered_login_survives_the_end_of_the_session(client):
    make_user(email="li.wei@example.com")
    client.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD, "remember": "y"})
    client.delete_cookie("session")
    assert client.get("/my/scenarios").status_code == 200


def test_logging_out_takes_a_post_and_ends_the_session(client, login_as):
    login_as(make_user())
    assert client.get("/auth/logout").status_code == 200  # a confirmation page, not a log-out
    assert client.get("/my/scenarios").status_code == 200
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/my/scenarios").status_code == 302


def test_the_header_offers_login_and_sign_up_then_the_account_menu(client, login_as):
    html = client.get("/").get_data(as_text=True)
    assert "/auth/login" in html and "/auth/register" in html
    login_as(make_user(email="li.wei@example.com"))
    html = client.get("/").get_data(as_text=True)
    assert "li.wei@example.com" in html and "/my/scenarios" in html and 'action="/auth/logout"' in html


# Password reset ---------------------------------------------------------------------------------------


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/auth/reset/\S+)", message.body).group(1)


def test_asking_for_a_reset_emails_a_link_that_sets_a_new_password_once(client, outbox):
    make_user(email="li.wei@example.com")
    response = client.post("/auth/reset", data={"email": "Li.Wei@example.com"})
    assert response.status_code == 200 and len(outbox) == 1
    link = reset_link(outbox[0])
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": "brand-new-pass", "confirm": "brand-new-pass"})
    assert response.status_code == 302 and response.location.endswith("/auth/login")
    assert (
        client.post("/auth/login", data={"email": "li.wei@example.com", "password": "brand-new-pass"}).status_code
        == 302
    )
    # Single use: the same link no longer works.
    assert client.get(link).status_code == 400
    assert client.post(link, data={"password": "third-pass-1", "confirm": "third-pass-1"}).status_code == 400


def test_a_reset_link_is_built_from_site_url_whatever_host_the_request_named(
    client, app, outbox, monkeypatch, tmp_path
):
    # Host-header poisoning: a forged Host must not put the attacker's address (and so the token) in the mail.
    monkeypatch.setitem(app.config, "SITE_URL", "https://keting.example")
    make_user(email="li.wei@example.com")
    response = client.post("/auth/reset", data={"email": "li.wei@example.com"}, headers={"Host": "evil.example"})
    assert response.status_code == 200 and len(outbox) == 1
    assert re.search(r"https?://\S+/auth/reset/", outbox[0].body).group(0).startswith("https://keting.example/")
    assert "evil.example" not in outbox[0].body
    eml = next((tmp_path / "outbox").glob("*.eml")).read_bytes()
    assert b"evil.example" not in eml


def test_a_host_outside_trusted_hosts_is_refused(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", ["keting.example"])
    assert client.get("/auth/reset", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/auth/reset", headers={"Host": "keting.example"}).status_code == 200


def test_production_answers_only_the_host_of_site_url_unless_told_others():
    from app.config import ProdConfig, trusted_hosts

    assert trusted_hosts(None, "https://keting.example/") == ["keting.example"]
    assert trusted_hosts(" keting.example, .keting.cn ,", "https://x.example") == ["keting.example", ".keting.cn"]
    assert ProdConfig.TRUSTED_HOSTS


def test_the_reset_email_is_in_the_users_language(client, outbox):
    make_user(email="li.wei@example.com", locale="zh_Hans")
    make_user(email="ann@example.com", locale="en")
    client.post("/auth/reset", data={"email": "li.wei@example.com"})
    client.post("/auth/reset", data={"email": "ann@example.com"})
    assert "密码" in outbox[0].subject and "password" in outbox[1].subject


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, outbox):
    known = client.post("/auth/reset", data={"email": "nobody@example.com"})
    assert known.status_code == 200 and outbox == []


def test_a_tampered_reset_link_is_refused(client):
    assert client.get("/auth/reset/not-a-token").status_code == 400


def test_a_reset_with_mismatched_passwords_gives_the_form_back(client, outbox):
    make_user(email="li.wei@example.com")
    client.post("/auth/reset", data={"email": "li.wei@example.com"})
    link = reset_link(outbox[0])
    response = client.post(link, data={"password": "brand-new-pass", "confirm": "other-pass-1"})
    assert response.status_code == 422 and field_error(response, "confirm")


# Rate limits ------------------------------------------------------------------------------------------


def test_too_many_login_attempts_are_refused_with_a_clear_page(client, english):
    make_user(email="li.wei@example.com")
    for _ in range(5):
        assert client.post("/auth/login", data={"email": "li.wei@example.com", "password": "wrong"}).status_code == 422
    response = client.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert client.get("/auth/login").status_code == 200  # reading the page is not limited


def test_guesses_at_one_account_do_not_lock_out_another_user_on_the_same_address(client, app):
    make_user(email="li.wei@example.com")
    make_user(email="colleague@example.com")
    for _ in range(6):
        client.post("/auth/login", data={"email": "li.wei@example.com", "password": "wrong"})
    response = client.post("/auth/login", data={"email": "colleague@example.com", "password": PASSWORD})
    assert response.status_code == 302


def test_failed_logins_from_one_address_are_limited_across_accounts(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "4 per minute")
    for number in range(4):
        assert (
            client.post("/auth/login", data={"email": f"guess{number}@example.com", "password": "wrong"}).status_code
            == 422
        )
    assert client.post("/auth/login", data={"email": "guess9@example.com", "password": "x"}).status_code == 429


def test_successful_logins_do_not_use_up_the_allowance(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ACCOUNT_RATE_LIMIT", "2 per minute")
    make_user(email="li.wei@example.com")
    for _ in range(4):
        assert client.post("/auth/login", data={"email": "li.wei@example.com", "password": PASSWORD}).status_code == 302
        client.post("/auth/logout")


def test_sign_ups_from_one_address_are_limited(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTER_RATE_LIMIT", "2 per hour")
    for number in range(2):
        assert signup(client, email=f"new{number}@example.com").status_code == 200
    assert signup(client, email="new9@example.com").status_code == 429
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2
    assert signup(client, email="bad").status_code == 429  # the limit is reached: nothing more is looked at


def test_too_many_reset_requests_are_refused(client, outbox):
    for _ in range(5):
        client.post("/auth/reset", data={"email": "nobody@example.com"})
    assert client.post("/auth/reset", data={"email": "nobody@example.com"}).status_code == 429
