"""Scoring, top-k and reasons on top of the fitted index.

Scores are sparse products of a query row with an inverted index (feature × listing), so a
query touches only the postings of its own features; nothing ever builds a dense
scenarios × vendors matrix. Ties are broken by ascending id, so results are reproducible.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from .index import _DTYPE, GEN_LABEL, MatchIndex, _ranks_of, _resize
from .types import MatchResult, Reason, ScenarioDoc, VendorDoc

__all__ = ["Matcher"]

_ROUND = 9  # scores equal to 9 decimals count as tied (then ids decide)
# A score within this of the generalist credit alone is that credit alone (scores are rounded to _ROUND decimals,
# which can lift one by up to 5e-10).
_GEN_EPS = 1e-9


def _topk(cand: np.ndarray, vals: np.ndarray, k: int | None, ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return the k best (candidates, scores): score descending, then id ascending (ids[c] is c's id)."""
    vals = np.round(vals, _ROUND)
    if k is not None and len(cand) > k:
        kth = -np.partition(-vals, k - 1)[k - 1]
        keep = vals >= kth
        cand, vals = cand[keep], vals[keep]
    order = np.lexsort((_ranks_of([ids[c] for c in cand]), -vals))
    if k is not None:
        order = order[:k]
    return cand[order], vals[order]


_KEEP_SYMBOLS = frozenset({"c++", "c#", "f#", "ai+"})


def clean_term(label: str) -> str:
    """Return a keyword as a reader should see it: no leading or trailing punctuation ("ai+" stays)."""
    if label in _KEEP_SYMBOLS:
        return label.upper() if label == "ai+" else label
    return label.strip("+#-_.·/\\|,;:!?()[]{}\"'")


def _check_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")


def _check_k(k: int | None) -> None:
    if k is not None and (not isinstance(k, int) or isinstance(k, bool) or k < 1):
        raise ValueError(f"k must be a positive int or None, got {k!r}")


class Matcher(MatchIndex):
    """Rank vendors for scenarios, scenarios for vendors, and similar scenarios, with reasons.

    scikit-learn contract: __init__ stores the parameters (see MatchIndex for each one and its
    default), fit(scenarios, vendors) returns self, learned attributes end in "_".

    Example:
        m = Matcher(lexicon=Lexicon.load(path)).fit(scenarios, vendors)
        m.rank_vendors("s1", k=10, lang="zh")
    """

    # ------------------------------------------------------------------ reasons
    def _term_label(self, col: int) -> str:
        """The reader's form of a term column's word ("" when nothing is left to show); kept once computed."""
        label = self._term_labels.get(col)
        if label is None:
            t = self.terms_[col]
            label = self._term_labels[col] = clean_term(self.term_surface_.get(t, t))
        return label

    def _reasons_many(
        self,
        q: sp.csr_matrix,
        rows: sp.csr_matrix,
        scores: list[float],
        lang: str,
        q_chosen: Collection[str],
        t_chosen: list[Collection[str]],
        q_side: str,
    ) -> list[tuple[Reason, ...]]:
        """The reasons of one query row with each of many rows (its side: q_side), in one vectorised pass."""
        n = rows.shape[0]
        if not n or not q.nnz:
            return [() for _ in range(n)]
        qs = q[np.zeros(n, dtype=np.int64)]
        q_keys, t_keys = [0] * n, list(range(n))
        q_map, t_map = {0: q_chosen}, dict(enumerate(t_chosen))
        if q_side == "scenario":
            cols = self._reason_entries(qs, rows, np.asarray(scores, dtype=_DTYPE), q_keys, t_keys, q_map, t_map)
        else:
            cols = self._reason_entries(rows, qs, np.asarray(scores, dtype=_DTYPE), t_keys, q_keys, t_map, q_map)
        return self._reason_tuples(*cols, lang)

    def _reason_entries(
        self,
        S: sp.csr_matrix,
        V: sp.csr_matrix,
        score: np.ndarray,
        s_keys: Sequence[Any],
        v_keys: Sequence[Any],
        s_chosen: Mapping[Any, Collection[str]],
        v_chosen: Mapping[Any, Collection[str]],
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The reasons of pairs (row i of S, the scenarios' side, with row i of V, the vendors'), as columns.

        A pair's reasons are the columns it shares, biggest share of its score first: at most max_concept_reasons
        concepts (the industry-agnostic credit among them when its share counts), then at most max_term_reasons
        words, each with a share of at least min_reason_share. A capability is listed only when both sides really
        have it: the vendor's strength on it is above what taxonomy parents alone give (parent_credit). Each
        concept says which posters selected it (chosen_by); the others were read from the texts.

        Returns (indptr, column, share, chosen): pair i's reasons are entries indptr[i]:indptr[i+1], in the order
        and selection above; chosen is 1 (the scenario's poster chose the concept) | 2 (the
        vendor's), looked up as s_chosen[s_keys[i]] and v_chosen[v_keys[i]]. The pairs' contributions are ordered
        per pair (biggest first, then by column) and the per-kind limits applied with running counts, so Python
        only touches what is kept.
        """
        n = len(score)
        n_feat = max(S.shape[1], V.shape[1])
        S, V = _resize(S, n_feat), _resize(V, n_feat)
        S.sort_indices()
        V.sort_indices()
        P = S.multiply(V).tocsr()
        P.sort_indices()
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(P.indptr))
        cols = P.indices.astype(np.int64)
        contrib = P.data
        # The vendor's own value on each shared column (a capability it only has through a parent is no reason).
        v_rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(V.indptr))
        v_at = v_rows * n_feat + V.indices
        vendor_val = V.data[np.searchsorted(v_at, rows * n_feat + cols)] if len(cols) else contrib
        s = score[rows]
        share = np.divide(contrib, s, out=np.zeros_like(contrib), where=s > 0)
        # Only a share of at least min_reason_share is ever shown: sort just those.
        big = (s > 0) & (share >= self.min_reason_share)
        rows, cols, contrib, vendor_val, share = rows[big], cols[big], contrib[big], vendor_val[big], share[big]
        order = np.lexsort((cols, -contrib, rows))
        rows, cols, vendor_val, share = rows[order], cols[order], vendor_val[order], share[order]
        n_c = self.n_concepts_
        concept = cols < n_c
        cap = np.zeros(len(cols), dtype=bool)
        cap[concept] = self.is_capability_[cols[concept]]
        real = self.parent_credit + 0.05
        term = cols > n_c
        term_ok = np.zeros(len(cols), dtype=bool)
        if term.any():
            off = self.term_offset_
            uniq = np.unique(cols[term])
            labelled = np.zeros(int(uniq[-1]) + 1, dtype=bool)
            labelled[uniq] = [bool(self._term_label(int(c) - off)) for c in uniq]
            term_ok[term] = labelled[cols[term]]
        starts = np.searchsorted(rows, rows, side="left")

        def first(mask: np.ndarray, m: int) -> np.ndarray:
            """mask, keeping only each pair's first m entries of it."""
            counts = np.cumsum(mask)
            before = np.where(starts > 0, counts[np.maximum(starts - 1, 0)], 0)
            return mask & (counts - before <= m)

        concepts = first(concept & ~(cap & (vendor_val < real)), self.max_concept_reasons)
        group = first(concepts | (cols == n_c), max(self.max_concept_reasons, 1))
        terms = first(term_ok, self.max_term_reasons)
        keep = group | terms
        final = np.lexsort((np.arange(len(cols))[keep], terms[keep], rows[keep]))
        rows, cols, share = rows[keep][final], cols[keep][final], share[keep][final]
        chosen = np.zeros(len(cols), dtype=np.int8)
        is_concept = cols < n_c
        if is_concept.any():
            # Which concepts each pair's posters chose, as keys (pair's listing slot × n_c + concept) to look up at once.
            index = self.lexicon_.index
            for bit, keys_of, chosen_by in ((1, s_keys, s_chosen), (2, v_keys, v_chosen)):
                slot: dict[Any, int] = {}
                keys: list[int] = []
                for x in keys_of:
                    if x not in slot:
                        slot[x] = len(slot)
                        keys.extend(slot[x] * n_c + index[c] for c in chosen_by.get(x, ()) if c in index)
                if not keys:
                    continue
                slots = np.fromiter((slot[x] for x in keys_of), dtype=np.int64, count=n)
                hit = np.isin(slots[rows[is_concept]] * n_c + cols[is_concept], np.asarray(keys, dtype=np.int64))
                chosen[is_concept] |= (hit * bit).astype(np.int8)
        return np.searchsorted(rows, np.arange(n + 1)), cols, share, chosen

    def _reason_tuples(
        self, indptr: np.ndarray, cols: np.ndarray, shares: np.ndarray, chosen: np.ndarray, lang: str
    ) -> list[tuple[Reason, ...]]:
        """_reason_entries' columns as one tuple of Reasons per pair."""
        cols_l, shares_l, chosen_l, ptr = cols.tolist(), shares.tolist(), chosen.tolist(), indptr.tolist()
        return [
            tuple(self._reason_at(cols_l[j], shares_l[j], chosen_l[j], lang) for j in range(ptr[i], ptr[i + 1]))
            for i in range(len(ptr) - 1)
        ]

    def _reason_at(self, column: int, share: float, chosen: int, lang: str) -> Reason:
        n_c = self.n_concepts_
        if column < n_c:
            c = self.lexicon_.concepts[column]
            by = tuple(side for bit, side in ((1, "scenario"), (2, "vendor")) if chosen & bit)
            return Reason(c.kind, c.code, c.label(lang), share, by)
        if column == n_c:
            return Reason("industry", None, GEN_LABEL[lang], share)
        return Reason("term", None, self._term_label(column - self.term_offset_), share)

    def reason_columns(
        self, scenario_ids: Sequence[str], vendor_ids: Sequence[str], scores: Sequence[float]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Return the reasons of many (scenario, vendor, score) pairs at once, as columns: (indptr, column, share, chosen).

        Pair i's reasons are entries indptr[i]:indptr[i+1], in the order and selection rank_vendors gives
        them; chosen is 1 (the scenario's poster chose the concept) | 2 (the vendor's); reason_at turns one
        entry into a Reason. One vectorised pass for all pairs, for callers storing millions of them.

        Raises:
            ValueError: an unknown id, lengths that differ, or not fitted.
        """
        self._check_fitted()
        if not len(scenario_ids) == len(vendor_ids) == len(scores):
            raise ValueError("scenario_ids, vendor_ids and scores must have the same length")
        for ids, pos, side in ((scenario_ids, self._s_pos, "scenario"), (vendor_ids, self._v_pos, "vendor")):
            for x in ids:
                if x not in pos or not self._alive[side[0]][pos[x]]:
                    raise ValueError(f"unknown {side} id {x!r}")
        n = len(scores)
        s_pos = np.fromiter((self._s_pos[x] for x in scenario_ids), dtype=np.int64, count=n)
        v_pos = np.fromiter((self._v_pos[x] for x in vendor_ids), dtype=np.int64, count=n)
        return self._reason_entries(
            self._query_rows("s", s_pos),
            self._query_rows("v", v_pos),
            np.asarray(scores, dtype=_DTYPE),
            scenario_ids,
            vendor_ids,
            self.s_chosen_,
            self.v_chosen_,
        )

    def _query_rows(self, side: str, pos: np.ndarray) -> sp.csr_matrix:
        """Feature rows of these physical positions: slices of the whole-catalogue Q or V when a batched product
        built it and no row was removed since (then positions and its rows agree), else computed for them alone."""
        whole = self._cache.get("Q" if side == "s" else "V")
        if whole is not None and not self._n_dead[side] and whole.shape[0] == self._n_phys(side):
            return whole[pos]
        return self._feature_rows(side, pos)

    def reason_at(self, column: int, share: float, chosen: int, lang: str = "zh") -> Reason:
        """Return one entry of reason_columns as a Reason (label in lang)."""
        _check_lang(lang)
        return self._reason_at(column, share, chosen, lang)

    def reasons_for(
        self, scenario_id: str, vendors: Sequence[tuple[str, float]], lang: str = "zh"
    ) -> list[tuple[Reason, ...]]:
        """Return the reasons of these (vendor id, score) pairs of an indexed scenario, as rank_vendors gives them.

        For all_pairs(with_reasons=False) callers that keep only some of the pairs: reasons cost more than scores.

        Raises:
            ValueError: an unknown id, bad lang, or not fitted.
        """
        _check_lang(lang)
        cols = self.reason_columns([scenario_id] * len(vendors), [v for v, _ in vendors], [s for _, s in vendors])
        return self._reason_tuples(*cols, lang)

    # ------------------------------------------------------------------ penalties
    def _penalty_factors(
        self,
        q_row: sp.csr_matrix,
        cand: np.ndarray,
        penalties: Mapping[tuple[str, str], float],
        fixed_vendor: str | None,
    ) -> np.ndarray:
        """Return a factor per candidate: Π (1 − penalty × the scenario's mass on the concept)."""
        factors = np.ones(len(cand))
        lex = self.lexicon_
        # The mix is what the penalty scales by, whatever the confidence that scaled the row.
        cand_conc: sp.csr_matrix | None = None
        if fixed_vendor is None:
            cap_cols = q_row.indices < self.n_concepts_
            cap_cols[cap_cols] = self.is_capability_[q_row.indices[cap_cols]]
            q_conf = float(q_row.data[cap_cols].sum()) / self.w_cap_ if self.w_cap_ > 0 else 1.0
        else:
            s_conf = self._phys_conf()[cand]
        for key, p in penalties.items():
            if not isinstance(key, tuple) or len(key) != 2:
                raise ValueError("penalties keys must be (vendor_id, concept_code) tuples")
            vid, code = key
            if not isinstance(p, (int, float)) or not 0 <= p <= 1:
                raise ValueError(f"penalty for {key!r} must be a number in 0..1, got {p!r}")
            col = lex.index.get(code)
            if col is None or p == 0:
                continue
            is_cap = bool(self.is_capability_[col])
            w = self.w_cap_ if is_cap else self.w_ind_
            if w <= 0:
                continue
            if fixed_vendor is None:  # scenario → vendors: one scenario, mass from its row
                pos = self._v_pos.get(vid)
                if pos is None:
                    continue
                scale = w * q_conf if is_cap else w
                mass = float(q_row[0, col]) / scale if scale > 0 else 0.0
                hit = cand == pos
                factors[hit] *= max(0.0, 1.0 - p * mass)
            else:  # vendor → scenarios: the mass differs per scenario
                if vid != fixed_vendor:
                    continue
                if cand_conc is None:
                    cand_conc = self._rows("s", "conc", cand)
                masses = np.asarray(cand_conc[:, col].todense()).ravel() / w
                if is_cap:
                    masses = np.divide(masses, s_conf, out=np.zeros_like(masses), where=s_conf > 0)
                factors *= np.clip(1.0 - p * masses, 0.0, 1.0)
        return factors

    # ------------------------------------------------------------------ ranking
    def _rank(
        self,
        q: sp.csr_matrix,
        target: str,
        k: int | None,
        lang: str,
        penalties: Mapping[tuple[str, str], float] | None,
        exclude: Collection[str],
        self_id: str | None,
        fixed_vendor: str | None = None,
        q_chosen: Collection[str] = (),
        with_reasons: bool = True,
    ) -> list[MatchResult]:
        ids = self._ids[target]
        n_f = self.term_offset_ + len(self.terms_)
        if q.shape[1] != n_f:
            q = sp.csr_matrix((q.data, q.indices, q.indptr), shape=(1, n_f))
        vals = self._score_all(q, target)
        threshold = self._gen_only(q, target)
        cand = np.flatnonzero((vals > threshold) & self._alive[target])
        vals = vals[cand]
        if penalties:
            vals = vals * self._penalty_factors(q, cand, penalties, fixed_vendor)
        drop = set(exclude or ())
        if self_id is not None:
            drop.add(self_id)
        if drop:
            pos_map = self._pos[target]
            bad = [pos_map[x] for x in drop if x in pos_map]
            if bad:
                keep = ~np.isin(cand, bad)
                cand, vals = cand[keep], vals[keep]
        cand, vals = _topk(cand, vals, k, ids)
        scores = np.minimum(np.maximum(vals, 0.0), 1.0)
        cand, scores = cand[scores > 0], scores[scores > 0].tolist()
        found = [ids[c] for c in cand]
        if with_reasons:
            chosen = self.v_chosen_ if target == "v" else self.s_chosen_
            reasons = self._reasons_many(
                q,
                self._feature_rows(target, cand),
                scores,
                lang,
                q_chosen,
                [chosen.get(x, ()) for x in found],
                "scenario" if target == "v" else "vendor",
            )
        else:
            reasons = [()] * len(found)
        if target == "v":
            return [
                MatchResult(vendor_id=x, score=s, reasons=rs) for x, s, rs in zip(found, scores, reasons, strict=True)
            ]
        return [
            MatchResult(scenario_id=x, score=s, reasons=rs) for x, s, rs in zip(found, scores, reasons, strict=True)
        ]

    def _gen_only(self, q: sp.csr_matrix, target: str) -> np.ndarray | float:
        """Return each target row's score from the industry-agnostic column alone.

        A pair whose whole score is that credit shares nothing with the query, so it is dropped.
        """
        hit = np.flatnonzero(q.indices == self.gen_col_)
        if not len(hit):
            return 0.0
        return float(q.data[hit[0]]) * self._phys_gen(target) + _GEN_EPS

    def rank_vendors(
        self,
        scenario: str | ScenarioDoc,
        k: int | None = 10,
        lang: str = "zh",
        penalties: Mapping[tuple[str, str], float] | None = None,
        exclude: Collection[str] = (),
        with_reasons: bool = True,
    ) -> list[MatchResult]:
        """Rank vendors for a scenario (an indexed id, or a ScenarioDoc that need not be indexed).

        Args:
            scenario: scenario id or ScenarioDoc.
            k: how many results (None: every vendor with a positive score).
            lang: language of the reason labels, "zh" or "en".
            penalties: {(vendor_id, concept_code): p in 0..1}. A vendor's score is multiplied by
                (1 − p × m), m being the scenario's share on that concept (its capability or
                industry mix); e.g. feedback "not relevant for visual-inspection scenarios".
            exclude: vendor ids to leave out.
            with_reasons: False leaves every reasons tuple empty (faster when only scores are wanted).
        Returns:
            MatchResults with vendor_id, best first (score desc, then id asc); only scores > 0.
        Raises:
            ValueError: unknown id, bad k, lang or penalties, or not fitted.
        """
        _check_lang(lang)
        _check_k(k)
        q, _, _ = self._row_of(scenario, "s")
        return self._rank(
            q, "v", k, lang, penalties, exclude, None, q_chosen=self._chosen(scenario, "s"), with_reasons=with_reasons
        )

    def rank_scenarios(
        self,
        vendor: str | VendorDoc,
        k: int | None = 10,
        lang: str = "zh",
        penalties: Mapping[tuple[str, str], float] | None = None,
        exclude: Collection[str] = (),
        with_reasons: bool = True,
    ) -> list[MatchResult]:
        """Rank scenarios for a vendor with the same score as rank_vendors (symmetric).

        Args:
            vendor: vendor id or VendorDoc.
            k, lang: as in rank_vendors.
            penalties: as in rank_vendors; only entries for this vendor apply.
            exclude: scenario ids to leave out.
            with_reasons: as in rank_vendors.
        Returns:
            MatchResults with scenario_id, best first.
        Raises:
            ValueError: unknown id, bad k or lang, or not fitted.
        """
        _check_lang(lang)
        _check_k(k)
        q, vid, _ = self._row_of(vendor, "v")
        return self._rank(
            q,
            "s",
            k,
            lang,
            penalties,
            exclude,
            None,
            fixed_vendor=vid,
            q_chosen=self._chosen(vendor, "v"),
            with_reasons=with_reasons,
        )

    def similar_scenarios(
        self, scenario: str | ScenarioDoc, k: int | None = 10, min_score: float = 0.0, lang: str = "zh"
    ) -> list[MatchResult]:
        """Return near-duplicate scenarios: cosine over concepts and TF-IDF words, itself excluded.

        Args:
            scenario: scenario id or ScenarioDoc.
            k: how many results (None: all with score > min_score).
            min_score: keep only scores above this (e.g. 0.6 to flag duplicates).
            lang: language of reason labels.
        Returns:
            MatchResults with scenario_id; reasons are the shared concepts and terms.
        Raises:
            ValueError: unknown id, bad k or lang, or not fitted.
        """
        _check_lang(lang)
        _check_k(k)
        self._check_fitted()
        if isinstance(scenario, ScenarioDoc):
            q = self._sim_row(scenario)
            self_id = scenario.id
        elif isinstance(scenario, str):
            if scenario not in self._s_pos:
                raise ValueError(f"unknown scenario id {scenario!r}")
            q = self._sim_rows(np.array([self._s_pos[scenario]]))
            self_id = scenario
        else:
            raise ValueError(f"expected a ScenarioDoc or an id string, got {type(scenario).__name__}")
        vals = self._sim_scores(q)
        keep = (vals > min_score) & (vals != 0) & self._alive["s"]
        if self_id in self._s_pos:
            keep[self._s_pos[self_id]] = False
        cand = np.flatnonzero(keep)
        cand, vals = _topk(cand, vals[cand], k, self._ids["s"])
        sim = self._sim_rows(cand)
        out = []
        for r, (c, s) in enumerate(zip(cand, vals, strict=False)):
            s = float(min(s, 1.0))
            a, b = sim.indptr[r], sim.indptr[r + 1]
            common, iq, it = np.intersect1d(q.indices, sim.indices[a:b], assume_unique=True, return_indices=True)
            contrib = q.data[iq] * sim.data[a:b][it]
            reasons = [
                self._sim_reason_at(int(common[o]), float(contrib[o]) / s if s > 0 else 0.0, lang)
                for o in np.argsort(-contrib, kind="stable")[: self.max_concept_reasons + self.max_term_reasons]
                if (float(contrib[o]) / s if s > 0 else 0.0) >= self.min_reason_share
            ]
            out.append(MatchResult(scenario_id=self._ids["s"][c], score=s, reasons=tuple(reasons)))
        return out

    def similar_pairs(
        self,
        refs: Sequence[str | ScenarioDoc] | None = None,
        k: int = 5,
        min_score: float = 0.0,
        lang: str = "zh",
        batch_size: int = 2000,
        skip: Collection[tuple[str, str]] = (),
        n_threads: int | None = None,
    ) -> Iterator[tuple[str, list[MatchResult]]]:
        """Yield (scenario id, its near-duplicates) for many scenarios at once, in the order given.

        Row by row the same as similar_scenarios(ref, k, min_score, lang). Similarity is symmetric, so each pair
        of indexed refs is computed once: the refs' rows are cut into blocks of batch_size, and a block is
        multiplied (sparse_dot_topn's threaded top-n product when installed, else scipy) only with its own block,
        the blocks after it and the indexed scenarios that are not refs; what it finds for a later block's
        scenario is kept for that one. A row the top-n product may have cut is multiplied again in full.

        Args:
            refs: indexed scenario ids and ScenarioDocs (not indexed); None: every indexed scenario.
            k: near-duplicates per scenario.
            min_score: keep only similarities above this (e.g. the duplicate threshold).
            lang: language of reason labels.
            batch_size: scenarios per product (bounds memory).
            skip: (scenario id, other id) pairs to leave out of what is yielded once the top k is taken. Those in
                it when a block starts get no reasons worked out; it is read again as each row is yielded, so a
                caller may add to it meanwhile (a pair flagged from one side, skipped from the other).
            n_threads: threads for sparse_dot_topn (None: all cores).
        Raises:
            ValueError: an unknown id, bad k or lang, or not fitted.
        """
        _check_lang(lang)
        _check_k(k)
        self._check_fitted()
        self.consolidate()  # the similarity rows are then the physical ones
        if refs is None:
            refs = list(self.scenario_ids_)
        for ref in refs:
            if isinstance(ref, str):
                if not self.has_scenario(ref):
                    raise ValueError(f"unknown scenario id {ref!r}")
            elif not isinstance(ref, ScenarioDoc):
                raise ValueError(f"expected a ScenarioDoc or an id string, got {type(ref).__name__}")
        n = self._n_live("s")
        if n == 0:
            for ref in refs:
                yield (ref if isinstance(ref, str) else ref.id), []
            return
        if "SIM" not in self._cache:
            self._cache["SIM"] = self._sim_rows(np.arange(n, dtype=np.int64))
        sim = self._cache["SIM"]
        try:
            from sparse_dot_topn import sp_matmul_topn
        except ImportError:  # optional dependency
            sp_matmul_topn = None
        if n_threads is None:
            import os

            n_threads = os.cpu_count() or 1
        rank = self._id_rank("s")
        ids = self.scenario_ids_
        top_n = k + 1 + 8  # one more for the scenario itself, and slack for ties

        # Blocks of refs; each indexed ref is a column of its own block's part (its first occurrence only).
        blocks = [refs[i : i + batch_size] for i in range(0, len(refs), batch_size)]
        owner = np.full(n, len(blocks), dtype=np.int64)  # block whose part holds each position (rest: last)
        parts: list[list[int]] = []
        for b, chunk in enumerate(blocks):
            part = []
            for ref in chunk:
                if isinstance(ref, str) and owner[self._s_pos[ref]] == len(blocks):
                    owner[self._s_pos[ref]] = b
                    part.append(self._s_pos[ref])
            parts.append(part)
        parts.append(np.flatnonzero(owner == len(blocks)).tolist())
        part_t = [sim[np.asarray(p, dtype=np.int64)].T.tocsr() for p in parts]

        def product(rows: sp.csr_matrix, c: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            """(row, position, similarity) above min_score of these rows with part c, every one of them."""
            cols_of = np.asarray(parts[c], dtype=np.int64)
            if not len(cols_of) or not rows.shape[0]:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
            full = np.zeros(rows.shape[0], dtype=bool)
            if sp_matmul_topn is not None and top_n < len(cols_of):
                C = sp_matmul_topn(
                    rows,
                    part_t[c],
                    top_n=top_n,
                    threshold=min_score,
                    sort=False,
                    n_threads=n_threads if n_threads > 1 else None,
                )
                full = np.diff(C.indptr) >= top_n  # may have been cut: multiplied again in full below
            else:
                C = (rows @ part_t[c]).tocsr()
            r = np.repeat(np.arange(rows.shape[0], dtype=np.int64), np.diff(C.indptr))
            pos, val = C.indices.astype(np.int64), C.data
            keep = (val > min_score) & ~full[r]
            r, pos, val = r[keep], pos[keep], val[keep]
            if full.any():
                redo = np.flatnonzero(full)
                F = (rows[redo] @ part_t[c]).tocsr()
                fr = redo[np.repeat(np.arange(len(redo)), np.diff(F.indptr))]
                fk = F.data > min_score
                r = np.concatenate([r, fr[fk]])
                pos = np.concatenate([pos, F.indices.astype(np.int64)[fk]])
                val = np.concatenate([val, F.data[fk]])
            return r, cols_of[pos], val

        # Pairs found for a later block's scenarios, per block: (their position, the other's position, similarity).
        carried: list[list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = [[] for _ in blocks]
        for b, chunk in enumerate(blocks):
            keys = [ref if isinstance(ref, str) else ref.id for ref in chunk]
            pos_of = np.array([self._s_pos[r] if isinstance(r, str) else -1 for r in chunk], dtype=np.int64)
            # The row itself is never its own duplicate (a draft is not a duplicate of its published self either).
            self_pos = np.array(
                [self._s_pos[r] if isinstance(r, str) else self._s_pos.get(r.id, -1) for r in chunk], dtype=np.int64
            )
            # A row is "own" when this block's part holds it: its pairs with earlier parts were carried to it.
            own = np.zeros(len(chunk), dtype=bool)
            taken: set[int] = set()
            for r, p in enumerate(pos_of.tolist()):
                if p >= 0 and owner[p] == b and p not in taken:
                    own[r] = True
                    taken.add(p)
            indexed_r = np.flatnonzero(pos_of >= 0)
            docs = np.flatnonzero(pos_of < 0)
            doc_refs = [d for d in chunk if isinstance(d, ScenarioDoc)]
            if len(docs):
                stacked = sp.vstack(
                    [sim[pos_of[indexed_r]]] + [_resize(self._sim_row(d), sim.shape[1]) for d in doc_refs],
                    format="csr",
                )
                at = np.empty(len(chunk), dtype=np.int64)
                at[indexed_r] = np.arange(len(indexed_r))
                at[docs] = len(indexed_r) + np.arange(len(docs))
                rows_m = stacked[at]
            else:
                rows_m = sim[pos_of]
            own_rows = np.flatnonzero(own)
            rest_rows = np.flatnonzero(~own)
            found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (row in chunk, position, similarity)
            for c in range(len(parts)):
                if c >= b or c == len(blocks):
                    hit_r, hit_p, hit_v = product(rows_m[own_rows], c)
                    hit_r = own_rows[hit_r]
                    found.append((hit_r, hit_p, hit_v))
                    if b < c < len(blocks):  # the other side's pairs with this block, for when its turn comes
                        carried[c].append((hit_p, pos_of[hit_r], hit_v))
                hit_r, hit_p, hit_v = product(rows_m[rest_rows], c)
                found.append((rest_rows[hit_r], hit_p, hit_v))
            if carried[b]:
                row_at = np.full(n, -1, dtype=np.int64)
                row_at[pos_of[own_rows]] = own_rows
                found += [(row_at[y], x, v) for y, x, v in carried[b]]
                carried[b] = []
            rows = np.concatenate([f[0] for f in found])
            cols = np.concatenate([f[1] for f in found])
            vals = np.round(np.concatenate([f[2] for f in found]), _ROUND)
            keep = cols != self_pos[rows]
            rows, cols, vals = rows[keep], cols[keep], vals[keep]
            order = np.lexsort((rank[cols], -vals, rows))
            rows, cols, vals = rows[order], cols[order], vals[order]
            within = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
            sel = within < k
            rows, cols, vals = rows[sel], cols[sel], np.minimum(vals[sel], 1.0)
            if skip:
                wanted = np.fromiter(
                    ((keys[r], ids[c]) not in skip for r, c in zip(rows.tolist(), cols.tolist(), strict=True)),
                    dtype=bool,
                    count=len(rows),
                )
                rows, cols, vals = rows[wanted], cols[wanted], vals[wanted]
            r_ptr, r_cols, r_shares = self._sim_reason_columns(rows_m, sim, rows, cols, vals)
            bounds = np.searchsorted(rows, np.arange(len(chunk) + 1)).tolist()
            cols_l, vals_l, r_ptr_l = cols.tolist(), vals.tolist(), r_ptr.tolist()
            uniq, which = np.unique(r_cols, return_inverse=True)
            labels = [self._sim_label(c, lang) for c in uniq.tolist()]
            entries = [
                Reason(labels[w][0], labels[w][1], labels[w][2], sh)
                for w, sh in zip(which.tolist(), r_shares.tolist(), strict=True)
            ]
            for r, key in enumerate(keys):
                out = []
                for j in range(bounds[r], bounds[r + 1]):
                    other = ids[cols_l[j]]
                    if (key, other) not in skip:
                        reasons = tuple(entries[r_ptr_l[j] : r_ptr_l[j + 1]])
                        out.append(MatchResult(scenario_id=other, score=vals_l[j], reasons=reasons))
                yield key, out

    def _sim_reason_columns(
        self, block: sp.csr_matrix, sim: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What query rows block[rows] share with the scenarios sim[cols] of similarity scores: (indptr, column, share).

        Pair i's entries are indptr[i]:indptr[i+1], biggest share first, as similar_scenarios lists them.
        """
        n = len(rows)
        if not n:
            return np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        n_feat = max(block.shape[1], sim.shape[1])
        P = _resize(block[rows], n_feat).multiply(_resize(sim[cols], n_feat)).tocsr()
        P.sort_indices()
        pair = np.repeat(np.arange(n, dtype=np.int64), np.diff(P.indptr))
        col, contrib = P.indices.astype(np.int64), P.data
        s = scores[pair]
        share = np.divide(contrib, s, out=np.zeros_like(contrib), where=s > 0)
        # A pair's shares at or above min_reason_share are a prefix of its entries by contribution: sort only them.
        big = share >= self.min_reason_share
        pair, col, contrib, share = pair[big], col[big], contrib[big], share[big]
        order = np.lexsort((col, -contrib, pair))
        pair, col, share = pair[order], col[order], share[order]
        within = np.arange(len(pair)) - np.searchsorted(pair, pair, side="left")
        keep = within < self.max_concept_reasons + self.max_term_reasons
        pair, col, share = pair[keep], col[keep], share[keep]
        return np.searchsorted(pair, np.arange(n + 1)), col, share

    def _sim_label(self, col: int, lang: str) -> tuple[str, str | None, str]:
        """(kind, code, label) of one column of the similarity space (concepts first, then words)."""
        n_c = self.n_concepts_
        if col < n_c:
            con = self.lexicon_.concepts[col]
            return con.kind, con.code, con.label(lang)
        t = self.terms_[col - n_c]
        return "term", None, self.term_surface_.get(t, t)

    def _sim_reason_at(self, col: int, share: float, lang: str) -> Reason:
        """One shared column of the similarity space as a Reason."""
        return Reason(*self._sim_label(col, lang), share)

    def _sim_row(self, doc: ScenarioDoc) -> sp.csr_matrix:
        import math

        from .index import l2_normalize as l2

        terms, ev, _, _ = self._analyze(doc)
        idf = self._idf()
        a = self.similar_concept_weight
        n_c = self.n_concepts_
        conc = sp.csr_matrix((list(ev.values()), (np.zeros(len(ev), dtype=np.int64), list(ev.keys()))), shape=(1, n_c))
        conc = l2(conc) * math.sqrt(a)
        cols, vals, norm2 = [], [], 0.0
        for t, v in terms.items():
            j = self.vocabulary_.get(t)
            w = v * (idf[j] if j is not None else self._cache["idf_new"])
            norm2 += w * w
            if j is not None:
                cols.append(j)
                vals.append(w)
        scale = math.sqrt(1 - a) / math.sqrt(norm2) if norm2 > 0 else 0.0
        trow = sp.csr_matrix(
            (np.asarray(vals) * scale, (np.zeros(len(cols), dtype=np.int64), cols)), shape=(1, len(self.terms_))
        )
        return sp.hstack([conc, trow], format="csr")

    def all_pairs(
        self,
        k: int = 10,
        lang: str = "zh",
        with_reasons: bool = True,
        batch_size: int = 4096,
        n_threads: int | None = None,
        scenario_ids: Sequence[str] | None = None,
        min_score: float = 0.0,
    ) -> Iterator[tuple[str, list[MatchResult]]]:
        """Yield (scenario_id, top-k vendor MatchResults) for every indexed scenario, in index order.

        Uses sparse_dot_topn's threaded top-n product when it is installed (else scipy, batch by
        batch). Results equal rank_vendors(scenario_id, k) for each scenario, cut at min_score: a
        row whose top-n product may have left out a tie at the k-th place (or a candidate hidden
        behind industry-credit-only ones) is ranked again in full.

        Args:
            k: results per scenario.
            lang: language of reasons.
            with_reasons: False skips reasons (faster; see reason_columns and reasons_for).
            batch_size: scenarios per product batch (bounds memory).
            n_threads: threads for sparse_dot_topn (None: all cores).
            scenario_ids: rank only these indexed scenarios, in this order (None: all, in index order).
            min_score: leave out results scoring below this (so only ties above it need settling).
        Raises:
            ValueError: bad k or lang, an unknown scenario id, or not fitted.
        """
        _check_lang(lang)
        _check_k(k)
        self._check_fitted()
        self.consolidate()  # Q's and V's rows are then the physical ones
        Q = self._q_matrix()
        V = self._v_matrix()
        n_v = V.shape[0]
        if scenario_ids is None:
            positions = np.arange(Q.shape[0], dtype=np.int64)
        else:
            missing = [s for s in scenario_ids if s not in self._s_pos]
            if missing:
                raise ValueError(f"unknown scenario id {missing[0]!r}")
            positions = np.fromiter((self._s_pos[s] for s in scenario_ids), dtype=np.int64, count=len(scenario_ids))
        sids_all, vids = self.scenario_ids_, self.vendor_ids_
        if n_v == 0 or not len(positions):
            for p in positions.tolist():
                yield sids_all[p], []
            return
        rank = self._id_rank("v")
        top_n = min(k + 8, n_v)  # slack so that ties at the k-th place are mostly settled by id, not by the product
        try:
            from sparse_dot_topn import sp_matmul_topn
        except ImportError:  # optional dependency
            sp_matmul_topn = None
        if n_threads is None:
            import os

            n_threads = os.cpu_count() or 1
        VT = None
        gen_flags = np.asarray(V[:, self.gen_col_].todense()).ravel()
        q_gen = np.asarray(Q[:, self.gen_col_].todense()).ravel()
        for start in range(0, len(positions), batch_size):
            pos = positions[start : start + batch_size]
            block = Q[pos]
            if sp_matmul_topn is not None:
                C = sp_matmul_topn(block, V, top_n=top_n, sort=False, n_threads=n_threads if n_threads > 1 else None)
                truncated = top_n < n_v
            else:
                if VT is None:
                    VT = self._transposed("V")
                C = (block @ VT).tocsr()
                truncated = False
            nb = C.shape[0]
            lens = np.diff(C.indptr)
            rows = np.repeat(np.arange(nb), lens)
            cols = C.indices.astype(np.int64)
            raw = C.data
            vals = np.round(raw, _ROUND)
            # The row minimum of what the product kept, before anything is filtered: what was left out is at most this.
            floor = np.full(nb, np.inf)
            np.minimum.at(floor, rows, vals)
            qg = q_gen[pos][rows]
            keep = raw > np.where(qg > 0, qg * gen_flags[cols] + _GEN_EPS, 0.0)
            rows, cols, vals = rows[keep], cols[keep], vals[keep]
            order = np.lexsort((rank[cols], -vals, rows))
            rows, cols, vals = rows[order], cols[order], vals[order]
            within = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
            # k-th kept score per row (−inf when fewer than k were kept)
            kth = np.full(nb, -np.inf)
            at_k = within == k - 1
            kth[rows[at_k]] = vals[at_k]
            sel = (within < k) & (vals >= min_score)
            rows, cols, vals = rows[sel], cols[sel], np.minimum(vals[sel], 1.0)
            full = lens == top_n if truncated else np.zeros(nb, dtype=bool)
            # Exact unless the product may have cut a candidate that belongs in the top k above min_score.
            redo = full & (kth <= floor) & (floor >= min_score)
            bounds = np.searchsorted(rows, np.arange(nb + 1)).tolist()
            cols_l, vals_l = cols.tolist(), vals.tolist()
            reasons: list[tuple[Reason, ...]] | None = None
            if with_reasons and len(rows):
                s_rows = pos[rows]
                entries = self._reason_entries(
                    Q[s_rows],
                    V[cols],
                    vals,
                    [sids_all[i] for i in s_rows.tolist()],
                    [vids[c] for c in cols_l],
                    self.s_chosen_,
                    self.v_chosen_,
                )
                reasons = self._reason_tuples(*entries, lang)
            for r in range(nb):
                sid = sids_all[int(pos[r])]
                if redo[r]:
                    out = [x for x in self.rank_vendors(sid, k=k, lang=lang) if x.score >= min_score]
                    if not with_reasons:
                        out = [MatchResult(vendor_id=x.vendor_id, score=x.score) for x in out]
                    yield sid, out
                    continue
                a, b = bounds[r], bounds[r + 1]
                yield (
                    sid,
                    [
                        MatchResult(vendor_id=vids[cols_l[j]], score=vals_l[j], reasons=reasons[j] if reasons else ())
                        for j in range(a, b)
                    ],
                )
