"""Print the matcher's and BM25's figures on ../shared/matching-dev, overall and per slice.

Run: python -m bench.dev_report [--dev PATH] [--lexicon PATH]
The slice id lists below come from matching-dev/README.md (evaluation metadata only; the
matcher never sees them).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from matching import Lexicon, Matcher, default_lexicon_path
from matching.cli import read_qrels, read_scenarios, read_vendors
from matching.evaluate import METRICS, bm25_rankings, evaluate, full_rankings

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "matching-dev"


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
    "implicit": _ids("1, 2, 5, 7, 11, 13, 15, 16, 17, 21, 22, 23, 29, 30, 31, 32, 33, 34, 35, 39, 40, 41, 42, 44, 45, 51, 53, 54, 55, 56"),
}
SLICES["explicit"] = [f"DS{i:03d}" for i in range(1, 61) if f"DS{i:03d}" not in SLICES["implicit"]]


def report(rankings: dict, qrels: dict, name: str) -> dict:
    rows = {"all": evaluate(rankings, qrels)}
    for sl, ids in SLICES.items():
        ids = [i for i in ids if i in rankings]
        if ids:
            rows[sl] = evaluate(rankings, qrels, queries=ids)
    print(f"== {name}")
    print(f"{'slice':10s} " + " ".join(f"{m:>10s}" for m in METRICS) + "     n")
    for sl, r in rows.items():
        print(f"{sl:10s} " + " ".join(f"{r[m]:10.4f}" for m in METRICS) + f"  {r['n']:4d}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", default=str(DEV))
    ap.add_argument("--lexicon", default=str(default_lexicon_path()))
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--per-query", action="store_true")
    args = ap.parse_args()
    dev = Path(args.dev)
    scenarios = read_scenarios(str(dev / "scenarios.jsonl"))
    vendors = read_vendors(str(dev / "vendors.jsonl"))
    qrels = read_qrels(str(dev / "qrels.tsv"))
    t = time.perf_counter()
    m = Matcher(lexicon=Lexicon.load(args.lexicon)).fit(scenarios, vendors)
    ranks = full_rankings(m)
    print(f"fit + rank: {time.perf_counter() - t:.2f} s")
    report(ranks, qrels, "matcher")
    if args.per_query:
        from matching.evaluate import per_query_metrics
        for s in scenarios:
            r = per_query_metrics(ranks[s.id], qrels.get(s.id, {}))
            if r["ndcg@10"] < 0.8:
                rel = qrels.get(s.id, {})
                top = [(v, rel.get(v, 0)) for v in ranks[s.id][:5]]
                print(f"  {s.id} ndcg={r['ndcg@10']:.2f} top5={top} want={sorted(rel.items(), key=lambda x: -x[1])}")
    if not args.no_baseline:
        report(bm25_rankings(scenarios, vendors), qrels, "bm25 (jieba tokens, rank_bm25)")


if __name__ == "__main__":
    main()
