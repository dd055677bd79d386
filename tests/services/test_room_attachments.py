"""Room attachments: checked by their bytes, size-limited, stored locally or in S3, nothing kept when refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.extensions import db
from app.models import Message, RoomAttachment
from app.services import filetypes, rooms
from app.services.errors import InvalidInput, NotFound
from app.services.inputs import AttachmentInput, MessageInput
from app.storage import LocalStorage, S3Storage, StorageError, make_storage
from tests import samplefiles
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor


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


def _send(user, connection, name, data, body="请看附件"):
    return rooms.post_message(user, connection.id, MessageInput(body, attachment=AttachmentInput(name, data)))


@pytest.fixture(autouse=True)
def files(app, tmp_path):
    """Each test stores into its own folder, so what it finds there is what it stored."""
    previous = app.extensions.get("keting_storage")
    app.extensions["keting_storage"] = LocalStorage(tmp_path / "attachments")
    yield tmp_path / "attachments"
    app.extensions["keting_storage"] = previous


def _stored_files(folder) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


class FakeS3:
    """The three S3 calls the storage makes, kept in a dict, with S3's argument names."""

    def __init__(self):
        self.objects: dict[tuple[str, str], tuple[bytes, str]] = {}

    def put_object(self, *, Bucket, Key, Body, ContentType):
        self.objects[(Bucket, Key)] = (bytes(Body), ContentType)

    def get_object(self, *, Bucket, Key):
        if (Bucket, Key) not in self.objects:
            raise KeyError(Key)  # boto3 raises NoSuchKey; the storage turns any failure into StorageError
        return {"Body": io.BytesIO(self.objects[(Bucket, Key)][0])}

    def delete_object(self, *, Bucket, Key):
        self.objects.pop((Bucket, Key), None)


@pytest.fixture()
def s3(app):
    fake = FakeS3()
    previous = app.extensions.get("keting_storage")
    app.extensions["keting_storage"] = S3Storage(fake, "keting-files", "attachments/")
    yield fake
    app.extensions["keting_storage"] = previous


@pytest.mark.parametrize(
    "name, make, kind",
    [
        ("方案.pdf", samplefiles.pdf, "pdf"),
        ("现场.png", samplefiles.png, "png"),
        ("产线.JPG", samplefiles.jpeg, "jpeg"),
        ("缺陷.webp", samplefiles.webp, "webp"),
        ("报价.xlsx", samplefiles.xlsx, "xlsx"),
        ("方案.docx", lambda: samplefiles.ooxml("word/document.xml"), "docx"),
        ("介绍.pptx", lambda: samplefiles.ooxml("ppt/presentation.xml"), "pptx"),
        ("旧合同.doc", lambda: samplefiles.ole2({"WordDocument": b"w"}), "doc"),
        ("旧报价.xls", lambda: samplefiles.ole2({"Workbook": b"b"}), "xls"),
        ("旧介绍.ppt", lambda: samplefiles.ole2({"PowerPoint Document": b"p", "Current User": b"u"}), "ppt"),
    ],
)
def test_each_accepted_type_is_stored_with_the_type_its_bytes_have(db, app, name, make, kind):
    boss, seller, connection = _room()
    data = make()
    message = _send(seller, connection, name, data)
    (attachment,) = message.attachments
    assert (attachment.kind, attachment.content_type) == (kind, filetypes.KINDS[kind].content_type)
    assert attachment.filename == name and attachment.size_bytes == len(data)
    got, stored = rooms.get_attachment(boss, connection.id, attachment.id)
    assert stored == data and got.id == attachment.id


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "not accepted"),
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, "not accepted"),  # the name does not make it a PDF
        ("page.html", b"<html><script>alert(1)</script></html>", "not accepted"),
        ("archive.docx", samplefiles.ooxml("readme.txt"), "not accepted"),  # a ZIP, but no Word document inside
        ("macro.docx", samplefiles.ooxml("word/document.xml", {"word/vbaProject.bin": b"x"}), "macros"),
        ("macro.xls", samplefiles.ole2({"Workbook": b"b", "_VBA_PROJECT_CUR": b"v"}), "macros"),
        ("cut.pdf", samplefiles.pdf()[:40], "damaged"),
        ("photo.pdf", samplefiles.png(), ".png"),  # a PNG named .pdf: told which extension its content has
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_refused_file_says_why_and_leaves_no_row_and_no_file(db, files, name, data, words):
    _boss, seller, connection = _room()
    with force_locale("en"), pytest.raises(InvalidInput) as caught:
        _send(seller, connection, name, data)
    assert caught.value.field == "attachment" and words in caught.value.message
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(RoomAttachment.id))) == 0
    assert _stored_files(files) == []


def test_the_size_limit_is_a_setting(db, app):
    _boss, seller, connection = _room()
    app.config["ATTACHMENT_MAX_BYTES"] = 1024
    try:
        with pytest.raises(InvalidInput) as caught:
            _send(seller, connection, "big.pdf", samplefiles.pdf() + b"%" * 2000 + b"\n%%EOF\n")
        assert "MB" in caught.value.message
        with pytest.raises(InvalidInput):
            rooms.post_message(
                seller,
                connection.id,
                MessageInput("x", attachment=AttachmentInput("big.pdf", samplefiles.pdf(), too_large=True)),
            )
        assert _send(seller, connection, "small.pdf", samplefiles.pdf()).attachments
    finally:
        app.config["ATTACHMENT_MAX_BYTES"] = 10 * 1024 * 1024


def test_names_are_cleaned_but_shown_as_uploaded(db):
    kind = filetypes.KINDS["pdf"]
    assert filetypes.clean_name("C:\\Users\\王工\\Desktop\\试点 方案（终版）.pdf", kind) == "试点 方案（终版）.pdf"
    assert filetypes.clean_name("../../etc/passwd.pdf", kind) == "passwd.pdf"
    assert filetypes.clean_name("report\u202egnp.pdf", kind) == "reportgnp.pdf"  # no right-to-left override
    assert filetypes.clean_name("line\r\nbreak.pdf", kind) == "linebreak.pdf"
    assert filetypes.clean_name("   ", kind) == "file.pdf"
    assert filetypes.clean_name("说明", kind) == "说明.pdf"
    long = filetypes.clean_name("长" * 300 + ".pdf", kind)
    assert len(long) == 120 and long.endswith(".pdf")


def test_a_file_without_words_shows_its_name_as_the_message(db):
    _boss, seller, connection = _room()
    message = _send(seller, connection, "报价.pdf", samplefiles.pdf(), body="  ")
    assert message.body == "报价.pdf"
    with pytest.raises(InvalidInput):
        rooms.post_message(seller, connection.id, MessageInput("  "))


def test_only_the_two_organizations_and_admins_can_download(db):
    boss, seller, connection = _room()
    attachment = _send(seller, connection, "方案.pdf", samplefiles.pdf()).attachments[0]
    for reader in (boss, seller, make_user("admin", organization=None)):
        assert rooms.get_attachment(reader, connection.id, attachment.id)[1] == samplefiles.pdf()
    with pytest.raises(NotFound):
        rooms.get_attachment(make_user("vendor"), connection.id, attachment.id)
    # An attachment id from another room is not reachable through this one.
    other = make_connection(
        make_intro_request(
            scenario=make_scenario(owner=boss.organization), vendor=seller.organization.vendor_profile, state="accepted"
        )
    )
    db.session.commit()
    with pytest.raises(NotFound):
        rooms.get_attachment(boss, other.id, attachment.id)


def test_the_s3_backend_keeps_the_bytes_under_the_prefix_with_the_type(db, s3):
    boss, seller, connection = _room()
    attachment = _send(seller, connection, "现场.png", samplefiles.png()).attachments[0]
    (((bucket, key), (data, content_type)),) = s3.objects.items()
    assert bucket == "keting-files" and key == "attachments/" + attachment.storage_key
    assert data == samplefiles.png() and content_type == "image/png"
    assert rooms.get_attachment(boss, connection.id, attachment.id)[1] == samplefiles.png()


def test_a_failed_commit_removes_the_file_it_stored(db, s3, monkeypatch):
    _boss, seller, connection = _room()

    def broken_notify(*args, **kwargs):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr(rooms.notifications, "notify", broken_notify)
    with pytest.raises(RuntimeError):
        _send(seller, connection, "现场.png", samplefiles.png())
    assert s3.objects == {} and db.session.scalar(sa.select(sa.func.count(RoomAttachment.id))) == 0


def test_storage_that_cannot_save_gives_a_clear_message_and_keeps_nothing(db, app, s3, monkeypatch):
    _boss, seller, connection = _room()

    def refuse(**kwargs):
        raise ConnectionError("bucket unreachable")

    monkeypatch.setattr(s3, "put_object", refuse)
    with pytest.raises(InvalidInput) as caught:
        _send(seller, connection, "现场.png", samplefiles.png())
    assert caught.value.field == "attachment"
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 0


def test_local_storage_refuses_keys_that_leave_its_folder(tmp_path):
    storage = LocalStorage(tmp_path / "files")
    storage.save("room-1/abc", b"data", "application/pdf")
    assert storage.load("room-1/abc") == b"data" and (tmp_path / "files/room-1/abc").stat().st_mode & 0o077 == 0
    for key in ("../outside", "/etc/passwd", "room-1/../../x"):
        with pytest.raises(ValueError):
            storage.save(key, b"x", "text/plain")
    storage.delete("room-1/abc")
    with pytest.raises(StorageError):
        storage.load("room-1/abc")


def test_the_storage_setting_picks_the_backend(tmp_path):
    assert isinstance(make_storage({"ATTACHMENT_STORAGE": "local", "ATTACHMENT_DIR": str(tmp_path)}), LocalStorage)
    with pytest.raises(RuntimeError, match="S3_BUCKET"):
        make_storage({"ATTACHMENT_STORAGE": "s3"})
    with pytest.raises(RuntimeError, match="local or s3"):
        make_storage({"ATTACHMENT_STORAGE": "ftp"})
    pytest.importorskip("boto3")
    made = make_storage(
        {
            "ATTACHMENT_STORAGE": "s3",
            "S3_BUCKET": "b",
            "S3_PREFIX": "p/",
            "S3_ENDPOINT_URL": "http://127.0.0.1:9",
            "S3_REGION": "cn-north-1",
        }
    )
    assert isinstance(made, S3Storage) and made.bucket == "b" and made.prefix == "p/"
