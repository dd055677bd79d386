"""A 20,000-row list through the job path and a worker process, and the weapons an import must refuse.

Run: python -m bench.import_jobs [--rows 20000] [--keep DIR]

Prints, for a scratch SQLite database with the demo catalogue (600 published scenarios):
- the time to refuse a zip bomb named .xlsx (about 670 KB that unpacks to 196 MB) and a 200,000-row sheet;
- the upload request (size, kind and row-count checks, the bytes stored, the read job queued), then the
  read job (parse once, store rows), the dry run and the import job, each from queueing to done, run by a
  real `flask worker` process on Huey's SQLite storage, with the job's own progress;
- peak memory (RSS high-water mark) of this process (upload, dry run) and of the worker (read, import).
"""

from __future__ import annotations

import argparse
import atexit
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.import_5000 import _generate

ROOT = Path(__file__).resolve().parent.parent


def zip_bomb(unpacked_mb: int = 196) -> bytes:
    """An .xlsx-looking zip whose sheet is unpacked_mb of one repeated byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"<c><v>0</v></c>" * 65536
            for _ in range((unpacked_mb << 20) // len(chunk)):
                sheet.write(chunk)
    return out.getvalue()


def long_sheet(rows: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("场景清单")
    ws.append(["序号", "场景名称", "需求单位", "场景描述"])
    for i in range(rows):
        ws.append([i, f"场景{i}", "青岛示例有限公司", "描述"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--keep", help="keep the scratch database and files in this directory")
    args = parser.parse_args(argv)

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="keting-jobs-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = {
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
        "KETING_INSTANCE_DIR": str(workdir / "instance"),
        "MAIL_OUTBOX_DIR": str(workdir / "outbox"),
        "HUEY_URL": f"sqlite:///{workdir / 'huey.db'}",
        "SECRET_KEY": "bench",
        "IMPORT_MAX_ROWS": str(args.rows + args.rows // 20),
        "HUEY_IMMEDIATE": "0",
    }
    os.environ.update(env)

    from flask_migrate import upgrade
    from sqlalchemy.exc import OperationalError

    from app import create_app
    from app.extensions import db
    from app.models import Job
    from app.services import imports, matches
    from app.services.accounts import create_admin
    from app.services.errors import InvalidInput
    from app.services.inputs import AdminInput
    from seeds.loader import load_all

    app = create_app()
    with app.app_context(), app.test_request_context():
        t = time.perf_counter()
        upgrade()
        load_all()
        matches.rebuild_all()
        admin = create_admin(AdminInput(email="bench@example.com", password="bench-pass-123"))
        print(f"setup (migrate, seed 600 scenarios, fit matcher): {time.perf_counter() - t:.1f} s")

        for name, content in (("zip bomb", zip_bomb()), ("200,000-row sheet", long_sheet(200_000))):
            unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(content)).infolist())
            t = time.perf_counter()
            try:
                imports.upload_import(admin, imports.UploadInput(filename="list.xlsx", content=content))
            except InvalidInput as refused:
                message = refused.message
            else:
                message = "NOT REFUSED"
            print(
                f"{name}: {len(content) / 1024:,.0f} KB, unpacks to {unpacked / 1048576:,.0f} MB; refused in "
                f"{time.perf_counter() - t:.3f} s: {message}"
            )

        content = _generate(args.rows, False)
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "worker"],
            cwd=ROOT,
            env={**os.environ, "FLASK_APP": "wsgi.py"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        atexit.register(lambda: worker.poll() is None and worker.terminate())  # if a step below fails
        time.sleep(5)  # let the worker start, so the read job's time is not its start-up
        t0 = time.perf_counter()
        batch = imports.upload_import(admin, imports.UploadInput(filename="bench.xlsx", content=content))
        t1 = time.perf_counter()
        print(f"file: {len(content) / 1048576:.2f} MB, {args.rows:,} rows")
        print(f"upload request (size, kind, zip and row-count checks, bytes stored, read job queued): {t1 - t0:.3f} s")
        read_peak = 0
        while True:
            time.sleep(0.2)
            read_peak = max(read_peak, _hwm_kb(worker.pid))
            try:
                db.session.expire_all()
                batch = imports.get_batch(admin, batch.id)
            except OperationalError:
                db.session.rollback()
                continue
            if batch.status != "reading":
                break
        read_job = db.session.query(Job).filter(Job.import_batch_id == batch.id, Job.kind == "import_read").one()
        ran = (read_job.finished_at - read_job.started_at).total_seconds() if read_job.finished_at else 0.0
        print(
            f"read job (streaming read, rows stored): {read_job.state} {time.perf_counter() - t1:.2f} s from "
            f"queueing, {ran:.2f} s running; {batch.rows_total:,} rows, status {batch.status}"
            f"{'; ' + read_job.error if read_job.error else ''}"
        )
        t = time.perf_counter()
        batch = imports.preview_import(
            admin, batch.id, imports.MappingInput(mapping=batch.mapping, label="", publish=True)
        )
        print(f"queueing the dry run (the request's share): {time.perf_counter() - t:.3f} s")
        while True:
            time.sleep(0.5)
            try:
                db.session.expire_all()
                batch = imports.get_batch(admin, batch.id)
            except OperationalError:
                db.session.rollback()
                continue
            if batch.status != "checking":
                break
        print(
            f"dry run job (from the stored rows): {time.perf_counter() - t:.2f} s; ready {batch.rows_valid:,}, "
            f"with problems {batch.rows_error:,}"
        )
        t = time.perf_counter()
        for _ in range(5):  # what the batch page reads: the batch, the first stored rows, a page of problems
            db.session.expire_all()
            shown = imports.get_batch(admin, batch.id)
            imports.sample_rows(shown)
            imports.problem_rows(shown, 1)
        print(f"batch page data (stored rows, not the file): {(time.perf_counter() - t) / 5:.3f} s per view")
        web_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        t = time.perf_counter()
        job = imports.start_import(admin, batch.id)
        queued = time.perf_counter() - t
        print(f"queueing the import (the request's share): {queued:.3f} s")
        start, peak, last = time.perf_counter(), 0, None
        try:
            while True:
                time.sleep(0.5)
                peak = max(peak, _hwm_kb(worker.pid))
                try:
                    db.session.expire_all()
                    row = db.session.get(Job, job.id)
                except OperationalError:  # SQLite: the worker is committing a chunk; ask again
                    db.session.rollback()
                    continue
                if (row.done, row.stage) != last:
                    last = (row.done, row.stage)
                    print(
                        f"  {time.perf_counter() - start:6.1f} s  {row.state:8} {row.stage or '':9} "
                        f"{row.done:,}/{row.total:,}"
                    )
                if row.state in ("done", "failed"):
                    break
            rebuild = db.session.query(Job).filter(Job.kind == "match_rebuild").order_by(Job.id.desc()).first()
            imported_at = time.perf_counter() - start
            while rebuild is not None and rebuild.state in ("queued", "running"):
                time.sleep(0.5)
                peak = max(peak, _hwm_kb(worker.pid))
                try:
                    db.session.expire_all()
                    rebuild = db.session.get(Job, rebuild.id)
                except OperationalError:
                    db.session.rollback()
            rebuilt_at = time.perf_counter() - start
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        print(f"import job: {row.state} in {imported_at:.1f} s; result {row.result or row.error}")
        if rebuild is not None:
            print(f"follow-up match rebuild job: {rebuild.state}, done {rebuilt_at:.1f} s after queueing the import")
        print(
            f"peak RSS: web process {web_rss / 1024:.0f} MB (upload, dry run); worker {read_peak / 1024:.0f} MB "
            f"after the read, {peak / 1024:.0f} MB after the import"
        )
    if not args.keep:
        print(f"(scratch files in {workdir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
