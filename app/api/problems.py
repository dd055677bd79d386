"""Errors as application/problem+json (RFC 9457), one stable `type` per kind of error."""

from __future__ import annotations

from flask import Response, json
from flask_babel import gettext as _

PROBLEM_TYPES = {
    "bad-request": 400,
    "unauthorized": 401,
    "insufficient-scope": 403,
    "forbidden": 403,
    "not-found": 404,
    "method-not-allowed": 405,
    "not-acceptable": 406,
    "conflict": 409,
    "payload-too-large": 413,
    "unsupported-media-type": 415,
    "validation-error": 422,
    "invalid-input": 422,
    "rate-limited": 429,
    "server-error": 500,
    "unavailable": 503,
}
BY_STATUS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "rate-limited",
    500: "server-error",
    503: "unavailable",
}


def titles() -> dict[str, str]:
    return {
        "bad-request": _("The request is malformed."),
        "unauthorized": _("A valid API token is needed."),
        "insufficient-scope": _("The token's scope does not allow this."),
        "forbidden": _("You may not do this."),
        "not-found": _("Not found."),
        "method-not-allowed": _("This method is not allowed here."),
        "not-acceptable": _("This resource is only available as JSON."),
        "conflict": _("The request conflicts with the current state."),
        "payload-too-large": _("The request body is too large."),
        "unsupported-media-type": _("Send the body as application/json."),
        "validation-error": _("Some fields are not valid."),
        "invalid-input": _("The request breaks a rule of the platform."),
        "rate-limited": _("Too many requests; slow down."),
        "server-error": _("Something went wrong on our side."),
        "unavailable": _("The service is briefly unavailable; try again shortly."),
    }


class ApiProblem(Exception):
    """Raised inside /api/v1 to answer with a problem document."""

    def __init__(
        self,
        slug: str,
        detail: str = "",
        errors: list[dict] | None = None,
        status: int | None = None,
        headers: dict | None = None,
    ):
        super().__init__(detail or slug)
        self.slug, self.detail, self.errors = slug, detail, errors or []
        self.status = status or PROBLEM_TYPES[slug]
        self.headers = headers or {}


def type_uri(slug: str) -> str:
    return f"/api/v1/problems/{slug}"


def problem_response(
    slug: str,
    detail: str = "",
    errors: list[dict] | None = None,
    status: int | None = None,
    headers: dict | None = None,
) -> Response:
    status = status or PROBLEM_TYPES[slug]
    body = {
        "type": type_uri(slug),
        "title": titles()[slug],
        "status": status,
        "detail": detail or "",
        "errors": errors or [],
    }
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/problem+json")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _field_path(loc) -> str:
    return ".".join(str(part) for part in loc) if isinstance(loc, (list, tuple)) else str(loc)


def problem_on_invalid_request(req, resp, req_validation_error, instance, model_adapter=None) -> None:
    """spectree's before-hook: a request that fails its schema becomes a 422 problem with one error per field."""
    if req_validation_error is None:
        return
    errors = []
    for err in req_validation_error.errors():
        loc = [p for p in err.get("loc", ()) if p not in ("body", "query", "json")]
        errors.append({"field": _field_path(loc) or "body", "message": str(err.get("msg", ""))})
    raise ApiProblem("validation-error", _("Check the fields listed in “errors”."), errors)
