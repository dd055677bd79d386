from flask import Blueprint

bp = Blueprint("enterprise", __name__, url_prefix="/my/scenarios", template_folder="templates")

from app.enterprise import views  # noqa: F401
