"""Cookie flags: HttpOnly and SameSite=Lax always (config), Secure whenever the request came over HTTPS."""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface


class SessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)

    def save_session(self, app: Flask, session, response) -> None:
        super().save_session(app, session, response)
        # Runs after every after_request hook, so Flask-Login's remember-me cookie is already set: on an HTTPS
        # request mark it Secure too (Flask-Login only reads REMEMBER_COOKIE_SECURE from config).
        if not request.is_secure:
            return
        name = app.config.get("REMEMBER_COOKIE_NAME", "remember_token") + "="
        headers = response.headers.getlist("Set-Cookie")
        if not any(h.startswith(name) and "; Secure" not in h for h in headers):
            return
        response.headers.remove("Set-Cookie")
        for header in headers:
            if header.startswith(name) and "; Secure" not in header:
                header += "; Secure"
            response.headers.add("Set-Cookie", header)


def start_session(user, remember: bool = False) -> None:
    """Sign user in on this browser: a fresh cookie session (nothing planted before the sign-in survives: session
    fixation) that names a new server-side sign-in row, which logout or "sign out everywhere" deletes."""
    from flask import session
    from flask_login import login_user

    from app.services import accounts

    session.clear()
    accounts.open_session(user)
    login_user(user, remember=remember)


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
