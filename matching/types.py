"""Frozen dataclasses for listings in and matches out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .calibration import strength

__all__ = ["MatchResult", "Reason", "ScenarioDoc", "VendorDoc"]


def _tuple_of_str(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        raise ValueError(f"{name} must be a sequence of strings, not a single string")
    out = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError(f"{name} must contain only strings, got {type(item).__name__}")
        out.append(item)
    return tuple(out)


def _str(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class ScenarioDoc:
    """An enterprise's scenario (the query side of vendor matching).

    `industry` is free text; `industry_codes` / `capability_codes` are optional taxonomy leaf
    codes declared by the enterprise, which the matcher trusts more than the text.
    """

    id: str
    title: str = ""
    description: str = ""
    industry: str = ""
    tags: tuple[str, ...] = ()
    industry_codes: tuple[str, ...] = ()
    capability_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError("ScenarioDoc.id must be a non-empty string")
        object.__setattr__(self, "title", _str(self.title, "title"))
        object.__setattr__(self, "description", _str(self.description, "description"))
        object.__setattr__(self, "industry", _str(self.industry, "industry"))
        object.__setattr__(self, "tags", _tuple_of_str(self.tags, "tags"))
        object.__setattr__(self, "industry_codes", _tuple_of_str(self.industry_codes, "industry_codes"))
        object.__setattr__(self, "capability_codes", _tuple_of_str(self.capability_codes, "capability_codes"))


@dataclass(frozen=True)
class VendorDoc:
    """A vendor profile (the document side of vendor matching)."""

    id: str
    name: str = ""
    description: str = ""
    industries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    industry_codes: tuple[str, ...] = ()
    capability_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError("VendorDoc.id must be a non-empty string")
        object.__setattr__(self, "name", _str(self.name, "name"))
        object.__setattr__(self, "description", _str(self.description, "description"))
        object.__setattr__(self, "industries", _tuple_of_str(self.industries, "industries"))
        object.__setattr__(self, "tags", _tuple_of_str(self.tags, "tags"))
        object.__setattr__(self, "industry_codes", _tuple_of_str(self.industry_codes, "industry_codes"))
        object.__setattr__(self, "capability_codes", _tuple_of_str(self.capability_codes, "capability_codes"))


@dataclass(frozen=True)
class Reason:
    """One contribution to a match score.

    kind: "capability", "industry" or "term"; code: the concept code (None for terms and for
    the industry-agnostic credit); label: text in the requested language; share: this reason's
    share of the pair's score (0..1; shares of one match sum to at most 1); chosen_by: which
    posters selected this concept for their listing ("scenario", "vendor"); empty when the
    matcher read it from the texts.
    """

    kind: str
    code: str | None
    label: str
    share: float
    chosen_by: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "kind": self.kind,
            "code": self.code,
            "label": self.label,
            "share": round(self.share, 4),
            "chosen_by": list(self.chosen_by),
        }


@dataclass(frozen=True)
class MatchResult:
    """One ranked counterpart: vendor_id for scenario→vendor, scenario_id for the other ways."""

    score: float
    reasons: tuple[Reason, ...] = ()
    vendor_id: str | None = None
    scenario_id: str | None = None

    @property
    def id(self) -> str:
        """Return the id of the ranked counterpart."""
        return self.vendor_id if self.vendor_id is not None else self.scenario_id  # type: ignore[return-value]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (only the id key that is set)."""
        out: dict[str, Any] = {}
        if self.vendor_id is not None:
            out["vendor_id"] = self.vendor_id
        if self.scenario_id is not None:
            out["scenario_id"] = self.scenario_id
        out["score"] = round(self.score, 6)
        out["strength"] = strength(self.score)
        out["reasons"] = [r.to_dict() for r in self.reasons]
        return out
