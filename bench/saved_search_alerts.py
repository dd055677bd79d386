"""Time saved-search alerts: what they add to publishing one scenario, a batch of scenarios, and the digest.

Run: python -m bench.saved_search_alerts [--searches 500]

Builds a scratch SQLite database (migrated, seeded with the 600-scenario demo catalogue), gives each of
`--searches` people one immediate and one daily saved search drawn from common search words and filters,
then times: committing one newly published scenario, committing a batch of 100 (one email per search),
and the daily digest that folds in the daily searches. Mail goes to the scratch outbox folder.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORDS = [
    "轮胎",
    "缺陷",
    "质检",
    "港口",
    "预测",
    "视觉",
    "tyre",
    "forecast",
    "AGV",
    "能耗",
    "安全",
    "OCR",
    "客服",
    "巡检",
    "调度",
    "",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=500)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="keting-alert-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.db'}"
    os.environ["KETING_INSTANCE_DIR"] = str(workdir / "instance")
    os.environ["MAIL_OUTBOX_DIR"] = str(workdir / "outbox")

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.models import Industry, Organization, SavedSearch, SavedSearchHit, Scenario, User
    from app.services import notifications
    from seeds.loader import load_all

    app = create_app()
    with app.app_context():
        t = time.perf_counter()
        upgrade()
        load_all()
        print(f"setup (migrate, seed the demo catalogue): {time.perf_counter() - t:.1f} s")
        rng = random.Random(9)
        industries = list(db.session.scalars(sa.select(Industry.code).where(Industry.parent_id.is_not(None))))
        org = Organization(kind="enterprise", name="基准测试企业")
        db.session.add(org)
        db.session.flush()
        for n in range(args.searches):
            user = User(email=f"bench{n}@keting.local", role="vendor", organization=org, password_hash="x")
            db.session.add(user)
            db.session.flush()
            for frequency in ("immediate", "daily"):
                db.session.add(
                    SavedSearch(
                        user_id=user.id,
                        kind="scenario",
                        name=f"s{n}-{frequency}",
                        q=rng.choice(WORDS),
                        frequency=frequency,
                        industry=rng.choice(industries) if rng.random() < 0.3 else None,
                        created_at=datetime.now(UTC) - timedelta(days=1),
                    )
                )
        db.session.commit()
        owner = db.session.scalar(
            sa.select(Organization).where(Organization.kind == "enterprise", Organization.id != org.id)
        )
        template = db.session.scalars(sa.select(Scenario).where(Scenario.status == "published").limit(100)).all()

        def publish(count: int) -> float:
            now = datetime.now(UTC)
            for s in template[:count]:
                db.session.add(
                    Scenario(
                        owner_id=owner.id,
                        title=s.title + "（新）",
                        description=s.description,
                        industry_id=s.industry_id,
                        status="published",
                        published_at=now,
                    )
                )
            t0 = time.perf_counter()
            db.session.commit()
            return time.perf_counter() - t0

        def hits() -> int:
            return db.session.scalar(sa.select(sa.func.count(SavedSearchHit.id))) or 0

        outbox = workdir / "outbox"
        before = len(list(outbox.glob("*.eml"))) if outbox.exists() else 0
        one = publish(1)
        after_one = len(list(outbox.glob("*.eml")))
        print(
            f"{args.searches} immediate + {args.searches} daily searches; publish 1 scenario: commit {one * 1000:.0f} ms, "
            f"{after_one - before} alert emails, {hits()} hits"
        )
        batch = publish(100)
        after_batch = len(list(outbox.glob("*.eml")))
        print(
            f"publish 100 scenarios in one commit: {batch:.2f} s, {after_batch - after_one} alert emails "
            f"(at most one per search), {hits()} hits"
        )
        t0 = time.perf_counter()
        report = notifications.send_digests(datetime.now(UTC) + timedelta(minutes=1))
        print(f"daily digest with the daily searches: {time.perf_counter() - t0:.2f} s, {report.summary()}")
        t0 = time.perf_counter()
        again = notifications.send_digests(datetime.now(UTC) + timedelta(minutes=2))
        print(f"the same digest again: {time.perf_counter() - t0:.2f} s, {again.summary()}")
    print(f"scratch folder: {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
