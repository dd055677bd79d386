"""The duplicate "scan all" as one batched job flags exactly what checking the scenarios one by one flags."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db as _db
from app.models import DuplicateFlag, Job, Scenario
from app.services import duplicates, matches
from tests.factories import make_match_catalogue, make_scenario, make_user

COPIES = duplicates.FLAG_CANDIDATES + 1 + 8 + 2  # more identical scenarios than the top-n product keeps per row


@pytest.fixture()
def world(db):
    c = make_match_catalogue()
    s1 = c["s1"]
    near = dict(industry=c["tyre"], capabilities=[c["vision_cap"]])
    c["copies"] = [make_scenario(title=s1.title, description=s1.description, **near) for _ in range(COPIES)]
    c["reworded"] = make_scenario(title=s1.title, description=s1.description + "每天两班。", **near)
    c["pending"] = make_scenario(title=s1.title, description=s1.description, status="pending", **near)
    c["asked"] = make_scenario(
        title="胎面外观缺陷检测", description="胎面外观缺陷靠人工目检。", status="changes_requested", **near
    )
    c["draft"] = make_scenario(title=s1.title, description=s1.description, status="draft", **near)
    _db.session.commit()
    matches.rebuild_all()
    # A pair an admin already dismissed is never flagged again; a merged scenario is never a duplicate target.
    _db.session.add(
        DuplicateFlag(
            scenario_id=c["copies"][1].id,
            duplicate_of_id=c["copies"][0].id,
            score=1.0,
            source="submit",
            status="dismissed",
            resolved_at=s1.created_at,
        )
    )
    c["copies"][-1].status = "merged"
    c["copies"][-1].merged_into_id = s1.id
    _db.session.commit()
    return c


def _one_by_one() -> set[tuple]:
    """What the scan flagged before it was batched: flag_near_duplicates over every candidate, then each pair
    turned so that the later scenario is the duplicate."""
    scenarios = list(
        _db.session.scalars(
            sa.select(Scenario).where(Scenario.status.in_(duplicates.SCAN_STATUSES)).order_by(Scenario.id)
        )
    )
    with _db.session.begin_nested() as savepoint:
        flags = duplicates.flag_near_duplicates(scenarios, "scan")
        out = {
            (
                max(f.scenario_id, f.duplicate_of_id),
                min(f.scenario_id, f.duplicate_of_id),
                f.score,
                tuple(f.shared_terms),
            )
            for f in flags
        }
        savepoint.rollback()
    return out


def _new_flags() -> set[tuple]:
    return {
        (f.scenario_id, f.duplicate_of_id, f.score, tuple(f.shared_terms))
        for f in _db.session.scalars(sa.select(DuplicateFlag).where(DuplicateFlag.source == "scan"))
    }


def test_the_batched_scan_flags_what_the_one_by_one_check_flags(world, monkeypatch):
    monkeypatch.setattr(duplicates, "SCAN_BATCH", 4)  # several batches, each committed
    expected = _one_by_one()
    assert len(expected) > COPIES  # ties among the copies, a waiting scenario and a reworded one all flagged

    assert duplicates.scan_for_duplicates(make_user("admin")) == len(expected)

    assert _new_flags() == expected
    ids = {i for pair in expected for i in pair[:2]}
    assert world["pending"].id in ids and world["asked"].id in ids
    assert world["draft"].id not in ids and world["copies"][-1].id not in ids
    assert (world["copies"][1].id, world["copies"][0].id) not in {pair[:2] for pair in expected}
    assert duplicates.scan_for_duplicates(make_user("admin")) == 0  # nothing is flagged twice


def test_the_scan_all_button_queues_a_job_and_its_page_shows_the_flags(world, client, login_as):
    login_as(make_user("admin", email="scan-admin@keting.local"))
    response = client.post("/admin/duplicates/scan")
    job = _db.session.scalar(sa.select(Job).where(Job.kind == "duplicate_scan"))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/admin/jobs/{job.id}")
    assert job.state == "done" and job.result["flagged"] == len(_new_flags()) > 0  # tests run jobs eagerly
    page = client.get(f"/admin/jobs/{job.id}?lang=en").get_data(as_text=True)
    assert "Duplicate scan" in page and "New pairs flagged" in page and "/admin/duplicates" in page
