"""Background jobs: services decide that long work is queued; the worker runs it here, batch by batch.

A job's row says what to do (kind, ids) and how far it got (done/total and a checkpoint). Every runner works
in batches and commits each batch together with the job's progress, so a worker killed half-way leaves the
catalogue as the last commit left it (published listings with their matches) and a retry carries on from
the checkpoint. Views never touch the queue: they call `start_*` / `retry_job` and read `job_status`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from app import permissions
from app.extensions import db, execute_dml
from app.models import ACTIVE_JOB_STATES, Job, User
from app.services.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from app.services.pagination import Page, paginate

log = logging.getLogger(__name__)
BATCH = 500


class QueueUnavailable(DomainError):
    """The job queue (Redis or the SQLite file) could not take the job."""


def _now() -> datetime:
    return datetime.now(UTC)


def _require(actor: Any) -> None:
    if not permissions.can_manage_jobs(actor):
        raise PermissionDenied(_("Only admins see and start background jobs."))


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes for timezone-aware columns.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def oldest_waiting(now: datetime | None = None) -> float | None:
    """Seconds the oldest queued job has waited for a worker, or None when nothing waits."""
    created = db.session.scalar(sa.select(sa.func.min(Job.created_at)).where(Job.state == "queued"))
    if created is None:
        return None
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return ((now or datetime.now(UTC)) - created).total_seconds()


def is_stalled(job: Job, now: datetime | None = None) -> bool:
    """A running job that has not reported for JOB_STALL_SECONDS: its worker was killed or lost."""
    if job.state != "running":
        return False
    beat = _aware(job.heartbeat_at or job.started_at)
    limit = timedelta(seconds=current_app.config["JOB_STALL_SECONDS"])
    return beat is None or (now or _now()) - beat > limit


def can_retry(job: Job) -> bool:
    return job.state == "failed" or is_stalled(job)


# Queuing ----------------------------------------------------------------------------------------------


def create_job(kind: str, actor: User | None, **fields: Any) -> Job:
    """Add a queued job to the session (the caller commits, then calls `enqueue`)."""
    job = Job(
        kind=kind,
        state="queued",
        created_by_id=getattr(actor, "id", None),
        **{"checkpoint": {}, "result": {}, **fields},
    )
    db.session.add(job)
    return job


def enqueue(job_id: int) -> None:
    """Hand a committed job to the queue; if the queue cannot take it, the job is marked failed (retry later)."""
    from app import jobs as queue

    try:
        queue.enqueue(job_id)
    except Exception as exc:
        log.exception("could not queue job %s", job_id)
        db.session.rollback()
        db.session.execute(
            sa.update(Job)
            .where(Job.id == job_id, Job.state == "queued")
            .values(state="failed", error=f"queue unavailable: {exc.__class__.__name__}", finished_at=_now())
        )
        db.session.commit()
        raise QueueUnavailable(
            _(
                "The job queue cannot be reached, so the work was not started. Try again in a "
                "minute; if it keeps failing, the worker or Redis is down."
            )
        ) from exc


def start_rebuild(
    actor: User | None,
    kind: str = "match_rebuild",
    run_now: bool = False,
    listener: Callable[[Job], None] | None = None,
) -> Job:
    """Queue a full refit of the matcher and every stored match (one queued rebuild at a time); commit.

    run_now runs it in this process instead (the CLI), with the same batches and progress row.
    """
    if actor is not None:
        _require(actor)
    if kind not in ("match_rebuild", "taxonomy_rebuild"):
        raise ValueError(f"not a rebuild kind: {kind!r}")
    waiting = db.session.scalar(
        sa.select(Job)
        .where(Job.kind.in_(("match_rebuild", "taxonomy_rebuild")), Job.state == "queued")
        .order_by(Job.id)
    )
    if waiting is not None and not run_now:
        return waiting  # it has not started, so it will see this change too
    job = create_job(kind, actor)
    db.session.commit()
    if run_now:
        run_job(job.id, listener)
        db.session.expire_all()
        return db.session.get_one(Job, job.id)
    enqueue(job.id)
    return job


def retry_job(actor: User, job_id: int) -> Job:
    """Queue a failed (or stalled) job again; it resumes from its checkpoint. Commit."""
    _require(actor)
    job = get_job(actor, job_id)
    stalled_before = _now() - timedelta(seconds=current_app.config["JOB_STALL_SECONDS"])
    claimed = execute_dml(
        sa.update(Job)
        .where(
            Job.id == job_id,
            sa.or_(
                Job.state == "failed",
                sa.and_(Job.state == "running", sa.func.coalesce(Job.heartbeat_at, Job.started_at) < stalled_before),
            ),
        )
        .values(state="queued", error=None, finished_at=None)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise InvalidInput(_("This job is not stopped, so there is nothing to retry."))
    db.session.commit()
    enqueue(job_id)
    db.session.expire_all()
    return db.session.get_one(Job, job.id)


# Reading ----------------------------------------------------------------------------------------------


def get_job(actor: User, job_id: int) -> Job:
    _require(actor)
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound(_("No such job."))
    return job


def recent_jobs(actor: User, page: int = 1, per_page: int = 20) -> Page[Job]:
    _require(actor)
    return paginate(sa.select(Job).order_by(Job.id.desc()), page, per_page)


def active_job_for_batch(batch_id: int, kind: str | None = None) -> Job | None:
    """The job of this batch (of this kind) that is queued or running, else the latest one."""
    return db.session.scalar(
        sa.select(Job)
        .where(Job.import_batch_id == batch_id, Job.kind == kind if kind else sa.true())
        .order_by((Job.state.in_(ACTIVE_JOB_STATES)).desc(), Job.id.desc())
        .limit(1)
    )


def job_status(job: Job) -> dict[str, Any]:
    """What the progress page's script polls: plain values only."""
    return {
        "id": job.id,
        "kind": job.kind,
        "state": "stalled" if is_stalled(job) else job.state,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "result": job.result or {},
        "error": job.error,
        "retry": can_retry(job),
        "finished": job.state in ("done", "failed"),
    }


# Running ----------------------------------------------------------------------------------------------


@dataclass
class Progress:
    """What a runner uses to report: `step` sets the counts and checkpoint and commits with the batch's work."""

    job: Job
    listener: Callable[[Job], None] | None = None  # the CLI's progress bar

    def step(
        self,
        done: int,
        total: int | None = None,
        stage: str | None = None,
        checkpoint: dict[str, Any] | None = None,
        commit: bool = True,
    ) -> None:
        job = self.job
        job.done = max(0, done)
        if total is not None:
            job.total = max(0, total)
        if stage is not None:
            job.stage = stage
        if checkpoint is not None:
            job.checkpoint = dict(checkpoint)
        job.heartbeat_at = _now()
        if commit:
            db.session.commit()
        if self.listener is not None:
            self.listener(job)


Runner = Callable[[Job, "User | None", Progress], dict[str, Any]]


def _runners() -> dict[str, Runner]:
    from app.services import duplicates, imports, matches

    return {
        "import": imports.run_import_job,
        "import_check": imports.run_check_job,
        "match_rebuild": matches.run_rebuild_job,
        "taxonomy_rebuild": matches.run_rebuild_job,
        "import_read": imports.run_read_job,
        "duplicate_scan": duplicates.run_scan_job,
    }


def _followups() -> dict[str, Callable[[Job, User | None], None]]:
    """Work queued once a job is done and committed (a batch allows one live job, so not from inside it)."""
    from app.services import dashboard, imports

    def refresh_dashboard(job: Job, actor: User | None) -> None:
        dashboard.request_refresh()

    return {
        "import_read": imports.after_read_job,
        "match_rebuild": refresh_dashboard,
        "taxonomy_rebuild": refresh_dashboard,
        "import": refresh_dashboard,
    }


def run_job(job_id: int, listener: Callable[[Job], None] | None = None) -> Job | None:
    """Claim a queued job and run it to the end; record the result or the error. Never raises for the job's
    own failures (they are on the row for the admin to read and retry)."""
    now = _now()
    claimed = execute_dml(
        sa.update(Job)
        .where(Job.id == job_id, Job.state == "queued")
        .values(state="running", started_at=now, heartbeat_at=now, attempts=Job.attempts + 1, error=None)
    )
    db.session.commit()
    if claimed.rowcount != 1:
        log.info("job %s is not queued any more; skipped", job_id)
        return None
    job = db.session.get_one(Job, job_id)  # just claimed above, so it is there
    actor = db.session.get(User, job.created_by_id) if job.created_by_id else None
    try:
        result = _runners()[job.kind](job, actor, Progress(job, listener))
    except Exception as exc:
        db.session.rollback()
        if not isinstance(exc, DomainError):
            log.exception("job %s (%s) failed", job_id, job.kind)
        job = db.session.get_one(Job, job_id)
        job.state, job.finished_at = "failed", _now()
        job.error = exc.message if isinstance(exc, DomainError) else f"{exc.__class__.__name__}: {exc}"[:2000]
        db.session.commit()
        return job
    job.state, job.finished_at, job.result = "done", _now(), result
    job.done = max(job.done, job.total)
    db.session.commit()
    followup = _followups().get(job.kind)
    if followup is not None:
        try:
            followup(job, actor)
        except Exception:
            db.session.rollback()
            log.exception("follow-up of job %s (%s) failed", job_id, job.kind)
        db.session.expire_all()
        return db.session.get(Job, job_id)
    return job
