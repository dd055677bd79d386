"""`flask create-admin EMAIL`."""

from __future__ import annotations

import sqlalchemy as sa

from app.models import User
from tests.factories import make_user


def test_create_admin_with_a_password_option(app, db):
    result = app.test_cli_runner().invoke(args=["create-admin", "Root@Example.com", "--password", "admin-pass-1"])
    assert result.exit_code == 0, result.output
    admin = db.session.scalar(sa.select(User).where(User.email == "root@example.com"))
    assert admin.role == "admin" and admin.organization_id is None


def test_create_admin_prompts_for_the_password_twice(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "root@example.com"], input="admin-pass-1\nadmin-pass-1\n"
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(sa.func.count(User.id)).where(User.role == "admin")) == 1


def test_create_admin_refuses_a_short_password(app, db):
    result = app.test_cli_runner().invoke(args=["create-admin", "root@example.com", "--password", "short"])
    assert result.exit_code != 0 and "8" in result.output


def test_create_admin_refuses_an_email_already_taken(app, db):
    make_user(email="root@example.com")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["create-admin", "ROOT@example.com", "--password", "admin-pass-1"])
    assert result.exit_code != 0 and "root@example.com" in result.output


def test_the_admin_can_log_in(app, db, client):
    app.test_cli_runner().invoke(args=["create-admin", "root@example.com", "--password", "admin-pass-1"])
    response = client.post("/auth/login", data={"email": "root@example.com", "password": "admin-pass-1"})
    assert response.status_code == 302


def test_create_admin_refuses_an_address_the_login_form_would_refuse(app, db):
    result = app.test_cli_runner().invoke(args=["create-admin", "admin@keting.local", "--password", "admin-pass-1"])
    assert result.exit_code != 0 and "admin@keting.local" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_create_admin_speaks_one_language_prompts_and_errors_alike(app, db):
    result = app.test_cli_runner().invoke(args=["create-admin", "root@example.com"], input="short\nshort\n")
    assert "Password" in result.output and "8 characters" in result.output
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in result.output), result.output
