#!/usr/bin/env python3
"""Build qrels.tsv from labels.json with the gain rule (standard library only).

gain 2: vendor offers the scenario's primary capability AND serves its industry
        (a vendor labelled ["ALL"] serves every industry).
gain 1: vendor offers the primary capability but not the industry, OR
        offers the secondary capability and serves the industry.
gain 0: otherwise (not written).

Exits with an error if any scenario has no gain-2 vendor.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def gain(scen, vend):
    caps = set(vend["capabilities"])
    inds = vend["industries"]
    serves = "ALL" in inds or scen["industry"] in inds
    if scen["primary"] in caps:
        return 2 if serves else 1
    if scen.get("secondary") and scen["secondary"] in caps and serves:
        return 1
    return 0


def main():
    with open(os.path.join(HERE, "labels.json"), encoding="utf-8") as f:
        labels = json.load(f)
    rows, missing = [], []
    for sid in sorted(labels["scenarios"]):
        s = labels["scenarios"][sid]
        n2 = 0
        for vid in sorted(labels["vendors"]):
            g = gain(s, labels["vendors"][vid])
            if g:
                rows.append((sid, vid, g))
                n2 += g == 2
        if n2 == 0:
            missing.append(sid)
    with open(os.path.join(HERE, "qrels.tsv"), "w", encoding="utf-8") as f:
        for sid, vid, g in rows:
            f.write(f"{sid}\t{vid}\t{g}\n")
    n2 = sum(1 for r in rows if r[2] == 2)
    print(f"wrote {len(rows)} pairs ({n2} gain 2, {len(rows) - n2} gain 1)")
    if missing:
        sys.exit("scenarios without a gain-2 vendor: " + ", ".join(missing))


if __name__ == "__main__":
    main()
