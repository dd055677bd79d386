"""Personal API tokens: made on the account page, shown once, stored hashed, scoped, revocable."""

from __future__ import annotations

import hashlib
from datetime import UTC, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import ApiToken
from app.services import api_tokens
from app.services.api_tokens import ApiTokenInput
from app.services.errors import InvalidInput, NotFound
from tests.api.conftest import bearer, token_for
from tests.factories import make_user
from tests.views.helpers import field_error


def test_a_token_is_shown_once_and_only_its_hash_is_stored(db):
    user = make_user()
    made = api_tokens.create_token(user, ApiTokenInput("CRM", "read"))
    row = db.session.scalar(sa.select(ApiToken))
    assert made.secret.startswith("kt_") and made.secret not in (row.token_hash, row.prefix)
    assert row.token_hash == hashlib.sha256(made.secret.encode()).hexdigest()
    assert made.secret.startswith(row.prefix)


def test_only_admins_can_make_admin_tokens(db):
    with pytest.raises(InvalidInput):
        api_tokens.create_token(make_user(), ApiTokenInput("x", "admin"))
    assert api_tokens.create_token(make_user("admin"), ApiTokenInput("x", "admin")).token.scope == "admin"


@pytest.mark.parametrize("name, scope", [("", "read"), ("   ", "read"), ("x" * 81, "read"), ("ok", "root")])
def test_a_bad_name_or_scope_is_refused_and_nothing_is_saved(db, name, scope):
    with pytest.raises(InvalidInput):
        api_tokens.create_token(make_user(), ApiTokenInput(name, scope))
    assert db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0


def test_the_database_refuses_an_unknown_scope(db):
    from sqlalchemy.exc import IntegrityError

    user = make_user()
    db.session.add(ApiToken(user_id=user.id, name="x", scope="root", token_hash="0" * 64, prefix="kt_"))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_a_token_revoked_on_the_account_page_is_refused_on_its_next_call(client, login_as, api):
    user = make_user()
    secret = token_for(user, "read")
    assert api.get("/api/v1/me", token=secret).status_code == 200
    token_id = db.session.scalar(sa.select(ApiToken.id))
    login_as(user)
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    refused = api.get("/api/v1/me", token=secret)
    assert refused.status_code == 401 and refused.json["type"] == "/api/v1/problems/unauthorized"


def test_someone_else_cannot_revoke_my_token(db):
    mine = api_tokens.create_token(make_user(), ApiTokenInput("x", "read")).token
    with pytest.raises(NotFound):
        api_tokens.revoke_token(make_user(), mine.id)
    assert mine.revoked_at is None


def test_the_account_page_creates_a_token_and_shows_it_once(client, login_as):
    user = make_user()
    login_as(user)
    page = client.post("/account/tokens", data={"name": "园区网站", "scope": "read"})
    html = page.get_data(as_text=True)
    secret = html.split('id="new-token">')[1].split("<")[0]
    assert page.status_code == 200 and secret.startswith("kt_") and page.headers["Cache-Control"] == "no-store"
    again = client.get("/account/tokens").get_data(as_text=True)
    assert "园区网站" in again and secret not in again


def test_the_token_page_keeps_what_was_typed_on_a_bad_scope(client, login_as):
    login_as(make_user())
    page = client.post("/account/tokens", data={"name": "园区网站", "scope": "admin"})
    assert page.status_code == 422 and field_error(page, "scope") and 'value="园区网站"' in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0


def test_last_used_is_noted_at_most_once_a_minute(client, api, clock):
    from datetime import datetime

    start = clock(datetime(2026, 6, 1, 8, 0, tzinfo=UTC))
    secret = token_for(make_user(), "read")
    api.get("/api/v1/me", token=secret)
    first = db.session.scalar(sa.select(ApiToken.last_used_at))
    clock(start + timedelta(seconds=30))
    api.get("/api/v1/me", token=secret)
    db.session.expire_all()
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) == first
    clock(start + timedelta(minutes=2))
    api.get("/api/v1/me", token=secret)
    db.session.expire_all()
    assert db.session.scalar(sa.select(ApiToken.last_used_at)).replace(tzinfo=UTC) > first.replace(tzinfo=UTC)


def test_a_suspended_accounts_token_is_refused(api, client):
    user = make_user()
    secret = token_for(user)
    user.is_active = False
    db.session.commit()
    assert api.get("/api/v1/me", token=secret).status_code == 401


def test_a_read_token_cannot_write(api):
    secret = token_for(make_user(), "read")
    answer = api.post("/api/v1/my/scenarios", token=secret, json={"title": "t", "description": "d"})
    assert answer.status_code == 403 and answer.json["type"] == "/api/v1/problems/insufficient-scope"
    assert "insufficient_scope" in answer.headers["WWW-Authenticate"]


def test_a_write_token_cannot_use_admin_operations_even_for_an_admin(api):
    secret = token_for(make_user("admin"), "write")
    assert api.get("/api/v1/admin/review", token=secret).status_code == 403


def test_bearer_header_is_needed_and_cookies_do_not_authenticate_the_api(client, login_as):
    login_as(make_user())
    answer = client.get("/api/v1/me")
    assert answer.status_code == 401 and answer.headers["WWW-Authenticate"] == "Bearer"


def test_bearer_secret_in_header_works_with_any_case_of_the_scheme(api):
    secret = token_for(make_user(), "read")
    assert api.get("/api/v1/me", headers={"Authorization": f"bearer {secret}"}).status_code == 200
    assert bearer(secret)["Authorization"].startswith("Bearer ")
