"""The room of an accepted request: contacts, messages, meetings (.ics), outcome, timeline.

Thin: form → service → redirect (post/redirect/get), or the room again with the form's errors. A room the
viewer may not read is 404, so room ids cannot be probed.
"""

from __future__ import annotations

import io

from flask import Response, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from app import permissions
from app.auth.guards import require
from app.models import NO_DEAL_REASONS
from app.rooms import bp
from app.rooms.forms import ActionForm, ConfirmMeetingForm, MeetingForm, MessageForm, OutcomeForm
from app.services import notifications
from app.services import rooms as room_service
from app.services.errors import InvalidInput
from app.services.filetypes import ACCEPTED_EXTENSIONS
from app.services.room_labels import NO_DEAL_REASON_LABELS, label
from app.services.text import parse_int


def _actor():
    return current_user._get_current_object()


def _signed_in(user) -> bool:
    return permissions.can_use_notifications(user)


def _page_arg() -> int | None:
    return parse_int(request.args.get("page"), None, 1, 99_999)


def _render(connection_id: int, status: int = 200, **forms):
    view = room_service.room_view(_actor(), connection_id, page=_page_arg())
    forms.setdefault("message_form", MessageForm(formdata=None))
    forms.setdefault("meeting_form", MeetingForm(formdata=None))
    forms.setdefault("outcome_form", OutcomeForm(formdata=None))
    return render_template(
        "rooms/room.html",
        view=view,
        attachment_accept=",".join(ACCEPTED_EXTENSIONS),
        attachment_max_mb="%g" % (current_app.config["ATTACHMENT_MAX_BYTES"] / 1048576),
        c=view.connection,
        # formdata=None: the page is also drawn after a refused upload, when the request body must not be read.
        action_form=ActionForm(formdata=None),
        confirm_form=ConfirmMeetingForm(formdata=None),
        duration_options=[(m, _("%(num)d minutes", num=m)) for m in room_service.MEETING_DURATIONS],
        no_deal_options=[(code, label(NO_DEAL_REASON_LABELS, code)) for code in NO_DEAL_REASONS],
        **forms,
    ), status


def _back(connection_id: int, anchor: str = ""):
    return redirect(url_for("rooms.room", connection_id=connection_id) + (f"#{anchor}" if anchor else ""))


@bp.get("/<int:connection_id>")
@require(_signed_in)
def room(connection_id: int):
    # Looking at the room reads its notifications (only the viewer's own, so this reveals nothing).
    notifications.mark_read_for(_actor(), connection_id=connection_id)
    return _render(connection_id)


@bp.post("/<int:connection_id>/messages")
@require(_signed_in)
def post_message(connection_id: int):
    form = MessageForm()
    if form.validate_on_submit():
        try:
            room_service.post_message(_actor(), connection_id, form.to_input())
        except InvalidInput as error:
            form.add_error(error)
        else:
            return _back(connection_id, "messages-end")
    return _render(connection_id, 422, message_form=form)


@bp.get("/<int:connection_id>/attachments/<int:attachment_id>")
@require(_signed_in)
def attachment(connection_id: int, attachment_id: int):
    file, data = room_service.get_attachment(_actor(), connection_id, attachment_id)
    # Always a download, with the type found from the bytes: never rendered by the browser on this origin.
    response = send_file(
        io.BytesIO(data),
        mimetype=file.content_type,
        as_attachment=True,
        download_name=file.filename,
        etag=file.sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error):
    """A request over MAX_CONTENT_LENGTH never reaches the form: say so beside the file field."""
    connection_id = (request.view_args or {}).get("connection_id")
    if connection_id is None or request.endpoint != "rooms.post_message":
        return error
    form = MessageForm(formdata=None)
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    form.attachment.errors = [
        _(
            "The file is larger than %(max)s MB. Send a smaller one, or share a link in the message.",
            max="%g" % (limit / 1048576),
        )
    ]
    return _render(connection_id, 413, message_form=form)


@bp.post("/<int:connection_id>/meetings")
@require(_signed_in)
def propose_meeting(connection_id: int):
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            room_service.propose_meeting(_actor(), connection_id, form.to_input())
        except InvalidInput as error:
            form.add_error(error)
        else:
            flash(_("Meeting proposed. The other side will pick one of the times."), "success")
            return _back(connection_id, "meetings")
    return _render(connection_id, 422, meeting_form=form)


@bp.post("/<int:connection_id>/meetings/<int:meeting_id>/confirm")
@require(_signed_in)
def confirm_meeting(connection_id: int, meeting_id: int):
    form = ConfirmMeetingForm()
    if not form.validate_on_submit():
        flash(" ".join(form.problems + [str(e) for e in form.slot.errors]) or _("Please try again."), "error")
        return _back(connection_id, "meetings")
    try:
        room_service.confirm_meeting(_actor(), connection_id, meeting_id, form.slot_id)
    except InvalidInput as error:
        flash(error.message, "error")
    else:
        flash(_("Meeting confirmed. Add it to your calendar with the .ics file."), "success")
    return _back(connection_id, "meetings")


@bp.post("/<int:connection_id>/meetings/<int:meeting_id>/cancel")
@require(_signed_in)
def cancel_meeting(connection_id: int, meeting_id: int):
    form = ActionForm()
    if not form.validate_on_submit():
        flash(" ".join(form.problems) or _("Please try again."), "error")
        return _back(connection_id, "meetings")
    try:
        room_service.cancel_meeting(_actor(), connection_id, meeting_id)
    except InvalidInput as error:
        flash(error.message, "error")
    else:
        flash(_("Meeting cancelled. The other side has been told."), "success")
    return _back(connection_id, "meetings")


@bp.get("/<int:connection_id>/meetings/<int:meeting_id>.ics")
@require(_signed_in)
def meeting_ics(connection_id: int, meeting_id: int):
    name, body = room_service.meeting_calendar(
        _actor(), connection_id, meeting_id, notifications.absolute_url("rooms.room", connection_id=connection_id)
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "private, no-store"},
    )


@bp.post("/<int:connection_id>/outcome")
@require(_signed_in)
def record_outcome(connection_id: int):
    form = OutcomeForm()
    if form.validate_on_submit():
        try:
            room_service.record_outcome(_actor(), connection_id, form.to_input())
        except InvalidInput as error:
            form.add_error(error)
        else:
            flash(_("Outcome recorded. Thank you: it helps Keting suggest better matches."), "success")
            return _back(connection_id, "outcome")
    return _render(connection_id, 422, outcome_form=form)


@bp.app_template_filter("file_size")
def file_size(size: int) -> str:
    """A file's size as people read it: 512 bytes, 4.8 KB, 2.3 MB (digits and units the same in both languages)."""
    if size < 1024:
        return ngettext("%(num)d byte", "%(num)d bytes", size)
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1048576:.1f} MB"
