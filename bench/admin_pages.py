"""Time the admin pages on whatever DATABASE_URL points at (e.g. a catalogue grown by bench.scale).

Run: python -m bench.admin_pages [--requests 20] [--queries] [PATH ...]

Signs in as the bench admin (made if missing), warms each page once, then prints p50 / p99 over --requests
in-process requests (Flask's test client) and how many SQL statements one request runs. --queries also prints
the slowest statements of one request per page, to see where the time goes (EXPLAIN ANALYZE them by hand).
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from bench.scale import ADMIN_EMAIL, BENCH_PASSWORD, percentiles

PAGES = (
    "/admin/",
    "/admin/review",
    "/admin/review?status=published",
    "/admin/review?status=any&q=质检",
    "/admin/duplicates",
    "/admin/organizations",
    "/admin/users",
    "/admin/taxonomy",
    "/admin/teach",
    "/admin/jobs",
    "/admin/audit",
    "/admin/import",
    "/admin/export",
    "/admin/introductions",
    "/admin/introductions/organizations",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="admin paths to time (default: every admin list page)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--queries", action="store_true", help="print the slowest statements of each page")
    args = parser.parse_args(argv)
    os.environ.setdefault("SECRET_KEY", "bench-admin-pages")

    import sqlalchemy as sa

    from app import create_app
    from app.extensions import db
    from app.models import User
    from app.services import accounts
    from app.services.accounts import create_admin
    from app.services.inputs import AdminInput

    app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context(), app.test_request_context():
        admin = db.session.scalar(sa.select(User).where(User.email == ADMIN_EMAIL))
        if admin is None:
            admin = create_admin(AdminInput(email=ADMIN_EMAIL, password=BENCH_PASSWORD, display_name="Bench"))
            db.session.commit()
        accounts.open_session(admin)
        session_id = admin.get_id()
        db.session.remove()

    statements: list[tuple[float, str]] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info.setdefault("started", []).append(time.perf_counter())

    def after(conn, cursor, statement, parameters, context, executemany):
        started = conn.info["started"].pop()
        statements.append(((time.perf_counter() - started) * 1000, " ".join(statement.split())))

    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"], sess["_fresh"] = session_id, True
    print(f"{'page':<36} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8}")
    for path in args.paths or PAGES:
        with app.app_context():
            engine: Any = db.engine
            status = client.get(path).status_code
            if status != 200:
                print(f"{path:<36} answered {status}")
                continue
            statements.clear()
            sa.event.listen(engine, "before_cursor_execute", before)
            sa.event.listen(engine, "after_cursor_execute", after)
            client.get(path)
            sa.event.remove(engine, "before_cursor_execute", before)
            sa.event.remove(engine, "after_cursor_execute", after)
            one = list(statements)
            samples = []
            for _n in range(args.requests):
                t = time.perf_counter()
                client.get(path)
                samples.append((time.perf_counter() - t) * 1000)
        figures = percentiles(samples)
        print(f"{path:<36} {figures['p50_ms']:>8.1f} {figures['p99_ms']:>8.1f} {len(one):>8}")
        if args.queries:
            for ms, sql in sorted(one, reverse=True)[:6]:
                print(f"    {ms:8.1f} ms  {sql[:220]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
