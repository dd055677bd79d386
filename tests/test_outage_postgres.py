"""PostgreSQL restarts while people write: every write the site acknowledged is stored, the others got a 503.

This restarts the local PostgreSQL cluster (pg_ctlcluster ... restart -m fast), which drops every other
connection to it, so it runs only on the PostgreSQL pass, as root, with pg_ctlcluster at hand and the test
database on this machine, and only where that is wanted: in CI (KETING_REQUIRE_POSTGRES=1) or when asked for
(KETING_TEST_PG_RESTART=1). Everywhere else it is skipped.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import threading
import time
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from tests.conftest import ON_POSTGRES

pytestmark = pytest.mark.postgres


def _local_cluster() -> tuple[str, str] | None:
    """(version, name) of the local cluster serving TEST_DATABASE_URL's port, or None."""
    url = urlsplit(os.environ.get("TEST_DATABASE_URL", ""))
    if url.hostname not in ("127.0.0.1", "localhost", "::1") or not shutil.which("pg_lsclusters"):
        return None
    port = str(url.port or 5432)
    listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=False).stdout
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[2] == port:
            return parts[0], parts[1]
    return None


def _restart_allowed() -> str | None:
    """Why the restart test must not run here, or None when it may."""
    if not ON_POSTGRES:
        return "runs on the PostgreSQL pass only"
    if not (os.environ.get("KETING_REQUIRE_POSTGRES") == "1" or os.environ.get("KETING_TEST_PG_RESTART") == "1"):
        return "restarts the shared PostgreSQL server: CI only, or KETING_TEST_PG_RESTART=1"
    if os.geteuid() != 0 or not shutil.which("pg_ctlcluster"):
        return "needs root and pg_ctlcluster"
    if _local_cluster() is None:
        return "the test database is not on a local cluster"
    return None


def _write_through_an_outage(app, login_as, outage) -> tuple[list[str], dict[int, int], int, int]:
    """Post room messages in a thread while outage() takes the database away and brings it back.

    Returns (acknowledged bodies, status counts, room id, acknowledged before the outage)."""
    from tests.views.test_hardening import _room

    boss, _, connection = _room()
    client = login_as(boss)
    room = connection.id
    acknowledged: list[str] = []
    statuses: dict[int, int] = {}
    errors: list[BaseException] = []
    stop = threading.Event()

    def write():
        number = 0
        try:
            while not stop.is_set():
                number += 1
                body = f"write {number} {secrets.token_hex(4)}"
                response = client.post(
                    f"/rooms/{room}/messages", data={"body": body, "form_token": secrets.token_urlsafe(18)}
                )
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code == 302:
                    acknowledged.append(body)
                time.sleep(0.02)
        except BaseException as error:
            errors.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        ready_by = time.monotonic() + 30  # a few writes first (the machine may be busy), then the outage
        while len(acknowledged) < 3 and writer.is_alive() and time.monotonic() < ready_by:
            time.sleep(0.1)
        before = len(acknowledged)
        if before == 0 or not writer.is_alive():  # do not take a server away for a test that cannot pass
            pytest.fail(f"no write was acknowledged before the outage: {statuses} {errors}")
        outage()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(acknowledged) < before + 10 and writer.is_alive():
            time.sleep(0.2)
    finally:
        stop.set()
        writer.join(timeout=30)
    assert not errors, errors
    return acknowledged, statuses, room, before


def _check_stored(db, acknowledged, statuses, room, before) -> None:
    from app.models import Message

    assert len(acknowledged) >= before + 10, statuses  # writing resumed after the outage
    assert set(statuses) <= {302, 503}, statuses  # refused writes were a clear 503, never a 500
    # The test's own session may still hold a connection the outage killed: drop it without a rollback, and
    # every pooled connection with it, before reading what was stored.
    db.session().invalidate()
    db.session.remove()
    db.engine.dispose()
    stored = set(db.session.scalars(sa.select(Message.body).where(Message.connection_id == room)))
    assert set(acknowledged) <= stored


@pytest.fixture()
def proxied(app, tmp_path):
    """The test app, with its database reached through an OutageProxy."""
    from app import create_app
    from app.config import TestConfig
    from tests.outage_proxy import OutageProxy

    if not ON_POSTGRES:
        pytest.skip("runs on the PostgreSQL pass only")
    url = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    proxy = OutageProxy(url.host or "127.0.0.1", url.port or 5432)

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        MATCHER_DIR = str(tmp_path / "matching")

    yield create_app(Config), proxy
    proxy.close()


def test_writes_acknowledged_while_the_database_drops_away_are_all_stored(proxied, db):
    """Every connection is cut and new ones refused for three seconds, as in a restart (through a proxy, so
    the shared server is left alone): this runs on every PostgreSQL pass."""
    if not ON_POSTGRES:
        pytest.skip("runs on the PostgreSQL pass only")
    proxy_app, proxy = proxied

    def login_as(user):
        from app.services.accounts import open_session

        db.session.commit()
        open_session(user)
        client = proxy_app.test_client()
        with client.session_transaction() as sess:
            sess["_user_id"] = user.get_id()
            sess["_fresh"] = True
        return client

    def outage():
        proxy.go_down()
        time.sleep(3)
        proxy.come_back()

    _check_stored(db, *_write_through_an_outage(proxy_app, login_as, outage))


def test_writes_acknowledged_during_a_restart_are_all_stored(app, db, login_as):
    reason = _restart_allowed()
    if reason:
        pytest.skip(reason)
    version, name = _local_cluster()

    def outage():
        subprocess.run(["pg_ctlcluster", version, name, "restart", "-m", "fast"], check=True, timeout=60)

    _check_stored(db, *_write_through_an_outage(app, login_as, outage))
