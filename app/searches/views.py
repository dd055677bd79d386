"""Saved searches: save one from /scenarios or /vendors, and manage them at /my/searches. Thin views."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.auth.guards import require
from app.models import SAVED_SEARCH_KINDS
from app.searches import bp
from app.searches.forms import ButtonForm, EditSearchForm, SaveSearchForm
from app.services import saved_searches, taxonomy
from app.services.errors import DomainError


def _actor():
    return current_user._get_current_object()


def _describe(form: SaveSearchForm) -> dict:
    return {
        "kind": form.kind.data,
        "q": form.q.data,
        "industry": form.industry.data,
        "capability": form.capability.data,
        "district": form.district.data,
        "batch": form.batch.data,
    }


@bp.route("/my/searches/new", methods=["GET", "POST"])
@require(permissions.can_save_search)
def new_search():
    """The list pages post here; with a problem (a name already used, say) the form shows it beside the field."""
    if request.method == "POST":
        form = SaveSearchForm()
    else:
        form = SaveSearchForm(request.args)
        form.name.data = request.args.get("name") or request.args.get("q") or ""
    if form.kind.data not in SAVED_SEARCH_KINDS:
        form.kind.data = "scenario"
    if form.validate_on_submit():
        try:
            saved = saved_searches.save_search(_actor(), form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            flash(_("Search “%(name)s” saved. We will email you when new results appear.", name=saved.name), "success")
            return redirect(url_for("searches.my_searches"))
    search = _describe(form)
    back = url_for(
        "public.scenarios" if search["kind"] == "scenario" else "public.vendors",
        **{k: v for k, v in search.items() if v and k != "kind"},
    )
    return render_template(
        "searches/new.html",
        form=form,
        search=search,
        back=back,
        industries={n.code: n for n in taxonomy.industries()},
        capabilities={n.code: n for n in taxonomy.capabilities()},
    ), 200 if request.method == "GET" else 422


@bp.get("/my/searches")
@require(permissions.can_save_search)
def my_searches():
    return _render_list()


def _prefix(search_id: int) -> str:
    """Each saved search's form has its own field names and ids, as several sit on one page."""
    return f"s{search_id}"


def _render_list(editing: int | None = None, edit_form: EditSearchForm | None = None, status: int = 200):
    actor = _actor()
    views = saved_searches.list_searches(actor)
    forms = {}
    for v in views:
        if v.search.id == editing and edit_form is not None:
            forms[v.search.id] = edit_form
        else:
            forms[v.search.id] = EditSearchForm(
                formdata=None,
                prefix=_prefix(v.search.id),
                data={"name": v.search.name, "frequency": v.search.frequency},
            )
    return render_template(
        "searches/list.html",
        searches=views,
        forms=forms,
        button=ButtonForm(),
        paused=saved_searches.email_paused(actor),
        max_searches=saved_searches.MAX_SAVED_SEARCHES,
    ), status


@bp.post("/my/searches/<int:search_id>")
@require(permissions.can_save_search)
def update_search(search_id: int):
    saved_searches.get_own_search(_actor(), search_id)  # another person's id is a 404 before anything else
    form = EditSearchForm(prefix=_prefix(search_id))
    if form.validate_on_submit():
        try:
            search = saved_searches.update_search(_actor(), search_id, form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            flash(_("Saved search “%(name)s” updated.", name=search.name), "success")
            return redirect(url_for("searches.my_searches"))
    return _render_list(search_id, form, 422)


@bp.post("/my/searches/<int:search_id>/delete")
@require(permissions.can_save_search)
def delete_search(search_id: int):
    saved_searches.get_own_search(_actor(), search_id)
    form = ButtonForm()
    if not form.validate_on_submit():
        flash(" ".join(form.problems) or _("Please try again."), "error")
    else:
        name = saved_searches.delete_search(_actor(), search_id)
        flash(_("Saved search “%(name)s” deleted.", name=name), "success")
    return redirect(url_for("searches.my_searches"))
