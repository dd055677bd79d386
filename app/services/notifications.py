"""Messages the site sends to people. Each renders its text in the recipient's language and sends it."""
from __future__ import annotations

from flask import render_template
from flask_babel import force_locale, gettext
from flask_mail import Message

from app.mailer import send_message
from app.models import User


def send_password_reset(user: User, reset_url: str, max_age_minutes: int) -> None:
    """Email a password-reset link to the user, in the language they use the site in."""
    locale = user.locale or "zh_Hans"
    with force_locale(locale):
        subject = gettext("Reset your Keting password")
        body = render_template("auth/email/reset_password.txt", user=user, reset_url=reset_url,
                               minutes=max_age_minutes)
    send_message(Message(subject=subject, recipients=[user.email], body=body))
