"""`flask check-deploy`: is this configuration fit to face the internet? (In the spirit of Django's
`check --deploy`.)

CHECKS is a list of named checks; each returns the problems it found (empty when all is well), one short
sentence each that says what to set. Another requirement (a reachable job worker, say) is one more entry.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask

WEAK_SECRETS = {
    "secret",
    "changeme",
    "change-me",
    "dev",
    "development",
    "test",
    "test-secret-key",
    "keting",
    "password",
    "default",
}
MIN_SECRET_CHARS = 32
# Names of this machine a public SITE_URL must not use; the last is 0.0.0.0 ("every interface"), spelt so that
# bandit does not read the set as binding to it.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", str(ipaddress.IPv4Address(0))}


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Flask], list[str]]


def production_mode(app: Flask) -> list[str]:
    problems = []
    if os.environ.get("KETING_ENV") != "production":
        problems.append("KETING_ENV is not 'production': set KETING_ENV=production.")
    if app.debug or app.config.get("DEBUG"):
        problems.append("Debug mode is on: never run the debugger where others can reach it.")
    if app.config.get("TESTING"):
        problems.append("TESTING is on.")
    return problems


def secret_key(app: Flask) -> list[str]:
    key = os.environ.get("SECRET_KEY") or ""
    if not key:
        return ["SECRET_KEY is not set in the environment (a development key generated into instance/ is in use)."]
    if len(key) < MIN_SECRET_CHARS or len(set(key)) < 12 or key.lower() in WEAK_SECRETS:
        return [
            f"SECRET_KEY is weak: use at least {MIN_SECRET_CHARS} random characters, e.g. "
            "`python -c 'import secrets; print(secrets.token_hex(32))'`."
        ]
    return []


def site_url(app: Flask) -> list[str]:
    url = urlsplit(app.config.get("SITE_URL") or "")
    problems = []
    if url.scheme != "https":
        problems.append(f"SITE_URL must start with https:// (links in emails use it); it is {url.geturl()!r}.")
    if (url.hostname or "") in LOCAL_HOSTS or not url.hostname:
        problems.append("SITE_URL names this machine, not the public host name people use.")
    return problems


def trusted_hosts(app: Flask) -> list[str]:
    if not (os.environ.get("TRUSTED_HOSTS") or "").strip():
        return ["TRUSTED_HOSTS is not set: list the host names the site answers to (e.g. keting.example.cn)."]
    hosts = app.config.get("TRUSTED_HOSTS") or []
    site_host = urlsplit(app.config.get("SITE_URL") or "").hostname or ""
    if site_host and not any(site_host == h or (h.startswith(".") and site_host.endswith(h)) for h in hosts):
        return [f"TRUSTED_HOSTS does not include SITE_URL's host {site_host!r}."]
    return []


def secure_cookies(app: Flask) -> list[str]:
    problems = []
    if not app.config.get("SESSION_COOKIE_SECURE"):
        problems.append("SESSION_COOKIE_SECURE is off: session cookies would travel over plain HTTP.")
    if not app.config.get("REMEMBER_COOKIE_SECURE"):
        problems.append("REMEMBER_COOKIE_SECURE is off: remember-me cookies would travel over plain HTTP.")
    if not app.config.get("HSTS_MAX_AGE"):
        problems.append("HSTS_MAX_AGE is 0: browsers are not told to insist on HTTPS.")
    return problems


def redis_reachable(uri: str) -> str | None:
    """None when the rate-limit storage at uri answers, else why not."""
    from limits.storage import storage_from_string

    try:
        return None if storage_from_string(uri).check() else "it does not answer"
    except Exception as error:
        return str(error) or type(error).__name__


def rate_limits(app: Flask) -> list[str]:
    uri = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    if not uri.startswith(("redis://", "rediss://", "redis+unix://", "redis+sentinel://", "redis+cluster://")):
        return [
            f"RATELIMIT_STORAGE_URI is {uri!r}: limits kept in each worker's memory are multiplied by the "
            "number of workers and forgotten on restart. Use redis://..."
        ]
    failure = redis_reachable(uri)
    return [f"The rate-limit storage {uri!r} cannot be reached: {failure}."] if failure else []


def database(app: Flask) -> list[str]:
    uri = app.config.get("SQLALCHEMY_DATABASE_URI") or ""
    if uri.startswith("sqlite"):
        return ["DATABASE_URL is SQLite (the embedded development default): use PostgreSQL in production."]
    return []


def database_revision(app: Flask) -> str | None:
    """The Alembic revision the database is at (None for an empty or unreachable one)."""
    from alembic.runtime.migration import MigrationContext

    from app.extensions import db

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migration_heads(app: Flask) -> set[str]:
    from alembic.script import ScriptDirectory
    from flask_migrate import Migrate  # noqa: F401 (the directory comes from the extension's config)

    directory = app.extensions["migrate"].directory
    config = app.extensions["migrate"].migrate.get_config(directory)
    return set(ScriptDirectory.from_config(config).get_heads())


def migrations(app: Flask) -> list[str]:
    try:
        current = database_revision(app)
    except Exception as error:
        return [f"The database cannot be reached: {type(error).__name__}."]
    heads = migration_heads(app)
    if current not in heads:
        return [
            f"The database is at migration {current or 'none'}, not {', '.join(sorted(heads))}: run `flask db upgrade`."
        ]
    return []


def mail(app: Flask) -> list[str]:
    problems = []
    if not app.config.get("MAIL_SERVER"):
        problems.append(
            "MAIL_SERVER is not set: emails (password resets, notifications) are only written to "
            "files in MAIL_OUTBOX_DIR."
        )
    sender = app.config.get("MAIL_DEFAULT_SENDER") or ""
    if sender.endswith((".local>", ".local")):
        problems.append("MAIL_DEFAULT_SENDER is the development address: set the site's real sender.")
    return problems


def job_worker(app: Flask) -> list[str]:
    """Imports and rebuilds run on the worker: its queue must be shared storage that answers, and a worker must
    be taking jobs (none waits longer than JOB_STALL_SECONDS)."""
    from app.jobs import queue_reachable
    from app.services.jobs import oldest_waiting

    if app.config.get("HUEY_IMMEDIATE"):
        return [
            "HUEY_IMMEDIATE is on: imports and rebuilds would run inside web requests. Turn it off and run "
            "`flask worker`."
        ]
    uri = app.config.get("HUEY_URL") or ""
    problems = []
    if not uri.startswith(("redis://", "rediss://", "unix://")):
        problems.append(
            "HUEY_URL is not set: the queue is a SQLite file that only workers on this machine see. "
            "Use redis://... (see docs/deploy.md)."
        )
    if not queue_reachable():
        return [*problems, "The job queue cannot be reached: check HUEY_URL and that Redis runs."]
    try:
        waited = oldest_waiting()
    except Exception as error:
        return [*problems, f"Queued jobs could not be read: {type(error).__name__}."]
    limit = app.config.get("JOB_STALL_SECONDS") or 300
    if waited is not None and waited > limit:
        problems.append(
            f"A job has waited {int(waited)} s for a worker: is `flask worker` running "
            "(systemctl status keting-worker)?"
        )
    return problems


def page_cache(app: Flask) -> list[str]:
    """Cached pages and counts must live in Redis, shared by every worker.

    A per-worker cache is never wrong (every key carries the catalogue generation), but each worker then keeps its
    own copy of every cached page and builds each page again after every change; production runs Redis for the
    queue and the rate limits anyway, so the cache is required there too.
    """
    kind = app.config.get("CACHE_TYPE") or "NullCache"
    uri = app.config.get("CACHE_REDIS_URL") or ""
    if kind not in ("RedisCache", "flask_caching.backends.RedisCache") or not uri:
        return [
            f"CACHE_TYPE is {kind!r}: each worker keeps its own cache of pages and counts. Set CACHE_REDIS_URL "
            "(or HUEY_URL) to redis://... so that all workers share one."
        ]
    failure = redis_reachable(uri)
    return [f"The page cache {uri!r} cannot be reached: {failure}."] if failure else []


CHECKS: list[Check] = [
    Check("production mode", production_mode),
    Check("secret key", secret_key),
    Check("site URL", site_url),
    Check("trusted hosts", trusted_hosts),
    Check("secure cookies", secure_cookies),
    Check("rate limits", rate_limits),
    Check("database", database),
    Check("migrations", migrations),
    Check("mail", mail),
    Check("job worker", job_worker),
    Check("page cache", page_cache),
]


def run(app: Flask, checks: list[Check] | None = None) -> list[str]:
    """Every problem found, as "name: sentence" lines."""
    problems: list[str] = []
    for check in checks if checks is not None else CHECKS:
        problems.extend(f"{check.name}: {problem}" for problem in check.run(app))
    return problems


def init_app(app: Flask) -> None:
    import click

    @app.cli.command("check-deploy")
    def check_deploy() -> None:
        """Check the configuration for production; one line per problem, exit status 1 if any."""
        problems = run(app)
        for line in problems:
            click.echo(f"✗ {line}")
        if problems:
            click.echo(f"{len(problems)} problem(s): see docs/deploy.md.", err=True)
            raise SystemExit(1)
        click.echo(f"All {len(CHECKS)} deployment checks passed.")
