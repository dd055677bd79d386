"""Friendly error pages; bad requests never show a traceback."""

from __future__ import annotations

import time

import sqlalchemy.exc as sa_exc
from flask import Flask, g, render_template
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

    # The database is unreachable (stopped, restarting, out of connections) or, on SQLite, locked for too
    # long: a 503 that says "try again shortly", for everyone. Integrity and programming errors stay 500s.
    @app.errorhandler(sa_exc.OperationalError)
    @app.errorhandler(sa_exc.InterfaceError)
    @app.errorhandler(sa_exc.TimeoutError)
    def database_unavailable(error: Exception):
        app.logger.error("Database unavailable: %s", error)
        _without_database(forget_user=True)
        retry = str(app.config["RETRY_AFTER_SECONDS"])
        if is_api_request():
            return problem_response("unavailable", headers={"Retry-After": retry})
        return render_template("errors/503.html", code=503), 503, {"Retry-After": retry}

    @app.errorhandler(sa_exc.DBAPIError)
    def database_error(error: sa_exc.DBAPIError):
        if error.connection_invalidated:  # the connection died under the statement: an outage, not a bug
            return database_unavailable(error)
        return unexpected_error(error)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("Unhandled error: %s", error)
        _without_database()
        if is_api_request():
            return problem_response("server-error")
        return render_template("errors/500.html", code=500), 500


def _without_database(forget_user: bool = False) -> None:
    """Let an error page render without touching the database, which may be the reason for the error.

    The session is rolled back (ignoring a dead connection) and, unless the user was already loaded before the
    error and still readable, the page is drawn as for a visitor instead of reading the user (a query) again.
    """
    from flask_login import AnonymousUserMixin

    from app.extensions import db

    try:
        db.session.rollback()
    except Exception:
        db.session.close()
    user = g.get("_login_user")
    if user is not None and not forget_user:
        try:
            _reloaded = (user.is_authenticated, user.role)  # the rollback expired it: this reloads it, or fails
            return
        except Exception:
            db.session.close()
    g._login_user = AnonymousUserMixin()
