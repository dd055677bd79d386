"""All models, imported here so Alembic and the app see one metadata."""
from app.models.base import Base
from app.models.match import Match
from app.models.organization import ORG_KINDS, ORG_SIZES, Organization
from app.models.scenario import (CONFIDENTIALITY, LANGUAGES, MAX_BUDGET, MAX_DESCRIPTION_CHARS, OUTCOMES,
                                 SCENARIO_STATUSES, Scenario, scenario_capability)
from app.models.taxonomy import DISTRICTS, Capability, Industry
from app.models.user import USER_ROLES, User
from app.models.vendor import MAX_TEAM_SIZE, PROFILE_STATUSES, VendorProfile, vendor_capability, vendor_industry

__all__ = [
    "Base", "Capability", "CONFIDENTIALITY", "DISTRICTS", "Industry", "LANGUAGES", "MAX_BUDGET", "MAX_DESCRIPTION_CHARS",
    "MAX_TEAM_SIZE", "Match", "OUTCOMES", "ORG_KINDS",
    "ORG_SIZES", "Organization", "PROFILE_STATUSES", "SCENARIO_STATUSES", "Scenario", "USER_ROLES", "User",
    "VendorProfile", "scenario_capability", "vendor_capability", "vendor_industry",
]
