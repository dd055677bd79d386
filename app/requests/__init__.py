from flask import Blueprint

bp = Blueprint("requests", __name__, template_folder="templates")

from app.requests import views  # noqa: F401
