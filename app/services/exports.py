"""CSV and XLSX exports of scenarios, vendors, matches and the funnel, for the city's own spreadsheets.

CSV: UTF-8 with a byte-order mark, so Excel opens Chinese text correctly on a double click; its header row
is the stable column keys, for scripts. XLSX: the same rows, with headers in the reader's language, real
numbers and dates (Beijing time), written by openpyxl in write-only mode so memory stays flat. In both, cells
that a spreadsheet would run as a formula (starting with = + - @) get a leading apostrophe. Rows are
produced in chunks; both take the filters of the admin's listing list (ExportFilter), so what is exported is
what the admin was looking at.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _
from flask_babel import lazy_pgettext

from app import permissions
from app.extensions import db
from app.models import DISTRICTS, Connection, IntroRequest, Match, Organization, Scenario, User, VendorProfile
from app.services import audit, curation
from app.services.errors import NotFound, PermissionDenied

EXPORTS = ("scenarios", "vendors", "matches", "funnel")
BOM = "\ufeff"
CHUNK = 1000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SITE_TIMEZONE = ZoneInfo("Asia/Shanghai")
# Characters an XLSX (XML 1.0) cell cannot hold: openpyxl refuses them, so they are dropped.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class ExportFilter:
    """The admin listing list's filters (/admin/review), applied to an export. Empty means everything."""

    status: str = "any"
    industry: str | None = None
    district: str | None = None
    batch: str | None = None
    q: str = ""
    flagged: bool = False

    @property
    def empty(self) -> bool:
        return self == ExportFilter()

    def review_query(self) -> curation.ReviewQuery:
        return curation.ReviewQuery(
            kind="all",
            status=self.status,
            industry=self.industry,
            district=self.district,
            batch=self.batch,
            q=self.q,
            flagged=self.flagged,
        )

    def scenario_conditions(self) -> list:
        return [] if self.empty else curation._scenario_conditions(self.review_query())

    def vendor_conditions(self) -> list:
        if self.empty:
            return []
        if self.batch or self.flagged:  # batches and duplicate flags belong to scenarios: no vendor has them
            return [sa.false()]
        return curation._vendor_conditions(self.review_query())


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat(timespec="seconds")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _lines(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(header)
    yield BOM + flush()
    for n, row in enumerate(rows, 1):
        writer.writerow([_cell(v) for v in row])
        if n % 200 == 0:
            yield flush()
    yield flush()


def _chunked(stmt, key) -> Iterator[Any]:
    """Rows of stmt in id order, CHUNK at a time (keyset paging, so a long export stays light)."""
    last = 0
    while True:
        batch = db.session.scalars(stmt.where(key > last).order_by(key).limit(CHUNK)).unique().all()
        if not batch:
            return
        yield from batch
        last = batch[-1].id


def _counts(column, group) -> dict[int, int]:
    return dict(db.session.execute(sa.select(group, sa.func.count(column)).group_by(group)).all())


def _scenario_rows(where: ExportFilter) -> Iterator[list[Any]]:
    matches = _counts(Match.id, Match.scenario_id)
    best = dict(
        db.session.execute(sa.select(Match.scenario_id, sa.func.max(Match.score)).group_by(Match.scenario_id)).all()
    )
    request_counts = _counts(IntroRequest.id, IntroRequest.scenario_id)
    stmt = (
        sa.select(Scenario)
        .join(Scenario.owner)
        .where(*where.scenario_conditions())
        .options(
            so.contains_eager(Scenario.owner), so.joinedload(Scenario.industry), so.selectinload(Scenario.capabilities)
        )
    )
    for s in _chunked(stmt, Scenario.id):
        yield [
            s.id,
            s.title,
            s.status,
            s.owner.name,
            s.owner.verified,
            s.industry.code if s.industry else None,
            s.industry.name_zh if s.industry else None,
            s.industry.name_en if s.industry else None,
            ";".join(c.code for c in s.capabilities),
            s.district,
            DISTRICTS[s.district][0] if s.district in DISTRICTS else None,
            s.budget_min,
            s.budget_max,
            s.timeline,
            s.confidentiality,
            s.language,
            s.featured,
            s.source_batch,
            s.external_ref,
            s.contact,
            s.created_at,
            s.submitted_at,
            s.published_at,
            s.closed_at,
            s.outcome,
            s.merged_into_id,
            matches.get(s.id, 0),
            best.get(s.id),
            request_counts.get(s.id, 0),
        ]


SCENARIO_HEADER = [
    "id",
    "title",
    "status",
    "owner",
    "owner_verified",
    "industry_code",
    "industry_zh",
    "industry_en",
    "capabilities",
    "district",
    "district_zh",
    "budget_min",
    "budget_max",
    "timeline",
    "confidentiality",
    "language",
    "featured",
    "source_batch",
    "external_ref",
    "contact",
    "created_at",
    "submitted_at",
    "published_at",
    "closed_at",
    "outcome",
    "merged_into_id",
    "matches",
    "best_score",
    "requests",
]


def _vendor_rows(where: ExportFilter) -> Iterator[list[Any]]:
    matches = _counts(Match.id, Match.vendor_id)
    request_counts = _counts(IntroRequest.id, IntroRequest.vendor_id)
    stmt = (
        sa.select(VendorProfile)
        .join(VendorProfile.organization)
        .where(*where.vendor_conditions())
        .options(
            so.contains_eager(VendorProfile.organization),
            so.selectinload(VendorProfile.capabilities),
            so.selectinload(VendorProfile.industries),
        )
    )
    for v in _chunked(stmt, VendorProfile.id):
        org = v.organization
        yield [
            v.id,
            org.name,
            org.name_en,
            org.verified,
            v.status,
            org.district,
            org.website,
            ";".join(c.code for c in v.capabilities),
            ";".join(i.code for i in v.industries),
            v.team_size,
            ";".join(v.languages or []),
            v.submitted_at,
            v.published_at,
            matches.get(v.id, 0),
            request_counts.get(v.id, 0),
        ]


VENDOR_HEADER = [
    "id",
    "organization",
    "name_en",
    "verified",
    "status",
    "district",
    "website",
    "capabilities",
    "industries",
    "team_size",
    "languages",
    "submitted_at",
    "published_at",
    "matches",
    "requests",
]


def _match_rows(where: ExportFilter) -> Iterator[list[Any]]:
    stmt = sa.select(Match).options(
        so.joinedload(Match.scenario), so.joinedload(Match.vendor).joinedload(VendorProfile.organization)
    )
    if not where.empty:  # the matches of the scenarios the filter keeps
        stmt = stmt.where(
            Match.scenario_id.in_(sa.select(Scenario.id).join(Scenario.owner).where(*where.scenario_conditions()))
        )
    for m in _chunked(stmt, Match.id):
        reasons = "; ".join(
            str(r.get("zh") or r.get("en") or r.get("code") or "") for r in (m.reasons or []) if isinstance(r, dict)
        )
        yield [
            m.scenario_id,
            m.scenario.title,
            m.vendor_id,
            m.vendor.organization.name,
            m.score,
            m.rank,
            m.computed_at,
            reasons,
        ]


MATCH_HEADER = ["scenario_id", "scenario_title", "vendor_id", "vendor", "score", "rank", "computed_at", "reasons"]


def _funnel_rows(where: ExportFilter) -> Iterator[list[Any]]:
    from app.services.dashboard import funnel_times

    published, matched, interest, accepted, pilot, contract = funnel_times()
    request_counts = _counts(IntroRequest.id, IntroRequest.scenario_id)
    rooms = _counts(Connection.id, Connection.scenario_id)
    ids = sorted(published)
    if not where.empty:
        kept = set(db.session.scalars(sa.select(Scenario.id).join(Scenario.owner).where(*where.scenario_conditions())))
        ids = [sid for sid in ids if sid in kept]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = db.session.execute(
            sa.select(Scenario.id, Scenario.title, Organization.name, Scenario.status)
            .join(Scenario.owner)
            .where(Scenario.id.in_(chunk))
            .order_by(Scenario.id)
        ).all()
        for sid, title, owner, status in rows:
            yield [
                sid,
                title,
                owner,
                status,
                published.get(sid),
                matched.get(sid),
                interest.get(sid),
                accepted.get(sid),
                pilot.get(sid),
                contract.get(sid),
                request_counts.get(sid, 0),
                rooms.get(sid, 0),
            ]


FUNNEL_HEADER = [
    "scenario_id",
    "title",
    "owner",
    "status",
    "published_at",
    "matched_at",
    "first_request_at",
    "first_accepted_at",
    "pilot_started_at",
    "contract_signed_at",
    "requests",
    "rooms",
]


# Column headings in the viewer's language (the rows keep machine-readable codes and ISO times, so a sheet
# can still be filtered and re-imported).
COLUMN_LABELS = {
    "id": lazy_pgettext("CSV column", "ID"),
    "title": lazy_pgettext("CSV column", "Title"),
    "status": lazy_pgettext("CSV column", "Status"),
    "owner": lazy_pgettext("CSV column", "Organization"),
    "owner_verified": lazy_pgettext("CSV column", "Organization verified"),
    "industry_code": lazy_pgettext("CSV column", "Industry code"),
    "industry_zh": lazy_pgettext("CSV column", "Industry (Chinese)"),
    "industry_en": lazy_pgettext("CSV column", "Industry (English)"),
    "capabilities": lazy_pgettext("CSV column", "Capabilities"),
    "district": lazy_pgettext("CSV column", "District code"),
    "district_zh": lazy_pgettext("CSV column", "District"),
    "budget_min": lazy_pgettext("CSV column", "Budget from (CNY)"),
    "budget_max": lazy_pgettext("CSV column", "Budget up to (CNY)"),
    "timeline": lazy_pgettext("CSV column", "Timeline"),
    "confidentiality": lazy_pgettext("CSV column", "Visibility"),
    "language": lazy_pgettext("CSV column", "Language"),
    "featured": lazy_pgettext("CSV column", "Featured"),
    "source_batch": lazy_pgettext("CSV column", "Source batch"),
    "external_ref": lazy_pgettext("CSV column", "External reference"),
    "contact": lazy_pgettext("CSV column", "Contact"),
    "created_at": lazy_pgettext("CSV column", "Created at"),
    "submitted_at": lazy_pgettext("CSV column", "Sent for review at"),
    "published_at": lazy_pgettext("CSV column", "Published at"),
    "closed_at": lazy_pgettext("CSV column", "Closed at"),
    "outcome": lazy_pgettext("CSV column", "Outcome"),
    "merged_into_id": lazy_pgettext("CSV column", "Merged into"),
    "matches": lazy_pgettext("CSV column", "Suggested vendors"),
    "best_score": lazy_pgettext("CSV column", "Best score"),
    "requests": lazy_pgettext("CSV column", "Requests to meet"),
    "organization": lazy_pgettext("CSV column", "Organization"),
    "name_en": lazy_pgettext("CSV column", "English name"),
    "verified": lazy_pgettext("CSV column", "Verified"),
    "website": lazy_pgettext("CSV column", "Website"),
    "industries": lazy_pgettext("CSV column", "Industries"),
    "team_size": lazy_pgettext("CSV column", "Team size"),
    "languages": lazy_pgettext("CSV column", "Languages"),
    "scenario_id": lazy_pgettext("CSV column", "Scenario ID"),
    "scenario_title": lazy_pgettext("CSV column", "Scenario"),
    "vendor_id": lazy_pgettext("CSV column", "Vendor ID"),
    "vendor": lazy_pgettext("CSV column", "Vendor"),
    "score": lazy_pgettext("CSV column", "Score"),
    "rank": lazy_pgettext("CSV column", "Rank"),
    "computed_at": lazy_pgettext("CSV column", "Computed at"),
    "reasons": lazy_pgettext("CSV column", "Why"),
    "matched_at": lazy_pgettext("CSV column", "First suggested at"),
    "first_request_at": lazy_pgettext("CSV column", "First request at"),
    "first_accepted_at": lazy_pgettext("CSV column", "First accepted at"),
    "pilot_started_at": lazy_pgettext("CSV column", "Pilot started at"),
    "contract_signed_at": lazy_pgettext("CSV column", "Contract signed at"),
    "rooms": lazy_pgettext("CSV column", "Rooms"),
}

_SOURCES = {
    "scenarios": (SCENARIO_HEADER, _scenario_rows),
    "vendors": (VENDOR_HEADER, _vendor_rows),
    "matches": (MATCH_HEADER, _match_rows),
    "funnel": (FUNNEL_HEADER, _funnel_rows),
}


def _sheet_title(kind: str) -> str:
    return {"scenarios": _("Scenarios"), "vendors": _("Vendors"), "matches": _("Matches"), "funnel": _("Funnel")}[kind]


def _xlsx_value(value: Any) -> Any:
    """A cell for openpyxl: local dates without a zone (Excel has none), numbers as numbers, safe text."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(SITE_TIMEZONE).replace(tzinfo=None)
    if isinstance(value, (bool, int, float)):
        return value
    text = _XML_ILLEGAL.sub("", str(value))
    # A leading apostrophe, as in the CSV: openpyxl would otherwise store "=..." as a live formula.
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write_xlsx(kind: str, header: list[str], rows: Iterable[list[Any]]) -> IO[bytes]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(kind))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for label in column_labels(header):
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    # Spooled: a small export stays in memory, a large one goes to a temporary file.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 -- returned open; the caller sends and closes it
    book.save(out)
    out.seek(0)
    return out


def _begin(actor: User, kind: str, where: ExportFilter, file_format: str):
    if not permissions.can_export_data(actor):
        raise PermissionDenied(_("Only admins export data."))
    if kind not in _SOURCES:
        raise NotFound(_("No such export."))
    after: dict[str, Any] = {"kind": kind, "format": file_format}
    if not where.empty:
        after["filter"] = {k: v for k, v in where.__dict__.items() if v not in (None, "", False, "any")}
    audit.record(actor, "export.download", "export", None, kind, after=after)
    db.session.commit()
    header, rows = _SOURCES[kind]
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    return f"keting-{kind}-{stamp}.{file_format}", header, rows(where)


def export_csv(actor: User, kind: str, where: ExportFilter | None = None) -> tuple[str, Iterator[str]]:
    """(file name, CSV text in pieces) for one export; the download is recorded in the audit log first."""
    name, header, rows = _begin(actor, kind, where or ExportFilter(), "csv")
    return name, _lines(column_labels(header), rows)


def export_xlsx(actor: User, kind: str, where: ExportFilter | None = None) -> tuple[str, IO[bytes]]:
    """(file name, an open XLSX file) for one export, headers in the current language; recorded in the audit log."""
    name, header, rows = _begin(actor, kind, where or ExportFilter(), "xlsx")
    return name, _write_xlsx(kind, header, rows)


def columns(kind: str) -> list[str]:
    """The machine names of an export's columns, in order."""
    return list(_SOURCES[kind][0])


def column_labels(header: list[str]) -> list[str]:
    """The headings a person reads, in the current language."""
    return [str(COLUMN_LABELS.get(code, code)) for code in header]
