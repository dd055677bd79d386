"""Requests to meet: express interest, invite, answer, withdraw, and the list of one's requests.

Thin: form → service → flash and redirect. Other people's requests are 404, never 403, so ids cannot be probed.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.auth.guards import require
from app.models import DISTRICTS
from app.requests import bp
from app.requests.forms import ActionForm, DeclineForm, InterestForm, InvitationForm
from app.services import notifications
from app.services import requests as request_service
from app.services import rooms as room_service
from app.services.errors import InvalidInput, NotFound


def _actor():
    return current_user._get_current_object()


def _may_see_requests(user) -> bool:
    return permissions.can_list_requests(user) or permissions.is_admin(user)


@bp.route("/scenarios/<int:scenario_id>/interest", methods=["GET", "POST"])
@require(permissions.can_express_interest)
def interest(scenario_id: int):
    actor = _actor()
    scenario = request_service.get_scenario_for_interest(actor, scenario_id)
    existing = request_service.live_request_for(actor, scenario)
    if existing is not None:
        flash(
            _("You already have a request with this enterprise about this scenario.")
            if existing.state == "open"
            else _("You are already talking with this enterprise about this scenario."),
            "info",
        )
        return redirect(_request_page(existing))
    form = InterestForm()
    if form.validate_on_submit():
        try:
            made = request_service.express_interest(actor, scenario.id, form.to_input())
        except (NotFound, InvalidInput) as error:
            form.add_error(error)
        else:
            if made.awaiting_claim:
                flash(
                    _(
                        "Sent to a Keting admin. The enterprise is not on Keting yet: we will contact them and "
                        "introduce you. Their %(days)d days to answer start when they join.",
                        days=request_service.expiry_days(),
                    ),
                    "success",
                )
            else:
                flash(
                    _(
                        "Sent. The enterprise has %(days)d days to answer; we will tell you either way.",
                        days=request_service.expiry_days(),
                    ),
                    "success",
                )
            return redirect(_request_page(made))
    profile = actor.organization.vendor_profile if actor.organization else None
    return render_template(
        "requests/interest.html",
        form=form,
        scenario=scenario,
        districts=DISTRICTS,
        details=request_service.scenario_details_visible(actor, scenario),
        profile_ready=profile is not None and profile.status == "published",
        expiry_days=request_service.expiry_days(),
    ), 200 if request.method == "GET" else 422


@bp.route("/scenarios/<int:scenario_id>/invite/<int:vendor_id>", methods=["GET", "POST"])
@require(permissions.can_invite_vendor)
def invite(scenario_id: int, vendor_id: int):
    actor = _actor()
    scenario, vendor = request_service.get_invite_target(actor, scenario_id, vendor_id)
    existing = request_service.pair_states(scenario.id, [vendor.id]).get(vendor.id)
    if existing is not None and request_service.effective_state(existing) in ("open", "accepted"):
        flash(_("You are already in touch with this vendor about this scenario."), "info")
        return redirect(_request_page(existing))
    # A bare "Invite" button (the suggested-vendors list posts only its CSRF token) opens the form to write
    # the message, rather than failing on the empty message.
    bare = request.method == "POST" and "message" not in request.form
    form = InvitationForm(formdata=None) if bare else InvitationForm()
    if not bare and form.validate_on_submit():
        try:
            made = request_service.invite_vendor(actor, scenario.id, vendor.id, form.to_input())
        except (NotFound, InvalidInput) as error:
            form.add_error(error)
        else:
            if made.awaiting_claim:
                flash(
                    _(
                        "Sent to a Keting admin. The vendor is not on Keting yet: we will contact them and "
                        "introduce you. Their %(days)d days to answer start when they join.",
                        days=request_service.expiry_days(),
                    ),
                    "success",
                )
            else:
                flash(
                    _(
                        "Invitation sent. The vendor has %(days)d days to answer; we will tell you either way.",
                        days=request_service.expiry_days(),
                    ),
                    "success",
                )
            return redirect(_request_page(made))
    return render_template(
        "requests/invite.html", form=form, scenario=scenario, vendor=vendor, expiry_days=request_service.expiry_days()
    ), 200 if request.method == "GET" or bare else 422


def _request_page(made) -> str:
    if made.state == "accepted" and made.connection is not None:
        return url_for("rooms.room", connection_id=made.connection.id)
    return url_for("requests.request_detail", request_id=made.id)


@bp.get("/my/requests")
@require(permissions.can_list_requests)
def my_requests():
    actor = _actor()
    return render_template(
        "requests/my_requests.html", mine=request_service.my_requests(actor), rooms=room_service.my_rooms(actor)
    )


@bp.get("/requests/<int:request_id>")
@require(_may_see_requests)
def request_detail(request_id: int):
    actor = _actor()
    made = request_service.get_request(_actor(), request_id)
    notifications.mark_read_for(actor, request_id=made.id)
    state = request_service.effective_state(made)
    return render_template(
        "requests/detail.html",
        req=made,
        state=state,
        expires_at=request_service.expires_at(made),
        can_answer=state == "open" and permissions.can_respond_to_request(actor, made),
        can_withdraw=state == "open" and permissions.can_withdraw_request(actor, made),
        details=request_service.scenario_details_visible(actor, made.scenario),
        action_form=ActionForm(),
        decline_form=DeclineForm(),
    )


@bp.post("/requests/<int:request_id>/accept")
@require(_may_see_requests)
def accept(request_id: int):
    request_service.get_request(_actor(), request_id)
    form = ActionForm()
    if not form.validate_on_submit():
        flash(" ".join(form.problems) or _("Please try again."), "error")
        return redirect(url_for("requests.request_detail", request_id=request_id))
    try:
        connection = request_service.accept_request(_actor(), request_id)
    except (NotFound, InvalidInput) as error:
        flash(error.message, "error")
        return redirect(url_for("requests.request_detail", request_id=request_id))
    flash(_("Accepted. This is your room: both sides can now see each other's contacts."), "success")
    return redirect(url_for("rooms.room", connection_id=connection.id))


@bp.route("/requests/<int:request_id>/decline", methods=["GET", "POST"])
@require(_may_see_requests)
def decline(request_id: int):
    actor = _actor()
    made = request_service.get_request(_actor(), request_id)
    if not permissions.can_respond_to_request(actor, made):
        abort(403)
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            request_service.decline_request(actor, made.id, form.to_input())
        except (NotFound, InvalidInput) as error:
            if error.field:
                form.add_error(error)
            else:
                flash(error.message, "error")
                return redirect(url_for("requests.request_detail", request_id=made.id))
        else:
            flash(_("Declined. They will see your reason."), "success")
            return redirect(url_for("requests.my_requests"))
    return render_template("requests/decline.html", form=form, req=made), 200 if request.method == "GET" else 422


@bp.post("/requests/<int:request_id>/withdraw")
@require(_may_see_requests)
def withdraw(request_id: int):
    request_service.get_request(_actor(), request_id)
    form = ActionForm()
    if not form.validate_on_submit():
        flash(" ".join(form.problems) or _("Please try again."), "error")
        return redirect(url_for("requests.request_detail", request_id=request_id))
    try:
        request_service.withdraw_request(_actor(), request_id)
    except (NotFound, InvalidInput) as error:
        flash(error.message, "error")
    else:
        flash(_("Withdrawn."), "success")
    return redirect(url_for("requests.request_detail", request_id=request_id))
