from flask import Blueprint

bp = Blueprint("rooms", __name__, url_prefix="/rooms", template_folder="templates")

from app.rooms import views  # noqa: F401
