"""The admin area (/admin): review, verification, duplicates, taxonomy, import, export, dashboard, audit.

Only admins get in: anonymous visitors are sent to log in, everyone else gets 403. Each view still goes
through a service that checks its own rule in app/permissions.py.
"""

from flask import Blueprint, abort
from flask_login import current_user

from app import permissions
from app.extensions import login

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.before_request
def only_admins():
    if not current_user.is_authenticated:
        return login.unauthorized()
    if not permissions.can_administer(current_user._get_current_object()):
        abort(403)
    return None


from app.admin import (
    audit_labels,
    views,  # noqa: F401
)

bp.record_once(lambda state: audit_labels.init_app(state.app))
