"""All models, imported here so Alembic and the app see one metadata."""

from app.models.api_token import MAX_TOKEN_NAME_CHARS, TOKEN_SCOPES, ApiToken
from app.models.audit import AUDIT_OBJECT_TYPES, AuditEntry
from app.models.base import Base
from app.models.connection import (
    ATTACHMENT_KINDS,
    CONNECTION_OUTCOMES,
    DECLINE_REASONS,
    EMAIL_MODES,
    LIVE_REQUEST_STATES,
    MAX_MEETING_SLOTS,
    MAX_MESSAGE_CHARS,
    MEETING_STATES,
    NO_DEAL_REASONS,
    REQUEST_KINDS,
    REQUEST_STATES,
    Connection,
    DigestDelivery,
    IntroRequest,
    Meeting,
    MeetingSlot,
    Message,
    Notification,
    NotificationPreference,
    RoomAttachment,
)
from app.models.curation import FLAG_STATUSES, IMPORT_FIELDS, IMPORT_STATUSES, DuplicateFlag, ImportBatch, ImportRow
from app.models.dashboard import DashboardSummary
from app.models.feedback import NEGATIVE_SIGNALS, SIGNAL_KINDS, MatchSignal
from app.models.generation import CatalogueGeneration
from app.models.introduction import CLAIM_STATES, LIVE_CLAIM_STATES, ClaimInvitation
from app.models.job import ACTIVE_JOB_STATES, JOB_KINDS, JOB_STATES, Job
from app.models.match import PENDING_KINDS, Match, MatcherState, MatchPending
from app.models.organization import ORG_KINDS, ORG_SIZES, Organization
from app.models.scenario import (
    CONFIDENTIALITY,
    LANGUAGES,
    MAX_BUDGET,
    MAX_DESCRIPTION_CHARS,
    OUTCOMES,
    SCENARIO_STATUSES,
    Scenario,
    scenario_capability,
)
from app.models.taxonomy import DISTRICTS, Capability, Industry
from app.models.user import USER_ROLES, User, UserSession
from app.models.vendor import MAX_TEAM_SIZE, PROFILE_STATUSES, VendorProfile, vendor_capability, vendor_industry

__all__ = [
    "ACTIVE_JOB_STATES",
    "ATTACHMENT_KINDS",
    "AUDIT_OBJECT_TYPES",
    "CLAIM_STATES",
    "CONFIDENTIALITY",
    "CONNECTION_OUTCOMES",
    "DECLINE_REASONS",
    "DISTRICTS",
    "EMAIL_MODES",
    "FLAG_STATUSES",
    "IMPORT_FIELDS",
    "IMPORT_STATUSES",
    "JOB_KINDS",
    "JOB_STATES",
    "LANGUAGES",
    "LIVE_CLAIM_STATES",
    "LIVE_REQUEST_STATES",
    "MAX_BUDGET",
    "MAX_DESCRIPTION_CHARS",
    "MAX_MEETING_SLOTS",
    "MAX_MESSAGE_CHARS",
    "MAX_TEAM_SIZE",
    "MAX_TOKEN_NAME_CHARS",
    "MEETING_STATES",
    "NEGATIVE_SIGNALS",
    "NO_DEAL_REASONS",
    "ORG_KINDS",
    "ORG_SIZES",
    "OUTCOMES",
    "PENDING_KINDS",
    "PROFILE_STATUSES",
    "REQUEST_KINDS",
    "REQUEST_STATES",
    "SCENARIO_STATUSES",
    "SIGNAL_KINDS",
    "TOKEN_SCOPES",
    "USER_ROLES",
    "ApiToken",
    "AuditEntry",
    "Base",
    "Capability",
    "CatalogueGeneration",
    "ClaimInvitation",
    "Connection",
    "DashboardSummary",
    "DigestDelivery",
    "DuplicateFlag",
    "ImportBatch",
    "ImportRow",
    "Industry",
    "IntroRequest",
    "Job",
    "Match",
    "MatchPending",
    "MatchSignal",
    "MatcherState",
    "Meeting",
    "MeetingSlot",
    "Message",
    "Notification",
    "NotificationPreference",
    "Organization",
    "RoomAttachment",
    "Scenario",
    "User",
    "UserSession",
    "VendorProfile",
    "scenario_capability",
    "vendor_capability",
    "vendor_industry",
]
from app.models.page import MAX_PAGE_CHARS, SITE_PAGES, SitePage
from app.models.saved import (
    ALERT_FREQUENCIES,
    MAX_SAVED_QUERY,
    MAX_SEARCH_NAME,
    SAVED_SEARCH_KINDS,
    SavedSearch,
    SavedSearchHit,
    ShortlistItem,
)

__all__ += [
    "ALERT_FREQUENCIES",
    "MAX_PAGE_CHARS",
    "MAX_SAVED_QUERY",
    "MAX_SEARCH_NAME",
    "SAVED_SEARCH_KINDS",
    "SITE_PAGES",
    "SavedSearch",
    "SavedSearchHit",
    "ShortlistItem",
    "SitePage",
]
