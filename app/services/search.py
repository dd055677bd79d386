"""Search over published listings, answered from the matcher's resident index.

The query is read the way the matcher reads a listing (`analyse_query`): Chinese is segmented, English
stemmed, traditional characters folded to simplified, and the taxonomy's synonyms in both languages turn
words into concepts (capabilities and industries). So 质量检测, "quality inspection", "defect detection" and
預測性維護 reach the listings of the capability they name, in either language.

Listings come from the index the matcher keeps of every published listing (app/matcher_store.py): its
concept rows (declared codes mixed with what the text says) and its word counts. A query touches only the
postings of its own words and concepts — no `LIKE '%w%'` scan and no count over a scan; the total is the
exact number of hits left after the filters.

Every word of a short query must be "covered" by a listing: present in its text, or naming a concept the
listing has (a group also covers its entries). Longer queries need most of their words. Hits are ranked by
how strongly the listing has the query's concepts and how prominent the query's words are in it.

Scenarios whose details only verified vendors may read are searched by their title and industry only, so
a search cannot reveal their description, their capabilities or who posted them.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from matching import Analysis, analyse
from matching.text import normalize

_CJK_RUN = re.compile(r"[\u3400-\u9fff]{5,}")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_PHRASE = re.compile(r"[\u3400-\u9fff]{3,12}")
_STOP = {
    "的",
    "了",
    "和",
    "与",
    "及",
    "在",
    "是",
    "我们",
    "需要",
    "希望",
    "the",
    "and",
    "for",
    "of",
    "a",
    "an",
    "to",
    "in",
}
MAX_TERMS = 8
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12  # words of one query that count (a pasted paragraph is cut here)
MAX_HITS = 10_000  # hits kept per query, best first; more are not useful to page through
CONCEPT_WEIGHT = 2.0  # a concept the listing really has outweighs a word it merely mentions
EXPANSION_CREDIT = 0.6  # a Chinese word found only inside a longer word of the listing (视觉 in 机器视觉)
NAME_PART_CREDIT = 0.5  # a word that is only part of a concept's name (缺陷 in 机器视觉缺陷检测)
CHILD_CREDIT = 0.8  # a query naming a group (计算机视觉) reaches listings of its entries at this share


def search_terms(q: str, max_chars: int = 100) -> tuple[str, ...]:
    """Split a search string into at most MAX_TERMS words (for saving and showing a search, not ranking)."""
    q = unicodedata.normalize("NFKC", q or "")[:max_chars].strip().lower()
    terms: list[str] = []
    for chunk in q.split():
        if _CJK_RUN.fullmatch(chunk):
            import rjieba  # imported on first use: most requests never search in long Chinese runs

            terms.extend(w for w in rjieba.cut(chunk) if len(w) > 1)
        else:
            terms.append(chunk)
    seen: list[str] = []
    for term in terms:
        if term not in _STOP and term not in seen:
            seen.append(term)
    return tuple(seen[:MAX_TERMS])


# The matcher's reading of a text ----------------------------------------------------------------------


def analyse_query(text: str, matcher: Any = None) -> Analysis:
    """Read a text with the resident matcher's lexicon, exactly as the matcher reads a listing (matching.analyse)."""
    matcher = matcher if matcher is not None else resident_matcher()
    return analyse(text or "", matcher.lexicon_)


# Postings derived from the resident index ------------------------------------------------------------


@dataclass
class _Side:
    ids: list[str]
    terms_t: sp.csr_matrix  # term × listing, l2-normalised TF-IDF
    has_term_t: sp.csr_matrix  # term × listing, 1 where the listing uses the word
    concepts_t: sp.csr_matrix  # concept × listing, share 0..1 of the listing's need (scenarios) or strength (vendors)
    evidence_t: sp.csr_matrix | None  # concept × scenario, 1 − exp(−evidence) of what its own words say


@dataclass
class _Postings:
    vocabulary: dict[str, int]
    idf: np.ndarray
    cjk_terms: list[tuple[str, int]]  # Chinese words of the index that are not taxonomy phrases, for expansion
    codes: dict[str, int]
    children: dict[str, list[str]]
    names: list[tuple[str, str]]  # (code, a concept's display name in lower case), for words inside a name
    zh_phrases: list[tuple[str, str]]  # (code, a Chinese name or synonym), for a phrase typed inside a longer one
    sides: dict[str, _Side]


_POSTINGS: weakref.WeakKeyDictionary[Any, tuple[tuple, _Postings]] = weakref.WeakKeyDictionary()
_POSTINGS_LOCK = threading.Lock()


def _l2_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def _postings(matcher: Any) -> _Postings:
    """Inverted postings for search, derived once per state of the index (dropped when it changes)."""
    key = (
        matcher.n_fitted_,
        matcher.n_changes_,
        len(matcher.scenario_ids_),
        len(matcher.vendor_ids_),
        len(matcher.terms_),
    )
    with _POSTINGS_LOCK:
        cached = _POSTINGS.get(matcher)
        if cached is not None and cached[0] == key:
            return cached[1]
    n_terms = len(matcher.terms_)
    n_docs = len(matcher.scenario_ids_) + len(matcher.vendor_ids_)
    idf = np.log((1.0 + n_docs) / (1.0 + np.asarray(matcher.df_, dtype=np.float64))) + 1.0
    lexicon = matcher.lexicon_
    n_c = len(lexicon.concepts)
    is_cap = np.array([k == "capability" for k in lexicon.kinds], dtype=bool)

    def side(ids, tf, concepts, evidence, scenario: bool) -> _Side:
        tf = sp.csr_matrix((tf.data, tf.indices, tf.indptr), shape=(tf.shape[0], n_terms))
        weighted = _l2_rows(sp.csr_matrix(tf @ sp.diags(idf))) if n_terms else tf
        has = tf.copy()
        has.data = np.ones_like(has.data)
        conc = sp.csr_matrix(concepts)[:, :n_c]
        if scenario:
            # A scenario's row is a weighted mix (capability share × w_cap, industry share × w_ind): back to shares.
            scale = np.where(is_cap, 1.0 / max(matcher.w_cap_, 1e-9), 1.0 / max(matcher.w_ind_, 1e-9))
            conc = sp.csr_matrix(conc @ sp.diags(scale))
        conc.data = np.minimum(conc.data, 1.0)
        strength = None
        if evidence is not None:
            strength = sp.csr_matrix(evidence, dtype=np.float64)
            strength.data = 1.0 - np.exp(-strength.data)
            strength = strength.T.tocsr()
        return _Side(list(ids), weighted.T.tocsr(), has.T.tocsr(), conc.T.tocsr(), strength)

    zh_phrases = set(lexicon.zh_phrases)
    postings = _Postings(
        vocabulary=dict(matcher.vocabulary_),
        idf=idf,
        cjk_terms=[(t, j) for j, t in enumerate(matcher.terms_) if _CJK.search(t) and t not in zh_phrases],
        codes=dict(lexicon.index),
        children={},
        names=[(c.code, n.lower()) for c in lexicon.concepts for n in (c.name_zh, c.name_en) if n],
        zh_phrases=[
            (c.code, normalize(p))
            for c in lexicon.concepts
            for p in (c.name_zh, *c.synonyms_zh)
            if p and _CJK.search(p)
        ],
        sides={
            "scenario": side(matcher.scenario_ids_, matcher.S_tf_, matcher.S_concepts_, matcher.S_evidence_, True),
            "vendor": side(matcher.vendor_ids_, matcher.V_tf_, matcher.V_concepts_, None, False),
        },
    )
    for c in lexicon.concepts:
        if c.parent:
            postings.children.setdefault(c.parent, []).append(c.code)
    with _POSTINGS_LOCK:
        _POSTINGS[matcher] = (key, postings)
    return postings


# Ranking ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """One word of the query: the index columns that hold it, and the concepts it names on its own."""

    word: str
    columns: tuple[tuple[int, float], ...]  # (term column, credit)
    idf: float
    concepts: tuple[tuple[int, float], ...]  # (concept column, credit)
    required: bool = True


@dataclass(frozen=True)
class PreparedQuery:
    """A query read once, ready to be scored against either side of the index."""

    units: tuple[_Unit, ...]
    concepts: tuple[tuple[int, float], ...]  # (concept column, evidence) over the whole query
    matcher: Any = None

    @property
    def empty(self) -> bool:
        return not self.units and not self.concepts


def _concept_columns(codes: dict[str, float], postings: _Postings) -> dict[int, float]:
    """Concept columns with credit: each code, and a group's entries at CHILD_CREDIT."""
    out: dict[int, float] = {}
    for code, weight in codes.items():
        j = postings.codes.get(code)
        if j is None:
            continue
        out[j] = max(out.get(j, 0.0), weight)
        for child in postings.children.get(code, ()):
            k = postings.codes[child]
            out[k] = max(out.get(k, 0.0), weight * CHILD_CREDIT)
    return out


def resident_matcher():
    """The process's fitted matcher, checked against the state row only (one indexed read of one row).

    matcher_store.current() also rebuilds the lexicon from the taxonomy rows to compare fingerprints, which
    costs ~20 ms a call; a search need not: every taxonomy edit refits and stamps the row (new key), so a copy
    whose (key, generation, taxonomy fingerprint) equal the row's is current.
    """
    import sqlalchemy as sa

    from app import matcher_store
    from app.extensions import db
    from app.models import MatcherState

    store = matcher_store.resident()
    snap = store.snapshot
    if snap is not None:
        row = db.session.execute(
            sa.select(MatcherState.index_key, MatcherState.generation, MatcherState.taxonomy_fingerprint).where(
                MatcherState.id == matcher_store.STATE_ID
            )
        ).first()
        if row is not None and (row.index_key, row.generation, row.taxonomy_fingerprint) == (
            snap.key,
            snap.generation,
            snap.taxonomy,
        ):
            return snap.matcher
    return matcher_store.current().matcher


def prepare(q: str) -> PreparedQuery:
    """Read a query with the matcher and look its words and concepts up in the index."""
    matcher = resident_matcher()
    analysis = analyse_query(q, matcher)
    postings = _postings(matcher)
    units = []
    query_concepts = dict(analysis.concepts)
    # A Chinese phrase the lexicon does not hold but that sits inside one of its phrases (质量检测 inside
    # 表面质量检测) names that phrase's concept, at partial credit; a short word (轮胎 in 轮胎吊) does not.
    for run in _CJK_PHRASE.findall(normalize(q or "")[:MAX_QUERY_CHARS]):
        if not analyse_query(run, matcher).concepts:
            for code, phrase in postings.zh_phrases:
                if run in phrase:
                    query_concepts[code] = max(query_concepts.get(code, 0.0), NAME_PART_CREDIT)
    word_concepts = {word: analyse_query(word, matcher).concepts for word in analysis.terms[:MAX_QUERY_TERMS]}
    # Concepts the query names more strongly than any of its words alone come from a phrase of several
    # words ("quality inspection"): every word may be part of it.
    phrase_concepts = {
        code: e
        for code, e in query_concepts.items()
        if e > max((own.get(code, 0.0) for own in word_concepts.values()), default=0.0) + 0.05
    }
    # When some words name concepts, the words that name none ("production" in "production scheduling") only
    # rank the hits; otherwise every word must be found.
    naming = any(word_concepts.values())
    for word in analysis.terms[:MAX_QUERY_TERMS]:
        columns: dict[int, float] = {}
        j = postings.vocabulary.get(word)
        if j is not None:
            columns[j] = 1.0
        if _CJK.search(word) and len(word) >= 2:
            for term, k in postings.cjk_terms:
                if word in term and k not in columns:
                    columns[k] = EXPANSION_CREDIT
        # A word is covered by the concepts it names on its own and by those of the phrases of the query it may
        # be part of ("quality" in "quality inspection"); a word naming nothing but inside a concept's display
        # name (缺陷 in 机器视觉缺陷检测) names it, though not a word inside a synonym (轮胎 in 轮胎吊, a crane).
        own = {**phrase_concepts, **word_concepts[word]}
        if not own and len(word) >= (2 if _CJK.search(word) else 4):
            own = {code: NAME_PART_CREDIT for code, name in postings.names if word in name}
        idf = float(postings.idf[j]) if j is not None else float(postings.idf.max(initial=1.0))
        units.append(
            _Unit(
                word,
                tuple(columns.items()),
                idf,
                tuple(_concept_columns(own, postings).items()),
                required=bool(word_concepts[word]) or not naming,
            )
        )
    concepts = _concept_columns(query_concepts, postings)
    return PreparedQuery(tuple(units), tuple(concepts.items()), matcher)


def _column_sum(t: sp.csr_matrix, columns, n: int) -> np.ndarray:
    """Σ credit × row `column` of a feature × listing matrix, as a dense vector over listings."""
    out = np.zeros(n)
    for j, credit in columns:
        start, end = t.indptr[j], t.indptr[j + 1]
        if end > start:
            np.add.at(out, t.indices[start:end], credit * t.data[start:end])
    return out


def rank(prepared: PreparedQuery, kind: str) -> list[tuple[int, float]]:
    """(listing id, score) of every listing of this kind that covers the query, best first (ties: newest id).

    score = CONCEPT_WEIGHT × how much the listing is about the query's concepts (its share of them, and for
    scenarios also how strongly its own words say so) + Σ over the query's words, weighted by rarity, of
    whether the listing covers the word plus half its TF-IDF weight there (a word in the title weighs more).
    """
    if prepared.empty or prepared.matcher is None:
        return []
    side = _postings(prepared.matcher).sides[kind]
    n = len(side.ids)
    if not n:
        return []
    coverage = np.zeros(n)
    words = np.zeros(n)
    total_idf = sum(u.idf for u in prepared.units) or 1.0
    for unit in prepared.units:
        present = np.minimum(_column_sum(side.has_term_t, unit.columns, n), 1.0)
        named = np.minimum(_column_sum(side.concepts_t, unit.concepts, n), 1.0) > 0
        covered = np.maximum(present, named.astype(float))
        if unit.required:
            coverage += covered > 0
        prominence = np.minimum(_column_sum(side.terms_t, unit.columns, n), 1.0)
        words += unit.idf / total_idf * (covered + 0.5 * prominence)
    concept = np.zeros(n)
    weight = sum(w for _, w in prepared.concepts) or 1.0
    for j, evidence in prepared.concepts:
        concept += evidence / weight * _column_sum(side.concepts_t, ((j, 1.0),), n)
        if side.evidence_t is not None:
            concept += evidence / weight * _column_sum(side.evidence_t, ((j, 1.0),), n)
    if side.evidence_t is not None:
        concept /= 2.0
    units = sum(u.required for u in prepared.units)
    need = units if units <= 3 else math.ceil(0.75 * units)
    keep = coverage >= need if units else concept > 0
    score = CONCEPT_WEIGHT * np.minimum(concept, 1.0) + words
    idx = np.flatnonzero(keep)
    if not len(idx):
        return []
    ids = np.array([int(side.ids[i]) for i in idx])
    scores = score[idx]  # once: indexing inside the loop below copied every hit's score for each hit kept
    order = np.lexsort((-ids, -np.round(scores, 9)))[:MAX_HITS]
    return [(int(ids[o]), float(scores[o])) for o in order]


def title_covers(prepared: PreparedQuery, title: str, industry_code: str | None) -> bool:
    """Whether a title and an industry alone cover the query (for scenarios whose details are restricted)."""
    if prepared.empty or prepared.matcher is None:
        return False
    postings = _postings(prepared.matcher)
    words = set(analyse_query(title, prepared.matcher).terms)
    industry = set(_concept_columns({industry_code: 1.0}, postings)) if industry_code else set()
    covered = 0
    for unit in prepared.units:
        in_title = unit.word in words or bool(_CJK.search(unit.word) and any(unit.word in w for w in words))
        covered += unit.required and (in_title or any(c in industry for c, _ in unit.concepts))
    units = sum(u.required for u in prepared.units)
    need = units if units <= 3 else math.ceil(0.75 * units)
    return covered >= need if units else bool(industry & {c for c, _ in prepared.concepts})


def page_of_hits(hits: list[int], page: int, per_page: int) -> tuple[list[int], int]:
    """The ids of one page of a ranked list, with the page clamped to the last one that exists."""
    total = len(hits)
    page = min(page, max(1, -(-total // per_page)))
    return hits[(page - 1) * per_page : page * per_page], page
