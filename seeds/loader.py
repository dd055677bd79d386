"""Read the seed files and hand them to the catalogue services, in one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from app.extensions import db
from app.services.catalogue import LoadReport, delete_seeded, load_catalogue, sync_taxonomy
from app.services.errors import DomainError

SEEDS_DIR = Path(__file__).resolve().parent
TAXONOMY_PATH = SEEDS_DIR / "taxonomy.json"
CATALOGUE_DIR = SEEDS_DIR / "catalogue"
PREFIX = "seed:"
# The city published its two lists in 2020; seeded listings are dated from then.
PUBLISHED_FROM = {
    "2020 工业赋能 500": datetime(2020, 9, 1, tzinfo=UTC),
    "2020 未来城市 100": datetime(2020, 11, 1, tzinfo=UTC),
}


class SeedError(Exception):
    """A seed file is missing or malformed; the message names the file and line."""


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise SeedError(f"{path}: file not found")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SeedError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
    return rows


def read_taxonomy(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SeedError(f"{path}: file not found") from exc
    except json.JSONDecodeError as exc:
        raise SeedError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from exc


def load_all(
    reset: bool = False,
    taxonomy_only: bool = False,
    catalogue_dir: Path | None = None,
    taxonomy_path: Path | None = None,
) -> LoadReport:
    """Load the taxonomy and (unless taxonomy_only) the demo catalogue; all or nothing."""
    report = LoadReport()
    catalogue_dir = catalogue_dir or CATALOGUE_DIR
    taxonomy = read_taxonomy(taxonomy_path or TAXONOMY_PATH)
    if not taxonomy_only:
        organizations = read_jsonl(catalogue_dir / "organizations.jsonl")
        scenarios = read_jsonl(catalogue_dir / "scenarios.jsonl")
        vendors = read_jsonl(catalogue_dir / "vendors.jsonl")
        # Whom admins write to about the (memberless) demo organizations, kept beside them in their own file.
        contacts_path = catalogue_dir / "contacts.jsonl"
        contacts = {c["key"]: c for c in read_jsonl(contacts_path)} if contacts_path.exists() else {}
        organizations = [
            {**org, **{k: v for k, v in contacts.get(org["key"], {}).items() if k != "key"}} for org in organizations
        ]
    try:
        if reset:
            delete_seeded(PREFIX, report)
        sync_taxonomy(taxonomy, report)
        if not taxonomy_only:
            load_catalogue(organizations, scenarios, vendors, PREFIX, report, PUBLISHED_FROM)
        db.session.commit()
    except (DomainError, KeyError) as exc:
        db.session.rollback()
        raise SeedError(f"seed data rejected, nothing was loaded: {exc}") from exc
    except Exception:
        db.session.rollback()
        raise
    return report
