"""Accounts: sign-up, sign-in checks, password changes and resets, admins made from the command line.

Passwords are hashed with scrypt (memory-hard) through Werkzeug. Emails are compared lower-cased and stored
that way, so the unique constraint on user_account.email is case-insensitive. Reset tokens are signed,
expire, and carry a fingerprint of the password hash, so a token stops working once it has been used.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app import permissions
from app.extensions import db, execute_dml
from app.models import Organization, User, UserSession, VendorProfile
from app.services.errors import InvalidInput, PermissionDenied
from app.services.inputs import AdminInput, LoginInput, PasswordChangeInput, PasswordResetInput, RegistrationInput
from app.services.text import normalize, parse_id

PASSWORD_METHOD = "scrypt"  # nosec B105  # the name of the hash method, not a password
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 128
SIGNUP_ROLES = ("enterprise", "vendor")
_RESET_SALT = "keting.password-reset"
# Checked against when the email is unknown, so a wrong email costs as much time as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password", method=PASSWORD_METHOD)


class InvalidCredentials(InvalidInput):
    """The email and password do not belong together (deliberately vague)."""


class InvalidResetToken(InvalidInput):
    """The reset link is malformed, expired, or was already used."""


def normalize_email(email: str) -> str:
    return normalize(email).lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def _check_new_password(password: str, field: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS or not password.strip():
        raise InvalidInput(_("Use at least %(num)d characters.", num=MIN_PASSWORD_CHARS), field=field)
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidInput(_("Use at most %(num)d characters.", num=MAX_PASSWORD_CHARS), field=field)


def email_taken(email: str) -> bool:
    return db.session.scalar(sa.select(User.id).where(User.email == normalize_email(email))) is not None


def register_account(data: RegistrationInput) -> User | None:
    """Sign up: the same outcome for the asker whether or not the email already has an account.

    A new email gets an account that cannot log in yet and an email with a link that confirms it (and signs the
    person in). An email that already has an account gets an email telling its owner that someone tried to sign
    up with it. Either way the caller shows "check your email", so the form cannot be used to find out who has
    an account. An unconfirmed account's details are replaced by the newest sign-up for its email (so nobody can
    hold someone else's address by signing it up first). Returns the new account, or None; commits.
    """
    from app.services.notifications import absolute_url, send_signup_attempt, send_signup_confirmation

    email = normalize_email(data.email)
    if data.role not in SIGNUP_ROLES:
        raise InvalidInput(_("Choose whether you post scenarios or offer AI solutions."), field="role")
    _check_new_password(data.password, "password")
    name = normalize(data.organization_name)
    if not name:
        raise InvalidInput(_("Enter the name of your organization."), field="organization")
    password_hash = hash_password(data.password)  # in both cases, so both take as long
    existing = db.session.scalar(sa.select(User).where(User.email == email))
    if existing is not None and existing.unconfirmed_since is None:
        send_signup_attempt(existing, absolute_url("auth.login"), absolute_url("auth.reset_request"))
        return None
    if existing is not None:
        _forget_unconfirmed(existing)
    org = Organization(kind=data.role, name=name, description="")
    user = User(
        email=email,
        password_hash=password_hash,
        role=data.role,
        organization=org,
        display_name=normalize(data.display_name),
        locale=data.locale,
        unconfirmed_since=datetime.now(UTC),
    )
    db.session.add_all([org, user])
    if data.role == "vendor":
        db.session.add(VendorProfile(organization=org, status="draft", languages=[]))
    try:
        db.session.commit()
    except IntegrityError:  # two sign-ups with one email at the same moment: the other one stands
        db.session.rollback()
        return None
    send_signup_confirmation(
        user, absolute_url("auth.confirm_email", token=make_confirmation_token(user)), CONFIRMATION_MAX_AGE // 3600
    )
    return user


CONFIRMATION_MAX_AGE = 3 * 24 * 3600
_CONFIRM_SALT = "keting.confirm-email"


def _forget_unconfirmed(user: User) -> None:
    """Delete an account nobody has confirmed, with its organization (nothing can point at either yet)."""
    org = user.organization
    db.session.delete(user)
    if org is not None:
        if org.vendor_profile is not None:
            db.session.delete(org.vendor_profile)
        db.session.flush()
        db.session.delete(org)
    db.session.flush()


def make_confirmation_token(user: User) -> str:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_CONFIRM_SALT).dumps(
        {"uid": user.id, "email": user.email}
    )


def confirm_email(token: str) -> User:
    """Confirm the account a sign-up link was made for; commit. InvalidInput for a bad, old or used link."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_CONFIRM_SALT)
    try:
        payload = serializer.loads(token, max_age=CONFIRMATION_MAX_AGE)
    except SignatureExpired as exc:
        raise InvalidInput(_("This link has expired. Sign up again to get a new one.")) from exc
    except BadSignature as exc:
        raise InvalidInput(_("This link is not valid. Sign up again to get a new one.")) from exc
    uid = payload.get("uid") if isinstance(payload, dict) else None
    user = db.session.get(User, uid) if isinstance(uid, int) and 0 < uid <= 2**31 - 1 else None
    if user is None or user.email != payload.get("email") or not user.is_active:
        raise InvalidInput(_("This link is not valid. Sign up again to get a new one."))
    if user.unconfirmed_since is None:
        raise InvalidInput(_("This link has already been used. Log in with your email and password."))
    user.unconfirmed_since = None
    db.session.commit()
    return user


def authenticate(data: LoginInput) -> User:
    """The active user with this email and password, with the sign-in time recorded; or InvalidCredentials."""
    user = db.session.scalar(sa.select(User).where(User.email == normalize_email(data.email)))
    if user is None:
        check_password_hash(_DUMMY_HASH, data.password)
        raise InvalidCredentials(_("The email or password is not right."))
    if not check_password_hash(user.password_hash, data.password):
        raise InvalidCredentials(_("The email or password is not right."))
    if not user.is_active:
        raise InvalidCredentials(_("This account has been disabled. Contact the Keting team."))
    if user.unconfirmed_since is not None:
        from app.services.notifications import absolute_url, send_signup_confirmation

        send_signup_confirmation(
            user, absolute_url("auth.confirm_email", token=make_confirmation_token(user)), CONFIRMATION_MAX_AGE // 3600
        )
        raise InvalidCredentials(_("Confirm your email address first: we have sent the link to it again."))
    user.last_login_at = datetime.now(UTC)
    if not user.password_hash.startswith(PASSWORD_METHOD + ":"):
        user.password_hash = hash_password(data.password)  # upgrade an older hash while we know the password
    db.session.commit()
    return user


def load_user(session_id: str) -> User | None:
    """The user a session or remember-me cookie names, while that sign-in is open (not logged out, not signed
    out everywhere) and the password has not changed since."""
    raw_id, _, rest = (session_id or "").partition(":")
    fingerprint, _, key = rest.partition(":")
    user_id = parse_id(raw_id)
    if user_id is None or not key:
        return None
    user = db.session.scalar(
        sa.select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(User.id == user_id, UserSession.key == key)
    )
    if user is None or not user.is_active or user.credential_fingerprint != fingerprint:
        return None
    user.session_key = key
    return user


def open_session(user: User) -> str:
    """Record a new signed-in browser for user (its key goes into the cookies through user.get_id()); commit.

    Sign-ins older than the remember-me cookie's lifetime are forgotten on the way.
    """
    key = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    lifetime = timedelta(seconds=int(current_app.config.get("REMEMBER_COOKIE_DURATION", 30 * 24 * 3600)))
    db.session.execute(
        sa.delete(UserSession).where(UserSession.user_id == user.id, UserSession.created_at < now - lifetime)
    )
    db.session.add(UserSession(user_id=user.id, key=key, created_at=now))
    db.session.commit()
    user.session_key = key
    return key


def close_session(user: User) -> None:
    """Log this browser out: its sign-in stops working, wherever its cookies have been copied; commit."""
    key = user.session_key
    if key:
        db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id, UserSession.key == key))
        db.session.commit()


def close_all_sessions(user: User) -> int:
    """Sign user out of every browser, this one included; commit. Returns how many sign-ins were open."""
    count = execute_dml(sa.delete(UserSession).where(UserSession.user_id == user.id)).rowcount or 0
    db.session.commit()
    return count


def open_session_count(user: User) -> int:
    return (
        db.session.scalar(sa.select(sa.func.count()).select_from(UserSession).where(UserSession.user_id == user.id))
        or 0
    )


def change_password(actor: User, data: PasswordChangeInput) -> User:
    """Set a new password after checking the current one; other browsers are signed out."""
    if not permissions.can_change_password(actor, actor):
        raise PermissionDenied(_("Sign in to change your password."))
    if not check_password_hash(actor.password_hash, data.current_password):
        raise InvalidInput(_("Your current password is not right."), field="current_password")
    _check_new_password(data.new_password, "password")
    if check_password_hash(actor.password_hash, data.new_password):
        raise InvalidInput(_("Choose a password different from the current one."), field="password")
    actor.password_hash = hash_password(data.new_password)
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == actor.id))
    db.session.commit()
    return actor


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_RESET_SALT)


def make_reset_token(user: User) -> str:
    return _serializer().dumps({"uid": user.id, "fp": user.credential_fingerprint})


def user_for_reset_token(token: str) -> User:
    """The user a reset token was made for, while it is unexpired and unused; else InvalidResetToken."""
    try:
        payload = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except SignatureExpired as exc:
        raise InvalidResetToken(_("This reset link has expired. Ask for a new one.")) from exc
    except BadSignature as exc:
        raise InvalidResetToken(_("This reset link is not valid. Ask for a new one.")) from exc
    user = db.session.get(User, payload.get("uid")) if isinstance(payload, dict) else None
    if user is None or not user.is_active or user.credential_fingerprint != payload.get("fp"):
        raise InvalidResetToken(_("This reset link has already been used. Ask for a new one."))
    return user


def request_password_reset(email: str) -> bool:
    """Email a reset link if an active account has this email; say nothing either way (returns whether sent).

    The link is built from SITE_URL, never from the request's Host header (which the asker controls).
    """
    from app.services.notifications import absolute_url, send_password_reset

    user = db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    if user is None or not user.is_active:
        return False
    token = make_reset_token(user)
    send_password_reset(
        user, absolute_url("auth.reset_password", token=token), current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    )
    return True


def reset_password(data: PasswordResetInput) -> User:
    """Set a new password from a reset link; the link (and every other one) stops working."""
    user = user_for_reset_token(data.token)
    _check_new_password(data.new_password, "password")
    user.password_hash = hash_password(data.new_password)
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id))
    db.session.commit()
    return user


def create_admin(data: AdminInput) -> User:
    """Make an admin account (for `flask create-admin`, which only the operator can run)."""
    email = normalize_email(data.email)
    try:
        # The same check the login form applies, so the operator cannot make an account nobody can log in to.
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(
            _("%(email)s is not an email address the login form accepts: %(why)s", email=email, why=str(exc)),
            field="email",
        ) from exc
    _check_new_password(data.password, "password")
    if email_taken(email):
        raise InvalidInput(_("An account with the email %(email)s already exists.", email=email), field="email")
    user = User(
        email=email,
        password_hash=hash_password(data.password),
        role="admin",
        display_name=normalize(data.display_name),
        organization=None,
    )
    db.session.add(user)
    db.session.commit()
    return user
