"""Count the SQL statements a block of code sends (to keep a page from querying once per row)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from app.extensions import db


class Statements:
    def __init__(self) -> None:
        self.sql: list[str] = []

    @property
    def count(self) -> int:
        return len(self.sql)

    def __str__(self) -> str:
        return "\n".join(f"{n + 1:>3}. {' '.join(s.split())[:160]}" for n, s in enumerate(self.sql))


@contextmanager
def count_queries() -> Iterator[Statements]:
    """Every statement sent through the app's engine inside the block, in order."""
    seen = Statements()

    def record(_conn, _cursor, statement, _params, _context, _many):
        seen.sql.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
