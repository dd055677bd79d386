"""Fixtures: one app per session on SQLite (a temp file) or on PostgreSQL (KETING_TEST_POSTGRES=1),
clean tables after every test, a client, and the factories."""

from __future__ import annotations

import os
from datetime import UTC

import pytest
import sqlalchemy as sa

from app import create_app
from app.config import TestConfig, database_url
from app.extensions import db as _db

ON_POSTGRES = os.environ.get("KETING_TEST_POSTGRES") == "1"


def pytest_collection_modifyitems(config, items):
    if ON_POSTGRES and not os.environ.get("TEST_DATABASE_URL"):
        raise pytest.UsageError("KETING_TEST_POSTGRES=1 needs TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def database_uri(tmp_path_factory) -> str:
    if ON_POSTGRES:
        return database_url(os.environ["TEST_DATABASE_URL"])
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def app(database_uri):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_uri

    application = create_app(Config)
    with application.app_context():
        _db.drop_all()
        with _db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        _db.create_all()
    yield application
    with application.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture()
def db(app):
    """The database inside an app context; every table is emptied after the test."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        _empty_tables()


def _empty_tables() -> None:
    tables = _db.metadata.sorted_tables
    if _db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        with _db.engine.begin() as conn:
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    # Self-referencing taxonomy rows make any delete order fail on SQLite, so checks are off for the wipe;
    # the pragma only takes effect outside a transaction, hence the explicit commits around it.
    with _db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        for table in reversed(tables):
            conn.execute(table.delete())
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.commit()


@pytest.fixture()
def clock():
    """clock(when): from now on the code under test reads `when` as the time (every clock the app reads:
    datetime.now, time.time, the models' defaults); clock.shift(delta) moves it on. Tests that compare with a
    fixed date must set the clock, or they break on a later day."""
    import time_machine

    class Clock:
        traveller = None

        def __call__(self, when):
            self.stop()
            self.traveller = time_machine.travel(when, tick=False)
            self.traveller.start()
            return when

        def shift(self, delta):
            from datetime import datetime

            return self(datetime.now(UTC) + delta)

        def stop(self):
            if self.traveller is not None:
                self.traveller.stop()
                self.traveller = None

    c = Clock()
    yield c
    c.stop()


@pytest.fixture()
def client(app, db):
    return app.test_client()


# Accounts ---------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    """Every test starts with no login or reset attempts counted."""
    from app.extensions import limiter

    with app.app_context():
        limiter.reset()
    yield


@pytest.fixture()
def login_as(client):
    """login_as(user): the test client is signed in as this user from the next request on."""

    def _login(user):
        _db.session.commit()  # the request may run in a fresh session that sees only committed rows
        from app.services.accounts import open_session

        open_session(user)  # a signed-in browser is a UserSession row that the cookie names
        with client.session_transaction() as sess:
            sess["_user_id"] = user.get_id()
            sess["_fresh"] = True
        return client

    return _login


@pytest.fixture()
def outbox(app, tmp_path):
    """The messages the app sends during the test (also written as .eml files under tmp_path/outbox)."""
    from app.extensions import mail

    previous = app.config["MAIL_OUTBOX_DIR"]
    app.config["MAIL_OUTBOX_DIR"] = str(tmp_path / "outbox")
    with mail.record_messages() as messages:
        yield messages
    app.config["MAIL_OUTBOX_DIR"] = previous


@pytest.fixture()
def csrf_enabled(app):
    """Turn CSRF checking on for one test (TestConfig turns it off so form tests stay short)."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


# Matches ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _matcher_dir(app, tmp_path_factory):
    """The fitted matcher index of the tests lives in a temp folder, never in the repository's instance/."""
    app.config["MATCHER_DIR"] = str(tmp_path_factory.mktemp("matching"))
    yield


@pytest.fixture()
def empty_database_uri(tmp_path):
    """A brand-new, empty database for tests that run the migrations: a SQLite file, or a PostgreSQL
    database created for the test and dropped after it."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    import uuid

    base = sa.engine.make_url(database_url(os.environ["TEST_DATABASE_URL"]))
    name = f"keting_empty_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture()
def queued(app, monkeypatch):
    """Listing changes stay queued: the match drain is recorded, not run (as with a worker that has not started).
    Returns the list of drains asked for; the test runs `matches.drain_pending()` itself when it wants."""
    from app import jobs

    calls: list[int] = []
    monkeypatch.setattr(jobs.huey, "immediate", False)
    monkeypatch.setattr(jobs, "enqueue_match_drain", lambda: calls.append(1))
    return calls
