"""The account page's forms: changing the password, and personal API tokens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, StopValidation

from app.auth.forms import NewPassword
from app.formtools import BaseForm, TextRules, single_line
from app.models import MAX_TOKEN_NAME_CHARS
from app.services.accounts import MAX_PASSWORD_CHARS
from app.services.api_tokens import ApiTokenInput
from app.services.inputs import PasswordChangeInput


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(_l("Current password"))
    password = PasswordField(_l("New password"), validators=[NewPassword()])
    confirm = PasswordField(
        _l("Repeat the new password"), validators=[EqualTo("password", message=_l("The two passwords do not match."))]
    )

    def validate_current_password(self, field) -> None:
        if not field.data:
            raise StopValidation(_l("Enter your current password."))
        if len(field.data) > MAX_PASSWORD_CHARS:
            raise StopValidation(_l("Your current password is not right."))

    def to_input(self) -> PasswordChangeInput:
        return PasswordChangeInput(current_password=self.current_password.data, new_password=self.password.data)


class ApiTokenForm(BaseForm):
    name = StringField(
        _l("Token name"), filters=[single_line], validators=[TextRules(MAX_TOKEN_NAME_CHARS, min_chars=1)]
    )
    scope = RadioField(
        _l("What it may do"),
        default="read",
        choices=[
            SelectChoice("read", _l("Read: your scenarios, profile, matches, requests and rooms")),
            SelectChoice("write", _l("Read and write: also post, answer requests and send messages")),
            SelectChoice(
                "admin", _l("Administration: also review, import, export and the dashboard (administrators only)")
            ),
        ],
        validate_choice=False,
    )

    def to_input(self) -> ApiTokenInput:
        return ApiTokenInput(name=self.name.data or "", scope=self.scope.data or "")


class RevokeTokenForm(BaseForm):
    """A revoke button: only the CSRF token."""


class SignOutEverywhereForm(BaseForm):
    """No fields: the CSRF token is the whole form."""
