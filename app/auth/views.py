"""Sign up, log in, log out, and reset a forgotten password. Thin: validate, call the accounts service, redirect."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth import bp
from app.auth.forms import LoginForm, LogoutForm, RegisterForm, ResetPasswordForm, ResetRequestForm
from app.extensions import limiter
from app.formtools import safe_next
from app.services import accounts
from app.services.errors import DomainError


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _reset_limit() -> str:
    return current_app.config["RESET_RATE_LIMIT"]


def home_for(user) -> str:
    """Where a user lands after signing in: their own listings."""
    if user.role == "enterprise":
        return url_for("enterprise.my_scenarios")
    if user.role == "vendor":
        return url_for("vendor.profile")
    return url_for("public.home")


def _start_session(user, remember: bool) -> None:
    # A fresh session on every sign-in, so nothing planted before it survives (session fixation).
    session.clear()
    login_user(user, remember=remember)


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    if request.method == "GET" and request.args.get("role") in ("enterprise", "vendor"):
        form.role.data = request.args["role"]
    if form.validate_on_submit():
        try:
            user = accounts.register_account(form.to_input(locale=str(get_locale())))
        except DomainError as error:
            form.add_error(error)
        else:
            _start_session(user, remember=False)
            flash(_("Welcome to Keting. Your account is ready."), "success")
            return redirect(home_for(user))
    return render_template("auth/register.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
        if current_user.is_authenticated:
            return redirect(safe_next(request.args.get("next")) or home_for(current_user))
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            _start_session(user, remember=bool(form.remember.data))
            flash(_("You are logged in."), "success")
            return redirect(safe_next(form.next.data) or home_for(user))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    form = LogoutForm()
    if not current_user.is_authenticated:
        return redirect(url_for("public.home"))
    if form.validate_on_submit():
        logout_user()
        session.clear()
        flash(_("You are logged out."), "success")
        return redirect(url_for("public.home"))
    return render_template("auth/logout.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        accounts.request_password_reset(form.email.data)
        # The same answer whether or not the address has an account, so the form cannot be used to probe.
        return render_template("auth/reset_sent.html", email=form.email.data)
    return render_template("auth/reset_request.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
def reset_password(token: str):
    try:
        accounts.user_for_reset_token(token)
    except DomainError as error:
        return render_template("auth/reset_invalid.html", message=error.message), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(form.to_input(token))
        except DomainError as error:
            form.add_error(error)
        else:
            if current_user.is_authenticated:
                logout_user()
            flash(_("Your password has been changed. Log in with the new one."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, token=token), \
        200 if request.method == "GET" else 422

