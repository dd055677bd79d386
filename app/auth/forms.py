"""Forms for signing up, logging in and out, and resetting a forgotten password."""

from __future__ import annotations

from typing import ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, StopValidation

from app.formtools import BaseForm, EmailRules, TextRules, lower_email, single_line
from app.services.accounts import MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS
from app.services.inputs import LoginInput, PasswordResetInput, RegistrationInput

ORGANIZATION_MAX_CHARS = 200
DISPLAY_NAME_MAX_CHARS = 100


class NewPassword:
    """Validator for a new password: long enough, not only spaces, not absurdly long."""

    field_flags: ClassVar[dict[str, bool]] = {"required": True}

    def __call__(self, form, field) -> None:
        value = field.data or ""
        if not value:
            raise StopValidation(_l("Choose a password."))
        if len(value) < MIN_PASSWORD_CHARS or not value.strip():
            raise StopValidation(_l("Use at least %(num)d characters.", num=MIN_PASSWORD_CHARS))
        if len(value) > MAX_PASSWORD_CHARS:
            raise StopValidation(_l("Use at most %(num)d characters.", num=MAX_PASSWORD_CHARS))


class RegisterForm(BaseForm):
    role = RadioField(
        _l("I am joining as"),
        choices=[
            SelectChoice("enterprise", _l("An enterprise with a scenario for AI")),
            SelectChoice("vendor", _l("An AI vendor offering solutions")),
        ],
        validate_choice=False,
    )
    organization = StringField(
        _l("Organization name"), filters=[single_line], validators=[TextRules(ORGANIZATION_MAX_CHARS, 2)]
    )
    display_name = StringField(
        _l("Your name"), filters=[single_line], validators=[TextRules(DISPLAY_NAME_MAX_CHARS, required=False)]
    )
    email = StringField(_l("Work email"), filters=[lower_email], validators=[EmailRules()])
    password = PasswordField(_l("Password"), validators=[NewPassword()])
    confirm = PasswordField(
        _l("Repeat the password"), validators=[EqualTo("password", message=_l("The two passwords do not match."))]
    )

    def validate_role(self, field) -> None:
        if field.data not in ("enterprise", "vendor"):
            raise StopValidation(_l("Choose whether you post scenarios or offer AI solutions."))

    def to_input(self, locale: str | None = None) -> RegistrationInput:
        return RegistrationInput(
            email=self.email.data,
            password=self.password.data,
            role=self.role.data,
            organization_name=self.organization.data,
            display_name=self.display_name.data or "",
            locale=locale,
        )


class LoginForm(BaseForm):
    email = StringField(_l("Email"), filters=[lower_email], validators=[EmailRules()])
    password = PasswordField(_l("Password"))
    remember = BooleanField(_l("Keep me logged in on this computer for 30 days"))
    next = HiddenField()

    def validate_password(self, field) -> None:
        if not field.data:
            raise StopValidation(_l("Enter your password."))
        if len(field.data) > MAX_PASSWORD_CHARS:
            raise StopValidation(_l("Use at most %(num)d characters.", num=MAX_PASSWORD_CHARS))

    def to_input(self) -> LoginInput:
        return LoginInput(email=self.email.data, password=self.password.data, remember=bool(self.remember.data))


class ConfirmEmailForm(BaseForm):
    """Only a CSRF token: the emailed sign-up link's button."""


class LogoutForm(BaseForm):
    """Only a CSRF token: logging out is a POST so another site cannot log people out."""


class ResetRequestForm(BaseForm):
    email = StringField(_l("Email"), filters=[lower_email], validators=[EmailRules()])


class ResetPasswordForm(BaseForm):
    password = PasswordField(_l("New password"), validators=[NewPassword()])
    confirm = PasswordField(
        _l("Repeat the new password"), validators=[EqualTo("password", message=_l("The two passwords do not match."))]
    )

    def to_input(self, token: str) -> PasswordResetInput:
        return PasswordResetInput(token=token, new_password=self.password.data)
