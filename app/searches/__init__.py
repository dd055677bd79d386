from flask import Blueprint

bp = Blueprint("searches", __name__, template_folder="templates")

from app.searches import views  # noqa: F401
