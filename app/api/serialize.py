"""Models to the plain dicts /api/v1 returns: labels in the requested language, times in ISO 8601 UTC, and only
what the caller may see (a confidential scenario's details need the same rule as its page)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import url_for

from app.models import DISTRICTS, Organization


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Ctx:
    """How one response speaks: its language."""

    def __init__(self, lang: str):
        self.lang = lang

    def node(self, node) -> dict[str, Any] | None:
        if node is None:
            return None
        parent = getattr(node, "parent", None)
        return {
            "code": node.code,
            "name": node.name_en if self.lang == "en" else node.name_zh,
            "name_zh": node.name_zh,
            "name_en": node.name_en,
            "parent": parent.code if parent else None,
        }

    def district(self, code: str | None) -> dict[str, str] | None:
        if not code or code not in DISTRICTS:
            return None
        zh, en = DISTRICTS[code]
        return {"code": code, "name": en if self.lang == "en" else zh}

    def org(self, org: Organization) -> dict[str, Any]:
        return {
            "id": org.id,
            "name": org.display_name(self.lang),
            "verified": bool(org.verified),
            "on_keting": not org.is_unclaimed,
        }

    def scenario_summary(self, s) -> dict[str, Any]:
        return {
            "id": s.id,
            "url": url_for("public.scenario_detail", scenario_id=s.id, _external=True),
            "title": s.title,
            "organization": self.org(s.owner),
            "industry": self.node(s.industry),
            "capabilities": [self.node(c) for c in s.capabilities],
            "district": self.district(s.district),
            "language": s.language,
            "confidential": s.confidentiality != "public",
            "status": s.status,
            "batch": s.source_batch,
            "published_at": iso(s.published_at),
        }

    def scenario(self, s, details: bool) -> dict[str, Any]:
        out = self.scenario_summary(s)
        out.update(description=None, budget=None, timeline=None, data_available=None)
        if details:
            budget = (
                None
                if s.budget_min is None and s.budget_max is None
                else {"min": s.budget_min, "max": s.budget_max, "currency": "CNY"}
            )
            out.update(
                description=s.description,
                budget=budget,
                timeline=s.timeline or None,
                data_available=s.data_available or None,
            )
        return out

    def vendor_summary(self, v) -> dict[str, Any]:
        return {
            "id": v.id,
            "url": url_for("public.vendor_detail", vendor_id=v.id, _external=True),
            "name": v.organization.display_name(self.lang),
            "organization": self.org(v.organization),
            "capabilities": [self.node(c) for c in v.capabilities],
            "industries": [self.node(i) for i in v.industries],
            "district": self.district(v.organization.district),
        }

    def vendor(self, v) -> dict[str, Any]:
        out = self.vendor_summary(v)
        org = v.organization
        out.update(
            description=org.description or "",
            website=org.website or None,
            products=v.products or "",
            case_studies=v.case_studies or "",
            certifications=v.certifications or "",
            languages=list(v.languages or []),
            team_size=v.team_size,
            status=v.status,
            published_at=iso(v.published_at),
        )
        return out

    def reasons(self, reasons: list[dict]) -> list[dict[str, Any]]:
        return [
            {
                "kind": r.get("kind", ""),
                "code": r.get("code"),
                "label": r.get(self.lang) or r.get("zh") or "",
                "share": float(r.get("share") or 0),
            }
            for r in reasons or []
        ]
