"""Ranking metrics (nDCG@10, P@5, MRR, Recall@10) as defined in matching-dev/README.md, and a BM25 baseline."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["METRICS", "bm25_rankings", "evaluate", "full_rankings", "per_query_metrics"]

METRICS = ("ndcg@10", "p@5", "mrr", "recall@10")


def per_query_metrics(ranking: Sequence[str], gains: Mapping[str, int]) -> dict[str, float]:
    """Return the four metrics for one ranked list of ids against {id: gain} (missing = 0).

    Args:
        ranking: ids best first (ideally the full ranking, for MRR).
        gains: graded gains (1 or 2) of the relevant ids.
    Returns:
        {"ndcg@10", "p@5", "mrr", "recall@10"}; gain is linear, MRR and recall use gain-2 ids.
    """
    g = [gains.get(x, 0) for x in ranking]
    dcg = sum(gi / math.log2(i + 2) for i, gi in enumerate(g[:10]))
    ideal = sorted(gains.values(), reverse=True)[:10]
    idcg = sum(gi / math.log2(i + 2) for i, gi in enumerate(ideal))
    p5 = sum(1 for gi in g[:5] if gi >= 1) / 5.0
    mrr = 0.0
    for i, gi in enumerate(g):
        if gi >= 2:
            mrr = 1.0 / (i + 1)
            break
    n2 = sum(1 for v in gains.values() if v >= 2)
    rec = sum(1 for gi in g[:10] if gi >= 2) / n2 if n2 else 0.0
    return {"ndcg@10": dcg / idcg if idcg else 0.0, "p@5": p5, "mrr": mrr, "recall@10": rec}


def evaluate(
    rankings: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]], queries: Iterable[str] | None = None
) -> dict[str, float]:
    """Macro-average the metrics over queries.

    Args:
        rankings: {query id: ranked ids, best first}.
        qrels: {query id: {id: gain}}.
        queries: which queries to average (default: every ranked query that has qrels).
    Returns:
        {"ndcg@10", "p@5", "mrr", "recall@10", "n"}; zeros with n=0 when there is no query.
    Raises:
        ValueError: a requested query has no ranking.
    """
    qs = list(queries) if queries is not None else [q for q in rankings if qrels.get(q)]
    totals = dict.fromkeys(METRICS, 0.0)
    for q in qs:
        if q not in rankings:
            raise ValueError(f"no ranking for query {q!r}")
        for name, v in per_query_metrics(rankings[q], qrels.get(q, {})).items():
            totals[name] += v
    n = len(qs)
    out: dict[str, float] = {name: (totals[name] / n if n else 0.0) for name in METRICS}
    out["n"] = n
    return out


def full_rankings(matcher: Any) -> dict[str, list[str]]:
    """Rank every vendor for every indexed scenario; zero-score vendors follow by ascending id."""
    all_ids = sorted(matcher.vendor_ids_)
    out = {}
    for sid in matcher.scenario_ids_:
        ranked = [r.vendor_id for r in matcher.rank_vendors(sid, k=None)]
        seen = set(ranked)
        out[sid] = ranked + [v for v in all_ids if v not in seen]
    return out


def bm25_rankings(scenarios: Sequence[Any], vendors: Sequence[Any]) -> dict[str, list[str]]:
    """Rank vendors with rank_bm25's Okapi BM25 over jieba tokens of all fields (the baseline).

    Raises:
        ValueError: rank_bm25 is not installed.
    """
    try:
        from rank_bm25 import BM25Okapi
    except ImportError:
        raise ValueError("the BM25 baseline needs rank_bm25 (pip install rank-bm25)") from None
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    from .text import normalize

    def toks(text: str) -> list[str]:
        return [t for t in jieba.lcut(normalize(text)) if t.strip() and any(ch.isalnum() for ch in t)]

    vdocs = [toks(" ".join([v.name, v.description, " ".join(v.industries), " ".join(v.tags)])) for v in vendors]
    if not vendors:
        return {s.id: [] for s in scenarios}
    bm = BM25Okapi([d if d else ["<empty>"] for d in vdocs])
    ids = [v.id for v in vendors]
    out = {}
    for s in scenarios:
        scores = bm.get_scores(toks(" ".join([s.title, s.description, s.industry, " ".join(s.tags)])))
        order = sorted(range(len(ids)), key=lambda i: (-round(float(scores[i]), 9), ids[i]))
        out[s.id] = [ids[i] for i in order]
    return out
