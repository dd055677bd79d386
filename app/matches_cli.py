"""`flask match ...`: rebuild the matcher index and every stored match, or look at the index's state."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext


@click.group("match")
def match_group() -> None:
    """The matcher: its fitted index and the stored matches."""


@match_group.command("rebuild")
@click.option(
    "--if-stale",
    is_flag=True,
    help="Only when the index is missing, unreadable, or out of step with the taxonomy or the listings.",
)
@click.option("--background", is_flag=True, help="Queue it for the worker (`flask worker`) instead of waiting.")
@with_appcontext
def rebuild(if_stale: bool, background: bool) -> None:
    """Refit the matcher from the database and recompute every stored match, as a job (resumable)."""
    from app import matcher_store
    from app.services import jobs

    if if_stale and not matcher_store.is_stale():
        click.echo("Matcher index is current; nothing to do.")
        return
    if background:
        job = jobs.start_rebuild(None)
        click.echo(f"Queued as job {job.id}; the worker runs it (progress at /admin/jobs/{job.id}).")
        return
    started = time.perf_counter()
    bar = None

    def progress(job) -> None:
        nonlocal bar
        if job.stage != "matching" or not job.total:
            return
        if bar is None:
            bar = click.progressbar(length=job.total, label="Matching scenarios", show_pos=True)
            bar.__enter__()
        bar.update(job.done - bar.pos)

    try:
        job = jobs.start_rebuild(None, run_now=True, listener=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if job.state != "done":
        raise click.ClickException(
            f"The rebuild (job {job.id}) failed: {job.error}. "
            f"Retry it at /admin/jobs/{job.id} (it carries on from its last batch) or run this again."
        )
    click.echo(f"Stored {job.result.get('matches', 0)} matches in {time.perf_counter() - started:.1f} s.")


@match_group.command("status")
@with_appcontext
def status() -> None:
    """Show which index is current, whether its file is here, and whether a refit is due."""
    from app import matcher_store

    info = matcher_store.status()
    if info["state"] is None:
        click.echo("No matcher index yet: run `flask match rebuild`.")
        return
    state = info["state"]
    click.echo(f"index {state['key']} generation {state['generation']}, fitted {state['fitted_at']:%Y-%m-%d %H:%M}")
    click.echo(f"file: {info['file'] or 'missing (the next change refits from the database)'}")
    deltas = state["generation"] - state["base_generation"]
    click.echo(f"base generation {state['base_generation']}, {deltas} delta file(s) after it")
    if "error" in info:
        click.echo(f"unusable: {info['error']}")
    if info.get("listings"):
        click.echo(f"listings: {info['listings']['scenarios']} scenarios, {info['listings']['vendors']} vendors")
    click.echo(f"taxonomy current: {'yes' if info.get('taxonomy_current') else 'no (rebuild)'}")
    if "listings_current" in info:
        click.echo(f"listings current: {'yes' if info['listings_current'] else 'no (rebuild)'}")
    if info.get("needs_refit"):
        click.echo(
            "More than a quarter of the listings changed since the fit: run `flask match rebuild` at a quiet moment."
        )
