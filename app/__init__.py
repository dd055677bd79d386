"""Keting: the application factory."""

from __future__ import annotations

import os
import secrets
from typing import Any

import sqlalchemy as sa
from flask import Flask, g

from app.config import CONFIGS, INSTANCE_DIR, Config
from app.extensions import babel, csrf, db, limiter, login, mail, migrate
from app.i18n import locale_for_request


def create_app(config: type[Config] | dict[str, Any] | None = None) -> Flask:
    """Build the Flask app: settings, extensions, blueprints, error pages and CLI."""
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    from app import security

    security.install_converters(app)  # before any route exists, so every <int:...> is bounded
    if isinstance(config, type):
        app.config.from_object(config)
    else:
        app.config.from_object(CONFIGS[os.environ.get("KETING_ENV", "development")])
        if config:
            app.config.update(config)
    _ensure_secret_key(app)
    if not app.config.get("SITE_URL"):
        raise RuntimeError("SITE_URL must be set in the environment in production (the address users open)")

    from app import models  # noqa: F401  (registers every table on the metadata)

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=locale_for_request)
    mail.init_app(app)
    limiter.init_app(app)
    _init_login(app)
    _enable_sqlite_foreign_keys(app)

    from app import i18n, sessions, templating

    i18n.init_app(app)
    templating.init_app(app)
    sessions.init_app(app)
    _init_rendering(app)

    from app import page_cache

    page_cache.init_app(app)  # the cache, and the catalogue generation's listeners

    from app.public import bp as public_bp

    app.register_blueprint(public_bp)

    from app.account import bp as account_bp
    from app.auth import bp as auth_bp
    from app.enterprise import bp as enterprise_bp
    from app.vendor import bp as vendor_bp

    for blueprint in (auth_bp, account_bp, enterprise_bp, vendor_bp):
        # Every POST here goes through a FlaskForm, which checks the CSRF token itself and, unlike the global
        # check, gives the form back with what was typed and a message instead of an error page.
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)

    # The living room: requests to meet, rooms, notifications (their POSTs all go through FlaskForms too).
    from app.notifications import bp as notifications_bp
    from app.requests import bp as requests_bp
    from app.rooms import bp as rooms_bp

    for blueprint in (requests_bp, rooms_bp, notifications_bp):
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)

    # Matches: a scenario's suggested vendors and a vendor's feed (the "not relevant" POST is a FlaskForm too).
    from app.matches import bp as matches_bp

    csrf.exempt(matches_bp)
    app.register_blueprint(matches_bp)

    # Admin curation (/admin): admins only; every POST is a FlaskForm as above. The audit listeners record
    # every status change of a listing, whichever code path makes it.
    from app.admin import bp as admin_bp
    from app.services import audit

    audit.install()
    csrf.exempt(admin_bp)
    app.register_blueprint(admin_bp)

    # The JSON API (/api/v1): the same services as the pages, for other systems.
    from app import api

    api.init_app(app)
    # Introductions: the admins' queue for organizations not on Keting yet, and the public claim link.
    from app.introductions import bp as introductions_bp

    csrf.exempt(introductions_bp)
    app.register_blueprint(introductions_bp)
    # Saved searches with alerts, the shortlist and vendor comparison, and the editable about page. Their
    # POSTs are FlaskForms too; importing saved_searches installs the listener that sends immediate alerts.
    from app.pages import bp as pages_bp
    from app.searches import bp as searches_bp
    from app.services import saved_searches
    from app.shortlist import bp as shortlist_bp

    saved_searches.install()
    for blueprint in (searches_bp, shortlist_bp, pages_bp):
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)

    from app import errors

    errors.init_app(app)

    # Hardening: security headers and body limits on every request, /healthz, the reverse proxy's headers.
    from app import deploy_checks, health

    security.init_app(app)
    health.init_app(app)
    deploy_checks.init_app(app)  # flask check-deploy
    _init_proxy_fix(app)

    from app import matcher_store

    matcher_store.init_app(app)

    from app import cli

    cli.init_app(app)

    from app import jobs

    jobs.init_app(app)
    app.cli.add_command(jobs.worker_command)
    return app


def _init_rendering(app: Flask) -> None:
    """Markdown filters and the access policy for templates (which decide what to show, never query)."""
    from app import permissions
    from app.rendering import markdown_text, render_markdown

    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["plain_text"] = markdown_text
    app.jinja_env.globals["permissions"] = permissions


def _init_login(app: Flask) -> None:
    from flask_babel import lazy_gettext

    from app.services.accounts import load_user

    login.init_app(app)
    login.login_view = "auth.login"
    login.login_message = lazy_gettext("Log in to see this page.")
    login.login_message_category = "info"
    login.session_protection = "basic"
    login.user_loader(load_user)

    @app.before_request
    def forget_the_previous_requests_user():
        # Flask-Login caches the user on `g`, which lives on the app context; when one app context serves
        # several requests (tests, the CLI), the user must still be read afresh from each request's cookies.
        g.pop("_login_user", None)


def _ensure_secret_key(app: Flask) -> None:
    """Use SECRET_KEY from the environment; in development generate one into instance/ once."""
    if app.config.get("SECRET_KEY"):
        return
    if os.environ.get("KETING_ENV") == "production":
        raise RuntimeError("SECRET_KEY must be set in the environment in production")
    os.makedirs(app.instance_path, exist_ok=True)
    path = os.path.join(app.instance_path, "secret_key")
    if not os.path.exists(path):
        with open(path, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32))
        os.chmod(path, 0o600)
    with open(path, encoding="ascii") as fh:
        app.config["SECRET_KEY"] = fh.read().strip()


def _enable_sqlite_foreign_keys(app: Flask) -> None:
    """SQLite enforces foreign keys (and so ondelete rules) only when asked, per connection.

    Also: WAL lets readers go on while one writer writes, and the busy timeout makes a writer wait for the
    lock instead of failing at once with "database is locked" while a long import commits.
    """
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    busy_ms = int(app.config.get("SQLITE_BUSY_TIMEOUT_MS", 15_000))
    with app.app_context():

        @sa.event.listens_for(db.engine, "connect")
        def _fk_on(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
            if db.engine.url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()


def _init_proxy_fix(app: Flask) -> None:
    """Trust X-Forwarded-For/-Proto/-Host/-Prefix from PROXY_FIX proxies (0: none; nginx in front: 1)."""
    count = int(app.config.get("PROXY_FIX") or 0)
    if count > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # the documented way to wrap the WSGI app
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_prefix=count
        )
