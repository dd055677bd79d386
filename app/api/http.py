"""HTTP conventions of /api/v1: bearer tokens and scopes, problem documents for every error, ETags on reads,
per-token rate limits, and page links."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, current_app, g, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import AnonymousUserMixin
from werkzeug.exceptions import HTTPException

from app.api import bp
from app.api.problems import BY_STATUS, ApiProblem, problem_response
from app.extensions import db, limiter
from app.services import api_tokens
from app.services.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from app.services.jobs import QueueUnavailable
from app.services.pagination import Page

PREFIX = "/api/v1"
BEARER: dict[str, list[str]] = {"bearer": []}
# A public read works without a token and with one (then it sees what the token's owner may see).
OPTIONAL_BEARER: list[dict[str, list[str]]] = [{}, {"bearer": []}]


def _bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def actor() -> Any:
    """The token's owner, or an anonymous user for a public read."""
    return g.get("api_user") or AnonymousUserMixin()


@bp.before_request
def authenticate() -> None:
    g.api_user = None
    g.api_token = None
    if "Authorization" not in request.headers:
        return
    secret = _bearer_secret()
    token = api_tokens.authenticate_token(secret) if secret else None
    if token is None:
        raise ApiProblem(
            "unauthorized",
            _("The token is missing, malformed, revoked, or its account is suspended."),
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    g.api_user, g.api_token = token.user, token


def requires(scope: str) -> Callable:
    """Let the operation run only for a token whose scope reaches `scope` (read < write < admin)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            token = g.get("api_token")
            if token is None:
                raise ApiProblem(
                    "unauthorized",
                    _("Send a personal API token as “Authorization: Bearer …”."),
                    headers={"WWW-Authenticate": "Bearer"},
                )
            if not api_tokens.scope_allows(token, scope):
                raise ApiProblem(
                    "insufficient-scope",
                    _("This needs a token with the “%(scope)s” scope.", scope=scope),
                    headers={"WWW-Authenticate": f'Bearer error="insufficient_scope" scope="{scope}"'},
                )
            return view(*args, **kwargs)

        return wrapped

    return decorator


def lang() -> str:
    from app.i18n import is_english

    return "en" if is_english() else "zh"


def page_meta(page: Page, **extra: Any) -> dict[str, Any]:
    """The page's numbers and its links, keeping the request's own query arguments."""
    values: dict[str, Any] = {**(request.view_args or {}), **{k: v for k, v in request.args.items() if k != "page"}}
    endpoint = request.endpoint
    if endpoint is None:  # pages are only served by routed views
        raise RuntimeError("page links need a routed request")

    def link(n: int) -> str:
        return url_for(endpoint, **values, page=n)

    links = {
        "self": link(page.page),
        "first": link(1),
        "last": link(page.pages),
        "next": link(page.page + 1) if page.has_next else None,
        "prev": link(page.page - 1) if page.has_prev else None,
    }
    return {
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
        "pages": page.pages,
        "links": links,
        **extra,
    }


def _rate_key() -> str:
    secret = _bearer_secret()
    if secret:
        return "api-token:" + hashlib.sha256(secret.encode()).hexdigest()[:32]
    return "api-anon:" + (get_remote_address() or "")


def _rate_limit() -> str:
    cfg = current_app.config
    return cfg["API_RATE_LIMIT"] if _bearer_secret() else cfg["API_ANONYMOUS_RATE_LIMIT"]


limiter.limit(_rate_limit, key_func=_rate_key)(bp)


def problem_for_http(error: HTTPException):
    code = error.code or 500
    slug = BY_STATUS.get(code, "bad-request" if code < 500 else "server-error")
    headers: dict[str, str] = {}
    if code == 429:
        current = limiter.current_limit
        headers["Retry-After"] = str(max(1, int(current.reset_at - time.time())) if current is not None else 60)
    valid_methods = getattr(error, "valid_methods", None)  # set by MethodNotAllowed only
    if code == 405 and valid_methods:
        headers["Allow"] = ", ".join(valid_methods)
    detail = error.description if code in (400, 413, 429) and isinstance(error.description, str) else ""
    return problem_response(slug, detail, status=code if code in BY_STATUS else None, headers=headers)


@bp.errorhandler(ApiProblem)
def api_problem(error: ApiProblem):
    return problem_response(error.slug, error.detail, error.errors, error.status, error.headers)


@bp.errorhandler(NotFound)
def not_found(error: NotFound):
    return problem_response("not-found", error.message)


@bp.errorhandler(PermissionDenied)
def permission_denied(error: PermissionDenied):
    return problem_response("forbidden", error.message)


@bp.errorhandler(InvalidInput)
def invalid_input(error: InvalidInput):
    db.session.rollback()
    errors = [{"field": error.field, "message": error.message}] if error.field else []
    return problem_response("invalid-input", error.message, errors)


@bp.errorhandler(QueueUnavailable)
def queue_unavailable(error: QueueUnavailable):
    db.session.rollback()
    return problem_response("unavailable", error.message, headers={"Retry-After": "30"})


@bp.errorhandler(DomainError)
def domain_error(error: DomainError):
    db.session.rollback()
    return problem_response("invalid-input", error.message)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return problem_for_http(error)


def is_api_request() -> bool:
    return request.path == PREFIX or request.path.startswith(PREFIX + "/")


def init_app(app: Flask) -> None:
    @app.after_request
    def conditional_reads(response):
        """ETag on every successful API read; If-None-Match then answers 304 with no body."""
        if not is_api_request():
            return response
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.is_streamed:
            response.add_etag()
            response.make_conditional(request)
        response.vary.add("Authorization")
        response.vary.add("Accept-Language")
        response.headers.setdefault("Cache-Control", "private, no-cache")
        return response
