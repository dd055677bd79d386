"""What every response and every request goes through: security headers, body limits, id bounds.

The headers are a small after_request hook rather than Flask-Talisman: the policy is one fixed set of headers
(no per-view nonces, no inline code to allow), Talisman's HTTPS redirect belongs to the reverse proxy here, and
twenty lines read in one place are easier to audit than an extension's defaults.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import NotFound, UnsupportedMediaType
from werkzeug.routing import IntegerConverter

from app.services.text import MAX_ID

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
API_PREFIX = "/api/"  # the JSON API checks its own bodies against its schemas (and answers 415/422 as problems)


class IdConverter(IntegerConverter):
    """`<int:...>` with an upper bound: an id past what an INTEGER column holds is a 404, not a database error.

    The bound is checked after matching and raised as NotFound, not as a failed match: a failed match lets
    Werkzeug answer 405 when another method's rule has the same path, which would be wrong for an id.
    """

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise NotFound()
        return number


def install_converters(app: Flask) -> None:
    """Before any route is registered: every `<int:...>` in the app is bounded."""
    app.url_map.converters["int"] = IdConverter


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_unexpected_bodies():
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return None
        # Only multipart posts carry files; every other body is a form of a few fields and gets the small limit.
        # Werkzeug compares Content-Length with the limit before reading a byte, so an oversized body is
        # answered 413 without being parsed (and so never echoed back into a form).
        limit = (
            app.config["MAX_UPLOAD_BYTES"]
            if request.mimetype == "multipart/form-data"
            else app.config["MAX_FORM_BYTES"]
        )
        ceiling = app.config.get("MAX_CONTENT_LENGTH")
        request.max_content_length = min(limit, ceiling) if ceiling else limit
        has_body = bool(request.content_length) or request.headers.get("Transfer-Encoding") == "chunked"
        if has_body and request.mimetype not in FORM_TYPES and not request.path.startswith(API_PREFIX):
            # Every POST in the site is an HTML form; Flask-WTF would otherwise read a JSON body as form data
            # and hand the validators lists and numbers where they expect text.
            raise UnsupportedMediaType()
        return None

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")  # for browsers that predate frame-ancestors
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        max_age = app.config.get("HSTS_MAX_AGE")
        if max_age:
            headers.setdefault("Strict-Transport-Security", f"max-age={int(max_age)}; includeSubDomains")
        return response
