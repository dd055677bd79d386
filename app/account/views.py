"""The account page: who you are, changing your password, and personal API tokens."""

from __future__ import annotations

from flask import current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app import permissions
from app.account import bp
from app.account.forms import ApiTokenForm, ChangePasswordForm, RevokeTokenForm, SignOutEverywhereForm
from app.auth.guards import require
from app.services import accounts, api_tokens
from app.services.errors import DomainError


@bp.route("", methods=["GET", "POST"])
@require(permissions.can_change_password)
def account():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = accounts.change_password(current_user._get_current_object(), form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            # The session id carries a fingerprint of the password: sign this browser in again under the new one.
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            accounts.open_session(user)
            login_user(user, remember=remembered)
            flash(_("Your password has been changed. Other browsers have been logged out."), "success")
            return redirect(url_for("account.account"))
    status = 200 if request.method == "GET" else 422
    return _render(form, SignOutEverywhereForm(formdata=None), status)


@bp.post("/sign-out-everywhere")
@require(permissions.can_change_password)
def sign_out_everywhere():
    """End every sign-in of this account, this browser's included (a lost phone, a shared computer)."""
    form = SignOutEverywhereForm()
    if not form.validate_on_submit():
        return _render(ChangePasswordForm(formdata=None), form, 422)
    accounts.close_all_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("You are signed out on every browser and device. Log in again to continue."), "success")
    return redirect(url_for("auth.login"))


def _render(form: ChangePasswordForm, everywhere_form: SignOutEverywhereForm, status: int):
    user = current_user._get_current_object()
    return render_template(
        "account/account.html",
        form=form,
        everywhere_form=everywhere_form,
        user=user,
        open_sessions=accounts.open_session_count(user),
    ), status


@bp.route("/tokens", methods=["GET", "POST"])
@require(permissions.can_manage_api_tokens)
def tokens():
    actor = current_user._get_current_object()
    form = ApiTokenForm()
    created = None
    if form.validate_on_submit():
        try:
            created = api_tokens.create_token(actor, form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            form = ApiTokenForm(formdata=None)
    status = 200 if request.method == "GET" or created else 422
    response = make_response(
        render_template(
            "account/tokens.html",
            form=form,
            revoke_form=RevokeTokenForm(),
            created=created,
            tokens=api_tokens.tokens_of(actor),
            admin_scope=permissions.can_create_api_token(actor, "admin"),
        ),
        status,
    )
    # The new token is on this page once: no cache may keep a copy.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/tokens/<int:token_id>/revoke")
@require(permissions.can_manage_api_tokens)
def revoke_token(token_id: int):
    if RevokeTokenForm().validate_on_submit():
        token = api_tokens.revoke_token(current_user._get_current_object(), token_id)
        flash(_("The token “%(name)s” is revoked: its next call is refused.", name=token.name), "success")
    else:
        flash(_("This form has expired. Please try again."), "error")
    return redirect(url_for("account.tokens"))
