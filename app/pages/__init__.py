from flask import Blueprint

bp = Blueprint("pages", __name__, template_folder="templates")

from app.pages import views  # noqa: F401
