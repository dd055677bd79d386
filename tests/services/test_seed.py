"""`flask seed`: loads the taxonomy and catalogue, changes nothing the second time, --reset reloads,
and a broken file leaves the database as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.models import Capability, Industry, Organization, Scenario, VendorProfile
from seeds.loader import SeedError, load_all

TAXONOMY = {
    "version": 1,
    "industries": [
        {"code": "manufacturing", "name_zh": "制造业", "name_en": "Manufacturing", "parent": None},
        {
            "code": "tyre-rubber",
            "name_zh": "轮胎橡胶",
            "name_en": "Tyres and rubber",
            "parent": "manufacturing",
            "synonyms_zh": ["轮胎"],
            "synonyms_en": ["tyre"],
        },
    ],
    "capabilities": [
        {"code": "vision", "name_zh": "计算机视觉", "name_en": "Computer vision", "parent": None},
        {
            "code": "visual-inspection",
            "name_zh": "机器视觉缺陷检测",
            "name_en": "Visual defect inspection",
            "parent": "vision",
            "synonyms_zh": ["缺陷检测"],
            "synonyms_en": ["defect detection"],
        },
    ],
}
ORGS = [
    {
        "key": "org-1",
        "kind": "enterprise",
        "name": "青岛示例轮胎有限公司",
        "name_en": None,
        "description": "轮胎制造",
        "website": None,
        "district": "jimo",
        "size": "large",
        "verified": True,
    },
    {
        "key": "org-2",
        "kind": "vendor",
        "name": "慧眼视觉",
        "name_en": "Huiyan Vision",
        "description": "缺陷检测",
        "website": "https://example.com",
        "district": "laoshan",
        "size": "small",
        "verified": False,
    },
]
SCENARIOS = [
    {
        "key": "ie-001",
        "owner": "org-1",
        "title": "胎面外观人工目检漏检多",
        "description": "质检员肉眼看胎面。",
        "language": "zh",
        "industry": "tyre-rubber",
        "capabilities": ["visual-inspection"],
        "district": "jimo",
        "budget_min": 100000,
        "budget_max": 500000,
        "timeline": "6个月",
        "data_available": "图片",
        "batch": "2020 工业赋能 500",
        "featured": True,
    },
]
VENDORS = [
    {
        "org": "org-2",
        "capabilities": ["visual-inspection"],
        "industries": ["tyre-rubber"],
        "products": "慧眼质检",
        "case_studies": "某轮胎厂",
        "certifications": "ISO 9001",
        "languages": ["zh", "en"],
        "team_size": 40,
    },
]


def write(folder: Path, scenarios=SCENARIOS, taxonomy=TAXONOMY) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "taxonomy.json").write_text(json.dumps(taxonomy, ensure_ascii=False), encoding="utf-8")
    for name, rows in (("organizations", ORGS), ("scenarios", scenarios), ("vendors", VENDORS)):
        (folder / f"{name}.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
        )
    return folder


def counts(db) -> tuple[int, ...]:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(m))
        for m in (Industry, Capability, Organization, Scenario, VendorProfile)
    )


def test_seed_loads_everything_then_a_second_run_changes_nothing(db, tmp_path):
    folder = write(tmp_path / "seed")
    first = load_all(catalogue_dir=folder, taxonomy_path=folder / "taxonomy.json")
    assert counts(db) == (2, 2, 2, 1, 1)
    assert first.created["scenarios"] == 1
    scenario = db.session.scalar(sa.select(Scenario))
    stamp = scenario.updated_at
    second = load_all(catalogue_dir=folder, taxonomy_path=folder / "taxonomy.json")
    assert second.summary().startswith("nothing to change")
    db.session.refresh(scenario)
    assert scenario.updated_at == stamp and scenario.status == "published"
    assert [c.code for c in scenario.capabilities] == ["visual-inspection"]


def test_reset_deletes_the_seeded_catalogue_and_loads_it_again(db, tmp_path):
    folder = write(tmp_path / "seed")
    load_all(catalogue_dir=folder, taxonomy_path=folder / "taxonomy.json")
    db.session.scalar(sa.select(Scenario)).featured = False
    db.session.commit()
    report = load_all(reset=True, catalogue_dir=folder, taxonomy_path=folder / "taxonomy.json")
    assert report.deleted["scenarios"] == 1 and report.created["scenarios"] == 1
    assert counts(db) == (2, 2, 2, 1, 1)
    assert db.session.scalar(sa.select(Scenario)).featured is True


def test_an_unknown_code_rejects_the_whole_load(db, tmp_path):
    bad = [dict(SCENARIOS[0], industry="no-such-industry")]
    folder = write(tmp_path / "seed", scenarios=bad)
    with pytest.raises(SeedError, match="no-such-industry"):
        load_all(catalogue_dir=folder, taxonomy_path=folder / "taxonomy.json")
    assert counts(db) == (0, 0, 0, 0, 0)


def test_invalid_json_is_reported_with_file_and_line(db, tmp_path):
    folder = write(tmp_path / "seed")
    (folder / "scenarios.jsonl").write_text('{"key": "ie-001"}\n{broken\n', encoding="utf-8")
    with pytest.raises(SeedError, match=r"scenarios.jsonl:2"):
        load_all(catalogue_dir=folder, taxonomy_path=folder / "taxonomy.json")


def test_flask_seed_command_reports_what_it_did(app, db, tmp_path, monkeypatch):
    folder = write(tmp_path / "seed")
    monkeypatch.setattr("seeds.loader.CATALOGUE_DIR", folder)
    monkeypatch.setattr("seeds.loader.TAXONOMY_PATH", folder / "taxonomy.json")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0 and "created" in result.output
    again = runner.invoke(args=["seed"])
    assert "nothing to change" in again.output


def test_the_shipped_catalogue_mirrors_the_2020_release_and_reloads_without_changes(db):
    load_all()
    batches = dict(
        db.session.execute(sa.select(Scenario.source_batch, sa.func.count()).group_by(Scenario.source_batch)).all()
    )
    assert batches == {"2020 工业赋能 500": 500, "2020 未来城市 100": 100}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VendorProfile)) >= 80
    chinese = db.session.scalar(sa.select(sa.func.count()).where(Scenario.language == "zh"))
    assert 0.65 <= chinese / 600 <= 0.85
    assert load_all().summary().startswith("nothing to change")
