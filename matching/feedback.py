"""Penalties from feedback: "this vendor is not for this kind of scenario", as Matcher penalties.

Pure functions, so the site (which reads the signals from its database) and bench/feedback_replay.py
(which simulates them) compute penalties the same way. The result goes straight into
Matcher.rank_vendors / rank_scenarios(penalties=...), which multiply a vendor's score by
(1 − p × m), m being the scenario's share on the penalised concept.

What a decline counts against is the scenario's *capability* (scenario_kind), not its industry: a
vendor that turns down a process-optimisation scenario at a chemical plant is saying "not our kind of
work", and penalising (vendor, chemicals) as well would push a chemical-safety video vendor down for
the chemical-safety scenarios it is right for. On the development set (bench/feedback_replay.py)
counting industries too cost about 2 points of nDCG@10; capabilities alone cost a fraction of one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .lexicon import Lexicon
from .types import ScenarioDoc

__all__ = ["PENALTY_CAP", "PENALTY_STEP", "feedback_penalties", "scenario_kind"]

PENALTY_STEP = 0.5
PENALTY_CAP = 0.9


def feedback_penalties(
    events: Iterable[tuple[str, Iterable[str], int]], step: float = PENALTY_STEP, cap: float = PENALTY_CAP
) -> dict[tuple[str, str], float]:
    """Turn feedback events into {(vendor_id, concept_code): penalty}.

    Each negative event (a decline, "not relevant") on a scenario counts against the vendor for every
    concept the scenario is about; each positive event (interest, an accepted request) counts one back,
    so a vendor that said no once and then reached out for the same kind of scenario is not held down.
    With n = negatives − positives > 0 for a (vendor, concept), the penalty is 1 − (1 − step)^n, at
    most cap: one decline halves a vendor's score on a scenario entirely of that kind (step 0.5), two
    leave a quarter, and no amount of feedback removes a vendor completely (cap < 1).

    Args:
        events: (vendor_id, concept codes of the scenario, sign) with sign −1 (negative) or +1 (positive).
        step: the penalty of one net negative event, in (0, 1].
        cap: the largest penalty, in [0, 1].
    Returns:
        {(vendor_id, concept_code): p} for pairs with a net negative count only.
    Raises:
        ValueError: step or cap out of range, a sign other than −1/+1, or codes given as one string.
    """
    if not isinstance(step, (int, float)) or not 0 < step <= 1:
        raise ValueError(f"step must be a number in (0, 1], got {step!r}")
    if not isinstance(cap, (int, float)) or not 0 <= cap <= 1:
        raise ValueError(f"cap must be a number in [0, 1], got {cap!r}")
    net: Counter[tuple[str, str]] = Counter()
    for vendor_id, codes, sign in events:
        if sign not in (-1, 1):
            raise ValueError(f"sign must be -1 or +1, got {sign!r}")
        if isinstance(codes, str):
            raise ValueError("concept codes must be a sequence of strings, not a single string")
        for code in set(codes):
            net[(vendor_id, code)] -= sign
    return {key: min(cap, 1.0 - (1.0 - step) ** n) for key, n in net.items() if n > 0}


def scenario_kind(doc: ScenarioDoc, lexicon: Lexicon) -> tuple[str, ...]:
    """Return the capability codes that a decline of this scenario counts against.

    The scenario's declared capability codes when it has any; otherwise the capability leaf its own
    text names most often (strong phrases only; the title counts twice), or () when it names none.

    Args:
        doc: the scenario.
        lexicon: the lexicon the matcher uses.
    Returns:
        Capability codes, declared order kept.
    Raises:
        ValueError: doc is not a ScenarioDoc or lexicon not a Lexicon.
    """
    if not isinstance(doc, ScenarioDoc):
        raise ValueError(f"expected a ScenarioDoc, got {type(doc).__name__}")
    if not isinstance(lexicon, Lexicon):
        raise ValueError(f"expected a Lexicon, got {type(lexicon).__name__}")
    if doc.capability_codes:
        return tuple(dict.fromkeys(doc.capability_codes))
    text = "\n".join([doc.title, doc.title, doc.industry, *doc.tags, doc.description])
    counts = Counter(code for code, weak in lexicon.find(text) if not weak)
    leaves = [
        code
        for code, _ in counts.most_common()
        if lexicon.concepts[lexicon.index[code]].kind == "capability" and lexicon.concepts[lexicon.index[code]].parent
    ]
    return tuple(leaves[:1])
