"""Teaching the matcher: published scenarios it barely understands, and cue words an admin can accept.

A scenario is "barely understood" when its own words give the matcher little capability evidence (the
confidence of the matcher's reading, from the resident index's concept evidence). Cue words are mined from
the catalogue and from vendor feedback: a word is a cue for a capability when the listings that carry the
capability use it much more than the others (at least MIN_SUPPORT of them do, and at least MIN_PRECISION of
all listings using it carry the capability), and no taxonomy phrase holds it yet. A vendor's positive
feedback on a scenario (interest, an accepted request) counts the scenario's words for the vendor's
capabilities; a negative one counts them against.

Accepting a cue adds the word to the capability's synonyms through taxonomy_admin.update_node, so it is
audited and the matcher (and with it, search) is rebuilt.
"""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _

from app import matcher_store, permissions
from app.extensions import db
from app.models import Capability, MatchSignal, Scenario, scenario_capability, vendor_capability
from app.services import taxonomy_admin
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.search import analyse_query

LOW_CONFIDENCE = 0.5  # below this the matcher's reading of a scenario's own words is unsure
MIN_SUPPORT = 3  # listings of the capability (or positive feedback pairs) that use the word
MIN_PRECISION = 0.7  # share of the listings using the word that carry the capability
MAX_SHARE = 0.05  # a word more than this share of all listings use is common wording, not a cue
MAX_CUES_PER_SCENARIO = 4
POSITIVE = ("interest", "accepted")
_WORD = re.compile(r"^(?:[\u3400-\u9fff]{2,12}|[a-z][a-z-]{3,30})$")


@dataclass(frozen=True)
class Cue:
    word: str  # as people write it (the surface form of an English stem)
    capability: Capability
    support: int  # listings and feedback pairs of the capability that use it
    precision: float  # share of all its uses that are in the capability's listings


@dataclass(frozen=True)
class PoorlyUnderstood:
    scenario: Scenario
    confidence: float
    cues: tuple[Cue, ...]


def _require(actor) -> None:
    if not permissions.can_edit_taxonomy(actor):
        raise PermissionDenied(_("Only admins edit the taxonomy."))


def _confidences(matcher) -> dict[int, float]:
    """Scenario id -> confidence of the matcher's reading of its own words (capability evidence only)."""
    ev = sp.csr_matrix(matcher.S_evidence_)
    lexicon = matcher.lexicon_
    is_cap = np.array([k == "capability" for k in lexicon.kinds], dtype=float)
    total = np.asarray(ev @ is_cap).ravel() if ev.shape[1] else np.zeros(ev.shape[0])
    return {int(sid): float(1.0 - math.exp(-t)) for sid, t in zip(matcher.scenario_ids_, total, strict=False)}


_LOW: weakref.WeakKeyDictionary[object, tuple[tuple, list[tuple[float, int]]]] = weakref.WeakKeyDictionary()


def _low_confidence(matcher) -> list[tuple[float, int]]:
    """(confidence, scenario id) below LOW_CONFIDENCE, least understood first; kept per state of the index, since
    reading every scenario's evidence takes tens of milliseconds on a national catalogue."""
    key = (matcher.n_fitted_, matcher.n_changes_, len(matcher.scenario_ids_))
    cached = _LOW.get(matcher)
    if cached is not None and cached[0] == key:
        return cached[1]
    low = sorted((c, sid) for sid, c in _confidences(matcher).items() if c < LOW_CONFIDENCE)
    _LOW[matcher] = (key, low)
    return low


_CACHE: weakref.WeakKeyDictionary[object, tuple[tuple, dict[str, list[tuple[str, int, int, float]]]]] = (
    weakref.WeakKeyDictionary()
)


def mine_cues(matcher=None) -> dict[str, list[Cue]]:
    """Word -> the capabilities it is a strong cue for (best first), from the catalogue and the feedback.

    Mined once per state of the index, of the capability links and of the feedback (a few hundred ms on the
    demo catalogue), then kept.
    """
    matcher = matcher or matcher_store.current().matcher
    caps = {c.id: c for c in db.session.scalars(sa.select(Capability))}
    key = (
        matcher.n_fitted_,
        matcher.n_changes_,
        len(matcher.terms_),
        db.session.scalar(sa.select(sa.func.count()).select_from(scenario_capability)),
        db.session.scalar(sa.select(sa.func.count()).select_from(vendor_capability)),
        db.session.scalar(sa.select(sa.func.max(MatchSignal.id))),
    )
    cached = _CACHE.get(matcher)
    if cached is not None and cached[0] == key:
        return {t: [Cue(w, caps[cid], n, p) for w, cid, n, p in cues if cid in caps] for t, cues in cached[1].items()}
    out = _mine(matcher, caps)
    _CACHE[matcher] = (
        key,
        {t: [(c.word, c.capability.id, c.support, c.precision) for c in cues] for t, cues in out.items()},
    )
    return out


def _mine(matcher, caps: dict[int, Capability]) -> dict[str, list[Cue]]:
    if not caps or not matcher.terms_:
        return {}
    cap_cols = {cid: n for n, cid in enumerate(caps)}
    n_terms = len(matcher.terms_)

    def binary(tf) -> sp.csr_matrix:
        m = sp.csr_matrix((np.ones_like(tf.data), tf.indices, tf.indptr), shape=(tf.shape[0], n_terms))
        m.sum_duplicates()
        m.data = np.ones_like(m.data)
        return m

    s_has, v_has = binary(matcher.S_tf_), binary(matcher.V_tf_)
    s_pos = {int(x): i for i, x in enumerate(matcher.scenario_ids_)}
    v_pos = {int(x): i for i, x in enumerate(matcher.vendor_ids_)}

    def labels(pairs, pos, n) -> sp.csr_matrix:
        rows, cols = [], []
        for owner, cid in pairs:
            if owner in pos and cid in cap_cols:
                rows.append(pos[owner])
                cols.append(cap_cols[cid])
        return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(caps)))

    s_lab = labels(
        db.session.execute(sa.select(scenario_capability.c.scenario_id, scenario_capability.c.capability_id)),
        s_pos,
        len(s_pos),
    )
    v_lab = labels(
        db.session.execute(sa.select(vendor_capability.c.vendor_id, vendor_capability.c.capability_id)),
        v_pos,
        len(v_pos),
    )
    with_cap = np.asarray((s_lab.T @ s_has + v_lab.T @ v_has).todense())  # capabilities × terms
    uses = np.asarray(s_has.sum(axis=0) + v_has.sum(axis=0)).ravel()  # listings using each term
    # Feedback: the scenario's words count for (or against) the capabilities of the vendor that answered.
    signals = db.session.execute(sa.select(MatchSignal.scenario_id, MatchSignal.vendor_id, MatchSignal.kind)).all()
    if signals:
        vendor_caps: dict[int, list[int]] = {}
        for vid, cid in db.session.execute(sa.select(vendor_capability.c.vendor_id, vendor_capability.c.capability_id)):
            vendor_caps.setdefault(vid, []).append(cid)
        for sid, vid, kind in signals:
            if sid not in s_pos:
                continue
            row = s_has[s_pos[sid]].indices
            uses[row] += 1
            if kind in POSITIVE:
                for cid in vendor_caps.get(vid, ()):
                    if cid in cap_cols:
                        with_cap[cap_cols[cid], row] += 1
    lexicon_phrases = set(matcher.lexicon_.zh_phrases)
    surface = matcher.term_surface_
    out: dict[str, list[Cue]] = {}
    cap_list = list(caps.values())
    common = max(MIN_SUPPORT * 3, MAX_SHARE * (s_has.shape[0] + v_has.shape[0]))
    rows, cols = np.nonzero(with_cap >= MIN_SUPPORT)
    for r, j in zip(rows, cols, strict=False):
        support = int(with_cap[r, j])
        precision = support / max(float(uses[j]), 1.0)
        if precision < MIN_PRECISION or uses[j] > common:
            continue
        term = matcher.terms_[j]
        word = surface.get(term, term)
        if not _WORD.match(word) or term in lexicon_phrases or analyse_query(word, matcher).concepts:
            continue  # a number, a fragment, or a word the taxonomy already holds
        out.setdefault(term, []).append(Cue(word, cap_list[r], support, round(min(precision, 1.0), 2)))
    for cues in out.values():
        cues.sort(key=lambda c: (-c.precision, -c.support, c.capability.position))
    return out


def poorly_understood(actor, limit: int | None = None) -> tuple[list[PoorlyUnderstood], int]:
    """Published scenarios the matcher barely understands, least understood first, with cue words; and how many."""
    _require(actor)
    return barely_understood(limit)


def barely_understood(limit: int | None = None) -> tuple[list[PoorlyUnderstood], int]:
    """poorly_understood without the permission check, for the dashboard's stored figures (computed by a job)."""
    matcher = matcher_store.current().matcher
    low = _low_confidence(matcher)
    total = len(low)
    chosen = low if limit is None else low[:limit]
    if not chosen:
        return [], total
    cues = mine_cues(matcher)
    rows = {
        s.id: s
        for s in db.session.scalars(
            sa.select(Scenario)
            .where(Scenario.id.in_([sid for _, sid in chosen]), Scenario.status == "published")
            .options(so.selectinload(Scenario.capabilities))
        )
    }
    s_pos = {int(x): i for i, x in enumerate(matcher.scenario_ids_)}
    tf = matcher.S_tf_
    out = []
    for conf, sid in chosen:
        if sid not in rows:
            continue
        row = tf[s_pos[sid]]
        # The capabilities the poster chose say what the scenario is about: cues for those first.
        declared = {c.id for c in rows[sid].capabilities}
        candidates: list[Cue] = []
        for j in row.indices:
            if j >= len(matcher.terms_):
                continue
            for cue in cues.get(matcher.terms_[j], ()):
                if not declared or cue.capability.id in declared:
                    candidates.append(cue)
                    break
        candidates.sort(key=lambda c: (-c.precision * math.log1p(c.support), c.word))
        found = candidates[:MAX_CUES_PER_SCENARIO]
        out.append(PoorlyUnderstood(rows[sid], round(conf, 2), tuple(found)))
    return out, total


def accept_cue(actor, capability_code: str, word: str):
    """Add a cue word to a capability's synonyms (audited; the matcher and search are rebuilt). Commits."""
    _require(actor)
    node = db.session.scalar(sa.select(Capability).where(Capability.code == (capability_code or "")[:64]))
    if node is None:
        raise NotFound(_("No such taxonomy entry."))
    word = (word or "").strip()
    if not _WORD.match(word.lower()):
        raise InvalidInput(_("This word cannot be taught."), field="word")
    zh = bool(re.match(r"[\u3400-\u9fff]", word))
    field = "synonyms_zh" if zh else "synonyms_en"
    words = list(getattr(node, field) or [])
    if word.lower() not in {w.lower() for w in words}:
        words.append(word)
    data = taxonomy_admin.TaxonomyNodeInput(
        name_zh=node.name_zh,
        name_en=node.name_en,
        parent=node.parent.code if node.parent is not None else None,
        synonyms_zh=tuple(words if zh else node.synonyms_zh or ()),
        synonyms_en=tuple(node.synonyms_en or () if zh else words),
        weak_zh=tuple(node.weak_zh or ()),
        weak_en=tuple(node.weak_en or ()),
    )
    return taxonomy_admin.update_node(actor, "capability", node.id, data)
