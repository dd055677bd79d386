"""What one listing change costs inside the matcher and on disk, on a saved index (e.g. the 100x catalogue's).

    python -m bench.index_changes [--index PATH] [--repeat 5]

PATH defaults to the newest index-*.npz under $KETING_INSTANCE_DIR/matching (or instance/matching). Prints:
the base file's load time, the first rank_vendors after update_scenario, the first rank_scenarios(k=None)
after update_vendor, the first similar_scenarios and the first search after a change, writing and replaying
one change's delta file, writing a full base file, and the resident size of the matcher and of the process.
`--full-save-only` leaves out the delta figures (for an index library without delta files, to compare).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from matching import Matcher, ScenarioDoc, VendorDoc

SCENARIO_TEXTS = (
    (
        "轮胎胎面外观缺陷视觉检测",
        "密炼和压延后的胎面存在气泡、杂质，目前人工目检，漏检率高，希望用机器视觉在线检测并追溯批次。",
    ),
    (
        "Predictive maintenance for injection moulding",
        "Vibration and temperature data from 40 machines; unplanned stops cost 6 hours a month.",
    ),
    ("港口集装箱吊装安全监测", "岸桥作业区域人员闯入和吊具姿态异常需要实时预警，现有摄像头300路。"),
    ("钢材表面质量检测", "热轧带钢表面划伤、结疤等缺陷需要在线识别并分级，产线速度每秒10米。"),
    ("Demand forecasting for a dairy", "Daily orders from 2,000 shops; we want 14-day forecasts per product and shop."),
)
VENDOR_TEXT = (
    "机器视觉 缺陷检测 外观检测 深度学习 工业相机 表面质量检测 轮胎 钢铁 汽车零部件 产线改造 边缘计算 "
    "Machine vision inspection, defect detection, OCR, edge deployment; 120 factory projects."
)


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def nbytes(x) -> int:
    """Bytes held by arrays and sparse matrices inside x (dicts and lists walked, each array counted once)."""
    seen: set[int] = set()

    def walk(o) -> int:
        if id(o) in seen:
            return 0
        seen.add(id(o))
        if isinstance(o, np.ndarray):
            return o.nbytes
        if sp.issparse(o):
            return sum(walk(getattr(o, a)) for a in ("data", "indices", "indptr") if hasattr(o, a))
        if isinstance(o, dict):
            return sum(walk(v) for v in o.values())
        if isinstance(o, (list, tuple)):
            return sum(walk(v) for v in o if isinstance(v, (np.ndarray, dict, list, tuple)) or sp.issparse(v))
        return 0

    return sum(walk(v) for v in vars(x).values())


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def spread(values: list[float]) -> str:
    return f"{ms(statistics.median(values))} ms (range {ms(min(values))}-{ms(max(values))})"


def find_index() -> Path:
    folder = Path(os.environ.get("KETING_INSTANCE_DIR") or "instance") / "matching"
    files = sorted(folder.glob("index-*.npz"), key=lambda p: p.stat().st_mtime)
    if not files:
        raise SystemExit(f"no index-*.npz in {folder}; pass --index PATH")
    return files[-1]


def scenario_doc(m: Matcher, sid: str, i: int) -> ScenarioDoc:
    caps = [c.code for c in m.lexicon_.concepts if c.kind == "capability"]
    inds = [c.code for c in m.lexicon_.concepts if c.kind == "industry"]
    title, text = SCENARIO_TEXTS[i % len(SCENARIO_TEXTS)]
    return ScenarioDoc(
        id=sid,
        title=title,
        description=text,
        industry_codes=(inds[i % len(inds)],) if inds else (),
        capability_codes=(caps[i % len(caps)],) if caps else (),
    )


def vendor_doc(m: Matcher, vid: str, i: int) -> VendorDoc:
    caps = [c.code for c in m.lexicon_.concepts if c.kind == "capability"]
    return VendorDoc(id=vid, name=f"青岛视觉科技 {i}", description=VENDOR_TEXT, capability_codes=tuple(caps[:2]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--full-save-only", action="store_true", help="no delta figures (older index library)")
    args = parser.parse_args()
    path = args.index or find_index()
    rss0 = rss_mb()
    t = time.perf_counter()
    m = Matcher.load(path)
    load_s = time.perf_counter() - t
    print(f"index: {path.name}, {path.stat().st_size / 1e6:.1f} MB on disk")
    print(f"scenarios {len(m.scenario_ids_):,}, vendors {len(m.vendor_ids_):,}, terms {len(m.terms_):,}")
    print(f"base load: {load_s:.2f} s")

    rng = np.random.default_rng(7)
    sids = [m.scenario_ids_[i] for i in rng.choice(len(m.scenario_ids_), args.repeat, replace=False)]
    vids = [m.vendor_ids_[i] for i in rng.choice(len(m.vendor_ids_), args.repeat, replace=False)]
    m.rank_vendors(sids[0], k=10)  # warm: whatever is built once per index, not per change
    m.rank_scenarios(vids[0], k=None)

    from app.services import search

    def first_search() -> float:
        t = time.perf_counter()
        search._postings(m)
        return time.perf_counter() - t

    first_search()
    search.resident_matcher = lambda: m  # the query is read with this matcher (no app, no state row)

    def query(q: str) -> float:
        t = time.perf_counter()
        search.rank(search.prepare(q), "scenario")
        return time.perf_counter() - t

    queries = ("轮胎", "defect detection", "视觉 检测")
    for q in queries:
        query(q)
    rss_warm = rss_mb()

    upd_rank, upd_vrank, upd_sim, upd_search, n_vrank = [], [], [], [], []
    for i, sid in enumerate(sids):
        t = time.perf_counter()
        m.update_scenario(scenario_doc(m, sid, i))
        m.rank_vendors(sid, k=10)
        upd_rank.append(time.perf_counter() - t)
        upd_search.append(first_search() + query(queries[i % len(queries)]))
        t = time.perf_counter()
        m.similar_scenarios(sid, k=5, min_score=0.5)
        upd_sim.append(time.perf_counter() - t)
    for i, vid in enumerate(vids):
        t = time.perf_counter()
        m.update_vendor(vendor_doc(m, vid, i))
        found = m.rank_scenarios(vid, k=None)
        upd_vrank.append(time.perf_counter() - t)
        n_vrank.append(len(found))
    if not args.full_save_only:
        bare = []
        for i, vid in enumerate(vids):
            t = time.perf_counter()
            m.update_vendor(vendor_doc(m, vid, i + 1))
            m.rank_scenarios(vid, k=None, with_reasons=False)
            bare.append(time.perf_counter() - t)
        print(f"update_vendor + rank_scenarios(k=None, with_reasons=False): {spread(bare)}")
    print(f"update_scenario + rank_vendors(k=10): {spread(upd_rank)}")
    print(
        f"update_vendor + rank_scenarios(k=None): {spread(upd_vrank)} ({int(statistics.median(n_vrank)):,} scenarios)"
    )
    print(f"first similar_scenarios after a change: {spread(upd_sim)}")
    print(f"first search after a change (postings + one query): {spread(upd_search)}")
    for q in queries:
        print(f"search {q!r}: {spread([query(q) for _ in range(args.repeat)])}")

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        m.save(Path(tmp) / "base.npz")
        save_s = time.perf_counter() - t
        print(f"full index file write: {save_s:.2f} s")
        if not args.full_save_only:
            other = Matcher.load(Path(tmp) / "base.npz")
            writes, applies = [], []
            for i, sid in enumerate(sids):
                m.clear_journal()
                m.update_scenario(scenario_doc(m, sid, i + 1))
                delta = Path(tmp) / f"delta-{i}.json"
                t = time.perf_counter()
                m.save_delta(delta)
                writes.append(time.perf_counter() - t)
                t = time.perf_counter()
                other.apply_delta(delta)
                applies.append(time.perf_counter() - t)
            print(f"delta write (one scenario): {spread(writes)}, {delta.stat().st_size / 1024:.1f} KB")
            print(f"delta replay on a copy one generation behind: {spread(applies)}")
            del other
            gc.collect()
    print(f"matcher arrays (rows, inverted index, caches): {nbytes(m) / 1e6:.0f} MB")
    print(
        f"process RSS: {rss0:.0f} MB before load, {rss_warm:.0f} MB after load + ranking + search, {rss_mb():.0f} MB now"
    )


if __name__ == "__main__":
    main()
