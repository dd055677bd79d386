"""Requests to meet: a vendor's interest in a scenario or an enterprise's invitation to a vendor, and the answer.

One live (open or accepted) request per scenario-vendor pair: the database's partial unique index settles
races, and a second submit hands back the request the first one made. An open request that nobody answers
expires after REQUEST_EXPIRY_DAYS; `flask requests expire` (cron) warns both sides shortly before and tells
both sides when it happens, and every page already shows an overdue request as expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import overload

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app import permissions
from app.extensions import db, execute_dml
from app.models import (
    DECLINE_REASONS,
    LIVE_REQUEST_STATES,
    Connection,
    IntroRequest,
    Match,
    Scenario,
    User,
    VendorProfile,
)
from app.services import introductions, notifications
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import DeclineInput, InterestInput, InvitationInput
from app.services.text import check_text

APPROACH_MIN_CHARS, APPROACH_MAX_CHARS = 20, 3000
CASES_MAX_CHARS = 3000
ESTIMATE_MAX_CHARS = 120
INVITATION_MIN_CHARS, INVITATION_MAX_CHARS = 10, 2000
DECLINE_NOTE_MAX_CHARS = 1000


def _now() -> datetime:
    return datetime.now(UTC)


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
@overload
def as_utc(moment: datetime | None) -> datetime | None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; everything here is stored in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def expiry_days() -> int:
    return int(current_app.config["REQUEST_EXPIRY_DAYS"])


def clock_start(request: IntroRequest) -> datetime:
    """When the time to answer started: when it was sent, or when the asked organization was claimed."""
    return as_utc(request.clock_started_at or request.created_at)


def expires_at(request: IntroRequest) -> datetime:
    """When an unanswered request stops being open (while it waits for an introduction, it does not)."""
    return clock_start(request) + timedelta(days=expiry_days())


def is_overdue(request: IntroRequest, now: datetime | None = None) -> bool:
    return request.state == "open" and not request.awaiting_claim and (now or _now()) >= expires_at(request)


def effective_state(request: IntroRequest, now: datetime | None = None) -> str:
    """The state people see: an open request past its time reads as expired even before cron has run."""
    return "expired" if is_overdue(request, now) else request.state


def _signal(kind: str, request: IntroRequest, actor: User | None, reason: str | None = None) -> None:
    """Tell the matcher what happened to the pair (the match feedback signals); flushes only."""
    from app.services import matches

    matches.record_signal(kind, request.scenario_id, request.vendor_id, actor=actor, reason=reason)


def _load(request_id: int) -> IntroRequest | None:
    return db.session.get(
        IntroRequest,
        request_id,
        options=[
            so.joinedload(IntroRequest.scenario).joinedload(Scenario.owner),
            so.joinedload(IntroRequest.vendor).joinedload(VendorProfile.organization),
            so.joinedload(IntroRequest.requested_by),
            so.joinedload(IntroRequest.responded_by),
            so.joinedload(IntroRequest.connection),
        ],
    )


def _live_request(scenario_id: int, vendor_id: int) -> IntroRequest | None:
    return db.session.scalar(
        sa.select(IntroRequest)
        .where(
            IntroRequest.scenario_id == scenario_id,
            IntroRequest.vendor_id == vendor_id,
            IntroRequest.state.in_(LIVE_REQUEST_STATES),
        )
        .options(so.selectinload(IntroRequest.connection))
    )


def live_request_for(actor, scenario: Scenario) -> IntroRequest | None:
    """The actor's vendor's open or accepted request for this scenario (an overdue one counts as gone)."""
    if not (permissions.user_role(actor) == "vendor" and actor.organization is not None):
        return None
    profile = actor.organization.vendor_profile
    if profile is None:
        return None
    request = _live_request(scenario.id, profile.id)
    return None if request is None or is_overdue(request) else request


def scenario_details_visible(actor, scenario: Scenario) -> bool:
    """Whether the actor may read the scenario's details (for a confidential one: verified vendors with a request)."""
    if scenario.confidentiality == "public":
        return True
    has_request = live_request_for(actor, scenario) is not None
    return permissions.can_view_scenario_details(actor, scenario, has_live_request=has_request)


def _party_data(request: IntroRequest, about_org) -> dict:
    """What a notification says about the other side and the scenario, frozen at the time."""
    return {
        "org": about_org.name,
        "org_en": about_org.name_en or "",
        "scenario": request.scenario.title,
        "request_id": request.id,
    }


def _enterprise_people(request: IntroRequest, exclude: User | None = None) -> list[User]:
    return notifications.members(request.scenario.owner_id, exclude)


def _vendor_people(request: IntroRequest, exclude: User | None = None) -> list[User]:
    return notifications.members(request.vendor.organization_id, exclude)


def _requester_people(request: IntroRequest, exclude: User | None = None) -> list[User]:
    return _vendor_people(request, exclude) if request.kind == "interest" else _enterprise_people(request, exclude)


def _receiver_people(request: IntroRequest, exclude: User | None = None) -> list[User]:
    return _enterprise_people(request, exclude) if request.kind == "interest" else _vendor_people(request, exclude)


def _requester_org(request: IntroRequest):
    return request.vendor.organization if request.kind == "interest" else request.scenario.owner


def _receiver_org(request: IntroRequest):
    return request.scenario.owner if request.kind == "interest" else request.vendor.organization


def _leave_open(request: IntroRequest, state: str, **values) -> bool:
    """Move an open request to `state` with one conditional UPDATE; False if it was no longer open.

    Reading state == "open" and then writing lets two answers at once both go through (a declined request
    with a room). The database checks state = 'open' again under the row's write lock, so one answer wins.
    Flushes pending changes first; does not commit.
    """
    db.session.flush()
    result = execute_dml(
        sa.update(IntroRequest)
        .where(IntroRequest.id == request.id, IntroRequest.state == "open")
        .values(state=state, **values)
        .execution_options(synchronize_session=False)
    )
    # Read the row again on next use: this transaction's own write (or, with 0 rows, the answer that won).
    db.session.expire(request)
    return result.rowcount == 1


def _already_answered() -> InvalidInput:
    return InvalidInput(_("This request has already been answered."))


def _expire(request: IntroRequest, now: datetime) -> bool:
    """Mark an overdue request expired and tell both sides; False if it was answered meanwhile. Flushes only."""
    if not _leave_open(request, "expired", expired_at=now):
        return False
    for people, other in (
        (_requester_people(request), _receiver_org(request)),
        (_receiver_people(request), _requester_org(request)),
    ):
        notifications.notify(people, "request_expired", data=_party_data(request, other), request=request)
    return True


def _clear_overdue(scenario_id: int, vendor_id: int, now: datetime) -> IntroRequest | None:
    """The pair's live request after expiring it if it is overdue (so a new request can take its place)."""
    existing = _live_request(scenario_id, vendor_id)
    if existing is not None and is_overdue(existing, now):
        if _expire(existing, now):
            return None
        return _live_request(scenario_id, vendor_id)  # answered meanwhile: still live only if accepted
    return existing


def _match_snapshot(scenario_id: int, vendor_id: int) -> tuple[float | None, datetime | None]:
    row = db.session.execute(
        sa.select(Match.score, Match.computed_at).where(Match.scenario_id == scenario_id, Match.vendor_id == vendor_id)
    ).first()
    return (row[0], row[1]) if row else (None, None)


def _create(actor: User, scenario: Scenario, vendor: VendorProfile, kind: str, values: dict) -> IntroRequest:
    """Insert the request, or hand back the pair's live one if a double submit or the other side got there first."""
    now = _now()
    existing = _clear_overdue(scenario.id, vendor.id, now)
    if existing is not None:
        return existing
    score, matched_at = _match_snapshot(scenario.id, vendor.id)
    asked = scenario.owner if kind == "interest" else vendor.organization
    # Nobody can answer for an organization without members: the request waits for an admin's introduction.
    request = IntroRequest(
        kind=kind,
        state="open",
        scenario=scenario,
        vendor=vendor,
        requested_by=actor,
        created_at=now,
        match_score=score,
        matched_at=matched_at,
        awaiting_claim=asked.is_unclaimed,
        **values,
    )
    db.session.add(request)
    try:
        db.session.flush()
        notifications.notify(
            _receiver_people(request),
            "interest_received" if kind == "interest" else "invitation_received",
            data=_party_data(request, _requester_org(request)),
            request=request,
            extra=values.get("approach") or values.get("message") or "",
        )
        if request.awaiting_claim:
            introductions.tell_admins_request_waiting(request)
        _signal("interest" if kind == "interest" else "invited", request, actor)
        db.session.commit()
    except IntegrityError:
        # Two submits raced past the check above: the unique index kept the first; hand that one back.
        db.session.rollback()
        winner = _live_request(scenario.id, vendor.id)
        if winner is None:
            raise
        return winner
    return request


def _open_scenario(scenario_id: int) -> Scenario:
    scenario = db.session.get(Scenario, scenario_id, options=[so.joinedload(Scenario.owner)])
    if scenario is None or scenario.status not in ("published", "closed"):
        raise NotFound(_("No such scenario."))
    return scenario


def get_scenario_for_interest(actor: User, scenario_id: int) -> Scenario:
    """The published scenario a vendor wants to express interest in; NotFound or PermissionDenied."""
    scenario = _open_scenario(scenario_id)
    if not permissions.can_express_interest(actor, scenario):
        raise PermissionDenied(_("Only AI vendors can express interest in a scenario."))
    return scenario


def _own_profile(actor: User) -> VendorProfile:
    profile = actor.organization.vendor_profile if actor.organization else None
    if profile is None:
        raise PermissionDenied(_("Only AI vendors can express interest in a scenario."))
    if profile.status != "published":
        raise InvalidInput(_("Publish your vendor profile first, so the enterprise can read who you are."))
    return profile


def express_interest(actor: User, scenario_id: int, data: InterestInput) -> IntroRequest:
    """A vendor asks to meet about a published scenario with a short proposal; commit; tells the enterprise.

    Idempotent: if the pair already has a live request (either side's), that one is returned.
    """
    scenario = get_scenario_for_interest(actor, scenario_id)
    if scenario.status != "published":
        raise InvalidInput(_("This scenario is closed and no longer takes requests."))
    profile = _own_profile(actor)
    check_text(data.approach, "approach", APPROACH_MAX_CHARS, APPROACH_MIN_CHARS, single_line=False)
    check_text(data.similar_cases, "similar_cases", CASES_MAX_CHARS, single_line=False, required=False)
    check_text(data.rough_cost, "rough_cost", ESTIMATE_MAX_CHARS, required=False)
    check_text(data.rough_time, "rough_time", ESTIMATE_MAX_CHARS, required=False)
    values = {
        "approach": data.approach.strip(),
        "similar_cases": data.similar_cases.strip() or None,
        "rough_cost": data.rough_cost.strip() or None,
        "rough_time": data.rough_time.strip() or None,
    }
    return _create(actor, scenario, profile, "interest", values)


def get_invite_target(actor: User, scenario_id: int, vendor_id: int) -> tuple[Scenario, VendorProfile]:
    """The actor's scenario and a published vendor it may invite; NotFound for anything else."""
    scenario = db.session.get(Scenario, scenario_id, options=[so.joinedload(Scenario.owner)])
    if scenario is None or not permissions.can_invite_vendor(actor, scenario):
        raise NotFound(_("No such scenario."))
    vendor = db.session.get(VendorProfile, vendor_id, options=[so.joinedload(VendorProfile.organization)])
    if vendor is None or vendor.status != "published":
        raise NotFound(_("No such vendor."))
    return scenario, vendor


def invite_vendor(actor: User, scenario_id: int, vendor_id: int, data: InvitationInput) -> IntroRequest:
    """An enterprise invites a vendor to talk about one of its published scenarios; commit; tells the vendor.

    Idempotent like express_interest: the pair's live request, whoever made it, is returned.
    """
    scenario, vendor = get_invite_target(actor, scenario_id, vendor_id)
    if scenario.status != "published":
        raise InvalidInput(_("Only a published scenario can be used to invite vendors."))
    check_text(data.message, "message", INVITATION_MAX_CHARS, INVITATION_MIN_CHARS, single_line=False)
    return _create(actor, scenario, vendor, "invitation", {"message": data.message.strip()})


def get_request(actor: User, request_id: int) -> IntroRequest:
    """A request the actor may read (either side, or an admin); NotFound for anyone else."""
    request = _load(request_id)
    if request is None or not permissions.can_view_request(actor, request):
        raise NotFound(_("No such request."))
    return request


def _answerable(actor: User, request_id: int) -> IntroRequest:
    request = get_request(actor, request_id)
    if not permissions.can_respond_to_request(actor, request):
        raise PermissionDenied(_("Only the side that was asked can answer this request."))
    now = _now()
    if is_overdue(request, now):
        if not _expire(request, now):
            db.session.rollback()
            raise _already_answered()
        db.session.commit()
        raise InvalidInput(_("This request has expired. Either side can send a new one."))
    if request.state != "open":
        raise _already_answered()
    return request


def accept_request(actor: User, request_id: int) -> Connection:
    """Accept a request: the room opens and both sides see each other's contacts; commit; tells the requester.

    Accepting twice (a double click) hands back the room the first click opened.
    """
    request = get_request(actor, request_id)
    if (
        request.state == "accepted"
        and request.connection is not None
        and permissions.can_respond_to_request(actor, request)
    ):
        return request.connection
    request = _answerable(actor, request_id)
    if request.scenario.status != "published":
        raise InvalidInput(
            _("This scenario is no longer published, so a room cannot open for it. You can still decline.")
        )
    now = _now()
    # The room opens only if this answer is the one that moved the request out of "open".
    if not _leave_open(request, "accepted", responded_at=now, responded_by_id=actor.id):
        db.session.rollback()
        again = _load(request_id)
        if again is not None and again.state == "accepted" and again.connection is not None:
            return again.connection  # a double click, or a colleague accepted at the same moment
        raise _already_answered()
    connection = Connection(
        request=request,
        scenario_id=request.scenario_id,
        vendor_id=request.vendor_id,
        accepted_at=now,
        last_activity_at=now,
    )
    db.session.add(connection)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        again = _load(request_id)
        if again is not None and again.connection is not None:
            return again.connection
        raise
    notifications.notify(
        _requester_people(request, exclude=actor),
        "request_accepted",
        data=_party_data(request, _receiver_org(request)),
        request=request,
        connection=connection,
    )
    _signal("accepted", request, actor)
    db.session.commit()
    return connection


def decline_request(actor: User, request_id: int, data: DeclineInput) -> IntroRequest:
    """Decline a request with a reason (and, for "another reason", a note); commit; the requester is told why."""
    if data.reason not in DECLINE_REASONS:
        raise InvalidInput(_("Choose a reason."), field="reason")
    check_text(data.note, "note", DECLINE_NOTE_MAX_CHARS, single_line=False, required=data.reason == "other")
    request = _answerable(actor, request_id)
    if not _leave_open(
        request,
        "declined",
        responded_at=_now(),
        responded_by_id=actor.id,
        decline_reason=data.reason,
        decline_note=data.note.strip() or None,
    ):
        db.session.rollback()
        raise _already_answered()
    notifications.notify(
        _requester_people(request, exclude=actor),
        "request_declined",
        data={**_party_data(request, _receiver_org(request)), "reason": data.reason},
        request=request,
        extra=request.decline_note or "",
    )
    _signal(
        "declined", request, actor, reason=data.reason + (f": {request.decline_note}" if request.decline_note else "")
    )
    db.session.commit()
    return request


def withdraw_request(actor: User, request_id: int) -> IntroRequest:
    """The requesting side takes back an open request; commit."""
    request = get_request(actor, request_id)
    if not permissions.can_withdraw_request(actor, request):
        raise PermissionDenied(_("Only the side that sent this request can withdraw it."))
    if request.state != "open" or is_overdue(request):
        raise InvalidInput(_("Only a request still waiting for an answer can be withdrawn."))
    if not _leave_open(request, "withdrawn", withdrawn_at=_now()):
        db.session.rollback()
        raise _already_answered()
    db.session.commit()
    return request


# Lists --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestRow:
    request: IntroRequest
    state: str  # the effective state: an overdue open request reads "expired"
    expires_at: datetime | None  # for open requests
    incoming: bool  # the actor's side was asked

    @property
    def needs_answer(self) -> bool:
        return self.incoming and self.state == "open"


@dataclass(frozen=True)
class MyRequests:
    received: list[RequestRow]
    sent: list[RequestRow]

    @property
    def waiting(self) -> int:
        return sum(r.needs_answer for r in self.received)


def my_requests(actor: User) -> MyRequests:
    """The requests the actor's organization received and sent, newest first, with their effective state."""
    rows = _request_rows(actor)
    return MyRequests(received=[r for r in rows if r.incoming], sent=[r for r in rows if not r.incoming])


def my_request(actor: User, request_id: int) -> RequestRow:
    """One of the requests the actor's organization received or sent, as my_requests lists it; NotFound else."""
    rows = _request_rows(actor, request_id)
    if not rows:
        raise NotFound(_("No such request."))
    return rows[0]


def _request_rows(actor: User, request_id: int | None = None) -> list[RequestRow]:
    if not permissions.can_list_requests(actor):
        raise PermissionDenied(_("Only enterprise and vendor accounts have requests."))
    org_id = actor.organization_id
    stmt = (
        sa.select(IntroRequest)
        .join(Scenario, Scenario.id == IntroRequest.scenario_id)
        .join(VendorProfile, VendorProfile.id == IntroRequest.vendor_id)
        .options(
            so.contains_eager(IntroRequest.scenario).joinedload(Scenario.owner),
            so.contains_eager(IntroRequest.vendor).joinedload(VendorProfile.organization),
            so.selectinload(IntroRequest.connection),
        )
        .order_by(IntroRequest.created_at.desc(), IntroRequest.id.desc())
    )
    if actor.role == "enterprise":
        stmt = stmt.where(Scenario.owner_id == org_id)
        incoming_kind = "interest"
    else:
        stmt = stmt.where(VendorProfile.organization_id == org_id)
        incoming_kind = "invitation"
    if request_id is not None:
        stmt = stmt.where(IntroRequest.id == request_id)
    now = _now()
    return [
        RequestRow(
            r,
            effective_state(r, now),
            expires_at(r) if r.state == "open" and not r.awaiting_claim else None,
            r.kind == incoming_kind,
        )
        for r in db.session.scalars(stmt).unique()
    ]


def interest_counts(scenario_ids) -> dict[int, int]:
    """How many requests (interest or invitations, any state but withdrawn) each scenario has."""
    ids = list(scenario_ids)
    if not ids:
        return {}
    return dict(
        db.session.execute(
            sa.select(IntroRequest.scenario_id, sa.func.count(IntroRequest.id))
            .where(IntroRequest.scenario_id.in_(ids), IntroRequest.state != "withdrawn")
            .group_by(IntroRequest.scenario_id)
        ).all()
    )


def pair_states(scenario_id: int, vendor_ids) -> dict[int, IntroRequest]:
    """The latest request of each listed vendor for one scenario (for "invite" buttons on suggested vendors)."""
    ids = list(vendor_ids)
    if not ids:
        return {}
    out: dict[int, IntroRequest] = {}
    for request in db.session.scalars(
        sa.select(IntroRequest)
        .where(IntroRequest.scenario_id == scenario_id, IntroRequest.vendor_id.in_(ids))
        .order_by(IntroRequest.created_at, IntroRequest.id)
    ):
        out[request.vendor_id] = request
    return out


# Cron ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpiryReport:
    warned: int
    expired: int

    def summary(self) -> str:
        return f"{self.warned} requests about to expire (both sides warned), {self.expired} expired (both sides told)."


def expire_requests(now: datetime | None = None) -> ExpiryReport:
    """Warn both sides of requests about to expire and expire overdue ones; idempotent; commits per request."""
    now = now or _now()
    days = expiry_days()
    warn_days = min(int(current_app.config["REQUEST_EXPIRY_WARNING_DAYS"]), days)
    deadline = now - timedelta(days=days)
    warn_from = now - timedelta(days=days - warn_days)
    started = sa.func.coalesce(IntroRequest.clock_started_at, IntroRequest.created_at)
    ticking = sa.and_(IntroRequest.state == "open", IntroRequest.awaiting_claim.is_(False))
    overdue_ids = list(
        db.session.scalars(sa.select(IntroRequest.id).where(ticking, started <= deadline).order_by(IntroRequest.id))
    )
    expired = 0
    for request_id in overdue_ids:
        request = _load(request_id)
        if request is None or not is_overdue(request, now):
            continue
        if not _expire(request, now):  # answered while cron ran
            db.session.rollback()
            continue
        db.session.commit()
        expired += 1
    warn_ids = list(
        db.session.scalars(
            sa.select(IntroRequest.id)
            .where(ticking, IntroRequest.expiry_warned_at.is_(None), started <= warn_from, started > deadline)
            .order_by(IntroRequest.id)
        )
    )
    warned = 0
    for request_id in warn_ids:
        request = _load(request_id)
        if request is None or request.state != "open" or request.expiry_warned_at is not None:
            continue
        # Warn once, and only about a request still open: another cron run or an answer may have come first.
        warned_now = execute_dml(
            sa.update(IntroRequest)
            .where(IntroRequest.id == request.id, IntroRequest.state == "open", IntroRequest.expiry_warned_at.is_(None))
            .values(expiry_warned_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.expire(request)
        if warned_now != 1:
            db.session.rollback()
            continue
        when = expires_at(request).isoformat()
        for people, other in (
            (_requester_people(request), _receiver_org(request)),
            (_receiver_people(request), _requester_org(request)),
        ):
            notifications.notify(
                people, "request_expiring", data={**_party_data(request, other), "expires_at": when}, request=request
            )
        db.session.commit()
        warned += 1
    return ExpiryReport(warned=warned, expired=expired)


# Duplicate merge ------------------------------------------------------------------------------------------


def move_requests(from_scenario_id: int, to_scenario_id: int) -> int:
    """Move a duplicate scenario's requests and rooms to the scenario kept; flushes, does not commit.

    A pair that already has a live request or a room on the kept scenario keeps that one: the duplicate's
    open request is withdrawn and its room stays on the duplicate (it is still readable there).
    Returns how many requests moved.
    """
    kept_live = set(
        db.session.scalars(
            sa.select(IntroRequest.vendor_id).where(
                IntroRequest.scenario_id == to_scenario_id, IntroRequest.state.in_(LIVE_REQUEST_STATES)
            )
        )
    )
    kept_rooms = set(
        db.session.scalars(sa.select(Connection.vendor_id).where(Connection.scenario_id == to_scenario_id))
    )
    moved = 0
    now = _now()
    for request in db.session.scalars(sa.select(IntroRequest).where(IntroRequest.scenario_id == from_scenario_id)):
        live = request.state in LIVE_REQUEST_STATES
        if live and request.vendor_id in kept_live | kept_rooms:
            if request.state == "open":
                request.state, request.withdrawn_at = "withdrawn", now
            continue
        request.scenario_id = to_scenario_id
        moved += 1
        if live:
            kept_live.add(request.vendor_id)
    for connection in db.session.scalars(sa.select(Connection).where(Connection.scenario_id == from_scenario_id)):
        if connection.vendor_id not in kept_rooms and connection.request.scenario_id == to_scenario_id:
            connection.scenario_id = to_scenario_id
            kept_rooms.add(connection.vendor_id)
    db.session.flush()
    return moved
