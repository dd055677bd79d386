"""Room forms: a message, a meeting proposal with up to three times, picking a time, and the outcome."""

from __future__ import annotations

import re
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from app.formtools import BaseForm, OneTimeTokenField, TextRules, multi_line, single_line
from app.models import CONNECTION_OUTCOMES, MAX_MESSAGE_CHARS, NO_DEAL_REASONS
from app.services.inputs import AttachmentInput, MeetingInput, MessageInput, OutcomeInput
from app.services.notifications import SITE_TIMEZONE
from app.services.room_labels import NO_DEAL_REASON_LABELS, OUTCOME_LABELS
from app.services.rooms import LOCATION_MAX_CHARS, MEETING_DURATIONS, OUTCOME_NOTE_MAX_CHARS, TOPIC_MAX_CHARS
from app.services.text import MAX_YEAR, MIN_YEAR, parse_id, validated_id


class MessageForm(BaseForm):
    body = TextAreaField(
        _l("Message"),
        filters=[multi_line],
        validators=[TextRules(MAX_MESSAGE_CHARS, 1, multiline=True, required=False)],
    )
    attachment = FileField(_l("Attach a file (optional)"))
    form_token = OneTimeTokenField()

    def _upload(self):
        upload = self.attachment.data
        filename = getattr(upload, "filename", None)  # a FileStorage when a file came, else None or ""
        return upload if filename else None

    def to_input(self) -> MessageInput:
        upload, attachment = self._upload(), None
        if upload is not None:
            # Read one byte past the limit: enough to know it is too large without holding a huge file.
            limit = int(current_app.config["ATTACHMENT_MAX_BYTES"])
            data = upload.stream.read(limit + 1)
            attachment = AttachmentInput(filename=upload.filename, data=data[:limit], too_large=len(data) > limit)
        return MessageInput(
            body=self.body.data or "", submission_token=self.form_token.data or None, attachment=attachment
        )


class LocalTimeField(StringField):
    """A date and time typed in Beijing time (an <input type=datetime-local>); data is an aware datetime."""

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.raw = raw
        if not raw:
            self.data = None
            return
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?", raw)
        try:
            if not match:
                raise ValueError
            year, month, day, hour, minute = (int(g) for g in match.groups())
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError
            self.data = datetime(year, month, day, hour, minute, tzinfo=SITE_TIMEZONE)
        except ValueError:
            self.data = None
            raise ValueError(str(_l("Enter a date and time, such as 2026-12-01 14:30."))) from None

    def _value(self):
        if getattr(self, "raw", None) is not None:
            return self.raw
        return self.data.astimezone(SITE_TIMEZONE).strftime("%Y-%m-%dT%H:%M") if self.data else ""


class MeetingForm(BaseForm):
    topic = StringField(_l("What to discuss"), filters=[single_line], validators=[TextRules(TOPIC_MAX_CHARS, 2)])
    location = StringField(
        _l("Where (an address or a video-call link)"),
        filters=[single_line],
        validators=[TextRules(LOCATION_MAX_CHARS, required=False)],
    )
    duration = SelectField(
        _l("How long"),
        coerce=int,
        default=60,
        validate_choice=False,
        choices=[SelectChoice(m) for m in MEETING_DURATIONS],
    )
    slot1 = LocalTimeField(_l("First choice"))
    slot2 = LocalTimeField(_l("Second choice (optional)"))
    slot3 = LocalTimeField(_l("Third choice (optional)"))
    form_token = OneTimeTokenField()

    def validate_duration(self, field) -> None:
        if field.data not in MEETING_DURATIONS:
            raise StopValidation(_l("Choose how long the meeting takes."))

    def validate_slot1(self, field) -> None:
        if field.data is None and not field.errors:
            raise StopValidation(_l("Propose at least one time."))

    def to_input(self) -> MeetingInput:
        slots = tuple(f.data for f in (self.slot1, self.slot2, self.slot3) if f.data is not None)
        return MeetingInput(
            topic=self.topic.data or "",
            location=self.location.data or "",
            duration_minutes=self.duration.data,
            slots=slots,
            submission_token=self.form_token.data or None,
        )


class ConfirmMeetingForm(BaseForm):
    slot = StringField()

    def validate_slot(self, field) -> None:
        if parse_id(field.data) is None:
            raise StopValidation(_l("Choose one of the proposed times."))

    @property
    def slot_id(self) -> int:
        return validated_id(self.slot.data)


class OutcomeForm(BaseForm):
    outcome = RadioField(
        _l("What happened?"),
        validate_choice=False,
        choices=[SelectChoice(code, OUTCOME_LABELS[code]) for code in CONNECTION_OUTCOMES],
    )
    no_deal_reason = SelectField(
        _l("Why no deal?"),
        validate_choice=False,
        choices=[SelectChoice("")] + [SelectChoice(c, NO_DEAL_REASON_LABELS[c]) for c in NO_DEAL_REASONS],
    )
    note = TextAreaField(
        _l("A note (optional)"),
        filters=[multi_line],
        validators=[TextRules(OUTCOME_NOTE_MAX_CHARS, multiline=True, required=False)],
    )

    def validate_outcome(self, field) -> None:
        if field.data not in CONNECTION_OUTCOMES:
            raise StopValidation(_l("Choose an outcome."))

    def validate_no_deal_reason(self, field) -> None:
        if self.outcome.data == "no_deal" and field.data not in NO_DEAL_REASONS:
            raise StopValidation(_l("Choose why there was no deal."))

    def to_input(self) -> OutcomeInput:
        return OutcomeInput(
            outcome=self.outcome.data,
            no_deal_reason=self.no_deal_reason.data if self.outcome.data == "no_deal" else None,
            note=self.note.data or "",
        )


class ActionForm(BaseForm):
    """A button that changes something (cancel a meeting): only the CSRF token."""
