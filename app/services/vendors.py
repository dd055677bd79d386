"""Vendor profiles: browsing now; editing comes with the accounts issue."""
from __future__ import annotations

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models import Capability, Industry, Organization, VendorProfile
from app.services.errors import NotFound
from app.services.inputs import ListingQuery
from app.services.pagination import Page
from app.services.search import term_condition
from app.services.taxonomy import ids_for_code

VENDOR_SORTS = {
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
    for term in query.terms:
        conds.append(term_condition(
            term, (Organization.name, Organization.name_en, Organization.description, VendorProfile.products,
                   VendorProfile.case_studies),
            lambda ids: VendorProfile.industries.any(Industry.id.in_(ids)),
            lambda ids: VendorProfile.capabilities.any(Capability.id.in_(ids))))
    return conds


def browse_vendors(query: ListingQuery) -> Page[VendorProfile]:
    """Published vendor profiles that match the search and filters, one page of them."""
    conds = _vendor_filters(query)
    base = sa.select(VendorProfile.id).join(VendorProfile.organization).where(*conds)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // query.per_page))
    page = min(query.page, pages)
    sort = query.sort if query.sort in VENDOR_SORTS else "name"
    stmt = (sa.select(VendorProfile).join(VendorProfile.organization).where(*conds)
            .order_by(*VENDOR_SORTS[sort])
            .options(so.contains_eager(VendorProfile.organization), so.selectinload(VendorProfile.capabilities),
                     so.selectinload(VendorProfile.industries))
            .limit(query.per_page).offset((page - 1) * query.per_page))
    return Page(items=db.session.scalars(stmt).unique().all(), page=page, per_page=query.per_page, total=total)


def get_public_vendor(vendor_id: int) -> VendorProfile:
    vendor = db.session.get(VendorProfile, vendor_id, options=[
        so.joinedload(VendorProfile.organization), so.selectinload(VendorProfile.capabilities),
        so.selectinload(VendorProfile.industries)])
    if vendor is None or vendor.status != "published":
        raise NotFound("No such vendor")
    return vendor
