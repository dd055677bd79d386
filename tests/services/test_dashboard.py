"""Dashboard figures (funnel, gaps, unanswered requests) and the CSV exports, on a corpus checkable by hand."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db as _db
from app.models import Match
from app.services import dashboard, exports
from app.services.errors import PermissionDenied
from tests.factories import make_capability, make_connection, make_intro_request, make_scenario, make_user, make_vendor

T0 = datetime(2024, 3, 1, tzinfo=UTC)


def _day(n: float) -> datetime:
    return T0 + timedelta(days=n)


@pytest.fixture()
def corpus(db, clock):
    """Four published scenarios: one goes all the way to a contract, one to a request, one is matched only.
    The rows are created on T0 (the day they are published on Keting); afterwards the clock stands 60 days
    after T0, so "unanswered for N days" means the same on any day."""
    clock(_day(0))
    vision = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection")
    speech = make_capability("speech", "语音识别", "Speech recognition")
    vendor = make_vendor(capabilities=[vision])
    s1 = make_scenario(title="场景一", published_at=_day(0), capabilities=[vision], district="jimo")
    s2 = make_scenario(title="场景二", published_at=_day(0), capabilities=[vision], district="jimo")
    s3 = make_scenario(title='=HYPERLINK("http://x")', published_at=_day(0), capabilities=[speech], district="laoshan")
    s4 = make_scenario(title="场景四", published_at=_day(0), capabilities=[speech])
    make_scenario(title="待审场景", status="pending")
    for s, score in ((s1, 0.9), (s2, 0.6), (s3, 0.2)):
        _db.session.add(Match(scenario=s, vendor=vendor, score=score, rank=1, reasons=[], computed_at=_day(1)))
    request = make_intro_request(scenario=s1, vendor=vendor, created_at=_day(3), state="accepted")
    make_connection(
        request,
        accepted_at=_day(5),
        pilot_started_at=_day(15),
        contract_signed_at=_day(45),
        outcome="contract",
        outcome_at=_day(45),
    )
    make_intro_request(scenario=s2, vendor=vendor, created_at=_day(2))
    _db.session.commit()
    clock(_day(60))
    return {"s1": s1, "s2": s2, "s3": s3, "s4": s4, "vendor": vendor, "vision": vision, "speech": speech}


def test_the_funnel_counts_each_step_with_rates_and_median_days(corpus):
    steps = {s.key: s for s in dashboard.funnel()}
    assert [steps[k].count for k in dashboard.FUNNEL_STEPS] == [4, 3, 2, 1, 1, 1]
    assert steps["matched"].rate_from_previous == pytest.approx(0.75)
    assert steps["interest"].rate_from_previous == pytest.approx(2 / 3)
    assert steps["contract"].rate_from_start == pytest.approx(0.25)
    assert steps["matched"].median_days_from_previous == 1.0
    assert steps["interest"].median_days_from_previous == 1.5  # 2 and 1 days after matching
    assert (
        steps["accepted"].median_days_from_previous,
        steps["pilot"].median_days_from_previous,
        steps["contract"].median_days_from_previous,
    ) == (2.0, 10.0, 30.0)


def test_a_historical_publication_date_does_not_count_as_time_waiting_for_a_match(corpus, clock):
    # A seeded or imported scenario carries the date the city published it (2020), long before it reached
    # Keting: the wait for a first suggestion starts when the listing was created here, not in 2020.
    clock(_day(100))
    old = make_scenario(
        title="2020 年的场景", published_at=datetime(2020, 11, 1, tzinfo=UTC), capabilities=[corpus["vision"]]
    )
    _db.session.add(
        Match(
            scenario=old,
            vendor=corpus["vendor"],
            score=0.9,
            rank=1,
            reasons=[],
            computed_at=_day(100) + timedelta(hours=12),
        )
    )
    _db.session.commit()
    times = dashboard.funnel_times()
    assert times[0][old.id] == _day(100)
    steps = {s.key: s for s in dashboard.funnel()}
    assert steps["published"].count == 5
    assert steps["matched"].median_days_from_previous == 1.0  # 1, 1, 1 and 0.5 days; not 2,000 and more


def test_gaps_are_published_scenarios_without_a_good_suggestion_grouped_by_capability(corpus, app):
    data = dashboard.dashboard(make_user("admin"))
    assert data.gap_threshold == app.config["GAP_SCORE_THRESHOLD"] == 0.6
    assert data.gap_total == 2  # s3 (best 0.2) and s4 (no suggestion)
    gaps = {g.capability.code: (g.scenarios, g.published) for g in data.gaps}
    assert gaps == {"speech": (2, 2)}
    assert {s.id for s, _score in data.gap_scenarios} == {corpus["s3"].id, corpus["s4"].id}


def test_requests_open_longer_than_the_setting_are_listed_as_unanswered(corpus):
    data = dashboard.dashboard(make_user("admin"))
    assert data.open_requests == 1
    assert data.unanswered_total == 1 and data.unanswered[0].scenario_id == corpus["s2"].id


def test_counts_by_status_and_district(corpus):
    data = dashboard.dashboard(make_user("admin"))
    assert dict(data.scenario_status) == {"published": 4, "pending": 1}
    assert dict(data.by_district) == {"jimo": 2, "laoshan": 1, None: 1}
    assert data.pending_review == 1


def test_only_admins_see_the_dashboard(corpus):
    with pytest.raises(PermissionDenied):
        dashboard.dashboard(make_user("enterprise"))


def _read(kind: str) -> tuple[str, list[dict]]:
    name, pieces = exports.export_csv(make_user("admin"), kind)
    text = "".join(pieces)
    assert text.startswith("\ufeff")
    body = list(csv.reader(io.StringIO(text[1:])))
    return name, [dict(zip(exports.columns(kind), row, strict=False)) for row in body[1:]]


def test_the_scenario_export_is_utf8_with_a_bom_and_formulas_defused(corpus):
    name, rows = _read("scenarios")
    assert name.startswith("keting-scenarios-") and name.endswith(".csv")
    by_title = {r["title"]: r for r in rows}
    assert "场景一" in by_title
    assert '\'=HYPERLINK("http://x")' in by_title
    assert by_title["场景一"]["capabilities"] == "visual-inspection" and by_title["场景一"]["requests"] == "1"


def test_the_funnel_export_has_one_row_per_published_scenario_with_its_step_times(corpus):
    _name, rows = _read("funnel")
    assert len(rows) == 4
    first = next(r for r in rows if r["title"] == "场景一")
    assert first["contract_signed_at"].startswith("2024-04-15")
    assert first["first_request_at"].startswith("2024-03-04") and first["rooms"] == "1"


def test_the_match_and_vendor_exports_list_every_row(corpus):
    assert len(_read("matches")[1]) == 3
    assert len(_read("vendors")[1]) == 1


@pytest.mark.parametrize("kind", exports.EXPORTS)
def test_export_headings_are_in_the_sites_language(corpus, app, kind):
    from flask_babel import force_locale

    for locale, expected in (
        ("zh_Hans", {"scenarios": "标题", "vendors": "企业名称", "matches": "匹配分", "funnel": "签约时间"}),
        ("en", {"scenarios": "Title", "vendors": "Organization", "matches": "Score", "funnel": "Contract signed at"}),
    ):
        with app.test_request_context(), force_locale(locale):
            _name, pieces = exports.export_csv(make_user("admin"), kind)
            header = next(csv.reader(io.StringIO("".join(pieces)[1:])))
        assert expected[kind] in header
        assert len(header) == len(exports.columns(kind))
        if locale == "zh_Hans":
            assert not [h for h in header if h.isascii() and h != "ID"], header


def test_an_export_is_recorded_in_the_audit_log(corpus):
    import sqlalchemy as sa

    from app.models import AuditEntry

    _read("vendors")
    assert (
        _db.session.scalar(sa.select(AuditEntry.object_label).where(AuditEntry.action == "export.download"))
        == "vendors"
    )
