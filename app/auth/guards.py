"""View decorators that apply the rules in app/permissions.py: anonymous users go to log in, others get 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from app.extensions import login


def require(rule: Callable[[object], bool]):
    """Let the view run only when rule(current_user) holds."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login.unauthorized()
            if not rule(current_user._get_current_object()):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
