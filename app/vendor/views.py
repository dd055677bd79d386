"""A vendor's own profile: edit it, send it for review, and preview it as others will see it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.auth.guards import require
from app.formtools import taxonomy_groups
from app.models import DISTRICTS
from app.services import matches as match_service
from app.services import taxonomy
from app.services import vendors as vendor_service
from app.services.errors import DomainError
from app.vendor import bp
from app.vendor.forms import VendorProfileForm


def _saved_message(before: str, profile) -> str:
    if profile.status == "pending" and before == "published":
        return _("Saved. Your changes will show once the Keting team has reviewed them.")
    if profile.status == "pending" and before != "pending":
        return _("Sent for review. We will let you know when your profile is published.")
    if profile.status == "published":
        return _("Saved. Your public profile shows the changes now; your matches will update in a moment.")
    return _("Saved.")


@bp.route("", methods=["GET", "POST"])
@require(permissions.can_keep_vendor_profile)
def profile():
    actor = current_user._get_current_object()
    own = vendor_service.get_own_profile(actor)
    industries, capabilities = taxonomy.industries(), taxonomy.capabilities()
    if request.method == "POST":
        form = VendorProfileForm().set_taxonomy(industries, capabilities)
        form.require_complete = vendor_service.needs_complete_profile(own, form.chosen_action == "submit")
    else:
        form = VendorProfileForm.for_profile(own, industries, capabilities)
    if request.method == "POST" and form.chosen_action == "edit":
        # Back from the preview of unsaved input: the form again, as typed, nothing stored.
        return _render_form(form, own, industries, capabilities, 200)
    if request.method == "POST" and form.validate():
        before, was_verified = own.status, own.organization.verified
        try:
            saved = vendor_service.update_vendor_profile(actor, form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            flash(_saved_message(before, saved), "success")
            if was_verified and not saved.organization.verified:
                flash(
                    _(
                        "Your organization's name or website changed, so it is no longer verified. "
                        "The Keting team will check it again before the badge comes back."
                    ),
                    "info",
                )
            return redirect(url_for("vendor.profile"))
    return _render_form(form, own, industries, capabilities, 200 if request.method == "GET" else 422)


def _render_form(form, own, industries, capabilities, status: int):
    return render_template(
        "vendor/profile_form.html",
        form=form,
        profile=own,
        industry_groups=taxonomy_groups(industries),
        capability_groups=taxonomy_groups(capabilities),
        districts=DISTRICTS,
        edits_go_to_review=vendor_service.edits_go_to_review(),
        updating_since=match_service.pending_since("vendor", own.id) if own.id else None,
    ), status


@bp.get("/preview")
@require(permissions.can_keep_vendor_profile)
def preview():
    """The public profile page, as others will see it once published (the saved profile)."""
    own = vendor_service.get_own_profile(current_user._get_current_object())
    preview = {"status": own.status, "note": own.review_note, "back": url_for("vendor.profile")}
    return render_template("public/vendor_detail.html", vendor=own, districts=DISTRICTS, preview=preview)


@bp.post("/preview")
@require(permissions.can_keep_vendor_profile)
def preview_unsaved():
    """The profile page as it would look with what is in the form now, without saving it. The page carries
    the typed values back to the form (or on to saving) in a form of its own."""
    actor = current_user._get_current_object()
    own = vendor_service.get_own_profile(actor)
    industries, capabilities = taxonomy.industries(), taxonomy.capabilities()
    form = VendorProfileForm().set_taxonomy(industries, capabilities)
    form.require_complete = False
    if form.validate():
        try:
            shown = vendor_service.preview_vendor_profile(actor, form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            typed = [
                (key, value)
                for key in request.form
                if key not in ("action", "csrf_token")
                for value in request.form.getlist(key)
            ]
            preview = {
                "status": own.status,
                "note": own.review_note,
                "unsaved": True,
                "fields": typed,
                "action": url_for("vendor.profile"),
                "can_submit": own.status in vendor_service.DRAFT_STATES,
            }
            return render_template("public/vendor_detail.html", vendor=shown, districts=DISTRICTS, preview=preview)
    return _render_form(form, own, industries, capabilities, 422)
