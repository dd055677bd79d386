"""Personal API tokens: create (shown once), list, revoke, and the lookup /api/v1 does on every call."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from app import permissions
from app.extensions import db
from app.models import MAX_TOKEN_NAME_CHARS, TOKEN_SCOPES, ApiToken, User
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.text import normalize

TOKEN_PREFIX = "kt_"  # nosec B105  # the public prefix that marks a Keting token, not a secret
MAX_TOKENS_PER_USER = 20
# last_used_at is written at most this often per token, so a busy client does not turn reads into writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class ApiTokenInput:
    name: str
    scope: str  # one of TOKEN_SCOPES


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the whole token, shown to its owner once and never again


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def tokens_of(actor: User) -> list[ApiToken]:
    """The actor's tokens, newest first (revoked ones too, so the owner sees what was turned off)."""
    if not permissions.can_manage_api_tokens(actor):
        raise PermissionDenied(_("Sign in to manage API tokens."))
    return list(
        db.session.scalars(
            sa.select(ApiToken)
            .where(ApiToken.user_id == actor.id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def create_token(actor: User, data: ApiTokenInput) -> NewToken:
    """Make a token for the actor; the secret is returned once and only its hash is stored."""
    if not permissions.can_manage_api_tokens(actor):
        raise PermissionDenied(_("Sign in to manage API tokens."))
    name = normalize(data.name or "").strip()
    if not name:
        raise InvalidInput(_("Give the token a name, such as the system that will use it."), field="name")
    if len(name) > MAX_TOKEN_NAME_CHARS:
        raise InvalidInput(
            _("The name has %(n)s characters; at most %(max)s.", n=len(name), max=MAX_TOKEN_NAME_CHARS), field="name"
        )
    if data.scope not in TOKEN_SCOPES:
        raise InvalidInput(_("Choose what the token may do."), field="scope")
    if not permissions.can_create_api_token(actor, data.scope):
        raise InvalidInput(_("Only administrators can create admin tokens."), field="scope")
    live = (
        db.session.scalar(
            sa.select(sa.func.count(ApiToken.id)).where(ApiToken.user_id == actor.id, ApiToken.revoked_at.is_(None))
        )
        or 0
    )
    if live >= MAX_TOKENS_PER_USER:
        raise InvalidInput(_("You have %(n)s active tokens; revoke one you no longer use first.", n=live), field="name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=actor.id, name=name, scope=data.scope, token_hash=_hash(secret), prefix=secret[:10])
    db.session.add(token)
    db.session.commit()
    return NewToken(token, secret)


def revoke_token(actor: User, token_id: int) -> ApiToken:
    """Turn a token off for good; its next call is refused."""
    token = db.session.get(ApiToken, token_id)
    if token is None or not permissions.can_revoke_api_token(actor, token):
        raise NotFound(_("No such token."))
    if token.revoked_at is None:
        token.revoked_at = _now()
        db.session.commit()
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """The live token behind a secret, its owner active; None for anything else. Notes when it was last used."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == _hash(secret)))
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    now = _now()
    last = token.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    if last is None or now - last >= LAST_USED_RESOLUTION:
        token.last_used_at = now
        db.session.commit()
    return token


def scope_allows(token: ApiToken, needed: str) -> bool:
    """read < write < admin: a token may do what its scope and every lower one allow."""
    order = {scope: i for i, scope in enumerate(TOKEN_SCOPES)}
    return order[token.scope] >= order[needed]
