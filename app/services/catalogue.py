"""Loading a catalogue of taxonomy, organizations, scenarios and vendors from plain records.

Used by `flask seed`; keyed by external_ref so that loading the same records twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from app.extensions import db
from app.models import Capability, Industry, Match, Organization, Scenario, VendorProfile
from app.models.taxonomy import TaxonomyModel
from app.services.errors import InvalidInput


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, kind: str, n: int = 1) -> None:
        target = getattr(self, bucket)
        target[kind] = target.get(kind, 0) + n

    def summary(self) -> str:
        parts = []
        for bucket in ("deleted", "created", "updated"):
            counts = getattr(self, bucket)
            if counts:
                parts.append(f"{bucket}: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
        return "; ".join(parts) or "nothing to change: the database already holds this catalogue"


def _text(value: Any) -> str:
    """Free text from a record; a list of lines (products, cases) becomes one line each."""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v).strip() for v in value if str(v).strip())
    return (value or "").strip()


def _same(old: Any, new: Any) -> bool:
    # SQLite hands back naive datetimes for timezone-aware columns; compare both as UTC.
    if isinstance(old, datetime) and isinstance(new, datetime):
        return old.replace(tzinfo=old.tzinfo or UTC) == new.replace(tzinfo=new.tzinfo or UTC)
    return old == new


def _assign(obj: Any, values: Mapping[str, Any]) -> bool:
    """Set attributes that differ; return whether anything changed."""
    changed = False
    for key, value in values.items():
        if not _same(getattr(obj, key), value):
            setattr(obj, key, value)
            changed = True
    return changed


def sync_taxonomy(data: Mapping[str, Any], report: LoadReport) -> None:
    """Create or update industries and capabilities from a taxonomy document (groups before leaves)."""
    models: tuple[tuple[str, TaxonomyModel], ...] = (("industries", Industry), ("capabilities", Capability))
    for kind, model in models:
        entries = list(data.get(kind) or [])
        existing = {n.code: n for n in db.session.scalars(sa.select(model))}
        codes = {e["code"] for e in entries}
        for entry in sorted(entries, key=lambda e: e.get("parent") is not None):
            parent_code = entry.get("parent")
            if parent_code and parent_code not in codes and parent_code not in existing:
                raise InvalidInput(f"{kind}: {entry['code']} names an unknown parent {parent_code}")
            node = existing.get(entry["code"])
            values = {
                "name_zh": entry["name_zh"],
                "name_en": entry["name_en"],
                "synonyms_zh": list(entry.get("synonyms_zh") or []),
                "synonyms_en": list(entry.get("synonyms_en") or []),
                "weak_zh": list(entry.get("weak_zh") or []),
                "weak_en": list(entry.get("weak_en") or []),
                "position": entries.index(entry),
            }
            if node is None:
                node = model(code=entry["code"], **values)
                db.session.add(node)
                existing[node.code] = node
                report.count("created", kind)
            elif _assign(node, values):
                report.count("updated", kind)
            parent = existing.get(parent_code) if parent_code else None
            if node.parent is not parent:
                node.parent = parent
        db.session.flush()


def delete_seeded(prefix: str, report: LoadReport) -> None:
    """Remove every record whose external_ref starts with prefix (their matches and profiles go too)."""
    like = f"{prefix}%"
    scenario_ids = db.session.scalars(sa.select(Scenario.id).where(Scenario.external_ref.like(like))).all()
    org_ids = db.session.scalars(sa.select(Organization.id).where(Organization.external_ref.like(like))).all()
    if scenario_ids:
        db.session.execute(sa.delete(Match).where(Match.scenario_id.in_(scenario_ids)))
    profile_ids = db.session.scalars(
        sa.select(VendorProfile.id).where(VendorProfile.organization_id.in_(org_ids))
    ).all()
    if profile_ids:
        db.session.execute(sa.delete(Match).where(Match.vendor_id.in_(profile_ids)))
    for obj in db.session.scalars(sa.select(Scenario).where(Scenario.id.in_(scenario_ids))):
        db.session.delete(obj)
    db.session.flush()
    for profile in db.session.scalars(sa.select(VendorProfile).where(VendorProfile.id.in_(profile_ids))):
        db.session.delete(profile)
    db.session.flush()
    # Organizations that still own listings not from this catalogue stay.
    for org in db.session.scalars(sa.select(Organization).where(Organization.id.in_(org_ids))):
        if not org.scenarios and not org.users:
            db.session.delete(org)
            report.count("deleted", "organizations")
    report.count("deleted", "scenarios", len(scenario_ids))
    report.count("deleted", "vendor profiles", len(profile_ids))
    db.session.flush()


def load_catalogue(
    organizations: Iterable[Mapping[str, Any]],
    scenarios: Iterable[Mapping[str, Any]],
    vendors: Iterable[Mapping[str, Any]],
    prefix: str,
    report: LoadReport,
    published_from: Mapping[str, datetime],
) -> None:
    """Create or update organizations, published scenarios and vendor profiles keyed by prefix + key."""
    industries = {n.code: n for n in db.session.scalars(sa.select(Industry))}
    capabilities = {n.code: n for n in db.session.scalars(sa.select(Capability))}

    def lookup(table: dict, code: str, where: str):
        if code not in table:
            raise InvalidInput(f"{where}: unknown taxonomy code {code!r}")
        return table[code]

    orgs = {
        o.external_ref: o
        for o in db.session.scalars(sa.select(Organization).where(Organization.external_ref.like(f"{prefix}%")))
    }
    for rec in organizations:
        ref = prefix + rec["key"]
        values = {k: rec.get(k) for k in ("kind", "name", "name_en", "website", "district", "size")}
        values["description"] = rec.get("description") or ""
        values["verified"] = bool(rec.get("verified"))
        org = orgs.get(ref)
        if org is None:
            org = Organization(external_ref=ref, **values)
            db.session.add(org)
            orgs[ref] = org
            report.count("created", "organizations")
        elif _assign(org, values):
            report.count("updated", "organizations")
        # The recorded contact fills empty fields only: an admin's correction is not undone by the next seed.
        contact = {
            k: (rec.get(k) or "").strip().lower() if k == "contact_email" else (rec.get(k) or "").strip()
            for k in ("contact_name", "contact_email", "contact_phone")
        }
        filled = {k: v for k, v in contact.items() if v and not getattr(org, k)}
        if filled and _assign(org, filled) and org.id is not None:
            report.count("updated", "organizations")
    db.session.flush()

    existing = {
        s.external_ref: s
        for s in db.session.scalars(sa.select(Scenario).where(Scenario.external_ref.like(f"{prefix}%")))
    }
    for index, rec in enumerate(scenarios):
        ref = prefix + rec["key"]
        where = f"scenario {rec['key']}"
        owner = orgs.get(prefix + rec["owner"])
        if owner is None:
            raise InvalidInput(f"{where}: unknown owner {rec['owner']!r}")
        batch = rec.get("batch")
        start = published_from.get(batch or "", datetime(2021, 1, 1, tzinfo=UTC))
        values = {
            "owner": owner,
            "title": rec["title"],
            "description": rec["description"],
            "industry": lookup(industries, rec["industry"], where) if rec.get("industry") else None,
            "district": rec.get("district"),
            "budget_min": rec.get("budget_min"),
            "budget_max": rec.get("budget_max"),
            "timeline": rec.get("timeline"),
            "data_available": rec.get("data_available"),
            "status": "published",
            "featured": bool(rec.get("featured")),
            "source_batch": batch,
            "language": rec.get("language") or "zh",
            "confidentiality": "public",
            # Spread publication over the release's first weeks so "newest" has a meaningful order.
            "published_at": start + timedelta(hours=5 * index),
        }
        caps = [lookup(capabilities, c, where) for c in rec.get("capabilities") or []]
        scenario = existing.get(ref)
        if scenario is None:
            scenario = Scenario(external_ref=ref, submitted_at=values["published_at"], **values)
            scenario.capabilities = caps
            db.session.add(scenario)
            report.count("created", "scenarios")
        else:
            changed = _assign(scenario, values)
            if {c.id for c in scenario.capabilities} != {c.id for c in caps}:
                scenario.capabilities = caps
                changed = True
            if changed:
                report.count("updated", "scenarios")
    db.session.flush()

    profiles = {p.organization_id: p for p in db.session.scalars(sa.select(VendorProfile))}
    for rec in vendors:
        where = f"vendor {rec['org']}"
        org = orgs.get(prefix + rec["org"])
        if org is None or org.kind != "vendor":
            raise InvalidInput(f"{where}: no vendor organization with that key")
        values = {
            "status": "published",
            "products": _text(rec.get("products")),
            "case_studies": _text(rec.get("case_studies")),
            "certifications": _text(rec.get("certifications")).replace("\n", "、"),
            "languages": list(rec.get("languages") or []),
            "team_size": rec.get("team_size"),
        }
        caps = [lookup(capabilities, c, where) for c in rec.get("capabilities") or []]
        inds = [lookup(industries, c, where) for c in rec.get("industries") or []]
        profile = profiles.get(org.id)
        if profile is None:
            profile = VendorProfile(organization=org, **values)
            profile.capabilities, profile.industries = caps, inds
            db.session.add(profile)
            report.count("created", "vendor profiles")
        else:
            changed = _assign(profile, values)
            if {c.id for c in profile.capabilities} != {c.id for c in caps}:
                profile.capabilities = caps
                changed = True
            if {i.id for i in profile.industries} != {i.id for i in inds}:
                profile.industries = inds
                changed = True
            if changed:
                report.count("updated", "vendor profiles")
    db.session.flush()
