"""Cookie flags: HttpOnly and SameSite=Lax always (config), Secure whenever the request came over HTTPS."""
from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface


class SessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()

    @app.after_request
    def secure_remember_cookie(response):
        # Flask-Login sets the remember-me cookie from config alone; mark it Secure on HTTPS requests too.
        name = app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        if request.is_secure:
            headers = response.headers.getlist("Set-Cookie")
            if any(h.startswith(name + "=") and "Secure" not in h for h in headers):
                response.headers.remove("Set-Cookie")
                for header in headers:
                    if header.startswith(name + "=") and "Secure" not in header:
                        header += "; Secure"
                    response.headers.add("Set-Cookie", header)
        return response
