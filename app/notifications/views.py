"""The notification centre, marking read, and email settings. Also the header's unread count."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from app import permissions
from app.auth.guards import require
from app.extensions import db
from app.notifications import bp
from app.notifications.forms import ActionForm, SettingsForm
from app.services import notifications as notification_service
from app.services import room_labels
from app.services.errors import DomainError
from app.services.text import parse_int

log = logging.getLogger(__name__)


def _actor():
    return current_user._get_current_object()


@bp.record_once
def _code_labels(state) -> None:
    """The words for the living room's codes, as template globals (so imported macros see them too)."""
    state.app.jinja_env.globals.update(
        label=room_labels.label,
        request_state_labels=room_labels.REQUEST_STATE_LABELS,
        request_kind_labels=room_labels.REQUEST_KIND_LABELS,
        decline_reason_labels=room_labels.DECLINE_REASON_LABELS,
        outcome_labels=room_labels.OUTCOME_LABELS,
        no_deal_reason_labels=room_labels.NO_DEAL_REASON_LABELS,
        meeting_state_labels=room_labels.MEETING_STATE_LABELS,
    )


@bp.app_context_processor
def unread_notifications():
    """The unread count for the header: one indexed count, and only for a signed-in user."""
    unread = 0
    user = current_user._get_current_object() if current_user else None
    if permissions.can_use_notifications(user):
        try:
            unread = notification_service.unread_count(user)
        except SQLAlchemyError:  # an error page must still render when the database is the problem
            db.session.rollback()
            log.warning("Could not count unread notifications", exc_info=True)
    return {"unread_notifications": unread}


@bp.get("")
@require(permissions.can_use_notifications)
def centre():
    page = parse_int(request.args.get("page"), 1, 1, 99_999)
    unread_only = request.args.get("show") == "unread"
    return render_template(
        "notifications/centre.html",
        page=notification_service.list_notifications(_actor(), page=page, unread_only=unread_only),
        unread_only=unread_only,
        action_form=ActionForm(),
    )


@bp.post("/<int:notification_id>/open")
@require(permissions.can_use_notifications)
def open_one(notification_id: int):
    form = ActionForm()
    if not form.validate_on_submit():
        flash(" ".join(form.problems) or _("Please try again."), "error")
        return redirect(url_for("notifications.centre"))
    endpoint, values = notification_service.open_notification(_actor(), notification_id)
    return redirect(url_for(endpoint, **values))


@bp.post("/read-all")
@require(permissions.can_use_notifications)
def read_all():
    form = ActionForm()
    if not form.validate_on_submit():
        flash(" ".join(form.problems) or _("Please try again."), "error")
    else:
        count = notification_service.mark_all_read(_actor())
        flash(_("All notifications marked as read.") if count else _("Nothing unread."), "success")
    return redirect(url_for("notifications.centre"))


@bp.route("/settings", methods=["GET", "POST"])
@require(permissions.can_use_notifications)
def settings():
    actor = _actor()
    current = notification_service.get_settings(actor)
    if request.method == "POST":
        form = SettingsForm()
    else:
        form = SettingsForm(data={"email_mode": current.email_mode, "match_digest": current.match_digest})
    if form.validate_on_submit():
        try:
            notification_service.update_settings(actor, form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            flash(_("Saved. We will email you the way you chose."), "success")
            return redirect(url_for("notifications.settings"))
    return render_template("notifications/settings.html", form=form), 200 if request.method == "GET" else 422
