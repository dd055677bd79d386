"""Saving a search from a list page, and renaming it or changing its alerts on "my saved searches"."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from app.formtools import BaseForm, TextRules, single_line
from app.models import ALERT_FREQUENCIES, MAX_SAVED_QUERY, MAX_SEARCH_NAME
from app.services.inputs import SavedSearchChange, SavedSearchInput

FREQUENCY_LABELS = {"immediate": _l("At once, when a new listing matches"), "daily": _l("In my daily digest")}


def _frequency_field():
    return RadioField(
        _l("Email me about new results"),
        default="daily",
        validate_choice=False,
        choices=[SelectChoice(code, FREQUENCY_LABELS[code]) for code in ALERT_FREQUENCIES],
    )


def _check_frequency(form, field) -> None:
    if field.data not in ALERT_FREQUENCIES:
        raise StopValidation(_l("Choose how often we should email you."))


class SaveSearchForm(BaseForm):
    kind = HiddenField()
    name = StringField(_l("Name of this search"), filters=[single_line], validators=[TextRules(MAX_SEARCH_NAME)])
    q = HiddenField(filters=[single_line])
    industry = HiddenField()
    capability = HiddenField()
    district = HiddenField()
    batch = HiddenField()
    frequency = _frequency_field()

    def validate_frequency(self, field) -> None:
        _check_frequency(self, field)

    def to_input(self) -> SavedSearchInput:
        return SavedSearchInput(
            kind=self.kind.data or "",
            name=self.name.data or "",
            q=(self.q.data or "")[:MAX_SAVED_QUERY],
            industry=self.industry.data or None,
            capability=self.capability.data or None,
            district=self.district.data or None,
            batch=self.batch.data or None,
            frequency=self.frequency.data,
        )


class EditSearchForm(BaseForm):
    name = StringField(_l("Name"), filters=[single_line], validators=[TextRules(MAX_SEARCH_NAME)])
    frequency = _frequency_field()

    def validate_frequency(self, field) -> None:
        _check_frequency(self, field)

    def to_input(self) -> SavedSearchChange:
        return SavedSearchChange(name=self.name.data or "", frequency=self.frequency.data)


class ButtonForm(BaseForm):
    """A button (delete, star): only the CSRF token."""
