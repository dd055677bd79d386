"""Replay simulated feedback on ../shared/matching-dev and print its effect on the ranking.

Run: python -m bench.feedback_replay [--dev PATH] [--orders 20] [--step 0.5] [--cap 0.9]

The site turns "not relevant" and declines into penalties per (vendor, concept) with
matching.feedback_penalties and passes them to Matcher.rank_vendors (app/services/matches.py). This
replays the same thing on the development set, with a simulated user who knows the qrels:

  Online replay: scenarios arrive one by one in a random order (as if published over time). Each is
  ranked with the penalties gathered so far ("after") and without any ("before"); then every vendor
  in its top 5 whose gain is 0 declines it, which counts against that vendor for the scenario's kind.
  Metrics are taken on each scenario at its arrival, so feedback is only ever used on scenarios it
  was not given on. Averaged over --orders random orders.

What a decline counts against is matching.scenario_kind, as on the site: the scenario's declared
capability codes, else the capability its own text names most often. Dev scenarios declare no codes,
so it comes from their text, never from labels.json (--with-industry adds the text's main industry,
the alternative the site does not use). The qrels are used only by the simulated user and the metrics.

Printed: nDCG@10 and P@5 before/after, and how often a top-5 slot goes to a vendor that already
declined a scenario of the same kind: split into irrelevant ones (gain 0, what feedback should
remove) and relevant ones (gain > 0, the collateral cost of the penalty). Figures are never
asserted.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from matching import Lexicon, Matcher, ScenarioDoc, default_lexicon_path, feedback_penalties, scenario_kind
from matching.cli import read_qrels, read_scenarios, read_vendors
from matching.evaluate import per_query_metrics

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "matching-dev"
TOP = 5


def main_industry(doc: ScenarioDoc, lexicon: Lexicon) -> tuple[str, ...]:
    """The industry leaf the scenario's text names most often (for --with-industry only)."""
    text = "\n".join([doc.title, doc.industry, doc.industry, *doc.tags, doc.description])
    counts = Counter(code for code, weak in lexicon.find(text) if not weak)
    best = [
        c
        for c, _ in counts.most_common()
        if lexicon.concepts[lexicon.index[c]].kind == "industry" and lexicon.concepts[lexicon.index[c]].parent
    ]
    return tuple(best[:1])


def replay(
    matcher: Matcher,
    scenarios: list[ScenarioDoc],
    qrels: dict,
    kinds: dict,
    orders: int,
    step: float,
    cap: float,
    seed: int = 11,
) -> dict:
    totals = Counter()
    n = 0
    for o in range(orders):
        order = list(scenarios)
        random.Random(seed + o).shuffle(order)
        events: list[tuple[str, tuple[str, ...], int]] = []
        declined_kinds: set[tuple[str, str]] = set()
        for doc in order:
            gains = qrels.get(doc.id, {})
            penalties = feedback_penalties(events, step=step, cap=cap) if events else None
            before = [r.vendor_id for r in matcher.rank_vendors(doc.id, k=None)]
            after = [r.vendor_id for r in matcher.rank_vendors(doc.id, k=None, penalties=penalties)]
            for name, ranking in (("before", before), ("after", after)):
                m = per_query_metrics(ranking, gains)
                totals[f"{name} ndcg@10"] += m["ndcg@10"]
                totals[f"{name} p@5"] += m["p@5"]
                for vid in ranking[:TOP]:
                    if any((vid, c) in declined_kinds for c in kinds[doc.id]):
                        totals[f"{name} repeat {'irrelevant' if gains.get(vid, 0) == 0 else 'relevant'}"] += 1
            n += 1
            # The simulated vendors see the ranking the site would show (with feedback so far) and decline.
            for vid in after[:TOP]:
                if gains.get(vid, 0) == 0:
                    events.append((vid, kinds[doc.id], -1))
                    declined_kinds.update((vid, c) for c in kinds[doc.id])
                    totals["declines"] += 1
    return {k: v / n for k, v in totals.items()} | {"n": n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", default=str(DEV))
    ap.add_argument("--lexicon", default=str(default_lexicon_path()))
    ap.add_argument("--orders", type=int, default=20, help="random arrival orders to average over")
    ap.add_argument("--step", type=float, default=None, help="penalty of one decline (default: the library's)")
    ap.add_argument("--cap", type=float, default=None, help="largest penalty (default: the library's)")
    ap.add_argument(
        "--with-industry",
        action="store_true",
        help="count a decline against the scenario's industry too (the alternative the site does not use)",
    )
    args = ap.parse_args()

    from matching.feedback import PENALTY_CAP, PENALTY_STEP

    dev = Path(args.dev)
    lexicon = Lexicon.load(args.lexicon)
    scenarios = read_scenarios(str(dev / "scenarios.jsonl"))
    vendors = read_vendors(str(dev / "vendors.jsonl"))
    qrels = read_qrels(str(dev / "qrels.tsv"))
    started = time.perf_counter()
    matcher = Matcher(lexicon=lexicon).fit(scenarios, vendors)
    kinds = {
        s.id: scenario_kind(s, lexicon) + (main_industry(s, lexicon) if args.with_industry else ()) for s in scenarios
    }
    print(
        f"dev set: {len(scenarios)} scenarios, {len(vendors)} vendors; fitted in {time.perf_counter() - started:.2f} s"
    )
    print(
        f"a decline counts against: {'capability and industry' if args.with_industry else 'capability'}; "
        f"kind found for {sum(1 for k in kinds.values() if k)} of {len(kinds)} scenarios"
    )
    print(f"online replay: {args.orders} random arrival orders; gain-0 vendors in the top {TOP} decline\n")
    settings = (
        [(args.step or PENALTY_STEP, args.cap if args.cap is not None else PENALTY_CAP)]
        if args.step or args.cap is not None
        else [(0.25, 0.9), (PENALTY_STEP, PENALTY_CAP), (0.75, 0.9), (1.0, 1.0)]
    )
    head = (
        f"{'step':>5s} {'cap':>4s} | {'nDCG@10':>15s} | {'P@5':>15s} | {'declined kind in top 5, gain 0':>31s}"
        f" | {'same, gain > 0':>15s} | declines"
    )
    print(head)
    print("-" * len(head))
    for step, cap in settings:
        r = replay(matcher, scenarios, qrels, kinds, args.orders, step, cap)
        mark = "  ← default" if (step, cap) == (PENALTY_STEP, PENALTY_CAP) else ""
        print(
            f"{step:5.2f} {cap:4.2f} | {r['before ndcg@10']:.4f} → {r['after ndcg@10']:.4f} | "
            f"{r['before p@5']:.4f} → {r['after p@5']:.4f} | "
            f"{r.get('before repeat irrelevant', 0):13.3f} → {r.get('after repeat irrelevant', 0):.3f} per scenario | "
            f"{r.get('before repeat relevant', 0):.3f} → {r.get('after repeat relevant', 0):.3f} | "
            f"{r['declines']:.2f}/scenario{mark}"
        )
    print("\nbefore: no feedback; after: penalties from the declines on scenarios that arrived earlier.")


if __name__ == "__main__":
    main()
