"""Time every admin export as CSV and as XLSX on the site's own database, and print size and peak memory.

Run (after `make seed`, so the demo catalogue and its matches are there):
    python -m bench.export_formats [--kinds scenarios,matches]

Reads the database the app is configured for (KETING_INSTANCE_DIR / DATABASE_URL); it only reads, apart from
one audit-log row per export (and an admin account named bench-export@keting.local when the site has none). The XLSX is written by openpyxl in write-only mode, so its peak memory should
stay near the CSV's rather than grow with the row count.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc


def _run(exports, admin, kind: str, fmt: str) -> bytes:
    if fmt == "csv":
        return "".join(exports.export_csv(admin, kind)[1]).encode("utf-8")
    return exports.export_xlsx(admin, kind)[1].read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default="scenarios,vendors,matches,funnel")
    args = parser.parse_args()

    import sqlalchemy as sa
    from flask_babel import force_locale

    from app import create_app
    from app.extensions import db
    from app.models import User
    from app.services import exports

    app = create_app()
    with app.app_context(), app.test_request_context(), force_locale("zh_Hans"):
        admin = db.session.scalar(sa.select(User).where(User.role == "admin", User.is_active.is_(True)))
        if admin is None:  # a freshly seeded site has none: an inactive-password admin just for the figures
            admin = User(role="admin", email="bench-export@keting.local", password_hash="!", is_active=True)
            db.session.add(admin)
            db.session.commit()
        print(f"{'export':<10} {'format':<5} {'rows':>7} {'seconds':>8} {'bytes':>10} {'peak MiB':>9}")
        for kind in args.kinds.split(","):
            for fmt in ("csv", "xlsx"):
                # Timed without tracemalloc (it slows Python code several times), then measured once with it.
                started = time.perf_counter()
                data = _run(exports, admin, kind, fmt)
                seconds = time.perf_counter() - started
                tracemalloc.start()
                _run(exports, admin, kind, fmt)
                peak = tracemalloc.get_traced_memory()[1] / 1048576
                tracemalloc.stop()
                rows = data.count(b"\r\n") - 1 if fmt == "csv" else ""
                print(f"{kind:<10} {fmt:<5} {rows:>7} {seconds:>8.2f} {len(data):>10} {peak:>9.1f}")
        db.session.rollback()


if __name__ == "__main__":
    main()
