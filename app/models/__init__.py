"""All models, imported here so Alembic and the app see one metadata."""
from app.models.api_token import MAX_TOKEN_NAME_CHARS, TOKEN_SCOPES, ApiToken
from app.models.audit import AUDIT_OBJECT_TYPES, AuditEntry
from app.models.base import Base
from app.models.connection import (CONNECTION_OUTCOMES, DECLINE_REASONS, EMAIL_MODES, LIVE_REQUEST_STATES,
                                   MAX_MEETING_SLOTS, MAX_MESSAGE_CHARS, MEETING_STATES, NO_DEAL_REASONS,
                                   REQUEST_KINDS, REQUEST_STATES, Connection, DigestDelivery, IntroRequest, Meeting,
                                   MeetingSlot, Message, Notification, NotificationPreference,
                                   ATTACHMENT_KINDS, RoomAttachment)
from app.models.feedback import NEGATIVE_SIGNALS, SIGNAL_KINDS, MatchSignal
from app.models.match import Match, MatcherState
from app.models.organization import ORG_KINDS, ORG_SIZES, Organization
from app.models.scenario import (CONFIDENTIALITY, LANGUAGES, MAX_BUDGET, MAX_DESCRIPTION_CHARS, OUTCOMES,
                                 SCENARIO_STATUSES, Scenario, scenario_capability)
from app.models.taxonomy import DISTRICTS, Capability, Industry
from app.models.user import USER_ROLES, User, UserSession
from app.models.vendor import MAX_TEAM_SIZE, PROFILE_STATUSES, VendorProfile, vendor_capability, vendor_industry
from app.models.introduction import CLAIM_STATES, LIVE_CLAIM_STATES, ClaimInvitation  # noqa: E402
from app.models.curation import (FLAG_STATUSES, IMPORT_FIELDS, IMPORT_STATUSES, DuplicateFlag,  # noqa: E402
                                 ImportBatch, ImportRow)
from app.models.job import ACTIVE_JOB_STATES, JOB_KINDS, JOB_STATES, Job  # noqa: E402

__all__ = [
    "ApiToken", "MAX_TOKEN_NAME_CHARS", "TOKEN_SCOPES",
    "AUDIT_OBJECT_TYPES", "AuditEntry", "DuplicateFlag", "FLAG_STATUSES", "IMPORT_FIELDS", "IMPORT_STATUSES",
    "ImportBatch", "ImportRow", "ACTIVE_JOB_STATES", "JOB_KINDS", "JOB_STATES", "Job",
    "CONNECTION_OUTCOMES", "Connection", "DECLINE_REASONS", "DigestDelivery", "EMAIL_MODES", "IntroRequest",
    "LIVE_REQUEST_STATES", "MAX_MEETING_SLOTS", "MAX_MESSAGE_CHARS", "MEETING_STATES", "Meeting", "MeetingSlot",
    "Message", "ATTACHMENT_KINDS", "RoomAttachment", "NO_DEAL_REASONS", "Notification", "NotificationPreference", "REQUEST_KINDS", "REQUEST_STATES",
    "Base", "Capability", "CONFIDENTIALITY", "DISTRICTS", "Industry", "LANGUAGES", "MAX_BUDGET", "MAX_DESCRIPTION_CHARS",
    "MAX_TEAM_SIZE", "Match", "MatcherState", "MatchSignal", "NEGATIVE_SIGNALS", "SIGNAL_KINDS", "OUTCOMES", "ORG_KINDS",
    "ORG_SIZES", "Organization", "PROFILE_STATUSES", "SCENARIO_STATUSES", "Scenario", "USER_ROLES", "User",
    "UserSession",
    "VendorProfile", "scenario_capability", "vendor_capability", "vendor_industry",
    "CLAIM_STATES", "LIVE_CLAIM_STATES", "ClaimInvitation",
]
from app.models.page import MAX_PAGE_CHARS, SITE_PAGES, SitePage  # noqa: E402
from app.models.saved import (ALERT_FREQUENCIES, MAX_SAVED_QUERY, MAX_SEARCH_NAME, SAVED_SEARCH_KINDS,  # noqa: E402
                              SavedSearch, SavedSearchHit, ShortlistItem)

__all__ += ["ALERT_FREQUENCIES", "MAX_PAGE_CHARS", "MAX_SAVED_QUERY", "MAX_SEARCH_NAME", "SAVED_SEARCH_KINDS",
            "SITE_PAGES", "SavedSearch", "SavedSearchHit", "ShortlistItem", "SitePage"]
