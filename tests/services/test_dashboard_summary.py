"""The dashboard's stored figures: equal to a direct computation, recomputed after changes, shown with their time,
and read in a fixed number of queries whatever the catalogue's size."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app import jobs
from app.extensions import db as _db
from app.models import DashboardSummary, Match, Scenario, scenario_capability
from app.services import dashboard
from tests.factories import make_capability, make_intro_request, make_scenario, make_user, make_vendor

T0 = datetime(2026, 12, 3, 7, 5, tzinfo=UTC)  # 15:05 in Beijing


@pytest.fixture(autouse=True)
def _no_refresh_waiting(app):
    """The queue's "a refresh waits" mark lives in Huey's storage, which outlives a test."""
    jobs.huey.delete(jobs.DASHBOARD_REFRESH_KEY)
    yield
    jobs.huey.delete(jobs.DASHBOARD_REFRESH_KEY)


def _catalogue(n_extra: int = 0) -> dict:
    """Three published scenarios, two with a good suggestion (0.9, 0.7) and one with a weak one (0.3), one without
    a capability, one pending; n_extra more published scenarios with a good suggestion."""
    vision = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    speech = make_capability("speech", "语音识别", "Speech recognition")
    vendor = make_vendor(capabilities=[vision])
    good = make_scenario(title="场景一", capabilities=[vision], district="jimo", published_at=T0)
    fair = make_scenario(title="场景二", capabilities=[vision, speech], district="jimo", published_at=T0)
    weak = make_scenario(title="场景三", district="laoshan", published_at=T0)
    make_scenario(title="待审场景", status="pending")
    extra = [make_scenario(title=f"更多场景{i}", capabilities=[speech], published_at=T0) for i in range(n_extra)]
    for s, score in [(good, 0.9), (fair, 0.7), (weak, 0.3)] + [(s, 0.8) for s in extra]:
        _db.session.add(Match(scenario=s, vendor=vendor, score=score, rank=1, reasons=[], computed_at=T0))
    make_intro_request(scenario=good, vendor=vendor, created_at=T0)
    _db.session.commit()
    return {"vision": vision, "speech": speech, "vendor": vendor, "good": good, "fair": fair, "weak": weak}


def _direct(threshold: float) -> dict:
    """The same figures counted row by row from the tables, the slow obvious way."""
    published = list(_db.session.scalars(sa.select(Scenario).where(Scenario.status == "published")))
    best = {
        s.id: max((m.score for m in _db.session.scalars(sa.select(Match).where(Match.scenario_id == s.id))), default=0)
        for s in published
    }
    by_district: dict = {}
    for s in published:
        by_district[s.district] = by_district.get(s.district, 0) + 1
    links = _db.session.execute(sa.select(scenario_capability)).all()
    by_capability: dict = {}
    for sid, cid in links:
        if sid in best:
            by_capability[cid] = by_capability.get(cid, 0) + 1
    return {
        "published": len(published),
        "by_district": by_district,
        "by_capability": by_capability,
        "gap_total": sum(1 for v in best.values() if v < threshold),
        "matched": sum(1 for s in published if best[s.id] > 0),
    }


def test_the_stored_figures_equal_a_direct_computation(db, app, clock):
    clock(T0 + timedelta(days=1))
    _catalogue(n_extra=2)
    row = dashboard.refresh_aggregates()
    direct = _direct(app.config["GAP_SCORE_THRESHOLD"])
    figures = row.figures
    assert dict(map(tuple, figures["scenario_status"])) == {"published": direct["published"], "pending": 1}
    assert dict(map(tuple, figures["by_district"])) == direct["by_district"]
    assert {k: n for k, n in figures["by_capability"] if k is not None} == direct["by_capability"]
    assert [n for k, n in figures["by_capability"] if k is None] == [1]  # the weak one names none
    assert figures["gap_total"] == direct["gap_total"] == 1
    funnel = {step[0]: step[1] for step in figures["funnel"]}
    assert funnel["published"] == direct["published"] and funnel["matched"] == direct["matched"]
    assert funnel["interest"] == 1
    assert figures == dashboard.compute_figures()  # what a view computing it at once would see


def test_the_page_reads_the_stored_figures_and_a_refresh_brings_in_a_change(db, clock):
    clock(T0 + timedelta(days=1))
    cat = _catalogue()
    admin = make_user("admin")
    dashboard.refresh_aggregates()
    make_scenario(title="新发布的场景", capabilities=[cat["speech"]], district="laoshan", published_at=T0)
    make_scenario(title="又一个待审场景", status="pending")
    _db.session.commit()
    clock(T0 + timedelta(days=1, minutes=5))
    data = dashboard.dashboard(admin)
    assert dict(data.by_district)["laoshan"] == 1  # still the stored figure
    assert data.pending_review == 2  # the queue is counted live
    assert data.computed_at == T0 + timedelta(days=1)
    assert dashboard.request_refresh() is True  # the job runs at once in tests
    data = dashboard.dashboard(admin)
    assert dict(data.by_district)["laoshan"] == 2
    assert data.gap_total == 2 and data.computed_at == T0 + timedelta(days=1, minutes=5)


def test_a_fresh_install_computes_the_figures_on_the_first_view(db):
    cat = _catalogue()
    assert _db.session.get(DashboardSummary, 1) is None
    data = dashboard.dashboard(make_user("admin"))
    assert data.gap_total == 1 and [s.id for s, _score in data.gap_scenarios] == [cat["weak"].id]
    assert _db.session.get(DashboardSummary, 1) is not None


def test_figures_stored_in_another_shape_are_computed_again(db, monkeypatch):
    _catalogue()
    dashboard.refresh_aggregates()
    _db.session.execute(sa.update(DashboardSummary).values(figures={"older": True}))
    _db.session.commit()
    monkeypatch.setattr(dashboard, "FIGURES_VERSION", dashboard.FIGURES_VERSION + 1)
    data = dashboard.dashboard(make_user("admin"))
    assert data.gap_total == 1
    assert _db.session.get(DashboardSummary, 1).version == dashboard.FIGURES_VERSION


def test_an_older_computation_never_overwrites_a_newer_one(db, clock):
    _catalogue()
    clock(T0 + timedelta(hours=2))
    dashboard.refresh_aggregates()
    dashboard._store({"stale": True}, T0 + timedelta(hours=1), 5)
    _db.session.commit()
    row = _db.session.get(DashboardSummary, 1, populate_existing=True)
    assert "stale" not in row.figures and row.computed_at.replace(tzinfo=UTC) == T0 + timedelta(hours=2)


def test_a_refresh_is_queued_once_while_one_waits(db, monkeypatch, clock):
    clock(T0)
    queued = []
    monkeypatch.setattr(jobs, "refresh_dashboard", lambda: queued.append(1))  # as if a worker had not taken it yet
    assert dashboard.request_refresh() is True
    assert dashboard.request_refresh() is False
    assert len(queued) == 1
    jobs.huey.delete(jobs.DASHBOARD_REFRESH_KEY)  # the task starts: later changes ask for the next one
    assert dashboard.request_refresh() is True
    clock(T0 + timedelta(seconds=jobs.DASHBOARD_REFRESH_STALE_SECONDS + 1))  # that task was lost
    assert dashboard.request_refresh() is True
    assert len(queued) == 3


def test_a_finished_rebuild_job_refreshes_the_figures(db, clock):
    clock(T0)
    _catalogue()
    dashboard.refresh_aggregates()
    make_scenario(title="重建前新增的场景", district="laoshan", published_at=T0)
    _db.session.commit()
    clock(T0 + timedelta(minutes=3))
    from app.services import jobs as job_service

    job_service.start_rebuild(make_user("admin"))
    _db.session.expire_all()
    row = _db.session.get(DashboardSummary, 1)
    assert row.computed_at.replace(tzinfo=UTC) == T0 + timedelta(minutes=3)
    assert dict(map(tuple, row.figures["by_district"]))["laoshan"] == 2


def test_the_page_says_when_the_figures_were_computed(client, db, login_as, clock):
    clock(T0)
    _catalogue()
    dashboard.refresh_aggregates()
    clock(T0 + timedelta(hours=1))
    login_as(make_user("admin"))
    assert "数据更新于 2026年12月3日 15:05" in _text(client.get("/admin/?lang=zh"))
    assert "Figures as of 3 Dec 2026, 15:05" in _text(client.get("/admin/?lang=en"))


def test_recompute_now_brings_the_figures_up_to_date(client, db, login_as, clock):
    clock(T0)
    _catalogue()
    dashboard.refresh_aggregates()
    clock(T0 + timedelta(hours=1))
    login_as(make_user("admin"))
    response = client.post("/admin/refresh")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/")
    assert "Figures as of 3 Dec 2026, 16:05" in _text(client.get("/admin/?lang=en"))


def _text(response) -> str:
    return re.sub(r"<[^>]+>", "", response.get_data(as_text=True))


def _statements(client, path: str) -> int:
    count = 0

    def seen(*_args):
        nonlocal count
        count += 1

    sa.event.listen(_db.engine, "before_cursor_execute", seen)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(_db.engine, "before_cursor_execute", seen)
    return count


def test_the_dashboard_runs_a_fixed_handful_of_queries_whatever_the_catalogue_size(client, db, login_as):
    cat = _catalogue()
    login_as(make_user("admin"))
    client.get("/admin/")  # the first view computes the summary
    small = _statements(client, "/admin/")
    for i in range(12):
        s = make_scenario(title=f"加量场景{i}", capabilities=[cat["speech"]], district="jimo", published_at=T0)
        _db.session.add(Match(scenario=s, vendor=cat["vendor"], score=0.1, rank=1, reasons=[], computed_at=T0))
        make_intro_request(scenario=s, vendor=cat["vendor"], created_at=T0 - timedelta(days=30))
    _db.session.commit()
    dashboard.refresh_aggregates()
    large = _statements(client, "/admin/")
    assert large == small
    assert large <= 14
