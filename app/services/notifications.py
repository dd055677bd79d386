"""Messages the site sends to people. Each renders its text in the recipient's language and sends it.

The living room adds notifications: a row per person (the notification centre and the unread count in the
header) and, by the person's preference, an email at once, a line in the daily digest, or nothing. Emails
are rendered when the notification is made and queued on the database session; they go out only after the
service's transaction commits, so a change that is rolled back never mails anyone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, render_template
from flask_babel import force_locale, get_locale, gettext, ngettext
from flask_mail import Message as MailMessage
from sqlalchemy.exc import IntegrityError

from app import permissions, timefmt
from app.extensions import db, execute_dml
from app.mailer import send_message
from app.models import (
    EMAIL_MODES,
    DigestDelivery,
    IntroRequest,
    Match,
    Notification,
    NotificationPreference,
    SavedSearch,
    Scenario,
    User,
    VendorProfile,
)
from app.services import saved_searches
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import NotificationSettingsInput
from app.services.pagination import Page
from app.services.room_labels import DECLINE_REASON_LABELS, OUTCOME_LABELS, label

log = logging.getLogger(__name__)

SITE_TIMEZONE = ZoneInfo("Asia/Shanghai")
_MAIL_QUEUE = "keting.mail_after_commit"
NOTIFICATIONS_PER_PAGE = 20
DIGEST_MAX_SCENARIOS = 10
# A vendor's first digest looks back this far for new matching scenarios.
FIRST_DIGEST_LOOKBACK = timedelta(days=7)


def send_password_reset(user: User, reset_url: str, max_age_minutes: int) -> None:
    """Email a password-reset link to the user, in the language they use the site in."""
    locale = user.locale or "zh_Hans"
    with force_locale(locale):
        subject = gettext("Reset your Keting password")
        body = render_template("auth/email/reset_password.txt", user=user, reset_url=reset_url, minutes=max_age_minutes)
    send_message(MailMessage(subject=subject, recipients=[user.email], body=body))


def send_signup_confirmation(user: User, confirm_url: str, max_age_hours: int) -> None:
    """Email the link that confirms a new account's address (and signs its owner in)."""
    with force_locale(user.locale or "zh_Hans"):
        subject = gettext("Confirm your email to finish signing up to Keting")
        body = render_template("auth/email/confirm_signup.txt", user=user, confirm_url=confirm_url, hours=max_age_hours)
    send_message(MailMessage(subject=subject, recipients=[user.email], body=body))


def send_signup_attempt(user: User, login_url: str, reset_url: str) -> None:
    """Tell an account's owner that someone tried to sign up with their address (instead of telling the asker)."""
    with force_locale(user.locale or "zh_Hans"):
        subject = gettext("Someone tried to sign up to Keting with your email")
        body = render_template("auth/email/signup_attempt.txt", user=user, login_url=login_url, reset_url=reset_url)
    send_message(MailMessage(subject=subject, recipients=[user.email], body=body))


# Sending after commit ---------------------------------------------------------------------------------


def queue_mail(message: MailMessage) -> None:
    """Send this message once the current transaction commits (and never if it rolls back)."""
    db.session.info.setdefault(_MAIL_QUEUE, []).append(message)


@sa.event.listens_for(so.Session, "after_commit")
def _send_queued_mail(session: so.Session) -> None:
    for message in session.info.pop(_MAIL_QUEUE, None) or []:
        try:
            send_message(message)
        except Exception:  # pragma: no cover - a mail server being down must not undo a committed change
            log.exception("Could not send mail to %s", message.recipients)


@sa.event.listens_for(so.Session, "after_rollback")
def _drop_queued_mail(session: so.Session) -> None:
    session.info.pop(_MAIL_QUEUE, None)


# Links and text -----------------------------------------------------------------------------------------


def absolute_url(endpoint: str, **values) -> str:
    """A full link for an email or a calendar file, always under SITE_URL, with or without a request.

    Never from the request: its Host header is whatever the client sent, so a password-reset request with
    Host: evil.example would otherwise mail the victim a link that hands the token to evil.example.
    """
    site = urlsplit(current_app.config["SITE_URL"])
    adapter = current_app.url_map.bind(site.netloc, script_name=site.path or "/", url_scheme=site.scheme or "https")
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)


def local_time(moment: datetime | None, kind: str = "datetime") -> str:
    """A time as people here read it: in Asia/Shanghai, in the current language, with the zone named."""
    if moment is None:
        return ""
    zone = gettext("Beijing time")  # outside the f-string, where pybabel can find it
    return f"{timefmt.when(moment, kind)} ({zone})"


def _org_name(data: dict) -> str:
    if str(get_locale()).startswith("en") and data.get("org_en"):
        return data["org_en"]
    return data.get("org", "")


def describe(kind: str, data: dict) -> str:
    """What happened, in one sentence in the current language."""
    org, scenario = _org_name(data), data.get("scenario", "")
    if kind == "interest_received":
        return gettext("%(org)s is interested in your scenario “%(scenario)s”.", org=org, scenario=scenario)
    if kind == "invitation_received":
        return gettext("%(org)s invites you to talk about its scenario “%(scenario)s”.", org=org, scenario=scenario)
    if kind == "request_accepted":
        return gettext(
            "%(org)s accepted your request about “%(scenario)s”. Your room is open.", org=org, scenario=scenario
        )
    if kind == "request_declined":
        return gettext(
            "%(org)s declined your request about “%(scenario)s”. Reason: %(reason)s.",
            org=org,
            scenario=scenario,
            reason=label(DECLINE_REASON_LABELS, data.get("reason")),
        )
    if kind == "request_expiring":
        return gettext(
            "The request about “%(scenario)s” between you and %(org)s expires on %(date)s unless it is answered.",
            org=org,
            scenario=scenario,
            date=local_time(_parse(data.get("expires_at"))),
        )
    if kind == "request_expired":
        return gettext(
            "The request about “%(scenario)s” between you and %(org)s expired without an answer.",
            org=org,
            scenario=scenario,
        )
    if kind == "message_received":
        return gettext("New message from %(org)s about “%(scenario)s”.", org=org, scenario=scenario)
    if kind == "meeting_proposed":
        return gettext(
            "%(org)s proposed a meeting about “%(scenario)s”. Pick a time that suits you.", org=org, scenario=scenario
        )
    if kind == "meeting_confirmed":
        return gettext(
            "The meeting about “%(scenario)s” with %(org)s is confirmed for %(time)s.",
            org=org,
            scenario=scenario,
            time=local_time(_parse(data.get("starts_at")), "meeting"),
        )
    if kind == "meeting_cancelled":
        return gettext("%(org)s cancelled the meeting about “%(scenario)s”.", org=org, scenario=scenario)
    if kind == "outcome_recorded":
        return gettext(
            "%(org)s recorded the outcome for “%(scenario)s”: %(outcome)s.",
            org=org,
            scenario=scenario,
            outcome=label(OUTCOME_LABELS, data.get("outcome")),
        )
    if kind == "introduction_needed":
        return gettext(
            "%(org)s sent a request about “%(scenario)s” to %(to)s, which is not on Keting yet. Introduce them.",
            org=org,
            scenario=scenario,
            to=data.get("to", ""),
        )
    if kind == "claim_awaiting_approval":
        return gettext(
            "%(email)s registered for %(to)s through a claim invitation, from an address outside its "
            "website's domain. Approve or refuse.",
            email=data.get("email", ""),
            to=data.get("to", ""),
        )
    if kind == "request_introduced":
        return gettext(
            "%(org)s has joined Keting through our introduction. They can now answer your request "
            "about “%(scenario)s”, until %(date)s.",
            org=org,
            scenario=scenario,
            date=local_time(_parse(data.get("expires_at")), "date"),
        )
    return gettext("Something happened on Keting.")


def describe_group(kind: str, data: dict, count: int) -> str:
    """One line for `count` unread notifications of one kind about one room or request (the newest's data)."""
    if count <= 1:
        return describe(kind, data)
    if kind == "message_received":
        return ngettext(
            "%(num)d new messages from %(org)s about “%(scenario)s”.",
            "%(num)d new messages from %(org)s about “%(scenario)s”.",
            count,
            org=_org_name(data),
            scenario=data.get("scenario", ""),
        )
    return ngettext(
        "%(text)s (and %(num)d earlier like it)",
        "%(text)s (and %(num)d earlier like it)",
        count - 1,
        text=describe(kind, data),
    )


def email_details(kind: str, data: dict) -> list[str]:
    """Lines the email adds under the sentence, in the current language: a meeting's times, place and length."""
    if kind not in ("meeting_proposed", "meeting_confirmed") or not data.get("slots"):
        return []
    lines = []
    if kind == "meeting_proposed":
        lines.append(gettext("Proposed times (pick one in the room):"))
        lines += [f"  {n}. {local_time(_parse(slot), 'meeting')}" for n, slot in enumerate(data["slots"], start=1)]
    else:
        lines.append(gettext("Time: %(time)s", time=local_time(_parse(data.get("starts_at")), "meeting")))
    lines.append(gettext("Topic: %(topic)s", topic=data.get("topic", "")))
    if data.get("duration"):
        lines.append(gettext("Length: %(num)d minutes", num=int(data["duration"])))
    if data.get("location"):
        lines.append(gettext("Where: %(place)s", place=data["location"]))
    if kind == "meeting_confirmed":
        lines.append(gettext("The calendar file (.ics) is attached: open it to add the meeting to your calendar."))
    return lines


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def target(notification: Notification) -> tuple[str, dict]:
    """The endpoint and arguments of the page a notification is about."""
    if notification.kind == "introduction_needed":
        return "introductions.queue", {"view": "waiting"}
    if notification.kind == "claim_awaiting_approval":
        return "introductions.queue", {"view": "approval"}
    if notification.connection_id:
        return "rooms.room", {"connection_id": notification.connection_id}
    if notification.request_id:
        return "requests.request_detail", {"request_id": notification.request_id}
    if notification.scenario_id:
        return "public.scenario_detail", {"scenario_id": notification.scenario_id}
    return "notifications.centre", {}


# Making notifications -----------------------------------------------------------------------------------


def preferences_for(user_ids) -> dict[int, NotificationPreference]:
    """Each user's stored preference; users without a row get the default (immediate email, match digest)."""
    ids = list(set(user_ids))
    found = (
        {
            p.user_id: p
            for p in db.session.scalars(
                sa.select(NotificationPreference).where(NotificationPreference.user_id.in_(ids))
            )
        }
        if ids
        else {}
    )
    return {
        uid: found.get(uid) or NotificationPreference(user_id=uid, email_mode="immediate", match_digest=True)
        for uid in ids
    }


def members(organization_id: int | None, exclude: User | None = None) -> list[User]:
    """The active people of an organization (minus the one who acted), who hear about its requests and rooms."""
    if organization_id is None:
        return []
    stmt = sa.select(User).where(User.organization_id == organization_id, User.is_active.is_(True)).order_by(User.id)
    return [u for u in db.session.scalars(stmt) if exclude is None or u.id != exclude.id]


# Kinds that come in bursts (a conversation): while a person has not read the room, one email per
# NOTIFICATION_EMAIL_GROUP_MINUTES says how many are waiting, instead of one email per message.
GROUPED_EMAIL_KINDS = ("message_received",)


def _same_group(note: Notification) -> list:
    """Conditions for the person's notifications of the same kind about the same room, request and scenario."""
    conds = [Notification.user_id == note.user_id, Notification.kind == note.kind]
    for column, value in (
        (Notification.connection_id, note.connection_id),
        (Notification.request_id, note.request_id),
        (Notification.scenario_id, note.scenario_id),
    ):
        conds.append(column.is_(None) if value is None else column == value)
    return conds


def _email_burst(note: Notification, now: datetime) -> tuple[bool, int]:
    """(mail now?, how many unread in its group) for an immediate notification.

    The first unread one of a group is mailed; later ones are not while an email about the group went out
    within the window and the person has not read it since. After the window, the next one is mailed and
    says how many are waiting. Reading the room starts over.
    """
    if note.kind not in GROUPED_EMAIL_KINDS:
        return True, 1
    window = timedelta(minutes=int(current_app.config.get("NOTIFICATION_EMAIL_GROUP_MINUTES", 15)))
    earlier, last_mailed = db.session.execute(
        sa.select(sa.func.count(Notification.id), sa.func.max(Notification.emailed_at)).where(
            *_same_group(note), Notification.read_at.is_(None), Notification.id != note.id
        )
    ).one()
    last_mailed = _as_utc(last_mailed)
    return not (last_mailed is not None and last_mailed > now - window), (earlier or 0) + 1


def notify(
    users, kind: str, *, data: dict, request=None, connection=None, scenario=None, extra: str = "", attachments=None
) -> list[Notification]:
    """Record a notification for each user and email those who want it now; flushes, does not commit.

    `extra` is text for the email only (the proposal, the message), shown under the sentence;
    `attachments` are (file name, content type, bytes) for the email (a meeting's .ics).
    """
    users = [u for u in users if u is not None and u.is_active]
    prefs = preferences_for(u.id for u in users)
    made = []
    for user in users:
        mode = prefs[user.id].email_mode
        note = Notification(
            user=user,
            kind=kind,
            data=data,
            request=request,
            connection=connection,
            scenario=scenario
            or (connection.scenario if connection else None)
            or (request.scenario if request else None),
            email_state={"immediate": "sent", "daily": "pending"}.get(mode, "none"),
        )
        db.session.add(note)
        made.append(note)
    db.session.flush()
    now = datetime.now(UTC)
    for note in made:
        if note.email_state == "sent":
            mail_now, count = _email_burst(note, now)
            if not mail_now:
                note.email_state = "none"  # told already a moment ago; the centre shows it in the group
                continue
            note.emailed_at = now
            queue_mail(_notification_email(note, extra, count, attachments or ()))
    return made


def _notification_email(note: Notification, extra: str, count: int = 1, attachments=()) -> MailMessage:
    user = note.user
    with force_locale(user.locale or "zh_Hans"):
        text = describe_group(note.kind, note.data, count)
        endpoint, values = target(note)
        subject = gettext("Keting: %(what)s", what=text if len(text) <= 90 else text[:89] + "…")
        body = render_template(
            "notifications/email/notification.txt",
            user=user,
            text=text,
            extra=extra,
            details=email_details(note.kind, note.data),
            latest=count > 1,
            link=absolute_url(endpoint, **values),
            settings_link=absolute_url("notifications.settings"),
        )
    message = MailMessage(subject=subject, recipients=[user.email], body=body)
    for name, content_type, payload in attachments:
        message.attach(name, content_type, payload)
    return message


# The notification centre --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotificationView:
    notification: Notification
    text: str
    endpoint: str
    values: dict
    count: int = 1  # unread notifications this entry stands for (the newest is `notification`)

    @property
    def unread(self) -> bool:
        return self.notification.read_at is None


_GROUP_COLUMNS = (Notification.kind, Notification.connection_id, Notification.request_id, Notification.scenario_id)


def _unread_groups(user_id: int):
    """One row per group of unread notifications (same kind, room, request, scenario): newest id, count, time.

    GROUP BY treats NULLs as equal on SQLite and PostgreSQL alike, so a notification without a room groups
    with the others about the same request.
    """
    return (
        sa.select(
            sa.func.max(Notification.id).label("id"),
            sa.func.count(Notification.id).label("n"),
            sa.func.max(Notification.created_at).label("at"),
        )
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .group_by(*_GROUP_COLUMNS)
    )


def unread_count(user) -> int:
    """How many entries of unread notifications the user has (a group counts once): one query on an index."""
    if not permissions.can_use_notifications(user):
        return 0
    return db.session.scalar(sa.select(sa.func.count()).select_from(_unread_groups(user.id).subquery())) or 0


def list_notifications(actor: User, page: int = 1, unread_only: bool = False) -> Page[NotificationView]:
    """The actor's notifications, newest first, one page, with their text in the current language.

    Unread notifications of one kind about one room or request are one entry ("3 new messages from ...");
    read ones are listed one by one, as the history.
    """
    if not permissions.can_use_notifications(actor):
        raise PermissionDenied(gettext("Log in to see your notifications."))
    entries = _unread_groups(actor.id)
    if not unread_only:
        entries = sa.union_all(
            entries,
            sa.select(
                Notification.id.label("id"), sa.literal(1, sa.Integer).label("n"), Notification.created_at.label("at")
            ).where(Notification.user_id == actor.id, Notification.read_at.is_not(None)),
        )
    entries = entries.subquery()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(entries)) or 0
    pages = max(1, -(-total // NOTIFICATIONS_PER_PAGE))
    page = min(max(1, page), pages)
    rows = db.session.execute(
        sa.select(entries.c.id, entries.c.n)
        .order_by(entries.c.at.desc(), entries.c.id.desc())
        .limit(NOTIFICATIONS_PER_PAGE)
        .offset((page - 1) * NOTIFICATIONS_PER_PAGE)
    ).all()
    found = (
        {n.id: n for n in db.session.scalars(sa.select(Notification).where(Notification.id.in_([r.id for r in rows])))}
        if rows
        else {}
    )
    items = [
        NotificationView(
            found[r.id],
            describe_group(found[r.id].kind, found[r.id].data, int(r.n)),
            *target(found[r.id]),
            count=int(r.n),
        )
        for r in rows
        if r.id in found
    ]
    return Page(items=items, page=page, per_page=NOTIFICATIONS_PER_PAGE, total=total)


def open_notification(actor: User, notification_id: int) -> tuple[str, dict]:
    """Mark one of the actor's notifications (and the unread ones grouped with it) read; say where it leads; commit."""
    note = db.session.get(Notification, notification_id)
    if note is None or note.user_id != getattr(actor, "id", None):
        raise NotFound(gettext("No such notification."))
    if note.read_at is None:
        db.session.execute(
            sa.update(Notification)
            .where(*_same_group(note), Notification.read_at.is_(None))
            .values(read_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    return target(note)


def mark_all_read(actor: User) -> int:
    """Mark every unread notification of the actor read; commit; return how many."""
    if not permissions.can_use_notifications(actor):
        raise PermissionDenied(gettext("Log in to see your notifications."))
    result = execute_dml(
        sa.update(Notification)
        .where(Notification.user_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=datetime.now(UTC))
    )
    db.session.commit()
    return result.rowcount or 0


def mark_read_for(actor: User, *, connection_id: int | None = None, request_id: int | None = None) -> int:
    """Mark the actor's notifications about one room or request read (they are looking at it); commit."""
    conds = [Notification.user_id == actor.id, Notification.read_at.is_(None)]
    if connection_id is not None:
        conds.append(Notification.connection_id == connection_id)
    elif request_id is not None:
        conds.append(sa.and_(Notification.request_id == request_id, Notification.connection_id.is_(None)))
    else:
        return 0
    result = execute_dml(sa.update(Notification).where(*conds).values(read_at=datetime.now(UTC)))
    if result.rowcount:
        db.session.commit()
    return result.rowcount or 0


def get_settings(actor: User) -> NotificationPreference:
    if not permissions.can_use_notifications(actor):
        raise PermissionDenied(gettext("Log in to see your notifications."))
    return preferences_for([actor.id])[actor.id]


def update_settings(actor: User, data: NotificationSettingsInput) -> NotificationPreference:
    """Save how the actor wants email about notifications; commit."""
    if not permissions.can_use_notifications(actor):
        raise PermissionDenied(gettext("Log in to see your notifications."))
    if data.email_mode not in EMAIL_MODES:
        raise InvalidInput(gettext("Choose how we should email you."), field="email_mode")
    pref = db.session.get(NotificationPreference, actor.id)
    if pref is None:
        pref = NotificationPreference(user_id=actor.id)
        db.session.add(pref)
    pref.email_mode = data.email_mode
    pref.match_digest = bool(data.match_digest)
    if data.email_mode == "off":
        # Nothing waits for a digest that will not be sent.
        db.session.execute(
            sa.update(Notification)
            .where(Notification.user_id == actor.id, Notification.email_state == "pending")
            .values(email_state="none")
        )
    try:
        db.session.commit()
    except IntegrityError:  # the same person saving in two tabs at once: the other save won; save over it
        db.session.rollback()
        pref = db.session.get_one(NotificationPreference, actor.id)  # the other save's row
        pref.email_mode, pref.match_digest = data.email_mode, bool(data.match_digest)
        db.session.commit()
    return pref


# The daily digest ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestReport:
    period: str
    sent: int
    already_sent: int
    nothing_to_send: int

    def summary(self) -> str:
        return (
            f"Digest {self.period}: {self.sent} sent, {self.already_sent} already sent this period, "
            f"{self.nothing_to_send} with nothing new."
        )


def digest_period(now: datetime) -> str:
    """The digest period a moment belongs to: its calendar day in Asia/Shanghai."""
    return now.astimezone(SITE_TIMEZONE).date().isoformat()


def _as_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _new_matches(vendor_id: int, since: datetime, until: datetime) -> list[tuple[Scenario, Match]]:
    """Published scenarios matched to this vendor that were published in [since, until), best first."""
    requested = sa.select(IntroRequest.scenario_id).where(IntroRequest.vendor_id == vendor_id)
    rows = (
        db.session.execute(
            sa.select(Scenario, Match)
            .join(Match, Match.scenario_id == Scenario.id)
            .where(
                Match.vendor_id == vendor_id,
                Scenario.status == "published",
                Scenario.published_at >= since,
                Scenario.published_at < until,
                Scenario.id.not_in(requested),
            )
            .order_by(Match.score.desc(), Scenario.id.desc())
            .limit(DIGEST_MAX_SCENARIOS)
            .options(so.joinedload(Scenario.industry))
        )
        .unique()
        .all()
    )
    return [(s, m) for s, m in rows]


def send_digests(now: datetime | None = None) -> DigestReport:
    """Send each person at most one digest for the current period (idempotent: run it from cron); commit per person.

    A digest holds the notifications waiting for it (people on "daily digest") and, for vendors, the new
    scenarios matched to them since their last digest. A person with nothing new gets no email and no record,
    so the next digest still starts from the last one sent.
    """
    now = now or datetime.now(UTC)
    period = digest_period(now)
    pending_users = set(
        db.session.scalars(sa.select(Notification.user_id).where(Notification.email_state == "pending").distinct())
    )
    vendor_users = set(
        db.session.scalars(
            sa.select(User.id)
            .join(VendorProfile, VendorProfile.organization_id == User.organization_id)
            .where(User.role == "vendor", User.is_active.is_(True), VendorProfile.status == "published")
        )
    )
    done = set(db.session.scalars(sa.select(DigestDelivery.user_id).where(DigestDelivery.period == period)))
    searching_users = set(
        db.session.scalars(sa.select(SavedSearch.user_id).where(SavedSearch.frequency == "daily").distinct())
    )
    candidates = sorted(pending_users | vendor_users | searching_users | done)
    prefs = preferences_for(candidates)
    sent = already = empty = 0
    with saved_searches.shared_results():  # people who saved the same search share one run of it
        for user_id in candidates:
            if user_id in done:
                already += 1
                continue
            pref = prefs[user_id]
            if pref.email_mode == "off":
                empty += 1
                continue
            outcome = _send_one_digest(user_id, pref, period, now)
            sent += outcome == "sent"
            already += outcome == "already"
            empty += outcome == "empty"
    return DigestReport(period, sent, already, empty)


def _send_one_digest(user_id: int, pref: NotificationPreference, period: str, now: datetime) -> str:
    user = db.session.get(User, user_id)
    if user is None or not user.is_active:
        return "empty"
    pending = db.session.scalars(
        sa.select(Notification)
        .where(Notification.user_id == user_id, Notification.email_state == "pending", Notification.created_at < now)
        .order_by(Notification.created_at, Notification.id)
    ).all()
    matches: list = []
    last = db.session.scalar(sa.select(sa.func.max(DigestDelivery.until_at)).where(DigestDelivery.user_id == user_id))
    since = _as_utc(last) or (now - FIRST_DIGEST_LOOKBACK)
    if user.role == "vendor" and pref.match_digest and user.organization and user.organization.vendor_profile:
        matches = _new_matches(user.organization.vendor_profile.id, since, now)
    # The person's daily saved searches: listings published since the last digest that each one finds.
    alerts = saved_searches.daily_alerts(user, since, now)
    if not pending and not matches and not alerts:
        return "empty"
    db.session.add(
        DigestDelivery(
            user_id=user_id,
            period=period,
            since_at=since,
            until_at=now,
            scenario_count=len(matches),
            notification_count=len(pending),
        )
    )
    for note in pending:
        note.email_state, note.emailed_at = "sent", now
    queue_mail(_digest_email(user, pending, matches, period, alerts))
    try:
        db.session.commit()
    except IntegrityError:  # another run sent this person's digest for the period a moment ago
        db.session.rollback()
        return "already"
    return "sent"


def _digest_email(
    user: User, pending: Sequence[Notification], matches: list, period: str, alerts: list | None = None
) -> MailMessage:
    with force_locale(user.locale or "zh_Hans"):
        english = str(user.locale or "").startswith("en")
        lines = [(describe_group(n.kind, n.data, count), _absolute_target(n)) for n, count in _grouped(pending)]
        scenarios = [
            (
                s.title,
                absolute_url("public.scenario_detail", scenario_id=s.id),
                (s.industry.name_en if english else s.industry.name_zh) if s.industry else "",
            )
            for s, _m in matches
        ]
        subject = gettext("Keting daily digest for %(date)s", date=period)
        body = render_template(
            "notifications/email/digest.txt",
            user=user,
            lines=lines,
            scenarios=scenarios,
            alerts=alerts or [],
            searches_link=absolute_url("searches.my_searches"),
            centre=absolute_url("notifications.centre"),
            settings_link=absolute_url("notifications.settings"),
        )
    return MailMessage(subject=subject, recipients=[user.email], body=body)


def _grouped(notes: Sequence[Notification]) -> list[tuple[Notification, int]]:
    """Notifications of one kind about one room or request as one line: (the newest, how many), oldest first."""
    groups: dict[tuple, list[Notification]] = {}
    for note in notes:
        groups.setdefault((note.kind, note.connection_id, note.request_id, note.scenario_id), []).append(note)
    return [(group[-1], len(group)) for group in groups.values()]


def _absolute_target(note: Notification) -> str:
    endpoint, values = target(note)
    return absolute_url(endpoint, **values)
