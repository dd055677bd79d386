from flask import Blueprint

bp = Blueprint("vendor", __name__, url_prefix="/my/profile", template_folder="templates")

from app.vendor import views  # noqa: F401
