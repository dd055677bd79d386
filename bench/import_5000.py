"""Time a 5,000-row government scenario list through upload, dry run and import, and print the figures.

Run: python -m bench.import_5000 [--rows 5000] [--csv] [--keep DIR]

Builds a scratch SQLite database in a temporary directory (migrated, with the seed taxonomy and the demo
catalogue, so the near-duplicate check and the matcher work against 600 published scenarios), generates an
XLSX file shaped like a city list (a merged title row, 序号/场景名称/需求单位/所属行业/场景描述/联系人/所在区市,
full-width serial numbers, a blank row every 250 rows, some rows with problems), and calls the same
services the /admin/import pages call. The import is then repeated with the same file to show that
it changes nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path


def _generate(rows: int, as_csv: bool) -> bytes:
    """A list like the city publishes: mostly good rows, a few with the usual problems."""
    import json

    from openpyxl import Workbook

    repo = Path(__file__).resolve().parent.parent
    seeds = [
        json.loads(line)
        for line in (repo / "seeds/catalogue/scenarios.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    taxonomy = json.loads((repo / "seeds/taxonomy.json").read_text("utf-8"))
    industry_names = {e["code"]: e["name_zh"] for e in taxonomy["industries"]}
    districts = ["市南区", "市北区", "李沧区", "崂山区", "西海岸新区", "城阳区", "即墨区", "胶州市", "平度市", "莱西市"]
    rng = random.Random(5000)
    owners = [
        f"青岛{rng.choice(['海', '港', '华', '瑞', '德', '鑫', '泰', '联'])}{rng.choice(['创', '达', '信', '源', '丰', '远'])}"
        f"{rng.choice(['智能制造', '精密机械', '新材料', '食品', '物流', '化工', '纺织', '电子'])}有限公司{i}"
        for i in range(900)
    ]
    header = ["序号", "场景名称", "需求单位", "所属行业", "场景描述", "联系人", "所在区市"]
    data: list[list] = []
    for i in range(rows):
        seed = seeds[i % len(seeds)]
        n = i + 1
        serial = "".join(chr(ord(c) + 0xFEE0) for c in str(n)) if n % 3 == 0 else n  # full-width digits
        title = f"{seed['title']}（第{n}号）"
        description = f"{seed['description']}\n本场景为第 {n} 号需求，现场位于{districts[n % 10]}。"
        industry = industry_names.get(seed.get("industry") or "", "")
        if n % 400 == 7:
            title = ""  # missing title
        if n % 500 == 11:
            industry = "新兴产业"  # unknown industry
        if n % 700 == 13:
            description = "超长" * 12_000  # over-long text
        data.append(
            [
                serial,
                f"{title}  ",
                owners[n % len(owners)],
                industry,
                description,
                f"王工 1380000{n % 10000:04d}",
                districts[n % 10],
            ]
        )
        if n % 250 == 0:
            data.append([None] * 7)  # blank rows between sections
    data.append(data[10][:])  # a row repeated
    if as_csv:
        import csv

        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in row] for row in data])
        return buffer.getvalue().encode("gb18030")
    wb = Workbook()
    ws = wb.active
    ws.title = "场景清单"
    ws.append(["2024年青岛市人工智能应用场景需求清单（第一批）"] + [None] * 6)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    ws.append(header)
    for row in data:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--csv", action="store_true", help="a GB18030 CSV instead of an XLSX workbook")
    parser.add_argument("--keep", help="keep the scratch database and file in this directory")
    args = parser.parse_args(argv)

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="keting-import-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.db'}"
    os.environ["KETING_INSTANCE_DIR"] = str(workdir / "instance")
    os.environ["MAIL_OUTBOX_DIR"] = str(workdir / "outbox")

    from flask_migrate import upgrade

    from app import create_app
    from app.services import imports
    from app.services.accounts import create_admin
    from app.services.inputs import AdminInput
    from seeds.loader import load_all

    app = create_app({"IMPORT_MAX_ROWS": max(20_000, args.rows * 2), "HUEY_IMMEDIATE": True})
    with app.app_context(), app.test_request_context():
        t = time.perf_counter()
        upgrade()
        load_all()
        from app.services import matches

        matches.rebuild_all()
        admin = create_admin(AdminInput(email="bench@example.com", password="bench-pass-123"))
        setup = time.perf_counter() - t

        t = time.perf_counter()
        content = _generate(args.rows, args.csv)
        generated = time.perf_counter() - t
        name = "bench.csv" if args.csv else "bench.xlsx"
        (workdir / name).write_bytes(content)
        print(f"setup (migrate, seed 600 scenarios, fit matcher): {setup:.1f} s")
        print(
            f"file: {name}, {len(content) / 1048576:.2f} MB, {args.rows:,} rows (+ blank rows), generated in "
            f"{generated:.1f} s"
        )

        def run(label: str) -> None:
            t0 = time.perf_counter()
            batch = imports.upload_import(admin, imports.UploadInput(filename=name, content=content, label="bench"))
            t1 = time.perf_counter()
            batch = imports.preview_import(
                admin, batch.id, imports.MappingInput(mapping=batch.mapping, label="2024 bench", publish=True)
            )
            t2 = time.perf_counter()
            print(
                f"[{label}] upload (read, find header, guess columns): {t1 - t0:.2f} s; "
                f"encoding {batch.encoding or '-'}, header row {batch.header_rows}, mapping {batch.mapping}"
            )
            print(
                f"[{label}] dry run: {t2 - t1:.2f} s; rows {batch.rows_total:,}: ready {batch.rows_valid:,}, "
                f"unchanged {batch.rows_unchanged:,}, with problems {batch.rows_error:,}"
            )
            if not batch.rows_valid:
                print(f"[{label}] import: nothing to import (every row already imported or with a problem)")
                return
            # The import job, run eagerly in this process (bench/import_jobs.py runs it through a worker).
            result = imports.run_import(admin, batch.id)
            total = time.perf_counter() - t2
            print(
                f"[{label}] import job: {total:.2f} s; imported {result.imported:,}, "
                f"new organizations {result.organizations_created:,}, near-duplicates flagged {result.flagged:,}"
            )
            print(f"[{label}] upload + dry run + import: {t2 - t0 + total:.2f} s")

        run("first import")
        run("same file again")
    print("(the generated rows reuse the demo catalogue's texts, so most are rightly flagged as near-duplicates of it)")
    if not args.keep:
        print(f"(scratch files in {workdir}; pass --keep DIR to choose where)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
