"""Keting's matcher: bilingual, explainable TF-IDF + concept matching of scenarios and vendors.

A pure library: no Flask, no SQLAlchemy, no I/O beyond Lexicon.load and Matcher.save/load.
"""

from .analysis import Analysis, analyse
from .calibration import STRENGTHS, strength
from .evaluate import evaluate
from .feedback import feedback_penalties, scenario_kind
from .lexicon import Concept, Lexicon, default_lexicon_path
from .rank import Matcher
from .types import MatchResult, Reason, ScenarioDoc, VendorDoc

__all__ = [
    "STRENGTHS",
    "Analysis",
    "Concept",
    "Lexicon",
    "MatchResult",
    "Matcher",
    "Reason",
    "ScenarioDoc",
    "VendorDoc",
    "analyse",
    "default_lexicon_path",
    "evaluate",
    "feedback_penalties",
    "scenario_kind",
    "strength",
]
