"""The export page and the review list's export links: XLSX beside CSV, with the list's filters."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from app.extensions import db
from tests.factories import make_scenario, make_user


def _world():
    make_scenario(title="即墨胎面检测", district="jimo")
    make_scenario(title="崂山能耗优化", district="laoshan")
    make_scenario(title="即墨待审场景", district="jimo", status="pending")
    admin = make_user("admin", organization=None)
    db.session.commit()
    return admin


def test_the_xlsx_download_keeps_the_filter_and_speaks_english_when_asked(client, login_as):
    login_as(_world())
    response = client.get("/admin/export/scenarios.xlsx?district=jimo&status=published&lang=en")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(load_workbook(io.BytesIO(response.data), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("ID", "Title") and [r[1] for r in rows[1:]] == ["即墨胎面检测"]


def test_the_export_page_carries_its_filter_into_both_downloads(client, login_as):
    login_as(_world())
    page = client.get("/admin/export?district=jimo&status=published&q=%E8%83%8E").get_data(as_text=True)
    assert "/admin/export/scenarios.xlsx?" in page and "/admin/export/scenarios.csv?" in page
    assert "district=jimo" in page and "status=published" in page and "q=%E8%83%8E" in page
    csv_text = client.get("/admin/export/scenarios.csv?district=jimo&status=published&q=%E8%83%8E").get_data(
        as_text=True
    )
    assert "即墨胎面检测" in csv_text and "崂山能耗优化" not in csv_text and "即墨待审场景" not in csv_text


def test_the_review_list_links_to_exports_of_what_it_shows(client, login_as):
    login_as(_world())
    page = client.get("/admin/review?status=published&district=laoshan&kind=scenario").get_data(as_text=True)
    assert "/admin/export/scenarios.xlsx?status=published&amp;district=laoshan" in page
    assert "/admin/export/vendors.xlsx" not in page  # the list shows scenarios only


def test_bad_filter_values_are_ignored_not_an_error(client, login_as):
    login_as(_world())
    response = client.get("/admin/export/scenarios.xlsx?status=%00evil&district=nowhere&flagged=maybe")
    assert response.status_code == 200


def test_only_admins_download(client, login_as):
    _world()
    login_as(make_user("enterprise"))
    assert client.get("/admin/export/scenarios.xlsx").status_code in (403, 404)
