"""Page caching and HTTP caching for the public pages as an anonymous visitor sees them.

A visitor without a session (nobody signed in, no flash waiting, no form token handed out) gets the same page
as every other such visitor asking for the same address in the same language, until the catalogue changes. So:

- the rendered HTML is kept in the cache (app.extensions.cache: Redis in production, a local cache by
  default) under the catalogue generation, the release, the language and the full path with its query;
- the response carries an ETag made of the same parts and a Last-Modified from when the catalogue last changed,
  with `Cache-Control: no-cache` (a browser keeps the page but asks each time) and `Vary: Cookie,
  Accept-Language`; a browser that sends the ETag back (If-None-Match) or a date at or after Last-Modified
  (If-Modified-Since) gets 304 Not Modified without the page being built;
- a page that turns out to need the session while rendering (a CSRF token, a flash) is neither stored nor
  given validators: it is someone's own.

Signed-in people always get a freshly built page.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, current_app, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user

from app.extensions import cache
from app.services import generation

VARY = ("Cookie", "Accept-Language")


def _release(app: Flask) -> tuple[str, datetime]:
    """A short name for this build of the code, templates and translations, and when it was last changed.

    A deploy changes the pages without changing the catalogue: the name goes into every key and ETag so
    neither the shared cache nor a browser hands back a page of the previous release.
    """
    digest = hashlib.sha1(usedforsecurity=False)
    newest = 0.0
    for folder, _dirs, files in sorted(os.walk(app.root_path)):
        for name in sorted(files):
            if name.endswith((".py", ".html", ".mo")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
                newest = max(newest, stat.st_mtime)
    return digest.hexdigest()[:10], datetime.fromtimestamp(int(newest), UTC)


def _anonymous_request() -> bool:
    return request.method in ("GET", "HEAD") and not session and not current_user.is_authenticated


def _validators() -> tuple[str, datetime]:
    release, release_time = current_app.extensions["page_cache_release"]
    now = generation.current()
    etag = f"{release}-{now.token}-{get_locale()}"
    return etag, max(now.changed_at, release_time).replace(microsecond=0)


def _not_modified(etag: str, last_modified: datetime) -> bool:
    if request.if_none_match:  # the ETag decides when the browser sent one (RFC 9110, 13.2.2)
        return request.if_none_match.contains_weak(etag)
    since = request.if_modified_since
    return since is not None and since >= last_modified


def _mark(response: Response, etag: str | None = None, last_modified: datetime | None = None) -> Response:
    response.vary.update(VARY)
    if etag is None:
        response.headers["Cache-Control"] = "private, no-cache"
        return response
    response.set_etag(etag, weak=True)
    response.last_modified = last_modified
    response.headers["Cache-Control"] = "no-cache"
    return response


def anonymous_page(view: Callable[..., Any]) -> Callable[..., Response]:
    """Serve this public GET view from the page cache and with ETag/Last-Modified to anonymous visitors."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        if not _anonymous_request():
            return _mark(make_response(view(*args, **kwargs)))
        etag, last_modified = _validators()
        if _not_modified(etag, last_modified):
            return _mark(current_app.response_class(status=304), etag, last_modified)
        use_cache = current_app.config.get("PAGE_CACHE", True)
        key = "page:" + hashlib.sha1(f"{etag}|{request.full_path}".encode(), usedforsecurity=False).hexdigest()
        body = cache.get(key) if use_cache else None
        if body is not None:
            return _mark(current_app.response_class(body, mimetype="text/html"), etag, last_modified)
        response = make_response(view(*args, **kwargs))
        if response.status_code != 200 or session or response.mimetype != "text/html":
            # A redirect, or a page that wrote to the session while rendering: not everyone's page.
            return _mark(response)
        if use_cache:
            cache.set(key, response.get_data())
        return _mark(response, etag, last_modified)

    return wrapper


def init_app(app: Flask) -> None:
    cache.init_app(app)
    generation.install()
    app.extensions["page_cache_release"] = _release(app)

    @app.before_request
    def read_the_generation_afresh():
        # `g` lives on the app context, which may outlive one request (tests, the CLI).
        generation.forget()
