"""`flask match ...`: rebuild the matcher index and every stored match, or look at the index's state."""
from __future__ import annotations

import time

import click
from flask.cli import with_appcontext


@click.group("match")
def match_group() -> None:
    """The matcher: its fitted index and the stored matches."""


@match_group.command("rebuild")
@click.option("--if-stale", is_flag=True,
              help="Only when the index is missing, unreadable, or out of step with the taxonomy or the listings.")
@with_appcontext
def rebuild(if_stale: bool) -> None:
    """Refit the matcher from the database and recompute every stored match."""
    from app import matcher_store
    from app.services.matches import rebuild_all

    if if_stale and not matcher_store.is_stale():
        click.echo("Matcher index is current; nothing to do.")
        return
    started = time.perf_counter()
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Matching scenarios", show_pos=True)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        stored = rebuild_all(progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(f"Stored {stored} matches in {time.perf_counter() - started:.1f} s.")


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
    if "error" in info:
        click.echo(f"unusable: {info['error']}")
    if info.get("listings"):
        click.echo(f"listings: {info['listings']['scenarios']} scenarios, {info['listings']['vendors']} vendors")
    click.echo(f"taxonomy current: {'yes' if info.get('taxonomy_current') else 'no (rebuild)'}")
    if "listings_current" in info:
        click.echo(f"listings current: {'yes' if info['listings_current'] else 'no (rebuild)'}")
    if info.get("needs_refit"):
        click.echo("More than a quarter of the listings changed since the fit: run `flask match rebuild` at a quiet moment.")
