"""The account page's forms: changing the password (API tokens come later)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import EqualTo, StopValidation

from app.auth.forms import NewPassword
from app.formtools import BaseForm
from app.services.accounts import MAX_PASSWORD_CHARS
from app.services.inputs import PasswordChangeInput


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(_l("Current password"))
    password = PasswordField(_l("New password"), validators=[NewPassword()])
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[EqualTo("password", message=_l("The two passwords do not match."))])

    def validate_current_password(self, field) -> None:
        if not field.data:
            raise StopValidation(_l("Enter your current password."))
        if len(field.data) > MAX_PASSWORD_CHARS:
            raise StopValidation(_l("Your current password is not right."))

    def to_input(self) -> PasswordChangeInput:
        return PasswordChangeInput(current_password=self.current_password.data, new_password=self.password.data)


class SignOutEverywhereForm(BaseForm):
    """No fields: the CSRF token is the whole form."""
