"""Template helpers: names in the viewer's language, money, excerpts, and list URLs that keep their filters."""

from __future__ import annotations

from typing import Any

from flask import Flask, request, url_for
from flask_babel import get_locale, gettext

from app.models import DISTRICTS


def _en() -> bool:
    return str(get_locale()).startswith("en")


def node_name(node) -> str:
    """An industry's or capability's name in the viewer's language."""
    if node is None:
        return gettext("Not specified")
    return node.name_en if _en() else node.name_zh


def org_name(org) -> str:
    return org.display_name("en" if _en() else "zh")


def district_name(code: str | None) -> str:
    if not code or code not in DISTRICTS:
        return gettext("Not specified")
    zh, en = DISTRICTS[code]
    return en if _en() else zh


def _money(amount: int) -> str:
    if _en():
        if amount >= 1_000_000:
            return f"{amount / 1_000_000:g}M"
        return f"{amount / 1000:g}k"
    if amount >= 10_000:
        return f"{amount / 10_000:g}万"
    return f"{amount}"


def budget(scenario) -> str:
    low, high = scenario.budget_min, scenario.budget_max
    if low is None and high is None:
        return gettext("Open to proposals")
    if low is not None and high is not None:
        text = _money(low) if low == high else f"{_money(low)}–{_money(high)}"
    elif low is not None:
        text = gettext("from %(amount)s", amount=_money(low))
    else:
        text = gettext("up to %(amount)s", amount=_money(high))
    return f"CNY {text}" if _en() else f"{text} 元"


# The city's published lists, as people name them in English.
BATCH_NAMES_EN = {"2020 工业赋能 500": "2020 Industrial Empowerment 500", "2020 未来城市 100": "2020 Future City 100"}


def batch_name(batch: str | None) -> str:
    if not batch:
        return ""
    return BATCH_NAMES_EN.get(batch, batch) if _en() else batch


def excerpt(text: str | None, length: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def human_list(items, labels: dict | None = None) -> str:
    """Items (or their labels[item]) as a sentence lists them in the viewer's language: "a, b, and c" / "a、b和c"."""
    from babel.lists import format_list

    items = [str(labels[item] if labels is not None else item) for item in items]
    return format_list(items, locale="en" if _en() else "zh_Hans") if items else ""


def list_sep() -> str:
    """The separator between terms in a table cell: the enumeration comma in Chinese, a comma in English."""
    return ", " if _en() else "、"


def url_with(**changes) -> str:
    """The current list URL with some parameters changed (None removes one); the page resets unless given."""
    args = {k: v for k, v in request.args.items() if k != "lang"}
    if "page" not in changes:
        args.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = value
    values: dict[str, Any] = {**(request.view_args or {}), **args}
    return url_for(request.endpoint or "public.home", **values)


def lang_url(lang: str) -> str:
    values: dict[str, Any] = {**(request.view_args or {}), **request.args, "lang": lang}
    return url_for(request.endpoint or "public.home", **values)


def init_app(app: Flask) -> None:
    from app import timefmt
    from app.formtools import text_limits

    timefmt.init_app(app)
    app.jinja_env.globals["text_limits"] = text_limits
    app.jinja_env.globals.update(
        node_name=node_name,
        org_name=org_name,
        district_name=district_name,
        budget=budget,
        batch_name=batch_name,
        excerpt=excerpt,
        url_with=url_with,
        lang_url=lang_url,
        list_sep=list_sep,
    )
    app.jinja_env.filters["human_list"] = human_list
    from app.services.text import keywords

    app.jinja_env.filters["keywords"] = keywords  # word lists shown to people: no stray punctuation or numbers
