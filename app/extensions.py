"""Extension instances only; they are bound to the app in create_app."""

from typing import Any, cast

from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.engine import CursorResult
from sqlalchemy.sql.base import Executable

from app.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
babel = Babel()
login = LoginManager()
mail = Mail()
# Limits are declared on the views that need them (login, password reset); nothing is limited by default.
limiter = Limiter(key_func=get_remote_address)
# Cached counts and anonymous pages, keyed by the catalogue generation (app/services/generation.py, app/page_cache.py).
cache = Cache()


def execute_dml(statement: Executable) -> CursorResult[Any]:
    """Run an INSERT, UPDATE or DELETE in the session and return its cursor result, which has `rowcount`.

    `Session.execute` is typed as returning a plain `Result`; for these statements it is a `CursorResult`.
    """
    return cast(CursorResult[Any], db.session.execute(statement))


def dialect_insert(table: Any) -> Any:
    """INSERT for the session's database with its ON CONFLICT clauses (PostgreSQL's or SQLite's insert)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return (postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert)(table)
