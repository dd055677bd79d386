"""XLSX exports beside CSV: headers in the reader's language, the review list's filters, formulas defused."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from app.extensions import db
from app.models import AuditEntry, Match
from app.services import exports
from app.services.errors import PermissionDenied
from tests.factories import make_capability, make_industry, make_scenario, make_user, make_vendor

PUBLISHED = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)  # 2026-12-01 00:30 in Beijing


@pytest.fixture()
def corpus(db):
    tyres = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber")
    make_industry("food", "食品饮料", "Food and drink")
    vision = make_capability("visual-inspection")
    vendor = make_vendor(capabilities=[vision])
    s1 = make_scenario(title="即墨胎面检测", district="jimo", industry=tyres, published_at=PUBLISHED, budget_max=500000)
    s2 = make_scenario(title='=HYPERLINK("http://x")', district="laoshan", industry=tyres)
    s3 = make_scenario(title="即墨待审场景", district="jimo", status="pending", source_batch="2026 清单")
    for s in (s1, s2, s3):
        db.session.add(Match(scenario=s, vendor=vendor, score=0.5, rank=1, reasons=[], computed_at=PUBLISHED))
    db.session.commit()
    return {"s1": s1, "s2": s2, "s3": s3, "vendor": vendor, "admin": make_user("admin", organization=None)}


def _rows(book_file) -> list[list]:
    book = load_workbook(book_file, read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def _csv(pieces, kind: str = "scenarios") -> list[dict]:
    """The CSV's rows by column name (its heading row is in the reader's language)."""
    body = list(csv.reader(io.StringIO("".join(pieces)[1:])))
    return [dict(zip(exports.columns(kind), row, strict=False)) for row in body[1:]]


def test_the_xlsx_has_chinese_headers_numbers_and_beijing_dates(corpus):
    with force_locale("zh_Hans"):
        name, book = exports.export_xlsx(corpus["admin"], "scenarios")
    assert name.startswith("keting-scenarios-") and name.endswith(".xlsx")
    header, *rows = _rows(book)
    assert header[:3] == ["ID", "标题", "状态"]
    row = next(r for r in rows if r[1] == "即墨胎面检测")
    published = row[header.index("发布时间")]
    assert published == datetime(2026, 12, 1, 0, 30)  # a real date, in Beijing time
    assert row[header.index("预算上限（元）")] == 500000  # a number, not text


def test_the_xlsx_headers_follow_the_readers_language(corpus):
    with force_locale("en"):
        _name, book = exports.export_xlsx(corpus["admin"], "vendors")
    header = _rows(book)[0]
    assert header[:3] == ["ID", "Organization", "English name"]


def test_formulas_are_defused_in_the_xlsx_as_in_the_csv(corpus):
    _name, book = exports.export_xlsx(corpus["admin"], "scenarios")
    loaded = load_workbook(book)  # not read-only: data types are visible
    sheet = loaded.worksheets[0]
    cells = [c for c in sheet["B"] if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert [c.value for c in cells] == ['\'=HYPERLINK("http://x")'] and cells[0].data_type == "s"
    csv_rows = _csv(exports.export_csv(corpus["admin"], "scenarios")[1])
    assert '\'=HYPERLINK("http://x")' in {r["title"] for r in csv_rows}


def test_both_formats_keep_the_review_lists_filters(corpus):
    where = exports.ExportFilter(district="jimo")
    titles_xlsx = {r[1] for r in _rows(exports.export_xlsx(corpus["admin"], "scenarios", where)[1])[1:]}
    titles_csv = {r["title"] for r in _csv(exports.export_csv(corpus["admin"], "scenarios", where)[1])}
    assert titles_xlsx == titles_csv == {"即墨胎面检测", "即墨待审场景"}
    live_in_jimo = exports.ExportFilter(district="jimo", status="published")
    assert {r["title"] for r in _csv(exports.export_csv(corpus["admin"], "scenarios", live_in_jimo)[1])} == {
        "即墨胎面检测"
    }
    batch = exports.ExportFilter(batch="2026 清单")
    assert [r["title"] for r in _csv(exports.export_csv(corpus["admin"], "scenarios", batch)[1])] == ["即墨待审场景"]
    # Matches follow the scenarios the filter keeps; a scenario-only filter keeps no vendor.
    matches = _csv(exports.export_csv(corpus["admin"], "matches", where)[1], "matches")
    assert {r["scenario_title"] for r in matches} == {"即墨胎面检测", "即墨待审场景"}
    assert _csv(exports.export_csv(corpus["admin"], "vendors", batch)[1]) == []
    # No filter: everything, as before.
    assert len(_csv(exports.export_csv(corpus["admin"], "scenarios")[1])) == 3


def test_each_download_is_audited_with_its_format_and_filter(corpus):
    exports.export_xlsx(corpus["admin"], "funnel", exports.ExportFilter(district="jimo"))
    entry = db.session.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
    assert entry.action == "export.download"
    assert entry.after == {"kind": "funnel", "format": "xlsx", "filter": {"district": "jimo"}}


def test_only_admins_export(corpus):
    with pytest.raises(PermissionDenied):
        exports.export_xlsx(make_user("enterprise"), "scenarios")


def test_control_characters_that_xlsx_cannot_hold_are_dropped(corpus):
    corpus["s1"].contact = "王工\x0b 138\x1f"  # NUL cannot reach a PostgreSQL text column anyway
    db.session.commit()
    _name, book = exports.export_xlsx(corpus["admin"], "scenarios")
    header, *rows = _rows(book)
    assert (
        next(r for r in rows if r[1] == "即墨胎面检测")[
            header.index("Contact") if "Contact" in header else header.index("联系人")
        ]
        == "王工 138"
    )
