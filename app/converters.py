"""URL converters. `<id:name>` is a database id: digits only, and a number past PostgreSQL's integer (or below 1)
is a 404 at routing, before any query could overflow."""
from __future__ import annotations

from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter

MAX_ID = 2**31 - 1


class IdConverter(BaseConverter):
    regex = r"\d{1,30}"
    weight = 50

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            # Raised, not a ValidationError: the URL names this route, the id just cannot exist (a 404, never
            # a 405 from another method's rule for the same path).
            raise NotFound()
        return number

    def to_url(self, value) -> str:
        return str(int(value))
