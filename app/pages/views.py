"""The "about the programme" page (/about) and the admin's editor for it. Thin views."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.auth.guards import require
from app.pages import bp
from app.pages.forms import SitePageForm
from app.services import site_pages
from app.services.errors import DomainError


@bp.get("/about")
def about():
    page = site_pages.get_page("about")
    return render_template("pages/about.html", page=page, body=page.body(str(get_locale())))


@bp.route("/admin/pages/about", methods=["GET", "POST"])
@require(permissions.can_edit_site_page)
def edit_about():
    page = site_pages.get_page("about")
    form = (
        SitePageForm()
        if request.method == "POST"
        else SitePageForm(formdata=None, data={"body_zh": page.body_zh, "body_en": page.body_en})
    )
    if form.validate_on_submit():
        try:
            site_pages.update_page(current_user._get_current_object(), "about", form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            flash(_("The about page is saved."), "success")
            return redirect(url_for("pages.about"))
    return render_template("pages/edit_about.html", form=form, page=page), 200 if request.method == "GET" else 422
