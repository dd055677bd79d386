"""The job queue (Huey) and its one task; the work itself lives in the services (app/services/jobs.py).

Huey stores its queue in SQLite under the instance folder by default, so `make run` needs nothing else, and in
Redis in production (HUEY_URL=redis://...). The worker is `flask worker` (or `huey_consumer app.jobs.huey`).
A task takes ids only: the Job row says what to do and records how far it got, so a retried task resumes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import click
from flask import Flask, current_app, has_app_context
from flask.cli import with_appcontext
from huey import Huey, RedisHuey, SqliteHuey, crontab

from app.config import INSTANCE_DIR, Config

log = logging.getLogger(__name__)
QUEUE_NAME = "keting"
POLL_MAX_DELAY = 0.5  # seconds between polls of an idle SQLite queue, at most (see worker_command)


def make_huey(url: str | None, immediate: bool = False) -> Huey:
    """A Huey for this URL: redis://... or rediss://..., sqlite:///path, or None for instance/huey.db."""
    if url and urlsplit(url).scheme in ("redis", "rediss", "unix"):
        return RedisHuey(QUEUE_NAME, url=url, immediate=immediate)
    if url and url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
    elif url:
        raise ValueError(f"HUEY_URL must be redis://..., rediss://... or sqlite:///path, not {url!r}")
    else:
        path = str(INSTANCE_DIR / "huey.db")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=path, immediate=immediate)


huey = make_huey(Config.HUEY_URL, immediate=Config.HUEY_IMMEDIATE)

_bound: Flask | None = None
_lock = threading.Lock()


def init_app(app: Flask) -> None:
    """Follow the app's settings: tests run tasks eagerly in the caller (Huey's immediate mode)."""
    global _bound
    huey.immediate = bool(app.config.get("HUEY_IMMEDIATE"))
    if not huey.immediate:
        _bound = _bound or app


def bind(app: Flask) -> None:
    """Make tasks run in this app (the worker's); otherwise a consumer builds one from the environment."""
    global _bound
    _bound = app


@contextmanager
def _app_context() -> Iterator[None]:
    """A fresh app context, so the task has its own database session (not the caller's, even when eager)."""
    global _bound
    if has_app_context():
        app = current_app._get_current_object()  # type: ignore[attr-defined]  # current_app is a LocalProxy typed as Flask
    else:
        with _lock:
            if _bound is None:
                from app import create_app

                _bound = create_app()
            app = _bound
    with app.app_context():
        yield


@huey.task()
def run_job(job_id: int) -> None:
    """Run (or resume) the job with this id; the row records progress, the result and any error."""
    with _app_context():
        from app.services import jobs as job_service

        job_service.run_job(job_id)


def enqueue(job_id: int) -> None:
    """Put the job on the queue (called by app/services/jobs.py after the row is committed)."""
    run_job(job_id)


def queue_reachable() -> bool:
    """Whether the queue's storage answers (for /healthz and `flask check-deploy`)."""
    try:
        huey.pending_count()
    except Exception:
        log.exception("job queue unreachable")
        return False
    return True


@click.command("worker")
@click.option("--workers", "-w", default=1, show_default=True, help="Tasks run at once (threads).")
@with_appcontext
def worker_command(workers: int) -> None:
    """Run the job worker (Huey's consumer) for this app until stopped (Ctrl-C or SIGTERM)."""
    if huey.immediate:
        raise click.UsageError("HUEY_IMMEDIATE is on: jobs run inside the web process, there is nothing to consume.")
    bind(current_app._get_current_object())  # type: ignore[attr-defined]  # current_app is a LocalProxy typed as Flask
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    where = Config.HUEY_URL or f"sqlite:///{INSTANCE_DIR / 'huey.db'}"
    click.echo(f"Keting worker: {workers} worker(s) on {where.split('@')[-1]}")
    # An idle consumer polls SQLite storage after 0.1 s, then 15 % later each empty poll, up to max_delay
    # (Huey's default 10 s): a job queued after a quiet spell waited up to 10 s. Capped at POLL_MAX_DELAY, a
    # listing's matches start within half a second; one indexed SELECT twice a second costs nothing. Redis
    # storage blocks on the list (BRPOP) and hands a job over at once; the cap only matters there on errors.
    huey.create_consumer(workers=workers, worker_type="thread", max_delay=POLL_MAX_DELAY).run()


@huey.task()
def drain_matches() -> None:
    """Update the matches of every listing a request left pending (app.services.matches.drain_pending), then
    ask for the dashboard's figures to follow when any stored match changed."""
    with _app_context():
        from app.services import dashboard, matches
        from app.services.jobs import QueueUnavailable

        # A queue that cannot be reached is logged there; the periodic refresh catches up within ten minutes.
        if matches.drain_pending().touched:
            with contextlib.suppress(QueueUnavailable):
                dashboard.request_refresh()


@huey.periodic_task(crontab(minute="*"))
def drain_matches_leftovers() -> None:
    """Every minute: pending listings whose drain job never got queued (the queue was down at their commit)."""
    drain_matches.call_local()


def enqueue_match_drain() -> None:
    """Queue one drain of the pending listings (called after a commit that recorded some)."""
    drain_matches()


@huey.task()
def compact_matcher() -> None:
    """Write the matcher's committed generation as a new base file when its deltas are due (app/matcher_store.py)."""
    with _app_context():
        from app import matcher_store

        matcher_store.compact()


# The dashboard's figures -------------------------------------------------------------------------------

DASHBOARD_REFRESH_KEY = "dashboard-refresh-queued"
# A mark older than this belongs to a refresh whose task was lost (the queue emptied by hand): queue anew.
DASHBOARD_REFRESH_STALE_SECONDS = 900


@huey.task()
def refresh_dashboard() -> None:
    """Recompute the admin dashboard's summarised figures (app.services.dashboard.refresh_aggregates)."""
    huey.delete(DASHBOARD_REFRESH_KEY)  # changes committed from now on ask for the next refresh
    with _app_context():
        from app.services import dashboard

        dashboard.refresh_aggregates()


@huey.periodic_task(crontab(minute="*/10"))
def refresh_dashboard_periodically() -> None:
    """The safety net: whatever changed without asking for a refresh shows within ten minutes."""
    refresh_dashboard.call_local()


def enqueue_dashboard_refresh() -> bool:
    """Queue one dashboard refresh unless one is already waiting; True when this call queued it."""
    now = time.time()
    if not huey.put_if_empty(DASHBOARD_REFRESH_KEY, now):
        since = huey.get(DASHBOARD_REFRESH_KEY, peek=True)
        if since is not None and now - float(since) < DASHBOARD_REFRESH_STALE_SECONDS:
            return False
        huey.put(DASHBOARD_REFRESH_KEY, now)
    try:
        refresh_dashboard()
    except Exception:
        huey.delete(DASHBOARD_REFRESH_KEY)
        raise
    return True
