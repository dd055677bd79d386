"""The fitted index: listings turned into concept and TF-IDF features; fit, add/update/remove, save/load.

Feature layout (columns), shared by both sides of every product:

    [0, n_concepts)        one column per taxonomy concept (capabilities and industries)
    n_concepts             the "industry-agnostic" column (GEN)
    n_concepts + 1 + j     term j of the vocabulary (Chinese words, English stems)

A scenario's query row Q holds weight distributions: capability_weight × its capability mix
(sums to 1), industry_weight × its industry mix (sums to 1), industry_weight × generalist_credit
in GEN (only if it names an industry), and term_weight × its L2-normalised TF-IDF vector.
A vendor's row V holds what it offers: capability strengths in 0..1 (1 for its main one),
1 for each industry it serves, 1 in GEN if it names no industry at all, and its L2-normalised
TF-IDF vector. So score = Q·V lies in 0..1 (weights are normalised to sum to 1): the share of the
scenario's capability need the vendor covers, plus industry fit, plus word overlap.

Incremental updates keep raw (un-idf'd) term rows and document frequencies; idf and the
normalised matrices are rebuilt lazily from those in O(nnz) without re-tokenising, so an
incremental index scores exactly like a refit on the same listings. Refit (re-tokenise) only when
the lexicon or the parameters change; `needs_refit_` flags a large drift (more than
refit_fraction of the listings changed) as a reminder to refit at a quiet moment, which also
drops vocabulary that no remaining listing uses.
"""

from __future__ import annotations

import dataclasses
import json
import math
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar, cast

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from . import _weights
from .lexicon import Lexicon
from .text import _EN_TOKEN, EN_STOPWORDS, Tokenizer, normalize, stem
from .types import ScenarioDoc, VendorDoc

__all__ = ["DELTA_FORMAT", "INDEX_FORMAT", "INDEX_VERSION", "MatchIndex", "Postings"]

INDEX_FORMAT = "keting-matching-index"
DELTA_FORMAT = "keting-matching-delta"
INDEX_VERSION = 2

GEN_LABEL = {"zh": "跨行业通用", "en": "industry-agnostic"}

_DTYPE = np.float64


_STEMS: dict[str, str] = {}
_PRUNE_MIN_VENDORS = 20
_WORKER: MatchIndex | None = None


def _analyze_chunk(docs: list) -> list:
    """Analyse listings in a forked worker (module level so that the pool can call it)."""
    if _WORKER is None:  # set by the pool initializer; a real check, not an assert, so `python -O` keeps it
        raise RuntimeError("tokeniser worker used before its initializer ran")
    return [_WORKER._analyze(d) for d in docs]


def _stem_new(word: str) -> str:
    st = stem(word)
    if len(_STEMS) < 500_000:  # bounded: a flood of junk words cannot grow it forever
        _STEMS[word] = st
    return st


def _sublinear(x: float) -> float:
    return 1.0 + math.log(x) if x > 1.0 else x


def _csr(rows: list[dict[int, float]], n_cols: int) -> sp.csr_matrix:
    """Build a CSR matrix from {column: value} rows (C-level loops; indices sorted afterwards)."""
    from itertools import chain

    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    nnz = int(indptr[-1])
    indices = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=nnz)
    data = np.fromiter(chain.from_iterable(r.values() for r in rows), dtype=_DTYPE, count=nnz)
    m = sp.csr_matrix((data, indices, indptr), shape=(len(rows), n_cols))
    m.sort_indices()
    return m


def l2_normalize(m: sp.csr_matrix, norm: str = "l2", copy: bool = True) -> sp.csr_matrix:
    """Scale each row to unit L2 norm (zero rows stay zero; empty matrices are fine)."""
    m = sp.csr_matrix(m, dtype=_DTYPE, copy=copy)
    if m.shape[0] == 0 or m.nnz == 0:
        return m
    lengths = np.diff(m.indptr)
    # Sum per row by row number: add.reduceat fails when the last rows are empty (their start equals nnz).
    sq = np.bincount(np.repeat(np.arange(m.shape[0]), lengths), weights=m.data * m.data, minlength=m.shape[0])
    with np.errstate(divide="ignore"):
        inv = np.where(sq > 0, 1.0 / np.sqrt(sq), 0.0)
    m.data *= np.repeat(inv, lengths)
    return m


def _squared(m: sp.csr_matrix) -> sp.csr_matrix:
    out = sp.csr_matrix((m.data * m.data, m.indices, m.indptr), shape=m.shape)
    return out


def _row_norms(m: sp.csr_matrix) -> np.ndarray:
    return np.sqrt(np.asarray(_squared(sp.csr_matrix(m, dtype=_DTYPE)).sum(axis=1)).ravel())


def _ranks_of(ids: Sequence[str]) -> np.ndarray:
    """Each id's place in ascending order (ties between equal scores are broken by it)."""
    order = np.argsort(np.array(ids, dtype=object), kind="stable") if len(ids) else np.zeros(0, dtype=np.int64)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    return rank


def _chosen_codes(doc: Any) -> frozenset[str]:
    return frozenset(doc.capability_codes) | frozenset(doc.industry_codes)


def _resize(m: sp.csr_matrix, n_cols: int) -> sp.csr_matrix:
    if m.shape[1] == n_cols:
        return m
    return sp.csr_matrix((m.data, m.indices, m.indptr), shape=(m.shape[0], n_cols))


@dataclasses.dataclass(frozen=True)
class Postings:
    """One side's postings: `base` is feature × row (CSR, rows 0..n_base-1), `tail` row × feature (CSC, the rows
    after them); `ids[i]` is physical row i's listing id, `alive[i]` False once it was removed or replaced."""

    base: sp.csr_matrix
    tail: sp.csc_matrix | None
    ids: list[str]
    alive: np.ndarray


class MatchIndex(BaseEstimator):
    """The fitted index behind Matcher (see matching.rank.Matcher for the ranking methods).

    Every weight below is a parameter; defaults were chosen on the development set.

    Args:
        lexicon: the concept lexicon (None: no concepts, plain TF-IDF).
        capability_weight: share of the score for covering the scenario's capability need, when
            the scenario's capabilities are understood with full confidence.
        uncertain_share: fraction of the capability share that goes to word overlap instead, in
            proportion to how unsure the capability reading is (1 − confidence): a scenario read
            from one ambiguous cue is ranked mostly by its words.
        confidence_scale: capability evidence at which confidence reaches 1 − 1/e (one
            unambiguous synonym in the description is evidence 1; declared codes give confidence 1).
        lone_weak_factor: what one ambiguous cue (a weak synonym) counts when nothing else in the
            listing supports the same capability.
        vendor_min_evidence: a vendor's capability strengths are scaled down when its strongest
            capability evidence is below this (a profile that hints at a capability only in passing).
        industry_weight: share of the score for serving the scenario's industry.
        term_weight: share of the score for TF-IDF cosine over words.
        generalist_credit: fraction of the industry share given to a vendor that names no industry.
        parent_credit: credit for a concept through its taxonomy parent (group ↔ leaf).
        title_weight, tags_weight, industry_field_weight, name_weight: field weights relative to
            the description (1.0). industry_field_weight applies to industry concepts found in
            the scenario's industry / vendor's industries field.
        weak_weight: weight of a weak synonym (weak_zh / weak_en) relative to a strong one.
        concept_power: exponent applied to a scenario's concept evidence before normalising
            (>1 sharpens the mix towards the dominant capability).
        vendor_power: exponent for vendor strengths (evidence / strongest evidence) ** power.
        min_vendor_strength: vendor capability strengths below this are dropped.
        declared_share: share of a scenario's mix given to declared codes when it has any.
        similar_concept_weight: share of concepts (vs words) in scenario–scenario similarity.
        max_concept_reasons, max_term_reasons: how many reasons of each kind to return.
        min_reason_share: reasons with a smaller share of the score are not shown.
        prune_df: scenario queries drop terms that more than this fraction of vendors use (like
            max_df: they tell vendors apart little but cost most of the sparse product); the
            query's norm still counts them. Only terms used by more than 20 vendors are pruned,
            so small catalogues keep every term. None keeps all.
        refit_fraction: needs_refit_ turns True when this fraction of listings changed since fit.
        segmenter: "rjieba" (fast) or "jieba".
        concept_pass: "segments" finds Chinese phrases among the segmenter's tokens (one pass;
            the phrases are in its dictionary, so they come out whole); "full" runs a second,
            full-mode pass that also finds phrases overlapping a segment boundary.
        n_jobs: processes for tokenising in fit (forked workers; used from 4,000 listings up,
            where it pays for the inter-process copy). -1: all cores.
    """

    def __init__(  # nosec B107  # a mode name, not a password
        self,
        lexicon: Lexicon | None = None,
        capability_weight: float = _weights.CAPABILITY_WEIGHT,
        industry_weight: float = _weights.INDUSTRY_WEIGHT,
        term_weight: float = _weights.TERM_WEIGHT,
        uncertain_share: float = _weights.UNCERTAIN_SHARE,
        confidence_scale: float = 1.0,
        lone_weak_factor: float = 0.25,
        vendor_min_evidence: float = 1.0,
        generalist_credit: float = _weights.GENERALIST_CREDIT,
        parent_credit: float = 0.5,
        title_weight: float = 2.0,
        tags_weight: float = 2.0,
        industry_field_weight: float = 3.0,
        name_weight: float = 1.0,
        weak_weight: float = 0.4,
        concept_power: float = 1.0,
        vendor_power: float = 0.5,
        min_vendor_strength: float = 0.0,
        declared_share: float = 0.7,
        similar_concept_weight: float = 0.3,
        max_concept_reasons: int = 3,
        max_term_reasons: int = 3,
        min_reason_share: float = 0.01,
        prune_df: float | None = 0.1,
        refit_fraction: float = 0.25,
        segmenter: str = "rjieba",
        concept_pass: str = "segments",
        n_jobs: int = 1,
    ) -> None:
        self.lexicon = lexicon
        self.capability_weight = capability_weight
        self.industry_weight = industry_weight
        self.term_weight = term_weight
        self.uncertain_share = uncertain_share
        self.confidence_scale = confidence_scale
        self.lone_weak_factor = lone_weak_factor
        self.vendor_min_evidence = vendor_min_evidence
        self.generalist_credit = generalist_credit
        self.parent_credit = parent_credit
        self.title_weight = title_weight
        self.tags_weight = tags_weight
        self.industry_field_weight = industry_field_weight
        self.name_weight = name_weight
        self.weak_weight = weak_weight
        self.concept_power = concept_power
        self.vendor_power = vendor_power
        self.min_vendor_strength = min_vendor_strength
        self.declared_share = declared_share
        self.similar_concept_weight = similar_concept_weight
        self.max_concept_reasons = max_concept_reasons
        self.max_term_reasons = max_term_reasons
        self.min_reason_share = min_reason_share
        self.prune_df = prune_df
        self.refit_fraction = refit_fraction
        self.segmenter = segmenter
        self.concept_pass = concept_pass
        self.n_jobs = n_jobs

    # ------------------------------------------------------------------ validation & setup
    def _check_params(self) -> None:
        for name in (
            "capability_weight",
            "industry_weight",
            "term_weight",
            "generalist_credit",
            "parent_credit",
            "title_weight",
            "tags_weight",
            "industry_field_weight",
            "name_weight",
            "weak_weight",
            "min_vendor_strength",
            "declared_share",
            "similar_concept_weight",
            "min_reason_share",
            "refit_fraction",
            "uncertain_share",
            "lone_weak_factor",
            "vendor_min_evidence",
        ):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v) or v < 0:
                raise ValueError(f"{name} must be a non-negative number, got {v!r}")
        if self.capability_weight + self.industry_weight + self.term_weight <= 0:
            raise ValueError("capability_weight + industry_weight + term_weight must be positive")
        for name in ("concept_power", "vendor_power", "confidence_scale"):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or not v > 0:
                raise ValueError(f"{name} must be positive, got {v!r}")
        for name in (
            "generalist_credit",
            "parent_credit",
            "declared_share",
            "similar_concept_weight",
            "uncertain_share",
            "lone_weak_factor",
        ):
            if getattr(self, name) > 1:
                raise ValueError(f"{name} must be at most 1, got {getattr(self, name)!r}")
        if not isinstance(self.n_jobs, int) or self.n_jobs == 0 or self.n_jobs < -1:
            raise ValueError(f"n_jobs must be a positive int or -1, got {self.n_jobs!r}")
        for name in ("max_concept_reasons", "max_term_reasons"):
            v = getattr(self, name)
            if not isinstance(v, int) or v < 0:
                raise ValueError(f"{name} must be a non-negative int, got {v!r}")
        if self.concept_pass not in ("segments", "full"):
            raise ValueError(f"concept_pass must be 'segments' or 'full', got {self.concept_pass!r}")
        if self.prune_df is not None and not (0 < self.prune_df <= 1):
            raise ValueError(f"prune_df must be in (0, 1] or None, got {self.prune_df!r}")
        if self.lexicon is not None and not isinstance(self.lexicon, Lexicon):
            raise ValueError("lexicon must be a matching.Lexicon or None")

    def _setup(self) -> None:
        lex = self.lexicon if self.lexicon is not None else Lexicon([])
        self.lexicon_ = lex
        self.tokenizer_ = Tokenizer(
            lex.zh_phrases, segmenter=self.segmenter, instance=lex.segmenter() if self.segmenter == "rjieba" else None
        )
        n_c = len(lex.concepts)
        self.n_concepts_ = n_c
        self.gen_col_ = n_c
        self.term_offset_ = n_c + 1
        self.is_capability_ = np.array([k == "capability" for k in lex.kinds], dtype=bool)
        self._is_cap_list = [k == "capability" for k in lex.kinds]
        parent_idx = np.full(n_c, -1, dtype=np.int64)
        for i, c in enumerate(lex.concepts):
            if c.parent is not None and c.parent in lex.index:
                parent_idx[i] = lex.index[c.parent]
        self.parent_idx_ = parent_idx
        total = self.capability_weight + self.industry_weight + self.term_weight
        self.w_cap_ = self.capability_weight / total
        self.w_ind_ = self.industry_weight / total
        self.w_term_ = self.term_weight / total
        self.w_unc_ = self.capability_weight * self.uncertain_share / total

    # ------------------------------------------------------------------ analysis
    def _analyze_fields(
        self, fields: Sequence[tuple[str, float, float]]
    ) -> tuple[dict[str, float], dict[int, float], dict[str, str]]:
        """Return (term tf, concept evidence, stem→surface) for (text, word weight, industry weight) fields."""
        lex = self.lexicon_
        zh_cut = self.tokenizer_.zh_cut
        zh_terms = self.tokenizer_.zh_terms
        one_pass = self.concept_pass == "segments"  # nosec B105  # a mode name, not a password
        kinds_cap = self._is_cap_list
        terms: dict[str, float] = {}
        concepts: dict[int, float] = {}
        surface: dict[str, str] = {}
        weak_w = self.weak_weight
        stems_cache = _STEMS
        log = math.log
        weak_phrases: dict[int, set[str]] = {}
        strong_hit: set[int] = set()
        for text, weight, ind_weight in fields:
            if not text:
                continue
            norm = normalize(text)
            words = _EN_TOKEN.findall(norm)
            segments = zh_cut(norm)
            field_terms = Counter(zh_terms(segments))
            if words:
                stems = [stems_cache.get(w) or _stem_new(w) for w in words]
                content = [st for w, st in zip(words, stems, strict=False) if w not in EN_STOPWORDS and len(w) > 1]
                surface.update({st: w for w, st in zip(words, stems, strict=False) if st != w})
                field_terms.update(content)
            else:
                stems = []
            if weight == 1.0:
                ft = {t: (1.0 + log(n)) if n > 1 else float(n) for t, n in field_terms.items()}
            else:
                ft = {t: weight * ((1.0 + log(n)) if n > 1 else n) for t, n in field_terms.items()}
            if not terms:
                terms = ft
            else:
                if len(ft) > len(terms):
                    terms, ft = ft, terms
                for t, v in ft.items():
                    terms[t] = terms.get(t, 0.0) + v
            if lex.concepts:
                field_concepts: dict[int, float] = {}
                weak_seen: set[int] = set()
                for idx, weak, phrase in lex.match(norm, stems, segments if one_pass else None):
                    if weak:
                        # A weak synonym is an ambiguous hint ("医生", "camera"): repeating it
                        # adds nothing, so it counts once per field.
                        weak_phrases.setdefault(idx, set()).add(phrase)
                        if idx in weak_seen:
                            continue
                        weak_seen.add(idx)
                    else:
                        strong_hit.add(idx)
                    field_concepts[idx] = field_concepts.get(idx, 0.0) + (weak_w if weak else 1.0)
                for idx, n in field_concepts.items():
                    w = weight if kinds_cap[idx] else ind_weight
                    concepts[idx] = concepts.get(idx, 0.0) + w * ((1.0 + log(n)) if n > 1 else n)
        if weak_phrases and self.lone_weak_factor < 1.0:
            self._damp_lone_cues(concepts, weak_phrases, strong_hit)
        return terms, concepts, surface

    def _damp_lone_cues(
        self, concepts: dict[int, float], weak_phrases: dict[int, set[str]], strong_hit: set[int]
    ) -> None:
        """Scale down capabilities whose only evidence is one ambiguous cue.

        An ambiguous cue (调度, 安全, "inspection") names a capability only in context: another,
        different cue of the same capability in the listing. Alone it gives lone_weak_factor of its
        evidence, so it can still break a tie but never takes a capability's whole share.
        """
        kinds_cap = self._is_cap_list
        for idx, phrases in weak_phrases.items():
            if not kinds_cap[idx] or idx in strong_hit or len(phrases) > 1:
                continue
            concepts[idx] *= self.lone_weak_factor

    def _scenario_fields(self, d: ScenarioDoc) -> list[tuple[str, float, float]]:
        return [
            (d.title, self.title_weight, self.title_weight),
            ("\n".join(d.tags), self.tags_weight, self.tags_weight),
            (d.industry, 1.0, self.industry_field_weight),
            (d.description, 1.0, 1.0),
        ]

    def _vendor_fields(self, d: VendorDoc) -> list[tuple[str, float, float]]:
        return [
            (d.name, self.name_weight, self.name_weight),
            ("\n".join(d.tags), self.tags_weight, self.tags_weight),
            ("\n".join(d.industries), 1.0, self.industry_field_weight),
            (d.description, 1.0, 1.0),
        ]

    def _declared(self, codes: Iterable[str], kind: str, doc_id: str) -> list[int]:
        out = []
        for code in codes:
            idx = self.lexicon_.index.get(code)
            if idx is None:
                continue  # a code the lexicon does not know (yet) cannot be matched; ignore it
            if self.lexicon_.kinds[idx] == kind:
                out.append(idx)
        return out

    def _mix(self, evidence: dict[int, float], declared: list[int]) -> dict[int, float]:
        """Return a distribution over concepts (sums to 1) from text evidence and declared codes."""
        mix: dict[int, float] = {}
        if evidence:
            powered = {i: v**self.concept_power for i, v in evidence.items() if v > 0}
            total = sum(powered.values())
            if total > 0:
                mix = {i: v / total for i, v in powered.items()}
        if declared:
            share = self.declared_share if mix else 1.0
            mix = {i: v * (1 - share) for i, v in mix.items()}
            for i in declared:
                mix[i] = mix.get(i, 0.0) + share / len(declared)
        return mix

    def confidence(self, capability_evidence: dict[int, float], declared: bool = False) -> float:
        """Return how sure the capability reading is, 0..1: 1 − exp(−evidence / confidence_scale).

        Capabilities the poster selected count as certain.
        """
        if declared:
            return 1.0
        total = sum(capability_evidence.values())
        return 1.0 - math.exp(-total / self.confidence_scale) if total > 0 else 0.0

    def _term_scale(self, conf: float) -> float:
        """Return the weight of a scenario's unit TF-IDF vector for a capability confidence."""
        return self.w_term_ + self.w_unc_ * (1.0 - conf)

    def _scenario_concept_row(self, evidence: dict[int, float], d: ScenarioDoc) -> dict[int, float]:
        cap_ev = {i: v for i, v in evidence.items() if self.is_capability_[i]}
        ind_ev = {i: v for i, v in evidence.items() if not self.is_capability_[i]}
        row: dict[int, float] = {}
        declared = self._declared(d.capability_codes, "capability", d.id)
        conf = self.confidence(cap_ev, bool(declared))
        for i, v in self._mix(cap_ev, declared).items():
            row[i] = self.w_cap_ * conf * v
        ind_mix = self._mix(ind_ev, self._declared(d.industry_codes, "industry", d.id))
        for i, v in ind_mix.items():
            row[i] = self.w_ind_ * v
        if ind_mix and self.generalist_credit > 0:
            row[self.gen_col_] = self.w_ind_ * self.generalist_credit
        return row

    def _vendor_concept_row(self, evidence: dict[int, float], d: VendorDoc) -> dict[int, float]:
        row: dict[int, float] = {}
        cap = {i: v for i, v in evidence.items() if self.is_capability_[i]}
        if cap:
            top = max(cap.values())
            thin = min(1.0, top / self.vendor_min_evidence) if self.vendor_min_evidence > 0 else 1.0
            for i, v in cap.items():
                s = thin * (v / top) ** self.vendor_power
                if s >= self.min_vendor_strength:
                    row[i] = s
        for i in self._declared(d.capability_codes, "capability", d.id):
            row[i] = 1.0
        # Any mention of an industry counts as serving it (a profile names the industries it
        # sells to); weak-only evidence gives partial credit.
        for i, v in evidence.items():
            if not self.is_capability_[i]:
                row[i] = min(1.0, v / max(self.weak_weight * 2.0, 1e-9)) if v < 1.0 else 1.0
        for i in self._declared(d.industry_codes, "industry", d.id):
            row[i] = 1.0
        # Taxonomy parents: serving a leaf half-serves its group and vice versa.
        pc = self.parent_credit
        if pc > 0:
            for i, v in list(row.items()):
                p = self.parent_idx_[i]
                if p >= 0:
                    row[int(p)] = max(row.get(int(p), 0.0), pc * v)
            for j, p in enumerate(self.parent_idx_):
                if p >= 0 and int(p) in row and j not in row:
                    pv = row[int(p)]
                    if pv >= 1.0 - 1e-12:  # only direct group evidence propagates down
                        row[j] = pc * pv
        if not any(not self.is_capability_[i] for i in row):
            row[self.gen_col_] = 1.0
        return row

    def _analyze(
        self, doc: ScenarioDoc | VendorDoc
    ) -> tuple[dict[str, float], dict[int, float], dict[int, float], dict[str, str]]:
        if isinstance(doc, ScenarioDoc):
            terms, ev, surface = self._analyze_fields(self._scenario_fields(doc))
            row = self._scenario_concept_row(ev, doc)
        else:
            terms, ev, surface = self._analyze_fields(self._vendor_fields(doc))
            row = self._vendor_concept_row(ev, doc)
        return terms, ev, row, surface

    # ------------------------------------------------------------------ fit & incremental
    def fit(self, scenarios: Iterable[ScenarioDoc], vendors: Iterable[VendorDoc]) -> MatchIndex:
        """Tokenise and index all listings.

        Args:
            scenarios: ScenarioDoc items (ids unique).
            vendors: VendorDoc items (ids unique).
        Returns:
            self.
        Raises:
            ValueError: bad parameters, wrong item types or duplicate ids.
        """
        self._check_params()
        self._setup()
        scenarios = list(scenarios)
        vendors = list(vendors)
        for kind, docs, cls in (("scenario", scenarios, ScenarioDoc), ("vendor", vendors, VendorDoc)):
            seen: set[str] = set()
            for d in docs:
                if not isinstance(d, cls):
                    raise ValueError(f"{kind}s must be {cls.__name__} items, got {type(d).__name__}")
                if d.id in seen:
                    raise ValueError(f"duplicate {kind} id {d.id!r}")
                seen.add(d.id)
        self.vocabulary_: dict[str, int] = {}
        self.terms_: list[str] = []
        self.term_surface_: dict[str, str] = {}
        df: list[int] = []
        s_parts = self._analyze_many(scenarios, df)
        v_parts = self._analyze_many(vendors, df)
        n_t = len(self.terms_)
        self.df_ = np.asarray(df, dtype=np.int64)
        self.s_chosen_ = {d.id: _chosen_codes(d) for d in scenarios if d.capability_codes or d.industry_codes}
        self.v_chosen_ = {d.id: _chosen_codes(d) for d in vendors if d.capability_codes or d.industry_codes}
        self.n_fitted_ = len(scenarios) + len(vendors)
        self.n_changes_ = 0
        self._journal: list[dict[str, Any]] = []
        self._set_storage(
            {
                "s": {
                    "tf": _csr(s_parts[0], n_t),
                    "conc": _csr(s_parts[1], self.n_concepts_ + 1),
                    "ev": _csr(s_parts[2], self.n_concepts_),
                },
                "v": {"tf": _csr(v_parts[0], n_t), "conc": _csr(v_parts[1], self.n_concepts_ + 1)},
            },
            {"s": [d.id for d in scenarios], "v": [d.id for d in vendors]},
        )
        return self

    def _chosen(self, ref: Any, side: str) -> frozenset[str]:
        """Return the codes the poster selected for a listing (a doc, or an indexed id)."""
        if isinstance(ref, (ScenarioDoc, VendorDoc)):
            return _chosen_codes(ref)
        return (self.s_chosen_ if side == "s" else self.v_chosen_).get(ref, frozenset())

    def _term_row(self, terms: dict[str, float], grow: bool, df: list[int] | None = None) -> dict[int, float]:
        vocab = self.vocabulary_
        cols = [vocab.get(t) for t in terms]
        if None in cols:
            if not grow:
                return {j: v for j, v in zip(cols, terms.values(), strict=False) if j is not None}
            for n, (t, j) in enumerate(zip(terms, cols, strict=False)):
                if j is None:
                    j = len(self.terms_)
                    vocab[t] = j
                    self.terms_.append(t)
                    cols[n] = j
                    if df is not None:
                        df.append(0)
        filled = cast(list[int], cols)  # every term has a column by now
        if df is not None:
            for j in filled:
                df[j] += 1
        return dict(zip(filled, terms.values(), strict=False))

    def _analyze_many(self, docs: list, df: list[int]) -> tuple[list, list, list]:
        tf_rows, concept_rows, ev_rows = [], [], []
        for terms, ev, row, surface in self._analyze_all(docs):
            for k, v in surface.items():
                self.term_surface_.setdefault(k, v)
            tf_rows.append(self._term_row(terms, grow=True, df=df))
            concept_rows.append(row)
            ev_rows.append(ev)
        return tf_rows, concept_rows, ev_rows

    def _analyze_all(self, docs: list) -> Iterable[tuple]:
        import os

        n_jobs = self.n_jobs if self.n_jobs and self.n_jobs > 0 else (os.cpu_count() or 1)
        if n_jobs <= 1 or len(docs) < 4000:
            return (self._analyze(d) for d in docs)
        import multiprocessing as mp

        try:
            ctx = mp.get_context("fork")  # workers inherit the lexicon and segmenter; no pickling of self
        except ValueError:  # pragma: no cover - platforms without fork
            return (self._analyze(d) for d in docs)
        global _WORKER
        _WORKER = self
        size = max(500, len(docs) // (n_jobs * 8))
        chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
        return self._analyze_in_pool(ctx, n_jobs, chunks)

    def _analyze_in_pool(self, ctx: Any, n_jobs: int, chunks: list[list]) -> Iterable[tuple]:
        """Yield the analyses chunk by chunk as the workers finish them, in order, so that the parent holds
        a few chunks' results at a time rather than all of them."""
        global _WORKER
        try:
            with ctx.Pool(n_jobs) as pool:
                for part in pool.imap(_analyze_chunk, chunks, chunksize=1):
                    yield from part
        finally:
            _WORKER = None

    def _check_fitted(self) -> None:
        if not hasattr(self, "vocabulary_"):
            raise ValueError("this Matcher is not fitted yet; call fit(scenarios, vendors) first")

    # ------------------------------------------------------------------ row storage
    # Each side ("s" scenarios, "v" vendors) keeps its rows in an append-only store: a base block
    # (CSR matrices that stay unchanged until the next consolidation, so their inverted index is
    # built once) and a small tail block of the rows added since. A removed or replaced listing is
    # only marked dead (a tombstone), so one change copies neither the base nor its inverted index.
    # Nothing idf-dependent is stored per row: scores are computed from raw term weights at query
    # time (see _score_all), so they equal a refit's at every moment. The tail is merged into the
    # base (consolidation) once it holds more than a sixteenth of the rows or of them are dead.

    _KINDS: ClassVar[dict[str, tuple[str, ...]]] = {"s": ("tf", "conc", "ev"), "v": ("tf", "conc")}

    def _width(self, kind: str) -> int:
        return len(self.terms_) if kind == "tf" else self.n_concepts_ + (1 if kind == "conc" else 0)

    def _set_storage(self, rows: dict[str, dict[str, sp.csr_matrix]], ids: dict[str, list[str]]) -> None:
        """Make these rows the base of each side, all alive, with an empty tail."""
        self._ids = {side: list(ids[side]) for side in "sv"}
        self._alive = {side: np.ones(len(ids[side]), dtype=bool) for side in "sv"}
        self._n_dead = {"s": 0, "v": 0}
        self._base = {side: {k: sp.csr_matrix(rows[side][k]) for k in self._KINDS[side]} for side in "sv"}
        self._tail: dict[str, dict[str, sp.csr_matrix | None]] = {
            side: dict.fromkeys(self._KINDS[side]) for side in "sv"
        }
        self._pos = {side: {x: i for i, x in enumerate(self._ids[side])} for side in "sv"}
        self._term_labels: dict[int, str] = {}  # term column → the word as shown in reasons (rank.py)
        vtf = self._base["v"]["tf"]
        self._vdf = np.bincount(vtf.indices, minlength=len(self.terms_)).astype(np.int64)
        self._invalidate()

    def _invalidate(self) -> None:
        """Drop every derived value (after a parameter or storage change)."""
        self._base_cache: dict[Any, Any] = {}
        self._cache: dict[Any, Any] = {}

    @property
    def _s_pos(self) -> dict[str, int]:
        return self._pos["s"]

    @property
    def _v_pos(self) -> dict[str, int]:
        return self._pos["v"]

    def _n_phys(self, side: str) -> int:
        return len(self._ids[side])

    def _n_live(self, side: str) -> int:
        return len(self._ids[side]) - self._n_dead[side]

    def _live_ids(self, side: str) -> list[str]:
        if not self._n_dead[side]:
            return self._ids[side]
        key = ("ids", side)
        if key not in self._cache:
            self._cache[key] = [x for x, a in zip(self._ids[side], self._alive[side], strict=True) if a]
        return self._cache[key]

    def _compact(self, side: str, kind: str) -> sp.csr_matrix:
        """The live rows of one side in index order (base then tail), as one CSR matrix."""
        key = ("view", side, kind)
        if key not in self._cache:
            width = self._width(kind)
            m = _resize(self._base[side][kind], width)
            tail = self._tail[side][kind]
            if tail is not None:
                m = sp.vstack([m, _resize(tail, width)], format="csr")
            if self._n_dead[side]:
                m = m[self._alive[side]]
            self._cache[key] = m
        return self._cache[key]

    def has_scenario(self, scenario_id: str) -> bool:
        """Whether this scenario is indexed (and not removed); O(1), unlike `in scenario_ids_`."""
        pos = self._pos["s"].get(scenario_id)
        return pos is not None and bool(self._alive["s"][pos])

    def has_vendor(self, vendor_id: str) -> bool:
        """Whether this vendor is indexed (and not removed); O(1)."""
        pos = self._pos["v"].get(vendor_id)
        return pos is not None and bool(self._alive["v"][pos])

    @property
    def scenario_ids_(self) -> list[str]:
        """Ids of the indexed scenarios, in the order of the rows of S_tf_, S_concepts_ and S_evidence_."""
        return self._live_ids("s")

    @property
    def vendor_ids_(self) -> list[str]:
        """Ids of the indexed vendors, in the order of the rows of V_tf_ and V_concepts_."""
        return self._live_ids("v")

    @property
    def S_tf_(self) -> sp.csr_matrix:
        """Raw (un-idf'd) term weights of the scenarios, one row each."""
        return self._compact("s", "tf")

    @property
    def S_concepts_(self) -> sp.csr_matrix:
        """Concept rows of the scenarios (capability and industry mix, then the GEN column)."""
        return self._compact("s", "conc")

    @property
    def S_evidence_(self) -> sp.csr_matrix:
        """Concept evidence of the scenarios' own words."""
        return self._compact("s", "ev")

    @property
    def V_tf_(self) -> sp.csr_matrix:
        """Raw term weights of the vendors."""
        return self._compact("v", "tf")

    @property
    def V_concepts_(self) -> sp.csr_matrix:
        """Concept rows of the vendors (strengths, industries, GEN)."""
        return self._compact("v", "conc")

    def _rows(self, side: str, kind: str, pos: np.ndarray) -> sp.csr_matrix:
        """Rows at these physical positions (base or tail), in the order given."""
        pos = np.asarray(pos, dtype=np.int64)
        width = self._width(kind)
        base = self._base[side][kind]
        nb = base.shape[0]
        tail = self._tail[side][kind]
        in_base = pos < nb
        if tail is None or in_base.all():
            return _resize(base[pos], width)
        if not in_base.any():
            return _resize(tail, width)[pos - nb]
        both = sp.vstack([_resize(base[pos[in_base]], width), _resize(tail, width)[pos[~in_base] - nb]], format="csr")
        order = np.concatenate([np.flatnonzero(in_base), np.flatnonzero(~in_base)])
        return both[np.argsort(order, kind="stable")]

    def consolidate(self) -> MatchIndex:
        """Merge the rows added since the last consolidation into the base and drop removed rows.

        Scores do not change; later changes and queries are cheaper again. Runs by itself when the
        tail grows, and before a full-catalogue product (all_pairs).
        """
        self._check_fitted()
        if all(self._n_dead[side] == 0 and self._tail[side]["tf"] is None for side in "sv"):
            return self
        rows = {side: {kind: self._compact(side, kind) for kind in self._KINDS[side]} for side in "sv"}
        self._set_storage(rows, {"s": list(self._live_ids("s")), "v": list(self._live_ids("v"))})
        return self

    def _maybe_consolidate(self, side: str) -> None:
        n_tail = self._n_phys(side) - self._base[side]["tf"].shape[0]
        limit = max(512, self._n_phys(side) // 16)
        if n_tail > limit or self._n_dead[side] > limit:
            self.consolidate()

    @property
    def needs_refit_(self) -> bool:
        """Return True when more than refit_fraction of the listings changed since fit."""
        self._check_fitted()
        return self.n_changes_ > self.refit_fraction * max(self.n_fitted_, 1)

    def _changed(self) -> None:
        """Drop what depends on idf or on the tail; the base's inverted index stays."""
        self._cache = {}

    def _add(self, doc: ScenarioDoc | VendorDoc, side: str) -> None:
        terms, ev, row, surface = self._analyze(doc)
        for k, v in surface.items():
            self.term_surface_.setdefault(k, v)
        trow = self._term_row(terms, grow=True)
        n_t = len(self.terms_)
        cols = np.fromiter(trow.keys(), dtype=np.int64, count=len(trow))
        df = np.zeros(n_t, dtype=np.int64)
        df[: len(self.df_)] = self.df_
        df[cols] += 1
        self.df_ = df  # a new array: a reader holding the old one keeps a consistent copy
        if side == "v" or len(self._vdf) < n_t:
            vdf = np.zeros(n_t, dtype=np.int64)
            vdf[: len(self._vdf)] = self._vdf
            if side == "v":
                vdf[cols] += 1
            self._vdf = vdf
        new = {"tf": trow, "conc": row, "ev": ev}
        for kind in self._KINDS[side]:
            one = _csr([new[kind]], self._width(kind))
            old = self._tail[side][kind]
            self._tail[side][kind] = (
                one if old is None else sp.vstack([_resize(old, self._width(kind)), one], format="csr")
            )
        self._pos[side][doc.id] = self._n_phys(side)
        self._ids[side] = [*self._ids[side], doc.id]
        self._alive[side] = np.append(self._alive[side], True)
        chosen = self.s_chosen_ if side == "s" else self.v_chosen_
        if _chosen_codes(doc):
            chosen[doc.id] = _chosen_codes(doc)
        self.n_changes_ += 1
        self._changed()
        self._maybe_consolidate(side)

    def _remove(self, doc_id: str, side: str) -> None:
        pos = self._pos[side]
        if doc_id not in pos:
            raise ValueError(f"unknown {'scenario' if side == 's' else 'vendor'} id {doc_id!r}")
        i = pos.pop(doc_id)
        cols = self._rows(side, "tf", np.array([i])).indices
        df = self.df_.copy()
        df[cols] -= 1
        self.df_ = df
        if side == "v":
            vdf = self._vdf.copy()
            vdf[cols] -= 1
            self._vdf = vdf
        alive = self._alive[side].copy()
        alive[i] = False
        self._alive[side] = alive
        self._n_dead[side] += 1
        (self.s_chosen_ if side == "s" else self.v_chosen_).pop(doc_id, None)
        self.n_changes_ += 1
        self._changed()
        self._maybe_consolidate(side)

    # ------------------------------------------------------------------ the change journal and delta files
    def _record(self, op: str, side: str, payload: Any) -> None:
        """Journal a change before it is applied (the state before the first one is kept for save_delta)."""
        if not self._journal:
            self._journal_before = self._state_counts()
        if op == "update":
            self._journal.append({"op": op, "side": side, "doc": dataclasses.asdict(payload)})
        else:
            self._journal.append({"op": op, "side": side, "id": payload})

    def journal(self) -> list[dict[str, Any]]:
        """Return the changes made since the journal was last cleared (JSON-ready dicts, oldest first)."""
        return [dict(op) for op in self._journal]

    def clear_journal(self) -> MatchIndex:
        """Forget the recorded changes (after they were saved, or when a new batch of changes starts)."""
        self._journal = []
        return self

    def _state_counts(self) -> dict[str, int]:
        return {
            "scenarios": self._n_live("s"),
            "vendors": self._n_live("v"),
            "terms": len(self.terms_),
            "n_changes": self.n_changes_,
        }

    def save_delta(self, path: str | Path) -> None:
        """Write the journal's changes to a small JSON file that apply_delta replays on the same base.

        The file names the index's state before and after the changes, so it can only be replayed
        on the state it was made from.

        Raises:
            ValueError: not fitted.
        """
        self._check_fitted()
        ops = self._journal
        before = self._journal_before if ops else self._state_counts()
        payload = {
            "format": DELTA_FORMAT,
            "version": INDEX_VERSION,
            "lexicon_fingerprint": self.lexicon_.fingerprint,
            "before": before,
            "after": self._state_counts(),
            "ops": ops,
        }
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))

    def apply_delta(self, path: str | Path) -> MatchIndex:
        """Replay a delta file written by save_delta on the state it was made from.

        Raises:
            ValueError: missing, foreign or corrupt file, another index version, another lexicon,
                or a file made from another state of the index. The index is then unchanged when
                the file could not be read, and must be reloaded when replaying failed half-way.
        """
        self._check_fitted()
        p = Path(path)
        try:
            payload = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"{p} is not a readable Keting matching delta ({type(exc).__name__})") from None
        if not isinstance(payload, dict) or payload.get("format") != DELTA_FORMAT:
            raise ValueError(f"{p} is not a Keting matching delta")
        if payload.get("version") != INDEX_VERSION:
            raise ValueError(f"{p} is a stale matching delta (version {payload.get('version')})")
        if payload.get("lexicon_fingerprint") != self.lexicon_.fingerprint:
            raise ValueError(f"{p} was made with another lexicon")
        if payload.get("before") != self._state_counts():
            raise ValueError(f"{p} was made from another state of the index")
        try:
            for op in payload["ops"]:
                side = op["side"]
                if op["op"] == "update":
                    cls = ScenarioDoc if side == "s" else VendorDoc
                    self._update(cls(**op["doc"]), side)
                elif op["op"] == "remove":
                    self._remove(str(op["id"]), side)
                else:
                    raise ValueError(f"unknown operation {op['op']!r}")
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{p} holds a malformed change ({type(exc).__name__})") from None
        if payload.get("after") != self._state_counts():
            raise ValueError(f"{p} did not replay to the state it names")
        return self

    def _update(self, doc: ScenarioDoc | VendorDoc, side: str) -> None:
        if doc.id in self._pos[side]:
            self._remove(doc.id, side)
            self.n_changes_ -= 1
        self._add(doc, side)

    def add_scenario(self, doc: ScenarioDoc) -> MatchIndex:
        """Index one more scenario without refitting.

        Raises:
            ValueError: not fitted, not a ScenarioDoc, or the id is already indexed.
        """
        self._check_fitted()
        if not isinstance(doc, ScenarioDoc):
            raise ValueError("add_scenario takes a ScenarioDoc")
        if doc.id in self._s_pos:
            raise ValueError(f"scenario id {doc.id!r} is already indexed; use update_scenario")
        self._record("update", "s", doc)
        self._add(doc, "s")
        return self

    def update_scenario(self, doc: ScenarioDoc) -> MatchIndex:
        """Replace an indexed scenario (or add it if unknown)."""
        self._check_fitted()
        if not isinstance(doc, ScenarioDoc):
            raise ValueError("update_scenario takes a ScenarioDoc")
        self._record("update", "s", doc)
        self._update(doc, "s")
        return self

    def remove_scenario(self, scenario_id: str) -> MatchIndex:
        """Drop a scenario from the index.

        Raises:
            ValueError: unknown id.
        """
        self._check_fitted()
        if scenario_id not in self._pos["s"]:
            raise ValueError(f"unknown scenario id {scenario_id!r}")
        self._record("remove", "s", scenario_id)
        self._remove(scenario_id, "s")
        return self

    def add_vendor(self, doc: VendorDoc) -> MatchIndex:
        """Index one more vendor without refitting.

        Raises:
            ValueError: not fitted, not a VendorDoc, or the id is already indexed.
        """
        self._check_fitted()
        if not isinstance(doc, VendorDoc):
            raise ValueError("add_vendor takes a VendorDoc")
        if doc.id in self._v_pos:
            raise ValueError(f"vendor id {doc.id!r} is already indexed; use update_vendor")
        self._record("update", "v", doc)
        self._add(doc, "v")
        return self

    def update_vendor(self, doc: VendorDoc) -> MatchIndex:
        """Replace an indexed vendor (or add it if unknown)."""
        self._check_fitted()
        if not isinstance(doc, VendorDoc):
            raise ValueError("update_vendor takes a VendorDoc")
        self._record("update", "v", doc)
        self._update(doc, "v")
        return self

    def remove_vendor(self, vendor_id: str) -> MatchIndex:
        """Drop a vendor from the index.

        Raises:
            ValueError: unknown id.
        """
        self._check_fitted()
        if vendor_id not in self._pos["v"]:
            raise ValueError(f"unknown vendor id {vendor_id!r}")
        self._record("remove", "v", vendor_id)
        self._remove(vendor_id, "v")
        return self

    # ------------------------------------------------------------------ postings for search
    def postings(self, side: str, kind: str) -> Postings:
        """Feature → listing postings of one side, for an inverted-index search over the raw rows.

        Args:
            side: "scenario" or "vendor".
            kind: "tf" (raw term weights), "concepts" (concept rows) or "evidence" (scenarios only).
        Returns:
            Postings over the physical rows (dead rows included: mask them with `alive`). The base part
            is built once per consolidation; the tail part is small. Nothing in it changes afterwards,
            so a caller may keep it while the index changes.
        Raises:
            ValueError: unknown side or kind, or not fitted.
        """
        self._check_fitted()
        sides = {"scenario": "s", "vendor": "v"}
        kinds = {"tf": "tf", "concepts": "conc", "evidence": "ev"}
        if side not in sides or kind not in kinds or (side == "vendor" and kind == "evidence"):
            raise ValueError(f"no {kind!r} postings for side {side!r}")
        sd, kd = sides[side], kinds[kind]
        tail = self._tail[sd][kd]
        return Postings(
            base=self._inverted(sd, kd),
            tail=None if tail is None else _resize(tail, self._width(kd)).tocsc(),
            ids=self._ids[sd],
            alive=self._alive[sd],
        )

    def term_norms(self, side: str) -> np.ndarray:
        """‖tf ∘ idf‖ of every physical row of a side ("scenario" or "vendor") at the current idf."""
        self._check_fitted()
        return self._norms({"scenario": "s", "vendor": "v"}[side])

    def idf(self) -> np.ndarray:
        """The current smooth idf of every term (it moves with every indexed or removed listing)."""
        self._check_fitted()
        return self._idf()

    # ------------------------------------------------------------------ derived values
    def _idf(self) -> np.ndarray:
        if "idf" not in self._cache:
            n = self._n_live("s") + self._n_live("v")
            # scikit-learn's smooth idf; a term no listing uses any more gets df 0.
            self._cache["idf"] = np.log((1.0 + n) / (1.0 + self.df_)) + 1.0
            self._cache["idf_new"] = math.log(1.0 + n) + 1.0
        return self._cache["idf"]

    def _tfidf(self, tf: sp.csr_matrix) -> sp.csr_matrix:
        m = tf @ sp.diags(self._idf()) if tf.shape[1] else tf
        return l2_normalize(sp.csr_matrix(m), norm="l2", copy=False)

    def _conf_of(self, conc: sp.csr_matrix) -> np.ndarray:
        """Capability confidence of scenario concept rows (their capability columns sum to w_cap × it)."""
        caps = conc[:, : self.n_concepts_] @ sp.diags(self.is_capability_.astype(_DTYPE))
        total = np.asarray(caps.sum(axis=1)).ravel()
        return np.clip(total / self.w_cap_, 0.0, 1.0) if self.w_cap_ > 0 else np.ones(len(total))

    def _feature_rows(self, side: str, pos: np.ndarray) -> sp.csr_matrix:
        """Rows of Q (scenarios) or V (vendors) for these physical positions, as a refit would build them."""
        conc = self._rows(side, "conc", pos)
        terms = self._tfidf(self._rows(side, "tf", pos))
        if side == "s":
            terms = (sp.diags(self.w_term_ + self.w_unc_ * (1.0 - self._conf_of(conc))) @ terms).tocsr()
            mask = self._query_term_mask()
            if mask is not None:
                terms = (terms @ sp.diags(mask.astype(_DTYPE))).tocsr()
                terms.eliminate_zeros()
        m = sp.hstack([conc, terms], format="csr")
        m.sort_indices()
        return m

    def _q_matrix(self) -> sp.csr_matrix:
        """Every scenario's query row (live rows in index order); built for whole-catalogue products only."""
        if "Q" not in self._cache:
            self._cache["Q"] = self._feature_rows("s", np.flatnonzero(self._alive["s"]))
        return self._cache["Q"]

    def _v_matrix(self) -> sp.csr_matrix:
        """Every vendor's row (live rows in index order); built for whole-catalogue products only."""
        if "V" not in self._cache:
            self._cache["V"] = self._feature_rows("v", np.flatnonzero(self._alive["v"]))
        return self._cache["V"]

    def _scenario_confidence(self) -> np.ndarray:
        """Return each indexed scenario's capability confidence (live rows in index order)."""
        return self._phys_conf()[self._alive["s"]]

    def _query_term_mask(self) -> np.ndarray | None:
        """Return a 0/1 mask of the terms scenario queries keep (None: all), per prune_df."""
        if self.prune_df is None:
            return None
        if "mask" not in self._cache:
            n_v = self._n_live("v")
            vdf = self._vdf
            if len(vdf) < len(self.terms_):
                vdf = np.concatenate([vdf, np.zeros(len(self.terms_) - len(vdf), dtype=np.int64)])
            self._cache["mask"] = ~((vdf > self.prune_df * n_v) & (vdf > _PRUNE_MIN_VENDORS))
        return self._cache["mask"]

    def _transposed(self, key: str) -> sp.csr_matrix:
        """Return the feature × listing (inverted index) form of Q or V."""
        tkey = key + "T"
        if tkey not in self._cache:
            m = self._q_matrix() if key == "Q" else self._v_matrix()
            self._cache[tkey] = m.T.tocsr()
        return self._cache[tkey]

    def _id_rank(self, side: str) -> np.ndarray:
        """Rank of each live listing's id (index order), for breaking ties in whole-catalogue products."""
        key = "rank_" + side
        if key not in self._cache:
            self._cache[key] = _ranks_of(self._live_ids(side))
        return self._cache[key]

    # Per-row values of the physical store: the base's are kept until the next consolidation, the
    # tail's are recomputed after each change (it is small).
    def _base_value(self, key: tuple, make: Any) -> Any:
        if key not in self._base_cache:
            self._base_cache[key] = make()
        return self._base_cache[key]

    def _phys(self, name: str, side: str, kind: str, of: Any) -> np.ndarray:
        """of(rows) for the base (kept) and the tail (recomputed), concatenated over physical rows."""
        key = (name, side)
        if key not in self._cache:
            base = self._base_value(key, lambda: of(self._base[side][kind]))
            tail = self._tail[side][kind]
            self._cache[key] = base if tail is None else np.concatenate([base, of(_resize(tail, self._width(kind)))])
        return self._cache[key]

    def _phys_conf(self) -> np.ndarray:
        return self._phys("conf", "s", "conc", self._conf_of)

    def _phys_gen(self, side: str) -> np.ndarray:
        col = self.gen_col_
        return self._phys("gen", side, "conc", lambda m: np.asarray(m[:, col].todense()).ravel())

    def _norms(self, side: str) -> np.ndarray:
        """‖tf ∘ idf‖ of every physical row at the current idf (one sparse product over the raw rows)."""
        key = ("norm", side)
        if key not in self._cache:
            idf2 = self._idf() ** 2
            parts = []
            for m in (self._base[side]["tf"], self._tail[side]["tf"]):
                if m is None:
                    continue
                # The squares are made per change and dropped: keeping them would hold another copy of every weight.
                sq = _squared(m)
                parts.append(sq @ idf2[: sq.shape[1]] if sq.shape[1] else np.zeros(sq.shape[0]))
            self._cache[key] = np.sqrt(np.concatenate(parts))
        return self._cache[key]

    def _inverted(self, side: str, kind: str) -> sp.csr_matrix:
        """The base block of one kind as feature × physical row (built once per consolidation)."""
        return self._base_value(("T", side, kind), lambda: self._base[side][kind].T.tocsr())

    def _product(self, side: str, kind: str, q_idx: np.ndarray, q_val: np.ndarray, out: np.ndarray) -> None:
        """out[row] += Σ_j q[j] × rows[row, j] over every physical row of one kind (base postings + tail)."""
        if not len(q_idx):
            return
        inv = self._inverted(side, kind)
        nb = inv.shape[1]
        inside = q_idx < inv.shape[0]
        if inside.any():
            q = sp.csr_matrix((q_val[inside], q_idx[inside], np.array([0, int(inside.sum())])), shape=(1, inv.shape[0]))
            res = (q @ inv).tocsr()
            out[res.indices] += res.data
        tail = self._tail[side][kind]
        if tail is not None:
            q = np.zeros(self._width(kind))
            q[q_idx] = q_val
            out[nb:] += _resize(tail, self._width(kind)) @ q

    def _score_all(self, q: sp.csr_matrix, target: str) -> np.ndarray:
        """Scores of one feature row against every physical row of the target side (dead rows included).

        q·row = concepts·concepts + Σ_j q_j × tf_j × idf_j / ‖tf ∘ idf‖ (× the scenario's term scale and
        query mask when the rows are scenarios): the same cosine as Q·Vᵀ, without materialising Q or V.
        """
        off = self.term_offset_
        idx, val = q.indices.astype(np.int64), q.data
        is_c = idx < off
        out = np.zeros(self._n_phys(target))
        self._product(target, "conc", idx[is_c], val[is_c], out)
        t_idx = idx[~is_c] - off
        if not len(t_idx):
            return out
        w = val[~is_c] * self._idf()[t_idx]
        if target == "s":
            mask = self._query_term_mask()
            if mask is not None:
                w = w * mask[t_idx]
        terms = np.zeros(len(out))
        self._product(target, "tf", t_idx, w, terms)
        norms = self._norms(target)
        factor = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        if target == "s":
            factor *= self.w_term_ + self.w_unc_ * (1.0 - self._phys_conf())
        out += terms * factor
        return out

    def _sim_rows(self, pos: np.ndarray) -> sp.csr_matrix:
        """Rows of the scenario similarity space (concept evidence + TF-IDF words) for physical positions."""
        a = self.similar_concept_weight
        conc = l2_normalize(self._rows("s", "ev", pos).astype(_DTYPE), copy=True) * math.sqrt(a)
        terms = self._tfidf(self._rows("s", "tf", pos)) * math.sqrt(1 - a)
        sim = sp.hstack([conc, terms], format="csr")
        sim.sort_indices()
        return sim

    def _sim_scores(self, q: sp.csr_matrix) -> np.ndarray:
        """Similarity of one row of that space with every physical scenario (dead rows included)."""
        a = self.similar_concept_weight
        n_c = self.n_concepts_
        idx, val = q.indices.astype(np.int64), q.data
        is_c = idx < n_c
        out = np.zeros(self._n_phys("s"))
        if is_c.any():
            unit = self._phys("ev_norm", "s", "ev", _row_norms)
            conc = np.zeros(len(out))
            self._product("s", "ev", idx[is_c], val[is_c], conc)
            out += conc * np.divide(math.sqrt(a), unit, out=np.zeros_like(unit), where=unit > 0)
        t_idx = idx[~is_c] - n_c
        if len(t_idx):
            terms = np.zeros(len(out))
            self._product("s", "tf", t_idx, val[~is_c] * self._idf()[t_idx], terms)
            norms = self._norms("s")
            out += terms * np.divide(math.sqrt(1 - a), norms, out=np.zeros_like(norms), where=norms > 0)
        return out

    def _query_row(self, doc: ScenarioDoc | VendorDoc) -> tuple[sp.csr_matrix, np.ndarray, dict[int, float]]:
        """Return (row in the shared feature space, concept evidence...) for a listing not necessarily indexed."""
        terms, ev, crow, _ = self._analyze(doc)
        idf = self._idf()
        idf_new = self._cache["idf_new"]
        trow: dict[int, float] = {}
        norm2 = 0.0
        for t, v in terms.items():
            j = self.vocabulary_.get(t)
            w = v * (idf[j] if j is not None else idf_new)
            norm2 += w * w
            if j is not None:
                trow[j] = w
        scale = (1.0 / math.sqrt(norm2)) if norm2 > 0 else 0.0
        if isinstance(doc, ScenarioDoc):
            cap_mass = sum(v for i, v in crow.items() if i < self.n_concepts_ and self._is_cap_list[i])
            conf = min(1.0, cap_mass / self.w_cap_) if self.w_cap_ > 0 else 1.0
            scale *= self._term_scale(conf)
        off = self.term_offset_
        row = dict(crow)
        mask = self._query_term_mask() if isinstance(doc, ScenarioDoc) else None
        for j, w in trow.items():
            if mask is None or mask[j]:
                row[off + j] = w * scale
        m = _csr([row], off + len(self.terms_))
        return m, idf, ev

    def _row_of(self, ref: Any, side: str) -> tuple[sp.csr_matrix, str | None, dict[int, float] | None]:
        """Resolve an id or a doc to its feature row. side: "s" or "v"."""
        self._check_fitted()
        cls = ScenarioDoc if side == "s" else VendorDoc
        if isinstance(ref, cls):
            m, _, ev = self._query_row(ref)
            return m, ref.id, ev
        if isinstance(ref, str):
            pos = self._pos[side]
            if ref not in pos:
                raise ValueError(f"unknown {'scenario' if side == 's' else 'vendor'} id {ref!r}")
            return self._feature_rows(side, np.array([pos[ref]])), ref, None
        raise ValueError(f"expected a {cls.__name__} or an id string, got {type(ref).__name__}")

    # ------------------------------------------------------------------ save / load
    def save(self, path: str | Path) -> None:
        """Write the fitted index to one .npz file (no pickle), stamped with format and version.

        Raises:
            ValueError: not fitted.
        """
        self._check_fitted()
        meta = {
            "format": INDEX_FORMAT,
            "version": INDEX_VERSION,
            "params": {k: v for k, v in self.get_params(deep=False).items() if k != "lexicon"},
            "lexicon": self.lexicon_.to_dict() if self.lexicon is not None else None,
            "lexicon_fingerprint": self.lexicon_.fingerprint,
            "scenario_ids": self.scenario_ids_,
            "vendor_ids": self.vendor_ids_,
            "terms": self.terms_,
            "term_surface": self.term_surface_,
            "n_fitted": self.n_fitted_,
            "s_chosen": {k: sorted(v) for k, v in self.s_chosen_.items()},
            "v_chosen": {k: sorted(v) for k, v in self.v_chosen_.items()},
            "n_changes": self.n_changes_,
        }
        arrays: dict[str, np.ndarray] = {
            "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            "df": self.df_,
        }
        for name in ("S_tf_", "S_concepts_", "S_evidence_", "V_tf_", "V_concepts_"):
            m = getattr(self, name)
            arrays[name + "data"] = m.data
            arrays[name + "indices"] = m.indices
            arrays[name + "indptr"] = m.indptr
            arrays[name + "shape"] = np.asarray(m.shape, dtype=np.int64)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]  # numpy's stub reads **kwds as allow_pickle

    @classmethod
    def load(cls, path: str | Path, lexicon: Lexicon | None = None) -> MatchIndex:
        """Read an index written by save.

        Args:
            path: the file.
            lexicon: if given, the index must have been fitted with a lexicon of the same content.
        Raises:
            ValueError: missing, foreign or corrupt file, another index version (stale), or a
                lexicon that changed since the index was fitted (refit then).
        """
        p = Path(path)
        try:
            with np.load(p, allow_pickle=False) as z:
                files = set(z.files)
                meta = json.loads(bytes(z["meta"]).decode("utf-8")) if "meta" in files else None
                arrays = {k: z[k] for k in files if k != "meta"}
        except (OSError, ValueError, zipfile.BadZipFile, KeyError, EOFError, UnicodeDecodeError) as exc:
            raise ValueError(f"{p} is not a readable Keting matching index ({type(exc).__name__})") from None
        if not isinstance(meta, dict) or meta.get("format") != INDEX_FORMAT:
            raise ValueError(f"{p} is not a Keting matching index")
        if meta.get("version") != INDEX_VERSION:
            raise ValueError(
                f"{p} is a stale matching index (version {meta.get('version')}, this library reads "
                f"version {INDEX_VERSION}); refit and save it again"
            )
        lex = Lexicon.from_dict(meta["lexicon"]) if meta["lexicon"] is not None else None
        fp = (lex or Lexicon([])).fingerprint
        if fp != meta["lexicon_fingerprint"]:
            raise ValueError(f"{p}: stored lexicon does not match its fingerprint; the file is corrupt")
        if lexicon is not None and lexicon.fingerprint != fp:
            raise ValueError(f"{p} was fitted with another lexicon (stale); refit with the current lexicon")
        m = cls(lexicon=lex, **meta["params"])
        m._check_params()
        m._setup()
        m.terms_ = list(meta["terms"])
        m.vocabulary_ = {t: i for i, t in enumerate(m.terms_)}
        m.term_surface_ = dict(meta["term_surface"])
        m.n_fitted_ = int(meta["n_fitted"])
        m.s_chosen_ = {k: frozenset(v) for k, v in meta["s_chosen"].items()}
        m.v_chosen_ = {k: frozenset(v) for k, v in meta["v_chosen"].items()}
        m.n_changes_ = int(meta["n_changes"])
        m.df_ = arrays["df"].astype(np.int64)
        rows: dict[str, sp.csr_matrix] = {}
        for name in ("S_tf_", "S_concepts_", "S_evidence_", "V_tf_", "V_concepts_"):
            shape = tuple(int(x) for x in arrays[name + "shape"])
            rows[name] = sp.csr_matrix(
                (arrays[name + "data"], arrays[name + "indices"], arrays[name + "indptr"]), shape=shape
            )
        m._journal = []
        m._set_storage(
            {
                "s": {"tf": rows["S_tf_"], "conc": rows["S_concepts_"], "ev": rows["S_evidence_"]},
                "v": {"tf": rows["V_tf_"], "conc": rows["V_concepts_"]},
            },
            {"s": list(meta["scenario_ids"]), "v": list(meta["vendor_ids"])},
        )
        return m
