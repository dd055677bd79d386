"""Print the matcher's and BM25's figures on every labelled set, overall and per slice, and how often "strong" is right.

Run: python -m bench.dev_report [--dev PATH] [--lexicon PATH] [--per-query]
Sets: the synthetic development set (../shared/matching-dev), its real-listings sibling (real/), the
held-out set (tests/matching/holdout) and the blind held-out set (tests/matching/holdout_blind). The
slice id lists come from each set's README or slices.json (evaluation metadata only; the matcher never
sees them). A slice where the matcher ends below BM25 is marked "<< BM25".
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from matching import Lexicon, Matcher, default_lexicon_path, strength
from matching.cli import read_qrels, read_scenarios, read_vendors
from matching.evaluate import bm25_rankings, evaluate, full_rankings

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


def _find_dev() -> Path:
    """The shared development set sits beside the checkout (../shared) or beside the worktrees (../../shared)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "matching-dev" / "qrels.tsv").exists():
            return base / "shared" / "matching-dev"
    return REPO.parent / "shared" / "matching-dev"


DEV = _find_dev()
HOLDOUT = REPO / "tests" / "matching" / "holdout"
BLIND = REPO / "tests" / "matching" / "holdout_blind"


def _ids(spec: str) -> list[str]:
    out = []
    for part in spec.replace(" ", "").split(","):
        if "–" in part or "-" in part:
            a, b = part.replace("–", "-").split("-")
            out += [f"DS{i:03d}" for i in range(int(a), int(b) + 1)]
        else:
            out.append(f"DS{int(part):03d}")
    return out


SLICES = {
    "zh": _ids("2-8, 10, 12, 13, 15-22, 24-28, 30-33, 35-37, 39-42, 44, 47, 48, 53, 54, 56, 57, 60"),
    "en": _ids("1, 9, 11, 23, 29, 34, 38, 45, 46, 49, 51, 52, 55, 58, 59"),
    "mixed": _ids("14, 43, 50"),
    "implicit": _ids(
        "1, 2, 5, 7, 11, 13, 15, 16, 17, 21, 22, 23, 29, 30, 31, 32, 33, 34, 35, 39, 40, 41, 42, 44, 45, 51, 53, 54, 55, 56"
    ),
}
SLICES["explicit"] = [f"DS{i:03d}" for i in range(1, 61) if f"DS{i:03d}" not in SLICES["implicit"]]


HOLDOUT_IMPLICIT = {
    f"HS{n:03d}" for n in (2, 3, 4, 6, 7, 9, 10, 11, 12, 13, 15, 17, 18, 19, 25, 29, 32, 34, 35, 40, 41, 45, 46, 47)
}


def slices_for(name: str, folder: Path, scenarios: list) -> dict[str, list[str]]:
    """Return {slice: scenario ids} for a set."""
    from matching.text import detect_language

    ids = [s.id for s in scenarios]
    if name == "synthetic":
        return {k: [i for i in v if i in ids] for k, v in SLICES.items()}
    if (folder / "slices.json").exists():
        meta = json.loads((folder / "slices.json").read_text(encoding="utf-8"))
        out: dict[str, list[str]] = {}
        for sid, m in meta.items():
            for key in (m.get("lang"), m.get("wording"), f"{m.get('lang')}-{m.get('wording')}"):
                if key:
                    out.setdefault(key, []).append(sid)
        return dict(sorted(out.items()))
    lang = {s.id: detect_language(f"{s.title}\n{s.description}") for s in scenarios}
    out = {k: [i for i in ids if lang[i] == k] for k in ("zh", "en", "mixed")}
    if name == "holdout":
        out["implicit"] = [i for i in ids if i in HOLDOUT_IMPLICIT]
    return {k: v for k, v in out.items() if v}


def strong_precision(m: Matcher, qrels: dict, k: int = 10) -> tuple[int, float]:
    """Return (number of "strong" pairs among every scenario's top k, share of them that are relevant)."""
    n = rel = 0
    for sid in m.scenario_ids_:
        for r in m.rank_vendors(sid, k=k):
            if strength(r.score) == "strong":
                n += 1
                rel += qrels.get(sid, {}).get(r.vendor_id, 0) > 0
    return n, (rel / n if n else float("nan"))


def report_set(name: str, folder: Path, lexicon: Lexicon, baseline: bool, per_query: bool) -> dict:
    scenarios = read_scenarios(str(folder / "scenarios.jsonl"))
    vendors = read_vendors(str(folder / "vendors.jsonl"))
    qrels = read_qrels(str(folder / "qrels.tsv"))
    t = time.perf_counter()
    m = Matcher(lexicon=lexicon).fit(scenarios, vendors)
    ranks = full_rankings(m)
    took = time.perf_counter() - t
    bm = bm25_rankings(scenarios, vendors) if baseline else None
    n_strong, prec = strong_precision(m, qrels)
    print(
        f"== {name} ({folder}): {len(scenarios)} scenarios x {len(vendors)} vendors, fit + rank {took:.2f} s; "
        f"strong pairs in top 10: {n_strong}, relevant {prec:.3f}"
    )
    print(f"{'slice':20s} {'nDCG@10':>8s} {'BM25':>8s} {'P@5':>7s} {'MRR':>7s} {'R@10':>7s}    n")
    rows = {"all": [s.id for s in scenarios]}
    rows.update(slices_for(name, folder, scenarios))
    out = {}
    for sl, ids in rows.items():
        ids = [i for i in ids if i in ranks and qrels.get(i)]
        if not ids:
            continue
        r = evaluate(ranks, qrels, queries=ids)
        b = evaluate(bm, qrels, queries=ids)["ndcg@10"] if bm is not None else float("nan")
        flag = "  << BM25" if bm is not None and r["ndcg@10"] < b else ""
        print(
            f"{sl:20s} {r['ndcg@10']:8.4f} {b:8.4f} {r['p@5']:7.4f} {r['mrr']:7.4f} {r['recall@10']:7.4f} {r['n']:4d}{flag}"
        )
        out[sl] = (r["ndcg@10"], b)
    if per_query:
        from matching.evaluate import per_query_metrics

        for s in scenarios:
            r = per_query_metrics(ranks[s.id], qrels.get(s.id, {}))
            if r["ndcg@10"] < 0.8:
                rel = qrels.get(s.id, {})
                top = [(v, rel.get(v, 0)) for v in ranks[s.id][:5]]
                print(f"  {s.id} ndcg={r['ndcg@10']:.2f} top5={top} want={sorted(rel.items(), key=lambda x: -x[1])}")
    return {"slices": out, "strong": (n_strong, prec)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", default=str(DEV))
    ap.add_argument("--lexicon", default=str(default_lexicon_path()))
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument(
        "--per-query", action="store_true", help="list development-set scenarios under 0.8 (not the held-out ones)"
    )
    args = ap.parse_args()
    lex = Lexicon.load(args.lexicon)
    dev = Path(args.dev)
    sets = [("synthetic", dev), ("real", dev / "real"), ("holdout", HOLDOUT), ("holdout_blind", BLIND)]
    for name, folder in sets:
        if not (folder / "qrels.tsv").exists():
            print(f"== {name}: {folder} not found, skipped")
            continue
        report_set(name, folder, lex, not args.no_baseline, args.per_query and name in ("synthetic", "real"))


if __name__ == "__main__":
    main()
