from flask import Blueprint

bp = Blueprint("matches", __name__, template_folder="templates")

from app.matches import views  # noqa: F401
