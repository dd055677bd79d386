"""`flask create-admin EMAIL`: make an admin account from the command line."""

from __future__ import annotations

import click
from flask_babel import force_locale

from app.auth import bp
from app.services import accounts
from app.services.errors import DomainError
from app.services.inputs import AdminInput


@bp.cli.command("create-admin")
@click.argument("email")
@click.option("--password", help="The password; asked for (hidden, twice) when left out.")
@click.option("--name", "display_name", default="", help="A display name for the admin.")
def create_admin(email: str, password: str | None, display_name: str) -> None:
    """Create an admin account with EMAIL (give --password to run without a prompt, e.g. in a script)."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    # The prompts and the command's help are English, so the service's messages are too: an operator at a
    # terminal reads one language, whatever the site's default locale is.
    with force_locale("en"):
        try:
            user = accounts.create_admin(AdminInput(email=email, password=password, display_name=display_name))
        except DomainError as exc:
            raise click.ClickException(str(exc.message)) from exc
    click.echo(f"Created admin {user.email} (id {user.id}).")
