"""The data migration that adds the new capabilities reaches databases seeded before it, and leaves empty ones to `flask seed`."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from app.config import TestConfig
from app.extensions import db

BEFORE = "07c4ce5e763c"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _list(value):
    return json.loads(value) if isinstance(value, str) else value


def _app(uri):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = uri

    return create_app(Config)


def test_upgrade_adds_the_capabilities_under_their_groups_and_moves_their_phrases(empty_database_uri):
    app = _app(empty_database_uri)
    with app.app_context():
        upgrade(revision=BEFORE)
        cols = "code, name_zh, name_en, synonyms_zh, synonyms_en, weak_zh, weak_en, position, parent_id, created_at, updated_at"
        insert = sa.text(
            f"INSERT INTO capability ({cols}) VALUES (:code, :code, :code, :szh, :sen, :wzh, :wen, :pos,"
            " :parent, :t, :t)"
        )
        with db.engine.begin() as conn:
            for pos, code in enumerate(("autonomy", "decision")):
                conn.execute(
                    insert, dict(code=code, szh="[]", sen="[]", wzh="[]", wen="[]", pos=pos, parent=None, t=NOW)
                )
            conn.execute(
                sa.text(
                    "INSERT INTO industry (code, name_zh, name_en, synonyms_zh, synonyms_en, weak_zh, weak_en,"
                    " position, created_at, updated_at) VALUES ('city-and-resources', '城市与资源',"
                    " 'City and resources', '[]', '[]', '[]', '[]', 0, :t, :t)"
                ),
                {"t": NOW},
            )
            autonomy = conn.execute(sa.text("SELECT id FROM capability WHERE code = 'autonomy'")).scalar()
            conn.execute(
                insert,
                dict(
                    code="autonomous-mobile-robots",
                    szh='["AGV", "无人机巡检", "机器狗"]',
                    sen='["agv"]',
                    wzh='["叉车"]',
                    wen='["drone"]',
                    pos=2,
                    parent=autonomy,
                    t=NOW,
                ),
            )
        upgrade()
        with db.engine.connect() as conn:
            rows = {r.code: r for r in conn.execute(sa.text("SELECT * FROM capability"))}
        assert {
            "drone-inspection",
            "inspection-robots",
            "service-robots",
            "advanced-process-control",
            "timeseries-anomaly",
            "generative-ai-assistant",
            "rpa-document-automation",
            "ml-platform",
        } <= set(rows)
        assert rows["drone-inspection"].parent_id == rows["autonomy"].id
        assert rows["timeseries-anomaly"].parent_id == rows["decision"].id
        assert rows["ml-platform"].parent_id is None  # its group is not in this database
        agv = rows["autonomous-mobile-robots"]
        assert _list(agv.synonyms_zh) == ["AGV"] and _list(agv.weak_en) == []
        assert "无人机巡检" in _list(rows["drone-inspection"].synonyms_zh)
        with db.engine.connect() as conn:
            industries = {r.code: r for r in conn.execute(sa.text("SELECT * FROM industry"))}
        assert industries["mining"].parent_id == industries["city-and-resources"].id
        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            codes = set(conn.execute(sa.text("SELECT code FROM capability")).scalars())
        assert codes == {"autonomy", "decision", "autonomous-mobile-robots"}
        with db.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM capability WHERE parent_id IS NOT NULL"))
            conn.execute(sa.text("DELETE FROM capability"))
            conn.execute(sa.text("DELETE FROM industry"))
        downgrade(revision="base")
        db.engine.dispose()


def test_upgrade_of_an_empty_taxonomy_inserts_nothing(empty_database_uri):
    app = _app(empty_database_uri)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM capability")).scalar() == 0
            assert conn.execute(sa.text("SELECT count(*) FROM industry")).scalar() == 0
        downgrade(revision="base")
        db.engine.dispose()
