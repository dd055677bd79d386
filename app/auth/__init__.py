from flask import Blueprint

# cli_group=None puts `flask create-admin` at the top level instead of under `flask auth`.
bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates", cli_group=None)

from app.auth import cli, views  # noqa: F401
