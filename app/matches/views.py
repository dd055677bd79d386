"""Matches in the site: a scenario's suggested vendors, and a vendor's match feed. Thin: parse, call a service, render."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.auth.guards import require
from app.matches import bp
from app.matches.forms import DISMISS_LABELS, DismissForm, feed_query, keting_filter
from app.models import DISTRICTS
from app.services import matches as match_service
from app.services import taxonomy
from app.services.errors import InvalidInput

# Endpoints of the living-room work (requests to meet): the buttons show once those routes exist.
INVITE_ENDPOINT = "requests.invite"
INTEREST_ENDPOINT = "requests.interest"


def _actor():
    return current_user._get_current_object()


def _may_see_suggestions(user) -> bool:
    """Enterprise members (their own scenarios, checked by the service) and admins; vendors get 403."""
    return permissions.user_role(user) == "enterprise" or permissions.is_admin(user)


@bp.get("/scenarios/<int:scenario_id>/suggested")
@require(_may_see_suggestions)
def suggested(scenario_id: int):
    keting = keting_filter(request.args)
    sort = "on_keting" if request.args.get("sort") == "on_keting" else "best"
    result = match_service.suggested_vendors(_actor(), scenario_id, keting=keting, sort=sort)
    can_invite = (
        INVITE_ENDPOINT in current_app.view_functions
        and result.live
        and permissions.can_invite_vendor(_actor(), result.scenario)
    )
    return render_template(
        "matches/suggested.html",
        result=result,
        districts=DISTRICTS,
        can_invite=can_invite,
        invite_endpoint=INVITE_ENDPOINT,
        keting=keting,
        sort=sort,
    )


@bp.get("/my/matches")
@require(permissions.can_view_match_feed)
def feed():
    query = feed_query(request.args)
    result = match_service.match_feed(_actor(), query)
    return render_template(
        "matches/feed.html",
        result=result,
        query=query,
        form=DismissForm(),
        industries=taxonomy.industries(),
        capabilities=taxonomy.capabilities(),
        districts=DISTRICTS,
        dismiss_labels=DISMISS_LABELS,
        interest_endpoint=INTEREST_ENDPOINT if INTEREST_ENDPOINT in current_app.view_functions else None,
    )


@bp.post("/my/matches/<int:scenario_id>/not-relevant")
@require(permissions.can_view_match_feed)
def dismiss(scenario_id: int):
    form = DismissForm()
    back = request.form.get("back") or ""
    back = back if back.startswith("/my/matches") and not back.startswith("//") else url_for("matches.feed")
    if not form.validate():
        flash(
            " ".join(form.problems + [e for f in (form.reason_code, form.note) for e in f.errors])
            or _("Please try again."),
            "error",
        )
        return redirect(back)
    try:
        scenario = match_service.dismiss_match(_actor(), form.to_input(scenario_id))
    except InvalidInput as error:
        flash(error.message, "error")
    else:
        flash(
            _("“%(title)s” is out of your matches. We will propose fewer scenarios like it.", title=scenario.title),
            "success",
        )
    return redirect(back)
