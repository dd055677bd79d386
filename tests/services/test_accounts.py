"""Accounts: sign-up makes the user and organization, emails are case-insensitive, passwords hashed with scrypt,
reset tokens are signed, expire and work once."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from itsdangerous import URLSafeTimedSerializer

from app.models import Organization, User, VendorProfile
from app.services import accounts
from app.services.errors import InvalidInput, PermissionDenied
from app.services.inputs import AdminInput, LoginInput, PasswordChangeInput, PasswordResetInput, RegistrationInput
from tests.factories import PASSWORD, make_user


def register(**kw) -> User:
    values = dict(
        email="Li.Wei@Example.com",
        password="s3cret-pass",
        role="enterprise",
        organization_name="青岛示例轮胎有限公司",
        display_name="李伟",
    )
    values.update(kw)
    return accounts.register_account(RegistrationInput(**values))


def test_signing_up_as_an_enterprise_creates_the_user_and_its_organization(db):
    user = register()
    assert user.email == "li.wei@example.com"
    assert user.role == "enterprise" and user.organization.kind == "enterprise"
    assert user.organization.name == "青岛示例轮胎有限公司"
    assert db.session.scalar(sa.select(sa.func.count(VendorProfile.id))) == 0


def test_signing_up_as_a_vendor_also_creates_a_draft_profile(db):
    user = register(role="vendor", email="sales@vision.example")
    assert user.organization.kind == "vendor"
    assert user.organization.vendor_profile.status == "draft"


def test_passwords_are_stored_as_scrypt_hashes(db):
    user = register()
    assert user.password_hash.startswith("scrypt:") and "s3cret-pass" not in user.password_hash


def test_an_email_that_differs_only_in_case_is_taken_and_its_owner_is_told(db, outbox):
    first = register()
    accounts.confirm_email(accounts.make_confirmation_token(first))
    assert register(email="LI.WEI@example.COM", organization_name="另一家公司") is None
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 1
    assert [m.recipients for m in outbox] == [["li.wei@example.com"], ["li.wei@example.com"]]
    assert "/auth/confirm/" in outbox[0].body and "/auth/confirm/" not in outbox[1].body


def test_a_new_account_waits_for_its_email_to_be_confirmed(db, outbox):
    user = register()
    assert user.unconfirmed_since is not None
    with pytest.raises(accounts.InvalidCredentials):
        accounts.authenticate(LoginInput(email="li.wei@example.com", password="s3cret-pass"))
    assert accounts.confirm_email(accounts.make_confirmation_token(user)) == user
    assert user.unconfirmed_since is None
    with pytest.raises(InvalidInput):
        accounts.confirm_email(accounts.make_confirmation_token(user))  # once


def test_admin_is_not_a_role_one_can_sign_up_for(db):
    with pytest.raises(InvalidInput):
        register(role="admin")


def test_logging_in_ignores_the_case_of_the_email_and_records_the_time(db):
    accounts.confirm_email(accounts.make_confirmation_token(register()))
    user = accounts.authenticate(LoginInput(email="LI.WEI@EXAMPLE.COM", password="s3cret-pass"))
    assert user.last_login_at is not None


@pytest.mark.parametrize(
    "email, password", [("li.wei@example.com", "wrong-pass"), ("nobody@example.com", "s3cret-pass")]
)
def test_a_wrong_email_or_password_gives_the_same_vague_error(db, email, password):
    register()
    with force_locale("en"), pytest.raises(accounts.InvalidCredentials) as err:
        accounts.authenticate(LoginInput(email=email, password=password))
    assert "email or password" in err.value.message


def test_a_disabled_account_cannot_log_in(db):
    make_user(email="off@example.com", is_active=False)
    with pytest.raises(accounts.InvalidCredentials):
        accounts.authenticate(LoginInput(email="off@example.com", password=PASSWORD))


def test_changing_the_password_needs_the_current_one(db):
    user = make_user()
    with pytest.raises(InvalidInput) as err:
        accounts.change_password(user, PasswordChangeInput(current_password="nope", new_password="brand-new-pass"))
    assert err.value.field == "current_password"


def test_changing_the_password_invalidates_existing_sessions(db):
    user = make_user()
    accounts.open_session(user)
    old_session_id = user.get_id()
    accounts.change_password(user, PasswordChangeInput(current_password=PASSWORD, new_password="brand-new-pass"))
    assert accounts.load_user(old_session_id) is None
    accounts.open_session(user)
    assert accounts.load_user(user.get_id()) == user


def test_a_disabled_user_is_not_loaded_from_the_session(db):
    user = make_user()
    accounts.open_session(user)
    session_id = user.get_id()
    user.is_active = False
    assert accounts.load_user(session_id) is None


def test_a_reset_token_sets_a_new_password_once(db):
    user = make_user()
    token = accounts.make_reset_token(user)
    accounts.reset_password(PasswordResetInput(token=token, new_password="after-reset-1"))
    assert accounts.authenticate(LoginInput(email=user.email, password="after-reset-1")) == user
    with pytest.raises(accounts.InvalidResetToken):
        accounts.reset_password(PasswordResetInput(token=token, new_password="after-reset-2"))


def test_an_expired_reset_token_is_refused(db, app, monkeypatch):
    user = make_user()
    token = accounts.make_reset_token(user)
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_AGE", -1)
    with force_locale("en"), pytest.raises(accounts.InvalidResetToken) as err:
        accounts.user_for_reset_token(token)
    assert "expired" in err.value.message


def test_a_reset_token_signed_with_another_key_is_refused(db):
    user = make_user()
    forged = URLSafeTimedSerializer("not-our-key", salt="keting.password-reset").dumps(
        {"uid": user.id, "fp": user.credential_fingerprint}
    )
    with pytest.raises(accounts.InvalidResetToken):
        accounts.user_for_reset_token(forged)


def test_asking_for_a_reset_emails_a_link_to_known_addresses_only(db, outbox):
    make_user(email="known@example.com")
    assert accounts.request_password_reset("KNOWN@example.com")
    assert not accounts.request_password_reset("unknown@example.com")
    assert len(outbox) == 1 and outbox[0].recipients == ["known@example.com"]
    assert "/auth/reset/" in outbox[0].body


def test_mail_without_a_server_is_filed_as_an_eml_file(db, app, outbox, tmp_path):
    make_user(email="known@example.com")
    accounts.request_password_reset("known@example.com")
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    assert b"known@example.com" in files[0].read_bytes()


def test_create_admin_makes_an_admin_without_an_organization(db):
    admin = accounts.create_admin(AdminInput(email="Root@Example.com", password="admin-pass-1"))
    assert admin.role == "admin" and admin.organization is None and admin.email == "root@example.com"


def test_create_admin_refuses_a_taken_email(db):
    make_user(email="root@example.com")
    with pytest.raises(InvalidInput):
        accounts.create_admin(AdminInput(email="root@example.com", password="admin-pass-1"))


def test_a_short_password_is_refused_by_the_service_too(db):
    with pytest.raises(InvalidInput) as err:
        register(password="short")
    assert err.value.field == "password"


def test_an_anonymous_actor_cannot_change_a_password(db):
    with pytest.raises(PermissionDenied):
        accounts.change_password(None, PasswordChangeInput(current_password="x", new_password="y" * 10))
