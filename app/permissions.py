"""Who may do what: every access rule of the site, in one place.

Each rule is `can_<verb>_<noun>(user, obj=None) -> bool`. `user` may be None or Flask-Login's anonymous
user; both may do nothing here. Admins may do everything. Rules about *state* (a closed scenario cannot be
edited) live in the services; these rules are only about *who*.
"""

from __future__ import annotations

from typing import Any

from app.models import Scenario, User, VendorProfile


def _signed_in(user: Any) -> bool:
    return isinstance(user, User) and bool(user.is_active)


def is_admin(user: Any) -> bool:
    return _signed_in(user) and user.role == "admin"


def _member_of(user: Any, organization_id: int | None) -> bool:
    return _signed_in(user) and organization_id is not None and user.organization_id == organization_id


# Accounts ---------------------------------------------------------------------------------------------


def can_change_password(user: Any, target: User | None = None) -> bool:
    """Anyone signed in may change their own password."""
    return _signed_in(user) and (target is None or target.id == user.id)


def can_manage_api_tokens(user: Any) -> bool:
    """Anyone signed in may create, list and revoke their own API tokens."""
    return _signed_in(user)


def can_create_api_token(user: Any, scope: str) -> bool:
    """Read and write tokens for anyone signed in; admin tokens only for admins."""
    return _signed_in(user) and (scope != "admin" or is_admin(user))


def can_revoke_api_token(user: Any, token: Any) -> bool:
    return _signed_in(user) and (token.user_id == user.id or is_admin(user))


# Enterprise scenarios ---------------------------------------------------------------------------------


def can_list_own_scenarios(user: Any) -> bool:
    return _signed_in(user) and user.role == "enterprise" and user.organization_id is not None


def can_create_scenario(user: Any) -> bool:
    """Enterprise members post for their organization. Admins have no organization to post for."""
    return can_list_own_scenarios(user)


def can_edit_scenario(user: Any, scenario: Scenario) -> bool:
    if is_admin(user):
        return True
    return user_role(user) == "enterprise" and _member_of(user, scenario.owner_id)


def can_submit_scenario(user: Any, scenario: Scenario) -> bool:
    return can_edit_scenario(user, scenario)


def can_withdraw_scenario(user: Any, scenario: Scenario) -> bool:
    return can_edit_scenario(user, scenario)


def can_close_scenario(user: Any, scenario: Scenario) -> bool:
    return can_edit_scenario(user, scenario)


def can_preview_scenario(user: Any, scenario: Scenario) -> bool:
    return can_edit_scenario(user, scenario)


def can_view_scenario_details(user: Any, scenario: Scenario, has_live_request: bool = False) -> bool:
    """Public scenarios show everything; "verified vendors only" ones show details to the owner, admins, and a
    verified vendor that has an open or accepted request for this scenario.

    `has_live_request` is looked up by the caller (app.services.requests.live_request_for), so this rule and
    the templates that use it never query.
    """
    if scenario.confidentiality == "public":
        return True
    if is_admin(user) or _member_of(user, scenario.owner_id):
        return True
    return (
        _signed_in(user)
        and user.role == "vendor"
        and user.organization is not None
        and bool(user.organization.verified)
        and has_live_request
    )


# Vendor profiles --------------------------------------------------------------------------------------


def can_edit_vendor_profile(user: Any, profile: VendorProfile) -> bool:
    if is_admin(user):
        return True
    return user_role(user) == "vendor" and _member_of(user, profile.organization_id)


def can_keep_vendor_profile(user: Any) -> bool:
    """Whether the user has a vendor profile of their own to edit at /my/profile."""
    return _signed_in(user) and user.role == "vendor" and user.organization_id is not None


def user_role(user: Any) -> str | None:
    return user.role if _signed_in(user) else None


# The living room: requests to meet, rooms, notifications ------------------------------------------------
# Answering a request, writing in a room and recording an outcome speak for an organization, so only its
# members may do them; admins may read every request and room (to help and to moderate) but not speak.


def _vendor_org_id(request_or_connection: Any) -> int | None:
    vendor = request_or_connection.vendor
    return vendor.organization_id if vendor is not None else None


def can_express_interest(user: Any, scenario: Scenario | None = None) -> bool:
    """Vendor members, for a scenario of another organization."""
    if not (_signed_in(user) and user.role == "vendor" and user.organization_id is not None):
        return False
    return scenario is None or scenario.owner_id != user.organization_id


def can_invite_vendor(user: Any, scenario: Scenario | None = None) -> bool:
    """Members of the enterprise that posted the scenario."""
    if not (_signed_in(user) and user.role == "enterprise"):
        return False
    return scenario is None or _member_of(user, scenario.owner_id)


def can_list_requests(user: Any) -> bool:
    return _signed_in(user) and user.role in ("enterprise", "vendor") and user.organization_id is not None


def _receiving_org_id(request: Any) -> int | None:
    return request.scenario.owner_id if request.kind == "interest" else _vendor_org_id(request)


def _requesting_org_id(request: Any) -> int | None:
    return _vendor_org_id(request) if request.kind == "interest" else request.scenario.owner_id


def can_view_request(user: Any, request: Any) -> bool:
    return is_admin(user) or _member_of(user, request.scenario.owner_id) or _member_of(user, _vendor_org_id(request))


def can_respond_to_request(user: Any, request: Any) -> bool:
    """Only the side that was asked: the enterprise for a vendor's interest, the vendor for an invitation."""
    return _member_of(user, _receiving_org_id(request))


def can_withdraw_request(user: Any, request: Any) -> bool:
    return _member_of(user, _requesting_org_id(request))


def can_view_room(user: Any, connection: Any) -> bool:
    """The two organizations and admins; everyone else is told the room does not exist."""
    return (
        is_admin(user) or _member_of(user, connection.scenario.owner_id) or _member_of(user, _vendor_org_id(connection))
    )


def can_post_in_room(user: Any, connection: Any) -> bool:
    return _member_of(user, connection.scenario.owner_id) or _member_of(user, _vendor_org_id(connection))


def can_record_outcome(user: Any, connection: Any) -> bool:
    return can_post_in_room(user, connection)


def can_use_notifications(user: Any) -> bool:
    return _signed_in(user)


# Admin curation (/admin) ------------------------------------------------------------------------------
# Everything under /admin is for admins only; the rules are still one per action so a later role (say, a
# reviewer who may approve but not import) changes one function, not the views.


def can_administer(user: Any) -> bool:
    """Whether the user may open /admin at all."""
    return is_admin(user)


def can_review_listing(user: Any, listing: Any = None) -> bool:
    """Approve, reject, ask for changes, feature, archive and edit scenarios and vendor profiles."""
    return is_admin(user)


def can_verify_organization(user: Any, organization: Any = None) -> bool:
    return is_admin(user)


def can_suspend_user(user: Any, target: Any = None) -> bool:
    """Admins suspend and restore accounts, never their own (an admin must not lock themselves out)."""
    return is_admin(user) and (target is None or target.id != user.id)


def can_resolve_duplicates(user: Any) -> bool:
    return is_admin(user)


def can_edit_taxonomy(user: Any) -> bool:
    return is_admin(user)


def can_import_scenarios(user: Any) -> bool:
    return is_admin(user)


def can_export_data(user: Any) -> bool:
    return is_admin(user)


def can_view_dashboard(user: Any) -> bool:
    return is_admin(user)


def can_view_audit(user: Any) -> bool:
    return is_admin(user)


# Matches ----------------------------------------------------------------------------------------------


def can_view_suggested_vendors(user: Any, scenario: Scenario) -> bool:
    """The scenario's own enterprise and admins see which vendors the matcher proposes for it."""
    if is_admin(user):
        return True
    return user_role(user) == "enterprise" and _member_of(user, scenario.owner_id)


def can_view_match_feed(user: Any) -> bool:
    """Vendor members see the scenarios proposed to their organization."""
    return _signed_in(user) and user.role == "vendor" and user.organization_id is not None


def can_give_match_feedback(user: Any, profile: VendorProfile) -> bool:
    """Only the vendor's own members may say a proposed scenario is not relevant to it."""
    return user_role(user) == "vendor" and _member_of(user, profile.organization_id)


# Introductions ----------------------------------------------------------------------------------------


def can_manage_introductions(user: Any) -> bool:
    """Admins introduce organizations nobody has claimed yet (queue, claim invitations, approvals)."""
    return is_admin(user)


# Saved searches, the shortlist, comparison, site pages --------------------------------------------------
# A person's saved searches and shortlist are theirs alone: not their colleagues', and not admins' either
# (nothing in curation needs them, and a shortlist says whom a company is weighing up).


def can_save_search(user: Any) -> bool:
    return _signed_in(user)


def can_manage_saved_search(user: Any, search: Any) -> bool:
    """Rename, change the alerts of, or delete a saved search: its owner only."""
    return _signed_in(user) and search.user_id == user.id


def can_use_shortlist(user: Any) -> bool:
    return _signed_in(user)


def can_compare_vendors(user: Any, scenario: Scenario) -> bool:
    """The scenario's own enterprise (and admins) compare the vendors it might invite, as they see its suggestions."""
    return can_view_suggested_vendors(user, scenario)


def can_edit_site_page(user: Any, page: Any = None) -> bool:
    """The "about the programme" page is the operator's text."""
    return is_admin(user)


def can_manage_jobs(user: Any) -> bool:
    """Background jobs (imports, rebuilds): see their progress, start and retry them."""
    return is_admin(user)
