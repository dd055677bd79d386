import collections
import json
import re
import sys

err = []


def load(p):
    out = []
    for i, line in enumerate(open(p, encoding="utf-8"), 1):
        try:
            out.append(json.loads(line))
        except Exception as e:
            err.append(f"{p}:{i} bad json {e}")
    return out


S = load("scenarios.jsonl")
V = load("vendors.jsonl")
sl = json.load(open("slices.json", encoding="utf-8"))
sec = json.load(open("sectors.json", encoding="utf-8"))
for s in S:
    if set(s) != {"id", "title", "description", "industry", "tags"}:
        err.append(f"{s['id']} fields {set(s)}")
    if not isinstance(s["tags"], list) or len(s["tags"]) > 3:
        err.append(f"{s['id']} tags")
    if not s["industry"].strip():
        err.append(f"{s['id']} industry empty")
    d = s["description"]
    lang = sl[s["id"]]["lang"]
    if lang == "zh":
        n = len(re.sub(r"\s", "", d))
        if not 80 <= n <= 300:
            err.append(f"{s['id']} zh length {n}")
    else:
        n = len(d.split())
        if not 50 <= n <= 150:
            err.append(f"{s['id']} en words {n}")
for v in V:
    if set(v) != {"id", "name", "description", "industries", "tags"}:
        err.append(f"{v['id']} fields")
    if len(v["industries"]) > 4:
        err.append(f"{v['id']} industries")
    if not 2 <= len(v["tags"]) <= 6:
        err.append(f"{v['id']} tags {len(v['tags'])}")
sid = [s["id"] for s in S]
vid = [v["id"] for v in V]
assert len(sid) == len(set(sid)) == 44, len(sid)
assert len(vid) == len(set(vid)) == 34, len(vid)
assert set(sl) == set(sid)
Q = [l.rstrip("\n").split("\t") for l in open("qrels.tsv", encoding="utf-8") if l.strip()]
pairs = set()
for s, v, g in Q:
    if s not in sid:
        err.append(f"qrels unknown {s}")
    if v not in vid:
        err.append(f"qrels unknown {v}")
    if g not in ("1", "2"):
        err.append(f"qrels gain {g}")
    if (s, v) in pairs:
        err.append(f"dup {s} {v}")
    pairs.add((s, v))
g2 = collections.Counter(s for s, v, g in Q if g == "2")
rel = collections.Counter(s for s, v, g in Q)
for s in sid:
    if g2[s] == 0:
        err.append(f"{s} has no gain-2 vendor")
lang = collections.Counter(x["lang"] for x in sl.values())
word = collections.Counter(x["wording"] for x in sl.values())
cross = collections.Counter((x["lang"], x["wording"]) for x in sl.values())
if lang != {"zh": 22, "en": 22}:
    err.append(f"lang {lang}")
if word["plain"] < 26:
    err.append(f"plain {word}")
trad = [s["id"] for s in S if re.search(r"[們這飯層樓點時間東魚後來]", s["description"])]
print("traditional-character scenarios:", trad)
vl = json.load(open("vendor_lang.json"))
print("slices lang:", dict(lang), "wording:", dict(word), "cross:", dict(cross))
print("vendor lang:", dict(collections.Counter(vl.values())))
print("qrels by gain:", dict(collections.Counter(g for _, _, g in Q)), "total", len(Q))
print(
    "relevant per scenario:",
    dict(sorted(collections.Counter(rel[s] for s in sid).items())),
    "mean %.2f" % (len(Q) / len(sid)),
)
print("gain-2 per scenario:", dict(sorted(collections.Counter(g2[s] for s in sid).items())))
print("sectors:", len(set(sec.values())))
for k, n in sorted(collections.Counter(sec.values()).items(), key=lambda x: (-x[1], x[0])):
    print("  ", k, n)
vr = collections.Counter(v for s, v, g in Q)
print("vendors with no relevant scenario:", [v for v in vid if vr[v] == 0])
if err:
    print("ERRORS:")
    print("\n".join(err))
    sys.exit(1)
print("OK")
