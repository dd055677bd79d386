"""An enterprise's own scenarios: list, post, edit, preview, withdraw, close. Thin: form → service → redirect."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import permissions
from app.auth.guards import require
from app.enterprise import bp
from app.enterprise.forms import ActionForm, CloseScenarioForm, ScenarioForm
from app.formtools import taxonomy_groups
from app.models import DISTRICTS
from app.services import scenarios as scenario_service
from app.services import taxonomy
from app.services.errors import InvalidInput, NotFound
from app.services.scenarios import listing_quality


def _actor():
    return current_user._get_current_object()


def _may_use_scenarios(user) -> bool:
    """The enterprise area: enterprise members, and admins acting on a scenario by its id."""
    return permissions.can_list_own_scenarios(user) or permissions.is_admin(user)


def _render_form(form: ScenarioForm, scenario=None, status: int = 200):
    industries, capabilities = taxonomy.industries(), taxonomy.capabilities()
    return render_template(
        "enterprise/scenario_form.html",
        form=form,
        scenario=scenario,
        industry_groups=taxonomy_groups(industries),
        capability_groups=taxonomy_groups(capabilities),
        districts=DISTRICTS,
        quality=listing_quality(form.quality_view()),
    ), status


def _saved_message(scenario) -> str:
    if scenario.status == "pending":
        return _("Sent for review. We will let you know when it is published.")
    if scenario.status == "published":
        return _("Saved. The public page and the suggested vendors show the change now.")
    return _("Saved as a draft. Only your organization can see it.")


@bp.get("")
@require(permissions.can_list_own_scenarios)
def my_scenarios():
    return render_template(
        "enterprise/my_scenarios.html", rows=scenario_service.own_scenarios(_actor()), action_form=ActionForm()
    )


@bp.route("/new", methods=["GET", "POST"])
@require(permissions.can_create_scenario)
def new_scenario():
    form = ScenarioForm().set_taxonomy(taxonomy.industries(), taxonomy.capabilities())
    form.require_complete = form.chosen_action != "draft"
    if request.method == "POST" and form.validate():
        if form.chosen_action == "check":
            return _render_form(form)
        try:
            scenario = scenario_service.create_scenario(_actor(), form.to_input())
        except (NotFound, InvalidInput) as error:
            form.add_error(error)
        else:
            flash(_saved_message(scenario), "success")
            return redirect(url_for("enterprise.my_scenarios"))
    return _render_form(form, status=200 if request.method == "GET" else 422)


@bp.get("/<int:scenario_id>")
@require(_may_use_scenarios)
def preview(scenario_id: int):
    """The scenario as the public page shows it, with its status and the reviewer's note above."""
    scenario = scenario_service.get_own_scenario(_actor(), scenario_id)
    preview = {
        "status": scenario.status,
        "note": scenario.review_note,
        "back": url_for("enterprise.edit_scenario", scenario_id=scenario.id)
        if scenario.status not in ("closed", "archived", "merged")
        else url_for("enterprise.my_scenarios"),
    }
    return render_template("public/scenario_detail.html", scenario=scenario, districts=DISTRICTS, preview=preview)


@bp.route("/<int:scenario_id>/edit", methods=["GET", "POST"])
@require(_may_use_scenarios)
def edit_scenario(scenario_id: int):
    scenario = scenario_service.get_own_scenario(_actor(), scenario_id)
    if scenario.status == "closed":
        flash(_("A closed scenario can no longer be edited."), "error")
        return redirect(url_for("enterprise.preview", scenario_id=scenario.id))
    if scenario.status in ("archived", "merged"):
        flash(_("An archived or merged scenario can no longer be edited."), "error")
        return redirect(url_for("enterprise.preview", scenario_id=scenario.id))
    industries, capabilities = taxonomy.industries(), taxonomy.capabilities()
    if request.method == "POST":
        form = ScenarioForm().set_taxonomy(industries, capabilities)
        form.require_complete = form.chosen_action != "draft" or scenario.status == "published"
    else:
        form = ScenarioForm.for_scenario(scenario, industries, capabilities)
    if request.method == "POST" and form.validate():
        if form.chosen_action == "check":
            return _render_form(form, scenario)
        try:
            scenario = scenario_service.update_scenario(_actor(), scenario.id, form.to_input())
        except (NotFound, InvalidInput) as error:
            form.add_error(error)
        else:
            flash(_saved_message(scenario), "success")
            return redirect(url_for("enterprise.my_scenarios"))
    return _render_form(form, scenario, status=200 if request.method == "GET" else 422)


@bp.post("/<int:scenario_id>/withdraw")
@require(_may_use_scenarios)
def withdraw(scenario_id: int):
    scenario = scenario_service.get_own_scenario(_actor(), scenario_id)
    form = ActionForm()
    if not form.validate_on_submit():
        flash(" ".join(form.problems) or _("Please try again."), "error")
        return redirect(url_for("enterprise.my_scenarios"))
    try:
        scenario_service.withdraw_scenario(_actor(), scenario.id)
    except (NotFound, InvalidInput) as error:
        flash(error.message, "error")
    else:
        flash(_("Withdrawn. The scenario is a draft again; edit it and send it for review when ready."), "success")
    return redirect(url_for("enterprise.my_scenarios"))


@bp.route("/<int:scenario_id>/close", methods=["GET", "POST"])
@require(_may_use_scenarios)
def close(scenario_id: int):
    scenario = scenario_service.get_own_scenario(_actor(), scenario_id)
    form = CloseScenarioForm()
    if form.validate_on_submit():
        try:
            scenario_service.close_scenario(_actor(), scenario.id, form.to_input())
        except (NotFound, InvalidInput) as error:
            form.add_error(error)
        else:
            flash(_("Closed. Thank you for telling us how it ended."), "success")
            return redirect(url_for("enterprise.my_scenarios"))
    status = 200 if request.method == "GET" else 422
    return render_template("enterprise/close.html", form=form, scenario=scenario), status
