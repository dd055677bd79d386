"""The shortlist (star a scenario or vendor, /my/shortlist) and comparing vendors for a scenario. Thin views."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.auth.guards import require
from app.formtools import safe_next
from app.searches.forms import ButtonForm
from app.services import shortlist as shortlist_service
from app.services.errors import InvalidInput
from app.shortlist import bp


def _actor():
    return current_user._get_current_object()


def _may_compare(user) -> bool:
    """Enterprise members (their own scenarios, checked by the service) and admins; vendors get 403."""
    return permissions.user_role(user) == "enterprise" or permissions.is_admin(user)


@bp.post("/shortlist/<kind>/<int:listing_id>")
@require(permissions.can_use_shortlist)
def toggle(kind: str, listing_id: int):
    form = ButtonForm()
    back = safe_next(request.form.get("next")) or url_for("shortlist.my_shortlist")
    if not form.validate_on_submit():
        flash(" ".join(form.problems) or _("Please try again."), "error")
        return redirect(back)
    try:
        starred = shortlist_service.toggle_shortlist(_actor(), kind, listing_id)
    except InvalidInput as error:
        flash(error.message, "error")
    else:
        flash(_("Added to your shortlist.") if starred else _("Removed from your shortlist."), "success")
    return redirect(back)


@bp.get("/my/shortlist")
@require(permissions.can_use_shortlist)
def my_shortlist():
    return render_template(
        "shortlist/list.html", shortlist=shortlist_service.my_shortlist(_actor()), button=ButtonForm()
    )


@bp.get("/scenarios/<int:scenario_id>/compare")
@require(_may_compare)
def compare(scenario_id: int):
    wanted = request.args.getlist("vendor")
    error = None
    try:
        result = shortlist_service.compare_vendors(_actor(), scenario_id, wanted)
    except InvalidInput as exc:
        error = exc.message
        result = shortlist_service.compare_vendors(_actor(), scenario_id, [])
    chosen = {c.vendor.id for c in result.selected}
    return render_template(
        "shortlist/compare.html", result=result, error=error, chosen=chosen, max_compared=shortlist_service.MAX_COMPARED
    ), 200 if error is None else 422
