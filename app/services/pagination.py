"""A small page of results that templates can render without querying."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import sqlalchemy as sa

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def window(self, radius: int = 2) -> list[int | None]:
        """Page numbers to show, with None where a gap is elided."""
        shown = {1, self.pages, *range(max(1, self.page - radius), min(self.pages, self.page + radius) + 1)}
        out: list[int | None] = []
        last = 0
        for n in sorted(shown):
            if n - last > 1:
                out.append(None)
            out.append(n)
            last = n
        return out


def paginate(stmt: sa.Select, page: int, per_page: int) -> Page:
    """Run one page of a select of ORM rows, with the page clamped to the last one that exists."""
    from app.extensions import db

    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).options().subquery())) or 0
    page = min(page, max(1, -(-total // per_page)))
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return Page(items=items, page=page, per_page=per_page, total=total)
