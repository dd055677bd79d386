"""Friendly error pages; bad requests never show a traceback."""
from __future__ import annotations

import time

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, HTTPException, SecurityError
from werkzeug.exceptions import NotFound as HTTPNotFound

from app.api.http import is_api_request, problem_for_http
from app.api.problems import problem_response
from app.services.errors import NotFound, PermissionDenied


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors/error.html", code=400, error=error, csrf=True), 400

    @app.errorhandler(429)
    def too_many_requests(error: HTTPException):
        """A limit was hit: the API says so as a problem, a page (login, reset) with how long to wait."""
        from app.extensions import limiter

        current = limiter.current_limit
        retry = max(1, int(current.reset_at - time.time())) if current is not None else 60
        if is_api_request():
            return problem_response("rate-limited", str(error.description or ""), headers={"Retry-After": str(retry)})
        return render_template("auth/rate_limited.html", retry=retry), 429, {"Retry-After": str(retry)}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if is_api_request():
            return problem_for_http(error)
        if isinstance(error, SecurityError):
            # A Host outside TRUSTED_HOSTS: Flask made no URL adapter for it, so the page's links cannot be built.
            return "Bad Request: unknown host.", code, {"Content-Type": "text/plain; charset=utf-8"}
        template = "errors/404.html" if code == 404 else "errors/error.html"
        return render_template(template, code=code, error=error), code

    # Services say "not found" or "not allowed" in domain terms; every view answers them the same way, here,
    # instead of each catching them: a missing or hidden object is a 404 page, a refused actor a 403 page.
    @app.errorhandler(NotFound)
    def domain_not_found(error: NotFound):
        return http_error(HTTPNotFound())

    @app.errorhandler(PermissionDenied)
    def domain_permission_denied(error: PermissionDenied):
        return http_error(Forbidden())

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("Unhandled error: %s", error)
        from app.extensions import db
        db.session.rollback()
        if is_api_request():
            return problem_response("server-error")
        return render_template("errors/500.html", code=500), 500
