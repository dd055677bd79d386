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
