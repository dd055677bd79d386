"""Attachments through the room page: upload, the error beside the field, and a download that is only a download."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Message, RoomAttachment
from app.storage import LocalStorage
from tests import samplefiles
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor
from tests.views.helpers import field_error


@pytest.fixture(autouse=True)
def files(app, tmp_path):
    previous = app.extensions.get("keting_storage")
    app.extensions["keting_storage"] = LocalStorage(tmp_path / "attachments")
    yield tmp_path / "attachments"
    app.extensions["keting_storage"] = previous


def _room():
    boss = make_user("enterprise", email="boss@tyre.example")
    scenario = make_scenario(owner=boss.organization, created_by=boss)
    profile = make_vendor(name="青视科技")
    seller = make_user("vendor", organization=profile.organization, email="seller@vision.example")
    connection = make_connection(
        make_intro_request(scenario=scenario, vendor=profile, requested_by=seller, responded_by=boss, state="accepted")
    )
    db.session.commit()
    return boss, seller, connection


def _upload(client, connection, name, data, body="请看报价"):
    return client.post(
        f"/rooms/{connection.id}/messages",
        content_type="multipart/form-data",
        data={"body": body, "attachment": (io.BytesIO(data), name, "application/octet-stream")},
    )


def test_a_file_is_sent_shown_under_its_message_and_downloaded_only_as_a_download(client, login_as, outbox):
    boss, seller, connection = _room()
    login_as(seller)
    workbook = samplefiles.xlsx()
    response = _upload(client, connection, "试点报价（终版）.xlsx", workbook)
    assert response.status_code == 302
    attachment = db.session.scalar(sa.select(RoomAttachment))
    assert "[试点报价（终版）.xlsx]" in outbox[-1].body  # the other side's email names the file
    login_as(boss)
    page = client.get(f"/rooms/{connection.id}").get_data(as_text=True)
    assert "试点报价（终版）.xlsx" in page and f"/rooms/{connection.id}/attachments/{attachment.id}" in page
    download = client.get(f"/rooms/{connection.id}/attachments/{attachment.id}")
    assert download.status_code == 200 and download.data == workbook
    assert download.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    assert "no-store" in download.headers["Cache-Control"]


def test_outsiders_and_visitors_cannot_download(client, login_as):
    _boss, seller, connection = _room()
    login_as(seller)
    _upload(client, connection, "方案.pdf", samplefiles.pdf())
    attachment = db.session.scalar(sa.select(RoomAttachment))
    login_as(make_user("vendor"))
    assert client.get(f"/rooms/{connection.id}/attachments/{attachment.id}").status_code == 404
    client.post("/logout")
    assert client.get(f"/rooms/{connection.id}/attachments/{attachment.id}").status_code in (302, 401, 404)


def test_a_bad_file_is_explained_beside_the_field_and_nothing_is_saved(client, login_as, files):
    _boss, seller, connection = _room()
    login_as(seller)
    response = _upload(client, connection, "报价.pdf", b"MZ\x90\x00this is a program")
    assert response.status_code == 422
    assert "不支持此类文件" in field_error(response, "attachment")
    assert "请看报价" in response.get_data(as_text=True)  # the words typed are kept
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 0
    assert not files.exists() or not any(p.is_file() for p in files.rglob("*"))


def test_neither_words_nor_a_file_asks_for_one_of_them(client, login_as):
    _boss, seller, connection = _room()
    login_as(seller)
    response = client.post(f"/rooms/{connection.id}/messages", data={"body": "  "})
    assert response.status_code == 422 and "请填写留言或添加附件" in field_error(response, "body")


def test_a_request_over_the_server_limit_gets_the_message_beside_the_field(client, login_as, app):
    _boss, seller, connection = _room()
    login_as(seller)
    previous = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 4096
    try:
        response = _upload(client, connection, "大文件.pdf", b"%PDF-" + b"0" * 8000)
    finally:
        app.config["MAX_CONTENT_LENGTH"] = previous
    assert response.status_code == 413
    assert "MB" in field_error(response, "attachment")
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 0


def test_the_form_accepts_files_and_names_the_types(client, login_as):
    _boss, seller, connection = _room()
    login_as(seller)
    page = client.get(f"/rooms/{connection.id}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page and ".docx" in page and "10 MB" in page


def test_sizes_read_the_same_way_in_both_languages(app):
    from flask_babel import force_locale

    from app.rooms.views import file_size

    with app.test_request_context(), force_locale("zh_Hans"):
        assert (file_size(125), file_size(4900), file_size(3 * 1048576)) == ("125 字节", "4.8 KB", "3.0 MB")
    with app.test_request_context(), force_locale("en"):
        assert (file_size(1), file_size(125)) == ("1 byte", "125 bytes")
