"""Bulk import of scenario lists from CSV and XLSX, in the shape a government list comes in.

Three steps, each a service call: `upload_import` checks the file without parsing a cell (size, kind, its
unpacked size and row count) and queues the read job (`run_read_job`), which reads the file once (CSV as
UTF-8, else GB18030; XLSX in openpyxl's streaming mode, merged cells filled in), stores its rows (ImportRow),
finds the header row and guesses which column is which;
`preview_import` stores the admin's column mapping and dry-runs every stored row (errors per row, nothing
written but the batch record); `start_import` queues a job that saves the valid rows in chunks
(`run_import_job`), each chunk committed with its matches, so a crash half-way can be retried.

Each imported scenario's external_ref is a hash of its normalised content, so importing the same file again
changes nothing, and two identical rows in one file are caught as duplicates.

A row's owner is found by normalised name among organizations an admin vouched for: verified ones, and the
placeholders earlier imports created (external_ref "import-org:..."). Any other owner gets a new unverified
placeholder. An unverified organization that signed up by itself is never matched by name: anyone can
register as "青岛XX有限公司" before the city's list is imported, and would otherwise receive its scenarios.
The dry run says for every owner which of these it will be.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from app import permissions
from app.extensions import db, execute_dml
from app.models import (
    DISTRICTS,
    IMPORT_FIELDS,
    MAX_BUDGET,
    MAX_DESCRIPTION_CHARS,
    Capability,
    ImportBatch,
    ImportRow,
    Industry,
    Job,
    Organization,
    Scenario,
    User,
)
from app.models.taxonomy import TaxonomyModel
from app.services import audit
from app.services.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from app.services.pagination import Page, paginate
from app.services.text import check_text, detect_language, parse_amount

TITLE_MAX_CHARS = 120
OWNER_MAX_CHARS = 200
CONTACT_MAX_CHARS = 200
LABEL_MAX_CHARS = 100
HEADER_SCAN_ROWS = 15
PREVIEW_SAMPLE = 20
PREVIEW_OWNERS = 300  # owners listed in the dry run (all are counted)
CHUNK = 500
REF_PREFIX = "import:"
ORG_REF_PREFIX = "import-org:"

# Header names seen in city and district lists, in Chinese and English, normalised as _key() does.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "serial": (
        "序号",
        "编号",
        "序",
        "项目编号",
        "场景编号",
        "no",
        "no.",
        "#",
        "serial",
        "serialnumber",
        "number",
        "id",
    ),
    "title": (
        "场景名称",
        "应用场景名称",
        "场景",
        "应用场景",
        "名称",
        "项目名称",
        "需求名称",
        "场景标题",
        "标题",
        "title",
        "scenario",
        "scenarioname",
        "scenariotitle",
        "name",
    ),
    "owner": (
        "需求单位",
        "需求单位名称",
        "需求企业",
        "单位名称",
        "企业名称",
        "发布单位",
        "申报单位",
        "场景提供单位",
        "提出单位",
        "所属企业",
        "单位",
        "企业",
        "owner",
        "ownerorganization",
        "organization",
        "organisation",
        "company",
        "enterprise",
        "owner organization",
    ),
    "industry": ("所属行业", "行业", "行业领域", "所属领域", "领域", "行业分类", "industry", "sector"),
    "description": (
        "场景描述",
        "需求描述",
        "场景简介",
        "场景内容",
        "需求内容",
        "具体需求",
        "描述",
        "简介",
        "内容",
        "建设内容",
        "description",
        "details",
        "problem",
        "scenariodescription",
    ),
    "contact": (
        "联系人",
        "联系方式",
        "联系人及电话",
        "联系人及联系方式",
        "联系电话",
        "负责人",
        "contact",
        "contactperson",
        "contactname",
    ),
    "district": (
        "所在区市",
        "所属区市",
        "区市",
        "所在区",
        "所在区域",
        "区域",
        "所属区域",
        "地区",
        "区县",
        "district",
        "area",
        "location",
        "region",
    ),
    "budget": (
        "预算",
        "项目预算",
        "预算金额",
        "预算万元",
        "预计投资",
        "投资额",
        "投资金额",
        "拟投入资金",
        "拟投资金额",
        "budget",
        "budgetcny",
        "budgetyuan",
        "estimatedbudget",
    ),
    "capabilities": (
        "所需能力",
        "能力需求",
        "技术需求",
        "技术方向",
        "技术领域",
        "所需技术",
        "ai能力",
        "人工智能技术",
        "capabilities",
        "capability",
        "technologies",
        "technology",
        "aicapabilities",
    ),
    "data_available": (
        "数据情况",
        "数据基础",
        "现有数据",
        "可用数据",
        "数据条件",
        "数据资源",
        "dataavailable",
        "availabledata",
        "data",
    ),
}
_PUNCT = re.compile(r"[\s\-_/·、,，:：;；()（）\[\]【】*＊.。'\"“”‘’]+")
_CONTROL = {
    *range(0, 9),
    11,
    12,
    *range(14, 32),
    127,
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    0x2060,
    0xFEFF,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
}
_CONTROL_TABLE = {cp: None for cp in _CONTROL}


def _now() -> datetime:
    return datetime.now(UTC)


def _require(actor: Any) -> None:
    if not permissions.can_import_scenarios(actor):
        raise PermissionDenied(_("Only admins import scenarios."))


def _key(text: str) -> str:
    """A lookup key: width and case folded, spaces and punctuation gone (「 所属行业 」 == 所属行业)."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or "").lower())


def clean_cell(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, dates as ISO, no invisible characters, trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    text = unicodedata.normalize("NFC", str(value)).translate(_CONTROL_TABLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u3000", " ")
    return "\n".join(line.strip() for line in text.strip().split("\n")).strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Reading the file -------------------------------------------------------------------------------------


@dataclass
class Table:
    kind: str  # csv | xlsx
    rows: list[list[str]]  # cleaned cells; rows[i] is sheet row i + 1
    encoding: str | None = None
    sheet: str | None = None


def decode_csv(content: bytes) -> tuple[str, str]:
    """The text and the encoding that read it: UTF-8 (with or without BOM) first, then GB18030 (GBK's superset)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InvalidInput(
        _(
            "This CSV file is neither UTF-8 nor GBK/GB18030 text. Save it from Excel as "
            "“CSV UTF-8” and upload it again."
        ),
        field="file",
    )


def _too_many_rows(rows: int, max_rows: int, sheet: str | None = None) -> InvalidInput:
    if sheet:
        return InvalidInput(
            _(
                "The sheet “%(sheet)s” has %(rows)s rows; at most %(max)s can be imported at once. Split the file.",
                sheet=sheet,
                rows=rows,
                max=max_rows,
            ),
            field="file",
        )
    return InvalidInput(
        _(
            "The file has %(rows)s rows; at most %(max)s can be imported at once. Split the file.",
            rows=rows,
            max=max_rows,
        ),
        field="file",
    )


REPORT_EVERY = 1000  # rows between two progress reports while reading


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def count_csv_rows(text: str, max_rows: int) -> int:
    """The CSV's rows without cleaning a cell (20,000 rows in some milliseconds); raises past max_rows."""
    limit = max_rows + HEADER_SCAN_ROWS
    count = 0
    try:
        for count, _row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)), 1):
            if count > limit:
                raise _too_many_rows(len(text.splitlines()), max_rows)
    except csv.Error:
        pass  # the read job says what is wrong, with the line
    return count


def read_csv(content: bytes, max_rows: int, on_rows: Callable[[int], None] | None = None) -> Table:
    text, encoding = decode_csv(content)
    delimiter = _delimiter(text)
    limit = max_rows + HEADER_SCAN_ROWS
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append([clean_cell(c) for c in row])
            if len(rows) > limit:  # stop reading: the answer is already "too long"
                raise _too_many_rows(len(text.splitlines()), max_rows)
            if on_rows is not None and len(rows) % REPORT_EVERY == 0:
                on_rows(len(rows))
    except csv.Error as exc:
        raise InvalidInput(_("This CSV file could not be read: %(error)s", error=str(exc)), field="file") from exc
    return Table("csv", rows, encoding=encoding)


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_MERGE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?ref=\"([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})\"")


def _not_a_workbook() -> InvalidInput:
    return InvalidInput(
        _(
            "This file could not be opened as an Excel workbook (.xlsx). Open it in Excel or WPS, "
            "save it as .xlsx and upload it again."
        ),
        field="file",
    )


def check_archive(content: bytes, max_unpacked: int) -> zipfile.ZipFile:
    """Open the .xlsx as a zip and refuse it before any parsing when it would unpack to more than max_unpacked.

    The sizes come from the zip's directory, and zipfile never inflates a member past its declared size (it
    fails the CRC instead), so a zip bomb is refused from its 1 KB directory, not after inflating 200 MB.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _not_a_workbook() from exc
    unpacked = sum(i.file_size for i in infos)
    if unpacked > max_unpacked or len(infos) > 10_000:
        raise InvalidInput(
            _(
                "This workbook unpacks to %(size)s MB; at most %(max)s MB can be read. Save only the "
                "sheet with the list, without pictures, and upload it again.",
                size="%.0f" % (unpacked / 1048576),
                max="%g" % (max_unpacked / 1048576),
            ),
            field="file",
        )
    return archive


_DIMENSION = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?ref=\"[A-Z]{1,3}[0-9]{1,7}:?[A-Z]{0,3}([0-9]{0,7})\""
)


def scan_sheet(archive: zipfile.ZipFile, member: str, limit: int) -> tuple[int, list[str]]:
    """(row count, merged ranges) of a sheet's XML by a byte scan, without building any cell.

    Stops as soon as the sheet's <dimension> or the rows counted so far pass limit (the count returned is
    then the declared size, or a lower bound).
    """
    rows, merges, tail, first = 0, [], b"", True
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            if first:
                first = False
                declared = _DIMENSION.search(data[:4096])
                if declared and declared.group(1) and int(declared.group(1)) > limit:
                    return int(declared.group(1)), []
            keep = len(tail)
            rows += sum(1 for m in _ROW_TAG.finditer(data) if m.end() > keep)
            if rows > limit:
                return rows, []
            merges += [m.group(1).decode() for m in _MERGE_TAG.finditer(data) if m.end() > keep]
            tail = data[-200:]
    return rows, merges


def _fill_merges(grid: list[list[str]], width: int, merges: list[str]) -> None:
    """Merged cells carry their value into every cell they cover, as the reader of the sheet sees it."""
    from openpyxl.utils.cell import range_boundaries

    for ref in merges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_col is None or min_row is None or max_col is None or max_row is None:
            continue  # a whole-row or whole-column range: no sheet merges those
        if min_row > len(grid):
            continue
        value = grid[min_row - 1][min_col - 1] if min_col - 1 < width else ""
        for r in range(min_row - 1, min(max_row, len(grid))):
            for c in range(min_col - 1, min(max_col, width)):
                grid[r][c] = value


def scan_xlsx(
    content: bytes, max_rows: int, max_unpacked: int | None = None
) -> tuple[zipfile.ZipFile, dict[str, list[str]], int]:
    """(the archive, each sheet's merged ranges, the rows of all sheets) before any cell is parsed.

    Refuses a zip bomb (check_archive) and a sheet longer than max_rows from bytes alone, in well under a
    second, so the upload request can answer at once and leave the parsing to the read job.
    """
    if max_unpacked is None:
        max_unpacked = current_app.config["IMPORT_MAX_UNPACKED_BYTES"]
    archive = check_archive(content, max_unpacked)
    limit = max_rows + HEADER_SCAN_ROWS
    # Every sheet's size from its own XML, before openpyxl reads anything (even the shared strings).
    scans: dict[str, list[str]] = {}
    rows = 0
    try:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                counted, scans[member] = scan_sheet(archive, member, limit)
                if counted > limit:
                    raise InvalidInput(
                        _(
                            "The file has more than %(max)s rows; at most %(max)s can be imported at "
                            "once. Split the file.",
                            max=max_rows,
                        ),
                        field="file",
                    )
                rows += counted
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, NotImplementedError) as exc:
        archive.close()
        raise _not_a_workbook() from exc
    except InvalidInput:
        archive.close()
        raise
    return archive, scans, rows


def read_xlsx(
    content: bytes, max_rows: int, max_unpacked: int | None = None, on_rows: Callable[[int], None] | None = None
) -> Table:
    """The sheet with the most recognisable header, read in openpyxl's streaming read-only mode.

    Before any cell is parsed: the unpacked size (check_archive), then each sheet's row count from its
    dimension and from a byte scan of its XML. Merged cells carry their value into every cell they cover.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    archive, scans, _rows = scan_xlsx(content, max_rows, max_unpacked)
    limit = max_rows + HEADER_SCAN_ROWS
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        archive.close()
        raise _not_a_workbook() from exc
    best: Table | None = None
    read = 0
    best_score = -1
    try:
        sheets = [ws for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        for ws in sheets:
            grid: list[list[str]] = []
            try:
                for row in ws.iter_rows(values_only=True):
                    grid.append([clean_cell(v) for v in row])
                    if len(grid) > limit:  # a sheet that hid its size from both checks
                        raise _too_many_rows(len(grid), max_rows, ws.title)
                    read += 1
                    if on_rows is not None and read % REPORT_EVERY == 0:
                        on_rows(read)
            except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
                raise _not_a_workbook() from exc
            while grid and not any(grid[-1]):
                grid.pop()
            width = max((len(r) for r in grid), default=0)
            grid = [r + [""] * (width - len(r)) for r in grid]
            _fill_merges(grid, width, scans.get(str(getattr(ws, "_worksheet_path", "")).lstrip("/"), []))
            score = find_header(grid)[1] if grid else 0
            if score > best_score:
                best, best_score = Table("xlsx", grid, sheet=ws.title[:100]), score
    finally:
        workbook.close()
        archive.close()
    if best is None:
        raise InvalidInput(_("The workbook has no visible sheet with data."), field="file")
    return best


# Finding the header and guessing the mapping ----------------------------------------------------------


def field_for_header(text: str) -> str | None:
    """Which import field a header names, if any: an exact alias, or a short header that contains one."""
    key = _key(text)
    if not key:
        return None
    for name, aliases in HEADER_ALIASES.items():
        if key in {_key(a) for a in aliases}:
            return name
    # 场景名称（必填） or 需求单位全称: a known alias inside a short header. Long cells are titles or notes.
    if len(key) <= 12:
        for name, aliases in HEADER_ALIASES.items():
            if any(len(_key(a)) >= 2 and _key(a) in key for a in aliases):
                return name
    return None


def find_header(rows: list[list[str]]) -> tuple[int, int]:
    """(index of the header row, how many fields it names); the first non-empty row when none looks like one."""
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = {f for f in (field_for_header(c) for c in row) if f}
        if len(fields) > best_score:
            best, best_score = i, len(fields)
    if best is None or best_score < 2:
        first = next((i for i, r in enumerate(rows) if any(c for c in r)), 0)
        return first, best_score
    return best, best_score


def _is_second_header(rows: list[list[str]], header_index: int) -> bool:
    """Whether the row under the header names the same fields again (a header in a second language)."""
    if header_index + 1 >= len(rows):
        return False
    cells = [c for c in rows[header_index + 1] if c]
    named = [f for f in (field_for_header(c) for c in cells) if f]
    return len(named) >= 2 and len(named) >= 0.8 * len(cells)


def column_name(index: int) -> str:
    """Spreadsheet letters for a 0-based column: 0 -> A, 27 -> AB."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def header_names(rows: list[list[str]], header_index: int) -> list[str]:
    """One name per column: the header row's cell, or the cell above it under a two-row header."""
    header = rows[header_index]
    above = rows[header_index - 1] if header_index > 0 else []
    names = []
    for c, cell in enumerate(header):
        name = cell or (above[c] if c < len(above) else "")
        names.append(_one_line(name))
    return names


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """field -> column index, each column used once, exact alias matches before partial ones."""
    mapping: dict[str, int | None] = {f: None for f in IMPORT_FIELDS}
    used: set[int] = set()
    for exact in (True, False):
        for c, header in enumerate(headers):
            if c in used:
                continue
            key = _key(header)
            name = None
            if exact:
                name = next((f for f, aliases in HEADER_ALIASES.items() if key in {_key(a) for a in aliases}), None)
            else:
                name = field_for_header(header)
            if name and mapping.get(name) is None:
                mapping[name] = c
                used.add(c)
    return mapping


# Upload -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadInput:
    filename: str
    content: bytes
    label: str = ""
    publish: bool = True


def _read(kind: str, content: bytes, on_rows: Callable[[int], None] | None = None) -> Table:
    if kind == "csv":
        return read_csv(content, current_app.config["IMPORT_MAX_ROWS"], on_rows)
    return read_xlsx(content, current_app.config["IMPORT_MAX_ROWS"], on_rows=on_rows)


def _kind_of(filename: str, content: bytes) -> str:
    ext = os.path.splitext(filename.lower())[1]
    if ext == ".xls" or content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InvalidInput(
            _("Old Excel files (.xls) cannot be read. Save the sheet as .xlsx or as CSV and upload that."), field="file"
        )
    if ext in (".xlsx", ".xlsm") or content[:4] == b"PK\x03\x04":
        return "xlsx"
    if ext in (".csv", ".txt", ".tsv"):
        return "csv"
    raise InvalidInput(_("Upload a .csv or .xlsx file."), field="file")


def _precheck(kind: str, content: bytes) -> tuple[int, str | None]:
    """What the upload request can refuse in well under a second, without parsing a cell: (rows at most, the
    CSV's encoding). Zip bombs and over-long sheets are refused from bytes; the read job finds the rest."""
    if kind == "csv":
        text, encoding = decode_csv(content)
        return count_csv_rows(text, current_app.config["IMPORT_MAX_ROWS"]), encoding
    archive, _scans, rows = scan_xlsx(content, current_app.config["IMPORT_MAX_ROWS"])
    archive.close()
    return rows, None


def upload_import(actor: User, data: UploadInput, then_check: bool = False) -> ImportBatch:
    """Keep an uploaded list for the read job and queue that job; commit. The request only runs the checks
    that need no parsing (size, kind, zip bomb, row count, CSV encoding): reading 20,000 rows takes seconds.

    The job (`run_read_job`) stores the rows, finds the header and guesses the columns; with then_check (the
    API) it then queues the dry run with the guessed columns.
    """
    from app.services import jobs

    _require(actor)
    limit = current_app.config["IMPORT_MAX_BYTES"]
    if not data.content:
        raise InvalidInput(_("The file is empty."), field="file")
    if len(data.content) > limit:
        size, most = "%.1f" % (len(data.content) / 1048576), "%g" % (limit / 1048576)
        raise InvalidInput(
            _(
                "The file is %(size)s MB; files up to %(max)s MB can be imported. Split it, or remove "
                "pictures and other sheets.",
                size=size,
                max=most,
            ),
            field="file",
        )
    filename = os.path.basename((data.filename or "").replace("\\", "/"))[:255] or "upload"
    kind = _kind_of(filename, data.content)
    rows, encoding = _precheck(kind, data.content)
    label = _one_line(data.label) or None  # never the file name: that may be internal and shows publicly
    if label:
        check_text(label, "label", LABEL_MAX_CHARS)
    batch = ImportBatch(
        created_by_id=actor.id,
        filename=filename,
        file_sha256=hashlib.sha256(data.content).hexdigest(),
        file_kind=kind,
        encoding=encoding,
        label=label[:LABEL_MAX_CHARS] if label else None,
        publish=data.publish,
        headers=[],
        header_rows=[],
        mapping={},
        status="reading",
        preview={},
        content=data.content,
    )
    db.session.add(batch)
    db.session.flush()
    audit.record(
        actor,
        "import.upload",
        "import_batch",
        batch.id,
        filename,
        after={"sha256": batch.file_sha256, "kind": kind, "encoding": encoding, "bytes": len(data.content)},
    )
    job = jobs.create_job(
        "import_read", actor, import_batch_id=batch.id, total=rows, checkpoint={"then_check": bool(then_check)}
    )
    db.session.commit()
    batch_id = batch.id
    jobs.enqueue(job.id)
    db.session.expire_all()
    return get_batch(actor, batch_id)


def _unreadable(batch: ImportBatch, error: InvalidInput) -> InvalidInput:
    """The file itself is at fault: drop its bytes and mark the batch, committed (the job records the message)."""
    db.session.rollback()
    db.session.execute(
        sa.update(ImportBatch)
        .where(ImportBatch.id == batch.id)
        .values(status="unreadable", content=None, updated_at=_now())
    )
    db.session.commit()
    return error


def run_read_job(job: Job, actor: User | None, progress: Any) -> dict[str, Any]:
    """Read the uploaded file kept on the batch: store its rows, find the header, guess the columns.

    The rows, the header and the batch's move to uploaded are committed together, so a read that fails half-way
    leaves no rows. A file that cannot be imported (no header, too many rows, not a workbook) ends the batch as
    unreadable with the job's message; any other failure keeps the bytes, so the job can be retried.
    """
    batch = db.session.get(ImportBatch, job.import_batch_id)
    if batch is None:
        raise InvalidInput(_("No such import."))
    if batch.status != "reading" or batch.content is None:
        raise InvalidInput(_("This file is no longer kept; upload it again."))
    content, kind = batch.content, batch.file_kind
    progress.step(0, job.total, stage="reading")  # commits the job row alone: nothing else is in the session

    def on_rows(read: int) -> None:
        progress.step(read, max(job.total, read))

    try:
        table = _read(kind, content, on_rows)
        rows = table.rows
        data_rows = sum(1 for r in rows if any(r))
        if data_rows < 2:
            raise InvalidInput(
                _(
                    "No rows found under a header. The first rows should name the columns "
                    "(序号, 场景名称, 需求单位 ...)."
                ),
                field="file",
            )
        if data_rows > current_app.config["IMPORT_MAX_ROWS"] + HEADER_SCAN_ROWS:
            raise InvalidInput(
                _(
                    "The file has %(rows)s rows; at most %(max)s can be imported at once. Split the file.",
                    rows=data_rows,
                    max=current_app.config["IMPORT_MAX_ROWS"],
                ),
                field="file",
            )
    except InvalidInput as error:
        raise _unreadable(batch, error) from None
    header_index, _score = find_header(rows)
    header_lines = [header_index + 1]
    if _is_second_header(rows, header_index):  # the template's English header under the Chinese one
        header_lines.append(header_index + 2)
    headers = header_names(rows, header_index)
    progress.step(len(rows), len(rows), stage="storing", commit=False)
    # The rows are parsed once, here; the batch page, the dry run and the import read them from the table.
    stored = [{"batch_id": batch.id, "line": i + 1, "cells": row} for i, row in enumerate(rows) if any(row)]
    for start in range(0, len(stored), 2000):
        db.session.execute(sa.insert(ImportRow), stored[start : start + 2000])
    batch.encoding, batch.sheet = table.encoding, table.sheet
    batch.headers, batch.header_rows, batch.mapping = headers, header_lines, guess_mapping(headers)
    batch.rows_total = sum(1 for r in rows[header_lines[-1] :] if any(r))
    batch.status, batch.content = "uploaded", None
    progress.step(len(rows), len(rows), stage="done", commit=False)  # run_job commits it all at once
    return {
        "batch_id": batch.id,
        "rows": batch.rows_total,
        "sheet": table.sheet,
        "encoding": table.encoding,
        "header_rows": header_lines,
    }


def after_read_job(job: Job, actor: User | None) -> None:
    """Once the rows are stored: the dry run with the guessed columns, when the upload asked for it (the API).

    A guess that misses a required column leaves the batch uploaded, for the admin to map by hand."""
    if not (job.checkpoint or {}).get("then_check") or actor is None:
        return
    batch = db.session.get(ImportBatch, job.import_batch_id)
    if batch is None or batch.status != "uploaded":
        return
    try:
        preview_import(
            actor,
            batch.id,
            MappingInput(mapping=dict(batch.mapping or {}), label=batch.label or "", publish=batch.publish),
        )
    except DomainError:
        db.session.rollback()


def get_batch(actor: User, batch_id: int) -> ImportBatch:
    _require(actor)
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound(_("No such import."))
    return batch


def batches(actor: User, page: int = 1, per_page: int = 20) -> Page[ImportBatch]:
    _require(actor)
    return paginate(sa.select(ImportBatch).order_by(ImportBatch.id.desc()), page, per_page)


def earlier_imports_of_file(batch: ImportBatch) -> list[ImportBatch]:
    """Earlier batches of the very same file that were imported (re-importing them changes nothing)."""
    return list(
        db.session.scalars(
            sa.select(ImportBatch)
            .where(
                ImportBatch.file_sha256 == batch.file_sha256,
                ImportBatch.id != batch.id,
                ImportBatch.status == "imported",
            )
            .order_by(ImportBatch.id)
        )
    )


def preview_is_stale(batch: ImportBatch) -> bool:
    """Whether another import ran after this batch's dry run, so its counts may no longer hold."""
    if batch.status != "mapped":
        return False
    later = db.session.scalar(
        sa.select(sa.func.count(ImportBatch.id)).where(
            ImportBatch.id != batch.id, ImportBatch.status == "imported", ImportBatch.imported_at > batch.updated_at
        )
    )
    return bool(later)


def sample_rows(batch: ImportBatch, n: int = 5) -> list[list[str]]:
    """The first few data rows under the header, to help the admin map columns (from the stored rows)."""
    header_line = (batch.header_rows or [1])[-1]
    return [
        list(cells)
        for cells in db.session.scalars(
            sa.select(ImportRow.cells)
            .where(ImportRow.batch_id == batch.id, ImportRow.line > header_line)
            .order_by(ImportRow.line)
            .limit(n)
        )
    ]


def stored_rows(batch: ImportBatch) -> list[list[str]]:
    """The batch's rows as the sheet had them: rows[i] is sheet row i + 1 (blank rows are empty lists)."""
    rows: list[list[str]] = []
    for line, cells in db.session.execute(
        sa.select(ImportRow.line, ImportRow.cells).where(ImportRow.batch_id == batch.id).order_by(ImportRow.line)
    ):
        rows.extend([] for _ in range(line - 1 - len(rows)))
        rows.append(list(cells))
    return rows


# Checking rows ----------------------------------------------------------------------------------------


@dataclass
class RowCheck:
    line: int  # the row number in the sheet, as Excel shows it
    serial: str
    values: dict[str, str]
    problems: list[dict[str, Any]] = field(default_factory=list)  # {"code", "params"}
    status: str = "new"  # new | unchanged | error
    ref: str = ""
    industry_id: int | None = None
    district: str | None = None
    owner_key: str = ""
    owner: OwnerChoice | None = None  # set for rows with an owner
    budget_min: int | None = None
    budget_max: int | None = None
    capability_ids: list[int] = field(default_factory=list)

    def problem(self, code: str, **params: Any) -> None:
        self.problems.append({"code": code, "params": params})
        self.status = "error"


@dataclass
class Lookups:
    industries: dict[str, Industry]  # lookup key -> node
    industry_words: dict[str, str]  # lookup key -> display word, for suggestions
    refs: set[str]  # external_refs already in the database
    existing: dict[tuple[str, int], tuple[int, str]]  # (title key, owner id) -> (scenario id, title)
    organizations: dict[str, Organization]  # owner key -> verified enterprise or earlier import's placeholder
    placeholders: dict[str, Organization] = field(default_factory=dict)  # external_ref -> earlier placeholder
    namesakes: set[str] = field(default_factory=set)  # owner keys of self-registered unverified enterprises
    capabilities: dict[str, Capability] = field(default_factory=dict)  # lookup key -> capability
    capability_words: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OwnerChoice:
    """Which organization an imported row will belong to."""

    kind: str  # verified: an existing verified organization | placeholder: an earlier import's | new
    organization_id: int | None
    organization_name: str | None
    namesake: bool  # an unverified organization that signed up by itself has this name (and is not used)


def placeholder_ref(owner_key: str) -> str:
    """The external_ref of the placeholder organization an import creates for an owner name."""
    return ORG_REF_PREFIX + hashlib.sha256(owner_key.encode("utf-8")).hexdigest()[:40]


def is_import_placeholder(org: Organization) -> bool:
    return bool(org.external_ref and org.external_ref.startswith(ORG_REF_PREFIX))


def owner_org(owner_key: str, lookups: Lookups) -> Organization | None:
    """The existing organization rows with this owner name go to: verified, or an earlier import's placeholder."""
    return lookups.organizations.get(owner_key) or lookups.placeholders.get(placeholder_ref(owner_key))


def choose_owner(owner_key: str, lookups: Lookups) -> OwnerChoice:
    org = owner_org(owner_key, lookups)
    namesake = owner_key in lookups.namesakes
    if org is None:
        return OwnerChoice("new", None, None, namesake)
    return OwnerChoice("verified" if org.verified else "placeholder", org.id, org.name, namesake)


def _industry_lookups(model: TaxonomyModel = Industry) -> tuple[dict[str, Any], dict[str, str]]:
    nodes: dict[str, Any] = {}
    words: dict[str, str] = {}
    for node in db.session.scalars(sa.select(model).order_by(model.position, model.id)):
        for word in [node.code, node.name_zh, node.name_en, *(node.synonyms_zh or []), *(node.synonyms_en or [])]:
            key = _key(word)
            if key and key not in nodes:
                nodes[key] = node
                words[key] = word
    return nodes, words


def _load_lookups() -> Lookups:
    industries, words = _industry_lookups()
    refs = {
        ref
        for ref in db.session.scalars(
            sa.select(Scenario.external_ref).where(Scenario.external_ref.like(f"{REF_PREFIX}%"))
        )
        if ref is not None
    }
    existing: dict[tuple[str, int], tuple[int, str]] = {}
    for sid, title, owner_id in db.session.execute(
        sa.select(Scenario.id, Scenario.title, Scenario.owner_id)
        .where(Scenario.status != "merged")
        .order_by(Scenario.id)
    ):
        existing.setdefault((_key(title), owner_id), (sid, title))
    organizations: dict[str, Organization] = {}
    placeholders: dict[str, Organization] = {}
    namesakes: set[str] = set()
    # Verified first, so a verified organization wins over a placeholder of the same name.
    for org in db.session.scalars(
        sa.select(Organization)
        .where(Organization.kind == "enterprise")
        .order_by(Organization.verified.desc(), Organization.id)
    ):
        if org.verified or is_import_placeholder(org):
            organizations.setdefault(_key(org.name), org)
            if is_import_placeholder(org) and org.external_ref:
                placeholders[org.external_ref] = org
        else:
            namesakes.add(_key(org.name))
    capabilities, capability_words = _industry_lookups(Capability)
    return Lookups(
        industries, words, refs, existing, organizations, placeholders, namesakes, capabilities, capability_words
    )


_DISTRICT_KEYS: dict[str, str] = {}


def _district_keys() -> dict[str, str]:
    if not _DISTRICT_KEYS:
        for code, (zh, en) in DISTRICTS.items():
            core_zh = re.sub(r"[（(].*[)）]", "", zh)
            variants = {code, zh, en, core_zh, en.replace(" District", ""), re.sub(r"(新区|区|市)$", "", core_zh)}
            for inner in re.findall(r"[（(](.*?)[)）]", zh):  # 西海岸新区（黄岛区）: 黄岛区 and 黄岛 too
                variants |= {inner, re.sub(r"(区|市)$", "", inner)}
            for v in variants:
                if _key(v):
                    _DISTRICT_KEYS[_key(v)] = code
    return _DISTRICT_KEYS


def resolve_district(text: str) -> tuple[str | None, str | None]:
    """(district code, None) for a recognised name, else (None, a suggestion or None)."""
    keys = _district_keys()
    key = _key(re.sub(r"^(山东省)?(青岛市)?", "", text.strip()))
    if key in keys:
        return keys[key], None
    for k, code in sorted(keys.items(), key=lambda kv: -len(kv[0])):
        if len(k) >= 2 and re.search(r"[\u4e00-\u9fff]", k) and k in key:
            return code, None
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.6)
    return None, (DISTRICTS[keys[close[0]]][0] if close else None)


def resolve_industry(text: str, lookups: Lookups) -> tuple[Industry | None, str | None]:
    """(industry, None) for a recognised name, code or synonym, also as the last part of "制造业-轮胎";
    else (None, the closest known word or None)."""
    key = _key(text)
    if key in lookups.industries:
        return lookups.industries[key], None
    for part in reversed([p for p in re.split(r"[-/>|、,，;；]+", text) if p.strip()]):
        if _key(part) in lookups.industries:
            return lookups.industries[_key(part)], None
    keys = list(lookups.industries)
    contained = sorted((k for k in keys if len(k) >= 2 and (k in key or key in k)), key=len, reverse=True)
    if contained:
        return None, lookups.industry_words[contained[0]]
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.5)
    return None, (lookups.industry_words[close[0]] if close else None)


_LIST_SPLIT = re.compile(r"[\n、,，;；/|]+")
_RANGE_SPLIT = re.compile(r"\s*(?:~|～|—|–|至|到|-(?=\s*\d))\s*")
_UNIT_AT_END = re.compile(r"(千|万|亿|[kKmM])\s*(?:元|CNY|RMB|yuan)?\s*$")


def resolve_capabilities(text: str, lookups: Lookups) -> tuple[list[Capability], list[tuple[str, str | None]]]:
    """(capabilities named in the cell, [(unknown name, suggestion)]): names, codes or synonyms, in 、 , ; / lists."""
    found: list[Capability] = []
    unknown: list[tuple[str, str | None]] = []
    for part in (p.strip() for p in _LIST_SPLIT.split(text or "")):
        if not part:
            continue
        node = lookups.capabilities.get(_key(part))
        if node is None:
            close = difflib.get_close_matches(_key(part), list(lookups.capabilities), n=1, cutoff=0.5)
            unknown.append((part, lookups.capability_words[close[0]] if close else None))
        elif node not in found:
            found.append(node)
    return found, unknown


def parse_budget(text: str, header: str = "") -> tuple[int | None, int | None]:
    """(min, max) in yuan from a budget cell: 50万, 1.2亿, 500k, 500000 元, or a range such as 50-100万.

    A plain number under a header that says 万元 (预算（万元）) is in 万. ValueError when unreadable.
    """
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if not raw:
        return None, None
    parts = [p for p in _RANGE_SPLIT.split(raw) if p.strip()]
    if not 1 <= len(parts) <= 2:
        raise ValueError(raw)
    default_unit = "万" if "万" in header else ("亿" if "亿" in header else "")
    unit_at_end = _UNIT_AT_END.search(parts[-1])
    values = []
    for part in parts:
        part = part.strip()
        if not _UNIT_AT_END.search(part):
            part += unit_at_end.group(1) if unit_at_end and len(parts) == 2 else default_unit
        value = parse_amount(part)
        if value is None or value < 0:
            raise ValueError(raw)
        values.append(value)
    low, high = values[0], values[-1]
    if low > high:
        raise ValueError(raw)
    return low, high


def row_ref(values: dict[str, str]) -> str:
    """The imported scenario's external_ref: a hash of the row's normalised content (the serial number aside)."""
    content = {f: _key(values.get(f, "")) for f in ("title", "owner", "industry", "description", "contact", "district")}
    # Fields added later count only when filled, so files imported before they existed keep their refs.
    content.update({f: _key(values[f]) for f in ("budget", "capabilities", "data_available") if values.get(f)})
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return REF_PREFIX + digest[:40]


def _text_problem(check: RowCheck, value: str, name: str, max_chars: int, single_line: bool) -> None:
    try:
        check_text(value, name, max_chars, single_line=single_line)
    except InvalidInput as error:
        if len(value) > max_chars:
            check.problem(f"{name}_too_long", chars=len(value), max=max_chars)
        else:
            check.problem("bad_text", column=name, message=error.message)


def check_rows(
    rows: list[list[str]], header_index: int, mapping: dict[str, int | None], lookups: Lookups
) -> list[RowCheck]:
    """Every non-blank row under the header, checked; nothing is written."""
    from app.services.scenarios import DATA_MAX_CHARS, MAX_CAPABILITIES

    mapping = {f: mapping.get(f) for f in IMPORT_FIELDS}
    header = rows[header_index] if header_index < len(rows) else []
    budget_column = mapping.get("budget")
    budget_header = header[budget_column] if budget_column is not None and budget_column < len(header) else ""
    out: list[RowCheck] = []
    seen_refs: dict[str, int] = {}
    seen_titles: dict[tuple[str, str], int] = {}
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not any(row):
            continue  # blank rows are common between sections; they are not errors
        values = {f: (row[c] if c is not None and c < len(row) else "") for f, c in mapping.items()}
        values = {
            f: (v if f in ("description", "data_available", "capabilities") else _one_line(v))
            for f, v in values.items()
        }
        serial = unicodedata.normalize("NFKC", values.get("serial", "")).strip()
        check = RowCheck(line=index + 1, serial=serial, values=values)
        title, owner, description = values.get("title", ""), values.get("owner", ""), values.get("description", "")
        if not title:
            check.problem("title_missing")
        else:
            _text_problem(check, title, "title", TITLE_MAX_CHARS, True)
        if not owner:
            check.problem("owner_missing")
        elif len(owner) > OWNER_MAX_CHARS:
            check.problem("owner_too_long", chars=len(owner), max=OWNER_MAX_CHARS)
        if not description:
            check.problem("description_missing")
        else:
            _text_problem(check, description, "description", MAX_DESCRIPTION_CHARS, False)
        if len(values.get("contact", "")) > CONTACT_MAX_CHARS:
            check.problem("contact_too_long", chars=len(values["contact"]), max=CONTACT_MAX_CHARS)
        if values.get("industry"):
            node, suggestion = resolve_industry(values["industry"], lookups)
            if node is None:
                check.problem("industry_unknown", value=values["industry"], suggestion=suggestion)
            else:
                check.industry_id = node.id
        if values.get("district"):
            code, suggestion = resolve_district(values["district"])
            if code is None:
                check.problem("district_unknown", value=values["district"], suggestion=suggestion)
            else:
                check.district = code
        if values.get("budget"):
            try:
                check.budget_min, check.budget_max = parse_budget(values["budget"], budget_header)
            except ValueError:
                check.problem("budget_invalid", value=values["budget"][:40])
            else:
                if (check.budget_max or 0) > MAX_BUDGET:
                    check.problem("budget_too_high", value=values["budget"][:40])
        if values.get("capabilities"):
            nodes, unknown = resolve_capabilities(values["capabilities"], lookups)
            for name, suggestion in unknown[:3]:
                check.problem("capability_unknown", value=name[:40], suggestion=suggestion)
            if len(nodes) > MAX_CAPABILITIES:
                check.problem("too_many_capabilities", count=len(nodes), max=MAX_CAPABILITIES)
            check.capability_ids = [n.id for n in nodes]
        if values.get("data_available"):
            _text_problem(check, values["data_available"], "data_available", DATA_MAX_CHARS, False)
        check.owner_key = _key(owner)
        check.ref = row_ref(values)
        chosen = choose_owner(check.owner_key, lookups) if owner else None
        if chosen is not None:
            check.owner = chosen
        if title and chosen is not None:
            pair = (_key(title), check.owner_key)
            mine = (_key(title), chosen.organization_id)  # only the organization the row would go to
            if check.ref in seen_refs or pair in seen_titles:
                check.problem("duplicate_row", line=seen_refs.get(check.ref) or seen_titles[pair])
            elif check.ref in lookups.refs:
                if check.status != "error":
                    check.status = "unchanged"
            elif chosen.organization_id is not None and mine in lookups.existing:
                sid, existing_title = lookups.existing[mine]
                check.problem("duplicate_existing", id=sid, title=existing_title)
            seen_refs.setdefault(check.ref, check.line)
            seen_titles.setdefault(pair, check.line)
        out.append(check)
    return out


def problem_text(problem: dict[str, Any]) -> str:
    """A dry-run problem in the reader's language."""
    code, p = problem.get("code"), problem.get("params") or {}
    if code == "title_missing":
        return _("The title is missing.")
    if code == "title_too_long":
        return _("The title has %(chars)s characters; at most %(max)s.", **p)
    if code == "owner_missing":
        return _("The owner organization is missing.")
    if code == "owner_too_long":
        return _("The owner organization's name has %(chars)s characters; at most %(max)s.", **p)
    if code == "description_missing":
        return _("The description is missing.")
    if code == "description_too_long":
        return _("The description has %(chars)s characters; at most %(max)s.", **p)
    if code == "contact_too_long":
        return _("The contact has %(chars)s characters; at most %(max)s.", **p)
    if code == "bad_text":
        return f"{p.get('column')}: {p.get('message')}"
    if code == "industry_unknown":
        if p.get("suggestion"):
            return _(
                "Unknown industry “%(value)s”. Did you mean “%(suggestion)s”?",
                value=p["value"],
                suggestion=p["suggestion"],
            )
        return _(
            "Unknown industry “%(value)s”. Use a name from the taxonomy, or add it as a synonym at Admin › Taxonomy.",
            value=p.get("value"),
        )
    if code == "district_unknown":
        if p.get("suggestion"):
            return _(
                "Unknown district “%(value)s”. Did you mean “%(suggestion)s”?",
                value=p["value"],
                suggestion=p["suggestion"],
            )
        return _("Unknown district “%(value)s”.", value=p.get("value"))
    if code == "budget_invalid":
        return _(
            "The budget “%(value)s” cannot be read. Write an amount such as 500000, 50万, 1.2亿 or a range "
            "such as 50-100万.",
            value=p.get("value"),
        )
    if code == "budget_too_high":
        return _("The budget “%(value)s” is larger than any scenario's budget can be.", value=p.get("value"))
    if code == "capability_unknown":
        if p.get("suggestion"):
            return _(
                "Unknown capability “%(value)s”. Did you mean “%(suggestion)s”?",
                value=p["value"],
                suggestion=p["suggestion"],
            )
        return _(
            "Unknown capability “%(value)s”. Use a name from the taxonomy, or add it as a synonym at Admin › Taxonomy.",
            value=p.get("value"),
        )
    if code == "too_many_capabilities":
        return _("%(count)s capabilities are named; at most %(max)s.", **p)
    if code == "data_available_too_long":
        return _("The data available has %(chars)s characters; at most %(max)s.", **p)
    if code == "duplicate_row":
        return _("Same scenario as row %(line)s of this file.", line=p.get("line"))
    if code == "duplicate_existing":
        return _("Already on Keting as scenario #%(id)s “%(title)s”.", id=p.get("id"), title=p.get("title"))
    return str(code)


# Dry run ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MappingInput:
    mapping: dict[str, int | None]
    label: str
    publish: bool


def _rows_and_header(batch: ImportBatch) -> tuple[list[list[str]], int]:
    return stored_rows(batch), (batch.header_rows or [1])[-1] - 1


OWNER_KINDS = ("verified", "placeholder", "new")


def _owners(checks: list[RowCheck]) -> list[dict[str, Any]]:
    """Each owner of the rows to import once, with the organization its rows will go to and how many rows."""
    owners: dict[str, dict[str, Any]] = {}
    for c in checks:
        if c.status != "new" or c.owner is None:
            continue
        entry = owners.get(c.owner_key)
        if entry is None:
            entry = owners[c.owner_key] = {
                "name": c.values.get("owner", "")[:80],
                "kind": c.owner.kind,
                "organization_id": c.owner.organization_id,
                "organization_name": (c.owner.organization_name or "")[:80],
                "namesake": c.owner.namesake,
                "rows": 0,
            }
        entry["rows"] += 1
    # Rows going to existing organizations are the ones to check, and namesakes need a decision: those first.
    return sorted(owners.values(), key=lambda o: (OWNER_KINDS.index(o["kind"]), not o["namesake"], -o["rows"]))


def _summary(checks: list[RowCheck], lookups: Lookups) -> dict[str, Any]:
    def brief(c: RowCheck) -> dict[str, Any]:
        return {
            "line": c.line,
            "serial": c.serial,
            "title": c.values.get("title", "")[:120],
            "owner": c.values.get("owner", "")[:80],
            "industry": c.values.get("industry", "")[:40],
            "district": c.values.get("district", "")[:40],
            "status": c.status,
            "problems": c.problems,
            "owner_kind": c.owner.kind if c.owner else None,
            "owner_id": c.owner.organization_id if c.owner else None,
        }

    owners = _owners(checks)
    return {
        "problems": [brief(c) for c in checks if c.status == "error"],
        "sample": [brief(c) for c in checks if c.status == "new"][:PREVIEW_SAMPLE],
        "unchanged": sum(c.status == "unchanged" for c in checks),
        "new_organizations": sum(o["kind"] == "new" for o in owners),
        "owner_counts": {kind: sum(o["kind"] == kind for o in owners) for kind in OWNER_KINDS},
        "namesakes": sum(o["namesake"] for o in owners),
        "owners": owners[:PREVIEW_OWNERS],
        "owners_total": len(owners),
    }


def preview_import(actor: User, batch_id: int, data: MappingInput) -> ImportBatch:
    """Keep the column mapping and queue the dry run of every row (a job: 20,000 rows take seconds); commit.

    The job (`run_check_job`) puts per-row problems and counts on the batch and moves it to mapped.
    """
    from app.services import jobs

    batch = get_batch(actor, batch_id)
    if batch.status in ("importing", "imported"):
        raise InvalidInput(_("This import has already run; upload the file again to import it anew."))
    width = len(batch.headers)
    mapping: dict[str, int | None] = {}
    for name in IMPORT_FIELDS:
        column = data.mapping.get(name)
        if column is not None and not 0 <= column < width:
            raise InvalidInput(_("Choose a column from the list."), field=name)
        mapping[name] = column
    for name in ("title", "owner", "description"):
        if mapping[name] is None:
            raise InvalidInput(_("Choose the column that holds this; it is required."), field=name)
    chosen = [c for c in mapping.values() if c is not None]
    if len(chosen) != len(set(chosen)):
        raise InvalidInput(_("Each column can be used for one field only."))
    label = _one_line(data.label) or None
    if label:
        check_text(label, "label", LABEL_MAX_CHARS)
    won = execute_dml(
        sa.update(ImportBatch)
        .where(
            ImportBatch.id == batch_id,
            ImportBatch.status.in_(("uploaded", "mapped", "checking")),
            ~sa.exists().where(Job.import_batch_id == batch_id, Job.state.in_(("queued", "running"))),
        )
        .values(mapping=mapping, label=label, publish=data.publish, status="checking", updated_at=_now())
    )
    if won.rowcount != 1:
        db.session.rollback()
        raise InvalidInput(
            _("The rows of this file are being checked; wait for the result, then change the columns if needed.")
        )
    job = jobs.create_job("import_check", actor, import_batch_id=batch_id, total=max(0, (batch.rows_total or 0)))
    db.session.commit()
    jobs.enqueue(job.id)
    db.session.expire_all()
    return get_batch(actor, batch_id)


def run_check_job(job: Job, actor: User | None, progress: Any) -> dict[str, Any]:
    """The dry run as a job: check every stored row against the database; nothing is written but the batch."""
    batch = db.session.get(ImportBatch, job.import_batch_id)
    if batch is None or batch.status != "checking":
        raise InvalidInput(_("No such import."))
    rows, header_index = _rows_and_header(batch)
    progress.step(0, max(0, len(rows) - header_index - 1), stage="checking")
    lookups = _load_lookups()
    checks = check_rows(rows, header_index, batch.mapping, lookups)
    batch.status = "mapped"
    batch.rows_total = len(checks)
    batch.rows_valid = sum(c.status == "new" for c in checks)
    batch.rows_error = sum(c.status == "error" for c in checks)
    batch.rows_unchanged = sum(c.status == "unchanged" for c in checks)
    batch.preview = _summary(checks, lookups)
    progress.step(len(checks), len(checks), stage="done", commit=False)
    return {
        "batch_id": batch.id,
        "rows": batch.rows_total,
        "ready": batch.rows_valid,
        "errors": batch.rows_error,
        "unchanged": batch.rows_unchanged,
    }


def problem_rows(batch: ImportBatch, page: int = 1, per_page: int = 100) -> Page[dict[str, Any]]:
    rows = list((batch.preview or {}).get("problems") or [])
    pages = max(1, -(-len(rows) // per_page))
    page = min(max(1, page), pages)
    return Page(items=rows[(page - 1) * per_page : page * per_page], page=page, per_page=per_page, total=len(rows))


# Importing (a background job) -------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    imported: int
    unchanged: int
    errors: int
    organizations_created: int
    flagged: int
    published: bool


def start_import(actor: User, batch_id: int) -> Job:
    """Queue the import of a checked batch as a job; commit. Two posts at once: one job, the other is told.

    The batch moves from mapped to importing in one conditional UPDATE, so only one request can win it (the
    database also allows one live job per batch).
    """
    from app.services import jobs

    batch = get_batch(actor, batch_id)
    if batch.status in ("importing", "imported"):
        raise InvalidInput(_("This import has already started; its progress is on the job's page."))
    if batch.status != "mapped":
        raise InvalidInput(_("Check the rows first (the dry run), then import."))
    if not batch.rows_valid:
        raise InvalidInput(_("There is nothing to import: every row is already on Keting or has a problem."))
    won = execute_dml(
        sa.update(ImportBatch)
        .where(ImportBatch.id == batch_id, ImportBatch.status == "mapped")
        .values(status="importing", updated_at=_now())
    )
    if won.rowcount != 1:
        db.session.rollback()
        raise InvalidInput(_("This import has already started; its progress is on the job's page."))
    job = jobs.create_job("import", actor, import_batch_id=batch_id, total=batch.rows_valid)
    db.session.commit()
    jobs.enqueue(job.id)
    return job


def run_import(actor: User, batch_id: int) -> ImportResult:
    """Start the import and wait for it (eager queues and scripts): the result, or the job's error raised."""

    job = start_import(actor, batch_id)
    db.session.expire_all()
    job = db.session.get_one(Job, job.id)
    if job.state == "failed":
        raise InvalidInput(job.error or _("The import failed."))
    if job.state != "done":
        raise InvalidInput(_("The import is queued; its progress is on the job's page."))
    return import_result(job.result, batch_id)


def import_result(result: dict[str, Any], batch_id: int) -> ImportResult:
    return ImportResult(
        batch_id,
        int(result.get("imported", 0)),
        int(result.get("unchanged", 0)),
        int(result.get("errors", 0)),
        int(result.get("organizations_created", 0)),
        int(result.get("flagged", 0)),
        bool(result.get("published")),
    )


def run_import_job(job: Job, actor: User | None, progress: Any) -> dict[str, Any]:
    """Save the batch's valid rows CHUNK at a time, then publish them CHUNK at a time; each chunk commits with
    the job's checkpoint, so a crash loses nothing committed and a retry carries on.

    Rows to publish are saved as drafts first (not public, so they need no matches); then the matcher is fitted
    once on the catalogue plus these drafts, and each publishing chunk flips 500 drafts to published together
    with their stored matches: a published scenario always has its matches. Rows are checked again against
    the database as it is now; on a retry the rows committed before are recognised by their external_ref.
    """
    from app.services import jobs, matches

    batch = db.session.get(ImportBatch, job.import_batch_id)
    if batch is None:
        raise InvalidInput(_("No such import."))
    checkpoint: dict[str, Any] = {
        "imported": 0,
        "organizations_created": 0,
        "flagged": 0,
        "ids": [],
        "published": 0,
        "phase": "saving",
        **(job.checkpoint or {}),
    }
    if batch.status == "imported":
        return dict(job.result or {})
    publish = batch.publish
    if checkpoint["phase"] == "saving":
        _save_rows(batch, actor, checkpoint, progress)
        checkpoint["phase"] = "publishing" if publish else "finishing"
        progress.step(
            checkpoint["imported"],
            checkpoint["imported"],
            stage="publishing" if publish else "done",
            checkpoint=checkpoint,
        )
    ids: list[int] = list(checkpoint["ids"])
    published_before = checkpoint.get("published_before")
    if checkpoint["phase"] == "publishing":
        if published_before is None:
            published_before = checkpoint["published_before"] = (
                db.session.scalar(sa.select(sa.func.count(Scenario.id)).where(Scenario.status == "published")) or 0
            )
        if not checkpoint.get("refitted"):
            progress.step(checkpoint["published"], len(ids), stage="fitting", commit=False)
            matches.refit_including(ids)
            checkpoint["refitted"] = True
            progress.step(checkpoint["published"], len(ids), stage="publishing", checkpoint=checkpoint)
        waiting = (
            list(
                db.session.scalars(
                    sa.select(Scenario.id).where(Scenario.id.in_(ids), Scenario.status == "draft").order_by(Scenario.id)
                )
            )
            if ids
            else []
        )
        for start in range(0, len(waiting), CHUNK):
            chunk = waiting[start : start + CHUNK]
            now = _now()
            with audit.acting_as(actor):
                for scenario in db.session.scalars(sa.select(Scenario).where(Scenario.id.in_(chunk))):
                    scenario.status, scenario.published_at = "published", now
                db.session.flush()
            matches.recompute_for(chunk)
            checkpoint["published"] = len(ids) - len(waiting) + start + len(chunk)
            progress.step(checkpoint["published"], len(ids), checkpoint=checkpoint)
        checkpoint["phase"] = "finishing"
    imported = checkpoint["imported"]
    result = {
        "batch_id": batch.id,
        "imported": imported,
        "unchanged": checkpoint.get("unchanged", 0),
        "errors": checkpoint.get("errors", 0),
        "organizations_created": checkpoint["organizations_created"],
        "flagged": checkpoint["flagged"],
        "published": publish,
        "label": batch.label,
    }
    batch.status, batch.imported_at = "imported", _now()
    batch.rows_valid = batch.rows_imported = imported
    batch.rows_error, batch.rows_unchanged = result["errors"], result["unchanged"]
    batch.rows_total = imported + result["errors"] + result["unchanged"]
    batch.organizations_created = checkpoint["organizations_created"]
    audit.record(
        actor,
        "import.run",
        "import_batch",
        batch.id,
        batch.filename,
        after={**result, "status": "published" if publish else "pending"},
    )
    checkpoint["ids"] = []  # not needed any more; keep the row small
    progress.step(job.total, job.total, stage="done", checkpoint=checkpoint)
    # The fit included this import; the scenarios published before it were matched against the older fit.
    if publish and published_before is not None and imported > max(1, published_before) // 4:
        jobs.start_rebuild(None)
    return result


def _save_rows(batch: ImportBatch, actor: User | None, checkpoint: dict[str, Any], progress: Any) -> None:
    """The saving phase: valid rows as drafts (to publish) or pending scenarios, CHUNK per commit."""
    from app.services import duplicates

    rows, header_index = _rows_and_header(batch)
    lookups = _load_lookups()
    checks = check_rows(rows, header_index, batch.mapping, lookups)
    valid = [c for c in checks if c.status == "new"]
    before = checkpoint["imported"]  # rows committed by an earlier attempt now read as unchanged
    total = before + len(valid)
    if not total:
        batch.status = "mapped"  # nothing was saved: the admin can check again and import later
        db.session.commit()
        raise InvalidInput(_("There is nothing to import: every row is already on Keting or has a problem."))
    checkpoint["unchanged"] = max(0, sum(c.status == "unchanged" for c in checks) - before)
    checkpoint["errors"] = sum(c.status == "error" for c in checks)
    status = "draft" if batch.publish else "pending"
    industries = {n.id: n for n in lookups.industries.values()}
    capabilities = {n.id: n for n in lookups.capabilities.values()}
    progress.step(before, total, stage="saving")
    for start in range(0, len(valid), CHUNK):
        # Every flush in the chunk (autoflush too) writes status audit entries attributed to the importing admin.
        with audit.acting_as(actor):
            now = _now()
            scenarios: list[Scenario] = []
            for check in valid[start : start + CHUNK]:
                values = check.values
                org = owner_org(check.owner_key, lookups)
                if org is None:
                    ref = placeholder_ref(check.owner_key)
                    org = Organization(
                        kind="enterprise",
                        name=values["owner"],
                        description="",
                        verified=False,
                        district=check.district,
                        external_ref=ref,
                    )
                    db.session.add(org)
                    lookups.organizations[check.owner_key] = org
                    lookups.placeholders[ref] = org
                    checkpoint["organizations_created"] += 1
                scenario = Scenario(
                    owner=org,
                    title=values["title"],
                    description=values["description"],
                    industry=industries.get(check.industry_id) if check.industry_id else None,
                    district=check.district,
                    status=status,
                    featured=False,
                    source_batch=batch.label,
                    language=detect_language(f"{values['title']}\n{values['description']}"),
                    confidentiality="public",
                    external_ref=check.ref,
                    contact=values.get("contact") or None,
                    budget_min=check.budget_min,
                    budget_max=check.budget_max,
                    data_available=values.get("data_available") or None,
                    submitted_at=now,
                )
                scenario.capabilities = [capabilities[i] for i in check.capability_ids if i in capabilities]
                db.session.add(scenario)
                scenarios.append(scenario)
            db.session.flush()
        checkpoint["flagged"] += len(duplicates.flag_near_duplicates(scenarios, "import"))
        checkpoint["imported"] += len(scenarios)
        checkpoint["ids"] = list(checkpoint["ids"]) + [s.id for s in scenarios]
        progress.step(checkpoint["imported"], total, checkpoint=checkpoint)  # commits this chunk


# The template --------------------------------------------------------------------------------------------

TEMPLATE_HEADERS = (
    ("serial", "序号", "No."),
    ("title", "场景名称", "Title"),
    ("owner", "需求单位", "Owner organization"),
    ("industry", "所属行业", "Industry"),
    ("description", "场景描述", "Description"),
    ("contact", "联系人", "Contact"),
    ("district", "所在区市", "District"),
    ("budget", "预算", "Budget"),
    ("capabilities", "所需能力", "Capabilities"),
    ("data_available", "数据情况", "Data available"),
)
TEMPLATE_EXAMPLE = {
    "serial": "1",
    "title": "轮胎胎面外观缺陷视觉检测",
    "owner": "青岛示例轮胎有限公司",
    "industry": "轮胎/橡胶",
    "description": "夜班人工目检胎面外观，漏检率约3%。希望用机器视觉在线检测，把漏检降到0.5%以下，并与MES对接。",
    "contact": "王工 0532-00000000",
    "district": "即墨区",
    "budget": "50-100万",
    "capabilities": "机器视觉缺陷检测、计算机视觉",
    "data_available": "近一年约2万张标注过的胎面缺陷图片",
}


def template_rows() -> list[list[str]]:
    """The import template: a Chinese header, an English header under it, and one example row."""
    return [
        [zh for _f, zh, _en in TEMPLATE_HEADERS],
        [en for _f, _zh, en in TEMPLATE_HEADERS],
        [TEMPLATE_EXAMPLE[f] for f, _zh, _en in TEMPLATE_HEADERS],
    ]


def template_file(fmt: str) -> tuple[bytes, str, str]:
    """(content, mimetype, filename) of the template as .csv (UTF-8 with BOM, so Excel reads it) or .xlsx."""
    rows = template_rows()
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8"), "text/csv; charset=utf-8", "keting-import-template.csv"
    if fmt != "xlsx":
        raise NotFound(_("No such template."))
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook always starts with one worksheet
        raise RuntimeError("openpyxl made a workbook without a worksheet")
    sheet.title = "场景清单 Scenarios"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1] + sheet[2]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJ", (6, 28, 24, 14, 60, 20, 12, 12, 28, 36), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return (
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "keting-import-template.xlsx",
    )
