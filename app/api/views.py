"""The operations of /api/v1. Each one parses its input, calls the same service function as the page that does
the same thing (and so the same permission rule), and returns plain JSON; errors become problem documents."""

from __future__ import annotations

import copy

from flask import Response as FlaskResponse
from flask import g, render_template, request, send_from_directory, stream_with_context, url_for
from spectree import Response

from app import permissions
from app.api import bp, spec
from app.api import schemas as s
from app.api.http import BEARER, OPTIONAL_BEARER, actor, lang, page_meta, requires
from app.api.problems import PROBLEM_TYPES, ApiProblem, titles, type_uri
from app.api.serialize import Ctx, iso
from app.models import DISTRICTS, IMPORT_FIELDS
from app.public.forms import listing_query
from app.services import curation, exports, imports, taxonomy
from app.services import dashboard as dashboard_service
from app.services import jobs as job_service
from app.services import matches as match_service
from app.services import requests as request_service
from app.services import rooms as room_service
from app.services import scenarios as scenario_service
from app.services import vendors as vendor_service
from app.services.errors import NotFound
from app.services.inputs import (
    CloseScenarioInput,
    DeclineInput,
    InterestInput,
    InvitationInput,
    MatchFeedQuery,
    MessageInput,
    ScenarioInput,
    VendorProfileInput,
)
from app.services.text import MAX_ID

ID = "int"  # bounded app-wide (app/security.py): ids past PostgreSQL's integer are a 404, not an overflow
PUBLIC, ACCOUNT, MATCHING, LIVING_ROOM, ADMIN = "Catalogue", "Account", "Matches", "Living room", "Admin"


def _errors(*codes: int) -> dict:
    return {f"HTTP_{code}": s.Problem for code in codes}


def _json_body():
    """The validated JSON body spectree put on the request."""
    return request.context.json  # type: ignore[attr-defined]  # set by spectree's validation


def _query():
    return request.context.query  # type: ignore[attr-defined]  # set by spectree's validation


# The catalogue (public reads) -------------------------------------------------------------------------


@bp.get("/scenarios")
@spec.validate(
    query=s.ScenarioListArgs,
    resp=Response(HTTP_200=s.ScenarioPage, **_errors(401, 422, 429)),
    tags=[PUBLIC],
    security=OPTIONAL_BEARER,
    operation_id="listScenarios",
)
def list_scenarios():
    """Published scenarios, with the list page's filters and the same search and ranking as the site."""
    query = listing_query(request.args, scenario_service.SCENARIO_SORTS, "newest")
    page = scenario_service.browse_scenarios(query)
    ctx = Ctx(lang())
    return page_meta(page, items=[ctx.scenario_summary(x) for x in page.items])


@bp.get(f"/scenarios/<{ID}:scenario_id>")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.Scenario, **_errors(401, 404, 422, 429)),
    tags=[PUBLIC],
    security=OPTIONAL_BEARER,
    operation_id="getScenario",
)
def get_scenario(scenario_id: int):
    """One published scenario; a confidential one shows its details only to those its page shows them to."""
    scenario = scenario_service.get_public_scenario(scenario_id)
    who = actor()
    live = request_service.live_request_for(who, scenario)
    details = permissions.can_view_scenario_details(who, scenario, has_live_request=live is not None)
    return Ctx(lang()).scenario(scenario, details)


@bp.get(f"/scenarios/<{ID}:scenario_id>/similar")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.SimilarList, **_errors(401, 404, 422, 429)),
    tags=[PUBLIC],
    security=OPTIONAL_BEARER,
    operation_id="listSimilarScenarios",
)
def similar_scenarios(scenario_id: int):
    """Published scenarios most like this one, by the matcher, with the words they share."""
    scenario = scenario_service.get_public_scenario(scenario_id)
    found = []
    for other_id, score, reasons in match_service.similar_scenarios(scenario_id=scenario.id, k=5):
        try:
            other = scenario_service.get_public_scenario(other_id)
        except NotFound:
            continue  # not (or no longer) published
        found.append((other, score, reasons))
    ctx = Ctx(lang())
    return {
        "items": [
            {"scenario": ctx.scenario_summary(o), "score": round(float(score), 4), "reasons": [str(r) for r in reasons]}
            for o, score, reasons in found
        ]
    }


@bp.get("/vendors")
@spec.validate(
    query=s.VendorListArgs,
    resp=Response(HTTP_200=s.VendorPage, **_errors(401, 422, 429)),
    tags=[PUBLIC],
    security=OPTIONAL_BEARER,
    operation_id="listVendors",
)
def list_vendors():
    """Published vendor profiles, with the list page's filters and search."""
    query = listing_query(request.args, vendor_service.VENDOR_SORTS, "name")
    page = vendor_service.browse_vendors(query)
    ctx = Ctx(lang())
    return page_meta(page, items=[ctx.vendor_summary(x) for x in page.items])


@bp.get(f"/vendors/<{ID}:vendor_id>")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.Vendor, **_errors(401, 404, 422, 429)),
    tags=[PUBLIC],
    security=OPTIONAL_BEARER,
    operation_id="getVendor",
)
def get_vendor(vendor_id: int):
    """One published vendor profile."""
    vendor = vendor_service.get_public_vendor(vendor_id)
    return Ctx(lang()).vendor(vendor)


@bp.get("/taxonomy")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.Taxonomy, **_errors(401, 422, 429)),
    tags=[PUBLIC],
    security=OPTIONAL_BEARER,
    operation_id="getTaxonomy",
)
def get_taxonomy():
    """Industries, capabilities and districts: the codes the filters and the write operations take."""
    ctx = Ctx(lang())
    return {
        "industries": [ctx.node(n) for n in taxonomy.industries()],
        "capabilities": [ctx.node(n) for n in taxonomy.capabilities()],
        "districts": [ctx.district(code) for code in DISTRICTS],
    }


# The account and its own listings ---------------------------------------------------------------------


@bp.get("/me")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.Me, **_errors(401, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="getMe",
)
@requires("read")
def get_me():
    """Who the token belongs to, and its scope."""
    user = actor()
    ctx = Ctx(lang())
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name or "",
        "role": user.role,
        "organization": ctx.org(user.organization) if user.organization else None,
        "token_scope": g.api_token.scope,
    }


def _own_scenario_json(ctx: Ctx, row) -> dict:
    out = ctx.scenario(row.scenario, details=True)
    out.update(
        review_note=row.scenario.review_note,
        matches=row.matches,
        interests=row.interests,
        missing=list(row.quality.missing),
    )
    return out


def _own_row(scenario_id: int):
    return scenario_service.own_scenario(actor(), scenario_id)


@bp.get("/my/scenarios")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.OwnScenarioList, **_errors(401, 403, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="listMyScenarios",
)
@requires("read")
def list_my_scenarios():
    """The organization's scenarios in every status, with their match and interest counts."""
    rows = scenario_service.own_scenarios(actor())
    ctx = Ctx(lang())
    return {"items": [_own_scenario_json(ctx, r) for r in rows]}


@bp.get(f"/my/scenarios/<{ID}:scenario_id>")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.OwnScenario, **_errors(401, 403, 404, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="getMyScenario",
)
@requires("read")
def get_my_scenario(scenario_id: int):
    """One of the organization's scenarios, whatever its status."""
    row = _own_row(scenario_id)  # 404 for others' ids, as the edit page
    return _own_scenario_json(Ctx(lang()), row)


def _scenario_input(body: s.ScenarioBody, submit: bool | None = None) -> ScenarioInput:
    return ScenarioInput(
        title=body.title,
        description=body.description,
        industry=body.industry or None,
        capabilities=tuple(body.capabilities),
        district=body.district or None,
        budget_min=body.budget_min,
        budget_max=body.budget_max,
        timeline=body.timeline,
        data_available=body.data_available,
        confidentiality=body.confidentiality,
        submit=body.submit if submit is None else submit,
    )


@bp.post("/my/scenarios")
@spec.validate(
    json=s.ScenarioBody,
    resp=Response(HTTP_201=s.OwnScenario, **_errors(401, 403, 415, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="createScenario",
)
@requires("write")
def create_scenario():
    """Post a scenario as a draft, or send it straight to review with `"submit": true`."""
    scenario = scenario_service.create_scenario(actor(), _scenario_input(_json_body()))
    row = _own_row(scenario.id)
    return (
        _own_scenario_json(Ctx(lang()), row),
        201,
        {"Location": url_for("api.get_my_scenario", scenario_id=scenario.id)},
    )


@bp.put(f"/my/scenarios/<{ID}:scenario_id>")
@spec.validate(
    json=s.ScenarioBody,
    resp=Response(HTTP_200=s.OwnScenario, **_errors(401, 403, 404, 415, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="updateScenario",
)
@requires("write")
def update_scenario(scenario_id: int):
    """Replace a scenario's text and fields; `"submit": true` sends it for review."""
    scenario = scenario_service.update_scenario(actor(), scenario_id, _scenario_input(_json_body()))
    return _own_scenario_json(Ctx(lang()), _own_row(scenario.id))


@bp.post(f"/my/scenarios/<{ID}:scenario_id>/submit")
@spec.validate(
    resp=Response(HTTP_200=s.OwnScenario, **_errors(401, 403, 404, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="submitScenario",
)
@requires("write")
def submit_scenario(scenario_id: int):
    """Send a draft (as it is saved) for review."""
    who = actor()
    current = scenario_service.get_own_scenario(who, scenario_id)
    data = ScenarioInput(
        title=current.title,
        description=current.description,
        industry=current.industry.code if current.industry else None,
        capabilities=tuple(c.code for c in current.capabilities),
        district=current.district,
        budget_min=current.budget_min,
        budget_max=current.budget_max,
        timeline=current.timeline or "",
        data_available=current.data_available or "",
        confidentiality=current.confidentiality,
        submit=True,
    )
    scenario = scenario_service.update_scenario(who, scenario_id, data)
    return _own_scenario_json(Ctx(lang()), _own_row(scenario.id))


@bp.post(f"/my/scenarios/<{ID}:scenario_id>/withdraw")
@spec.validate(
    resp=Response(HTTP_200=s.OwnScenario, **_errors(401, 403, 404, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="withdrawScenario",
)
@requires("write")
def withdraw_scenario(scenario_id: int):
    """Take a scenario out of review or off the public list, back to a draft."""
    scenario = scenario_service.withdraw_scenario(actor(), scenario_id)
    return _own_scenario_json(Ctx(lang()), _own_row(scenario.id))


@bp.post(f"/my/scenarios/<{ID}:scenario_id>/close")
@spec.validate(
    json=s.CloseBody,
    resp=Response(HTTP_200=s.OwnScenario, **_errors(401, 403, 404, 415, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="closeScenario",
)
@requires("write")
def close_scenario(scenario_id: int):
    """Close a published scenario with how it ended."""
    scenario = scenario_service.close_scenario(actor(), scenario_id, CloseScenarioInput(_json_body().outcome))
    return _own_scenario_json(Ctx(lang()), _own_row(scenario.id))


@bp.get("/my/profile")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.Vendor, **_errors(401, 403, 404, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="getMyProfile",
)
@requires("read")
def get_my_profile():
    """The vendor's own profile, in whatever status it is."""
    profile = vendor_service.get_own_profile(actor())
    if profile.id is None:
        raise NotFound("The profile has not been saved yet.")
    return Ctx(lang()).vendor(profile)


@bp.put("/my/profile")
@spec.validate(
    json=s.ProfileBody,
    resp=Response(HTTP_200=s.Vendor, **_errors(401, 403, 415, 422, 429)),
    tags=[ACCOUNT],
    security=BEARER,
    operation_id="updateMyProfile",
)
@requires("write")
def update_my_profile():
    """Replace the vendor's profile; `"submit": true` sends a draft for review."""
    body = _json_body()
    data = VendorProfileInput(
        name=body.name,
        description=body.description,
        name_en=body.name_en,
        website=body.website,
        district=body.district or None,
        capabilities=tuple(body.capabilities),
        industries=tuple(body.industries),
        products=body.products,
        case_studies=body.case_studies,
        certifications=body.certifications,
        languages=tuple(body.languages),
        team_size=body.team_size,
        submit=body.submit,
    )
    profile = vendor_service.update_vendor_profile(actor(), data)
    return Ctx(lang()).vendor(profile)


# Matches ----------------------------------------------------------------------------------------------


@bp.get("/my/matches")
@spec.validate(
    query=s.MatchFeedArgs,
    resp=Response(HTTP_200=s.MatchPage, **_errors(401, 403, 422, 429)),
    tags=[MATCHING],
    security=BEARER,
    operation_id="listMyMatches",
)
@requires("read")
def list_my_matches():
    """The vendor's match feed: published scenarios proposed to it, best first, with reasons."""
    q = _query()
    feed = match_service.match_feed(
        actor(),
        MatchFeedQuery(
            industry=q.industry,
            capability=q.capability,
            district=q.district if q.district in DISTRICTS else None,
            sort=q.sort,
            only_new=q.only_new,
            page=q.page,
            per_page=q.per_page,
        ),
    )
    ctx = Ctx(lang())

    def render(item) -> dict:
        scenario = ctx.scenario_summary(item.scenario)
        return {
            "scenario": scenario,
            "score": round(float(item.match.score), 4),
            "rank": item.match.rank,
            "strength": item.strength,
            "reasons": ctx.reasons(item.match.reasons),
            "request_state": item.request.state if item.request else None,
        }

    return page_meta(
        feed.page,
        items=[render(i) for i in feed.page.items],
        new_total=feed.new_total,
        updating=feed.updating_since is not None,
    )


@bp.get(f"/scenarios/<{ID}:scenario_id>/suggested-vendors")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.SuggestionList, **_errors(401, 403, 404, 422, 429)),
    tags=[MATCHING],
    security=BEARER,
    operation_id="listSuggestedVendors",
)
@requires("read")
def list_suggested_vendors(scenario_id: int):
    """The vendors the matcher suggests for one of the organization's scenarios, with reasons."""
    found = match_service.suggested_vendors(actor(), scenario_id)
    ctx = Ctx(lang())
    return {
        "scenario_id": found.scenario.id,
        "items": [
            {
                "vendor": ctx.vendor_summary(item.vendor),
                "score": round(float(item.match.score), 4),
                "rank": item.match.rank,
                "strength": item.strength,
                "reasons": ctx.reasons(item.match.reasons),
                "request_state": item.request.state if item.request else None,
            }
            for item in found.items
        ],
    }


# The living room: requests and rooms -------------------------------------------------------------------


def _request_json(row) -> dict:
    r = row.request
    room = getattr(r, "connection", None)
    return {
        "id": r.id,
        "kind": r.kind,
        "state": row.state,
        "scenario_id": r.scenario_id,
        "scenario_title": r.scenario.title,
        "vendor_id": r.vendor_id,
        "vendor_name": r.vendor.organization.display_name(lang()),
        "incoming": row.incoming,
        "waiting_for_introduction": bool(r.awaiting_claim),
        "message": r.message,
        "approach": r.approach,
        "decline_reason": r.decline_reason,
        "created_at": iso(r.created_at),
        "expires_at": iso(row.expires_at),
        "room_id": room.id if room else None,
    }


def _row_for(request_id: int):
    return request_service.my_request(actor(), request_id)


@bp.get("/requests")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.RequestList, **_errors(401, 403, 422, 429)),
    tags=[LIVING_ROOM],
    security=BEARER,
    operation_id="listMyRequests",
)
@requires("read")
def list_my_requests():
    """The requests the organization received and sent, newest first, with their effective state."""
    mine = request_service.my_requests(actor())
    return {"received": [_request_json(r) for r in mine.received], "sent": [_request_json(r) for r in mine.sent]}


@bp.post(f"/scenarios/<{ID}:scenario_id>/interest")
@spec.validate(
    json=s.InterestBody,
    resp=Response(HTTP_201=s.IntroRequest, **_errors(401, 403, 404, 415, 422, 429)),
    tags=[LIVING_ROOM],
    security=BEARER,
    operation_id="expressInterest",
)
@requires("write")
def express_interest(scenario_id: int):
    """A vendor tells the enterprise it can help, with a short proposal."""
    body = _json_body()
    made = request_service.express_interest(
        actor(),
        scenario_id,
        InterestInput(
            approach=body.approach,
            similar_cases=body.similar_cases,
            rough_cost=body.rough_cost,
            rough_time=body.rough_time,
        ),
    )
    return _request_json(_row_for(made.id)), 201


@bp.post(f"/scenarios/<{ID}:scenario_id>/invitations")
@spec.validate(
    json=s.InvitationBody,
    resp=Response(HTTP_201=s.IntroRequest, **_errors(401, 403, 404, 415, 422, 429)),
    tags=[LIVING_ROOM],
    security=BEARER,
    operation_id="inviteVendor",
)
@requires("write")
def invite_vendor(scenario_id: int):
    """The enterprise invites a vendor to talk about one of its scenarios."""
    body = _json_body()
    made = request_service.invite_vendor(actor(), scenario_id, body.vendor_id, InvitationInput(message=body.message))
    return _request_json(_row_for(made.id)), 201


@bp.post(f"/requests/<{ID}:request_id>/accept")
@spec.validate(
    resp=Response(HTTP_200=s.Room, **_errors(401, 403, 404, 422, 429)),
    tags=[LIVING_ROOM],
    security=BEARER,
    operation_id="acceptRequest",
)
@requires("write")
def accept_request(request_id: int):
    """Accept a request your side received: a room opens for the two organizations."""
    room = request_service.accept_request(actor(), request_id)
    return {
        "id": room.id,
        "request_id": room.request_id,
        "scenario_id": room.scenario_id,
        "vendor_id": room.vendor_id,
        "accepted_at": iso(room.accepted_at),
        "outcome": room.outcome,
    }


@bp.post(f"/requests/<{ID}:request_id>/decline")
@spec.validate(
    json=s.DeclineBody,
    resp=Response(HTTP_200=s.IntroRequest, **_errors(401, 403, 404, 415, 422, 429)),
    tags=[LIVING_ROOM],
    security=BEARER,
    operation_id="declineRequest",
)
@requires("write")
def decline_request(request_id: int):
    """Decline a request your side received, with a reason the other side reads."""
    body = _json_body()
    request_service.decline_request(actor(), request_id, DeclineInput(reason=body.reason, note=body.note))
    return _request_json(_row_for(request_id))


def _message_json(message) -> dict:
    author = message.author.display_name if message.author and message.author.display_name else ""
    return {
        "id": message.id,
        "author": author,
        "organization_id": message.author_org_id,
        "body": message.body,
        "created_at": iso(message.created_at),
    }


@bp.get(f"/rooms/<{ID}:room_id>/messages")
@spec.validate(
    query=s.PageArgs,
    resp=Response(HTTP_200=s.MessagePage, **_errors(401, 403, 404, 422, 429)),
    tags=[LIVING_ROOM],
    security=BEARER,
    operation_id="listRoomMessages",
)
@requires("read")
def list_room_messages(room_id: int):
    """A room's messages, oldest first; without `page`, the latest page."""
    view = room_service.room_view(actor(), room_id, _query().page if "page" in request.args else None)
    return page_meta(view.messages, items=[_message_json(m) for m in view.messages.items])


@bp.post(f"/rooms/<{ID}:room_id>/messages")
@spec.validate(
    json=s.MessageBody,
    resp=Response(HTTP_201=s.RoomMessage, **_errors(401, 403, 404, 415, 422, 429)),
    tags=[LIVING_ROOM],
    security=BEARER,
    operation_id="postRoomMessage",
)
@requires("write")
def post_room_message(room_id: int):
    """Write in a room; the other side is told."""
    message = room_service.post_message(actor(), room_id, MessageInput(body=_json_body().body))
    return _message_json(message), 201


# Admin ------------------------------------------------------------------------------------------------


@bp.get("/admin/review")
@spec.validate(
    query=s.ReviewArgs,
    resp=Response(HTTP_200=s.ReviewPage, **_errors(401, 403, 422, 429)),
    tags=[ADMIN],
    security=BEARER,
    operation_id="listReviewQueue",
)
@requires("admin")
def list_review_queue():
    """Listings waiting for a decision (or in another status), the longest-waiting first."""
    q = _query()
    page = curation.review_queue(
        actor(), curation.ReviewQuery(kind=q.kind, status=q.status, page=q.page, per_page=q.per_page)
    )
    ctx = Ctx(lang())
    return page_meta(
        page,
        items=[
            {
                "kind": i.kind,
                "id": i.listing.id,
                "title": i.title,
                "organization": ctx.org(i.organization),
                "status": i.status,
                "waiting_since": iso(i.waiting_since),
                "open_duplicate_flags": i.open_flags,
            }
            for i in page.items
        ],
    )


@bp.post(f"/admin/review/<any(scenario, vendor):kind>/<{ID}:listing_id>")
@spec.validate(
    json=s.DecisionBody,
    resp=Response(HTTP_200=s.ReviewResult, **_errors(401, 403, 404, 415, 422, 429)),
    tags=[ADMIN],
    security=BEARER,
    operation_id="reviewListing",
)
@requires("admin")
def review_listing(kind: str, listing_id: int):
    """Approve, reject, ask for changes or archive one listing; the owner is told by email."""
    body = _json_body()
    listing = curation.review_listing(actor(), kind, listing_id, curation.ReviewDecision(body.action, body.note))
    return {"kind": kind, "id": listing.id, "status": listing.status}


@bp.get("/admin/dashboard")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.DashboardFigures, **_errors(401, 403, 422, 429)),
    tags=[ADMIN],
    security=BEARER,
    operation_id="getDashboard",
)
@requires("admin")
def get_dashboard():
    """The dashboard's figures: listings by status, industry, capability and district, the funnel, the gaps."""
    data = dashboard_service.dashboard(actor())
    ctx = Ctx(lang())

    def by_node(rows) -> list[dict]:
        return [
            {"key": n.code if n else None, "label": (ctx.node(n) or {}).get("name", "") if n else "", "count": c}
            for n, c in rows
        ]

    return {
        "scenario_status": [{"key": k, "label": k, "count": c} for k, c in data.scenario_status],
        "vendor_status": [{"key": k, "label": k, "count": c} for k, c in data.vendor_status],
        "by_industry": by_node(data.by_industry),
        "by_capability": by_node(data.by_capability),
        "by_district": [
            {"key": k, "label": (ctx.district(k) or {}).get("name", ""), "count": c} for k, c in data.by_district
        ],
        "funnel": [
            {
                "key": f.key,
                "count": f.count,
                "rate_from_previous": f.rate_from_previous,
                "rate_from_start": f.rate_from_start,
                "median_days_from_previous": f.median_days_from_previous,
            }
            for f in data.funnel
        ],
        "open_requests": data.open_requests,
        "unanswered_total": data.unanswered_total,
        "unanswered_days": data.unanswered_days,
        "pending_review": data.pending_review,
        "capability_gaps": [
            {
                "key": g_.capability.code if g_.capability else None,
                "label": (ctx.node(g_.capability) or {}).get("name", "") if g_.capability else "",
                "count": g_.scenarios,
            }
            for g_ in data.gaps
        ],
        "computed_at": iso(data.computed_at),
    }


@bp.get("/admin/export/<any(scenarios, vendors, matches, funnel):kind>")
@spec.validate(resp=Response(**_errors(401, 403, 404, 429)), tags=[ADMIN], security=BEARER, operation_id="exportCsv")
@requires("admin")
def export_csv(kind: str):
    """A CSV export (UTF-8 with BOM, opens in Excel), streamed; the download is recorded in the audit log."""
    filename, chunks = exports.export_csv(actor(), kind)
    response = FlaskResponse(stream_with_context(chunks), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _job_json(job) -> dict | None:
    return job_service.job_status(job) if job is not None else None


def _batch_json(batch) -> dict:
    problems = imports.problem_rows(batch, 1, 500).items if batch.status in ("mapped", "imported") else []
    job = job_service.active_job_for_batch(batch.id)
    return {
        "id": batch.id,
        "file_name": batch.filename,
        "status": batch.status,
        "label": batch.label,
        "publish": bool(batch.publish),
        "headers": list(batch.headers or []),
        "mapping": dict(batch.mapping or {}),
        "rows": batch.rows_total or 0,
        "ready_rows": batch.rows_valid or 0,
        "problem_rows": batch.rows_error or 0,
        "imported": batch.rows_imported or 0,
        "errors": [
            {
                "row": p.get("line") or 0,
                "title": p.get("title") or "",
                "problems": [imports.problem_text(x) for x in p.get("problems") or []],
            }
            for p in problems
        ],
        "job": _job_json(job),
        "created_at": iso(batch.created_at),
    }


@bp.post("/admin/imports")
@spec.validate(
    form=s.ImportUpload,
    resp=Response(HTTP_201=s.ImportBatch, **_errors(401, 403, 413, 415, 422, 429)),
    tags=[ADMIN],
    security=BEARER,
    operation_id="uploadImport",
)
@requires("admin")
def upload_import():
    """Upload a city list; a job reads it and guesses its columns, then the dry run starts as a job (follow
    `job` while `status` is reading or checking, then read `errors` per row). Nothing is imported before `run`."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiProblem("validation-error", errors=[{"field": "file", "message": "Attach the list as `file`."}])
    form = request.context.form  # type: ignore[attr-defined]  # set by spectree's validation
    batch = imports.upload_import(
        actor(),
        imports.UploadInput(filename=upload.filename, content=upload.read(), label=form.label, publish=form.publish),
        then_check=True,
    )
    return _batch_json(batch), 201, {"Location": url_for("api.get_import", batch_id=batch.id)}


@bp.get(f"/admin/imports/<{ID}:batch_id>")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.ImportBatch, **_errors(401, 403, 404, 422, 429)),
    tags=[ADMIN],
    security=BEARER,
    operation_id="getImport",
)
@requires("admin")
def get_import(batch_id: int):
    """An import: its columns, the dry run's counts and per-row problems, and its job's progress."""
    return _batch_json(imports.get_batch(actor(), batch_id))


@bp.put(f"/admin/imports/<{ID}:batch_id>/mapping")
@spec.validate(
    json=s.ImportMapping,
    resp=Response(HTTP_200=s.ImportBatch, **_errors(401, 403, 404, 415, 422, 429)),
    tags=[ADMIN],
    security=BEARER,
    operation_id="mapImport",
)
@requires("admin")
def map_import(batch_id: int):
    """Change which column holds which field; the dry run starts again as a job."""
    body = _json_body()
    unknown = sorted(set(body.mapping) - set(IMPORT_FIELDS))
    if unknown:
        raise ApiProblem(
            "validation-error", errors=[{"field": f"mapping.{k}", "message": "Unknown field."} for k in unknown]
        )
    batch = imports.preview_import(
        actor(), batch_id, imports.MappingInput(mapping=dict(body.mapping), label=body.label, publish=body.publish)
    )
    return _batch_json(batch)


@bp.post(f"/admin/imports/<{ID}:batch_id>/run")
@spec.validate(
    resp=Response(HTTP_202=s.Job, **_errors(401, 403, 404, 422, 429)),
    tags=[ADMIN],
    security=BEARER,
    operation_id="runImport",
)
@requires("admin")
def run_import(batch_id: int):
    """Import the checked rows as a background job; follow it at /admin/jobs/{job_id} or on the import."""
    job = imports.start_import(actor(), batch_id)
    return _job_json(job), 202, {"Location": url_for("api.get_job", job_id=job.id)}


@bp.get(f"/admin/jobs/<{ID}:job_id>")
@spec.validate(
    query=s.LangArgs,
    resp=Response(HTTP_200=s.Job, **_errors(401, 403, 404, 422, 429)),
    tags=[ADMIN],
    security=BEARER,
    operation_id="getJob",
)
@requires("admin")
def get_job(job_id: int):
    """A background job's progress and result."""
    return _job_json(job_service.get_job(actor(), job_id))


# The document and its docs page -----------------------------------------------------------------------


@bp.get("/problems/<slug>")
def problem_type(slug: str):
    """What a problem `type` means (the URI in every error points here)."""
    if slug not in PROBLEM_TYPES:
        raise ApiProblem("not-found")
    return {"type": type_uri(slug), "title": titles()[slug], "status": PROBLEM_TYPES[slug]}


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document, generated from the operations above."""
    return document()


def document() -> dict:
    """spectree's document, with errors declared as what they are: application/problem+json."""
    doc = copy.deepcopy(spec.spec)
    for operations in doc["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"].endswith("_id"):
                    parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
            if operation.get("operationId") == "exportCsv":
                operation["responses"]["200"] = {
                    "description": "CSV, UTF-8 with a byte-order mark",
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                }
            for code, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if code[:1] in "45" and "application/json" in content:
                    response["content"] = {"application/problem+json": content["application/json"]}
    _add_links(doc)
    return doc


# What a client can do next with what an answer returned (OpenAPI links; clients and stateful tests follow them).
LINKS = {
    "createScenario": {
        "201": {
            "GetMyScenario": ("getMyScenario", {"scenario_id": "$response.body#/id"}),
            "UpdateScenario": ("updateScenario", {"scenario_id": "$response.body#/id"}),
            "SubmitScenario": ("submitScenario", {"scenario_id": "$response.body#/id"}),
            "WithdrawScenario": ("withdrawScenario", {"scenario_id": "$response.body#/id"}),
            "SuggestedVendors": ("listSuggestedVendors", {"scenario_id": "$response.body#/id"}),
        }
    },
    "listScenarios": {
        "200": {
            "GetScenario": ("getScenario", {"scenario_id": "$response.body#/items/0/id"}),
            "SimilarScenarios": ("listSimilarScenarios", {"scenario_id": "$response.body#/items/0/id"}),
        }
    },
    "listVendors": {"200": {"GetVendor": ("getVendor", {"vendor_id": "$response.body#/items/0/id"})}},
    "expressInterest": {
        "201": {
            "DeclineRequest": ("declineRequest", {"request_id": "$response.body#/id"}),
            "AcceptRequest": ("acceptRequest", {"request_id": "$response.body#/id"}),
        }
    },
    "inviteVendor": {
        "201": {
            "AcceptRequest": ("acceptRequest", {"request_id": "$response.body#/id"}),
            "DeclineRequest": ("declineRequest", {"request_id": "$response.body#/id"}),
        }
    },
    "acceptRequest": {
        "200": {
            "RoomMessages": ("listRoomMessages", {"room_id": "$response.body#/id"}),
            "PostRoomMessage": ("postRoomMessage", {"room_id": "$response.body#/id"}),
        }
    },
    "uploadImport": {
        "201": {
            "GetImport": ("getImport", {"batch_id": "$response.body#/id"}),
            "RunImport": ("runImport", {"batch_id": "$response.body#/id"}),
        }
    },
    "runImport": {"202": {"GetJob": ("getJob", {"job_id": "$response.body#/id"})}},
    "listReviewQueue": {
        "200": {
            "ReviewFirst": (
                "reviewListing",
                {"kind": "$response.body#/items/0/kind", "listing_id": "$response.body#/items/0/id"},
            )
        }
    },
}


def _add_links(doc: dict) -> None:
    for operations in doc["paths"].values():
        for operation in operations.values():
            for status, links in LINKS.get(operation.get("operationId"), {}).items():
                response = operation["responses"].get(status)
                if response is not None:
                    response["links"] = {
                        name: {"operationId": target, "parameters": params} for name, (target, params) in links.items()
                    }


@bp.get("/docs")
def docs():
    """A browsable page of the OpenAPI document (Swagger UI shipped with the app: no CDN, the site's CSP)."""
    return render_template("api/docs.html")


DOCS_ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js")


@bp.get("/docs/assets/<filename>")
def docs_asset(filename: str):
    """Swagger UI's own files, from the swagger-ui-bundle package."""
    import swagger_ui_bundle

    if filename not in DOCS_ASSETS:
        raise ApiProblem("not-found")
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)


@bp.get("/")
def index():
    return {
        "openapi": url_for("api.openapi"),
        "docs": url_for("api.docs"),
        "tokens": url_for("account.tokens", _external=True),
    }
