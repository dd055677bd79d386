"""Jobs through a real worker process (`flask worker`), on Huey's SQLite storage and on Redis.

Everything else runs tasks eagerly (Huey's immediate mode); these prove the queue, the consumer and the
task's own app and session work as deployed. Redis: skipped when redis-server is missing, unless
KETING_REQUIRE_REDIS=1 (CI), which makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import jobs as queue
from app import matcher_store
from app.extensions import db as _db
from app.models import Job, Match, Scenario
from app.services import imports, matches
from app.services.imports import MappingInput, UploadInput
from tests.factories import make_match_catalogue, make_user

ROOT = Path(__file__).resolve().parent.parent
CSV = (
    "序号,场景名称,需求单位,所属行业,场景描述,预算,所需能力\n"
    + "".join(
        f"{i},胎面缺陷视觉检测{i},青岛轮胎{i}厂,轮胎,胎面外观缺陷靠人工目检，希望视觉检测替代。,50万,视觉检测\n"
        for i in range(1, 8)
    )
).encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def redis_url(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("KETING_REQUIRE_REDIS") == "1":
            pytest.fail("KETING_REQUIRE_REDIS=1 but redis-server is not installed")
        pytest.skip("redis-server not installed")
    port = _free_port()
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _through_a_worker(app, tmp_path, huey_url: str) -> None:
    catalogue = make_match_catalogue()
    matches.rebuild_all()  # every published scenario matched, as `make run` leaves the catalogue
    admin = make_user("admin", email="worker@keting.local")
    batch = imports.upload_import(admin, UploadInput(filename="list.csv", content=CSV))
    imports.preview_import(admin, batch.id, MappingInput(mapping=dict(batch.mapping), label="", publish=True))
    live = queue.make_huey(huey_url)
    queue.huey.immediate = False
    queue.huey.storage = live.storage  # this process only enqueues; the worker below runs the task
    try:
        job = imports.start_import(admin, batch.id)
        assert _db.session.get(Job, job.id).state == "queued"
        env = {
            **os.environ,
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "HUEY_URL": huey_url,
            "KETING_INSTANCE_DIR": str(tmp_path),
            "SECRET_KEY": "worker-test",
            "KETING_ENV": "development",
            "MATCHER_DIR": str(matcher_store.matcher_dir()),
            "FLASK_APP": "wsgi.py",
            "HUEY_IMMEDIATE": "0",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 90
            state = "queued"
            while time.monotonic() < deadline and state in ("queued", "running"):
                time.sleep(0.5)
                _db.session.expire_all()
                state = _db.session.get(Job, job.id).state
        finally:
            worker.terminate()
            output = worker.communicate(timeout=30)[0].decode(errors="replace")
        done = _db.session.get(Job, job.id)
        assert done.state == "done", output[-3000:]
        assert done.result["imported"] == 7 and done.attempts == 1
        assert (
            _db.session.scalar(
                sa.select(sa.func.count(Scenario.id)).where(
                    Scenario.status == "published", ~Scenario.id.in_(sa.select(Match.scenario_id))
                )
            )
            == 0
        )
        assert catalogue["s1"].id  # the hand-made catalogue is still there beside the import
    finally:
        queue.huey.immediate = True  # back to eager (and in-memory) for the rest of the suite


def test_an_import_runs_through_a_real_worker_on_sqlite_storage(app, db, tmp_path):
    _through_a_worker(app, tmp_path, f"sqlite:///{tmp_path / 'huey.db'}")


def test_an_import_runs_through_a_real_worker_on_redis(app, db, tmp_path, redis_url):
    _through_a_worker(app, tmp_path, redis_url)
