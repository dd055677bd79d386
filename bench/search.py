"""Time the two public search boxes on the demo catalogue and print p50 / p99 per query.

Run: python -m bench.search [--runs 30] [--db PATH_OR_URL]

Builds a scratch SQLite database in a temporary directory (migrated, seeded with the taxonomy and the
600-scenario demo catalogue, matcher rebuilt), unless --db names one (a sqlite file path, seeded when
it does not exist yet, or a DATABASE_URL of a seeded database), then requests each page through Flask's test client, in process, `--runs` times after one
warm-up request. The figures are for the whole request (parse, search, render), as a person waits for it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PAGES = (
    "/scenarios",
    "/scenarios?q=轮胎",
    "/scenarios?q=质量检测",
    "/scenarios?q=defect detection",
    "/scenarios?q=預測性維護",
    "/scenarios?q=quality inspection&industry=manufacturing",
    "/scenarios?q=轮胎缺陷检测&sort=newest",
    "/vendors?q=视觉",
    "/vendors?q=predictive maintenance",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", help="an existing database (sqlite file path or URL); default: a fresh demo one")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    workdir = Path(tempfile.mkdtemp(prefix="keting-bench-search-"))
    fresh = not args.db or ("://" not in args.db and not Path(args.db).exists())
    url = (
        args.db
        if args.db and "://" in args.db
        else f"sqlite:///{Path(args.db).resolve() if args.db else workdir / 'bench.db'}"
    )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("KETING_INSTANCE_DIR", str(workdir / "instance"))
    os.environ["MAIL_OUTBOX_DIR"] = str(workdir / "outbox")

    from flask_migrate import upgrade

    from app import create_app

    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context():
        if fresh:
            t0 = time.perf_counter()
            from app.services import matches
            from seeds.loader import load_all

            upgrade()
            load_all()
            matches.rebuild_all()
            print(f"demo catalogue seeded and matched in {time.perf_counter() - t0:.1f} s ({url})")
    client = app.test_client()
    print(f"{'page':58} {'p50 ms':>8} {'p99 ms':>8} {'results':>8}")
    for path in PAGES:
        response = client.get(path)  # warm-up: loads the matcher index and the segmenter once
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
        body = response.get_data(as_text=True)
        count = body.split('class="result-count" role="status">', 1)[-1].split("<", 1)[0].strip()[:24]
        print(f"{path:58} {statistics.median(times):8.1f} {p99:8.1f}   {count}")
    # The search alone (parse + service call, no rendering), which is what the index changes.
    from urllib.parse import parse_qsl, urlsplit

    from werkzeug.datastructures import MultiDict

    from app.public.forms import listing_query
    from app.services import scenarios as scenario_service
    from app.services import vendors as vendor_service

    print(f"\n{'service call (no rendering)':58} {'p50 ms':>8} {'p99 ms':>8} {'total':>8}")
    for path in PAGES:
        parts = urlsplit(path)
        box = scenario_service if parts.path == "/scenarios" else vendor_service
        sorts = box.SCENARIO_SORTS if box is scenario_service else box.VENDOR_SORTS
        browse = box.browse_scenarios if box is scenario_service else box.browse_vendors
        with app.test_request_context(path):
            query = listing_query(
                MultiDict(parse_qsl(parts.query)), sorts, "newest" if box is scenario_service else "name"
            )
            page = browse(query)
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                page = browse(query)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
        print(f"{path:58} {statistics.median(times):8.1f} {p99:8.1f} {page.total:8d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
