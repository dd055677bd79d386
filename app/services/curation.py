"""Admin curation: the review queue of scenarios and vendor profiles, organization verification, suspending users.

Every action checks its rule in app/permissions.py, writes an audit entry with the values before and after,
commits once, and only then emails the owner (a rolled-back decision never mails anyone). Publishing or
unpublishing a listing tells the matcher (`matches.listing_changed`) inside the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import Message

from app import permissions
from app.extensions import db
from app.mailer import send_message
from app.models import DuplicateFlag, Industry, Organization, Scenario, User, VendorProfile
from app.services import audit, scenarios
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import ScenarioInput, VendorProfileInput
from app.services.pagination import Page
from app.services.taxonomy import ids_for_code
from app.services.text import check_text, normalize, parse_id

LISTING_KINDS = ("scenario", "vendor")
REVIEW_ACTIONS = ("approve", "reject", "request_changes", "archive")
# Which statuses each decision may start from. Drafts are the owner's business until they are sent.
ALLOWED_FROM = {
    "approve": ("pending", "changes_requested", "rejected", "archived"),
    "reject": ("pending", "changes_requested", "published", "archived"),
    "request_changes": ("pending", "published", "rejected"),
    "archive": ("pending", "changes_requested", "published", "rejected", "closed"),
}
TARGET_STATUS = {
    "approve": "published",
    "reject": "rejected",
    "request_changes": "changes_requested",
    "archive": "archived",
}
QUEUE_STATUSES = ("pending", "changes_requested", "rejected", "published", "archived", "closed", "draft")
NOTE_MIN_CHARS, NOTE_MAX_CHARS = 5, 2_000
SCENARIO_FIELDS = (
    "title",
    "description",
    "industry",
    "capabilities",
    "district",
    "budget_min",
    "budget_max",
    "timeline",
    "data_available",
    "confidentiality",
    "contact",
)
PROFILE_FIELDS = ("products", "case_studies", "certifications", "languages", "team_size", "capabilities", "industries")
ORG_FIELDS = ("name", "name_en", "description", "website", "district")


def _now() -> datetime:
    return datetime.now(UTC)


def _require(rule: bool, message: str) -> None:
    if not rule:
        raise PermissionDenied(message)


# The queue --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewQuery:
    kind: str = "all"  # all | scenario | vendor
    status: str = "pending"
    industry: str | None = None
    district: str | None = None
    batch: str | None = None
    q: str = ""
    flagged: bool = False  # only scenarios with an open duplicate flag
    edited: bool = False  # only published scenarios their owner changed since an admin last checked
    page: int = 1
    per_page: int = 50


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # scenario | vendor
    listing: Any  # Scenario or VendorProfile
    organization: Organization
    title: str
    status: str
    waiting_since: datetime | None
    open_flags: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.listing.id}"


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _contains(column, text: str):
    """column contains text, ignoring case. Chinese has no case, and ILIKE folds every character of every row
    (three to four times slower than LIKE over a national catalogue), so caseless text is matched with LIKE."""
    like = f"%{text}%"
    return column.like(like) if text.lower() == text.upper() else column.ilike(like)


def _waiting(model):
    """Since when a listing waits: its submission, or its creation when it was never submitted."""
    return sa.func.coalesce(model.submitted_at, model.created_at)


def _scenario_conditions(query: ReviewQuery) -> list:
    conds: list = [Scenario.status == query.status] if query.status != "any" else [Scenario.status != "merged"]
    ids = ids_for_code(Industry, query.industry)
    if ids is not None:
        conds.append(Scenario.industry_id.in_(ids))
    if query.district:
        conds.append(Scenario.district == query.district)
    if query.batch:
        conds.append(Scenario.source_batch == query.batch)
    if query.q:
        conds.append(
            sa.or_(*(_contains(c, query.q) for c in (Scenario.title, Scenario.description, Organization.name)))
        )
    if query.flagged:
        conds.append(Scenario.id.in_(sa.select(DuplicateFlag.scenario_id).where(DuplicateFlag.status == "open")))
    if query.edited:
        conds += [Scenario.status == "published", Scenario.edited_after_publish_at.is_not(None)]
    return conds


def _vendor_conditions(query: ReviewQuery) -> list:
    conds: list = [VendorProfile.status == query.status] if query.status != "any" else []
    if query.edited:  # only scenarios are edited live; profiles have their own setting (VENDOR_PROFILE_REVIEW)
        conds.append(sa.false())
    ids = ids_for_code(Industry, query.industry)
    if ids is not None:
        conds.append(VendorProfile.industries.any(Industry.id.in_(ids)))
    if query.district:
        conds.append(Organization.district == query.district)
    if query.q:
        columns = (Organization.name, Organization.description, VendorProfile.products)
        conds.append(sa.or_(*(_contains(c, query.q) for c in columns)))
    return conds


def review_queue(actor: User, query: ReviewQuery) -> Page[ReviewItem]:
    """Listings in the asked status, the longest-waiting first, scenarios and vendor profiles together."""
    _require(permissions.can_review_listing(actor), _("Only admins review listings."))
    # One page of keys straight from the database, never every key: the "published" tab of a national catalogue
    # holds tens of thousands. Each kind reads its first (offset + page) keys in waiting order from its
    # (status, waiting, id) index; the page is cut from the two merged.
    parts: list[tuple[sa.Select, Any]] = []
    if query.kind in ("all", "scenario"):
        stmt = sa.select(
            _waiting(Scenario).label("waiting"), sa.literal("scenario").label("kind"), Scenario.id.label("id")
        ).where(*_scenario_conditions(query))
        parts.append((stmt.join(Scenario.owner) if query.q else stmt, Scenario))
    # Vendor profiles have no industry-free batch; a batch filter means imported scenarios only.
    if query.kind in ("all", "vendor") and not query.batch and not query.flagged:
        stmt = sa.select(
            _waiting(VendorProfile).label("waiting"),
            sa.literal("vendor").label("kind"),
            VendorProfile.id.label("id"),
        ).where(*_vendor_conditions(query))
        parts.append((stmt.join(VendorProfile.organization) if query.q or query.district else stmt, VendorProfile))
    if not parts:
        return Page(items=[], page=1, per_page=query.per_page, total=0)
    total = sum(db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0 for stmt, _m in parts)
    pages = max(1, -(-total // query.per_page))
    page = min(max(1, query.page), pages)
    upto = page * query.per_page
    heads = [
        sa.select(head)
        for head in (
            stmt.order_by(_waiting(model).asc().nulls_last(), model.id).limit(upto).subquery() for stmt, model in parts
        )
    ]
    keys = (sa.union_all(*heads) if len(heads) > 1 else heads[0]).subquery()
    window = [
        (_aware(w) or _now(), kind, i)
        for w, kind, i in db.session.execute(
            sa.select(keys.c.waiting, keys.c.kind, keys.c.id)
            .order_by(keys.c.waiting.asc().nulls_last(), keys.c.kind, keys.c.id)
            .limit(query.per_page)
            .offset(upto - query.per_page)
        )
    ]
    scenario_ids = [i for _w, kind, i in window if kind == "scenario"]
    vendor_ids = [i for _w, kind, i in window if kind == "vendor"]
    scenarios = (
        {
            s.id: s
            for s in db.session.scalars(
                sa.select(Scenario)
                .where(Scenario.id.in_(scenario_ids))
                .options(so.joinedload(Scenario.owner), so.joinedload(Scenario.industry))
            )
        }
        if scenario_ids
        else {}
    )
    vendors = (
        {
            v.id: v
            for v in db.session.scalars(
                sa.select(VendorProfile)
                .where(VendorProfile.id.in_(vendor_ids))
                .options(so.joinedload(VendorProfile.organization))
            )
        }
        if vendor_ids
        else {}
    )
    flags = (
        dict(
            db.session.execute(
                sa.select(DuplicateFlag.scenario_id, sa.func.count(DuplicateFlag.id))
                .where(DuplicateFlag.status == "open", DuplicateFlag.scenario_id.in_(scenario_ids))
                .group_by(DuplicateFlag.scenario_id)
            ).all()
        )
        if scenario_ids
        else {}
    )
    items = []
    for waited, kind, i in window:
        if kind == "scenario":
            s = scenarios[i]
            items.append(ReviewItem("scenario", s, s.owner, s.title, s.status, waited, flags.get(i, 0)))
        else:
            v = vendors[i]
            items.append(ReviewItem("vendor", v, v.organization, v.organization.name, v.status, waited))
    return Page(items=items, page=page, per_page=query.per_page, total=total)


def queue_counts(actor: User) -> dict[str, int]:
    """How many listings wait in each status (both kinds), and open duplicate flags, for the queue's tabs."""
    _require(permissions.can_review_listing(actor), _("Only admins review listings."))
    counts: dict[str, int] = {}
    for model in (Scenario, VendorProfile):
        # count(*), not count(id): PostgreSQL answers it from the status index alone.
        for status, n in db.session.execute(sa.select(model.status, sa.func.count()).group_by(model.status)):
            counts[status] = counts.get(status, 0) + n
    counts["flagged"] = (
        db.session.scalar(
            sa.select(sa.func.count(sa.distinct(DuplicateFlag.scenario_id))).where(DuplicateFlag.status == "open")
        )
        or 0
    )
    counts["edited"] = (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Scenario)
            .where(Scenario.status == "published", Scenario.edited_after_publish_at.is_not(None))
        )
        or 0
    )
    return counts


def review_batches() -> list[str]:
    """Every source batch (government list or import) that scenarios came from, for the queue's filter."""
    return list(
        db.session.scalars(
            sa.select(Scenario.source_batch)
            .where(Scenario.source_batch.is_not(None))
            .group_by(Scenario.source_batch)
            .order_by(Scenario.source_batch)
        )
    )


def get_listing(actor: User, kind: str, listing_id: int):
    """A scenario or vendor profile for review, with what its page shows loaded."""
    _require(permissions.can_review_listing(actor), _("Only admins review listings."))
    obj: Scenario | VendorProfile | None
    if kind == "scenario":
        obj = db.session.get(
            Scenario,
            listing_id,
            options=[
                so.joinedload(Scenario.owner),
                so.joinedload(Scenario.industry),
                so.selectinload(Scenario.capabilities),
                so.joinedload(Scenario.created_by),
            ],
        )
    elif kind == "vendor":
        obj = db.session.get(
            VendorProfile,
            listing_id,
            options=[
                so.joinedload(VendorProfile.organization),
                so.selectinload(VendorProfile.capabilities),
                so.selectinload(VendorProfile.industries),
            ],
        )
    else:
        obj = None
    if obj is None:
        raise NotFound(_("No such listing."))
    return obj


def open_flags_for(scenario_id: int) -> list[DuplicateFlag]:
    """Open duplicate flags that involve this scenario, on either side."""
    return list(
        db.session.scalars(
            sa.select(DuplicateFlag)
            .where(
                DuplicateFlag.status == "open",
                sa.or_(DuplicateFlag.scenario_id == scenario_id, DuplicateFlag.duplicate_of_id == scenario_id),
            )
            .options(so.joinedload(DuplicateFlag.scenario), so.joinedload(DuplicateFlag.duplicate_of))
            .order_by(DuplicateFlag.score.desc())
        )
    )


# Decisions --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDecision:
    action: str  # approve | reject | request_changes | archive
    note: str = ""


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)  # listing titles
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (title, why)


def _audit_type(kind: str) -> str:
    return "scenario" if kind == "scenario" else "vendor_profile"


def _listing_title(kind: str, obj) -> str:
    return obj.title if kind == "scenario" else obj.organization.name


def _check_note(decision: ReviewDecision) -> str:
    note = normalize(decision.note, multiline=True)
    if decision.action in ("reject", "request_changes") and len(note) < NOTE_MIN_CHARS:
        raise InvalidInput(
            _("Tell the owner why, in at least %(num)d characters: they will read it.", num=NOTE_MIN_CHARS),
            field="note",
        )
    if note:
        check_text(note, "note", NOTE_MAX_CHARS, single_line=False)
    return note


def _apply_decision(actor: User, kind: str, obj, decision: ReviewDecision, note: str) -> None:
    """Change one listing's status for the decision and write the audit entry; raises InvalidInput if it cannot."""
    from app.services import matches

    if decision.action not in REVIEW_ACTIONS:
        raise InvalidInput(_("Unknown review action."))
    if _is_edit_check(kind, obj, decision):
        # Approving a live scenario its owner edited: the edit is fine as it is; it stays live.
        audit.record(
            actor,
            "scenario.edit_checked",
            "scenario",
            obj.id,
            obj.title,
            {"edited_after_publish_at": obj.edited_after_publish_at},
            None,
            note=note or None,
        )
        obj.edited_after_publish_at = None
        return
    if kind == "scenario":
        obj.edited_after_publish_at = None  # any other decision is the admin's answer to the edit too
    if obj.status not in ALLOWED_FROM[decision.action]:
        raise InvalidInput(_("This listing is “%(status)s”; that decision does not apply to it.", status=obj.status))
    before = {"status": obj.status, "review_note": obj.review_note}
    obj.status = TARGET_STATUS[decision.action]
    if decision.action == "approve":
        if obj.published_at is None:
            obj.published_at = _now()
        obj.review_note = None
    elif decision.action in ("reject", "request_changes"):
        obj.review_note = note
    if kind == "scenario" and obj.status != "published":
        obj.featured = False
    after = {"status": obj.status, "review_note": obj.review_note}
    audit.record(
        actor,
        f"{_audit_type(kind)}.{decision.action}",
        _audit_type(kind),
        obj.id,
        _listing_title(kind, obj),
        before,
        after,
        note=note,
    )
    db.session.flush()
    matches.listing_changed("scenario" if kind == "scenario" else "vendor", obj.id)


def _is_edit_check(kind: str, obj, decision: ReviewDecision) -> bool:
    return (
        kind == "scenario"
        and decision.action == "approve"
        and obj.status == "published"
        and obj.edited_after_publish_at is not None
    )


def review_listing(actor: User, kind: str, listing_id: int, decision: ReviewDecision):
    """Approve, reject, ask for changes or archive one listing; commit; email the owner about the decision."""
    obj = get_listing(actor, kind, listing_id)
    _require(permissions.can_review_listing(actor, obj), _("Only admins review listings."))
    note = _check_note(decision)
    edit_check = _is_edit_check(kind, obj, decision)
    with audit.acting_as(actor):  # the status listener names the admin even outside a request (CLI, tests)
        _apply_decision(actor, kind, obj, decision, note)
        db.session.commit()
    if not edit_check:  # the owner already sees the edit live: no "published" email for checking it
        _email_owner(kind, obj, decision.action, note)
    return obj


def review_many(actor: User, keys: Iterable[str], decision: ReviewDecision) -> BulkResult:
    """Approve or reject several listings ("scenario:12", "vendor:3") at once; one commit; skip what cannot change."""
    _require(permissions.can_review_listing(actor), _("Only admins review listings."))
    if decision.action not in ("approve", "reject"):
        raise InvalidInput(_("Choose approve or reject for the selected listings."))
    note = _check_note(decision)
    parsed = []
    for key in dict.fromkeys(keys):
        kind, _sep, raw = str(key).partition(":")
        listing_id = parse_id(raw)
        if kind in LISTING_KINDS and listing_id is not None:
            parsed.append((kind, listing_id))
    if not parsed:
        raise InvalidInput(_("Select at least one listing."))
    result = BulkResult()
    decided: list[tuple[str, Scenario | VendorProfile]] = []  # what _decide_each changed
    with audit.acting_as(actor):
        _decide_each(actor, parsed, decision, note, result, decided)
        audit.record(
            actor,
            f"review.bulk_{decision.action}",
            "review",
            None,
            None,
            after={"listings": [f"{k}:{o.id}" for k, o in decided], "skipped": [t for t, _why in result.skipped]},
            note=note,
        )
        db.session.commit()
    for kind, obj in decided:
        _email_owner(kind, obj, decision.action, note)
    return result


def _decide_each(
    actor: User,
    parsed: list[tuple[str, int]],
    decision: ReviewDecision,
    note: str,
    result: BulkResult,
    decided: list[tuple[str, Scenario | VendorProfile]],
) -> None:
    for kind, listing_id in parsed:
        try:
            obj = get_listing(actor, kind, listing_id)
        except NotFound:
            result.skipped.append((f"{kind} #{listing_id}", _("No such listing.")))
            continue
        edit_check = _is_edit_check(kind, obj, decision)
        try:
            _apply_decision(actor, kind, obj, decision, note)
        except InvalidInput as error:
            result.skipped.append((_listing_title(kind, obj), error.message))
            continue
        result.done.append(_listing_title(kind, obj))
        if not edit_check:
            decided.append((kind, obj))


def set_featured(actor: User, scenario_id: int, featured: bool) -> Scenario:
    """Feature a published scenario on the home page, or stop featuring it; commit."""
    scenario = get_listing(actor, "scenario", scenario_id)
    if featured and scenario.status != "published":
        raise InvalidInput(_("Only a published scenario can be featured."))
    if scenario.featured == featured:
        return scenario
    audit.record(
        actor,
        "scenario.feature" if featured else "scenario.unfeature",
        "scenario",
        scenario.id,
        scenario.title,
        {"featured": scenario.featured},
        {"featured": featured},
    )
    scenario.featured = featured
    db.session.commit()
    return scenario


# Editing ----------------------------------------------------------------------------------------------


def _scenario_snapshot(s: Scenario) -> dict[str, Any]:
    return {**scenarios.snapshot(s), "contact": s.contact}  # an admin's edit may also change the contact


def edit_scenario(actor: User, scenario_id: int, data: ScenarioInput, contact: str = "", note: str = "") -> Scenario:
    """Change a scenario's content as an admin, keeping its status; the changed fields go to the audit log; commit."""
    from app.services import matches
    from app.services.scenarios import _validated_fields

    scenario = get_listing(actor, "scenario", scenario_id)
    _require(permissions.can_review_listing(actor, scenario), _("Only admins edit listings."))
    if scenario.status == "merged":
        raise InvalidInput(_("This scenario was merged into another; edit that one."))
    values = _validated_fields(data)
    contact = normalize(contact)
    check_text(contact, "contact", 200, required=False)
    values["contact"] = contact or None
    before = _scenario_snapshot(scenario)
    for key, value in values.items():
        setattr(scenario, key, value)
    after = _scenario_snapshot(scenario)
    old, new = audit.changes(before, after)
    if not new:
        db.session.expire(scenario)  # nothing changed: drop the equal values just assigned
        return scenario
    audit.record(
        actor, "scenario.edit", "scenario", scenario.id, scenario.title, old, new, note=normalize(note) or None
    )
    with audit.acting_as(actor):
        matches.listing_changed("scenario", scenario.id)
        db.session.commit()
    return scenario


def _profile_snapshot(p: VendorProfile) -> dict[str, Any]:
    org = p.organization
    out = {key: getattr(org, key) for key in ORG_FIELDS}
    out.update({key: getattr(p, key) for key in PROFILE_FIELDS if key not in ("capabilities", "industries")})
    out["capabilities"] = [c.code for c in p.capabilities]
    out["industries"] = [i.code for i in p.industries]
    return out


def edit_vendor_profile(actor: User, profile_id: int, data: VendorProfileInput, note: str = "") -> VendorProfile:
    """Change a vendor profile as an admin, keeping its status; the changed fields go to the audit log; commit."""
    from app.services import matches
    from app.services.vendors import _profile_values

    profile = get_listing(actor, "vendor", profile_id)
    _require(permissions.can_review_listing(actor, profile), _("Only admins edit listings."))
    values = _profile_values(data)
    before = _profile_snapshot(profile)
    for key, value in values["org"].items():
        setattr(profile.organization, key, value)
    for key, value in values["profile"].items():
        setattr(profile, key, value)
    old, new = audit.changes(before, _profile_snapshot(profile))
    if not new:
        db.session.expire(profile.organization)
        db.session.expire(profile)
        return profile
    audit.record(
        actor,
        "vendor_profile.edit",
        "vendor_profile",
        profile.id,
        profile.organization.name,
        old,
        new,
        note=normalize(note) or None,
    )
    matches.listing_changed("vendor", profile.id)
    db.session.commit()
    return profile


# Telling the owner ------------------------------------------------------------------------------------


def owner_recipients(kind: str, obj) -> list[User]:
    """Who hears about a decision: the scenario's poster if still active, else the organization's active members."""
    if kind == "scenario" and obj.created_by is not None and obj.created_by.is_active:
        return [obj.created_by]
    org_id = obj.owner_id if kind == "scenario" else obj.organization_id
    return list(
        db.session.scalars(
            sa.select(User).where(User.organization_id == org_id, User.is_active.is_(True)).order_by(User.id)
        )
    )


def _email_owner(kind: str, obj, action: str, note: str) -> None:
    if action not in ("approve", "reject", "request_changes"):
        return
    title = _listing_title(kind, obj)
    site = current_app.config.get("SITE_URL", "").rstrip("/")
    for user in owner_recipients(kind, obj):
        with force_locale(user.locale or "zh_Hans"):
            subjects = {
                "approve": _("Published on Keting: %(title)s", title=title),
                "reject": _("Not published on Keting: %(title)s", title=title),
                "request_changes": _("Changes requested on Keting: %(title)s", title=title),
            }
            body = render_template(
                "admin/email/review_decision.txt",
                user=user,
                kind=kind,
                action=action,
                title=title,
                note=note,
                site=site,
            )
            send_message(Message(subject=subjects[action], recipients=[user.email], body=body))


# Organizations and users ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganizationQuery:
    kind: str | None = None
    verified: str | None = None  # "yes" | "no" | None
    q: str = ""
    placeholders: bool = False  # created by an import, with nobody signed up yet
    page: int = 1
    per_page: int = 50


@dataclass(frozen=True)
class OrganizationRow:
    organization: Organization
    members: int
    scenarios: int
    profile_status: str | None


def organizations(actor: User, query: OrganizationQuery) -> Page[OrganizationRow]:
    """Organizations for verification, unverified first, then by name."""
    _require(permissions.can_verify_organization(actor), _("Only admins verify organizations."))
    conds: list = []
    if query.kind in ("enterprise", "vendor"):
        conds.append(Organization.kind == query.kind)
    if query.verified == "yes":
        conds.append(Organization.verified.is_(True))
    elif query.verified == "no":
        conds.append(Organization.verified.is_(False))
    if query.q:
        like = f"%{query.q}%"
        conds.append(
            sa.or_(
                Organization.name.ilike(like),
                Organization.name_en.ilike(like),
                Organization.id.in_(sa.select(User.organization_id).where(User.email.ilike(like))),
            )
        )
    if query.placeholders:
        conds.append(Organization.external_ref.like("import:%"))
    total = db.session.scalar(sa.select(sa.func.count(Organization.id)).where(*conds)) or 0
    pages = max(1, -(-total // query.per_page))
    page = min(max(1, query.page), pages)
    orgs = db.session.scalars(
        sa.select(Organization)
        .where(*conds)
        .order_by(Organization.verified.asc(), Organization.name.asc(), Organization.id.asc())
        .limit(query.per_page)
        .offset((page - 1) * query.per_page)
    ).all()
    ids = [o.id for o in orgs]
    members = dict(
        db.session.execute(
            sa.select(User.organization_id, sa.func.count(User.id))
            .where(User.organization_id.in_(ids))
            .group_by(User.organization_id)
        ).all()
    )
    scenarios = dict(
        db.session.execute(
            sa.select(Scenario.owner_id, sa.func.count(Scenario.id))
            .where(Scenario.owner_id.in_(ids))
            .group_by(Scenario.owner_id)
        ).all()
    )
    profiles = dict(
        db.session.execute(
            sa.select(VendorProfile.organization_id, VendorProfile.status).where(VendorProfile.organization_id.in_(ids))
        ).all()
    )
    rows = [OrganizationRow(o, members.get(o.id, 0), scenarios.get(o.id, 0), profiles.get(o.id)) for o in orgs]
    return Page(items=rows, page=page, per_page=query.per_page, total=total)


@dataclass(frozen=True)
class OrganizationDetail:
    organization: Organization
    members: list[User]
    scenarios: list[Scenario]
    profile: VendorProfile | None


def organization_detail(actor: User, organization_id: int) -> OrganizationDetail:
    _require(permissions.can_verify_organization(actor), _("Only admins verify organizations."))
    org = db.session.get(Organization, organization_id)
    if org is None:
        raise NotFound(_("No such organization."))
    members = list(db.session.scalars(sa.select(User).where(User.organization_id == org.id).order_by(User.id)))
    scenarios = list(
        db.session.scalars(
            sa.select(Scenario).where(Scenario.owner_id == org.id).order_by(Scenario.id.desc()).limit(200)
        )
    )
    profile = db.session.scalar(sa.select(VendorProfile).where(VendorProfile.organization_id == org.id))
    return OrganizationDetail(org, members, scenarios, profile)


def set_organization_verified(actor: User, organization_id: int, verified: bool, note: str = "") -> Organization:
    """Mark an organization verified (the badge, and confidential details for its vendors) or not; commit."""
    org = db.session.get(Organization, organization_id)
    if org is None:
        raise NotFound(_("No such organization."))
    _require(permissions.can_verify_organization(actor, org), _("Only admins verify organizations."))
    if org.verified == verified:
        return org
    audit.record(
        actor,
        "organization.verify" if verified else "organization.unverify",
        "organization",
        org.id,
        org.name,
        {"verified": org.verified},
        {"verified": verified},
        note=normalize(note) or None,
    )
    org.verified = verified
    db.session.commit()
    return org


@dataclass(frozen=True)
class UserQuery:
    q: str = ""
    role: str | None = None
    suspended: bool = False
    page: int = 1
    per_page: int = 50


def users(actor: User, query: UserQuery) -> Page[User]:
    """Accounts, newest first, with their organizations."""
    _require(permissions.can_suspend_user(actor), _("Only admins manage accounts."))
    conds: list = []
    if query.q:
        like = f"%{query.q.lower()}%"
        conds.append(
            sa.or_(
                User.email.like(like),
                User.display_name.ilike(like),
                User.organization_id.in_(sa.select(Organization.id).where(Organization.name.ilike(like))),
            )
        )
    if query.role:
        conds.append(User.role == query.role)
    if query.suspended:
        conds.append(User.is_active.is_(False))
    total = db.session.scalar(sa.select(sa.func.count(User.id)).where(*conds)) or 0
    pages = max(1, -(-total // query.per_page))
    page = min(max(1, query.page), pages)
    items = (
        db.session.scalars(
            sa.select(User)
            .where(*conds)
            .order_by(User.id.desc())
            .limit(query.per_page)
            .offset((page - 1) * query.per_page)
        )
        .unique()
        .all()
    )
    return Page(items=items, page=page, per_page=query.per_page, total=total)


def suspend_user(actor: User, user_id: int, reason: str) -> User:
    """Suspend an account: it is signed out everywhere at its next request and cannot sign in; commit."""
    target = db.session.get(User, user_id)
    if target is None:
        raise NotFound(_("No such account."))
    if not permissions.can_suspend_user(actor, target):
        if permissions.is_admin(actor):
            raise InvalidInput(_("You cannot suspend your own account."))
        raise PermissionDenied(_("Only admins manage accounts."))
    reason = normalize(reason, multiline=True)
    if len(reason) < NOTE_MIN_CHARS:
        raise InvalidInput(
            _("Say why, in at least %(num)d characters (kept in the audit log).", num=NOTE_MIN_CHARS), field="reason"
        )
    check_text(reason, "reason", NOTE_MAX_CHARS, single_line=False)
    if not target.is_active:
        return target
    audit.record(
        actor, "user.suspend", "user", target.id, target.email, {"is_active": True}, {"is_active": False}, note=reason
    )
    # load_user refuses inactive accounts, so every session and remember-me cookie stops working at once.
    target.is_active = False
    target.suspended_at = _now()
    db.session.commit()
    return target


def restore_user(actor: User, user_id: int, note: str = "") -> User:
    """Lift a suspension; the person signs in again with their password; commit."""
    target = db.session.get(User, user_id)
    if target is None:
        raise NotFound(_("No such account."))
    _require(permissions.can_suspend_user(actor, target), _("Only admins manage accounts."))
    if target.is_active:
        return target
    audit.record(
        actor,
        "user.restore",
        "user",
        target.id,
        target.email,
        {"is_active": False},
        {"is_active": True},
        note=normalize(note) or None,
    )
    target.is_active = True
    target.suspended_at = None
    db.session.commit()
    return target
