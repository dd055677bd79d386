"""bench/scale.py: the grower adds varied listings in the seed's proportions, and the figures come out in the
shape issue 12 asks for. A tiny size only: the timings themselves are the bench's business, not the tests'."""

from __future__ import annotations

import sqlalchemy as sa

from app.models import Match, Organization, Scenario, User, VendorProfile, scenario_capability
from bench import scale
from seeds.loader import load_all

PAGE_KEYS = {
    "/",
    "/scenarios",
    "/scenarios?q=轮胎",
    "/scenarios?q=defect detection",
    "/vendors?q=视觉",
    "/my/matches",
    "/admin/",
}


def test_grown_listings_are_varied_and_in_proportion(db):
    load_all()
    seeded = {s.description for s in db.session.scalars(sa.select(Scenario))}

    report = scale.grow(1.1, scenarios=660, vendors=92, password_hash="not-a-real-hash")

    assert (report.scenarios, report.vendors) == (60, 8)
    assert db.session.scalar(sa.select(sa.func.count(Scenario.id))) == 660
    assert db.session.scalar(sa.select(sa.func.count(VendorProfile.id))) == 92
    grown = db.session.scalars(sa.select(Scenario).where(Scenario.external_ref.like("bench:%"))).all()
    descriptions = [s.description for s in grown]
    assert len(set(descriptions)) == len(descriptions) == 60
    assert not seeded & set(descriptions)
    assert len({s.title for s in grown}) > 40
    # Every grown scenario asks for something the matcher can work with, and has an owner of the right kind.
    with_caps = set(db.session.scalars(sa.select(scenario_capability.c.scenario_id)))
    assert all(s.id in with_caps and s.owner.kind == "enterprise" for s in grown)
    assert any(s.status == "published" for s in grown)
    new_orgs = db.session.scalars(sa.select(Organization).where(Organization.external_ref.like("bench:%"))).all()
    assert len({o.name for o in new_orgs}) == len(new_orgs) > 8
    assert db.session.scalar(sa.select(sa.func.count(User.id))) > 0


def _pending(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(Scenario.status == "pending"))


def test_grow_then_measure_gives_the_issue_shape(app, db, outbox):
    from app.services.matches import rebuild_all

    load_all()
    # Enough pending scenarios that one is there to publish, whatever the draw.
    scale.grow(
        1.05,
        scenarios=630,
        vendors=88,
        password_hash="not-a-real-hash",
        scenario_statuses=(("published", 0.7), ("pending", 0.3)),
    )
    stored = rebuild_all()
    assert stored == db.session.scalar(sa.select(sa.func.count(Match.id))) > 0
    pending = _pending(db)
    assert pending > 0
    db.session.remove()

    figures = scale.measure(app, requests=2, log=lambda line: None)
    rebuild = {"seconds": 1.5, "peak_mb": 300.0, "matches": stored}
    result = scale.summary(1.05, db.engine.dialect.name, figures, rebuild, {"seconds": 0.4, "flagged": 2})

    assert set(result) == {"factor", "database", "pages", "writes", "rebuild", "worker_rss_mb", "duplicates"}
    assert result["duplicates"] == {"seconds": 0.4}
    assert result["factor"] == 1.05 and result["database"] == db.engine.dialect.name
    last = [key for key in result["pages"] if key.startswith("/scenarios?page=")]
    assert len(last) == 1 and int(last[0].split("=")[1]) > 1
    assert set(result["pages"]) == PAGE_KEYS | set(last)
    for timing in result["pages"].values():
        assert set(timing) == {"p50_ms", "p99_ms"} and 0 < timing["p50_ms"] <= timing["p99_ms"]
    assert set(result["writes"]) == {"publish_ms", "publish_visible_s", "vendor_edit_request_ms", "vendor_edit_job_s"}
    assert all(value > 0 for value in result["writes"].values())
    assert result["rebuild"] == {"seconds": 1.5, "peak_mb": 300.0}
    assert result["worker_rss_mb"] > 0
    # The publish went through the review service: one scenario fewer waits for review.
    assert _pending(db) == pending - 1
