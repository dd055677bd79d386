"""What a file really is, read from its bytes: the attachment types a room accepts, and safe display names.

The browser's MIME type and the file name are whatever the sender says, so neither decides. Each accepted
type is checked by its own structure, by hand, because the types are few and the checks short:
- PDF, PNG, JPEG, WebP: their signatures (and for PDF the end-of-file marker, for PNG the IHDR chunk, for
  WebP the VP8 chunk), which generic sniffers such as `filetype` also stop at;
- docx/xlsx/pptx: a ZIP whose [Content_Types].xml and main part (word/document.xml, xl/workbook.xml,
  ppt/presentation.xml) are present, read with zipfile (names only: nothing is unpacked). A sniffer that
  only peeks at the first bytes cannot tell a .docx from any other ZIP, nor spot macros; this can;
- doc/xls/ppt: an OLE2 compound file whose streams say which program wrote it (WordDocument, Workbook or
  Book, PowerPoint Document), read with `olefile`, the maintained parser for that container.
Files with macros (vbaProject.bin in an OOXML file, a Macros or _VBA_PROJECT_CUR storage in an OLE2 one)
are refused: a room has no need to pass runnable code between companies.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
NAME_MAX_CHARS = 120


@dataclass(frozen=True)
class FileKind:
    code: str  # pdf | png | jpeg | webp | docx | xlsx | pptx | doc | xls | ppt
    content_type: str
    extensions: tuple[str, ...]  # the first is the one added to a name that has none

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


KINDS = {
    k.code: k
    for k in (
        FileKind("pdf", "application/pdf", (".pdf",)),
        FileKind("png", "image/png", (".png",)),
        FileKind("jpeg", "image/jpeg", (".jpg", ".jpeg", ".jpe", ".jfif")),
        FileKind("webp", "image/webp", (".webp",)),
        FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
        FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
        FileKind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)),
        FileKind("doc", "application/msword", (".doc",)),
        FileKind("xls", "application/vnd.ms-excel", (".xls",)),
        FileKind("ppt", "application/vnd.ms-powerpoint", (".ppt",)),
    )
}
ACCEPTED_EXTENSIONS = tuple(ext for kind in KINDS.values() for ext in kind.extensions)


class UnsupportedFile(ValueError):
    """The bytes are none of the accepted types (reason: 'unknown' | 'macros' | 'damaged')."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _ooxml(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnsupportedFile("damaged") from error
    if "[Content_Types].xml" not in names:
        raise UnsupportedFile("unknown")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UnsupportedFile("macros")
    for part, code in (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx")):
        if part in names:
            return KINDS[code]
    raise UnsupportedFile("unknown")


def _ole2(data: bytes) -> FileKind:
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError) as error:  # olefile reports a broken container as OSError
        raise UnsupportedFile("damaged") from error
    top = {name.split("/", 1)[0] for name in streams}
    if top & {"macros", "_vba_project_cur", "vba"}:
        raise UnsupportedFile("macros")
    if "worddocument" in top:
        return KINDS["doc"]
    if "workbook" in top or "book" in top:
        return KINDS["xls"]
    if "powerpoint document" in top:
        return KINDS["ppt"]
    raise UnsupportedFile("unknown")


def detect(data: bytes) -> FileKind:
    """The accepted type these bytes are, or UnsupportedFile."""
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise UnsupportedFile("damaged")  # cut off in transfer: no reader would open it
        return KINDS["pdf"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        if data[12:16] != b"IHDR":
            raise UnsupportedFile("damaged")
        return KINDS["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        if data[12:16] not in (b"VP8 ", b"VP8L", b"VP8X"):
            raise UnsupportedFile("damaged")
        return KINDS["webp"]
    if data.startswith(ZIP_SIGNATURE):
        return _ooxml(data)
    if data.startswith(OLE2_SIGNATURE):
        return _ole2(data)
    raise UnsupportedFile("unknown")


def extension_of(name: str) -> str:
    match = re.search(r"\.[A-Za-z0-9]{1,8}$", name)
    return match.group(0).lower() if match else ""


def clean_name(raw: str, kind: FileKind) -> str:
    """The uploaded name as people will see it: its last path part, no control or invisible characters, at most
    120 characters with the extension kept; the type's own extension when it had none."""
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")  # controls, format marks (RLO)
    name = re.sub(r"\s+", " ", name).strip().strip(".").strip()
    if not name:
        name = "file"
    ext = extension_of(name)
    if not ext:
        name, ext = name, kind.extensions[0]
        name += ext
    if len(name) > NAME_MAX_CHARS:
        stem = name[: -len(ext)] if ext else name
        name = stem[: NAME_MAX_CHARS - len(ext)].rstrip() + ext
    return name
