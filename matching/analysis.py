"""What the matcher reads in one piece of text: its concepts with their evidence, how sure it is, its words.

Search boxes and the admin's "teach the matcher" tools call analyse() on a query or a listing, so they
see exactly what ranking sees (same normalisation, segmentation, cue weighting and damping of lone
ambiguous cues).
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field

from .lexicon import Lexicon, default_lexicon_path

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """The reading of one text.

    concepts: concept code (capability or industry) -> evidence in 0..1 (1 − exp(−raw evidence));
        one unambiguous synonym gives about 0.63, a lone ambiguous cue about 0.1, several cues near 1.
    confidence: 0..1, how well the text's capability need is understood (0: no capability cue at all).
    terms: the text's words as the matcher indexes them (Chinese segments, English stems), stopwords
        dropped, in order of first appearance.
    """

    concepts: dict[str, float] = field(default_factory=dict)
    confidence: float = 0.0
    terms: list[str] = field(default_factory=list)

    def capabilities(self, lexicon: Lexicon) -> dict[str, float]:
        """Return only the capability concepts, strongest first."""
        caps = {c: v for c, v in self.concepts.items() if lexicon.concepts[lexicon.index[c]].kind == "capability"}
        return dict(sorted(caps.items(), key=lambda kv: (-kv[1], kv[0])))


_ANALYSERS: weakref.WeakKeyDictionary[Lexicon, object] = weakref.WeakKeyDictionary()
_DEFAULT: list[Lexicon] = []


def _analyser(lexicon: Lexicon):
    a = _ANALYSERS.get(lexicon)
    if a is None:
        from .index import MatchIndex

        a = MatchIndex(lexicon=lexicon)
        a._check_params()
        a._setup()
        _ANALYSERS[lexicon] = a
    return a


def analyse(text: str, lexicon: Lexicon | None = None) -> Analysis:
    """Read a text the way the matcher reads a listing's description.

    Args:
        text: any text, Chinese, English or mixed, simplified or traditional.
        lexicon: the taxonomy lexicon (None: seeds/taxonomy.json, loaded once).
    Returns:
        An Analysis.
    Raises:
        ValueError: text is not a string.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    if lexicon is None:
        if not _DEFAULT:
            _DEFAULT.append(Lexicon.load(default_lexicon_path()))
        lexicon = _DEFAULT[0]
    a = _analyser(lexicon)
    terms, evidence, _ = a._analyze_fields([(text, 1.0, 1.0)])
    cap_ev = {i: v for i, v in evidence.items() if a._is_cap_list[i]}
    concepts = {lexicon.concepts[i].code: 1.0 - math.exp(-v) for i, v in evidence.items() if v > 0}
    concepts = dict(sorted(concepts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Analysis(concepts=concepts, confidence=a.confidence(cap_ev), terms=list(terms))
