"""Language choice: ?lang= on any page (remembered in a cookie), then the cookie, then Accept-Language."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale, refresh

# What people type in ?lang= -> the catalogue we have.
LANG_ALIASES = {
    "zh": "zh_Hans",
    "zh_hans": "zh_Hans",
    "zh-hans": "zh_Hans",
    "zh-cn": "zh_Hans",
    "zh_cn": "zh_Hans",
    "cn": "zh_Hans",
    "en": "en",
    "en-us": "en",
    "en_us": "en",
    "en-gb": "en",
}


def normalize_lang(value: str | None) -> str | None:
    """Return 'zh_Hans' or 'en' for a user-supplied language code, or None if unknown."""
    if not value:
        return None
    return LANG_ALIASES.get(value.strip().lower()[:10])


def locale_for_request() -> str:
    if not has_request_context():  # the CLI and services called outside a request speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = normalize_lang(request.args.get("lang")) or normalize_lang(
        request.cookies.get(current_app.config["LANG_COOKIE"])
    )
    if chosen:
        return chosen
    best = request.accept_languages.best_match(["zh", "zh-CN", "zh-Hans", "en"], default="zh")
    return "en" if best.startswith("en") else "zh_Hans"


def is_english() -> bool:
    return str(get_locale()).startswith("en")


def init_app(app: Flask) -> None:
    @app.before_request
    def choose_language_afresh():
        # Flask-Babel caches the locale on the app context, which outlives a request when one is
        # already pushed (the CLI, tests); choose again for every request.
        refresh()

    @app.after_request
    def remember_language(response):
        chosen = normalize_lang(request.args.get("lang"))
        if chosen:
            response.set_cookie(
                app.config["LANG_COOKIE"],
                "en" if chosen == "en" else "zh",
                max_age=365 * 24 * 3600,
                samesite="Lax",
                httponly=True,
            )
        return response

    @app.context_processor
    def language_helpers():
        locale = str(get_locale())
        return {
            "current_locale": locale,
            "is_english": locale.startswith("en"),
            "html_lang": "en" if locale.startswith("en") else "zh-Hans",
        }
