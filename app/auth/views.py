"""Sign up, log in, log out, and reset a forgotten password. Thin: validate, call the accounts service, redirect."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.auth import bp
from app.auth.forms import ConfirmEmailForm, LoginForm, LogoutForm, RegisterForm, ResetPasswordForm, ResetRequestForm
from app.extensions import limiter
from app.formtools import safe_next
from app.services import accounts
from app.services.errors import DomainError
from app.sessions import start_session


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _reset_limit() -> str:
    return current_app.config["RESET_RATE_LIMIT"]


def _login_account_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def _register_limit() -> str:
    return current_app.config["REGISTER_RATE_LIMIT"]


def _account_key() -> str:
    """The account a login attempt is about (the email typed), so guesses at one account are counted wherever
    they come from, and never count against other people who share the guesser's address."""
    return "account:" + accounts.normalize_email(str(request.form.get("email", ""))[:254])


def _failed(response) -> bool:
    # A successful sign-in or sign-up redirects; only the other answers use up an allowance.
    return response.status_code != 302


def _sent(response) -> bool:
    # A sign-up form that passed its checks answers 200 "check your email"; one given back for fixing, 422.
    return response.status_code == 200


def home_for(user) -> str:
    """Where a user lands after signing in: their own listings."""
    if user.role == "enterprise":
        return url_for("enterprise.my_scenarios")
    if user.role == "vendor":
        return url_for("vendor.profile")
    return url_for("public.home")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"], deduct_when=_sent)
def register():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    if request.method == "GET" and request.args.get("role") in ("enterprise", "vendor"):
        form.role.data = request.args["role"]
    if form.validate_on_submit():
        try:
            accounts.register_account(form.to_input(locale=str(get_locale())))
        except DomainError as error:
            form.add_error(error)
        else:
            # The same page whether the email was new (a confirmation link is on its way) or already had an
            # account (its owner is told by email): the form does not say who has an account.
            return render_template("auth/register_sent.html", email=form.email.data)
    return render_template("auth/register.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
def confirm_email(token: str):
    """The emailed sign-up link. Opening it shows a button; pressing it confirms and signs in (a POST, so a mail
    scanner that fetches links does not use up the link or open a session)."""
    form = ConfirmEmailForm()
    if form.validate_on_submit():
        try:
            user = accounts.confirm_email(token)
        except DomainError as error:
            return render_template("auth/reset_invalid.html", message=error.message), 400
        start_session(user, remember=False)
        flash(_("Welcome to Keting. Your account is ready."), "success")
        return redirect(home_for(user))
    return render_template("auth/confirm_email.html", form=form, token=token), 200 if request.method == "GET" else 422


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_account_limit, key_func=_account_key, methods=["POST"], deduct_when=_failed)
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
            start_session(user, remember=bool(form.remember.data))
            flash(_("You are logged in."), "success")
            return redirect(safe_next(form.next.data) or home_for(user))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    form = LogoutForm()
    if not current_user.is_authenticated:
        return redirect(url_for("public.home"))
    if form.validate_on_submit():
        # The sign-in is deleted server-side: a copy of the session or remember-me cookie stops working too.
        accounts.close_session(current_user._get_current_object())
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
    return render_template("auth/reset_password.html", form=form, token=token), 200 if request.method == "GET" else 422
