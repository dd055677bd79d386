"""Frozen inputs that forms and request parsers hand to services."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ListingQuery:
    """What a person asked of a public list: search words, filters, order and page."""

    q: str = ""
    industry: str | None = None
    capability: str | None = None
    district: str | None = None
    batch: str | None = None
    sort: str = "newest"
    page: int = 1
    per_page: int = 20
    terms: tuple[str, ...] = field(default=())
    sort_chosen: bool = False  # the person picked the order (else: best match with words, the list's default without)


@dataclass(frozen=True)
class RegistrationInput:
    """A sign-up: the person, their organization and which side of the platform it is on."""

    email: str
    password: str
    role: str  # "enterprise" | "vendor"
    organization_name: str
    display_name: str = ""
    locale: str | None = None


@dataclass(frozen=True)
class LoginInput:
    email: str
    password: str
    remember: bool = False


@dataclass(frozen=True)
class PasswordChangeInput:
    current_password: str
    new_password: str


@dataclass(frozen=True)
class PasswordResetInput:
    token: str
    new_password: str


@dataclass(frozen=True)
class AdminInput:
    email: str
    password: str
    display_name: str = ""


@dataclass(frozen=True)
class ScenarioInput:
    """Everything the enterprise form says about a scenario; taxonomy by code, budget in yuan."""

    title: str
    description: str
    industry: str | None = None  # a code, or None for "not sure"
    capabilities: tuple[str, ...] = ()  # codes; empty means "not sure"
    district: str | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    timeline: str = ""
    data_available: str = ""
    confidentiality: str = "public"
    submit: bool = False  # True: send for review; False: keep as a draft
    submission_token: str | None = None  # the form's one-time token, so a double click posts once


@dataclass(frozen=True)
class CloseScenarioInput:
    outcome: str  # one of app.models.OUTCOMES


@dataclass(frozen=True)
class VendorProfileInput:
    """The vendor's own words about itself; taxonomy by code."""

    name: str
    description: str
    name_en: str = ""
    website: str = ""
    district: str | None = None
    capabilities: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    products: str = ""
    case_studies: str = ""
    certifications: str = ""
    languages: tuple[str, ...] = ()
    team_size: int | None = None
    submit: bool = False  # True: send a draft for review


# The living room (requests, rooms, notifications) ------------------------------------------------------


@dataclass(frozen=True)
class InterestInput:
    """A vendor's short proposal for a scenario."""

    approach: str
    similar_cases: str = ""
    rough_cost: str = ""
    rough_time: str = ""


@dataclass(frozen=True)
class InvitationInput:
    """An enterprise's invitation to a vendor, with a message."""

    message: str


@dataclass(frozen=True)
class DeclineInput:
    reason: str  # one of app.models.DECLINE_REASONS
    note: str = ""


@dataclass(frozen=True)
class MessageInput:
    body: str
    submission_token: str | None = None
    attachment: AttachmentInput | None = None


@dataclass(frozen=True)
class AttachmentInput:
    """An uploaded file as sent: the name the sender's computer gave it and its bytes (read up to the limit)."""

    filename: str
    data: bytes
    too_large: bool = False  # more bytes came than the limit allows (data holds only the first part)


@dataclass(frozen=True)
class MeetingInput:
    """A meeting proposal: topic, where, how long, and one to three start times (timezone-aware)."""

    topic: str
    slots: tuple  # tuple[datetime, ...], aware
    duration_minutes: int = 60
    location: str = ""
    submission_token: str | None = None


@dataclass(frozen=True)
class OutcomeInput:
    outcome: str  # one of app.models.CONNECTION_OUTCOMES
    no_deal_reason: str | None = None
    note: str = ""


@dataclass(frozen=True)
class NotificationSettingsInput:
    email_mode: str  # one of app.models.EMAIL_MODES
    match_digest: bool = True


@dataclass(frozen=True)
class MatchFeedQuery:
    """What a vendor asked of its match feed: filters, order, only unseen ones, and the page."""

    industry: str | None = None
    capability: str | None = None
    district: str | None = None
    sort: str = "best"  # best | newest
    only_new: bool = False
    page: int = 1
    per_page: int = 20
    keting: str = ""  # "" all | "on": the enterprise is on Keting (can answer) | "off": not yet


@dataclass(frozen=True)
class DismissMatchInput:
    """A vendor's "not relevant" on a proposed scenario, with an optional reason."""

    scenario_id: int
    reason_code: str | None = None  # one of app.services.matches.DISMISS_REASONS, or None
    note: str = ""


@dataclass(frozen=True)
class ClaimInviteInput:
    """An admin's claim invitation: to whom, in which language, and an optional personal note."""

    email: str
    locale: str = "zh_Hans"
    note: str = ""


@dataclass(frozen=True)
class ClaimRegistrationInput:
    """The person following a claim link: their name and a password (the email is the invited one)."""

    token: str
    display_name: str
    password: str
    locale: str | None = None


@dataclass(frozen=True)
class OrganizationContactInput:
    """Whom admins write to about an organization nobody has claimed yet."""

    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


# Saved searches, the shortlist, site pages --------------------------------------------------------------


@dataclass(frozen=True)
class SavedSearchInput:
    """A search of one public list to keep under a name, and how often to hear of new results."""

    kind: str  # "scenario" | "vendor"
    name: str
    q: str = ""
    industry: str | None = None
    capability: str | None = None
    district: str | None = None
    batch: str | None = None
    frequency: str = "daily"  # one of app.models.ALERT_FREQUENCIES


@dataclass(frozen=True)
class SavedSearchChange:
    """A new name and alert frequency for a saved search."""

    name: str
    frequency: str


@dataclass(frozen=True)
class SitePageInput:
    body_zh: str
    body_en: str
