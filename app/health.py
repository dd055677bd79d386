"""/healthz: what a load balancer or a monitor asks before sending people here.

The answer is JSON built from CHECKS, a list of named checks: each returns a short detail when all is well and
raises when not. Another dependency (the job queue, say) is one more entry in the list.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, current_app, jsonify

from app.extensions import db


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[], str]


def database() -> str:
    db.session.execute(sa.text("SELECT 1"))
    db.session.rollback()
    return db.engine.dialect.name


def job_queue() -> str:
    """The queue's storage answers; how many jobs wait for the worker."""
    from app.jobs import huey, queue_reachable

    if not queue_reachable():
        raise ConnectionError("the job queue does not answer")
    return f"{huey.pending_count()} waiting"


def pending_matches() -> str:
    """Listings whose matches wait for the worker, and the oldest one's wait: growing numbers mean no worker runs."""
    from app.services.matches import pending_summary

    summary = pending_summary()
    db.session.rollback()
    if summary.oldest_seconds is None:
        return "0 waiting"
    return f"{summary.waiting} waiting, oldest {summary.oldest_seconds:.0f} s"


CHECKS: list[Check] = [
    Check("database", database),
    Check("job queue", job_queue),
    Check("matches pending", pending_matches),
]


def report(checks: list[Check] | None = None) -> tuple[bool, dict]:
    """Run every check; (all passed, {name: {"ok": bool, "detail": str, "ms": float}})."""
    results: dict[str, dict] = {}
    for check in checks if checks is not None else CHECKS:
        started = time.perf_counter()
        try:
            detail, ok = check.run(), True
        except Exception as error:
            detail, ok = type(error).__name__, False
            current_app.logger.warning("Health check %s failed: %s", check.name, error)
            if check.name == "database":
                with contextlib.suppress(Exception):
                    db.session.rollback()
        results[check.name] = {"ok": ok, "detail": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return all(r["ok"] for r in results.values()), results


def init_app(app: Flask) -> None:
    @app.get("/healthz")
    def healthz():
        ok, results = report()
        response = jsonify(status="ok" if ok else "unavailable", checks=results)
        response.status_code = 200 if ok else 503
        response.headers["Cache-Control"] = "no-store"
        if not ok:
            response.headers["Retry-After"] = str(app.config["RETRY_AFTER_SECONDS"])
        return response
