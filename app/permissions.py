"""Who may do what: every access rule of the site, in one place.

Each rule is `can_<verb>_<noun>(user, obj=None) -> bool`. `user` may be None or Flask-Login's anonymous
user; both may do nothing here. Admins may do everything. Rules about *state* (a closed scenario cannot be
edited) live in the services; these rules are only about *who*.
"""
from __future__ import annotations

from typing import Any

from app.models import Scenario, User, VendorProfile

EDITABLE_SCENARIO_STATUSES = ("draft", "pending", "rejected", "published")


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


def can_view_scenario_details(user: Any, scenario: Scenario) -> bool:
    """Public scenarios show everything; "verified vendors only" ones show details to those and to the owner."""
    if scenario.confidentiality == "public":
        return True
    if is_admin(user) or _member_of(user, scenario.owner_id):
        return True
    return (_signed_in(user) and user.role == "vendor" and user.organization is not None
            and bool(user.organization.verified))


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
