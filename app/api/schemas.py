"""What /api/v1 takes and returns, as pydantic models: spectree validates requests and responses against them
and writes them into the OpenAPI 3.1 document (pydantic emits JSON Schema 2020-12, the dialect of OpenAPI 3.1)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from spectree.model_adapter.pydantic_adapter import BaseFile

from app.models import (
    CONFIDENTIALITY,
    CONNECTION_OUTCOMES,
    DECLINE_REASONS,
    MAX_BUDGET,
    MAX_DESCRIPTION_CHARS,
    MAX_MESSAGE_CHARS,
    MAX_TEAM_SIZE,
    OUTCOMES,
)
from app.services.text import MAX_ID

Lang = Literal["zh", "en"]


class Strict(BaseModel):
    """Request bodies refuse unknown fields, so a misspelt field is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


# Errors (RFC 9457) ------------------------------------------------------------------------------------


class FieldError(BaseModel):
    field: str = Field(description="The input field, as a dotted path (e.g. `title`, `capabilities.0`).")
    message: str


class Problem(BaseModel):
    """An error as application/problem+json; `type` is stable per kind of error and can be looked up."""

    type: str = Field(description="A URI reference naming the kind of error, e.g. /api/v1/problems/not-found.")
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = Field(default_factory=list, description="Field errors of a validation problem.")


# Lists ------------------------------------------------------------------------------------------------


class Links(BaseModel):
    self: str
    first: str
    last: str
    next: str | None = None
    prev: str | None = None


class PageMeta(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int
    links: Links


# A taxonomy or district code: letters, digits, dot, dash, underscore (no control characters reach a query).
Code = Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


class ListingArgs(Strict):
    q: str = Field("", max_length=200, description="Search words, Chinese or English.")
    industry: Code | None = Field(None, description="An industry code from /taxonomy.")
    capability: Code | None = Field(None, description="A capability code from /taxonomy.")
    district: Code | None = None
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(20, ge=1, le=100)
    lang: Lang | None = Field(None, description="Language of labels and reasons; else Accept-Language.")


class ScenarioListArgs(ListingArgs):
    batch: str | None = Field(None, max_length=100, description="A published list, e.g. “2020 工业赋能 500”.")
    sort: Literal["relevance", "newest", "oldest", "budget_high", "budget_low"] | None = None


class VendorListArgs(ListingArgs):
    sort: Literal["relevance", "name", "newest"] | None = None


class LangArgs(Strict):
    lang: Lang | None = None


class PageArgs(Strict):
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(20, ge=1, le=100)
    lang: Lang | None = None


# Taxonomy ---------------------------------------------------------------------------------------------


class Node(BaseModel):
    code: str
    name: str = Field(description="In the requested language.")
    name_zh: str
    name_en: str
    parent: str | None = None


class District(BaseModel):
    code: str
    name: str


class Taxonomy(BaseModel):
    industries: list[Node]
    capabilities: list[Node]
    districts: list[District]


# Listings ---------------------------------------------------------------------------------------------


class OrganizationRef(BaseModel):
    id: int
    name: str
    verified: bool
    on_keting: bool = Field(
        description="False while nobody of the organization has an account: it cannot answer "
        "yet, and the living room introduces it."
    )


class Budget(BaseModel):
    min: int | None = None
    max: int | None = None
    currency: Literal["CNY"] = "CNY"


class ScenarioSummary(BaseModel):
    id: int
    url: str
    title: str
    organization: OrganizationRef
    industry: Node | None = None
    capabilities: list[Node]
    district: District | None = None
    language: str
    confidential: bool = Field(description="“Verified vendors only”: the public sees title, industry and district.")
    status: str
    batch: str | None = None
    published_at: datetime | None = None


class Scenario(ScenarioSummary):
    description: str | None = Field(None, description="Markdown; null when confidential and not visible to you.")
    budget: Budget | None = None
    timeline: str | None = None
    data_available: str | None = None


class ScenarioPage(PageMeta):
    items: list[ScenarioSummary]


class VendorSummary(BaseModel):
    id: int
    url: str
    name: str
    organization: OrganizationRef
    capabilities: list[Node]
    industries: list[Node]
    district: District | None = None


class Vendor(VendorSummary):
    description: str
    website: str | None = None
    products: str
    case_studies: str
    certifications: str
    languages: list[str]
    team_size: int | None = None
    status: str
    published_at: datetime | None = None


class VendorPage(PageMeta):
    items: list[VendorSummary]


class Similar(BaseModel):
    scenario: ScenarioSummary
    score: float
    reasons: list[str]


class SimilarList(BaseModel):
    items: list[Similar]


# The account, own scenarios and profile ---------------------------------------------------------------


class Me(BaseModel):
    id: int
    email: str
    display_name: str
    role: str
    organization: OrganizationRef | None = None
    token_scope: str


class ScenarioBody(Strict):
    """A scenario as the enterprise writes it; taxonomy by code, budget in yuan."""

    title: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=MAX_DESCRIPTION_CHARS, description="Markdown.")
    industry: Code | None = None
    capabilities: list[Code] = Field(default_factory=list, max_length=10)
    district: Code | None = None
    budget_min: int | None = Field(None, ge=0, le=MAX_BUDGET)
    budget_max: int | None = Field(None, ge=0, le=MAX_BUDGET)
    timeline: str = Field("", max_length=200)
    data_available: str = Field("", max_length=4000)
    confidentiality: Literal[CONFIDENTIALITY] = "public"  # type: ignore[valid-type]
    submit: bool = Field(False, description="true: send for review now; false: keep as a draft.")


class OwnScenario(Scenario):
    review_note: str | None = None
    matches: int
    interests: int
    missing: list[str] = Field(description="What a strong listing says and this one does not yet.")


class OwnScenarioList(BaseModel):
    items: list[OwnScenario]


class CloseBody(Strict):
    outcome: Literal[OUTCOMES]  # type: ignore[valid-type]


class ProfileBody(Strict):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=MAX_DESCRIPTION_CHARS)
    name_en: str = Field("", max_length=200)
    website: str = Field("", max_length=300)
    district: Code | None = None
    capabilities: list[Code] = Field(default_factory=list, max_length=20)
    industries: list[Code] = Field(default_factory=list, max_length=20)
    products: str = Field("", max_length=4000)
    case_studies: str = Field("", max_length=4000)
    certifications: str = Field("", max_length=2000)
    languages: list[Literal["zh", "en"]] = Field(default_factory=list, max_length=2)
    team_size: int | None = Field(None, ge=1, le=MAX_TEAM_SIZE)
    submit: bool = False


# Matches and requests ---------------------------------------------------------------------------------


class Reason(BaseModel):
    kind: str = Field(description="capability | industry | term")
    code: str | None = None
    label: str = Field(description="In the requested language.")
    share: float = Field(description="This reason's share of the score, 0..1.")


class MatchItem(BaseModel):
    scenario: ScenarioSummary
    score: float
    rank: int
    strength: Literal["strong", "good", "fair"]
    reasons: list[Reason]
    request_state: str | None = None


class MatchPage(PageMeta):
    items: list[MatchItem]
    new_total: int
    updating: bool = Field(
        False, description="The vendor's matches are being updated after a change; ask again in a moment."
    )


class MatchFeedArgs(Strict):
    industry: Code | None = None
    capability: Code | None = None
    district: Code | None = None
    sort: Literal["best", "newest"] = "best"
    only_new: bool = False
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(20, ge=1, le=100)
    lang: Lang | None = None


class Suggestion(BaseModel):
    vendor: VendorSummary
    score: float
    rank: int
    strength: Literal["strong", "good", "fair"]
    reasons: list[Reason]
    request_state: str | None = None


class SuggestionList(BaseModel):
    scenario_id: int
    items: list[Suggestion]


class IntroRequest(BaseModel):
    id: int
    kind: Literal["interest", "invitation"]
    state: str = Field(
        description="open | accepted | declined | expired | withdrawn (an overdue open one reads expired)"
    )
    scenario_id: int
    scenario_title: str
    vendor_id: int
    vendor_name: str
    incoming: bool = Field(description="true: your side was asked and may answer.")
    waiting_for_introduction: bool = Field(
        description="true: the other side is not on Keting yet; an admin "
        "introduces it, and the answer time starts when it joins."
    )
    message: str | None = None
    approach: str | None = None
    decline_reason: str | None = None
    created_at: datetime
    expires_at: datetime | None = None
    room_id: int | None = None


class RequestList(BaseModel):
    received: list[IntroRequest]
    sent: list[IntroRequest]


class InterestBody(Strict):
    approach: str = Field(min_length=1, max_length=2000, description="How you would solve it (20 characters at least).")
    similar_cases: str = Field("", max_length=2000)
    rough_cost: str = Field("", max_length=120)
    rough_time: str = Field("", max_length=120)


class InvitationBody(Strict):
    vendor_id: int = Field(ge=1, le=MAX_ID)
    message: str = Field(min_length=1, max_length=2000)


class DeclineBody(Strict):
    reason: Literal[DECLINE_REASONS]  # type: ignore[valid-type]
    note: str = Field("", max_length=1000)


class Room(BaseModel):
    id: int
    request_id: int
    scenario_id: int
    vendor_id: int
    accepted_at: datetime
    outcome: Literal[CONNECTION_OUTCOMES] | None = None  # type: ignore[valid-type]


# Rooms ------------------------------------------------------------------------------------------------


class RoomMessage(BaseModel):
    id: int
    author: str
    organization_id: int
    body: str
    created_at: datetime


class MessagePage(PageMeta):
    items: list[RoomMessage]


class MessageBody(Strict):
    body: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


# Admin ------------------------------------------------------------------------------------------------


class ReviewArgs(Strict):
    kind: Literal["all", "scenario", "vendor"] = "all"
    status: Literal["pending", "changes_requested", "published", "rejected", "archived", "any"] = "pending"
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(50, ge=1, le=100)
    lang: Lang | None = None


class ReviewItem(BaseModel):
    kind: Literal["scenario", "vendor"]
    id: int
    title: str
    organization: OrganizationRef
    status: str
    waiting_since: datetime | None = None
    open_duplicate_flags: int


class ReviewPage(PageMeta):
    items: list[ReviewItem]


class DecisionBody(Strict):
    action: Literal["approve", "reject", "request_changes", "archive"]
    note: str = Field(
        "", max_length=2000, description="Required (10 characters at least) to reject or ask for changes."
    )


class ReviewResult(BaseModel):
    kind: Literal["scenario", "vendor"]
    id: int
    status: str


class ImportRowError(BaseModel):
    row: int = Field(description="The line in the uploaded sheet.")
    title: str
    problems: list[str]


class Job(BaseModel):
    id: int
    kind: str
    state: str = Field(description="queued | running | done | failed | stalled (lost its worker: can be retried)")
    stage: str | None = None
    done: int
    total: int
    percent: int
    error: str | None = None
    finished: bool
    result: dict


class ImportBatch(BaseModel):
    id: int
    file_name: str
    status: str = Field(
        description="reading (the file, a job) | unreadable (see `job.error`) | uploaded (columns to "
        "map) | checking (dry run) | mapped (checked) | importing | imported"
    )
    label: str | None = None
    publish: bool
    headers: list[str]
    mapping: dict[str, int | None] = Field(description="Field -> 0-based column of the sheet, or null.")
    rows: int
    ready_rows: int
    problem_rows: int
    imported: int
    errors: list[ImportRowError] = Field(description="Rows the dry run found problems in (the first 500).")
    job: Job | None = Field(None, description="The dry run's or the import's job, while there is one.")
    created_at: datetime


class ImportUpload(BaseModel):
    file: BaseFile = Field(
        description="A .csv (UTF-8 or GBK) or .xlsx list of scenarios; the template is at /admin/import/template.xlsx."
    )
    label: str = Field("", max_length=100, description="The name the published list will carry (optional).")
    publish: bool = Field(True, description="Publish the rows at once (the list was vetted) or send them to review.")


class ImportMapping(Strict):
    mapping: dict[str, int | None] = Field(description="Field -> 0-based column, for the fields the batch lists.")
    label: str = Field("", max_length=100)
    publish: bool = True


class FunnelStep(BaseModel):
    key: str
    count: int
    rate_from_previous: float | None = None
    rate_from_start: float | None = None
    median_days_from_previous: float | None = None


class CountBy(BaseModel):
    key: str | None = None
    label: str
    count: int


class DashboardFigures(BaseModel):
    scenario_status: list[CountBy]
    vendor_status: list[CountBy]
    by_industry: list[CountBy]
    by_capability: list[CountBy]
    by_district: list[CountBy]
    funnel: list[FunnelStep]
    open_requests: int
    unanswered_total: int
    unanswered_days: int
    pending_review: int
    capability_gaps: list[CountBy]
    # When the counts, the funnel and the gaps were computed (the queues above are counted live).
    computed_at: datetime | None = None


class ExportArgs(Strict):
    kind: Literal["scenarios", "vendors", "matches", "funnel"]
