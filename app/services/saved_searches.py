"""Saved searches: a person names a search of /scenarios or /vendors and hears by email of new listings it finds.

Whether a new listing matches is decided by the same search the list pages run (scenarios.matching_scenario_ids,
vendors.matching_vendor_ids), so an alert never names a listing the list itself would not show.

Alerts:
- immediate: a session listener notes every listing that becomes published, whatever code path publishes it
  (review, an admin's edit, an import, the seed loader) and, as that transaction commits, records them as pending
  for the match worker (match_pending); the worker runs each immediate search over the newly published listings
  and its owner gets one email for the whole batch (send_immediate_alerts).
- daily: the daily digest (`flask digest send`, app/services/notifications.py) asks `daily_alerts` for the
  listings published since the person's last digest.
Every listing a search has alerted about is stored as a SavedSearchHit, unique per (search, listing), so neither
path ever repeats what either already sent. A person whose email setting is "off" gets no alert either.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, render_template
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_mail import Message as MailMessage
from sqlalchemy.exc import IntegrityError

from app import permissions
from app.extensions import db
from app.models import (
    ALERT_FREQUENCIES,
    DISTRICTS,
    MAX_SAVED_QUERY,
    MAX_SEARCH_NAME,
    SAVED_SEARCH_KINDS,
    Capability,
    Industry,
    NotificationPreference,
    SavedSearch,
    SavedSearchHit,
    Scenario,
    User,
    VendorProfile,
)
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import ListingQuery, SavedSearchChange, SavedSearchInput
from app.services.search import search_terms
from app.services.text import check_text

log = logging.getLogger(__name__)

MAX_SAVED_SEARCHES = 30
# An alert email lists this many listings per search; the rest are one click away on the list page.
ALERT_MAX_LISTED = 10
_PUBLISHED = "keting.saved_search_published"


# Keeping searches -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedSearchView:
    search: SavedSearch
    industry: Industry | None
    capability: Capability | None

    @property
    def url_args(self) -> dict:
        return list_url_args(self.search)


def list_url_args(search: SavedSearch) -> dict:
    """The query-string arguments that show this search on its list page."""
    args = {
        "q": search.q or None,
        "industry": search.industry,
        "capability": search.capability,
        "district": search.district,
        "batch": search.batch,
    }
    return {k: v for k, v in args.items() if v}


def search_query(search: SavedSearch) -> ListingQuery:
    """The list page's query for a saved search (words segmented exactly as the list page segments them)."""
    sort = "newest" if search.kind == "scenario" else "name"
    return ListingQuery(
        q=search.q,
        industry=search.industry,
        capability=search.capability,
        district=search.district,
        batch=search.batch,
        sort=sort,
        terms=search_terms(search.q, current_app.config["MAX_QUERY_CHARS"]),
    )


def _check_name(name: str) -> str:
    check_text(name, "name", MAX_SEARCH_NAME)
    return " ".join(name.split())


def _check_frequency(frequency: str) -> str:
    if frequency not in ALERT_FREQUENCIES:
        raise InvalidInput(_("Choose how often we should email you."), field="frequency")
    return frequency


def _name_taken(actor: User, name: str, except_id: int | None = None) -> bool:
    stmt = sa.select(SavedSearch.id).where(SavedSearch.user_id == actor.id, SavedSearch.name == name)
    if except_id is not None:
        stmt = stmt.where(SavedSearch.id != except_id)
    return db.session.scalar(stmt) is not None


def save_search(actor: User, data: SavedSearchInput) -> SavedSearch:
    """Keep the actor's search of a public list under a name, with its alert frequency; commit."""
    if not permissions.can_save_search(actor):
        raise PermissionDenied(_("Log in to save searches."))
    if data.kind not in SAVED_SEARCH_KINDS:
        raise InvalidInput(_("Only searches of scenarios or vendors can be saved."))
    name = _check_name(data.name)
    frequency = _check_frequency(data.frequency)
    q = " ".join((data.q or "").split())
    if len(q) > MAX_SAVED_QUERY:
        raise InvalidInput(_("Use at most %(num)d characters.", num=MAX_SAVED_QUERY), field="q")
    if q:
        check_text(q, "q", MAX_SAVED_QUERY)
    for model, code, field in ((Industry, data.industry, "industry"), (Capability, data.capability, "capability")):
        if code and db.session.scalar(sa.select(model.id).where(model.code == code)) is None:
            raise InvalidInput(_("This filter is no longer in the list; search again and save."), field=field)
    if data.district and data.district not in DISTRICTS:
        raise InvalidInput(_("Choose a district from the list."), field="district")
    batch = (data.batch or "").strip() or None
    if batch and (data.kind != "scenario" or len(batch) > 100):
        raise InvalidInput(_("This filter is no longer in the list; search again and save."), field="batch")
    count = db.session.scalar(sa.select(sa.func.count(SavedSearch.id)).where(SavedSearch.user_id == actor.id)) or 0
    if count >= MAX_SAVED_SEARCHES:
        raise InvalidInput(
            _("You can keep up to %(num)d saved searches. Delete one you no longer need first.", num=MAX_SAVED_SEARCHES)
        )
    if _name_taken(actor, name):
        raise InvalidInput(_("You already have a saved search with this name."), field="name")
    search = SavedSearch(
        user_id=actor.id,
        kind=data.kind,
        name=name,
        q=q,
        industry=data.industry or None,
        capability=data.capability or None,
        district=data.district or None,
        batch=batch,
        frequency=frequency,
    )
    db.session.add(search)
    try:
        db.session.commit()
    except IntegrityError:  # the same name saved twice at once (a double click)
        db.session.rollback()
        raise InvalidInput(_("You already have a saved search with this name."), field="name") from None
    return search


def list_searches(actor: User) -> list[SavedSearchView]:
    """The actor's saved searches, scenario searches first, then by name, with their filters' names."""
    if not permissions.can_save_search(actor):
        raise PermissionDenied(_("Log in to save searches."))
    rows = db.session.scalars(
        sa.select(SavedSearch)
        .where(SavedSearch.user_id == actor.id)
        .order_by(SavedSearch.kind, SavedSearch.name, SavedSearch.id)
    ).all()
    industries = {
        n.code: n
        for n in db.session.scalars(
            sa.select(Industry).where(Industry.code.in_({r.industry for r in rows if r.industry}))
        )
    }
    capabilities = {
        n.code: n
        for n in db.session.scalars(
            sa.select(Capability).where(Capability.code.in_({r.capability for r in rows if r.capability}))
        )
    }
    return [SavedSearchView(r, industries.get(r.industry or ""), capabilities.get(r.capability or "")) for r in rows]


def get_own_search(actor: User, search_id: int) -> SavedSearch:
    """One of the actor's saved searches; NotFound for anyone else's, so ids cannot be probed."""
    search = db.session.get(SavedSearch, search_id)
    if search is None or not permissions.can_manage_saved_search(actor, search):
        raise NotFound(_("No such saved search."))
    return search


def update_search(actor: User, search_id: int, data: SavedSearchChange) -> SavedSearch:
    """Rename a saved search or change how often it alerts; commit."""
    search = get_own_search(actor, search_id)
    name = _check_name(data.name)
    frequency = _check_frequency(data.frequency)
    if _name_taken(actor, name, except_id=search.id):
        raise InvalidInput(_("You already have a saved search with this name."), field="name")
    search.name, search.frequency = name, frequency
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise InvalidInput(_("You already have a saved search with this name."), field="name") from None
    return search


def delete_search(actor: User, search_id: int) -> str:
    """Delete a saved search (its alert history goes with it); commit; return its name."""
    search = get_own_search(actor, search_id)
    name = search.name
    db.session.delete(search)
    db.session.commit()
    return name


def email_paused(actor: User) -> bool:
    """Whether the actor's email setting is "off", which pauses saved-search alerts too."""
    pref = db.session.get(NotificationPreference, actor.id)
    return pref is not None and pref.email_mode == "off"


# Finding new listings for a search --------------------------------------------------------------------


@dataclass(frozen=True)
class AlertItem:
    title: str
    link: str
    detail: str  # industry (scenarios) or capabilities (vendors), in the recipient's language


@dataclass(frozen=True)
class SearchAlert:
    search: SavedSearch
    items: list[AlertItem]  # at most ALERT_MAX_LISTED
    total: int
    results_link: str


_found_cache: contextvars.ContextVar[dict | None] = contextvars.ContextVar("keting_saved_search_found", default=None)


@contextmanager
def shared_results() -> Iterator[None]:
    """Within the block, searches with the same words and filters over the same listings run the list's search once.

    Many people save the same search ("轮胎", "视觉"); the digest and a batch of immediate alerts ask it once.
    """
    token = _found_cache.set({})
    try:
        yield
    finally:
        _found_cache.reset(token)


def _found(search: SavedSearch, ids: list[int]) -> set[int]:
    """The listings among ids the list page would show for this search (asked of the list's own search)."""
    from app.services import scenarios as scenario_service
    from app.services import vendors as vendor_service

    cache = _found_cache.get()
    key = (search.kind, search.q, search.industry, search.capability, search.district, search.batch, tuple(ids))
    if cache is not None and key in cache:
        return cache[key]
    query = search_query(search)
    if search.kind == "scenario":
        found = scenario_service.matching_scenario_ids(query, ids)
    else:
        found = vendor_service.matching_vendor_ids(query, ids)
    if cache is not None:
        cache[key] = found
    return found


def _matching(search: SavedSearch, ids: list[int]) -> list[int]:
    """The listings among ids that the search finds, minus those of the searcher's own organization and those
    it already alerted about, newest first."""
    found = _found(search, ids)
    model: type[Scenario] | type[VendorProfile]
    if search.kind == "scenario":
        hit_col, model, org_col = SavedSearchHit.scenario_id, Scenario, Scenario.owner_id
        order = (Scenario.published_at.desc(), Scenario.id.desc())
    else:
        hit_col, model, org_col = SavedSearchHit.vendor_id, VendorProfile, VendorProfile.organization_id
        order = (VendorProfile.published_at.desc(), VendorProfile.id.desc())
    if not found:
        return []
    done = set(db.session.scalars(sa.select(hit_col).where(SavedSearchHit.search_id == search.id, hit_col.in_(found))))
    own_org = search.user.organization_id
    stmt = sa.select(model.id).where(model.id.in_(found - done)).order_by(*order)
    if own_org is not None:
        stmt = stmt.where(org_col != own_org)
    return list(db.session.scalars(stmt))


def _record_hits(search: SavedSearch, ids: list[int], now: datetime) -> None:
    column = "scenario_id" if search.kind == "scenario" else "vendor_id"
    db.session.add_all(SavedSearchHit(search_id=search.id, created_at=now, **{column: i}) for i in ids)
    search.last_alerted_at = now


def _alert(search: SavedSearch, ids: list[int], english: bool) -> SearchAlert:
    """What an email says about one search's new listings (call inside force_locale)."""
    from app.services.notifications import absolute_url

    shown = ids[:ALERT_MAX_LISTED]
    items = []
    if search.kind == "scenario":
        rows = {
            s.id: s
            for s in db.session.scalars(
                sa.select(Scenario).where(Scenario.id.in_(shown)).options(so.joinedload(Scenario.industry))
            )
        }
        for i in shown:
            s = rows[i]
            industry = (s.industry.name_en if english else s.industry.name_zh) if s.industry else ""
            items.append(AlertItem(s.title, absolute_url("public.scenario_detail", scenario_id=s.id), industry))
        endpoint = "public.scenarios"
    else:
        profiles = {
            v.id: v
            for v in db.session.scalars(
                sa.select(VendorProfile)
                .where(VendorProfile.id.in_(shown))
                .options(so.joinedload(VendorProfile.organization), so.selectinload(VendorProfile.capabilities))
            )
        }
        for i in shown:
            v = profiles[i]
            caps = "、".join((c.name_en if english else c.name_zh) for c in v.capabilities[:3])
            items.append(
                AlertItem(
                    v.organization.display_name("en" if english else "zh"),
                    absolute_url("public.vendor_detail", vendor_id=v.id),
                    caps,
                )
            )
        endpoint = "public.vendors"
    return SearchAlert(search, items, len(ids), absolute_url(endpoint, **list_url_args(search)))


def _wants_email(user: User) -> bool:
    if not user.is_active:
        return False
    pref = db.session.get(NotificationPreference, user.id)
    return pref is None or pref.email_mode != "off"


def daily_alerts(user: User, since: datetime, until: datetime) -> list[SearchAlert]:
    """New listings for each of the user's daily searches, published in [since, until), for the digest.

    Records them as alerted (flush with the digest's transaction), so a second digest never repeats them.
    """
    searches = db.session.scalars(
        sa.select(SavedSearch)
        .where(SavedSearch.user_id == user.id, SavedSearch.frequency == "daily")
        .order_by(SavedSearch.kind, SavedSearch.name)
    ).all()
    alerts = []
    english = str(user.locale or "").startswith("en")
    for search in searches:
        start = max(since, _as_utc(search.created_at))
        model = Scenario if search.kind == "scenario" else VendorProfile
        ids = list(
            db.session.scalars(
                sa.select(model.id).where(
                    model.status == "published", model.published_at >= start, model.published_at < until
                )
            )
        )
        new = _matching(search, ids)
        if not new:
            continue
        alerts.append(_alert(search, new, english))
        _record_hits(search, new, until)
    return alerts


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


# Immediate alerts, as listings are published ----------------------------------------------------------


def _note_published(session: so.Session, flush_context) -> None:
    """After each flush: remember the listings that became published in it (until the transaction commits)."""
    for obj in list(session.new) + list(session.dirty):
        kind = "scenario" if isinstance(obj, Scenario) else "vendor" if isinstance(obj, VendorProfile) else None
        if kind is None or obj.status != "published":
            continue
        if obj not in session.new:
            history = sa.inspect(obj).attrs.status.history
            if not history.added or (history.deleted and history.deleted[0] == "published"):
                continue
        session.info.setdefault(_PUBLISHED, set()).add((kind, obj.id))


def _send_immediate_alerts(session: so.Session) -> None:
    """Before the commit: note the newly published listings for the match worker, which sends the alerts.

    Running every immediate search at publish time cost the request ~30 ms per distinct search; the worker
    that updates the new listing's matches sends them a moment later (app.services.matches.drain_pending).
    """
    if session.new or session.dirty or session.deleted:
        session.flush()  # commit flushes only after this hook: see what the last changes publish
    published = session.info.pop(_PUBLISHED, None)
    if not published:
        return
    from app.services import matches

    matches.queue_alerts(published)


def send_immediate_alerts(published: set[tuple[str, int]]) -> None:
    """One email per immediate search that finds any of these newly published (kind, id) listings; flush.

    An alert must never undo the publication it is about: a failure is logged, not raised.
    """
    if not published:
        return
    try:
        with db.session.begin_nested(), shared_results():
            _immediate_alerts(published)
    except Exception:
        log.exception("Could not prepare saved-search alerts")


def _immediate_alerts(published: set[tuple[str, int]]) -> None:
    from app.services.notifications import queue_mail

    now = datetime.now(UTC)
    for kind in SAVED_SEARCH_KINDS:
        ids = sorted(i for k, i in published if k == kind)
        if not ids:
            continue
        searches = db.session.scalars(
            sa.select(SavedSearch)
            .join(SavedSearch.user)
            .where(SavedSearch.kind == kind, SavedSearch.frequency == "immediate", User.is_active.is_(True))
            .order_by(SavedSearch.id)
            .options(so.contains_eager(SavedSearch.user))
        ).all()
        for search in searches:
            if not _wants_email(search.user):
                continue
            new = _matching(search, ids)
            if not new:
                continue
            english = str(search.user.locale or "").startswith("en")
            with force_locale(search.user.locale or "zh_Hans"):
                message = alert_email(search.user, _alert(search, new, english))
            _record_hits(search, new, now)
            queue_mail(message)


def alert_email(user: User, alert: SearchAlert) -> MailMessage:
    """The email about one saved search's new listings (call inside force_locale)."""
    from app.services.notifications import absolute_url

    if alert.search.kind == "scenario":
        subject = ngettext(
            "Keting: %(num)d new scenario for your saved search “%(name)s”",
            "Keting: %(num)d new scenarios for your saved search “%(name)s”",
            alert.total,
            name=alert.search.name,
        )
    else:
        subject = ngettext(
            "Keting: %(num)d new AI vendor for your saved search “%(name)s”",
            "Keting: %(num)d new AI vendors for your saved search “%(name)s”",
            alert.total,
            name=alert.search.name,
        )
    body = render_template(
        "searches/email/alert.txt", user=user, alert=alert, manage_link=absolute_url("searches.my_searches")
    )
    return MailMessage(subject=subject, recipients=[user.email], body=body)


_installed = False


def install() -> None:
    """Register the session listeners once per process (every session: views, the CLI, imports, tests)."""
    global _installed
    if _installed:
        return
    sa.event.listen(so.Session, "after_flush", _note_published)
    sa.event.listen(so.Session, "before_commit", _send_immediate_alerts)
    sa.event.listen(so.Session, "after_rollback", lambda session: session.info.pop(_PUBLISHED, None))
    _installed = True


install()
