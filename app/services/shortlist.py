"""The shortlist (收藏): scenarios and vendors a person starred, and the side-by-side comparison of up to three
vendors for one scenario, which its enterprise picks from the matcher's suggestions and its shortlist."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app import permissions
from app.extensions import db
from app.models import LIVE_REQUEST_STATES, IntroRequest, Match, Scenario, ShortlistItem, User, VendorProfile
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.text import parse_id
from matching import strength

SHORTLIST_KINDS = ("scenario", "vendor")
MAX_SHORTLIST = 200
MAX_COMPARED = 3
# Listings the public can open: a shortlisted listing that left these states stays on the list, greyed out.
_SCENARIO_VISIBLE = ("published", "closed")


def _require(actor: User) -> None:
    if not permissions.can_use_shortlist(actor):
        raise PermissionDenied(_("Log in to keep a shortlist."))


def _listing(kind: str, listing_id: int):
    if kind == "scenario":
        scenario = db.session.get(Scenario, listing_id)
        return scenario if scenario is not None and scenario.status in _SCENARIO_VISIBLE else None
    if kind == "vendor":
        profile = db.session.get(VendorProfile, listing_id)
        return profile if profile is not None and profile.status == "published" else None
    return None


def _column(kind: str):
    return ShortlistItem.scenario_id if kind == "scenario" else ShortlistItem.vendor_id


def toggle_shortlist(actor: User, kind: str, listing_id: int) -> bool:
    """Star or unstar a scenario or vendor for the actor; commit; return whether it is now on the shortlist."""
    _require(actor)
    if kind not in SHORTLIST_KINDS:
        raise NotFound(_("No such listing."))
    item = db.session.scalar(
        sa.select(ShortlistItem).where(ShortlistItem.user_id == actor.id, _column(kind) == listing_id)
    )
    if item is not None:  # removing always works, even once the listing is gone from public view
        db.session.delete(item)
        db.session.commit()
        return False
    if _listing(kind, listing_id) is None:
        raise NotFound(_("No such listing."))
    count = db.session.scalar(sa.select(sa.func.count(ShortlistItem.id)).where(ShortlistItem.user_id == actor.id)) or 0
    if count >= MAX_SHORTLIST:
        raise InvalidInput(
            _("Your shortlist holds up to %(num)d listings. Remove some you no longer need first.", num=MAX_SHORTLIST)
        )
    db.session.add(ShortlistItem(user_id=actor.id, **{_column(kind).key: listing_id}))
    try:
        db.session.commit()
    except IntegrityError:  # a double click starred it a moment ago
        db.session.rollback()
    return True


def shortlisted_ids(actor, kind: str, ids: Iterable[int] | None = None) -> set[int]:
    """Which of these listings the actor starred (empty for visitors), so cards show a filled or empty star."""
    if not permissions.can_use_shortlist(actor):
        return set()
    column = _column(kind)
    stmt = sa.select(column).where(ShortlistItem.user_id == actor.id, column.is_not(None))
    if ids is not None:
        ids = list(ids)
        if not ids:
            return set()
        stmt = stmt.where(column.in_(ids))
    return set(db.session.scalars(stmt))


@dataclass(frozen=True)
class ShortlistEntry:
    item: ShortlistItem
    listing: Scenario | VendorProfile
    available: bool  # still publicly listed
    show_details: bool  # False for a confidential scenario the actor may not read


@dataclass(frozen=True)
class Shortlist:
    scenarios: list[ShortlistEntry]
    vendors: list[ShortlistEntry]


def my_shortlist(actor: User) -> Shortlist:
    """The actor's starred scenarios and vendors, most recently starred first."""
    _require(actor)
    rows = (
        db.session.scalars(
            sa.select(ShortlistItem)
            .where(ShortlistItem.user_id == actor.id)
            .order_by(ShortlistItem.created_at.desc(), ShortlistItem.id.desc())
            .options(
                so.joinedload(ShortlistItem.scenario).options(
                    so.joinedload(Scenario.owner),
                    so.joinedload(Scenario.industry),
                    so.selectinload(Scenario.capabilities),
                ),
                so.joinedload(ShortlistItem.vendor).options(
                    so.joinedload(VendorProfile.organization),
                    so.selectinload(VendorProfile.capabilities),
                    so.selectinload(VendorProfile.industries),
                ),
            )
        )
        .unique()
        .all()
    )
    from app.services.requests import scenario_details_visible

    scenarios, vendors = [], []
    for item in rows:
        if item.scenario is not None:
            s = item.scenario
            available = s.status in _SCENARIO_VISIBLE
            details = available and scenario_details_visible(actor, s)
            scenarios.append(ShortlistEntry(item, s, available, details))
        elif item.vendor is not None:
            vendors.append(ShortlistEntry(item, item.vendor, item.vendor.status == "published", True))
    return Shortlist(scenarios, vendors)


# Comparing vendors for a scenario ---------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    vendor: VendorProfile
    suggested: bool  # among the matcher's stored suggestions
    shortlisted: bool
    strength: str | None


@dataclass(frozen=True)
class ComparedVendor:
    vendor: VendorProfile
    match: Match | None
    strength: str | None
    capabilities: list[tuple[object, bool]]  # (capability, the scenario asks for it)
    industries: list[tuple[object, bool]]  # (industry, it is the scenario's)
    on_keting: bool  # the organization has someone here to answer
    request: IntroRequest | None


@dataclass(frozen=True)
class Comparison:
    scenario: Scenario
    candidates: list[Candidate]
    selected: list[ComparedVendor]


def compare_vendors(actor: User, scenario_id: int, vendor_ids: Iterable) -> Comparison:
    """Up to three published vendors side by side for the actor's scenario, with the candidates to pick from."""
    scenario = db.session.get(
        Scenario,
        scenario_id,
        options=[
            so.joinedload(Scenario.owner),
            so.joinedload(Scenario.industry),
            so.selectinload(Scenario.capabilities),
        ],
    )
    if scenario is None or not permissions.can_compare_vendors(actor, scenario):
        raise NotFound(_("No such scenario."))
    wanted = list(dict.fromkeys(i for i in (parse_id(str(v)) for v in vendor_ids) if i is not None))
    if len(wanted) > MAX_COMPARED:
        raise InvalidInput(_("Compare at most %(num)d vendors at a time.", num=MAX_COMPARED), field="vendor")
    matches = {
        m.vendor_id: m
        for m in db.session.scalars(
            sa.select(Match).where(Match.scenario_id == scenario.id).order_by(Match.rank, Match.id)
        )
    }
    starred = shortlisted_ids(actor, "vendor")
    candidate_ids = list(matches) + [i for i in sorted(starred) if i not in matches]
    vendors = {
        v.id: v
        for v in db.session.scalars(
            sa.select(VendorProfile)
            .where(VendorProfile.id.in_(candidate_ids + wanted), VendorProfile.status == "published")
            .options(
                so.joinedload(VendorProfile.organization),
                so.selectinload(VendorProfile.capabilities),
                so.selectinload(VendorProfile.industries),
            )
        )
    }
    own = scenario.owner_id
    candidates = [
        Candidate(vendors[i], i in matches, i in starred, strength(matches[i].score) if i in matches else None)
        for i in candidate_ids
        if i in vendors and vendors[i].organization_id != own
    ]
    chosen = [vendors[i] for i in wanted if i in vendors]
    if len(chosen) != len(wanted):
        raise NotFound(_("No such vendor."))
    members = (
        dict(
            db.session.execute(
                sa.select(User.organization_id, sa.func.count(User.id))
                .where(User.organization_id.in_([v.organization_id for v in chosen]), User.is_active.is_(True))
                .group_by(User.organization_id)
            ).all()
        )
        if chosen
        else {}
    )
    live_requests = (
        {
            r.vendor_id: r
            for r in db.session.scalars(
                sa.select(IntroRequest).where(
                    IntroRequest.scenario_id == scenario.id,
                    IntroRequest.vendor_id.in_([v.id for v in chosen]),
                    IntroRequest.state.in_(LIVE_REQUEST_STATES),
                )
            )
        }
        if chosen
        else {}
    )
    needed = {c.id for c in scenario.capabilities}
    selected = []
    for v in chosen:
        m = matches.get(v.id)
        selected.append(
            ComparedVendor(
                vendor=v,
                match=m,
                strength=strength(m.score) if m else None,
                capabilities=sorted(((c, c.id in needed) for c in v.capabilities), key=lambda p: not p[1]),
                industries=sorted(((i, i.id == scenario.industry_id) for i in v.industries), key=lambda p: not p[1]),
                on_keting=members.get(v.organization_id, 0) > 0,
                request=live_requests.get(v.id),
            )
        )
    return Comparison(scenario, candidates, selected)
