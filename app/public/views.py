"""Public pages: home, scenario and vendor lists and details. Thin: parse, call a service, render."""

from __future__ import annotations

import contextlib

from flask import abort, current_app, redirect, render_template, request, send_from_directory, url_for
from flask_babel import get_locale
from flask_login import current_user

from app import permissions
from app.models import DISTRICTS
from app.page_cache import anonymous_page
from app.public import bp
from app.public.forms import listing_query
from app.services import duplicates, stats, taxonomy
from app.services import matches as match_service
from app.services import requests as request_service
from app.services import scenarios as scenario_service
from app.services import shortlist as shortlist_service
from app.services import similar as similar_service
from app.services import vendors as vendor_service
from app.services.errors import NotFound, PermissionDenied


def _starred(kind: str, items) -> set[int]:
    """Which of the listed items the signed-in person starred (cards show a filled star for those)."""
    return shortlist_service.shortlisted_ids(current_user._get_current_object(), kind, [i.id for i in items])


@bp.get("/favicon.ico")
def favicon():
    # Browsers, feed readers and bookmarks ask for /favicon.ico whatever the page links to.
    static_folder = current_app.static_folder
    if static_folder is None:  # the app always has one; a blueprint-only setup would not
        abort(404)
    return send_from_directory(static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600)


@bp.get("/")
@anonymous_page
def home():
    featured = scenario_service.featured_scenarios()
    return render_template(
        "public/home.html",
        counts=stats.home_counts(),
        featured=featured,
        starred=_starred("scenario", featured),
        industries=taxonomy.industries(),
        capabilities=taxonomy.capabilities(),
    )


@bp.get("/scenarios")
@anonymous_page
def scenarios():
    query = listing_query(request.args, scenario_service.SCENARIO_SORTS, "newest")
    page = scenario_service.browse_scenarios(query)
    return render_template(
        "public/scenarios.html",
        query=query,
        page=page,
        starred=_starred("scenario", page.items),
        industries=taxonomy.industries(),
        capabilities=taxonomy.capabilities(),
        districts=DISTRICTS,
        batches=scenario_service.source_batches(),
        sorts=list(scenario_service.SCENARIO_SORTS),
    )


@bp.get("/scenarios/<int:scenario_id>")
@anonymous_page
def scenario_detail(scenario_id: int):
    try:
        scenario = scenario_service.get_public_scenario(scenario_id)
    except NotFound:
        # A scenario merged into another as a near-duplicate keeps its address: it leads to the one kept.
        survivor = duplicates.redirect_target(scenario_id)
        if survivor is not None:
            return redirect(url_for("public.scenario_detail", scenario_id=survivor), 301)
        abort(404)
    # The living room: a vendor's own request decides whether it reads a confidential scenario's details,
    # and what the page offers it (express interest, or a link to the request it already has).
    actor = current_user._get_current_object()
    if request.args.get("via") == "matches" and permissions.can_view_match_feed(actor):
        # Came from the vendor's match feed: noted once per pair by the service (see matches.open_match).
        # Not (or no longer) proposed to this vendor: the page shows as usual.
        with contextlib.suppress(NotFound, PermissionDenied):
            match_service.open_match(actor, scenario.id)
    live_request = request_service.live_request_for(actor, scenario)
    details = permissions.can_view_scenario_details(actor, scenario, has_live_request=live_request is not None)
    similar = similar_service.similar_for_viewer(actor, scenario, str(get_locale()), details)
    return render_template(
        "public/scenario_detail.html",
        scenario=scenario,
        districts=DISTRICTS,
        details=details,
        live_request=live_request,
        similar=similar,
        starred=_starred("scenario", [scenario]),
        # Its owner (and admins) read whether its suggested vendors are still being worked out.
        updating_since=match_service.pending_since("scenario", scenario.id)
        if permissions.can_compare_vendors(actor, scenario)
        else None,
    )


@bp.get("/vendors")
@anonymous_page
def vendors():
    query = listing_query(request.args, vendor_service.VENDOR_SORTS, "name")
    page = vendor_service.browse_vendors(query)
    return render_template(
        "public/vendors.html",
        query=query,
        page=page,
        starred=_starred("vendor", page.items),
        industries=taxonomy.industries(),
        capabilities=taxonomy.capabilities(),
        districts=DISTRICTS,
        sorts=list(vendor_service.VENDOR_SORTS),
    )


@bp.get("/vendors/<int:vendor_id>")
@anonymous_page
def vendor_detail(vendor_id: int):
    vendor = vendor_service.get_public_vendor(vendor_id)
    return render_template(
        "public/vendor_detail.html", vendor=vendor, districts=DISTRICTS, starred=_starred("vendor", [vendor])
    )
