"""Forms of introductions: an admin's claim invitation, contact, outcome and decision; the claim registration."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, StopValidation

from app.auth.forms import DISPLAY_NAME_MAX_CHARS, NewPassword
from app.formtools import BaseForm, EmailRules, MultiChoiceField, TextRules, lower_email, multi_line, single_line
from app.services.inputs import ClaimInviteInput, ClaimRegistrationInput, OrganizationContactInput
from app.services.introductions import INVITE_LOCALES, NAME_MAX_CHARS, NOTE_MAX_CHARS, PHONE_MAX_CHARS
from app.services.text import parse_id, validated_id

LOCALE_LABELS = {"zh_Hans": _l("Chinese"), "en": _l("English")}


def _locale_choices():
    return [SelectChoice(code, LOCALE_LABELS[code]) for code in INVITE_LOCALES]


class _LocaleRule:
    def __call__(self, form, field) -> None:
        if field.data not in INVITE_LOCALES:
            raise StopValidation(_l("Choose the language of the email."))


class ClaimInviteForm(BaseForm):
    email = StringField(_l("Send to"), filters=[lower_email], validators=[EmailRules()])
    locale = RadioField(
        _l("Language of the email"),
        choices=_locale_choices(),
        default="zh_Hans",
        validate_choice=False,
        validators=[_LocaleRule()],
    )
    note = TextAreaField(
        _l("A personal note (optional)"),
        filters=[multi_line],
        validators=[TextRules(NOTE_MAX_CHARS, multiline=True, required=False)],
    )

    def to_input(self) -> ClaimInviteInput:
        return ClaimInviteInput(email=self.email.data or "", locale=self.locale.data, note=self.note.data or "")


class ContactForm(BaseForm):
    contact_name = StringField(
        _l("Contact person"), filters=[single_line], validators=[TextRules(NAME_MAX_CHARS, required=False)]
    )
    contact_email = StringField(_l("Contact email"), filters=[lower_email])
    contact_phone = StringField(
        _l("Contact phone"), filters=[single_line], validators=[TextRules(PHONE_MAX_CHARS, required=False)]
    )

    def validate_contact_email(self, field) -> None:
        if (field.data or "").strip():
            EmailRules()(self, field)

    def to_input(self) -> OrganizationContactInput:
        return OrganizationContactInput(
            contact_name=self.contact_name.data or "",
            contact_email=self.contact_email.data or "",
            contact_phone=self.contact_phone.data or "",
        )


class CloseForm(BaseForm):
    outcome = RadioField(
        _l("What happened"),
        validate_choice=False,
        choices=[SelectChoice("bounced", _l("The email bounced")), SelectChoice("declined", _l("They declined"))],
    )
    note = TextAreaField(
        _l("Note (optional)"),
        filters=[multi_line],
        validators=[TextRules(NOTE_MAX_CHARS, multiline=True, required=False)],
    )

    def validate_outcome(self, field) -> None:
        if field.data not in ("bounced", "declined"):
            raise StopValidation(_l("Choose what happened."))


class DecisionForm(BaseForm):
    note = TextAreaField(
        _l("Note to the person (optional)"),
        filters=[multi_line],
        validators=[TextRules(NOTE_MAX_CHARS, multiline=True, required=False)],
    )


class _IdChoices(MultiChoiceField):
    """Organization ids from a list the admin filtered: checked as ids by the form, not against a fixed list."""

    def pre_validate(self, form) -> None:
        return None


class BulkInviteForm(BaseForm):
    selected = _IdChoices(_l("Organizations"))
    locale = RadioField(
        _l("Language of the emails"),
        choices=_locale_choices(),
        default="zh_Hans",
        validate_choice=False,
        validators=[_LocaleRule()],
    )

    def validate_selected(self, field) -> None:
        if not field.data:
            raise StopValidation(_l("Choose at least one organization."))
        if any(parse_id(v) is None for v in field.data):
            raise StopValidation(_l("Choose options from the list."))

    def ids(self) -> list[int]:
        return [validated_id(v) for v in self.selected.data or []]


class ClaimRegisterForm(BaseForm):
    display_name = StringField(_l("Your name"), filters=[single_line], validators=[TextRules(DISPLAY_NAME_MAX_CHARS)])
    password = PasswordField(_l("Password"), validators=[NewPassword()])
    confirm = PasswordField(
        _l("Repeat the password"), validators=[EqualTo("password", message=_l("The two passwords do not match."))]
    )

    def to_input(self, token: str, locale: str | None) -> ClaimRegistrationInput:
        return ClaimRegistrationInput(
            token=token, display_name=self.display_name.data or "", password=self.password.data or "", locale=locale
        )
