"""Speed and memory of the matcher, each figure printed beside its peers in the same run.

Run: python -m bench.matching [--scale 1.0] [--skip-all-pairs] [--skip-cli]

Corpora are synthetic and bilingual (about 70 % Chinese, 30 % English), generated
deterministically from the lexicon's phrases and a Zipf-distributed filler vocabulary, so the
lexicon, the segmenter and the sparse products do real work. Figures are never asserted.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from matching import Lexicon, Matcher, ScenarioDoc, VendorDoc, default_lexicon_path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所"
    "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新"
    "线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车"
)
SYLL = [
    "ka",
    "lo",
    "ri",
    "ten",
    "vor",
    "mi",
    "sa",
    "ul",
    "pre",
    "dex",
    "tor",
    "nal",
    "qua",
    "bel",
    "fi",
    "gra",
    "mon",
    "xi",
    "ven",
    "ope",
    "ar",
    "ci",
    "dra",
    "pol",
]


def make_corpus(n_scen: int, n_vend: int, lex: Lexicon, seed: int = 7) -> tuple[list[ScenarioDoc], list[VendorDoc]]:
    """Generate bilingual synthetic scenarios and vendors."""
    rng = random.Random(seed)
    zh_words = ["".join(rng.choice(CHARS) for _ in range(rng.choice((2, 2, 2, 3, 4)))) for _ in range(30000)]
    en_words = ["".join(rng.choice(SYLL) for _ in range(rng.choice((2, 3, 3, 4)))) for _ in range(20000)]
    ranks = np.arange(1, 30001)
    p = 1.0 / ranks**1.05
    p /= p.sum()
    np_rng = np.random.default_rng(seed)
    caps = [c for c in lex.concepts if c.kind == "capability"] or list(lex.concepts)
    inds = [c for c in lex.concepts if c.kind == "industry"] or list(lex.concepts)

    def phrases(c, zh: bool) -> list[str]:
        ph = [*list(c.synonyms_zh if zh else c.synonyms_en), c.name_zh if zh else c.name_en]
        return [x for x in ph if x] or [c.code]

    def filler(zh: bool, n: int) -> list[str]:
        idx = np_rng.choice(len(p), size=n, p=p)
        pool = zh_words if zh else en_words
        return [pool[i % len(pool)] for i in idx]

    def text(zh: bool, n_words: int, concepts) -> str:
        words = filler(zh, n_words)
        for c in concepts:
            for _ in range(rng.choice((1, 1, 2))):
                words.insert(rng.randrange(len(words) + 1), rng.choice(phrases(c, zh)))
        if zh:
            out, buf = [], []
            for w in words:
                buf.append(w)
                if rng.random() < 0.12:
                    out.append("".join(buf) + rng.choice("，。；"))
                    buf = []
            return "".join(out) + "".join(buf) + "。"
        return " ".join(words) + "."

    scenarios = []
    for i in range(n_scen):
        zh = rng.random() < 0.7
        cap, ind = rng.choice(caps), rng.choice(inds)
        scenarios.append(
            ScenarioDoc(
                id=f"S{i:06d}",
                title=text(zh, 5 if zh else 6, [cap]),
                description=text(zh, 70 if zh else 90, [cap, ind]),
                industry=rng.choice(phrases(ind, zh)),
                tags=tuple(rng.choice(phrases(cap, zh)) for _ in range(rng.randint(0, 2))),
            )
        )
    vendors = []
    for i in range(n_vend):
        zh = rng.random() < 0.7
        vc = rng.sample(caps, k=min(len(caps), rng.randint(1, 3)))
        vi = rng.sample(inds, k=min(len(inds), rng.randint(0, 3)))
        vendors.append(
            VendorDoc(
                id=f"V{i:06d}",
                name=text(zh, 2, []),
                description=text(zh, 60 if zh else 80, vc + vi),
                industries=tuple(rng.choice(phrases(c, zh)) for c in vi),
                tags=tuple(rng.choice(phrases(c, zh)) for c in vc),
            )
        )
    return scenarios, vendors


def _text_of(d) -> str:
    if isinstance(d, ScenarioDoc):
        return "\n".join([d.title, d.description, d.industry, *d.tags])
    return "\n".join([d.name, d.description, *d.industries, *d.tags])


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(xs), q))


def bench_tokenising(lex: Lexicon, docs) -> None:
    import logging

    import jieba

    from matching.text import Tokenizer, normalize

    jieba.setLogLevel(logging.WARNING)
    texts = [normalize(_text_of(d)) for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"\n## Tokenising ({len(texts)} listings, {mb:.1f} MB UTF-8)")
    ref = Tokenizer(lex.zh_phrases, segmenter="jieba")
    fast = Tokenizer(lex.zh_phrases, segmenter="rjieba")
    ref.zh_tokens("预热")
    for name, tok in (("jieba (Python)", ref), ("rjieba (used)", fast)):
        t = time.perf_counter()
        for x in texts:
            tok.zh_tokens(x)
        dt = time.perf_counter() - t
        print(f"  {name:32s} {mb / dt:8.2f} MB/s")
    m = Matcher(lexicon=lex)
    m._check_params()
    m._setup()
    t = time.perf_counter()
    for d in docs:
        m._analyze(d)
    dt = time.perf_counter() - t
    print(
        f"  {'full analysis (normalise+concepts+tokens)':32s} {mb / dt:8.2f} MB/s  ({dt / len(docs) * 1e6:.0f} µs/listing)"
    )
    sample = texts[:2000]
    same = sum(ref.zh_tokens(x) == fast.zh_tokens(x) for x in sample)
    print(f"  rjieba tokens identical to jieba on {same}/{len(sample)} listings")
    phrases = [p for p in lex.zh_phrases if len(p) >= 4][:200]
    kept = sum(fast.zh_tokens(p) == [p] for p in phrases)
    print(
        f"  custom dictionary applies in rjieba: {kept}/{len(phrases)} lexicon phrases of 4+ characters stay one token"
    )


def bench_single_query(lex: Lexicon, scen, vend, n_queries: int) -> Matcher:
    print(f"\n## One new scenario against {len(vend)} vendors (index resident)")
    t = time.perf_counter()
    m = Matcher(lexicon=lex).fit(scen[:1000], vend)
    m._v_matrix(), m._transposed("V")
    print(f"  fit (1,000 scenarios + {len(vend)} vendors): {time.perf_counter() - t:.2f} s")
    queries = scen[1000 : 1000 + n_queries]
    for q in queries[:20]:  # warm caches
        m.rank_vendors(q, k=10)
    lat = []
    for q in queries:
        t = time.perf_counter()
        m.rank_vendors(q, k=10, lang="zh")
        lat.append((time.perf_counter() - t) * 1e3)
    print(
        f"  matcher rank_vendors(doc, k=10), tokenising + reasons: p50 {pct(lat, 50):.3f} ms  p99 {pct(lat, 99):.3f} ms"
    )
    # Floor: the bare sparse product with top-10 on pre-built query rows.
    rows = [m._query_row(q)[0] for q in queries]
    VT = m._transposed("V")
    lat = []
    for r in rows:
        t = time.perf_counter()
        res = (r @ VT).tocsr()
        if res.nnz > 10:
            np.argpartition(-res.data, 9)[:10]
        lat.append((time.perf_counter() - t) * 1e3)
    print(
        f"  peer: bare sparse product + top-10 (floor):          p50 {pct(lat, 50):.3f} ms  p99 {pct(lat, 99):.3f} ms"
    )
    try:
        import logging

        import jieba
        from rank_bm25 import BM25Okapi

        jieba.setLogLevel(logging.WARNING)
        tok = m.tokenizer_
        from matching.text import normalize

        corpus = [tok.tokens(normalize(_text_of(v))) or ["<empty>"] for v in vend]
        bm = BM25Okapi(corpus)
        lat = []
        for q in queries[:20]:
            t = time.perf_counter()
            s = bm.get_scores(tok.tokens(normalize(_text_of(q))))
            np.argpartition(-s, 9)[:10]
            lat.append((time.perf_counter() - t) * 1e3)
        print(
            f"  peer: rank_bm25 BM25Okapi.get_scores + top-10:       p50 {pct(lat, 50):.1f} ms  p99 {pct(lat, 99):.1f} ms"
        )
    except ImportError:
        print("  peer: rank_bm25 not installed")
    return m


def bench_memory_per_listing(m: Matcher) -> None:
    n = len(m.scenario_ids_) + len(m.vendor_ids_)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "index.npz"
        t = time.perf_counter()
        m.save(p)
        ts = time.perf_counter() - t
        size = p.stat().st_size
        t = time.perf_counter()
        Matcher.load(p)
        tl = time.perf_counter() - t
    mats = [m.S_tf_, m.S_concepts_, m.S_evidence_, m.V_tf_, m.V_concepts_]
    raw = sum(x.data.nbytes + x.indices.nbytes + x.indptr.nbytes for x in mats)
    derived = sum(x.data.nbytes + x.indices.nbytes + x.indptr.nbytes for x in (m._v_matrix(), m._transposed("V")))
    print(f"\n## Memory per listing ({n} listings)")
    print(
        f"  saved index: {size / n:.0f} bytes/listing on disk ({size / 1e6:.1f} MB, save {ts:.2f} s, load {tl:.2f} s)"
    )
    print(
        f"  resident: {raw / n:.0f} bytes/listing raw rows + {derived / max(len(m.vendor_ids_), 1):.0f} bytes/vendor "
        f"for the ranking matrices"
    )


def _all_pairs_child(n_scen: int, n_vend: int, lexicon: str, prune_df: float | None) -> None:
    """Run in a fresh process so that peak memory is this job's own."""
    lex = Lexicon.load(lexicon)
    scen, vend = make_corpus(n_scen, n_vend, lex, seed=11)
    gc.collect()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    kw = {} if prune_df is None else {"prune_df": prune_df if prune_df > 0 else None}
    m = Matcher(lexicon=lex, n_jobs=2, **kw).fit(scen, vend)
    t1 = time.perf_counter()
    n = 0
    for _sid, res in m.all_pairs(k=10, with_reasons=False, n_threads=2):
        n += len(res)
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    q_pruned = m._q_matrix().nnz
    m.set_params(prune_df=None)
    m._invalidate()
    Q, V = m._q_matrix(), m._v_matrix()  # the peer gets the full, unpruned matrices
    try:
        from sparse_dot_topn import sp_matmul_topn

        t = time.perf_counter()
        sp_matmul_topn(Q, V, top_n=10, n_threads=2)
        peer = f"{time.perf_counter() - t:.1f} s"
    except ImportError:
        peer = "not installed"
    print(
        json.dumps(
            {
                "fit": t1 - t0,
                "pairs": t2 - t1,
                "total": t2 - t0,
                "peak_mb": peak,
                "corpus_mb": base,
                "results": n,
                "peer": peer,
                "q_nnz": int(Q.nnz),
                "q_nnz_pruned": int(q_pruned),
                "v_nnz": int(V.nnz),
                "prune_df": kw.get("prune_df", Matcher().prune_df),
            }
        )
    )


def bench_all_pairs(n_scen: int, n_vend: int, lexicon: str, prune_df: float | None) -> None:
    print(f"\n## All pairs: {n_scen} scenarios × {n_vend} vendors, top 10 each (tokenising included)")
    res = subprocess.run(
        [sys.executable, "-m", "bench.matching", "--child-all-pairs", str(n_scen), str(n_vend), "--lexicon", lexicon]
        + (["--prune-df", str(prune_df)] if prune_df else []),
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if res.returncode:
        print(res.stderr)
        return
    r = json.loads(res.stdout.strip().splitlines()[-1])
    print(
        f"  matcher fit {r['fit']:.1f} s + all_pairs {r['pairs']:.1f} s = {r['total']:.1f} s wall; "
        f"peak RSS {r['peak_mb']:.0f} MB (of which generated corpus ~{r['corpus_mb']:.0f} MB); prune_df={r['prune_df']}"
    )
    print(
        f"  peer: sparse_dot_topn sp_matmul_topn(Q, V, 10, n_threads=2) bare product on the same matrices: {r['peer']}"
    )
    print(f"  (Q nnz {r['q_nnz']:,} full, {r['q_nnz_pruned']:,} after pruning common terms; V nnz {r['v_nnz']:,})")


BARE = r"""
import json, sys, time, logging
import jieba
from sklearn.feature_extraction.text import TfidfVectorizer
from sparse_dot_topn import sp_matmul_topn
jieba.setLogLevel(logging.WARNING)
def load(p, keys):
    out = []
    for line in open(p, encoding="utf-8"):
        d = json.loads(line)
        out.append((d["id"], " ".join(x if isinstance(x, str) else " ".join(x) for x in (d.get(k) or "" for k in keys))))
    return out
s = load(sys.argv[1], ["title", "description", "industry", "tags"])
v = load(sys.argv[2], ["name", "description", "industries", "tags"])
vec = TfidfVectorizer(tokenizer=jieba.lcut, lowercase=True, sublinear_tf=True, token_pattern=None)
vec.fit([t for _, t in s] + [t for _, t in v])
S = vec.transform([t for _, t in s]); V = vec.transform([t for _, t in v])
C = sp_matmul_topn(S, V, top_n=10, sort=True, n_threads=2)
out = sys.stdout
for i, (sid, _) in enumerate(s):
    a, b = C.indptr[i], C.indptr[i + 1]
    out.write(json.dumps({"scenario_id": sid, "matches": [{"vendor_id": v[j][0], "score": float(x)} for j, x in zip(C.indices[a:b], C.data[a:b])]}) + "\n")
"""


def bench_cli(n_scen: int, n_vend: int, lex: Lexicon, lexicon: str) -> None:
    print(f"\n## CLI rank, {n_scen} scenarios × {n_vend} vendors, top 10 with reasons")
    OUT.mkdir(parents=True, exist_ok=True)
    scen, vend = make_corpus(n_scen, n_vend, lex, seed=13)
    sp_, vp_ = OUT / "cli_scenarios.jsonl", OUT / "cli_vendors.jsonl"
    with open(sp_, "w", encoding="utf-8") as f:
        for d in scen:
            f.write(
                json.dumps(
                    {
                        "id": d.id,
                        "title": d.title,
                        "description": d.description,
                        "industry": d.industry,
                        "tags": list(d.tags),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    with open(vp_, "w", encoding="utf-8") as f:
        for d in vend:
            f.write(
                json.dumps(
                    {
                        "id": d.id,
                        "name": d.name,
                        "description": d.description,
                        "industries": list(d.industries),
                        "tags": list(d.tags),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    t = time.perf_counter()
    r1 = subprocess.run(
        [
            sys.executable,
            "-m",
            "matching",
            "rank",
            "--scenarios",
            sp_,
            "--vendors",
            vp_,
            "--top",
            "10",
            "--lexicon",
            lexicon,
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    ours = time.perf_counter() - t
    t = time.perf_counter()
    r2 = subprocess.run(
        [sys.executable, "-c", BARE, sp_, vp_], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    bare = time.perf_counter() - t
    if r1.returncode or r2.returncode:
        print(r1.stderr[-2000:], r2.stderr[-2000:])
    print(f"  python -m matching rank (with reasons): {ours:.1f} s")
    print(
        f"  peer: bare jieba + sklearn TfidfVectorizer + sparse_dot_topn, no reasons: {bare:.1f} s  "
        f"(ratio {ours / bare:.2f}, budget 2.0)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every corpus size")
    ap.add_argument("--lexicon", default=str(default_lexicon_path()))
    ap.add_argument("--skip-all-pairs", action="store_true")
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--prune-df", type=float, default=None, help="override the matcher's prune_df (0: off)")
    ap.add_argument("--child-all-pairs", nargs=2, type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_all_pairs:
        _all_pairs_child(*args.child_all_pairs, args.lexicon, args.prune_df)
        return
    lexicon = args.lexicon
    if not Path(lexicon).exists():
        lexicon = str(REPO / "tests" / "matching" / "tiny_lexicon.json")
    lex = Lexicon.load(lexicon)
    sc = args.scale
    print(f"# Matcher benchmark (lexicon {lexicon}: {len(lex.concepts)} concepts; {os.cpu_count()} cores)")
    scen, vend = make_corpus(int(1500 * sc) + 1000, int(20000 * sc), lex)
    bench_tokenising(lex, scen[:1000] + vend[:4000])
    m = bench_single_query(lex, scen, vend, n_queries=500)
    bench_memory_per_listing(m)
    del m
    gc.collect()
    if not args.skip_all_pairs:
        bench_all_pairs(int(100_000 * sc), int(20_000 * sc), lexicon, args.prune_df)
    if not args.skip_cli:
        bench_cli(int(20_000 * sc), int(5_000 * sc), lex, lexicon)


if __name__ == "__main__":
    main()
