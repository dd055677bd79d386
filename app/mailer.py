"""Sending email: SMTP through Flask-Mail when MAIL_SERVER is set, otherwise an .eml file in the outbox.

Either way Flask-Mail's `email_dispatched` signal fires, so tests can record what was sent with
`mail.record_messages()`, and a person running the site locally can open instance/outbox/*.eml.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from flask_mail import Message, email_dispatched

from app.extensions import mail


def send_message(message: Message) -> Path | None:
    """Send or file one message; return the .eml path when it was filed in the outbox."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # current_app is a LocalProxy typed as Flask
    if app.config.get("MAIL_SERVER"):
        mail.send(message)
        return None
    if message.sender is None:
        message.sender = app.config.get("MAIL_DEFAULT_SENDER")
    outbox = Path(app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    first = (message.recipients or ["nobody"])[0]
    address = first if isinstance(first, str) else first[-1]  # a recipient may be a (name, address) pair
    recipient = re.sub(r"[^a-z0-9@._-]+", "_", address.lower())[:80]
    path = outbox / f"{stamp}-{recipient}.eml"
    with open(path, "wb") as fh:
        fh.write(message.as_bytes())
    os.chmod(path, 0o600)  # reset links are as good as passwords
    email_dispatched.send(app, message=message)
    app.logger.info("Mail to %s filed in %s (no MAIL_SERVER configured)", message.recipients, path)
    return path
