"""Pieces shared by every form of the site: text rules, money and number fields, multi-choice fields,
and putting a service's DomainError next to the field it is about."""

from __future__ import annotations

import re
import secrets
from typing import ClassVar

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import StopValidation, ValidationError

from app.services.errors import DomainError, InvalidInput
from app.services.text import (
    check_text,
    has_confusable_mix,
    has_emoji,
    has_invisible,
    has_markup,
    normalize,
    parse_amount,
)

EMAIL_MAX_CHARS = 254


def single_line(value):
    return normalize(value) if isinstance(value, str) else value


def multi_line(value):
    return normalize(value, multiline=True) if isinstance(value, str) else value


class TextRules:
    """Validator: the site's text rules (length, no markup, no invisible characters, ...) with a clear message."""

    def __init__(
        self,
        max_chars: int,
        min_chars: int = 0,
        multiline: bool = False,
        required: bool = True,
        draft_ok: bool = False,
        draft_may_be_blank: bool = False,
    ):
        self.max_chars, self.min_chars, self.multiline, self.required = max_chars, min_chars, multiline, required
        # draft_ok: when the form is saved as a draft (form.require_complete is False), the field may be short
        # (and, with draft_may_be_blank, empty); only its upper limit and the text rules apply.
        self.draft_ok, self.draft_may_be_blank = draft_ok, draft_may_be_blank
        self.field_flags = {"required": True} if required else {}

    def __call__(self, form, field) -> None:
        draft = self.draft_ok and not getattr(form, "require_complete", True)
        try:
            check_text(
                field.data or "",
                field.name,
                self.max_chars,
                0 if draft else self.min_chars,
                single_line=not self.multiline,
                required=self.required and not (draft and self.draft_may_be_blank),
            )
        except InvalidInput as exc:
            raise StopValidation(exc.message) from exc
        if not (field.data or "").strip():
            raise StopValidation()  # optional and empty: nothing more to check


def text_limits(field) -> tuple[int, int] | None:
    """(minimum, maximum) characters of a text field with TextRules, so a form can state them up front."""
    for validator in getattr(field, "validators", ()):
        if isinstance(validator, TextRules):
            return validator.min_chars, validator.max_chars
    return None


class EmailRules:
    """Validator: a deliverable-looking address in plain Latin characters (no look-alike letters or emoji)."""

    field_flags: ClassVar[dict[str, bool]] = {"required": True}

    def __call__(self, form, field) -> None:
        value = (field.data or "").strip()
        if not value:
            raise StopValidation(_("Enter your email address."))
        if len(value) > EMAIL_MAX_CHARS:
            raise StopValidation(_("Use at most %(num)d characters.", num=EMAIL_MAX_CHARS))
        if has_emoji(value) or has_confusable_mix(value) or has_invisible(value) or not value.isascii():
            raise StopValidation(_("Use an email address made of Latin letters, digits and . _ - + only."))
        if has_markup(value):
            raise StopValidation(_("HTML and scripts are not allowed here; write plain text."))
        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError as exc:
            raise StopValidation(_("This does not look like an email address.")) from exc


def lower_email(value):
    return normalize(value).lower() if isinstance(value, str) else value


class NumberText(StringField):
    """A whole number typed as text: accepts 500000, 500,000, ５０００００, "500000 元", 50万, 1.2亿 or 500k;
    anything else is an error.

    An IntegerField would turn 1e30 or -1 into an English message or an overflow; this keeps the raw text
    to show back and says what is expected. Chinese budgets are usually written in 万 (10,000) or 亿.
    """

    def __init__(self, *args, invalid_message=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message

    def process_formdata(self, valuelist):
        try:
            self.data = parse_amount(valuelist[0] if valuelist else "")
        except ValueError:
            self.data = None
            raise ValueError(str(self.invalid_message or _("Enter a whole number."))) from None

    def _value(self):
        if self.raw_data and self.errors:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


class InRange:
    def __init__(self, low: int, high: int, too_low, too_high):
        self.low, self.high, self.too_low, self.too_high = low, high, too_low, too_high

    def __call__(self, form, field) -> None:
        if field.data is None:
            return
        if field.data < self.low:
            raise ValidationError(str(self.too_low))
        if field.data > self.high:
            raise ValidationError(str(self.too_high))


class ChoiceField(SelectField):
    """A select whose choices come from the view; an unknown value gets a translated message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        kwargs.setdefault("choices", [])
        super().__init__(*args, **kwargs)

    def pre_validate(self, form) -> None:
        if self.data not in (None, "") and self.data not in {str(c.value) for c in self.choices}:
            raise StopValidation(_("Choose an option from the list."))


class MultiChoiceField(SelectMultipleField):
    """Checkboxes with values from the view; unknown values get a translated message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        kwargs.setdefault("choices", [])
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        self.data = list(dict.fromkeys(v.strip() for v in valuelist if v.strip()))

    def pre_validate(self, form) -> None:
        allowed = {str(c.value) for c in self.choices}
        if any(v not in allowed for v in self.data or []):
            raise StopValidation(_("Choose options from the list."))


class OneTimeTokenField(HiddenField):
    """A random token the form carries from GET to POST, so the same form sent twice acts once."""

    def process_data(self, value):
        self.data = value or secrets.token_urlsafe(24)

    def pre_validate(self, form) -> None:
        if self.data and not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", self.data):
            raise StopValidation(_("This form is damaged. Reload the page and try again."))


class BaseForm(FlaskForm):
    """A FlaskForm (so it carries a CSRF token) that can take a service's error next to the right field."""

    def add_error(self, error: DomainError) -> None:
        field = getattr(self, error.field, None) if error.field else None
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, error.message]
        else:
            self.form_errors.append(error.message)

    @property
    def problems(self) -> list[str]:
        """Errors that belong to no single field, the expired or missing CSRF token included."""
        out = list(self.form_errors)
        csrf = getattr(self, "csrf_token", None)
        if csrf is not None and csrf.errors:
            out.append(
                str(
                    _l(
                        "This form has expired or did not come from this site. We kept what you typed; "
                        "please send it again."
                    )
                )
            )
        return out

    @property
    def csrf_failed(self) -> bool:
        csrf = getattr(self, "csrf_token", None)
        return bool(csrf is not None and csrf.errors)


def safe_next(target: str | None) -> str | None:
    """A same-site path to go on to after logging in, or None (never another host, never a scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 for ch in target) or len(target) > 500:
        return None
    return target


def taxonomy_groups(nodes) -> list[tuple[object, list]]:
    """(group, children) pairs from the flat taxonomy list; a childless group is its own only choice."""
    groups = [n for n in nodes if n.parent_id is None]
    out = []
    for group in groups:
        children = [n for n in nodes if n.parent_id == group.id]
        out.append((group, children or [group]))
    return out


def taxonomy_codes(nodes) -> list[str]:
    """The codes a person may choose: every leaf, and groups that have no children."""
    return [leaf.code for _group, leaves in taxonomy_groups(nodes) for leaf in leaves]
