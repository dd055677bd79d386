from flask import Blueprint

bp = Blueprint("shortlist", __name__, template_folder="templates")

from app.shortlist import views  # noqa: F401
