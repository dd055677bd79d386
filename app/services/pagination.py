"""A small page of results that templates can render without querying."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    page: int
    per_page: int
    total: int
    # Lists of the whole catalogue page through at most this many pages (0: no limit): a page deep in tens of
    # thousands of rows costs the database a scan of every row before it, and nobody reads page 2,000 of a list;
    # refining the search reaches those listings instead.
    max_pages: int = 0
    beyond_cap: bool = False  # the page asked for lies past max_pages: none is shown, and the page says why

    @property
    def all_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def pages(self) -> int:
        """The pages one can open (the last one the pager links to)."""
        return min(self.all_pages, self.max_pages) if self.max_pages else self.all_pages

    @property
    def capped(self) -> bool:
        """Whether some listings lie past the last page one can open."""
        return self.all_pages > self.pages

    @property
    def reachable(self) -> int:
        """How many listings the pages one can open hold."""
        return min(self.total, self.pages * self.per_page)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def window(self, radius: int = 2) -> list[int | None]:
        """Page numbers to show, with None where a gap is elided."""
        last = self.pages
        current = min(self.page, last)
        shown = {1, last, *range(max(1, current - radius), min(last, current + radius) + 1)}
        out: list[int | None] = []
        previous = 0
        for n in sorted(shown):
            if n - previous > 1:
                out.append(None)
            out.append(n)
            previous = n
        return out


def clamp_page(page: int, total: int, per_page: int, max_pages: int = 0) -> tuple[int, bool]:
    """The page to show for the one asked for: the last one if past the end; flagged if past max_pages."""
    pages = max(1, -(-total // per_page))
    if max_pages and page > max_pages and pages > max_pages:
        return page, True
    return min(page, pages), False


def paginate(
    stmt: sa.Select,
    page: int,
    per_page: int,
    max_pages: int = 0,
    count: Callable[[Callable[[], int]], int] | None = None,
) -> Page:
    """Run one page of a select of ORM rows, with the page clamped to the last one that exists.

    count: given the function that counts the rows, returns the total (a cache in front of it, say).
    """
    from app.extensions import db

    def count_rows() -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).options().subquery())) or 0

    total = count(count_rows) if count is not None else count_rows()
    page, beyond = clamp_page(page, total, per_page, max_pages)
    if beyond:
        return Page(items=[], page=page, per_page=per_page, total=total, max_pages=max_pages, beyond_cap=True)
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return Page(items=items, page=page, per_page=per_page, total=total, max_pages=max_pages)


def page_of_ids(
    ids: Sequence[int], page: int, per_page: int, max_pages: int, load: Callable[[list[int]], Any]
) -> Page[Any]:
    """One page of a ranked list of ids (a search's hits): load(ids) reads that page's rows, which are put back
    in the list's order; pages past max_pages are empty and say so (beyond_cap)."""
    page, beyond = clamp_page(page, len(ids), per_page, max_pages)
    page_ids = [] if beyond else list(ids[(page - 1) * per_page : page * per_page])
    rows = {row.id: row for row in load(page_ids)} if page_ids else {}
    return Page(
        items=[rows[i] for i in page_ids if i in rows],
        page=page,
        per_page=per_page,
        total=len(ids),
        max_pages=max_pages,
        beyond_cap=beyond,
    )


def in_ids(column: Any, ids: Sequence[int]) -> sa.ColumnElement[bool]:
    """`column IN ids` for a long list of ids (a search's thousands of hits).

    On PostgreSQL as `column = ANY(:array)`: one bound array instead of one parameter per id, which the server
    otherwise parses and plans one by one (10,000 hits: ~15 ms instead of 60–170 ms).
    """
    from sqlalchemy.dialects import postgresql

    from app.extensions import db

    if db.session.get_bind().dialect.name == "postgresql":
        # Sent as the array's text ('{1,2,3}'): adapting a Python list of 10,000 ints costs the driver ~40 ms.
        literal = "{" + ",".join(str(int(i)) for i in ids) + "}"
        return column == sa.any_(sa.cast(sa.bindparam(None, literal, type_=sa.Text), postgresql.ARRAY(sa.Integer)))
    return column.in_(list(ids))
