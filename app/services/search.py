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
    """One side of the index as search reads it: the matcher's postings over its physical rows.

    Values are derived per posting at query time (TF-IDF prominence from the raw weight, the current idf and the
    row's norm; concept shares; evidence strength), so a change to the index costs search nothing but the norms.
    """

    ids: list[str]  # physical row → listing id
    alive: np.ndarray  # physical row still indexed
    terms: Any  # matching.index.Postings of raw term weights
    concepts: Any  # Postings of concept rows
    evidence: Any | None  # Postings of scenarios' own concept evidence
    norms: np.ndarray  # ‖tf ∘ idf‖ per physical row
    concept_scale: np.ndarray  # a scenario's row holds share × w_cap (or w_ind): back to shares; 1 for vendors


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


@dataclass
class _Lexical:
    """What search derives from the lexicon and the vocabulary: built once per matcher, extended as words arrive."""

    codes: dict[str, int]
    children: dict[str, list[str]]
    names: list[tuple[str, str]]
    zh_phrases: list[tuple[str, str]]
    phrases: set[str]
    cjk_terms: list[tuple[str, int]]
    n_terms: int = 0


_POSTINGS: weakref.WeakKeyDictionary[Any, tuple[tuple, _Postings]] = weakref.WeakKeyDictionary()
_LEXICAL: weakref.WeakKeyDictionary[Any, _Lexical] = weakref.WeakKeyDictionary()
_POSTINGS_LOCK = threading.Lock()


def _lexical(matcher: Any) -> _Lexical:
    lexicon = matcher.lexicon_
    lex = _LEXICAL.get(matcher)
    if lex is None:
        lex = _Lexical(
            codes=dict(lexicon.index),
            children={},
            names=[(c.code, n.lower()) for c in lexicon.concepts for n in (c.name_zh, c.name_en) if n],
            zh_phrases=[
                (c.code, normalize(p))
                for c in lexicon.concepts
                for p in (c.name_zh, *c.synonyms_zh)
                if p and _CJK.search(p)
            ],
            phrases=set(lexicon.zh_phrases),
            cjk_terms=[],
        )
        for c in lexicon.concepts:
            if c.parent:
                lex.children.setdefault(c.parent, []).append(c.code)
        _LEXICAL[matcher] = lex
    terms = matcher.terms_
    if lex.n_terms < len(terms):  # the vocabulary only grows: look at the new words only
        new = [(t, j) for j, t in enumerate(terms[lex.n_terms :], lex.n_terms) if _CJK.search(t)]
        lex.cjk_terms = lex.cjk_terms + [(t, j) for t, j in new if t not in lex.phrases]
        lex.n_terms = len(terms)
    return lex


def _postings(matcher: Any) -> _Postings:
    """Search's view of the index for its current state (rebuilt after a change, from the matcher's own postings)."""
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
        lex = _lexical(matcher)
    lexicon = matcher.lexicon_
    is_cap = np.array([k == "capability" for k in lexicon.kinds], dtype=bool)

    def side(name: str) -> _Side:
        terms = matcher.postings(name, "tf")
        if name == "scenario":
            scale = np.where(is_cap, 1.0 / max(matcher.w_cap_, 1e-9), 1.0 / max(matcher.w_ind_, 1e-9))
        else:
            scale = np.ones(len(is_cap))
        return _Side(
            ids=terms.ids,
            alive=terms.alive,
            terms=terms,
            concepts=matcher.postings(name, "concepts"),
            evidence=matcher.postings(name, "evidence") if name == "scenario" else None,
            norms=matcher.term_norms(name),
            concept_scale=scale,
        )

    postings = _Postings(
        vocabulary=matcher.vocabulary_,
        idf=matcher.idf(),
        cjk_terms=lex.cjk_terms,
        codes=lex.codes,
        children=lex.children,
        names=lex.names,
        zh_phrases=lex.zh_phrases,
        sides={"scenario": side("scenario"), "vendor": side("vendor")},
    )
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


def _column_sum(side: _Side, kind: str, columns, idf: np.ndarray | None = None) -> np.ndarray:
    """Σ credit × value of feature `column` over every physical row of a side, as a dense vector.

    kind "has": 1 where the row uses the word; "terms": its l2-normalised TF-IDF weight; "concepts": its share of
    the concept (0..1); "evidence": 1 − exp(−evidence) of what a scenario's own words say about the concept.
    """
    out = np.zeros(len(side.ids))
    postings: Any = side.concepts if kind == "concepts" else side.evidence if kind == "evidence" else side.terms
    base, tail = postings.base, postings.tail
    n_base = base.shape[1]
    for j, credit in columns:
        parts = []
        if j < base.shape[0]:
            a, b = base.indptr[j], base.indptr[j + 1]
            parts.append((base.indices[a:b], base.data[a:b]))
        if tail is not None and j < tail.shape[1]:
            a, b = tail.indptr[j], tail.indptr[j + 1]
            parts.append((tail.indices[a:b] + n_base, tail.data[a:b]))
        for rows, data in parts:
            if not len(rows):
                continue
            if kind == "has":
                values = np.ones(len(rows))
            elif kind == "terms":
                norms = side.norms[rows]
                values = np.divide(
                    data * (idf[j] if idf is not None else 1.0), norms, where=norms > 0, out=np.zeros(len(rows))
                )
            elif kind == "concepts":
                values = np.minimum(data * side.concept_scale[j], 1.0)
            else:
                values = 1.0 - np.exp(-data)
            np.add.at(out, rows, credit * values)
    return out


def rank(prepared: PreparedQuery, kind: str) -> list[tuple[int, float]]:
    """(listing id, score) of every listing of this kind that covers the query, best first (ties: newest id).

    score = CONCEPT_WEIGHT × how much the listing is about the query's concepts (its share of them, and for
    scenarios also how strongly its own words say so) + Σ over the query's words, weighted by rarity, of
    whether the listing covers the word plus half its TF-IDF weight there (a word in the title weighs more).
    """
    if prepared.empty or prepared.matcher is None:
        return []
    postings = _postings(prepared.matcher)
    side = postings.sides[kind]
    n = len(side.ids)
    if not n:
        return []
    coverage = np.zeros(n)
    words = np.zeros(n)
    total_idf = sum(u.idf for u in prepared.units) or 1.0
    for unit in prepared.units:
        present = np.minimum(_column_sum(side, "has", unit.columns), 1.0)
        named = np.minimum(_column_sum(side, "concepts", unit.concepts), 1.0) > 0
        covered = np.maximum(present, named.astype(float))
        if unit.required:
            coverage += covered > 0
        prominence = np.minimum(_column_sum(side, "terms", unit.columns, postings.idf), 1.0)
        words += unit.idf / total_idf * (covered + 0.5 * prominence)
    concept = np.zeros(n)
    weight = sum(w for _, w in prepared.concepts) or 1.0
    for j, evidence in prepared.concepts:
        concept += evidence / weight * _column_sum(side, "concepts", ((j, 1.0),))
        if side.evidence is not None:
            concept += evidence / weight * _column_sum(side, "evidence", ((j, 1.0),))
    if side.evidence is not None:
        concept /= 2.0
    units = sum(u.required for u in prepared.units)
    need = units if units <= 3 else math.ceil(0.75 * units)
    keep = (coverage >= need if units else concept > 0) & side.alive
    score = CONCEPT_WEIGHT * np.minimum(concept, 1.0) + words
    idx = np.flatnonzero(keep)
    if not len(idx):
        return []
    ids = np.array([int(side.ids[i]) for i in idx])
    scores = score[idx]  # once: indexing inside the loop below copied every hit's score for each hit kept
    order = np.lexsort((-ids, -np.round(scores, 9)))[:MAX_HITS]
    return [(int(ids[o]), float(scores[o])) for o in order]


_TITLE_WORDS: weakref.WeakKeyDictionary[Any, dict[str, frozenset[str]]] = weakref.WeakKeyDictionary()
_TITLE_WORDS_MAX = 50_000  # titles kept per lexicon (a few MB); the oldest go first
_title_lock = threading.Lock()


def _title_words(lexicon: Any, title: str) -> frozenset[str]:
    """The words of a title as the lexicon reads them, kept per lexicon: a search that hits hundreds of
    restricted scenarios segments each title once per process, not once per search."""
    with _title_lock:
        cache = _TITLE_WORDS.setdefault(lexicon, {})
        words = cache.get(title)
    if words is None:
        words = frozenset(analyse(title, lexicon).terms)
        with _title_lock:
            if len(cache) >= _TITLE_WORDS_MAX:
                del cache[next(iter(cache))]
            cache[title] = words
    return words


def title_covers(prepared: PreparedQuery, title: str, industry_code: str | None) -> bool:
    """Whether a title and an industry alone cover the query (for scenarios whose details are restricted)."""
    if prepared.empty or prepared.matcher is None:
        return False
    postings = _postings(prepared.matcher)
    words = _title_words(prepared.matcher.lexicon_, title)
    industry = set(_concept_columns({industry_code: 1.0}, postings)) if industry_code else set()
    covered = 0
    for unit in prepared.units:
        in_title = unit.word in words or bool(_CJK.search(unit.word) and any(unit.word in w for w in words))
        covered += unit.required and (in_title or any(c in industry for c, _ in unit.concepts))
    units = sum(u.required for u in prepared.units)
    need = units if units <= 3 else math.ceil(0.75 * units)
    return covered >= need if units else bool(industry & {c for c, _ in prepared.concepts})
