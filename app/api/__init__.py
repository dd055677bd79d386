"""/api/v1: the living room as a JSON API. The same services and permission rules as the pages, bearer tokens
instead of cookies, RFC 9457 problems for errors, and an OpenAPI 3.1 document generated from the code."""

from __future__ import annotations

from flask import Blueprint, Flask
from flask.json.provider import DefaultJSONProvider
from spectree import SecurityScheme, SpecTree
from spectree.models import SecureType, SecuritySchemeData

from app.api.problems import problem_on_invalid_request

bp = Blueprint("api", __name__, url_prefix="/api/v1", template_folder="templates")

# strict: only the operations declared here go into the document, not the HTML pages.
spec = SpecTree(
    "flask",
    title="Keting API",
    version="1.0.0",
    description=(
        "Industrial AI scenarios, AI vendors, their matches and the living room's requests and rooms. "
        "Public reads need no token; everything else takes a personal token from /account/tokens as "
        "`Authorization: Bearer kt_…`. Errors are application/problem+json (RFC 9457)."
    ),
    # spectree skips routes under its own path; ours is never registered (we serve /api/v1/openapi.json ourselves).
    path="_openapi",
    mode="strict",
    page_templates={},  # the docs page is ours (/api/v1/docs): offline, and under the site's CSP
    annotations=False,
    before=problem_on_invalid_request,
    validation_error_status=422,
    naming_strategy=lambda model: model.__name__,
    security_schemes=[
        SecurityScheme(
            name="bearer",
            data=SecuritySchemeData(
                type=SecureType.HTTP, scheme="bearer", description="A personal API token (kt_…) from /account/tokens."
            ),
        )
    ],
)

from app.api import views  # noqa: F401


def init_app(app: Flask) -> None:
    from app.api import http
    from app.extensions import csrf

    if isinstance(app.json, DefaultJSONProvider):
        app.json.ensure_ascii = False  # JSON answers in readable UTF-8: 轮胎, not \u8f6e\u80ce
    csrf.exempt(bp)  # bearer tokens, never cookies: a cross-site form cannot use them
    app.register_blueprint(bp)
    http.init_app(app)
