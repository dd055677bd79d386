"""Introductions: requests to organizations nobody has claimed yet, and the claim invitations that bring them in.

An organization with no member (a listing from the city list, the seed or an import) is *unclaimed*. A
request to it waits (IntroRequest.awaiting_claim) in the admins' queue at /admin/introductions instead of
running out its time. An admin emails a claim invitation: a signed, expiring link that lets the recipient
register into that organization. When the address is at the organization's website domain, registering
claims it at once; otherwise the registration waits for an admin's approval and nobody is a member until
then. Once claimed, the waiting requests appear for the new member with their original dates, and their
expiry clock starts at that moment.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import overload
from urllib.parse import urlsplit

import sqlalchemy as sa
import sqlalchemy.orm as so
from email_validator import EmailNotValidError, validate_email
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import Message as MailMessage
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError

from app import permissions
from app.extensions import db
from app.models import LIVE_CLAIM_STATES, ClaimInvitation, IntroRequest, Organization, Scenario, User, VendorProfile
from app.services import audit, notifications
from app.services.accounts import _check_new_password, email_taken, hash_password, normalize_email
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import ClaimInviteInput, ClaimRegistrationInput, OrganizationContactInput
from app.services.text import check_text, normalize

_CLAIM_SALT = "keting.claim-invitation"
NOTE_MAX_CHARS = 1000
NAME_MAX_CHARS = 100
PHONE_MAX_CHARS = 40
INVITE_LOCALES = ("zh_Hans", "en")
QUEUE_VIEWS = ("waiting", "invited", "approval", "claimed", "closed", "all")
BULK_MAX = 200
_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


class InvalidClaimLink(InvalidInput):
    """The claim link is malformed, expired, already used, or replaced by a newer one."""


def _now() -> datetime:
    return datetime.now(UTC)


@overload
def _utc(moment: datetime) -> datetime: ...
@overload
def _utc(moment: None) -> None: ...
@overload
def _utc(moment: datetime | None) -> datetime | None: ...
def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _require_admin(actor) -> None:
    if not permissions.can_manage_introductions(actor):
        raise PermissionDenied(_("Only admins can introduce organizations."))


# Contacts and domains -----------------------------------------------------------------------------------


def website_domain(website: str | None) -> str | None:
    """The host of an organization's website without a leading www. (None when there is no usable one)."""
    if not website:
        return None
    text = website.strip()
    host = urlsplit(text if "://" in text else "http://" + text).hostname
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def email_matches_website(email: str, website: str | None) -> bool:
    """Whether an address is at the organization's own domain (or a subdomain of it, or it of the address's)."""
    site = website_domain(website)
    if site is None or "@" not in email:
        return False
    domain = email.rsplit("@", 1)[1].lower().rstrip(".")
    return domain == site or domain.endswith("." + site) or site.endswith("." + domain)


def _check_email(email: str, field_name: str = "email") -> str:
    value = normalize_email(email or "")
    if not value:
        raise InvalidInput(_("Enter an email address."), field=field_name)
    if len(value) > 254 or not value.isascii():
        raise InvalidInput(_("This does not look like an email address."), field=field_name)
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(_("This does not look like an email address."), field=field_name) from exc
    return value


def suggested_email(org: Organization, scenarios: Iterable[Scenario] = ()) -> str | None:
    """The address to invite: the organization's recorded contact, else one written in a scenario's contact."""
    if org.contact_email:
        return org.contact_email
    for scenario in scenarios:
        found = _EMAIL_IN_TEXT.search(scenario.contact or "")
        if found:
            return found.group(0).lower()
    return None


def update_contact(actor: User, org_id: int, data: OrganizationContactInput) -> Organization:
    """Record whom to write to about an organization; commit; audited."""
    _require_admin(actor)
    org = db.session.get(Organization, org_id)
    if org is None:
        raise NotFound(_("No such organization."))
    name = normalize(data.contact_name)
    phone = normalize(data.contact_phone)
    check_text(name, "contact_name", NAME_MAX_CHARS, required=False)
    check_text(phone, "contact_phone", PHONE_MAX_CHARS, required=False)
    if phone and not re.fullmatch(r"[0-9+()\- ]{5,40}", phone):
        raise InvalidInput(_("Write the phone number with digits, spaces, + - ( ) only."), field="contact_phone")
    email = _check_email(data.contact_email, "contact_email") if data.contact_email.strip() else None
    before = {"contact_name": org.contact_name, "contact_email": org.contact_email, "contact_phone": org.contact_phone}
    org.contact_name, org.contact_email, org.contact_phone = name or None, email, phone or None
    after = {"contact_name": org.contact_name, "contact_email": org.contact_email, "contact_phone": org.contact_phone}
    old, new = audit.changes(before, after)
    if new:
        audit.record(actor, "organization.contact", "organization", org.id, org.name, before=old, after=new)
    db.session.commit()
    return org


# The queue ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    """One unclaimed (or just claimed) organization: what waits for it, whom to write to, what happened."""

    organization: Organization
    waiting: list[IntroRequest]
    invitations: list[ClaimInvitation]  # newest first
    suggested_email: str | None
    contacts: list[str]  # the scenarios' recorded contact lines

    @property
    def latest(self) -> ClaimInvitation | None:
        return self.invitations[0] if self.invitations else None

    @property
    def live(self) -> ClaimInvitation | None:
        return next((i for i in self.invitations if i.state in LIVE_CLAIM_STATES), None)

    @property
    def stage(self) -> str:
        """Where the organization stands: waiting (not invited yet), invited, approval, claimed, closed."""
        if not self.organization.is_unclaimed:
            return "claimed"
        live = self.live
        if live is None:
            latest = self.latest
            return "closed" if latest is not None and latest.state in ("bounced", "declined", "rejected") else "waiting"
        return "approval" if live.state == "awaiting_approval" else "invited"


@dataclass(frozen=True)
class Queue:
    view: str
    items: list[QueueItem]
    counts: dict[str, int]


def _waiting_requests(org_ids: list[int] | None = None) -> list[IntroRequest]:
    """Open requests still waiting for their asked organization to be claimed, oldest first."""
    stmt = (
        sa.select(IntroRequest)
        .where(IntroRequest.state == "open", IntroRequest.awaiting_claim.is_(True))
        .options(
            so.joinedload(IntroRequest.scenario).joinedload(Scenario.owner),
            so.joinedload(IntroRequest.vendor).joinedload(VendorProfile.organization),
            so.joinedload(IntroRequest.requested_by),
        )
        .order_by(IntroRequest.created_at, IntroRequest.id)
    )
    rows = list(db.session.scalars(stmt).unique())
    if org_ids is not None:
        wanted = set(org_ids)
        rows = [r for r in rows if asked_org(r).id in wanted]
    return rows


def asked_org(request: IntroRequest) -> Organization:
    return request.scenario.owner if request.kind == "interest" else request.vendor.organization


def introduction_queue(actor: User, view: str = "waiting", org_id: int | None = None) -> Queue:
    """The organizations requests wait for (and those invited or recently claimed), by stage; admins only.

    With org_id, only that organization, even when nothing waits for it yet (to invite it by hand).
    """
    _require_admin(actor)
    view = view if view in QUEUE_VIEWS else "waiting"
    waiting = _waiting_requests()
    by_org: dict[int, list[IntroRequest]] = {}
    orgs: dict[int, Organization] = {}
    for request in waiting:
        org = asked_org(request)
        by_org.setdefault(org.id, []).append(request)
        orgs[org.id] = org
    invitations = list(
        db.session.scalars(
            sa.select(ClaimInvitation)
            .options(
                so.joinedload(ClaimInvitation.organization),
                so.joinedload(ClaimInvitation.sent_by),
                so.joinedload(ClaimInvitation.decided_by),
                so.joinedload(ClaimInvitation.closed_by),
                so.joinedload(ClaimInvitation.claimed_user),
            )
            .order_by(ClaimInvitation.sent_at.desc(), ClaimInvitation.id.desc())
        ).unique()
    )
    invites_by_org: dict[int, list[ClaimInvitation]] = {}
    for invitation in invitations:
        invites_by_org.setdefault(invitation.organization_id, []).append(invitation)
        orgs.setdefault(invitation.organization_id, invitation.organization)
    in_queue = set(orgs)
    if org_id is not None and org_id not in orgs:
        chosen_org = db.session.get(Organization, org_id)
        if chosen_org is None:
            raise NotFound(_("No such organization."))
        orgs[org_id] = chosen_org
    scenarios_by_org: dict[int, list[Scenario]] = {}
    if orgs:
        for scenario in db.session.scalars(
            sa.select(Scenario)
            .where(Scenario.owner_id.in_(list(orgs)), Scenario.contact.is_not(None))
            .order_by(Scenario.id)
        ):
            scenarios_by_org.setdefault(scenario.owner_id, []).append(scenario)
    items = []
    for org_id, org in orgs.items():
        scenarios = scenarios_by_org.get(org_id, [])
        contacts = list(dict.fromkeys(s.contact for s in scenarios if s.contact and s.contact.strip()))[:3]
        items.append(
            QueueItem(
                org, by_org.get(org_id, []), invites_by_org.get(org_id, []), suggested_email(org, scenarios), contacts
            )
        )
    counts = {v: 0 for v in QUEUE_VIEWS}
    for item in items:
        if item.organization.id in in_queue:
            counts[item.stage] += 1
            counts["all"] += 1
    if org_id is not None:
        chosen = [i for i in items if i.organization.id == org_id]
    else:
        chosen = [i for i in items if view == "all" or i.stage == view]

    def oldest(item: QueueItem) -> tuple:
        first = item.waiting[0].created_at if item.waiting else None
        latest = item.latest.sent_at if item.latest else None
        return (_utc(first or latest) or _now(), item.organization.id)

    chosen.sort(key=oldest, reverse=view in ("claimed", "closed"))
    return Queue("" if org_id is not None else view, chosen, counts)


def waiting_count() -> int:
    """How many requests wait for an introduction (for the admin navigation)."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(IntroRequest.id)).where(
                IntroRequest.state == "open", IntroRequest.awaiting_claim.is_(True)
            )
        )
        or 0
    )


@dataclass(frozen=True)
class UnclaimedRow:
    organization: Organization
    waiting: int
    live: ClaimInvitation | None


UNCLAIMED_SHOWN = 100


def unclaimed_organizations(
    actor: User, kind: str | None = None, only_with_email: bool = False, q: str = "", limit: int = UNCLAIMED_SHOWN
) -> list[UnclaimedRow]:
    """Organizations without members, for bulk claim invitations; those with waiting requests first.

    A national catalogue has tens of thousands of them: every one that requests wait for comes first, then the
    others by name up to `limit` (the page asks for a search to find the rest).
    """
    _require_admin(actor)
    stmt = sa.select(Organization).where(~Organization.has_members).order_by(Organization.name, Organization.id)
    if kind in ("enterprise", "vendor"):
        stmt = stmt.where(Organization.kind == kind)
    if only_with_email:
        stmt = stmt.where(Organization.contact_email.is_not(None))
    term = normalize(q)[:100]
    if term:
        like = f"%{term}%"
        stmt = stmt.where(sa.or_(Organization.name.ilike(like), Organization.name_en.ilike(like)))
    waiting: dict[int, int] = {}
    for request in _waiting_requests():
        org_id = asked_org(request).id
        waiting[org_id] = waiting.get(org_id, 0) + 1
    orgs = list(db.session.scalars(stmt.where(Organization.id.in_(list(waiting))))) if waiting else []
    if len(orgs) < limit:
        others = stmt.where(Organization.id.not_in(list(waiting))) if waiting else stmt
        orgs += db.session.scalars(others.limit(limit - len(orgs)))
    live = {
        i.organization_id: i
        for i in db.session.scalars(sa.select(ClaimInvitation).where(ClaimInvitation.state.in_(LIVE_CLAIM_STATES)))
    }
    rows = [UnclaimedRow(o, waiting.get(o.id, 0), live.get(o.id)) for o in orgs]
    rows.sort(key=lambda r: (-r.waiting, r.organization.name))
    return rows


# Signed links ------------------------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_CLAIM_SALT)


def max_age_seconds() -> int:
    return int(current_app.config["CLAIM_INVITATION_DAYS"]) * 86400


def make_claim_token(invitation: ClaimInvitation) -> str:
    return _serializer().dumps({"i": invitation.id, "n": invitation.nonce})


def claim_link(invitation: ClaimInvitation) -> str:
    """The link in the email; it opens the page in the email's language."""
    return notifications.absolute_url(
        "introductions.claim", token=make_claim_token(invitation), lang="en" if invitation.locale == "en" else "zh"
    )


def invitation_for_token(token: str) -> ClaimInvitation:
    """The invitation a claim link names, while it is unexpired, unused and not replaced; else InvalidClaimLink."""
    try:
        payload = _serializer().loads(token or "", max_age=max_age_seconds())
    except SignatureExpired as exc:
        raise InvalidClaimLink(_("This invitation link has expired. Write to the Keting team for a new one.")) from exc
    except BadSignature as exc:
        raise InvalidClaimLink(_("This invitation link is not valid. Check that it was copied whole.")) from exc
    invitation = None
    if isinstance(payload, dict) and isinstance(payload.get("i"), int):
        invitation = db.session.get(
            ClaimInvitation, payload["i"], options=[so.joinedload(ClaimInvitation.organization)]
        )
    if invitation is None or invitation.nonce != payload.get("n"):
        raise InvalidClaimLink(_("This invitation link is not valid. Check that it was copied whole."))
    if invitation.state in ("awaiting_approval", "claimed"):
        raise InvalidClaimLink(
            _("This invitation link has already been used. Log in, or wait for the Keting team's approval email.")
        )
    if invitation.state not in LIVE_CLAIM_STATES:
        raise InvalidClaimLink(_("This invitation is no longer valid. Write to the Keting team for a new one."))
    if not invitation.organization.is_unclaimed:
        raise InvalidClaimLink(
            _(
                "Someone from this organization has already joined Keting. Ask them to add you, "
                "or write to the Keting team."
            )
        )
    return invitation


# Sending invitations -------------------------------------------------------------------------------------


def _invitation_email(invitation: ClaimInvitation, waiting: list[IntroRequest]) -> MailMessage:
    org = invitation.organization
    with force_locale(invitation.locale):
        subject = _("%(org)s: you are invited to Keting (客厅)", org=org.display_name(invitation.locale))
        body = render_template(
            "introductions/email/claim_invitation.txt",
            invitation=invitation,
            org=org,
            waiting=waiting,
            link=claim_link(invitation),
            days=int(current_app.config["CLAIM_INVITATION_DAYS"]),
            expiry_days=int(current_app.config["REQUEST_EXPIRY_DAYS"]),
            needs_approval=not invitation.domain_matches,
            locale=invitation.locale,
        )
    return MailMessage(subject=subject, recipients=[invitation.email], body=body)


def _supersede_live(org_id: int, actor: User, now: datetime) -> None:
    for old in db.session.scalars(
        sa.select(ClaimInvitation).where(
            ClaimInvitation.organization_id == org_id, ClaimInvitation.state.in_(LIVE_CLAIM_STATES)
        )
    ):
        old.state, old.closed_at, old.closed_by_id = "superseded", now, actor.id
        old.registrant_password_hash = None
    db.session.flush()


def _invite(actor: User, org: Organization, email: str, locale: str, note: str, now: datetime) -> ClaimInvitation:
    """Add one invitation (superseding any in flight), its audit entry and its email; flushes only."""
    _supersede_live(org.id, actor, now)
    invitation = ClaimInvitation(
        organization=org,
        email=email,
        locale=locale,
        state="invited",
        nonce=secrets.token_hex(16),
        domain_matches=email_matches_website(email, org.website),
        note=note or None,
        sent_at=now,
        sent_by_id=actor.id,
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record(
        actor,
        "introduction.invite",
        "organization",
        org.id,
        org.name,
        after={
            "email": email,
            "locale": locale,
            "domain_matches": invitation.domain_matches,
            "invitation": invitation.id,
        },
    )
    notifications.queue_mail(_invitation_email(invitation, _waiting_requests([org.id])))
    return invitation


def _unclaimed(org_id: int) -> Organization:
    org = db.session.get(Organization, org_id)
    if org is None:
        raise NotFound(_("No such organization."))
    if not org.is_unclaimed:
        raise InvalidInput(
            _("%(org)s already has members on Keting; they answer their requests themselves.", org=org.name)
        )
    return org


def send_claim_invitation(actor: User, org_id: int, data: ClaimInviteInput) -> ClaimInvitation:
    """Email a claim invitation to an unclaimed organization (replacing one in flight); commit; audited."""
    _require_admin(actor)
    org = _unclaimed(org_id)
    email = _check_email(data.email)
    locale = data.locale if data.locale in INVITE_LOCALES else "zh_Hans"
    note = normalize(data.note, multiline=True)
    check_text(note, "note", NOTE_MAX_CHARS, single_line=False, required=False)
    if email_taken(email):
        raise InvalidInput(
            _("%(email)s already has a Keting account, which belongs to another organization.", email=email),
            field="email",
        )
    invitation = _invite(actor, org, email, locale, note, _now())
    if not org.contact_email:
        org.contact_email = email  # the address that worked once is the one to use next time
    db.session.commit()
    return invitation


@dataclass
class BulkReport:
    sent: list[Organization] = field(default_factory=list)
    no_email: list[Organization] = field(default_factory=list)
    already_invited: list[Organization] = field(default_factory=list)
    not_unclaimed: list[Organization] = field(default_factory=list)
    email_taken: list[Organization] = field(default_factory=list)


def bulk_claim_invite(actor: User, org_ids: Iterable[int], locale: str = "zh_Hans") -> BulkReport:
    """One claim invitation to each chosen unclaimed organization's recorded contact; commit once.

    Skipped, and reported: no contact email, an invitation already in flight, members already, an address
    that is already someone's account.
    """
    _require_admin(actor)
    ids = list(dict.fromkeys(int(i) for i in org_ids))[:BULK_MAX]
    if not ids:
        raise InvalidInput(_("Choose at least one organization."))
    locale = locale if locale in INVITE_LOCALES else "zh_Hans"
    orgs = list(
        db.session.scalars(
            sa.select(Organization).where(Organization.id.in_(ids)).order_by(Organization.name, Organization.id)
        )
    )
    live = set(
        db.session.scalars(
            sa.select(ClaimInvitation.organization_id).where(
                ClaimInvitation.organization_id.in_(ids), ClaimInvitation.state.in_(LIVE_CLAIM_STATES)
            )
        )
    )
    report = BulkReport()
    now = _now()
    for org in orgs:
        email = suggested_email(
            org,
            db.session.scalars(sa.select(Scenario).where(Scenario.owner_id == org.id, Scenario.contact.is_not(None))),
        )
        if not org.is_unclaimed:
            report.not_unclaimed.append(org)
        elif org.id in live:
            report.already_invited.append(org)
        elif not email:
            report.no_email.append(org)
        elif email_taken(email):
            report.email_taken.append(org)
        else:
            try:
                email = _check_email(email)
            except InvalidInput:
                report.no_email.append(org)
                continue
            _invite(actor, org, email, locale, "", now)
            report.sent.append(org)
    audit.record(
        actor,
        "introduction.bulk_invite",
        "organization",
        None,
        None,
        after={
            "sent": [o.id for o in report.sent],
            "no_email": [o.id for o in report.no_email],
            "already_invited": [o.id for o in report.already_invited],
            "email_taken": [o.id for o in report.email_taken],
        },
    )
    db.session.commit()
    return report


def close_invitation(actor: User, invitation_id: int, outcome: str, note: str = "") -> ClaimInvitation:
    """Record that an invitation bounced or was declined; commit; audited. The requests keep waiting."""
    _require_admin(actor)
    if outcome not in ("bounced", "declined"):
        raise InvalidInput(_("Choose what happened."), field="outcome")
    note = normalize(note, multiline=True)
    check_text(note, "note", NOTE_MAX_CHARS, single_line=False, required=False)
    invitation = _get_invitation(invitation_id)
    if invitation.state not in ("invited", "opened"):
        raise InvalidInput(_("Only an invitation still waiting for a registration can be marked this way."))
    before = invitation.state
    now = _now()
    invitation.state, invitation.closed_at, invitation.closed_by_id = outcome, now, actor.id
    if note:
        invitation.note = "\n".join(filter(None, [invitation.note, note]))
    audit.record(
        actor,
        f"introduction.{outcome}",
        "organization",
        invitation.organization_id,
        invitation.organization.name,
        before={"state": before},
        after={"state": outcome, "email": invitation.email},
        note=note,
    )
    db.session.commit()
    return invitation


def _get_invitation(invitation_id: int) -> ClaimInvitation:
    invitation = db.session.get(ClaimInvitation, invitation_id, options=[so.joinedload(ClaimInvitation.organization)])
    if invitation is None:
        raise NotFound(_("No such invitation."))
    return invitation


def _admins() -> list[User]:
    return list(
        db.session.scalars(sa.select(User).where(User.role == "admin", User.is_active.is_(True)).order_by(User.id))
    )


def tell_admins_request_waiting(request: IntroRequest) -> None:
    """Tell the admins that a new request waits for an introduction (their notification settings apply)."""
    asked = asked_org(request)
    requester = request.vendor.organization if request.kind == "interest" else request.scenario.owner
    notifications.notify(
        _admins(),
        "introduction_needed",
        data={
            "org": requester.name,
            "org_en": requester.name_en or "",
            "scenario": request.scenario.title,
            "to": asked.name,
            "request_id": request.id,
        },
        request=request,
        extra=request.approach or request.message or "",
    )


def waiting_for(org: Organization) -> list[IntroRequest]:
    """The requests waiting for this organization, oldest first (shown on its claim page and in its email)."""
    return _waiting_requests([org.id])


# The recipient's side -------------------------------------------------------------------------------------


def open_claim_link(token: str) -> ClaimInvitation:
    """The invitation behind a link; the first visit is recorded (invited → opened); commit."""
    invitation = invitation_for_token(token)
    if invitation.state == "invited":
        invitation.state, invitation.opened_at = "opened", _now()
        db.session.commit()
    return invitation


@dataclass(frozen=True)
class ClaimResult:
    invitation: ClaimInvitation
    user: User | None  # None while the registration waits for an admin's approval


def register_through_claim(data: ClaimRegistrationInput) -> ClaimResult:
    """Register the invited person into the organization; commit.

    At the organization's website domain this claims it at once (the waiting requests are released);
    otherwise the registration is kept on the invitation for an admin to approve.
    """
    invitation = invitation_for_token(data.token)
    name = normalize(data.display_name)
    check_text(name, "display_name", NAME_MAX_CHARS)
    _check_new_password(data.password, "password")
    if email_taken(invitation.email):
        raise InvalidInput(_("An account with this email already exists. Log in, or write to the Keting team."))
    now = _now()
    invitation.registered_at, invitation.registrant_name = now, name
    invitation.opened_at = invitation.opened_at or now
    if data.locale in INVITE_LOCALES:
        invitation.locale = data.locale
    if not invitation.domain_matches:
        invitation.state = "awaiting_approval"
        invitation.registrant_password_hash = hash_password(data.password)
        notifications.notify(
            _admins(), "claim_awaiting_approval", data={"email": invitation.email, "to": invitation.organization.name}
        )
        audit.record(
            None,
            "introduction.registered",
            "organization",
            invitation.organization_id,
            invitation.organization.name,
            after={"email": invitation.email, "state": "awaiting_approval"},
        )
        db.session.commit()
        return ClaimResult(invitation, None)
    user, released = _claim(invitation, hash_password(data.password), now)
    audit.record(
        user,
        "introduction.claimed",
        "organization",
        invitation.organization_id,
        invitation.organization.name,
        after={"email": invitation.email, "user": user.id, "released_requests": released},
    )
    try:
        db.session.commit()
    except IntegrityError as exc:  # the same address registered elsewhere at this very moment
        db.session.rollback()
        raise InvalidInput(
            _("An account with this email already exists. Log in, or write to the Keting team.")
        ) from exc
    return ClaimResult(invitation, user)


def _claim(invitation: ClaimInvitation, password_hash: str, now: datetime) -> tuple[User, int]:
    """Make the member, close the invitation as claimed and release the waiting requests; flushes only."""
    org = invitation.organization
    user = User(
        email=invitation.email,
        password_hash=password_hash,
        role=org.kind,
        organization=org,
        display_name=invitation.registrant_name or "",
        locale=invitation.locale,
    )
    db.session.add(user)
    db.session.flush()
    invitation.state, invitation.claimed_at, invitation.claimed_user_id = "claimed", now, user.id
    invitation.registrant_password_hash = None
    if org.kind == "vendor" and org.vendor_profile is None:
        db.session.add(VendorProfile(organization=org, status="draft", languages=[]))
    db.session.flush()
    return user, release_waiting_requests(org, now)


def release_waiting_requests(org: Organization, now: datetime | None = None) -> int:
    """Start the clock of every request waiting for this organization and tell both sides; flushes only."""
    from app.services import requests as request_service

    now = now or _now()
    released = 0
    for request in _waiting_requests([org.id]):
        request.awaiting_claim, request.clock_started_at = False, now
        db.session.flush()
        requester_org = request.vendor.organization if request.kind == "interest" else request.scenario.owner
        data = {
            "org": requester_org.name,
            "org_en": requester_org.name_en or "",
            "scenario": request.scenario.title,
            "request_id": request.id,
        }
        notifications.notify(
            notifications.members(org.id),
            "interest_received" if request.kind == "interest" else "invitation_received",
            data=data,
            request=request,
            extra=request.approach or request.message or "",
        )
        notifications.notify(
            notifications.members(requester_org.id),
            "request_introduced",
            data={
                "org": org.name,
                "org_en": org.name_en or "",
                "scenario": request.scenario.title,
                "request_id": request.id,
                "expires_at": request_service.expires_at(request).isoformat(),
            },
            request=request,
        )
        released += 1
    return released


def approve_registration(actor: User, invitation_id: int) -> User:
    """Approve a registration whose address is outside the organization's domain: the member is made; commit."""
    _require_admin(actor)
    invitation = _get_invitation(invitation_id)
    if invitation.state != "awaiting_approval":
        raise InvalidInput(_("This registration is not waiting for approval."))
    if not invitation.organization.is_unclaimed:
        raise InvalidInput(_("Someone from this organization has already joined Keting."))
    if email_taken(invitation.email):
        raise InvalidInput(
            _("%(email)s already has a Keting account, which belongs to another organization.", email=invitation.email)
        )
    now = _now()
    invitation.decided_at, invitation.decided_by_id = now, actor.id
    password_hash = invitation.registrant_password_hash
    if password_hash is None:  # set with the registration that put it in awaiting_approval
        raise InvalidInput(_("This registration is not waiting for approval."))
    user, released = _claim(invitation, password_hash, now)
    audit.record(
        actor,
        "introduction.approve",
        "organization",
        invitation.organization_id,
        invitation.organization.name,
        before={"state": "awaiting_approval"},
        after={"state": "claimed", "email": invitation.email, "user": user.id, "released_requests": released},
    )
    notifications.queue_mail(_decision_email(invitation, approved=True))
    db.session.commit()
    return user


def reject_registration(actor: User, invitation_id: int, note: str = "") -> ClaimInvitation:
    """Refuse a registration that waits for approval; the person is told; the requests keep waiting; commit."""
    _require_admin(actor)
    note = normalize(note, multiline=True)
    check_text(note, "note", NOTE_MAX_CHARS, single_line=False, required=False)
    invitation = _get_invitation(invitation_id)
    if invitation.state != "awaiting_approval":
        raise InvalidInput(_("This registration is not waiting for approval."))
    now = _now()
    invitation.state, invitation.decided_at, invitation.decided_by_id = "rejected", now, actor.id
    invitation.closed_at, invitation.closed_by_id = now, actor.id
    invitation.registrant_password_hash = None
    audit.record(
        actor,
        "introduction.reject",
        "organization",
        invitation.organization_id,
        invitation.organization.name,
        before={"state": "awaiting_approval"},
        after={"state": "rejected", "email": invitation.email},
        note=note,
    )
    notifications.queue_mail(_decision_email(invitation, approved=False, note=note))
    db.session.commit()
    return invitation


def _decision_email(invitation: ClaimInvitation, approved: bool, note: str = "") -> MailMessage:
    org = invitation.organization
    with force_locale(invitation.locale):
        subject = (
            _("Your Keting account for %(org)s is ready", org=org.display_name(invitation.locale))
            if approved
            else _("Your registration for %(org)s on Keting", org=org.display_name(invitation.locale))
        )
        body = render_template(
            "introductions/email/claim_decision.txt",
            invitation=invitation,
            org=org,
            approved=approved,
            note=note,
            locale=invitation.locale,
            login_url=notifications.absolute_url("auth.login"),
            requests_url=notifications.absolute_url("requests.my_requests"),
        )
    return MailMessage(subject=subject, recipients=[invitation.email], body=body)


def invitation_expires_at(invitation: ClaimInvitation) -> datetime:
    return _utc(invitation.sent_at) + timedelta(days=int(current_app.config["CLAIM_INVITATION_DAYS"]))
