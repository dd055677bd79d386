"""Small readers of the HTML the forms give back."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.extensions import db


def field_error(response, field: str) -> str | None:
    """The error text shown right under the field, or None when the field has none."""
    match = re.search(
        rf'<ul class="field-errors" id="{re.escape(field)}-error">(.*?)</ul>', response.get_data(as_text=True), re.S
    )
    return re.sub(r"<[^>]+>", " ", match.group(1)).strip() if match else None


def form_problem(response) -> str | None:
    match = re.search(r'<div class="form-problems" role="alert">(.*?)</div>', response.get_data(as_text=True), re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)).strip() if match else None


def hidden_value(response, name: str) -> str:
    html = response.get_data(as_text=True)
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html
    )
    assert match, f"no hidden {name} in the page"
    return match.group(1)


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def row(obj) -> dict:
    """The object's column values as the database has them now."""
    db.session.expire_all()
    fresh = db.session.get(type(obj), obj.id)
    return {c.key: getattr(fresh, c.key) for c in sa.inspect(type(obj)).mapper.column_attrs}
