"""The words for the living room's fixed codes (request states, reasons, outcomes), in the reader's language.

Lazy strings, so forms, pages and emails rendered under another locale all read them right.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

REQUEST_STATE_LABELS = {
    "open": _l("Waiting for an answer"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "expired": _l("Expired"),
    "withdrawn": _l("Withdrawn"),
}

REQUEST_KIND_LABELS = {
    "interest": _l("Interest from a vendor"),
    "invitation": _l("Invitation from an enterprise"),
}

DECLINE_REASON_LABELS = {
    "not_a_fit": _l("Not a fit for what we need"),
    "no_capacity": _l("No capacity right now"),
    "budget": _l("Budget does not match"),
    "timing": _l("Timing does not work"),
    "chose_other": _l("Going with another partner"),
    "other": _l("Another reason"),
}

OUTCOME_LABELS = {
    "pilot": _l("Pilot started"),
    "contract": _l("Contract signed"),
    "no_deal": _l("No deal"),
}

NO_DEAL_REASON_LABELS = {
    "budget": _l("Budget"),
    "technical_fit": _l("Technical fit"),
    "timing": _l("Timing"),
    "chose_other": _l("Chose another partner"),
    "internal_change": _l("Changes on our side"),
    "other": _l("Another reason"),
}

EMAIL_MODE_LABELS = {
    "immediate": _l("Email me each one as it happens"),
    "daily": _l("One daily digest email"),
    "off": _l("No email (the notification centre still shows everything)"),
}

MEETING_STATE_LABELS = {
    "proposed": _l("Waiting for a time to be picked"),
    "confirmed": _l("Confirmed"),
    "cancelled": _l("Cancelled"),
}


def label(labels: dict, code: str | None) -> str:
    """The label for a code as text in the current language; the code itself if unknown."""
    if code is None:
        return ""
    value = labels.get(code)
    return str(value) if value is not None else code
