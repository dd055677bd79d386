"""Forms for requests to meet: a vendor's interest, an enterprise's invitation, and a decline with a reason."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from app.formtools import BaseForm, TextRules, multi_line, single_line
from app.models import DECLINE_REASONS
from app.services.inputs import DeclineInput, InterestInput, InvitationInput
from app.services.requests import (
    APPROACH_MAX_CHARS,
    APPROACH_MIN_CHARS,
    CASES_MAX_CHARS,
    DECLINE_NOTE_MAX_CHARS,
    ESTIMATE_MAX_CHARS,
    INVITATION_MAX_CHARS,
    INVITATION_MIN_CHARS,
)
from app.services.room_labels import DECLINE_REASON_LABELS


class InterestForm(BaseForm):
    approach = TextAreaField(
        _l("How you would solve it"),
        filters=[multi_line],
        validators=[TextRules(APPROACH_MAX_CHARS, APPROACH_MIN_CHARS, multiline=True)],
    )
    similar_cases = TextAreaField(
        _l("Similar cases you have done"),
        filters=[multi_line],
        validators=[TextRules(CASES_MAX_CHARS, multiline=True, required=False)],
    )
    rough_cost = StringField(
        _l("Rough cost"), filters=[single_line], validators=[TextRules(ESTIMATE_MAX_CHARS, required=False)]
    )
    rough_time = StringField(
        _l("Rough time to a first result"),
        filters=[single_line],
        validators=[TextRules(ESTIMATE_MAX_CHARS, required=False)],
    )

    def to_input(self) -> InterestInput:
        return InterestInput(
            approach=self.approach.data or "",
            similar_cases=self.similar_cases.data or "",
            rough_cost=self.rough_cost.data or "",
            rough_time=self.rough_time.data or "",
        )


class InvitationForm(BaseForm):
    message = TextAreaField(
        _l("Your message to the vendor"),
        filters=[multi_line],
        validators=[TextRules(INVITATION_MAX_CHARS, INVITATION_MIN_CHARS, multiline=True)],
    )

    def to_input(self) -> InvitationInput:
        return InvitationInput(message=self.message.data or "")


class DeclineForm(BaseForm):
    reason = RadioField(
        _l("Why not?"),
        validate_choice=False,
        choices=[SelectChoice(code, DECLINE_REASON_LABELS[code]) for code in DECLINE_REASONS],
    )
    note = TextAreaField(
        _l("A few words for them (optional; needed for “Another reason”)"),
        filters=[multi_line],
        validators=[TextRules(DECLINE_NOTE_MAX_CHARS, multiline=True, required=False)],
    )

    def validate_reason(self, field) -> None:
        if field.data not in DECLINE_REASONS:
            raise StopValidation(_l("Choose a reason."))

    def validate_note(self, field) -> None:
        if self.reason.data == "other" and not (field.data or "").strip():
            raise StopValidation(_l("Say in a few words why, so they can learn from it."))

    def to_input(self) -> DeclineInput:
        return DeclineInput(reason=self.reason.data, note=self.note.data or "")


class ActionForm(BaseForm):
    """A button that changes something (accept, withdraw): only the CSRF token."""
