"""Introductions views. Thin: form → one service → flash and redirect; the claim page is public (the signed link
is the credential)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.auth.guards import require
from app.introductions import bp
from app.introductions.forms import (
    LOCALE_LABELS,
    BulkInviteForm,
    ClaimInviteForm,
    ClaimRegisterForm,
    CloseForm,
    ContactForm,
    DecisionForm,
)
from app.services import introductions as intro
from app.services.errors import DomainError, InvalidInput
from app.services.text import parse_id
from app.sessions import start_session


def _actor():
    return current_user._get_current_object()


def _back(anchor: int | None = None) -> str:
    view = request.args.get("view") or request.form.get("view") or "waiting"
    url = url_for("introductions.queue", view=view if view in intro.QUEUE_VIEWS else "waiting")
    return f"{url}#org-{anchor}" if anchor else url


def _flash_problems(form) -> None:
    messages = list(form.problems)
    for field in form:
        messages.extend(f"{field.label.text}: {e}" for e in field.errors if field.name != "csrf_token")
    flash(" ".join(messages) or _("Please try again."), "error")


@bp.get("/admin/introductions")
@require(permissions.can_manage_introductions)
def queue():
    queue = intro.introduction_queue(
        _actor(), request.args.get("view") or "waiting", org_id=parse_id(request.args.get("org"))
    )
    forms = {}
    for item in queue.items:
        invite = ClaimInviteForm(
            formdata=None,
            prefix=f"o{item.organization.id}",
            email=(item.live.email if item.live else item.suggested_email) or "",
        )
        contact = ContactForm(formdata=None, prefix=f"c{item.organization.id}", obj=item.organization)
        forms[item.organization.id] = (invite, contact)
    return render_template(
        "introductions/queue.html",
        queue=queue,
        forms=forms,
        close_form=CloseForm(formdata=None),
        decision_form=DecisionForm(formdata=None),
        locale_labels=LOCALE_LABELS,
        invitation_expires_at=intro.invitation_expires_at,
    )


@bp.post("/admin/introductions/<int:org_id>/invite")
@require(permissions.can_manage_introductions)
def invite(org_id: int):
    form = ClaimInviteForm(prefix=f"o{org_id}")
    if not form.validate_on_submit():
        _flash_problems(form)
        return redirect(_back(org_id))
    try:
        invitation = intro.send_claim_invitation(_actor(), org_id, form.to_input())
    except InvalidInput as error:
        flash(error.message, "error")
        return redirect(_back(org_id))
    flash(
        _("Invitation sent to %(email)s.", email=invitation.email)
        + " "
        + (
            _("Registering through the link claims the organization at once (the address is at its website's domain).")
            if invitation.domain_matches
            else _("The address is not at the organization's website domain: you will approve the registration.")
        ),
        "success",
    )
    return redirect(url_for("introductions.queue", view="invited") + f"#org-{org_id}")


@bp.post("/admin/introductions/<int:org_id>/contact")
@require(permissions.can_manage_introductions)
def contact(org_id: int):
    form = ContactForm(prefix=f"c{org_id}")
    if not form.validate_on_submit():
        _flash_problems(form)
        return redirect(_back(org_id))
    try:
        intro.update_contact(_actor(), org_id, form.to_input())
    except InvalidInput as error:
        flash(error.message, "error")
    else:
        flash(_("Contact saved."), "success")
    return redirect(_back(org_id))


@bp.post("/admin/introductions/invitations/<int:invitation_id>/close")
@require(permissions.can_manage_introductions)
def close(invitation_id: int):
    form = CloseForm()
    if not form.validate_on_submit():
        _flash_problems(form)
        return redirect(_back())
    try:
        invitation = intro.close_invitation(_actor(), invitation_id, form.outcome.data, form.note.data or "")
    except InvalidInput as error:
        flash(error.message, "error")
        return redirect(_back())
    flash(_("Recorded. The requests keep waiting; you can invite another address."), "success")
    return redirect(_back(invitation.organization_id))


@bp.post("/admin/introductions/invitations/<int:invitation_id>/approve")
@require(permissions.can_manage_introductions)
def approve(invitation_id: int):
    form = DecisionForm()
    if not form.validate_on_submit():
        _flash_problems(form)
        return redirect(_back())
    try:
        user = intro.approve_registration(_actor(), invitation_id)
    except InvalidInput as error:
        flash(error.message, "error")
        return redirect(_back())
    flash(
        _(
            "Approved: %(email)s is now a member of %(org)s, and the waiting requests are theirs to answer.",
            email=user.email,
            org=user.organization.name if user.organization else "",
        ),
        "success",
    )
    return redirect(url_for("introductions.queue", view="claimed"))


@bp.post("/admin/introductions/invitations/<int:invitation_id>/reject")
@require(permissions.can_manage_introductions)
def reject(invitation_id: int):
    form = DecisionForm()
    if not form.validate_on_submit():
        _flash_problems(form)
        return redirect(_back())
    try:
        invitation = intro.reject_registration(_actor(), invitation_id, form.note.data or "")
    except InvalidInput as error:
        flash(error.message, "error")
        return redirect(_back())
    flash(_("Refused. %(email)s has been told; the requests keep waiting.", email=invitation.email), "success")
    return redirect(_back(invitation.organization_id))


@bp.route("/admin/introductions/organizations", methods=["GET", "POST"])
@require(permissions.can_manage_introductions)
def unclaimed():
    kind = request.args.get("kind") if request.args.get("kind") in ("enterprise", "vendor") else None
    with_email = request.args.get("email") == "1"
    q = (request.args.get("q") or "")[:100]
    form = BulkInviteForm()
    report = None
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                report = intro.bulk_claim_invite(_actor(), form.ids(), form.locale.data)
            except InvalidInput as error:
                flash(error.message, "error")
            else:
                flash(_("%(n)d invitations sent.", n=len(report.sent)), "success" if report.sent else "info")
        else:
            _flash_problems(form)
    rows = intro.unclaimed_organizations(_actor(), kind=kind, only_with_email=with_email, q=q)
    return render_template(
        "introductions/unclaimed.html",
        rows=rows,
        form=form,
        report=report,
        kind=kind,
        with_email=with_email,
        q=q,
        shown=intro.UNCLAIMED_SHOWN,
    ), 200 if request.method == "GET" or report else 422


# The claim link ----------------------------------------------------------------------------------------


@bp.route("/claim/<token>", methods=["GET", "POST"])
def claim(token: str):
    try:
        invitation = intro.open_claim_link(token) if request.method == "GET" else intro.invitation_for_token(token)
    except intro.InvalidClaimLink as error:
        return render_template("introductions/claim_invalid.html", message=error.message), 410
    if current_user.is_authenticated:
        flash(
            _(
                "You are logged in as %(email)s. Log out first to register from this invitation.",
                email=current_user.email,
            ),
            "info",
        )
    form = ClaimRegisterForm()
    if form.validate_on_submit() and not current_user.is_authenticated:
        try:
            result = intro.register_through_claim(form.to_input(token, str(get_locale())))
        except intro.InvalidClaimLink as error:
            return render_template("introductions/claim_invalid.html", message=error.message), 410
        except DomainError as error:
            form.add_error(error)
        else:
            if result.user is None:
                return render_template("introductions/claim_pending.html", invitation=result.invitation)
            start_session(result.user)
            flash(
                _(
                    "Welcome to Keting. You now represent %(org)s; the requests waiting for you are below.",
                    org=result.invitation.organization.name,
                ),
                "success",
            )
            return redirect(url_for("requests.my_requests"))
    waiting = intro.waiting_for(invitation.organization)
    return render_template(
        "introductions/claim.html", invitation=invitation, form=form, waiting=waiting, token=token
    ), 200 if request.method == "GET" else 422


@bp.app_template_global()
def website_domain(website: str | None) -> str | None:
    return intro.website_domain(website)
