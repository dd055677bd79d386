"""iCalendar (RFC 5545) files for confirmed meetings, written by hand.

The format needs only a few rules, all kept here: CRLF line ends, lines folded at 75 octets without splitting
a UTF-8 character, TEXT values escaped (backslash, semicolon, comma, newline), times in UTC with a Z, and a
stable UID with a SEQUENCE that grows with each change so calendars update the event instead of adding one.
No dependency is needed for one VEVENT; the `icalendar` package would add parsing we never use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

PRODID = "-//Keting//Living room//EN"
MAX_LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    status: str = "CONFIRMED"  # CONFIRMED | CANCELLED | TENTATIVE
    organizer_name: str = ""
    organizer_email: str = ""
    attendees: tuple[tuple[str, str], ...] = ()  # (name, email)


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash first, then ; and , and every newline as \\n."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _param(value: str) -> str:
    """A parameter value (CN=...): quoted, with the characters a quoted value may not hold removed."""
    cleaned = "".join(ch for ch in value if ch not in '"\r\n' and (ord(ch) >= 32 or ch == "\t"))
    return f'"{cleaned}"'


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC form: 20261201T063000Z (a naive datetime is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold one content line into pieces of at most 75 octets, joined by CRLF and a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_LINE_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = MAX_LINE_OCTETS - 1  # continuation lines start with a space
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def render_event(event: CalendarEvent, now: datetime | None = None) -> bytes:
    """The whole .ics file for one event, as UTF-8 bytes with CRLF line ends."""
    now = now or datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SEQUENCE:{int(event.sequence)}",
        f"STATUS:{event.status}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.organizer_email:
        lines.append(
            f"ORGANIZER;CN={_param(event.organizer_name or event.organizer_email)}:mailto:{event.organizer_email}"
        )
    for name, email in event.attendees:
        lines.append(f"ATTENDEE;CN={_param(name or email)};ROLE=REQ-PARTICIPANT:mailto:{email}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def unfold(text: str) -> list[str]:
    """Content lines of an .ics text with folding undone (for tests and for reading one back)."""
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
