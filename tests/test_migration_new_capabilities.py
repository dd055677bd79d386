"""The data migration that adds the new capabilities reaches databases seeded before it, and leaves empty ones to `flask seed`."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from app.config import TestConfig
from app.extensions import db

BEFORE = "07c4ce5e763c"
NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)


def _app(uri):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = uri

    return create_app(Config)


def test_upgrade_adds_the_capabilities_under_their_groups_and_moves_their_phrases(empty_database_uri):
    app = _app(empty_database_uri)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO capability (id, code, name_zh, name_en, synonyms_zh, synonyms_en, weak_zh, weak_en, position,"
                " created_at, updated_at) VALUES (1, 'autonomy', '自主系统', 'Autonomy', '[]', '[]', '[]', '[]', 0, :t, :t),"
                " (2, 'decision', '决策', 'Decision', '[]', '[]', '[]', '[]', 1, :t, :t)"), {"t": NOW})
            conn.execute(sa.text(
                "INSERT INTO capability (id, code, name_zh, name_en, synonyms_zh, synonyms_en, weak_zh, weak_en,"
                " position, parent_id, created_at, updated_at) VALUES (3, 'autonomous-mobile-robots', 'AGV', 'AGVs',"
                " '[\"AGV\", \"无人机巡检\", \"机器狗\"]', '[\"agv\"]', '[\"叉车\"]', '[\"drone\"]', 2, 1, :t, :t)"),
                {"t": NOW})
        upgrade()
        with db.engine.connect() as conn:
            rows = {r.code: r for r in conn.execute(sa.text("SELECT * FROM capability"))}
        assert {"drone-inspection", "inspection-robots", "service-robots", "advanced-process-control",
                "timeseries-anomaly", "generative-ai-assistant", "rpa-document-automation", "ml-platform"} <= set(rows)
        assert rows["drone-inspection"].parent_id == 1 and rows["timeseries-anomaly"].parent_id == 2
        assert rows["ml-platform"].parent_id is None  # its group is not in this database
        agv = rows["autonomous-mobile-robots"]
        assert json.loads(agv.synonyms_zh) == ["AGV"] and json.loads(agv.weak_en) == []
        assert "无人机巡检" in json.loads(rows["drone-inspection"].synonyms_zh)
        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            codes = set(conn.execute(sa.text("SELECT code FROM capability")).scalars())
        assert codes == {"autonomy", "decision", "autonomous-mobile-robots"}
        with db.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM capability WHERE parent_id IS NOT NULL"))
            conn.execute(sa.text("DELETE FROM capability"))
        downgrade(revision="base")
        db.engine.dispose()


def test_upgrade_of_an_empty_taxonomy_inserts_nothing(empty_database_uri):
    app = _app(empty_database_uri)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM capability")).scalar() == 0
        downgrade(revision="base")
        db.engine.dispose()
