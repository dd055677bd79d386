"""One way to write a time per language, for every page, email and notification.

Babel's named formats mix conventions (English "short" is 12-hour, "3:05 PM", while a pattern elsewhere wrote
"15:05"), so each kind of time has one explicit pattern per language here. Times are written in Beijing time
(BABEL_DEFAULT_TIMEZONE) on a 24-hour clock in both languages: the platform's meetings happen in Qingdao.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime, get_locale

PATTERNS = {
    "en": {"datetime": "d MMM yyyy, HH:mm", "date": "d MMM yyyy", "time": "HH:mm", "meeting": "EEE d MMM yyyy, HH:mm"},
    "zh": {
        "datetime": "yyyy年M月d日 HH:mm",
        "date": "yyyy年M月d日",
        "time": "HH:mm",
        "meeting": "yyyy年M月d日 EEE HH:mm",
    },
}


def _language() -> str:
    return "en" if str(get_locale()).startswith("en") else "zh"


def _aware(moment: datetime) -> datetime:
    # Columns are stored in UTC; SQLite hands them back without a zone.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def when(moment: datetime | date | None, kind: str = "datetime") -> str:
    """moment as the current language writes a `kind` of time: datetime, date, time or meeting."""
    if moment is None:
        return ""
    pattern = PATTERNS[_language()][kind]
    if not isinstance(moment, datetime):
        return format_date(moment, pattern)
    return format_datetime(_aware(moment), pattern)


def init_app(app: Flask) -> None:
    """Every template's date and time filters write through when(), whatever named format they ask for."""
    app.jinja_env.filters["datetimeformat"] = lambda value, _format=None: when(value, "datetime")
    app.jinja_env.filters["dateformat"] = lambda value, _format=None: when(value, "date")
    app.jinja_env.filters["timeformat"] = lambda value, _format=None: when(value, "time")
    app.jinja_env.filters["meeting_time"] = lambda value: when(value, "meeting")
