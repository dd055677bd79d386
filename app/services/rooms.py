"""Rooms: what an accepted request opens for the two organizations.

Both sides see each other's contacts, write plain-text messages, propose meetings with up to three times
(the other side picks one, and both can download it as an .ics file), and record how it went: pilot started,
contract signed, or no deal with a reason. Only the two organizations and admins can read a room; for
everyone else it does not exist. Admins read but do not speak for either side.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app import permissions, storage
from app.extensions import db
from app.models import (
    CONNECTION_OUTCOMES,
    MAX_MEETING_SLOTS,
    MAX_MESSAGE_CHARS,
    NO_DEAL_REASONS,
    Connection,
    IntroRequest,
    Meeting,
    MeetingSlot,
    Message,
    Organization,
    RoomAttachment,
    Scenario,
    User,
    VendorProfile,
)
from app.services import filetypes, notifications
from app.services.calendar import CalendarEvent, render_event
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import AttachmentInput, MeetingInput, MessageInput, OutcomeInput
from app.services.pagination import Page
from app.services.requests import as_utc
from app.services.text import check_text

log = logging.getLogger(__name__)

MEETING_DURATIONS = (30, 45, 60, 90, 120)
TOPIC_MAX_CHARS, LOCATION_MAX_CHARS = 200, 300
OUTCOME_NOTE_MAX_CHARS = 2000
# Meetings are proposed for the coming months, not for the past or for years ahead.
MEETING_HORIZON = timedelta(days=366)
# Which recorded outcome may follow which: a pilot can become a contract; a contract or no deal is final.
NEXT_OUTCOMES = {
    None: ("pilot", "contract", "no_deal"),
    "pilot": ("contract", "no_deal"),
    "contract": (),
    "no_deal": (),
}


def _now() -> datetime:
    return datetime.now(UTC)


def _load(connection_id: int) -> Connection | None:
    return db.session.get(
        Connection,
        connection_id,
        options=[
            so.joinedload(Connection.scenario).joinedload(Scenario.owner),
            so.joinedload(Connection.vendor).joinedload(VendorProfile.organization),
            so.joinedload(Connection.request).joinedload(IntroRequest.requested_by),
            so.joinedload(Connection.request).joinedload(IntroRequest.responded_by),
            so.joinedload(Connection.outcome_by),
        ],
    )


def get_room(actor, connection_id: int) -> Connection:
    """A room the actor may read; NotFound for anyone else, so room ids cannot be probed."""
    connection = _load(connection_id)
    if connection is None or not permissions.can_view_room(actor, connection):
        raise NotFound(_("No such room."))
    return connection


def _room_to_speak_in(actor, connection_id: int) -> Connection:
    connection = get_room(actor, connection_id)
    if not permissions.can_post_in_room(actor, connection):
        raise PermissionDenied(_("Only the two organizations can act in their room."))
    return connection


def side_of(actor, connection: Connection) -> str | None:
    """'enterprise' or 'vendor' for a member of either organization, else None (an admin reading)."""
    if actor is None or getattr(actor, "organization_id", None) is None:
        return None
    if actor.organization_id == connection.scenario.owner_id:
        return "enterprise"
    if actor.organization_id == connection.vendor.organization_id:
        return "vendor"
    return None


def _acting_side(actor, connection: Connection) -> str:
    """The side of someone who acts in the room (a member of either organization; admins only read)."""
    side = side_of(actor, connection)
    if side is None:
        raise PermissionDenied(_("Only the two organizations can act in their room."))
    return side


def _other_org(connection: Connection, side: str) -> Organization:
    return connection.vendor.organization if side == "enterprise" else connection.scenario.owner


def _own_org(connection: Connection, side: str) -> Organization:
    return connection.scenario.owner if side == "enterprise" else connection.vendor.organization


def _other_people(connection: Connection, side: str, actor: User) -> list[User]:
    return notifications.members(_other_org(connection, side).id, exclude=actor)


def _data(connection: Connection, about: Organization, **extra) -> dict:
    return {
        "org": about.name,
        "org_en": about.name_en or "",
        "scenario": connection.scenario.title,
        "connection_id": connection.id,
        **extra,
    }


def _touch(connection: Connection, now: datetime) -> None:
    connection.last_activity_at = now


# The page -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    side: str  # enterprise | vendor
    organization: Organization
    people: tuple[tuple[str, User], ...]  # (what they did: "requested" | "accepted", the person)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    key: str  # matched, interest, invited, accepted, meeting_proposed, meeting_confirmed, pilot, contract, ...
    text: str


@dataclass(frozen=True)
class MeetingView:
    meeting: Meeting
    ends_at: datetime | None
    can_confirm: bool
    can_cancel: bool


@dataclass(frozen=True)
class RoomView:
    connection: Connection
    side: str | None
    contacts: tuple[Contact, Contact]
    messages: Page
    meetings: list[MeetingView]
    timeline: list[TimelineEntry]
    can_post: bool
    next_outcomes: tuple[str, ...]
    can_close_scenario: bool
    extra: dict = field(default_factory=dict)


def _contacts(connection: Connection) -> tuple[Contact, Contact]:
    request = connection.request
    requester_side = "vendor" if request.kind == "interest" else "enterprise"
    people: dict[str, list[tuple[str, User]]] = {"enterprise": [], "vendor": []}
    if request.requested_by is not None:
        people[requester_side].append(("requested", request.requested_by))
    if request.responded_by is not None:
        people["enterprise" if requester_side == "vendor" else "vendor"].append(("accepted", request.responded_by))
    return (
        Contact("enterprise", connection.scenario.owner, tuple(people["enterprise"])),
        Contact("vendor", connection.vendor.organization, tuple(people["vendor"])),
    )


def _messages_page(connection_id: int, page: int | None) -> Page:
    per_page = int(current_app.config["ROOM_MESSAGES_PER_PAGE"])
    total = db.session.scalar(sa.select(sa.func.count(Message.id)).where(Message.connection_id == connection_id)) or 0
    pages = max(1, -(-total // per_page))
    # Newest last: the first page holds the oldest messages, and the room opens on the last one.
    page = pages if page is None else min(max(1, page), pages)
    items = db.session.scalars(
        sa.select(Message)
        .where(Message.connection_id == connection_id)
        .order_by(Message.created_at, Message.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .options(so.joinedload(Message.author), so.joinedload(Message.author_org), so.selectinload(Message.attachments))
    ).all()
    return Page(items=items, page=page, per_page=per_page, total=total)


def _meetings(connection_id: int) -> list[Meeting]:
    return list(
        db.session.scalars(
            sa.select(Meeting)
            .where(Meeting.connection_id == connection_id)
            .order_by(Meeting.created_at.desc(), Meeting.id.desc())
            .options(
                so.selectinload(Meeting.slots),
                so.joinedload(Meeting.proposed_by),
                so.joinedload(Meeting.proposed_by_org),
                so.joinedload(Meeting.confirmed_by),
            )
        ).unique()
    )


def _org_label(org: Organization) -> str:
    from app.templating import org_name

    return org_name(org)


def _timeline(connection: Connection, meetings: list[Meeting]) -> list[TimelineEntry]:
    from app.services.room_labels import NO_DEAL_REASON_LABELS, label

    request = connection.request
    enterprise, vendor = _org_label(connection.scenario.owner), _org_label(connection.vendor.organization)
    entries: list[TimelineEntry] = []

    def add(moment, key, text):
        if moment is not None:
            entries.append(TimelineEntry(as_utc(moment), key, text))

    add(request.matched_at, "matched", _("Keting matched %(vendor)s to this scenario.", vendor=vendor))
    if request.kind == "interest":
        add(request.created_at, "interest", _("%(vendor)s expressed interest.", vendor=vendor))
        add(request.responded_at, "accepted", _("%(enterprise)s accepted; the room opened.", enterprise=enterprise))
    else:
        add(
            request.created_at, "invited", _("%(enterprise)s invited %(vendor)s.", enterprise=enterprise, vendor=vendor)
        )
        add(request.responded_at, "accepted", _("%(vendor)s accepted; the room opened.", vendor=vendor))
    for meeting in meetings:
        who = _org_label(meeting.proposed_by_org)
        add(
            meeting.created_at,
            "meeting_proposed",
            _("%(org)s proposed a meeting: %(topic)s.", org=who, topic=meeting.topic),
        )
        if meeting.confirmed_at is not None and meeting.starts_at is not None:
            add(
                meeting.confirmed_at,
                "meeting_confirmed",
                _("Meeting confirmed for %(time)s.", time=notifications.local_time(meeting.starts_at, "meeting")),
            )
    add(connection.pilot_started_at, "pilot", _("Pilot started."))
    add(connection.contract_signed_at, "contract", _("Contract signed."))
    add(
        connection.no_deal_at,
        "no_deal",
        _("No deal. Reason: %(reason)s.", reason=label(NO_DEAL_REASON_LABELS, connection.no_deal_reason)),
    )
    scenario = connection.scenario
    if scenario.status == "closed":
        add(scenario.closed_at, "closed", _("%(enterprise)s closed the scenario.", enterprise=enterprise))
    return sorted(entries, key=lambda e: e.at)  # stable: steps at the same moment keep the order they happen in


def room_view(actor, connection_id: int, page: int | None = None) -> RoomView:
    """Everything the room page shows, loaded up front (templates never query)."""
    connection = get_room(actor, connection_id)
    side = side_of(actor, connection)
    meetings = _meetings(connection.id)
    can_post = permissions.can_post_in_room(actor, connection)
    views = []
    for meeting in meetings:
        ends = as_utc(meeting.starts_at) + timedelta(minutes=meeting.duration_minutes) if meeting.starts_at else None
        mine = side is not None and meeting.proposed_by_org_id == _own_org(connection, side).id
        views.append(
            MeetingView(
                meeting,
                ends,
                can_confirm=can_post and not mine and meeting.state == "proposed",
                can_cancel=can_post and meeting.state in ("proposed", "confirmed"),
            )
        )
    return RoomView(
        connection=connection,
        side=side,
        contacts=_contacts(connection),
        messages=_messages_page(connection.id, page),
        meetings=views,
        timeline=_timeline(connection, meetings),
        can_post=can_post,
        next_outcomes=NEXT_OUTCOMES.get(connection.outcome, ())
        if permissions.can_record_outcome(actor, connection)
        else (),
        can_close_scenario=(
            side == "enterprise"
            and connection.scenario.status == "published"
            and permissions.can_close_scenario(actor, connection.scenario)
        ),
    )


def my_rooms(actor) -> list[Connection]:
    """The rooms of the actor's organization, most recently active first."""
    if not permissions.can_list_requests(actor):
        raise PermissionDenied(_("Only enterprise and vendor accounts have rooms."))
    stmt = (
        sa.select(Connection)
        .join(Scenario, Scenario.id == Connection.scenario_id)
        .join(VendorProfile, VendorProfile.id == Connection.vendor_id)
        .where(
            sa.or_(Scenario.owner_id == actor.organization_id, VendorProfile.organization_id == actor.organization_id)
        )
        .options(
            so.contains_eager(Connection.scenario).joinedload(Scenario.owner),
            so.contains_eager(Connection.vendor).joinedload(VendorProfile.organization),
        )
        .order_by(Connection.last_activity_at.desc(), Connection.id.desc())
    )
    return list(db.session.scalars(stmt).unique())


# Messages -----------------------------------------------------------------------------------------------


def _check_attachment(upload: AttachmentInput) -> tuple[filetypes.FileKind, str]:
    """(what the file is, its cleaned name), or InvalidInput on the attachment field."""
    limit = int(current_app.config["ATTACHMENT_MAX_BYTES"])
    if upload.too_large or len(upload.data) > limit:
        raise InvalidInput(
            _(
                "The file is larger than %(max)s MB. Send a smaller one, or share a link in the message.",
                max="%g" % (limit / 1048576),
            ),
            field="attachment",
        )
    if not upload.data:
        raise InvalidInput(_("The file is empty."), field="attachment")
    try:
        kind = filetypes.detect(upload.data)
    except filetypes.UnsupportedFile as error:
        if error.reason == "macros":
            raise InvalidInput(
                _(
                    "Office files with macros are not accepted. Save it without macros (as .docx, "
                    ".xlsx or .pptx) and try again."
                ),
                field="attachment",
            ) from error
        if error.reason == "damaged":
            raise InvalidInput(
                _("The file seems damaged or incomplete. Save it again and try again."), field="attachment"
            ) from error
        raise InvalidInput(
            _(
                "This type of file is not accepted. Send a PDF, an image (PNG, JPEG, WebP) or an "
                "Office file (Word, Excel, PowerPoint)."
            ),
            field="attachment",
        ) from error
    name = filetypes.clean_name(upload.filename, kind)
    ext = filetypes.extension_of(name)
    if ext not in kind.extensions:
        raise InvalidInput(
            _(
                "The file's name ends in %(ext)s, but its content is %(kind)s. Rename it to end in "
                "%(right)s and try again.",
                ext=ext,
                kind=kind_label(kind.code),
                right=kind.extensions[0],
            ),
            field="attachment",
        )
    return kind, name


def kind_label(code: str) -> str:
    """An attachment type as people call it."""
    return {
        "pdf": _("a PDF document"),
        "png": _("a PNG image"),
        "jpeg": _("a JPEG image"),
        "webp": _("a WebP image"),
        "docx": _("a Word document"),
        "doc": _("a Word document"),
        "xlsx": _("an Excel workbook"),
        "xls": _("an Excel workbook"),
        "pptx": _("a PowerPoint presentation"),
        "ppt": _("a PowerPoint presentation"),
    }.get(code, code)


def post_message(actor: User, connection_id: int, data: MessageInput) -> Message:
    """Add a plain-text message, with a file if one is attached, to the room's thread; commit; the other side is told.

    The form's one-time token makes a double-clicked send post once. A file is checked by its content before
    anything is kept; it is stored before the commit and removed again if the commit fails, so a refused or
    failed send leaves neither a row nor a file.
    """
    connection = _room_to_speak_in(actor, connection_id)
    if data.submission_token:
        earlier = db.session.scalar(sa.select(Message).where(Message.submission_token == data.submission_token))
        if earlier is not None:
            if earlier.connection_id != connection.id or earlier.author_id != actor.id:
                raise InvalidInput(_("This form was already used. Reload the page and try again."))
            return earlier
    upload = data.attachment
    if upload is None and not data.body.strip():
        raise InvalidInput(_("Write a message or attach a file."), field="body")
    check_text(data.body, "body", MAX_MESSAGE_CHARS, 1, single_line=False, required=upload is None)
    kind, name = _check_attachment(upload) if upload is not None else (None, None)
    side = _acting_side(actor, connection)
    now = _now()
    # A file sent without words: the thread shows its name as the message.
    body = data.body.strip() or name
    message = Message(
        connection_id=connection.id,
        author=actor,
        author_org_id=actor.organization_id,
        body=body,
        created_at=now,
        submission_token=data.submission_token or None,
    )
    db.session.add(message)
    stored_key = None
    if upload is not None and kind is not None:
        stored_key = f"room-{connection.id}/{secrets.token_hex(16)}"
        stored = (stored_key, upload.data, kind.content_type)
        db.session.add(
            RoomAttachment(
                connection_id=connection.id,
                message=message,
                uploaded_by=actor,
                filename=name,
                kind=kind.code,
                content_type=kind.content_type,
                size_bytes=len(upload.data),
                sha256=hashlib.sha256(upload.data).hexdigest(),
                storage_key=stored_key,
                created_at=now,
            )
        )
    _touch(connection, now)
    try:
        db.session.flush()
        if stored_key is not None:
            try:
                storage.get_storage().save(*stored)
            except storage.StorageError as error:
                log.exception("Could not store an attachment for room %s", connection.id)
                db.session.rollback()
                raise InvalidInput(
                    _("The file could not be saved just now. Please try again in a moment."), field="attachment"
                ) from error
        extra = message.body if upload is None else "\n".join(filter(None, [data.body.strip(), f"[{name}]"]))
        notifications.notify(
            _other_people(connection, side, actor),
            "message_received",
            data=_data(connection, _own_org(connection, side)),
            connection=connection,
            extra=extra,
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        _discard(stored_key)
        earlier = (
            db.session.scalar(sa.select(Message).where(Message.submission_token == data.submission_token))
            if data.submission_token
            else None
        )
        if earlier is not None:
            return earlier
        raise
    except InvalidInput:
        raise
    except Exception:
        db.session.rollback()
        _discard(stored_key)
        raise
    return message


def _discard(key: str | None) -> None:
    if key is None:
        return
    try:
        storage.get_storage().delete(key)
    except storage.StorageError:  # the row is gone; an orphan file is harmless and logged
        log.warning("Could not remove the stored file %s after a failed send", key, exc_info=True)


def get_attachment(actor, connection_id: int, attachment_id: int) -> tuple[RoomAttachment, bytes]:
    """An attachment and its bytes, for the two organizations of its room and admins; NotFound for anyone else."""
    connection = get_room(actor, connection_id)
    attachment = db.session.get(RoomAttachment, attachment_id)
    if attachment is None or attachment.connection_id != connection.id:
        raise NotFound(_("No such file."))
    try:
        data = storage.get_storage().load(attachment.storage_key)
    except storage.StorageError as error:
        log.exception("Attachment %s is missing from storage", attachment.id)
        raise NotFound(_("This file is no longer available.")) from error
    return attachment, data


# Meetings -----------------------------------------------------------------------------------------------


def _check_meeting(data: MeetingInput, now: datetime) -> list[datetime]:
    check_text(data.topic, "topic", TOPIC_MAX_CHARS, 2)
    check_text(data.location, "location", LOCATION_MAX_CHARS, required=False)
    if data.duration_minutes not in MEETING_DURATIONS:
        raise InvalidInput(_("Choose how long the meeting takes."), field="duration")
    slots = [as_utc(s) for s in data.slots if s is not None]
    if not slots:
        raise InvalidInput(_("Propose at least one time."), field="slot1")
    if len(slots) > MAX_MEETING_SLOTS:
        raise InvalidInput(_("Propose at most %(num)d times.", num=MAX_MEETING_SLOTS), field="slot1")
    if len(set(slots)) != len(slots):
        raise InvalidInput(_("Propose different times."), field="slot2")
    for number, moment in enumerate(slots, start=1):
        if moment <= now:
            raise InvalidInput(_("Choose a time in the future."), field=f"slot{number}")
        if moment > now + MEETING_HORIZON:
            raise InvalidInput(_("Choose a time within the next year."), field=f"slot{number}")
    return slots


def propose_meeting(actor: User, connection_id: int, data: MeetingInput) -> Meeting:
    """Propose a meeting with one to three times; commit; the other side is asked to pick one."""
    connection = _room_to_speak_in(actor, connection_id)
    if data.submission_token:
        earlier = db.session.scalar(sa.select(Meeting).where(Meeting.submission_token == data.submission_token))
        if earlier is not None:
            # The same form sent twice is one proposal; the token of another room's form is a copied or
            # replayed form, refused rather than answered "proposed" for a meeting this room never got.
            if earlier.connection_id != connection.id or earlier.proposed_by_id != actor.id:
                raise InvalidInput(_("This form was already used. Reload the page and try again."))
            return earlier
    now = _now()
    slots = _check_meeting(data, now)
    side = _acting_side(actor, connection)
    meeting = Meeting(
        connection_id=connection.id,
        proposed_by=actor,
        proposed_by_org_id=actor.organization_id,
        topic=data.topic.strip(),
        location=data.location.strip(),
        duration_minutes=data.duration_minutes,
        state="proposed",
        created_at=now,
        submission_token=data.submission_token or None,
        slots=[MeetingSlot(position=i, starts_at=s) for i, s in enumerate(sorted(slots), start=1)],
    )
    db.session.add(meeting)
    _touch(connection, now)
    try:
        db.session.flush()
        notifications.notify(
            _other_people(connection, side, actor),
            "meeting_proposed",
            data=_data(connection, _own_org(connection, side), **_meeting_facts(meeting)),
            connection=connection,
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = (
            db.session.scalar(sa.select(Meeting).where(Meeting.submission_token == data.submission_token))
            if data.submission_token
            else None
        )
        if earlier is not None and earlier.connection_id == connection.id:
            return earlier
        if earlier is not None:
            raise InvalidInput(_("This form was already used. Reload the page and try again.")) from None
        raise
    return meeting


def _meeting_facts(meeting: Meeting) -> dict:
    """What the email lists about a meeting: topic, place, length and each proposed time (UTC, ISO)."""
    return {
        "topic": meeting.topic,
        "location": meeting.location,
        "duration": meeting.duration_minutes,
        "slots": [as_utc(s.starts_at).isoformat() for s in sorted(meeting.slots, key=lambda s: s.position)],
    }


def _meeting_in(connection: Connection, meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id, options=[so.selectinload(Meeting.slots)])
    if meeting is None or meeting.connection_id != connection.id:
        raise NotFound(_("No such meeting."))
    return meeting


def confirm_meeting(actor: User, connection_id: int, meeting_id: int, slot_id: int) -> Meeting:
    """The side that did not propose picks one of the times; commit; the proposers are told."""
    connection = _room_to_speak_in(actor, connection_id)
    meeting = _meeting_in(connection, meeting_id)
    if meeting.proposed_by_org_id == actor.organization_id:
        raise PermissionDenied(_("The other side picks the time of a meeting you proposed."))
    if meeting.state == "confirmed" and any(
        s.id == slot_id and as_utc(s.starts_at) == as_utc(meeting.starts_at) for s in meeting.slots
    ):
        return meeting  # the same pick twice (a double click)
    if meeting.state != "proposed":
        raise InvalidInput(_("This meeting is no longer waiting for a time."))
    slot = next((s for s in meeting.slots if s.id == slot_id), None)
    if slot is None:
        raise InvalidInput(_("Choose one of the proposed times."), field="slot")
    now = _now()
    if as_utc(slot.starts_at) <= now:
        raise InvalidInput(_("That time has passed. Ask for a new proposal."), field="slot")
    side = _acting_side(actor, connection)
    meeting.state, meeting.starts_at, meeting.confirmed_at, meeting.confirmed_by = (
        "confirmed",
        slot.starts_at,
        now,
        actor,
    )
    meeting.sequence += 1
    _touch(connection, now)
    db.session.flush()
    notifications.notify(
        _other_people(connection, side, actor),
        "meeting_confirmed",
        data=_data(
            connection,
            _own_org(connection, side),
            **_meeting_facts(meeting),
            starts_at=as_utc(slot.starts_at).isoformat(),
        ),
        connection=connection,
        attachments=[_calendar_attachment(connection, meeting)],
    )
    db.session.commit()
    return meeting


def cancel_meeting(actor: User, connection_id: int, meeting_id: int) -> Meeting:
    """Either side calls off a proposed or confirmed meeting; commit; the other side is told."""
    connection = _room_to_speak_in(actor, connection_id)
    meeting = _meeting_in(connection, meeting_id)
    if meeting.state == "cancelled":
        return meeting
    side = _acting_side(actor, connection)
    was_confirmed = meeting.state == "confirmed" and meeting.starts_at is not None
    meeting.state = "cancelled"
    meeting.sequence += 1
    _touch(connection, _now())
    db.session.flush()
    # A confirmed meeting may already be in their calendars: the cancelled .ics takes it out again.
    notifications.notify(
        _other_people(connection, side, actor),
        "meeting_cancelled",
        data=_data(connection, _own_org(connection, side), topic=meeting.topic),
        connection=connection,
        attachments=[_calendar_attachment(connection, meeting)] if was_confirmed else None,
    )
    db.session.commit()
    return meeting


def meeting_calendar(actor, connection_id: int, meeting_id: int, room_url: str) -> tuple[str, bytes]:
    """The .ics file (name, bytes) of a confirmed meeting, for either side or an admin."""
    connection = get_room(actor, connection_id)
    meeting = _meeting_in(connection, meeting_id)
    if meeting.state != "confirmed" or meeting.starts_at is None:
        raise NotFound(_("Only a confirmed meeting can be added to a calendar."))
    return _calendar_file(connection, meeting, room_url)


def _calendar_attachment(connection: Connection, meeting: Meeting) -> tuple[str, str, bytes]:
    """The meeting's .ics as an email attachment (name, type, bytes), the same file the room offers."""
    name, body = _calendar_file(
        connection, meeting, notifications.absolute_url("rooms.room", connection_id=connection.id)
    )
    return name, "text/calendar; charset=utf-8; method=PUBLISH", body


def _calendar_file(connection: Connection, meeting: Meeting, room_url: str) -> tuple[str, bytes]:
    # A cancelled meeting keeps its UID with a higher SEQUENCE, so a calendar that has it marks it cancelled.
    starts = as_utc(meeting.starts_at)
    if starts is None:  # only a confirmed (or cancelled confirmed) meeting has a time and a calendar file
        raise ValueError(f"meeting {meeting.id} has no time for a calendar file")
    enterprise, vendor = connection.scenario.owner, connection.vendor.organization
    enterprise_contact, vendor_contact = _contacts(connection)
    people = [p for _role, p in enterprise_contact.people + vendor_contact.people]
    organizer = meeting.proposed_by
    host = current_app.config["SITE_URL"].split("//", 1)[-1].split("/", 1)[0] or "keting.local"
    summary = f"{connection.scenario.title} · {enterprise.name} × {vendor.name}"
    description = "\n".join(filter(None, [meeting.topic, room_url]))
    event = CalendarEvent(
        uid=f"meeting-{meeting.id}@{host}",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=meeting.duration_minutes),
        summary=summary,
        description=description,
        location=meeting.location,
        url=room_url,
        sequence=meeting.sequence,
        status="CANCELLED" if meeting.state == "cancelled" else "CONFIRMED",
        organizer_name=organizer.name_for_display if organizer else "",
        organizer_email=organizer.email if organizer else "",
        attendees=tuple((p.name_for_display, p.email) for p in people if organizer is None or p.id != organizer.id),
    )
    return f"keting-meeting-{meeting.id}.ics", render_event(event)


# Outcomes -----------------------------------------------------------------------------------------------


def record_outcome(actor: User, connection_id: int, data: OutcomeInput) -> Connection:
    """Either side records how it is going: pilot started, contract signed, or no deal with a reason; commit."""
    connection = get_room(actor, connection_id)
    if not permissions.can_record_outcome(actor, connection):
        raise PermissionDenied(_("Only the two organizations can record the outcome."))
    if data.outcome not in CONNECTION_OUTCOMES:
        raise InvalidInput(_("Choose an outcome."), field="outcome")
    if data.outcome == connection.outcome:
        return connection  # recorded already (a double click, or the other side a moment ago)
    if data.outcome not in NEXT_OUTCOMES.get(connection.outcome, ()):
        raise InvalidInput(_("This outcome can no longer be changed."), field="outcome")
    if data.outcome == "no_deal" and data.no_deal_reason not in NO_DEAL_REASONS:
        raise InvalidInput(_("Choose why there was no deal."), field="no_deal_reason")
    check_text(
        data.note,
        "note",
        OUTCOME_NOTE_MAX_CHARS,
        single_line=False,
        required=data.outcome == "no_deal" and data.no_deal_reason == "other",
    )
    now = _now()
    connection.outcome, connection.outcome_at, connection.outcome_by = data.outcome, now, actor
    if data.outcome == "pilot":
        connection.pilot_started_at = now
    elif data.outcome == "contract":
        connection.contract_signed_at = now
    else:
        connection.no_deal_at, connection.no_deal_reason = now, data.no_deal_reason
    if data.note.strip():
        connection.outcome_note = data.note.strip()
    _touch(connection, now)
    side = _acting_side(actor, connection)
    db.session.flush()
    notifications.notify(
        _other_people(connection, side, actor),
        "outcome_recorded",
        data=_data(connection, _own_org(connection, side), outcome=data.outcome),
        connection=connection,
        extra=data.note.strip(),
    )
    from app.services import matches

    reason = data.outcome if data.outcome != "no_deal" else f"no_deal:{data.no_deal_reason}"
    matches.record_signal("outcome", connection.scenario_id, connection.vendor_id, actor=actor, reason=reason)
    db.session.commit()
    return connection


def room_counts(scenario_ids) -> dict[int, int]:
    """How many rooms each scenario has."""
    ids = list(scenario_ids)
    if not ids:
        return {}
    return dict(
        db.session.execute(
            sa.select(Connection.scenario_id, sa.func.count(Connection.id))
            .where(Connection.scenario_id.in_(ids))
            .group_by(Connection.scenario_id)
        ).all()
    )
