"""Vendor profiles: public browsing, and vendors keeping their own profile.

A new profile is a draft until the vendor sends it for review. Whether later edits to a published profile
go back to review is the admin setting VENDOR_PROFILE_REVIEW.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm.attributes import set_committed_value

from app import permissions
from app.extensions import db
from app.models import DISTRICTS, MAX_TEAM_SIZE, Capability, Industry, Organization, User, VendorProfile
from app.services import audit, generation, matches, search
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import ListingQuery, VendorProfileInput
from app.services.pagination import Page, in_ids, page_of_ids, paginate
from app.services.taxonomy import ids_for_code
from app.services.text import check_text


class _first_codepoint(sa.sql.functions.FunctionElement):
    """The Unicode code point of a text's first character (SQLite: unicode(), PostgreSQL: ascii())."""

    type = sa.Integer()
    inherit_cache = True


@compiles(_first_codepoint)
def _first_codepoint_sqlite(element, compiler, **kw):
    return f"unicode({compiler.process(element.clauses, **kw)})"


@compiles(_first_codepoint, "postgresql")
def _first_codepoint_postgresql(element, compiler, **kw):
    return f"ascii({compiler.process(element.clauses, **kw)})"


# CJK scripts start at U+2E80: a name from there on is written in Chinese.
_CJK_START = 0x2E80


def _name_order(english: bool) -> tuple:
    """ "By name" as each language's reader expects it. In English, by the English name where there is one.
    In Chinese, companies with a Chinese name first (a Chinese reader's first page was otherwise 19 Latin
    names, which sort before every Chinese character), then the others."""
    if english:
        return (
            Organization.verified.desc(),
            sa.func.coalesce(Organization.name_en, Organization.name).asc(),
            VendorProfile.id.asc(),
        )
    chinese_first = sa.case((_first_codepoint(Organization.name) >= _CJK_START, 0), else_=1)
    return (Organization.verified.desc(), chinese_first, Organization.name.asc(), VendorProfile.id.asc())


VENDOR_SORTS = {
    "relevance": (Organization.verified.desc(), Organization.name.asc(), VendorProfile.id.asc()),  # without words
    "name": (Organization.verified.desc(), Organization.name.asc(), VendorProfile.id.asc()),
    "newest": (VendorProfile.created_at.desc(), VendorProfile.id.desc()),
}


def _vendor_filters(query: ListingQuery) -> list:
    conds: list = [VendorProfile.status == "published"]
    industry_ids = ids_for_code(Industry, query.industry)
    if industry_ids is not None:
        conds.append(VendorProfile.industries.any(Industry.id.in_(industry_ids)))
    capability_ids = ids_for_code(Capability, query.capability)
    if capability_ids is not None:
        conds.append(VendorProfile.capabilities.any(Capability.id.in_(capability_ids)))
    if query.district:
        conds.append(Organization.district == query.district)
    return conds


def _with_rows(stmt: sa.Select) -> sa.Select:
    # A list card shows the taxonomy names only: not loading the long synonym lists saves most of the page's time.
    return stmt.join(VendorProfile.organization).options(
        so.contains_eager(VendorProfile.organization),
        so.selectinload(VendorProfile.capabilities).load_only(*_card_columns(Capability)),
        so.selectinload(VendorProfile.industries).load_only(*_card_columns(Industry)),
    )


def _card_columns(model) -> tuple:
    return (model.code, model.name_zh, model.name_en, model.parent_id, model.position)


def _searched_ids(query: ListingQuery) -> list[int]:
    """Ids of the published profiles that match the search words (from the matcher's index) and the filters."""
    ranked = [i for i, _ in search.rank(search.prepare(query.q), "vendor")]
    if not ranked:
        return []
    stmt = sa.select(VendorProfile.id).where(in_ids(VendorProfile.id, ranked), *_vendor_filters(query))
    if query.district or query.sort != "relevance":  # only these read the organization
        stmt = stmt.join(VendorProfile.organization)
    if query.sort != "relevance":
        sorts = _sorts()
        return list(db.session.scalars(stmt.order_by(*sorts.get(query.sort, sorts["name"]))))
    kept = set(db.session.scalars(stmt))
    return [i for i in ranked if i in kept]


def browse_vendors(query: ListingQuery) -> Page[VendorProfile]:
    """Published vendor profiles that match the search and filters, one page of them.

    With search words, the hits come from the matcher's index, best first unless another order was chosen.
    Without, the total is counted once per catalogue generation and filter; pages stop at MAX_LIST_PAGES.
    """
    max_pages = current_app.config["MAX_LIST_PAGES"]
    if not query.q.strip():
        sort = query.sort if query.sort in VENDOR_SORTS and query.sort != "relevance" else "name"
        stmt = _with_rows(sa.select(VendorProfile)).where(*_vendor_filters(query)).order_by(*_sorts()[sort])
        key = (query.industry, query.capability, query.district)
        return paginate(
            stmt,
            query.page,
            query.per_page,
            max_pages,
            count=lambda count_rows: generation.cached("vendor_count", count_rows, *key),
        )
    # A search's hits, filtered and ordered, once per catalogue generation: paging through them, or the same
    # search again, costs one cache read.
    ids = generation.cached(
        "vendor_search",
        lambda: _searched_ids(query),
        query.q,
        query.industry,
        query.capability,
        query.district,
        query.sort,
        _english(),
    )
    return page_of_ids(
        ids,
        query.page,
        query.per_page,
        max_pages,
        lambda page_ids: db.session.scalars(
            _with_rows(sa.select(VendorProfile)).where(VendorProfile.id.in_(page_ids))
        ).unique(),
    )


def _english() -> bool:
    return str(get_locale() or "").startswith("en")


def _sorts() -> dict:
    """The list's orders, "by name" as the reader's language expects it."""
    return {**VENDOR_SORTS, "name": _name_order(_english())}


def get_public_vendor(vendor_id: int) -> VendorProfile:
    vendor = db.session.get(
        VendorProfile,
        vendor_id,
        options=[
            so.joinedload(VendorProfile.organization),
            so.selectinload(VendorProfile.capabilities),
            so.selectinload(VendorProfile.industries),
        ],
    )
    if vendor is None or vendor.status != "published":
        raise NotFound("No such vendor")
    return vendor


# Keeping one's own profile ----------------------------------------------------------------------------

NAME_MAX_CHARS = 200
DESCRIPTION_MIN_CHARS, DESCRIPTION_MAX_CHARS = 20, 5_000
LONG_TEXT_MAX_CHARS = 10_000
CERTIFICATIONS_MAX_CHARS = 2_000
WEBSITE_MAX_CHARS = 300
MAX_CAPABILITIES = 12
PROFILE_LANGUAGES = ("zh", "en")
# What verification vouches for: changing any of these takes the badge away until an admin checks again.
IDENTITY_FIELDS = ("name", "name_en", "website")


def get_own_profile(actor: User) -> VendorProfile:
    """The actor's vendor profile; PermissionDenied for non-vendors. Reads only, never writes.

    Registration makes every vendor's profile. An account from before that has none gets an unsaved empty
    draft, which update_vendor_profile stores when the vendor first saves.
    """
    if not permissions.can_keep_vendor_profile(actor):
        raise PermissionDenied(_("Only vendor accounts have a profile."))
    profile = db.session.scalar(
        sa.select(VendorProfile)
        .where(VendorProfile.organization_id == actor.organization_id)
        .options(
            so.joinedload(VendorProfile.organization),
            so.selectinload(VendorProfile.capabilities),
            so.selectinload(VendorProfile.industries),
        )
    )
    if profile is None:
        profile = VendorProfile(
            organization_id=actor.organization_id,
            status="draft",
            languages=[],
            products="",
            case_studies="",
            certifications="",
        )
        # Without the backref (Organization.vendor_profile), so nothing links the draft into the session.
        set_committed_value(profile, "organization", actor.organization)
    if not permissions.can_edit_vendor_profile(actor, profile):
        raise NotFound(_("No such profile."))
    return profile


# A profile in these states is not public: saving it keeps what is there, and only sending it for review
# asks for a complete profile (a description of the minimum length, at least one capability).
DRAFT_STATES = ("draft", "rejected", "changes_requested")


def _valid_website(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and "." in parts.netloc and " " not in url


def normalize_website(raw: str) -> str:
    """What people type as a web address, as a link: "chengshi-ai.cn" becomes "https://chengshi-ai.cn"."""
    website = (raw or "").strip()
    if website and "://" not in website and not website.startswith("//"):
        website = "https://" + website
    return website


def needs_complete_profile(profile: VendorProfile, submit: bool) -> bool:
    """Whether saving must check that the profile is complete: when it is sent for review, or already out of
    the draft states (published or in review), where an incomplete version would reach the public."""
    return submit or profile.status not in DRAFT_STATES


def _profile_values(data: VendorProfileInput, complete: bool = True) -> dict:
    check_text(data.name, "name", NAME_MAX_CHARS)
    check_text(data.name_en, "name_en", NAME_MAX_CHARS, required=False)
    check_text(
        data.description,
        "description",
        DESCRIPTION_MAX_CHARS,
        DESCRIPTION_MIN_CHARS if complete else 0,
        single_line=False,
        required=complete,
    )
    for field in ("products", "case_studies"):
        check_text(getattr(data, field), field, LONG_TEXT_MAX_CHARS, single_line=False, required=False)
    check_text(data.certifications, "certifications", CERTIFICATIONS_MAX_CHARS, single_line=False, required=False)
    website = normalize_website(data.website)
    if website and (len(website) > WEBSITE_MAX_CHARS or not _valid_website(website)):
        raise InvalidInput(
            _("Enter a web address such as chengshi-ai.cn or https://www.chengshi-ai.cn."), field="website"
        )
    if data.district is not None and data.district not in DISTRICTS:
        raise InvalidInput(_("Choose a district from the list."), field="district")
    if data.team_size is not None and not 0 <= data.team_size <= MAX_TEAM_SIZE:
        raise InvalidInput(
            _("Enter a team size between 0 and %(max)s.", max=format(MAX_TEAM_SIZE, ",")), field="team_size"
        )
    languages = [code for code in PROFILE_LANGUAGES if code in data.languages]
    if len(languages) != len(set(data.languages)):
        raise InvalidInput(_("Choose languages from the list."), field="languages")
    cap_codes = list(dict.fromkeys(data.capabilities))
    if not cap_codes and complete:
        raise InvalidInput(_("Choose at least one capability, so the matcher knows what you do."), field="capabilities")
    if len(cap_codes) > MAX_CAPABILITIES:
        raise InvalidInput(_("Choose at most %(num)d capabilities.", num=MAX_CAPABILITIES), field="capabilities")
    capabilities = (
        db.session.scalars(sa.select(Capability).where(Capability.code.in_(cap_codes))).all() if cap_codes else []
    )
    if len(capabilities) != len(cap_codes):
        raise InvalidInput(_("Choose capabilities from the list."), field="capabilities")
    ind_codes = list(dict.fromkeys(data.industries))
    industries = db.session.scalars(sa.select(Industry).where(Industry.code.in_(ind_codes))).all() if ind_codes else []
    if len(industries) != len(ind_codes):
        raise InvalidInput(_("Choose industries from the list."), field="industries")
    return {
        "org": {
            "name": data.name.strip(),
            "name_en": data.name_en.strip() or None,
            "description": data.description.strip(),
            "website": website or None,
            "district": data.district,
        },
        "profile": {
            "products": data.products.strip(),
            "case_studies": data.case_studies.strip(),
            "certifications": data.certifications.strip(),
            "languages": languages,
            "team_size": data.team_size,
            "capabilities": sorted(capabilities, key=lambda c: (c.position, c.id)),
            "industries": sorted(industries, key=lambda i: (i.position, i.id)),
        },
    }


def update_vendor_profile(actor: User, data: VendorProfileInput) -> VendorProfile:
    """Save the actor's profile; send a draft for review when asked; commit.

    A published profile stays published unless VENDOR_PROFILE_REVIEW is on, in which case the edit goes back
    to review before the public sees it. A new name, English name or website clears the organization's
    verification (audited as organization.rename).
    """
    profile = get_own_profile(actor)
    values = _profile_values(data, complete=needs_complete_profile(profile, data.submit))
    if sa.inspect(profile).transient:  # the first save of an account that had no profile yet
        db.session.add(profile)
    org = profile.organization
    identity_before = {key: getattr(org, key) for key in IDENTITY_FIELDS} | {"verified": org.verified}
    for key, value in values["org"].items():
        setattr(org, key, value)
    for key, value in values["profile"].items():
        setattr(profile, key, value)
    _identity_changed(actor, org, identity_before)
    now = datetime.now(UTC)
    was_published = profile.status == "published"
    if profile.status == "published":
        if current_app.config.get("VENDOR_PROFILE_REVIEW"):
            profile.status, profile.submitted_at = "pending", now
    elif data.submit and profile.status in ("draft", "rejected", "changes_requested"):
        profile.status, profile.submitted_at = "pending", now
    if was_published:  # live edits re-match at once; an edit sent back to review takes its matches away meanwhile
        matches.listing_changed("vendor", profile.id)
    db.session.commit()
    return profile


def _identity_changed(actor: User, org: Organization, before: dict) -> None:
    """Audit a change of the organization's name, English name or website, and take its verification away.

    Verification vouches for one named organization and opens confidential scenarios' details to its vendor;
    under a new name or website it vouches for nobody, so the badge waits until an admin has checked again.
    """
    after = {key: getattr(org, key) for key in IDENTITY_FIELDS}
    if all(after[key] == before[key] for key in IDENTITY_FIELDS):
        return
    if org.verified:
        org.verified = False
    old, new = audit.changes(before, after | {"verified": org.verified})
    audit.record(
        actor,
        "organization.rename",
        "organization",
        org.id,
        org.name,
        old,
        new,
        note="Verification cleared: verify the organization again." if before["verified"] else None,
    )


def edits_go_to_review() -> bool:
    return bool(current_app.config.get("VENDOR_PROFILE_REVIEW"))


def matching_vendor_ids(query: ListingQuery, among: list[int]) -> set[int]:
    """Which of these vendor profiles the public list would show for this search and these filters."""
    if not among:
        return set()
    if query.q.strip():
        return set(among) & set(_searched_ids(query))
    found: set[int] = set()
    for start in range(0, len(among), 500):
        chunk = among[start : start + 500]
        found.update(
            db.session.scalars(
                sa.select(VendorProfile.id)
                .join(VendorProfile.organization)
                .where(*_vendor_filters(query), VendorProfile.id.in_(chunk))
            )
        )
    return found


class _Overlay:
    """A record as typed but not saved: the given values over the stored record's (which is never changed)."""

    def __init__(self, base, **values):
        self._base = base
        self.__dict__.update(values)

    def __getattr__(self, name):
        return getattr(self._base, name)


class _OrganizationPreview(_Overlay):
    def display_name(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") and self.name_en else self.name


def preview_vendor_profile(actor: User, data: VendorProfileInput) -> Any:
    """The actor's profile as it would look with `data`, without saving anything; InvalidInput as when saving.

    The result reads like a VendorProfile (and its organization) for the public profile page.
    """
    profile = get_own_profile(actor)
    values = _profile_values(data, complete=False)
    org = profile.organization
    organization = _OrganizationPreview(
        org,
        verified=org.verified and all(values["org"].get(key) == getattr(org, key) for key in IDENTITY_FIELDS),
        **values["org"],
    )
    return _Overlay(profile, organization=organization, **values["profile"])
