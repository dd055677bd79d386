"""Admin views. Thin: parse the request, call one service, flash and redirect (or render). Never commit."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms.fields.choices import SelectChoice

from app.admin import bp, charts
from app.admin.forms import (
    AcceptCueForm,
    ActionForm,
    AdminScenarioForm,
    BulkReviewForm,
    DecisionForm,
    FeatureForm,
    ImportRunForm,
    MappingForm,
    MergeForm,
    NoteForm,
    SuspendForm,
    TaxonomyMergeForm,
    TaxonomyNodeForm,
    UploadForm,
    VerifyForm,
)
from app.formtools import taxonomy_groups
from app.models import AUDIT_OBJECT_TYPES, DISTRICTS, IMPORT_FIELDS
from app.models.taxonomy import TaxonomyNode
from app.public.forms import _clean
from app.services import audit as audit_service
from app.services import curation, duplicates, exports, imports, taxonomy, taxonomy_admin, teaching
from app.services import dashboard as dashboard_service
from app.services import jobs as job_service
from app.services import matches as match_service
from app.services.errors import DomainError, InvalidInput, PermissionDenied
from app.services.scenarios import listing_quality
from app.services.text import MAX_YEAR, MIN_YEAR, parse_id, parse_int
from app.vendor.forms import VendorProfileForm


def _actor():
    return current_user._get_current_object()


def _taxonomy_nodes() -> dict[str, TaxonomyNode]:
    """Industries and capabilities by code, so the audit log names them instead of showing codes."""
    nodes: list[TaxonomyNode] = [*taxonomy.industries(), *taxonomy.capabilities()]
    return {n.code: n for n in nodes}


def _flash_form_problems(form) -> None:
    messages = list(form.problems)
    for field in form:
        messages.extend(f"{field.label.text}: {e}" for e in field.errors if field.name != "csrf_token")
    flash(" ".join(messages) or _("Please try again."), "error")


@bp.app_template_global()
def status_label(status: str | None) -> str:
    """A listing status in the reader's language."""
    labels = {
        "draft": _("Draft"),
        "pending": _("In review"),
        "changes_requested": _("Changes requested"),
        "published": _("Live"),
        "rejected": _("Rejected"),
        "closed": _("Closed"),
        "archived": _("Archived"),
        "merged": _("Merged"),
    }
    return labels.get(status or "", status or "")


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    most = "%g" % ((request.max_content_length or 0) / 1048576)
    flash(_("The upload is too large. Files up to %(max)s MB can be imported.", max=most), "error")
    return redirect(url_for("admin.import_start"))


# Dashboard --------------------------------------------------------------------------------------------


def funnel_label(key: str) -> str:
    return {
        "published": _("Went live"),
        "matched": _("Matched"),
        "interest": _("Request to meet"),
        "accepted": _("Accepted"),
        "pilot": _("Pilot"),
        "contract": _("Contract"),
    }[key]


@bp.get("/")
def dashboard():
    data = dashboard_service.dashboard(_actor())
    from app.templating import district_name, node_name

    def pct(rate):
        return "–" if rate is None else f"{rate * 100:.0f}%"

    chart = {
        "status": charts.bar_chart([(status_label(s), n) for s, n in data.scenario_status], _("Scenarios by status")),
        "industry": charts.bar_chart(
            [(node_name(i), n) for i, n in data.by_industry[:15]], _("Published scenarios by industry")
        ),
        "capability": charts.bar_chart(
            [(node_name(c) if c else _("No capability named"), n) for c, n in data.by_capability[:15]],
            _("Published scenarios by capability"),
        ),
        "district": charts.bar_chart(
            [(district_name(d), n) for d, n in data.by_district], _("Published scenarios by district")
        ),
        "funnel": charts.funnel_chart(
            [
                (funnel_label(s.key), s.count, pct(s.rate_from_previous) if s.key != "published" else "")
                for s in data.funnel
            ],
            _("Funnel"),
        ),
        "gaps": charts.bar_chart(
            [
                (node_name(g.capability) if g.capability else _("No capability named"), g.scenarios)
                for g in data.gaps[:15]
            ],
            _("Capability gaps"),
        ),
    }
    return render_template(
        "admin/dashboard.html",
        data=data,
        chart=chart,
        funnel_label=funnel_label,
        pct=pct,
        teach=data.teach,
        teach_total=data.teach_total,
        cue_form=AcceptCueForm(),
        refresh_form=ActionForm(),
    )


@bp.post("/refresh")
def dashboard_refresh():
    form = ActionForm()
    if not form.validate_on_submit():
        _flash_form_problems(form)
    else:
        try:
            dashboard_service.request_refresh()
        except job_service.QueueUnavailable as error:
            flash(error.message, "error")
        else:
            flash(_("The figures are being recomputed; reload this page in a minute to see them."), "success")
    return redirect(url_for("admin.dashboard"))


# Teaching the matcher -----------------------------------------------------------------------------------

# The least understood first; each accepted word rebuilds the matcher and reorders the rest, so a page of
# them is what an admin works through (200 rows with their cue buttons took a quarter of a second to draw).
TEACH_PAGE_LIMIT = 50


@bp.get("/teach")
def teach():
    items, total = teaching.poorly_understood(_actor(), limit=TEACH_PAGE_LIMIT)
    return render_template(
        "admin/teach.html",
        teach=items,
        teach_total=total,
        cue_form=AcceptCueForm(),
        low=teaching.LOW_CONFIDENCE,
        shown=TEACH_PAGE_LIMIT,
    )


@bp.post("/teach/accept")
def teach_accept():
    form = AcceptCueForm()
    back = form.next.data if form.next.data in ("dashboard", "teach") else "teach"
    target = url_for("admin.dashboard") if back == "dashboard" else url_for("admin.teach")
    if not form.validate():
        _flash_form_problems(form)
        return redirect(target)
    from app.templating import node_name

    capability, word = form.to_args()
    try:
        node = teaching.accept_cue(_actor(), capability, word)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(
            _(
                "“%(word)s” is now a synonym of %(capability)s. Matches and search are being updated with it in the background.",
                word=word,
                capability=node_name(node),
            ),
            "success",
        )
    return redirect(target)


# Review -----------------------------------------------------------------------------------------------


def _choice(name: str, allowed: Collection[str], default: str) -> str:
    """A query-string value when it is one of `allowed`, else the default."""
    value = request.args.get(name, "")
    return value if value in allowed else default


def _review_query() -> curation.ReviewQuery:
    args = request.args
    kind = _choice("kind", ("scenario", "vendor"), "all")
    status = _choice("status", (*curation.QUEUE_STATUSES, "any"), "pending")
    district = args.get("district") if args.get("district") in DISTRICTS else None
    return curation.ReviewQuery(
        kind=kind,
        status=status,
        industry=_clean(args.get("industry"), 64) or None,
        district=district,
        batch=_clean(args.get("batch"), 100) or None,
        q=_clean(args.get("q"), 100),
        flagged=args.get("flagged") == "1",
        edited=args.get("edited") == "1",
        page=parse_int(args.get("page"), 1, 1, 100_000),
    )


@bp.get("/review")
def review():
    query = _review_query()
    page = curation.review_queue(_actor(), query)
    form = BulkReviewForm()
    return render_template(
        "admin/review.html",
        query=query,
        page=page,
        form=form,
        counts=curation.queue_counts(_actor()),
        industries=taxonomy.industries(),
        districts=DISTRICTS,
        batches=curation.review_batches(),
        statuses=curation.QUEUE_STATUSES,
    )


@bp.post("/review/bulk")
def review_bulk():
    form = BulkReviewForm()
    form.selected.choices = [SelectChoice(v) for v in request.form.getlist("selected")]
    back = request.form.get("back") or url_for("admin.review")
    if not back.startswith("/admin/"):
        back = url_for("admin.review")
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    try:
        result = curation.review_many(_actor(), form.selected.data or [], form.to_input())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(back)
    verb = _("Approved") if form.action.data == "approve" else _("Rejected")
    flash(_("%(verb)s %(num)d listings.", verb=verb, num=len(result.done)), "success")
    for title, why in result.skipped:
        flash(_("Skipped “%(title)s”: %(why)s", title=title, why=why), "error")
    return redirect(back)


@bp.get("/review/<kind>/<int:listing_id>")
def review_item(kind: str, listing_id: int):
    listing = curation.get_listing(_actor(), kind, listing_id)
    flags = curation.open_flags_for(listing.id) if kind == "scenario" else []
    history = audit_service.history("scenario" if kind == "scenario" else "vendor_profile", [listing.id], 50)
    return render_template(
        "admin/review_item.html",
        kind=kind,
        listing=listing,
        flags=flags,
        history=history,
        nodes=_taxonomy_nodes(),
        decision_form=DecisionForm(),
        feature_form=FeatureForm(),
        districts=DISTRICTS,
        quality=listing_quality(listing) if kind == "scenario" else None,
        allowed=curation.ALLOWED_FROM,
    )


@bp.post("/review/<kind>/<int:listing_id>/decide")
def review_decide(kind: str, listing_id: int):
    form = DecisionForm()
    back = url_for("admin.review_item", kind=kind, listing_id=listing_id)
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    try:
        listing = curation.review_listing(_actor(), kind, listing_id, form.to_input())
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
        return redirect(back)
    messages = {
        "approve": _("Published. The owner was told by email."),
        "reject": _("Rejected. The owner was told why by email."),
        "request_changes": _("Sent back for changes. The owner was told by email."),
        "archive": _("Archived: it is off the public list."),
    }
    flash(messages[form.action.data], "success")
    if request.form.get("next") == "queue":
        return redirect(url_for("admin.review"))
    return redirect(url_for("admin.review_item", kind=kind, listing_id=listing.id))


@bp.post("/review/scenario/<int:listing_id>/feature")
def review_feature(listing_id: int):
    form = FeatureForm()
    back = url_for("admin.review_item", kind="scenario", listing_id=listing_id)
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    try:
        scenario = curation.set_featured(_actor(), listing_id, form.wanted)
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
    else:
        flash(_("Featured on the home page.") if scenario.featured else _("No longer featured."), "success")
    return redirect(back)


@bp.route("/review/scenario/<int:listing_id>/edit", methods=["GET", "POST"])
def review_edit_scenario(listing_id: int):
    scenario = curation.get_listing(_actor(), "scenario", listing_id)
    industries, capabilities = taxonomy.industries(), taxonomy.capabilities()
    if request.method == "POST":
        form = AdminScenarioForm().set_taxonomy(industries, capabilities)
    else:
        form = AdminScenarioForm.for_scenario(scenario, industries, capabilities)
    if request.method == "POST" and form.validate():
        try:
            curation.edit_scenario(
                _actor(), listing_id, form.to_input(), contact=form.contact.data or "", note=form.change_note.data or ""
            )
        except DomainError as error:
            form.add_error(error)
        else:
            flash(_("Saved. The change is in the audit log."), "success")
            return redirect(url_for("admin.review_item", kind="scenario", listing_id=listing_id))
    return render_template(
        "admin/edit_scenario.html",
        form=form,
        scenario=scenario,
        industry_groups=taxonomy_groups(industries),
        capability_groups=taxonomy_groups(capabilities),
        districts=DISTRICTS,
    ), 200 if request.method == "GET" else 422


@bp.route("/review/vendor/<int:listing_id>/edit", methods=["GET", "POST"])
def review_edit_vendor(listing_id: int):
    profile = curation.get_listing(_actor(), "vendor", listing_id)
    industries, capabilities = taxonomy.industries(), taxonomy.capabilities()
    if request.method == "POST":
        form = VendorProfileForm().set_taxonomy(industries, capabilities)
    else:
        form = VendorProfileForm.for_profile(profile, industries, capabilities)
    note = _clean(request.form.get("change_note"), 500)
    if request.method == "POST" and form.validate():
        try:
            curation.edit_vendor_profile(_actor(), listing_id, form.to_input(), note=note)
        except DomainError as error:
            form.add_error(error)
        else:
            flash(_("Saved. The change is in the audit log."), "success")
            return redirect(url_for("admin.review_item", kind="vendor", listing_id=listing_id))
    return render_template(
        "admin/edit_vendor.html",
        form=form,
        profile=profile,
        change_note=note,
        industry_groups=taxonomy_groups(industries),
        capability_groups=taxonomy_groups(capabilities),
        districts=DISTRICTS,
    ), 200 if request.method == "GET" else 422


# Organizations and users ------------------------------------------------------------------------------


@bp.get("/organizations")
def organizations():
    args = request.args
    query = curation.OrganizationQuery(
        kind=args.get("kind") if args.get("kind") in ("enterprise", "vendor") else None,
        verified=args.get("verified") if args.get("verified") in ("yes", "no") else None,
        q=_clean(args.get("q"), 100),
        placeholders=args.get("placeholders") == "1",
        page=parse_int(args.get("page"), 1, 1, 100_000),
    )
    page = curation.organizations(_actor(), query)
    return render_template("admin/organizations.html", page=page, query=query, form=VerifyForm())


@bp.get("/organizations/<int:organization_id>")
def organization(organization_id: int):
    detail = curation.organization_detail(_actor(), organization_id)
    history = audit_service.history("organization", [organization_id], 30)
    return render_template(
        "admin/organization.html",
        detail=detail,
        history=history,
        verify_form=VerifyForm(),
        nodes=_taxonomy_nodes(),
        suspend_form=SuspendForm(),
        restore_form=NoteForm(),
    )


@bp.post("/organizations/<int:organization_id>/verify")
def organization_verify(organization_id: int):
    form = VerifyForm()
    back_arg = request.form.get("back") or ""
    back = (
        back_arg if back_arg.startswith("/admin/") else url_for("admin.organization", organization_id=organization_id)
    )
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    try:
        org = curation.set_organization_verified(_actor(), organization_id, form.wanted, form.note.data or "")
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
    else:
        flash(
            _("%(name)s is verified.", name=org.name)
            if org.verified
            else _("%(name)s is no longer verified.", name=org.name),
            "success",
        )
    return redirect(back)


@bp.get("/users")
def users():
    args = request.args
    query = curation.UserQuery(
        q=_clean(args.get("q"), 100),
        role=args.get("role") if args.get("role") in ("enterprise", "vendor", "admin") else None,
        suspended=args.get("suspended") == "1",
        page=parse_int(args.get("page"), 1, 1, 100_000),
    )
    page = curation.users(_actor(), query)
    return render_template(
        "admin/users.html", page=page, query=query, suspend_form=SuspendForm(), restore_form=NoteForm()
    )


def _user_back(default: str) -> str:
    back = request.form.get("back") or ""
    return back if back.startswith("/admin/") else default


@bp.post("/users/<int:user_id>/suspend")
def user_suspend(user_id: int):
    form = SuspendForm()
    back = _user_back(url_for("admin.users"))
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    try:
        user = curation.suspend_user(_actor(), user_id, form.reason.data)
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
    else:
        flash(_("%(email)s is suspended and signed out.", email=user.email), "success")
    return redirect(back)


@bp.post("/users/<int:user_id>/restore")
def user_restore(user_id: int):
    form = NoteForm()
    back = _user_back(url_for("admin.users"))
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    try:
        user = curation.restore_user(_actor(), user_id, form.note.data or "")
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
    else:
        flash(_("%(email)s can sign in again.", email=user.email), "success")
    return redirect(back)


# Duplicates -------------------------------------------------------------------------------------------


@bp.get("/duplicates")
def duplicates_queue():
    status = _choice("status", ("open", "merged", "dismissed"), "open")
    page = duplicates.duplicate_queue(_actor(), status, parse_int(request.args.get("page"), 1, 1, 100_000))
    return render_template(
        "admin/duplicates.html", page=page, status=status, scan_form=ActionForm(), threshold=duplicates.threshold()
    )


@bp.post("/duplicates/scan")
def duplicates_scan():
    form = ActionForm()
    if not form.validate_on_submit():
        _flash_form_problems(form)
    else:
        try:
            job = duplicates.start_duplicate_scan(_actor())
        except job_service.QueueUnavailable as error:
            flash(error.message, "error")
        else:
            flash(
                _("The scan runs in the background; new pairs join the open flags as it goes. Its progress is here."),
                "success",
            )
            return redirect(url_for("admin.job", job_id=job.id))
    return redirect(url_for("admin.duplicates_queue"))


@bp.get("/duplicates/<int:flag_id>")
def duplicate_pair(flag_id: int):
    pair = duplicates.get_pair(_actor(), flag_id)
    form = MergeForm()
    return render_template("admin/duplicate_pair.html", pair=pair, merge_form=form, dismiss_form=NoteForm())


@bp.post("/duplicates/<int:flag_id>/merge")
def duplicate_merge(flag_id: int):
    form = MergeForm()
    back = url_for("admin.duplicate_pair", flag_id=flag_id)
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    if not form.is_confirmed:
        pair = duplicates.get_pair(_actor(), flag_id)
        if pair.flag.status != "open":
            flash(_("This flag was already resolved."), "error")
            return redirect(back)
        if form.keep_id not in {pair.left.scenario.id, pair.right.scenario.id}:
            flash(_("Choose which of the two scenarios to keep."), "error")
            return redirect(back)
        kept, merged = (pair.left, pair.right) if form.keep_id == pair.left.scenario.id else (pair.right, pair.left)
        return render_template(
            "admin/duplicate_merge_confirm.html", pair=pair, kept=kept.scenario, merged=merged.scenario, form=form
        )
    try:
        result = duplicates.merge_scenarios(_actor(), flag_id, form.keep_id, form.note.data or "")
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
        return redirect(back)
    moved = sum(result.moved.values())
    flash(
        _(
            "Merged: “%(merged)s” now leads to “%(kept)s”; %(num)d linked records moved over.",
            merged=result.merged.title,
            kept=result.survivor.title,
            num=moved,
        ),
        "success",
    )
    if result.kept:
        flash(
            _(
                "%(num)d records stayed with the merged scenario because the kept one already had their twin.",
                num=sum(result.kept.values()),
            ),
            "info",
        )
    if result.different_owners:
        flash(
            _(
                "The two belonged to different organizations, so the merged scenario's requests to meet and rooms "
                "(%(num)d records with their notifications) stayed with it, readable only by its own organization "
                "and the vendors in them.",
                num=sum(result.stayed.values()),
            ),
            "info",
        )
    return redirect(url_for("admin.duplicates_queue"))


@bp.post("/duplicates/<int:flag_id>/dismiss")
def duplicate_dismiss(flag_id: int):
    form = NoteForm()
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(url_for("admin.duplicate_pair", flag_id=flag_id))
    try:
        duplicates.dismiss_flag(_actor(), flag_id, form.note.data or "")
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
    else:
        flash(_("Dismissed: the two stay separate and will not be flagged again."), "success")
    return redirect(url_for("admin.duplicates_queue"))


# Taxonomy ---------------------------------------------------------------------------------------------


def _kind_or_404(kind: str) -> str:
    if kind not in taxonomy_admin.KINDS:
        abort(404)
    return kind


@bp.get("/taxonomy")
def taxonomy_index():
    kind = _choice("kind", taxonomy_admin.KINDS, "capability")
    rows = taxonomy_admin.taxonomy_tree(_actor(), kind)
    return render_template("admin/taxonomy.html", kind=kind, rows=rows)


def _groups(kind: str):
    return [u.node for u in taxonomy_admin.taxonomy_tree(_actor(), kind) if u.node.parent_id is None]


@bp.route("/taxonomy/<kind>/new", methods=["GET", "POST"])
def taxonomy_new(kind: str):
    kind = _kind_or_404(kind)
    groups = _groups(kind)
    form = TaxonomyNodeForm().set_parents(groups)
    if request.method == "POST" and form.validate():
        try:
            node = taxonomy_admin.create_node(_actor(), kind, form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            flash(
                _(
                    "Added “%(name)s”. Matches and search are being updated with it in the background.",
                    name=node.name_zh,
                ),
                "success",
            )
            return redirect(url_for("admin.taxonomy_index", kind=kind))
    return render_template(
        "admin/taxonomy_node.html", kind=kind, form=form, node=None, usage=None, merge_form=None, groups=groups
    ), 200 if request.method == "GET" else 422


@bp.route("/taxonomy/<kind>/<int:node_id>", methods=["GET", "POST"])
def taxonomy_edit(kind: str, node_id: int):
    kind = _kind_or_404(kind)
    node = taxonomy_admin.get_node(_actor(), kind, node_id)
    tree = taxonomy_admin.taxonomy_tree(_actor(), kind)  # once: the parents, the merge targets and the usage
    groups = [u.node for u in tree if u.node.parent_id is None]
    if request.method == "POST":
        form = TaxonomyNodeForm().set_parents(groups, node.id)
    else:
        form = TaxonomyNodeForm.for_node(node).set_parents(groups, node.id)
    if request.method == "POST" and form.validate():
        try:
            taxonomy_admin.update_node(_actor(), kind, node_id, form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            flash(_("Saved. Matches and search are being updated with the new words in the background."), "success")
            return redirect(url_for("admin.taxonomy_index", kind=kind))
    others = [u.node for u in tree if u.node.id != node.id]
    usage = next((u for u in tree if u.node.id == node.id), None) or taxonomy_admin.node_usage(kind, node)
    merge_form = TaxonomyMergeForm()
    merge_form.target.choices = [SelectChoice(n.code) for n in others]
    return render_template(
        "admin/taxonomy_node.html",
        kind=kind,
        form=form,
        node=node,
        usage=usage,
        merge_form=merge_form,
        delete_form=ActionForm(),
        targets=others,
        groups=groups,
    ), 200 if request.method == "GET" else 422


@bp.post("/taxonomy/<kind>/<int:node_id>/delete")
def taxonomy_delete(kind: str, node_id: int):
    kind = _kind_or_404(kind)
    form = ActionForm()
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(url_for("admin.taxonomy_edit", kind=kind, node_id=node_id))
    try:
        taxonomy_admin.delete_node(_actor(), kind, node_id)
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
        return redirect(url_for("admin.taxonomy_edit", kind=kind, node_id=node_id))
    flash(_("Deleted. Matches and search are being updated in the background."), "success")
    return redirect(url_for("admin.taxonomy_index", kind=kind))


@bp.post("/taxonomy/<kind>/<int:node_id>/merge")
def taxonomy_merge(kind: str, node_id: int):
    kind = _kind_or_404(kind)
    form = TaxonomyMergeForm()
    nodes = [u.node for u in taxonomy_admin.taxonomy_tree(_actor(), kind)]
    form.target.choices = [SelectChoice(n.code) for n in nodes if n.id != node_id]
    back = url_for("admin.taxonomy_edit", kind=kind, node_id=node_id)
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    target = next(n for n in nodes if n.code == form.target.data)
    try:
        merged_into = taxonomy_admin.merge_node(_actor(), kind, node_id, target.id)
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
        return redirect(back)
    flash(
        _(
            "Merged into “%(name)s”: its listings moved there and its names became synonyms. Matches and search "
            "are being updated in the background.",
            name=merged_into.name_zh,
        ),
        "success",
    )
    return redirect(url_for("admin.taxonomy_edit", kind=kind, node_id=merged_into.id))


# Import -----------------------------------------------------------------------------------------------


@bp.route("/import", methods=["GET", "POST"])
def import_start():
    form = UploadForm()
    if request.method == "POST" and form.validate():
        try:
            batch = imports.upload_import(_actor(), form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            return redirect(url_for("admin.import_batch", batch_id=batch.id))
    page = imports.batches(_actor(), parse_int(request.args.get("page"), 1, 1, 10_000))
    return render_template(
        "admin/import.html",
        form=form,
        page=page,
        max_mb=f"{current_app.config['IMPORT_MAX_BYTES'] / 1048576:g}",
        max_rows=current_app.config["IMPORT_MAX_ROWS"],
    ), 200 if request.method == "GET" else 422


def _render_batch(batch, form, status: int = 200):
    samples = imports.sample_rows(batch) if batch.status in ("uploaded", "mapped") else []
    problems = (
        imports.problem_rows(batch, parse_int(request.args.get("page"), 1, 1, 10_000))
        if batch.status == "mapped"
        else None
    )
    columns = [
        (str(i), f"{imports.column_name(i)} · {h}" if h else imports.column_name(i))
        for i, h in enumerate(batch.headers)
    ]
    read_job = (
        job_service.active_job_for_batch(batch.id, "import_read") if batch.status in ("reading", "unreadable") else None
    )
    check_job = job_service.active_job_for_batch(batch.id, "import_check")
    return render_template(
        "admin/import_batch.html",
        batch=batch,
        form=form,
        samples=samples,
        problems=problems,
        read_job=read_job,
        read_status=job_service.job_status(read_job) if read_job else None,
        check_status=job_service.job_status(check_job) if check_job else None,
        columns=columns,
        fields=IMPORT_FIELDS,
        problem_text=imports.problem_text,
        earlier=imports.earlier_imports_of_file(batch),
        run_form=ImportRunForm(),
        stale=imports.preview_is_stale(batch),
        job=job_service.active_job_for_batch(batch.id, "import"),
        check_job=check_job,
        column_name=imports.column_name,
    ), status


@bp.get("/import/<int:batch_id>")
def import_batch(batch_id: int):
    batch = imports.get_batch(_actor(), batch_id)
    return _render_batch(batch, MappingForm.for_batch(batch))


@bp.post("/import/<int:batch_id>/map")
def import_map(batch_id: int):
    batch = imports.get_batch(_actor(), batch_id)
    form = MappingForm().set_columns(batch.headers)
    if form.validate():
        try:
            imports.preview_import(_actor(), batch_id, form.to_input())
        except DomainError as error:
            form.add_error(error)
        else:
            return redirect(url_for("admin.import_batch", batch_id=batch_id) + "#preview")
    return _render_batch(batch, form, 422)


@bp.post("/import/<int:batch_id>/run")
def import_run(batch_id: int):
    form = ImportRunForm()
    back = url_for("admin.import_batch", batch_id=batch_id)
    if not form.validate_on_submit():
        _flash_form_problems(form)
        return redirect(back)
    try:
        job = imports.start_import(_actor(), batch_id)
    except (PermissionDenied, InvalidInput) as error:
        flash(error.message, "error")
        running = job_service.active_job_for_batch(batch_id)
        return redirect(url_for("admin.job", job_id=running.id) if running else back)
    except job_service.QueueUnavailable as error:
        flash(error.message, "error")
        return redirect(back)
    return redirect(url_for("admin.job", job_id=job.id))


@bp.get("/import/template.<any(csv, xlsx):fmt>")
def import_template(fmt: str):
    content, mimetype, filename = imports.template_file(fmt)
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response


# Jobs -------------------------------------------------------------------------------------------------


@bp.get("/jobs")
def jobs():
    page = job_service.recent_jobs(_actor(), parse_int(request.args.get("page"), 1, 1, 10_000))
    return render_template(
        "admin/jobs.html", page=page, status=job_service.job_status, pending=match_service.pending_summary()
    )


@bp.get("/jobs/<int:job_id>")
def job(job_id: int):
    job = job_service.get_job(_actor(), job_id)
    return render_template("admin/job.html", job=job, status=job_service.job_status(job), form=ActionForm())


@bp.get("/jobs/<int:job_id>.json")
def job_json(job_id: int):
    job = job_service.get_job(_actor(), job_id)
    return job_service.job_status(job)


@bp.post("/jobs/<int:job_id>/retry")
def job_retry(job_id: int):
    form = ActionForm()
    if not form.validate_on_submit():
        _flash_form_problems(form)
    else:
        try:
            job_service.retry_job(_actor(), job_id)
            flash(_("The job is queued again; it carries on where it stopped."), "success")
        except (InvalidInput, job_service.QueueUnavailable) as error:
            flash(error.message, "error")
    return redirect(url_for("admin.job", job_id=job_id))


# Export -----------------------------------------------------------------------------------------------


def _export_filter() -> exports.ExportFilter:
    """The review list's filters from the query string (status defaults to every status)."""
    args = request.args
    status = _choice("status", curation.QUEUE_STATUSES, "any")
    district = args.get("district") if args.get("district") in DISTRICTS else None
    return exports.ExportFilter(
        status=status,
        industry=_clean(args.get("industry"), 64) or None,
        district=district,
        batch=_clean(args.get("batch"), 100) or None,
        q=_clean(args.get("q"), 100),
        flagged=args.get("flagged") == "1",
    )


def _filter_args(where: exports.ExportFilter) -> dict:
    """The filter as query-string arguments, for the download links."""
    return {k: ("1" if v is True else v) for k, v in where.__dict__.items() if v not in (None, "", False, "any")}


@bp.get("/export")
def export_index():
    where = _export_filter()
    return render_template(
        "admin/export.html",
        kinds=exports.EXPORTS,
        where=where,
        filter_args=_filter_args(where),
        industries=taxonomy.industries(),
        districts=DISTRICTS,
        batches=curation.review_batches(),
        statuses=curation.QUEUE_STATUSES,
    )


@bp.get("/export/<kind>.csv")
def export_download(kind: str):
    filename, lines = exports.export_csv(_actor(), kind, _export_filter())
    response = Response(stream_with_context(lines), mimetype="text/csv")  # Flask adds the charset
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/export/<kind>.xlsx")
def export_xlsx(kind: str):
    filename, book = exports.export_xlsx(_actor(), kind, _export_filter())
    return send_file(
        book,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=filename,
        max_age=0,
    )


# Audit ------------------------------------------------------------------------------------------------


def _date(value: str | None) -> date | None:
    """A yyyy-mm-dd filter between 1900 and 2100, or None (no filter) for anything else."""
    try:
        day = date.fromisoformat((value or "").strip()[:10]) if value else None
    except ValueError:
        return None
    return day if day is not None and MIN_YEAR <= day.year <= MAX_YEAR else None


@bp.get("/audit")
def audit():
    args = request.args
    query = audit_service.AuditQuery(
        action=_clean(args.get("action"), 64) or None,
        object_type=_clean(args.get("object_type"), 32) or None,
        object_id=parse_id(args.get("object_id")),
        actor=_clean(args.get("actor"), 100) or None,
        since=_date(args.get("since")),
        until=_date(args.get("until")),
        page=parse_int(args.get("page"), 1, 1, 1_000_000),
    )
    page = audit_service.audit_entries(_actor(), query)
    return render_template(
        "admin/audit.html",
        page=page,
        query=query,
        actions=audit_service.audit_actions(),
        object_types=AUDIT_OBJECT_TYPES,
        nodes=_taxonomy_nodes(),
    )
