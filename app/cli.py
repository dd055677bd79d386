"""Command-line tasks: `flask seed` now; more arrive with later issues."""

from __future__ import annotations

import click
from flask import Flask


def init_app(app: Flask) -> None:
    @app.cli.command("seed")
    @click.option("--reset", is_flag=True, help="Delete the seeded catalogue first, then load it again.")
    @click.option("--taxonomy-only", is_flag=True, help="Load only the taxonomy, not the demo catalogue.")
    def seed(reset: bool, taxonomy_only: bool) -> None:
        """Load the taxonomy and the illustrative demo catalogue (idempotent)."""
        from seeds.loader import SeedError, load_all

        try:
            report = load_all(reset=reset, taxonomy_only=taxonomy_only)
        except SeedError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(report.summary())

    from app.matches_cli import match_group

    app.cli.add_command(match_group)

    # The living room: run both from cron (see README, "Living room: cron").
    @app.cli.group("requests")
    def requests_group() -> None:
        """Requests to meet between enterprises and vendors."""

    @requests_group.command("expire")
    def requests_expire() -> None:
        """Warn both sides of requests about to expire and expire overdue ones (idempotent)."""
        from app.services.requests import expire_requests

        click.echo(expire_requests().summary())

    @app.cli.group("digest")
    def digest_group() -> None:
        """Daily digest emails."""

    @digest_group.command("send")
    def digest_send() -> None:
        """Send today's digest (Asia/Shanghai day) to everyone who has one due; sending twice sends once."""
        from app.services.notifications import send_digests

        click.echo(send_digests().summary())
