"""Where the labelled sets live, and their slices (evaluation metadata; the matcher never reads it)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def shared_dev() -> Path:
    """The shared development set: beside the checkout (../shared) or beside the worktrees (../../shared)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "matching-dev" / "qrels.tsv").exists():
            return base / "shared" / "matching-dev"
    return REPO.parent / "shared" / "matching-dev"


DEV = shared_dev()
REAL = DEV / "real"
HOLDOUT = HERE / "holdout"
BLIND = HERE / "holdout_blind"


def blind_slices() -> dict[str, set[str]]:
    """Return {"all", "zh", "en", "plain", "technical"} -> scenario ids of the blind held-out set."""
    meta = json.loads((BLIND / "slices.json").read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {"all": set(meta)}
    for sid, m in meta.items():
        out.setdefault(m["lang"], set()).add(sid)
        out.setdefault(m["wording"], set()).add(sid)
    return out
