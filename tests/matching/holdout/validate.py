#!/usr/bin/env python3
"""Sanity checks for the held-out set (standard library only).

Checks: JSONL validity and counts, id uniqueness, field shapes, text lengths, labels coverage,
taxonomy coverage, 2-5 relevant vendors per scenario, implicit scenarios free of technique
words, and that qrels.tsv equals what make_qrels.py would produce.
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_qrels import gain  # noqa: E402

CAPS = ["C%02d" % i for i in range(1, 25)]
INDS = ["I%02d" % i for i in range(1, 18)]

# Composition as stated in README.md (3-digit suffixes of HS/HV ids).
EN = ["002", "005", "013", "019", "024", "027", "028", "039", "042", "045", "048"]
MIXED = ["003", "030", "033"]
IMPLICIT = [
    "002",
    "003",
    "004",
    "006",
    "007",
    "009",
    "010",
    "011",
    "012",
    "013",
    "015",
    "017",
    "018",
    "019",
    "025",
    "029",
    "032",
    "034",
    "035",
    "040",
    "041",
    "045",
    "046",
    "047",
]
V_EN = ["005", "006", "007", "010", "012", "015", "022", "030"]
V_MIXED = ["008", "009"]
GENERALISTS = {"HV019", "HV027", "HV030"}

# Words that name a technique; implicit scenarios must not contain them (case-insensitive).
FORBIDDEN = [
    "机器视觉",
    "视觉",
    "图像",
    "识别",
    "OCR",
    "预测",
    "预测性维护",
    "故障诊断",
    "AGV",
    "AMR",
    "无人",
    "虚拟现实",
    "增强现实",
    "推荐",
    "机器人",
    "智能客服",
    "客服机器人",
    "语音识别",
    "语音",
    "人脸",
    "刷脸",
    "生物识别",
    "数字孪生",
    "仿真",
    "算法",
    "人工智能",
    "边缘计算",
    "芯片",
    "遥感",
    "卫星",
    "浮标",
    "知识图谱",
    "检索",
    "大模型",
    "智慧",
    "智能",
    "物联网",
    "排产",
    "排程",
    "运筹",
    "优化",
    "精准营销",
    "画像",
    "自动驾驶",
    "车路协同",
    "客流",
    "人流量",
    "人流分析",
    "车流",
    "软测量",
    "节能",
    "能耗",
    "machine vision",
    "vision",
    "ocr",
    "predictive",
    "forecast",
    "agv",
    "autonomous",
    "driverless",
    "virtual reality",
    "augmented",
    "recommend",
    "chatbot",
    "speech",
    "voice",
    "face",
    "biometric",
    "digital twin",
    "simulation",
    "algorithm",
    "artificial intelligence",
    "machine learning",
    "edge",
    "satellite",
    "remote sensing",
    "buoy",
    "knowledge graph",
    "optimi",
    "anti-fraud",
    "fraud",
    "energy saving",
    "computer",
]


CASE_SENSITIVE = ["AI", "AR", "VR", "IoT"]


def hits(text):
    """Forbidden words found in text (English terms match at word starts only)."""
    found = [w for w in CASE_SENSITIVE if re.search(r"(?<![A-Za-z])%s(?![a-z])" % w, text)]
    low = text.lower()
    for w in FORBIDDEN:
        if re.search(r"[a-z]", w):
            if re.search(r"(?<![a-z])" + re.escape(w.lower()), low):
                found.append(w)
        elif w.lower() in low:
            found.append(w)
    return found


def load_jsonl(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for _n, line in enumerate(f, 1):
            if line.strip():
                rows.append(json.loads(line))
    return rows


def cjk(s):
    return len(re.findall(r"[\u4e00-\u9fff]", s))


def words(s):
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'\-.,/%]*", s))


def main():
    err = []
    scen = load_jsonl("scenarios.jsonl")
    vend = load_jsonl("vendors.jsonl")
    labels = json.load(open(os.path.join(HERE, "labels.json"), encoding="utf-8"))
    sids = [s["id"] for s in scen]
    vids = [v["id"] for v in vend]
    if sids != ["HS%03d" % i for i in range(1, 49)]:
        err.append("scenario ids must be HS001..HS048 in order")
    if vids != ["HV%03d" % i for i in range(1, 33)]:
        err.append("vendor ids must be HV001..HV032 in order")
    if set(labels["scenarios"]) != set(sids) or set(labels["vendors"]) != set(vids):
        err.append("labels.json does not cover exactly the scenario and vendor ids")

    for s in scen:
        if set(s) != {"id", "title", "description", "industry", "tags"}:
            err.append(f"{s['id']}: fields {sorted(s)}")
        if not (0 <= len(s["tags"]) <= 3):
            err.append(f"{s['id']}: {len(s['tags'])} tags")
        suf = s["id"][2:]
        d = s["description"]
        if suf in EN:
            if not 50 <= words(d) <= 150:
                err.append(f"{s['id']}: en description has {words(d)} words")
        else:
            n = len(d)
            if not 80 <= n <= 300:
                err.append(f"{s['id']}: zh/mixed description has {n} characters")
        if suf in IMPLICIT:
            for w in hits(" ".join([s["title"], d] + s["tags"])):
                err.append(f"{s['id']}: implicit scenario contains '{w}'")
    for v in vend:
        if set(v) != {"id", "name", "description", "industries", "tags"}:
            err.append(f"{v['id']}: fields {sorted(v)}")
        if not (0 <= len(v["industries"]) <= 4):
            err.append(f"{v['id']}: {len(v['industries'])} industries")
        if not (2 <= len(v["tags"]) <= 6):
            err.append(f"{v['id']}: {len(v['tags'])} tags")

    # labels
    prim = Counter()
    ind = Counter()
    for sid, l in labels["scenarios"].items():
        if l["primary"] not in CAPS or l["industry"] not in INDS:
            err.append(f"{sid}: bad label {l}")
        if l["secondary"] is not None and (l["secondary"] not in CAPS or l["secondary"] == l["primary"]):
            err.append(f"{sid}: bad secondary {l}")
        prim[l["primary"]] += 1
        ind[l["industry"]] += 1
    offer = Counter()
    for vid, l in labels["vendors"].items():
        if not 1 <= len(l["capabilities"]) <= 4 or any(c not in CAPS for c in l["capabilities"]):
            err.append(f"{vid}: bad capabilities {l}")
        if l["industries"] != ["ALL"] and (not l["industries"] or any(i not in INDS for i in l["industries"])):
            err.append(f"{vid}: bad industries {l}")
        if (l["industries"] == ["ALL"]) != (vid in GENERALISTS):
            err.append(f"{vid}: ALL label does not match the generalist list")
        offer.update(l["capabilities"])
    for c in CAPS:
        if prim[c] < 1:
            err.append(f"{c} is nobody's primary")
        if offer[c] < 2:
            err.append(f"{c} offered by {offer[c]} vendors")
    for i in INDS:
        if ind[i] < 2:
            err.append(f"{i} appears in {ind[i]} scenarios")

    # qrels
    expected = []
    for sid in sorted(labels["scenarios"]):
        rel = [(vid, gain(labels["scenarios"][sid], labels["vendors"][vid])) for vid in sorted(labels["vendors"])]
        rel = [(vid, g) for vid, g in rel if g]
        if not 2 <= len(rel) <= 5:
            err.append(f"{sid}: {len(rel)} relevant vendors")
        if not any(g == 2 for _, g in rel):
            err.append(f"{sid}: no gain-2 vendor")
        expected += [f"{sid}\t{vid}\t{g}" for vid, g in rel]
    actual = open(os.path.join(HERE, "qrels.tsv"), encoding="utf-8").read().splitlines()
    if actual != expected:
        err.append("qrels.tsv is stale: run make_qrels.py")

    n2 = sum(1 for r in expected if r.endswith("\t2"))
    per = Counter(r.split("\t")[0] for r in expected)
    g2 = Counter(Counter(r.split("\t")[0] for r in expected if r.endswith("\t2")).values())
    print(f"scenarios {len(scen)}, vendors {len(vend)}, qrels {len(expected)} ({n2} gain 2)")
    print(
        f"relevant per scenario: min {min(per.values())}, max {max(per.values())}, "
        f"mean {len(expected) / len(scen):.2f}; scenarios by number of gain-2 vendors: {dict(sorted(g2.items()))}"
    )
    print("secondary:", sum(1 for l in labels["scenarios"].values() if l["secondary"]))
    print("industries per code:", dict(sorted(ind.items())))
    print("vendors per capability:", dict(sorted(offer.items())))
    if err:
        print("\n".join("ERROR " + e for e in err))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
