"""Time the public and vendor pages of issue 12 on the database DATABASE_URL points at, cached and not.

Run: python -m bench.pages [--requests 50] [--cache off|on|both] [--path /extra ...]

For each page: p50 / p99 in ms (in-process through Flask's test client), how many SQL statements one request
runs, how much of its time they take, and the app's own CPU time (the figure that a busy machine does not
inflate). "off" builds every page afresh (no page cache, no cached counts:
what a page costs the first time after a catalogue change); "on" is what visitors get between changes
(anonymous pages from the page cache). The pages are bench/scale.py's, with the last page of /scenarios as
the list's pager links it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from bench.scale import _app_config, _Client, _Who, percentiles


class _SqlClock:
    """Counts statements and adds up their time, through the engine's cursor events."""

    def __init__(self, engine) -> None:
        import sqlalchemy as sa

        self.count, self.seconds = 0, 0.0
        self._started: list[float] = []
        sa.event.listen(engine, "before_cursor_execute", self._before)
        sa.event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *_args) -> None:
        self.count += 1
        self._started.append(time.perf_counter())

    def _after(self, *_args) -> None:
        if self._started:
            self.seconds += time.perf_counter() - self._started.pop()

    def reset(self) -> None:
        self.count, self.seconds = 0, 0.0


def _people(app) -> tuple[_Who, _Who, int]:
    from app.extensions import db
    from app.services import accounts
    from app.services.inputs import ListingQuery
    from app.services.scenarios import browse_scenarios
    from bench.scale import bench_users

    with app.app_context(), app.test_request_context():
        admin, vendor, _busiest = bench_users()
        last_page = browse_scenarios(ListingQuery()).pages
        accounts.open_session(admin)
        accounts.open_session(vendor)
        who = _Who(admin.id, admin.email, admin.get_id()), _Who(vendor.id, vendor.email, vendor.get_id())
        db.session.remove()
    return who[0], who[1], last_page


def run(requests: int, cache: str, extra: list[str]) -> dict[str, Any]:
    from app import create_app
    from app.extensions import db

    results: dict[str, Any] = {}
    for mode in ("off", "on") if cache == "both" else (cache,):
        config = _app_config()
        if mode == "off":
            config.update(CACHE_TYPE="NullCache", CACHE_NO_NULL_WARNING=True, PAGE_CACHE=False)
        else:
            config.update(CACHE_TYPE="SimpleCache", CACHE_REDIS_URL=None)
        app = create_app(config)
        _admin, vendor, last_page = _people(app)
        with app.app_context():
            clock = _SqlClock(db.engine)
        pages: list[tuple[str, _Who | None]] = [
            ("/", None),
            ("/scenarios", None),
            ("/scenarios?q=轮胎", None),
            ("/scenarios?q=defect detection", None),
            (f"/scenarios?page={last_page}", None),
            ("/vendors?q=视觉", None),
            ("/my/matches", vendor),
            *((p, None) for p in extra),
        ]
        client = _Client(app, None)
        print(f"cache {mode}:")
        for path, user in pages:
            with app.app_context():
                status = client.get(path, user)
                if status != 200:
                    raise SystemExit(f"GET {path} answered {status}")
                samples, statements, sql_ms, cpu_ms = [], [], [], []
                for _n in range(requests):
                    clock.reset()
                    t, cpu = time.perf_counter(), time.process_time()
                    client.get(path, user)
                    samples.append((time.perf_counter() - t) * 1000)
                    cpu_ms.append((time.process_time() - cpu) * 1000)
                    statements.append(clock.count)
                    sql_ms.append(clock.seconds * 1000)
            figures = percentiles(samples)
            figures["statements"] = max(statements)
            figures["sql_ms_p50"] = round(sorted(sql_ms)[len(sql_ms) // 2], 1)
            # The app's own CPU time: on a busy machine wall-clock figures include waiting for a core.
            figures["cpu_ms_p50"] = round(sorted(cpu_ms)[len(cpu_ms) // 2], 1)
            results.setdefault(mode, {})[path] = figures
            print(
                f"  {path:<32} p50 {figures['p50_ms']:>7.1f} ms  p99 {figures['p99_ms']:>7.1f} ms  "
                f"{figures['statements']:>3} statements, {figures['sql_ms_p50']:>6.1f} ms in SQL, "
                f"{figures['cpu_ms_p50']:>6.1f} ms CPU"
            )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--cache", choices=("off", "on", "both"), default="both")
    parser.add_argument("--path", action="append", default=[], help="one more anonymous page to time")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        parser.error("set DATABASE_URL (and KETING_INSTANCE_DIR) to a grown catalogue, e.g. one bench.scale kept")
    run(args.requests, args.cache, args.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
