"""The notification settings form, and buttons that mark notifications read."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from app.formtools import BaseForm
from app.models import EMAIL_MODES
from app.services.inputs import NotificationSettingsInput
from app.services.room_labels import EMAIL_MODE_LABELS


class SettingsForm(BaseForm):
    email_mode = RadioField(
        _l("Email about new notifications"),
        validate_choice=False,
        choices=[SelectChoice(code, EMAIL_MODE_LABELS[code]) for code in EMAIL_MODES],
    )
    match_digest = BooleanField(_l("Include new scenarios that match us in the daily digest"))

    def validate_email_mode(self, field) -> None:
        if field.data not in EMAIL_MODES:
            raise StopValidation(_l("Choose how we should email you."))

    def to_input(self) -> NotificationSettingsInput:
        return NotificationSettingsInput(email_mode=self.email_mode.data, match_digest=bool(self.match_digest.data))


class ActionForm(BaseForm):
    """A button that marks notifications read: only the CSRF token."""
