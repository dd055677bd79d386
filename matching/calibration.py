"""A plain-language strength for a match score, with thresholds fitted on labelled sets (matching/fit.py).

"strong" starts where at least 92 % of the top-10 pairs of every development set are relevant, "good"
where at least 75 % are; below that a match is "fair". The site and the CLI both call strength().
"""

from __future__ import annotations

import math

from . import _weights

__all__ = ["STRENGTHS", "strength"]

# (lowest score, name), best first.
STRENGTHS: tuple[tuple[float, str], ...] = (
    (_weights.STRONG_THRESHOLD, "strong"),
    (_weights.GOOD_THRESHOLD, "good"),
    (0.0, "fair"),
)


def strength(score: float) -> str:
    """Return "strong", "good" or "fair" for a match score in 0..1.

    Raises:
        ValueError: score is not a finite number.
    """
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
        raise ValueError(f"score must be a finite number, got {score!r}")
    for floor, name in STRENGTHS:
        if score >= floor:
            return name
    return "fair"
