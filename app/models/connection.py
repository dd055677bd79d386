"""The living room: requests to meet, the room an accepted request opens, its messages and meetings,
and the notifications (with each person's email preference and digest record) that tell people about them.

Timestamps are named for the step they record so the funnel can read them directly:
IntroRequest.created_at (interest shown / invitation sent) → responded_at (accepted or declined) →
Connection.accepted_at → pilot_started_at → contract_signed_at (or no_deal_at).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, in_check, utcnow
from app.models.organization import Organization
from app.models.scenario import Scenario
from app.models.user import User
from app.models.vendor import VendorProfile

# Who started it: a vendor showing interest in a scenario, or an enterprise inviting a vendor.
REQUEST_KINDS = ("interest", "invitation")
REQUEST_STATES = ("open", "accepted", "declined", "expired", "withdrawn")
# States in which the pair already has a live request: at most one such row per (scenario, vendor).
LIVE_REQUEST_STATES = ("open", "accepted")
DECLINE_REASONS = ("not_a_fit", "no_capacity", "budget", "timing", "chose_other", "other")
CONNECTION_OUTCOMES = ("pilot", "contract", "no_deal")
NO_DEAL_REASONS = ("budget", "technical_fit", "timing", "chose_other", "internal_change", "other")
MEETING_STATES = ("proposed", "confirmed", "cancelled")
MAX_MEETING_SLOTS = 3
MAX_MESSAGE_CHARS = 4000
EMAIL_MODES = ("immediate", "daily", "off")
# Whether a notification still owes the person an email: sent at once, waiting for the digest, or never.
EMAIL_STATES = ("none", "pending", "sent")

_live = f"state IN ({', '.join(repr(s) for s in LIVE_REQUEST_STATES)})"


class IntroRequest(Base):
    """One side asking to meet the other about one scenario: a vendor's interest or an enterprise's invitation."""

    __tablename__ = "intro_request"
    __table_args__ = (
        sa.CheckConstraint(in_check("kind", REQUEST_KINDS), name="kind"),
        sa.CheckConstraint(in_check("state", REQUEST_STATES), name="state"),
        sa.CheckConstraint(
            f"decline_reason IS NULL OR {in_check('decline_reason', DECLINE_REASONS)}", name="decline_reason"
        ),
        sa.CheckConstraint("decline_reason IS NULL OR state = 'declined'", name="decline_reason_only_when_declined"),
        sa.CheckConstraint("state != 'declined' OR decline_reason IS NOT NULL", name="declined_has_reason"),
        sa.CheckConstraint("kind != 'interest' OR length(trim(approach)) > 0", name="interest_has_approach"),
        sa.CheckConstraint("kind != 'invitation' OR length(trim(message)) > 0", name="invitation_has_message"),
        sa.CheckConstraint(
            "state IN ('open', 'withdrawn', 'expired') OR responded_at IS NOT NULL", name="answered_has_time"
        ),
        # One live (open or accepted) request per pair, enforced by the database: a double submit or two
        # people clicking at once cannot make a second one. Partial unique indexes work on SQLite and PostgreSQL.
        sa.Index(
            "uq_intro_request_live_pair",
            "scenario_id",
            "vendor_id",
            unique=True,
            sqlite_where=sa.text(_live),
            postgresql_where=sa.text(_live),
        ),
        sa.Index("ix_intro_request_state_created_at", "state", "created_at"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    state: so.Mapped[str] = so.mapped_column(sa.String(16), default="open")
    scenario_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"), index=True)
    vendor_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("vendor_profile.id", ondelete="CASCADE"), index=True)
    requested_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    responded_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # The enterprise's invitation message (invitation), or an optional note with a proposal (interest).
    message: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # The vendor's short proposal (interest).
    approach: so.Mapped[str | None] = so.mapped_column(sa.Text)
    similar_cases: so.Mapped[str | None] = so.mapped_column(sa.Text)
    rough_cost: so.Mapped[str | None] = so.mapped_column(sa.String(120))
    rough_time: so.Mapped[str | None] = so.mapped_column(sa.String(120))
    decline_reason: so.Mapped[str | None] = so.mapped_column(sa.String(24))
    decline_note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # The matcher's view of the pair when the request was made (None when the pair was never matched).
    match_score: so.Mapped[float | None] = so.mapped_column(sa.Float)
    matched_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    responded_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    expired_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    withdrawn_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # When both sides were warned that the request is about to expire (once per request).
    expiry_warned_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # The asked side had no member when the request was made: it waits in the admins' introductions queue and
    # does not expire until the organization is claimed; then clock_started_at starts the expiry clock.
    awaiting_claim: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    clock_started_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    scenario: so.Mapped[Scenario] = so.relationship()
    vendor: so.Mapped[VendorProfile] = so.relationship()
    requested_by: so.Mapped[User | None] = so.relationship(foreign_keys=[requested_by_id])
    responded_by: so.Mapped[User | None] = so.relationship(foreign_keys=[responded_by_id])
    connection: so.Mapped[Connection | None] = so.relationship(back_populates="request")

    @property
    def from_vendor(self) -> bool:
        return self.kind == "interest"


class Connection(Base):
    """The room an accepted request opens: the two organizations can see each other's contacts and talk."""

    __tablename__ = "connection"
    __table_args__ = (
        sa.UniqueConstraint("scenario_id", "vendor_id", name="uq_connection_scenario_vendor"),
        sa.CheckConstraint(f"outcome IS NULL OR {in_check('outcome', CONNECTION_OUTCOMES)}", name="outcome"),
        sa.CheckConstraint(
            f"no_deal_reason IS NULL OR {in_check('no_deal_reason', NO_DEAL_REASONS)}", name="no_deal_reason"
        ),
        sa.CheckConstraint("outcome IS NULL OR outcome_at IS NOT NULL", name="outcome_has_time"),
        sa.CheckConstraint(
            "outcome != 'no_deal' OR (no_deal_reason IS NOT NULL AND no_deal_at IS NOT NULL)", name="no_deal_has_reason"
        ),
        sa.CheckConstraint("outcome != 'pilot' OR pilot_started_at IS NOT NULL", name="pilot_has_time"),
        sa.CheckConstraint("outcome != 'contract' OR contract_signed_at IS NOT NULL", name="contract_has_time"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    request_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("intro_request.id", ondelete="CASCADE"), unique=True)
    scenario_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"), index=True)
    vendor_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("vendor_profile.id", ondelete="CASCADE"), index=True)
    accepted_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # The latest outcome either side recorded (None while talking), and when; each step keeps its own time.
    outcome: so.Mapped[str | None] = so.mapped_column(sa.String(16), index=True)
    outcome_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    outcome_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    pilot_started_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    contract_signed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    no_deal_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    no_deal_reason: so.Mapped[str | None] = so.mapped_column(sa.String(24))
    outcome_note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    last_activity_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    request: so.Mapped[IntroRequest] = so.relationship(back_populates="connection")
    scenario: so.Mapped[Scenario] = so.relationship()
    vendor: so.Mapped[VendorProfile] = so.relationship()
    outcome_by: so.Mapped[User | None] = so.relationship(foreign_keys=[outcome_by_id])

    @property
    def created_at(self) -> datetime:
        return self.accepted_at


class Message(Base):
    """One plain-text message in a room's thread."""

    __tablename__ = "room_message"
    __table_args__ = (
        sa.CheckConstraint("length(trim(body)) > 0", name="body_not_blank"),
        sa.CheckConstraint(f"length(body) <= {MAX_MESSAGE_CHARS}", name="body_length"),
        sa.Index("ix_room_message_connection_created", "connection_id", "created_at", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    connection_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("connection.id", ondelete="CASCADE"))
    author_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    # The side that wrote it, kept even if the person's account goes away.
    author_org_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # The form's one-time token: a double-clicked send posts one message.
    submission_token: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)

    author: so.Mapped[User | None] = so.relationship()
    author_org: so.Mapped[Organization] = so.relationship()
    attachments: so.Mapped[list[RoomAttachment]] = so.relationship(
        back_populates="message", order_by="RoomAttachment.id", passive_deletes=True
    )


ATTACHMENT_KINDS = ("pdf", "png", "jpeg", "webp", "docx", "xlsx", "pptx", "doc", "xls", "ppt")


class RoomAttachment(Base):
    """A file sent with a room message: its bytes live in the attachment storage under `storage_key`."""

    __tablename__ = "room_attachment"
    __table_args__ = (
        sa.CheckConstraint(in_check("kind", ATTACHMENT_KINDS), name="kind"),
        sa.CheckConstraint("size_bytes > 0", name="size_positive"),
        sa.CheckConstraint("length(trim(filename)) > 0", name="filename_not_blank"),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    connection_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("connection.id", ondelete="CASCADE"), index=True)
    message_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("room_message.id", ondelete="CASCADE"), index=True)
    uploaded_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    # The name as uploaded (cleaned of paths and control characters): shown and offered on download.
    filename: so.Mapped[str] = so.mapped_column(sa.String(200))
    # What the bytes are, found from the bytes themselves; the type every download is served with.
    kind: so.Mapped[str] = so.mapped_column(sa.String(8))
    content_type: so.Mapped[str] = so.mapped_column(sa.String(100))
    size_bytes: so.Mapped[int] = so.mapped_column(sa.Integer)
    sha256: so.Mapped[str] = so.mapped_column(sa.String(64))
    storage_key: so.Mapped[str] = so.mapped_column(sa.String(200), unique=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    message: so.Mapped[Message] = so.relationship(back_populates="attachments")
    uploaded_by: so.Mapped[User | None] = so.relationship()


class Meeting(Base):
    """A meeting one side proposes with up to three time slots; the other side confirms one."""

    __tablename__ = "meeting"
    __table_args__ = (
        sa.CheckConstraint(in_check("state", MEETING_STATES), name="state"),
        sa.CheckConstraint("duration_minutes BETWEEN 15 AND 480", name="duration_range"),
        sa.CheckConstraint("length(trim(topic)) > 0", name="topic_not_blank"),
        sa.CheckConstraint(
            "state != 'confirmed' OR (starts_at IS NOT NULL AND confirmed_at IS NOT NULL)", name="confirmed_has_time"
        ),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    connection_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("connection.id", ondelete="CASCADE"), index=True)
    proposed_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    proposed_by_org_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"))
    topic: so.Mapped[str] = so.mapped_column(sa.String(200))
    location: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    duration_minutes: so.Mapped[int] = so.mapped_column(default=60)
    state: so.Mapped[str] = so.mapped_column(sa.String(16), default="proposed")
    # The chosen slot's start (UTC) once confirmed.
    starts_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    confirmed_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    confirmed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    # Bumped on every change, for the SEQUENCE of the calendar file.
    sequence: so.Mapped[int] = so.mapped_column(default=0)
    submission_token: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)

    slots: so.Mapped[list[MeetingSlot]] = so.relationship(
        back_populates="meeting", order_by="MeetingSlot.position", cascade="all, delete-orphan"
    )
    proposed_by: so.Mapped[User | None] = so.relationship(foreign_keys=[proposed_by_id])
    proposed_by_org: so.Mapped[Organization] = so.relationship()
    confirmed_by: so.Mapped[User | None] = so.relationship(foreign_keys=[confirmed_by_id])


class MeetingSlot(Base):
    __tablename__ = "meeting_slot"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "position", name="uq_meeting_slot_position"),
        sa.UniqueConstraint("meeting_id", "starts_at", name="uq_meeting_slot_starts_at"),
        sa.CheckConstraint(f"position BETWEEN 1 AND {MAX_MEETING_SLOTS}", name="position_range"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    meeting_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("meeting.id", ondelete="CASCADE"))
    position: so.Mapped[int] = so.mapped_column()
    starts_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True))

    meeting: so.Mapped[Meeting] = so.relationship(back_populates="slots")


class Notification(Base):
    """Something that happened that one person should know about; its text is rendered in their language."""

    __tablename__ = "notification"
    __table_args__ = (
        sa.CheckConstraint(in_check("email_state", EMAIL_STATES), name="email_state"),
        # The unread count in the header is one index-only count.
        sa.Index("ix_notification_user_read", "user_id", "read_at"),
        sa.Index("ix_notification_email_state", "email_state", "created_at"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: so.Mapped[str] = so.mapped_column(sa.String(40))
    request_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("intro_request.id", ondelete="CASCADE"), index=True
    )
    connection_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("connection.id", ondelete="CASCADE"), index=True
    )
    scenario_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("scenario.id", ondelete="CASCADE"), index=True)
    # Small facts for the text (names, reasons, times) as they were when it happened.
    data: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    read_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    email_state: so.Mapped[str] = so.mapped_column(sa.String(16), default="none")
    emailed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    user: so.Mapped[User] = so.relationship()
    request: so.Mapped[IntroRequest | None] = so.relationship()
    connection: so.Mapped[Connection | None] = so.relationship()
    scenario: so.Mapped[Scenario | None] = so.relationship()


class NotificationPreference(Base):
    """How a person wants email: each at once, one daily digest, or none (the notification centre always works)."""

    __tablename__ = "notification_preference"
    __table_args__ = (sa.CheckConstraint(in_check("email_mode", EMAIL_MODES), name="email_mode"),)

    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    email_mode: so.Mapped[str] = so.mapped_column(sa.String(16), default="immediate")
    # Vendors: include new matching scenarios in the daily digest.
    match_digest: so.Mapped[bool] = so.mapped_column(default=True)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class DigestDelivery(Base):
    """One digest email for one person and one period (a day in Asia/Shanghai): sending twice sends once."""

    __tablename__ = "digest_delivery"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "period", name="uq_digest_delivery_user_period"),
        sa.CheckConstraint("scenario_count >= 0 AND notification_count >= 0", name="counts_non_negative"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    period: so.Mapped[str] = so.mapped_column(sa.String(16))
    # New matches computed in [since_at, until_at) were considered; the next digest starts at until_at.
    since_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    until_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True))
    scenario_count: so.Mapped[int] = so.mapped_column(default=0)
    notification_count: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
