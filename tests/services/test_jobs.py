"""Background jobs: imports and rebuilds run in committed batches, resume after a crash, and refuse weapons."""

from __future__ import annotations

import ast
import io
import re
import zipfile
from datetime import UTC, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from app.extensions import db as _db
from app.models import ImportBatch, ImportRow, Job, Match, Scenario
from app.services import imports, jobs, matches
from app.services.errors import InvalidInput
from app.services.imports import MappingInput, UploadInput
from tests.factories import make_capability, make_match_catalogue, make_user

HEADER = "序号,场景名称,需求单位,所属行业,场景描述,联系人,所在区市,预算,所需能力,数据情况\n"


def rows_csv(n: int, start: int = 1) -> str:
    return "".join(
        f"{i},胎面缺陷视觉检测第{i}线,青岛轮胎{i % 3}厂,轮胎,第{i}条产线胎面外观缺陷靠人工目检，希望视觉检测替代。,"
        f"王工,即墨区,50万,视觉检测,近一年缺陷图片{i}千张\n"
        for i in range(start, start + n)
    )


@pytest.fixture()
def world(db):
    catalogue = make_match_catalogue()
    catalogue["admin"] = make_user("admin", email="jobs@keting.local")
    matches.rebuild_all()  # the catalogue as `make run` leaves it: every published scenario matched
    return catalogue


def _checked(admin, content: bytes, filename: str = "list.csv", label: str = "", publish: bool = True):
    batch = imports.upload_import(admin, UploadInput(filename=filename, content=content))
    return imports.preview_import(
        admin, batch.id, MappingInput(mapping=dict(batch.mapping), label=label, publish=publish)
    )


def _published_without_matches() -> int:
    return (
        _db.session.scalar(
            sa.select(sa.func.count(Scenario.id)).where(
                Scenario.status == "published", ~Scenario.id.in_(sa.select(Match.scenario_id))
            )
        )
        or 0
    )


# Refusing weapons before parsing ----------------------------------------------------------------------


def _bomb(unpacked_mb: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<row>" + b"0" * (unpacked_mb << 20))
    return out.getvalue()


def test_a_zip_bomb_is_refused_from_its_directory_before_any_parsing(world, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_UNPACKED_BYTES", 4 << 20)

    def parse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr("openpyxl.load_workbook", parse)
    content = _bomb(12)
    assert len(content) < 100_000
    with pytest.raises(InvalidInput, match="12 MB") as refused:
        imports.upload_import(world["admin"], UploadInput(filename="bomb.xlsx", content=content))
    assert refused.value.field == "file"
    assert _db.session.scalar(sa.select(sa.func.count(ImportBatch.id))) == 0


def _workbook(rows: int, lie_about_size: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "场景名称", "需求单位", "场景描述"])
    for i in range(rows):
        ws.append([i, f"场景{i}", "青岛示例公司", "描述"])
    out = io.BytesIO()
    wb.save(out)
    if not lie_about_size:
        return out.getvalue()
    # The same workbook claiming to be one cell big: only the scan of its rows can tell.
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
            z.writestr(info, data)
    return rewritten.getvalue()


@pytest.mark.parametrize("lie", [False, True], ids=["declared", "hidden"])
def test_an_over_long_sheet_is_refused_without_reading_its_cells(world, app, monkeypatch, lie):
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 50)
    content = _workbook(200, lie_about_size=lie)
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    def read_cells(*args, **kwargs):
        raise AssertionError("cells were read")

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", read_cells)
    with pytest.raises(InvalidInput, match=r"(at most|最多导入) 50"):
        imports.upload_import(world["admin"], UploadInput(filename="long.xlsx", content=content))
    assert _db.session.scalar(sa.select(sa.func.count(ImportBatch.id))) == 0


def test_an_over_long_csv_is_refused(world, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 50)
    with pytest.raises(InvalidInput, match=r"(at most|最多导入) 50"):
        imports.upload_import(
            world["admin"], UploadInput(filename="long.csv", content=(HEADER + rows_csv(200)).encode())
        )
    assert _db.session.scalar(sa.select(sa.func.count(ImportBatch.id))) == 0


def test_the_rows_are_stored_once_and_later_steps_never_read_the_file(world, client, login_as, monkeypatch):
    batch = imports.upload_import(
        world["admin"], UploadInput(filename="list.csv", content=(HEADER + rows_csv(4)).encode())
    )
    assert _db.session.scalar(sa.select(sa.func.count(ImportRow.id)).where(ImportRow.batch_id == batch.id)) == 5

    def read(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(imports, "read_csv", read)
    monkeypatch.setattr(imports, "read_xlsx", read)
    login_as(world["admin"])
    page = client.get(f"/admin/import/{batch.id}?lang=en")
    assert page.status_code == 200 and "胎面缺陷视觉检测第1线" in page.get_data(as_text=True)
    checked = imports.preview_import(
        world["admin"], batch.id, MappingInput(mapping=dict(batch.mapping), label="", publish=True)
    )
    assert checked.rows_valid == 4
    assert imports.run_import(world["admin"], batch.id).imported == 4


# Reading the upload is a job ----------------------------------------------------------------------------


def _rows_of(batch_id: int) -> int:
    return _db.session.scalar(sa.select(sa.func.count(ImportRow.id)).where(ImportRow.batch_id == batch_id)) or 0


def _read_job(batch_id: int) -> Job:
    return _db.session.scalar(sa.select(Job).where(Job.import_batch_id == batch_id, Job.kind == "import_read"))


@pytest.mark.parametrize(
    "filename, content",
    [
        ("list.csv", (HEADER + rows_csv(30)).encode()),
        ("list.xlsx", None),
    ],
    ids=["csv", "xlsx"],
)
def test_the_upload_request_parses_nothing_and_the_read_job_stores_the_rows(world, monkeypatch, filename, content):
    from app import jobs as queue

    content = content or _workbook(30)
    queued: list[int] = []
    monkeypatch.setattr(queue, "enqueue", queued.append)  # a worker elsewhere picks it up later

    def parse(*args, **kwargs):
        raise AssertionError("the upload request parsed the file")

    monkeypatch.setattr(imports, "_read", parse)
    batch = imports.upload_import(world["admin"], UploadInput(filename=filename, content=content))
    assert batch.status == "reading" and batch.content == content and batch.headers == []
    assert _rows_of(batch.id) == 0 and len(queued) == 1
    job = _db.session.get(Job, queued[0])
    assert (job.kind, job.state, job.import_batch_id) == ("import_read", "queued", batch.id)

    monkeypatch.undo()  # the worker
    jobs.run_job(job.id)
    _db.session.expire_all()
    batch, job = _db.session.get(ImportBatch, batch.id), _db.session.get(Job, job.id)
    assert job.state == "done" and job.result["rows"] == 30
    assert batch.status == "uploaded" and batch.content is None and batch.rows_total == 30
    assert batch.mapping["title"] == 1 and batch.mapping["owner"] == 2 and batch.headers[1] == "场景名称"
    assert _rows_of(batch.id) == 31  # the header and 30 rows


def test_a_file_the_read_job_refuses_ends_unreadable_with_the_message_and_no_rows(world, client, login_as):
    batch = imports.upload_import(world["admin"], UploadInput(filename="list.csv", content="只有一行\n".encode()))
    _db.session.expire_all()
    batch, job = _db.session.get(ImportBatch, batch.id), _read_job(batch.id)
    assert job.state == "failed" and ("No rows found under a header" in job.error or "表头" in job.error)
    assert batch.status == "unreadable" and batch.content is None and _rows_of(batch.id) == 0
    login_as(world["admin"])
    page = client.get(f"/admin/import/{batch.id}?lang=en").get_data(as_text=True)
    assert "This file could not be read" in page and job.error in page
    assert 'action="/admin/import/' not in page  # no mapping form for a file without rows
    with pytest.raises(InvalidInput):
        imports.preview_import(world["admin"], batch.id, MappingInput(mapping={"title": 0}, label="", publish=True))


def test_a_read_that_crashes_half_way_keeps_no_rows_and_resumes_on_retry(world, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("worker killed while storing")

    monkeypatch.setattr(imports, "guess_mapping", crash)  # after the rows were inserted, before the commit
    batch = imports.upload_import(
        world["admin"], UploadInput(filename="list.csv", content=(HEADER + rows_csv(5)).encode())
    )
    _db.session.expire_all()
    job = _read_job(batch.id)
    assert job.state == "failed" and "worker killed" in job.error
    batch = _db.session.get(ImportBatch, batch.id)
    assert batch.status == "reading" and batch.content is not None and _rows_of(batch.id) == 0
    monkeypatch.undo()
    jobs.retry_job(world["admin"], job.id)
    _db.session.expire_all()
    assert _db.session.get(ImportBatch, batch.id).status == "uploaded" and _rows_of(batch.id) == 6


def test_the_batch_page_follows_the_read_job_then_shows_the_columns(world, client, login_as, monkeypatch):
    from app import jobs as queue

    queued: list[int] = []
    monkeypatch.setattr(queue, "enqueue", queued.append)
    login_as(world["admin"])
    import io

    response = client.post(
        "/admin/import",
        data={"file": (io.BytesIO((HEADER + rows_csv(3)).encode()), "list.csv"), "publish": "publish"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "Reading the file" in page and f'data-job-status="/admin/jobs/{queued[0]}.json"' in page
    assert "jobs.js" in page and "Which column holds what" not in page
    assert "Reading the file" in client.get("/admin/import?lang=en").get_data(as_text=True)
    jobs.run_job(queued[0])
    page = client.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "Which column holds what" in page and "胎面缺陷视觉检测第1线" in page


def test_the_api_upload_reads_then_dry_runs_with_the_guessed_columns(world):
    batch = imports.upload_import(
        world["admin"], UploadInput(filename="list.csv", content=(HEADER + rows_csv(4)).encode()), then_check=True
    )
    _db.session.expire_all()
    batch = _db.session.get(ImportBatch, batch.id)
    kinds = [
        j.kind for j in _db.session.scalars(sa.select(Job).where(Job.import_batch_id == batch.id).order_by(Job.id))
    ]
    assert kinds == ["import_read", "import_check"] and batch.status == "mapped" and batch.rows_total == 4
    # Columns the guess cannot place: the batch waits for the admin's mapping instead of a dry run.
    other = imports.upload_import(
        world["admin"], UploadInput(filename="odd.csv", content="甲,乙,丙\n1,2,3\n4,5,6\n".encode()), then_check=True
    )
    _db.session.expire_all()
    assert _db.session.get(ImportBatch, other.id).status == "uploaded"


# What an import can map -------------------------------------------------------------------------------


def test_budget_capabilities_and_data_are_imported(world):
    batch = _checked(world["admin"], (HEADER + rows_csv(1)).encode())
    assert {f: batch.mapping[f] for f in ("budget", "capabilities", "data_available")} == {
        "budget": 7,
        "capabilities": 8,
        "data_available": 9,
    }
    imports.run_import(world["admin"], batch.id)
    scenario = _db.session.scalar(sa.select(Scenario).where(Scenario.title == "胎面缺陷视觉检测第1线"))
    assert (scenario.budget_min, scenario.budget_max) == (500_000, 500_000)
    assert [c.code for c in scenario.capabilities] == ["visual-inspection"]
    assert scenario.data_available == "近一年缺陷图片1千张"


@pytest.mark.parametrize(
    "text, header, expected",
    [
        ("50万", "", (500_000, 500_000)),
        ("1.2亿", "", (120_000_000, 120_000_000)),
        ("500k", "", (500_000, 500_000)),
        ("50-100万", "", (500_000, 1_000_000)),
        ("50万至1亿", "", (500_000, 100_000_000)),
        ("80", "预算（万元）", (800_000, 800_000)),
        ("300000 元", "", (300_000, 300_000)),
        ("", "", (None, None)),
    ],
)
def test_budgets_read_as_the_scenario_form_reads_them(text, header, expected):
    assert imports.parse_budget(text, header) == expected


def test_unreadable_budgets_and_unknown_capabilities_are_row_problems(world):
    content = (
        HEADER + "1,场景甲,单位甲,轮胎,描述甲,王工,即墨区,很多钱,视觉检测\n"
        "2,场景乙,单位乙,轮胎,描述乙,王工,即墨区,100-50万,量子计算\n"
    ).encode()
    batch = _checked(world["admin"], content)
    problems = {row["line"]: [p["code"] for p in row["problems"]] for row in batch.preview["problems"]}
    assert problems == {2: ["budget_invalid"], 3: ["budget_invalid", "capability_unknown"]}


def test_the_batch_name_is_never_the_file_name(world):
    batch = _checked(world["admin"], (HEADER + rows_csv(1)).encode(), filename="内部-不公开-第3版.csv")
    assert batch.label is None
    imports.run_import(world["admin"], batch.id)
    assert _db.session.scalars(
        sa.select(Scenario.source_batch).where(Scenario.external_ref.like("import:%"))
    ).all() == [None]


def test_a_named_batch_shows_its_name(world):
    batch = _checked(world["admin"], (HEADER + rows_csv(1)).encode(), label="2024 第二批")
    imports.run_import(world["admin"], batch.id)
    assert _db.session.scalars(
        sa.select(Scenario.source_batch).where(Scenario.external_ref.like("import:%"))
    ).all() == ["2024 第二批"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_has_both_headers_and_imports_its_example_row(world, fmt):
    make_capability("vision", "计算机视觉", "Computer vision")  # the example names two capabilities of the taxonomy
    content, _mimetype, filename = imports.template_file(fmt)
    assert filename.endswith(fmt)
    batch = _checked(world["admin"], content, filename=filename)
    assert batch.header_rows == [1, 2]
    assert all(batch.mapping[f] is not None for f in imports.IMPORT_FIELDS)
    assert batch.preview["problems"] == [] and (batch.rows_total, batch.rows_valid) == (1, 1)
    if fmt == "csv":
        text = content.decode("utf-8-sig")
        assert text.startswith("序号,场景名称") and "\r\nNo.,Title,Owner organization" in text


def test_the_template_downloads_from_the_import_page(world, client, login_as):
    login_as(world["admin"])
    page = client.get("/admin/import?lang=en").get_data(as_text=True)
    assert "/admin/import/template.xlsx" in page and "/admin/import/template.csv" in page
    response = client.get("/admin/import/template.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert "attachment" in response.headers["Content-Disposition"]


# Jobs: one per batch, committed in batches, resumable ---------------------------------------------------


def test_two_import_posts_of_one_batch_give_one_job(world):
    batch = _checked(world["admin"], (HEADER + rows_csv(2)).encode())
    imports.start_import(world["admin"], batch.id)
    with pytest.raises(InvalidInput, match=r"(already started|已经开始)"):
        imports.start_import(world["admin"], batch.id)
    assert _db.session.scalar(sa.select(sa.func.count(Job.id)).where(Job.kind == "import")) == 1


def test_a_request_that_read_the_batch_before_the_other_won_still_loses(world):
    batch = _checked(world["admin"], (HEADER + rows_csv(2)).encode())
    stale = _db.session.get(ImportBatch, batch.id)
    _db.session.execute(sa.update(ImportBatch).where(ImportBatch.id == batch.id).values(status="importing"))
    _db.session.commit()
    # What the losing request read before the winner's UPDATE (loaded, not changed by it).
    sa.orm.attributes.set_committed_value(stale, "status", "mapped")
    with pytest.raises(InvalidInput, match=r"(already started|已经开始)"):
        imports.start_import(world["admin"], batch.id)
    assert _db.session.scalar(sa.select(sa.func.count(Job.id)).where(Job.kind == "import")) == 0


def test_the_dry_run_is_a_job_that_fills_in_the_batch(world):
    batch = _checked(world["admin"], (HEADER + rows_csv(3)).encode())
    [job] = _db.session.scalars(sa.select(Job).where(Job.kind == "import_check")).all()
    assert (job.state, job.import_batch_id, job.result["ready"]) == ("done", batch.id, 3)
    assert (batch.status, batch.rows_valid) == ("mapped", 3)


def test_the_database_allows_one_live_job_per_batch(world):
    batch = _checked(world["admin"], (HEADER + rows_csv(1)).encode())
    _db.session.add(Job(kind="import", state="queued", import_batch_id=batch.id, checkpoint={}, result={}))
    _db.session.commit()
    _db.session.add(Job(kind="import", state="running", import_batch_id=batch.id, checkpoint={}, result={}))
    with pytest.raises(sa.exc.IntegrityError):
        _db.session.commit()
    _db.session.rollback()
    _db.session.add(Job(kind="import", state="failed", import_batch_id=batch.id, checkpoint={}, result={}))
    _db.session.commit()  # finished ones do not count


def test_concurrent_import_posts_through_the_site_start_one_job(world, client, login_as):
    batch = _checked(world["admin"], (HEADER + rows_csv(2)).encode())
    login_as(world["admin"])
    first = client.post(f"/admin/import/{batch.id}/run")
    second = client.post(f"/admin/import/{batch.id}/run", follow_redirects=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "already started" in second.get_data(as_text=True) or "已经开始" in second.get_data(as_text=True)
    assert _db.session.scalar(sa.select(sa.func.count(Job.id)).where(Job.kind == "import")) == 1


def _imported(status: str | None = None) -> int:
    query = sa.select(sa.func.count(Scenario.id)).where(Scenario.external_ref.like("import:%"))
    return _db.session.scalar(query.where(Scenario.status == status) if status else query) or 0


def test_an_import_killed_while_publishing_keeps_matches_and_resumes_on_retry(world, monkeypatch):
    admin = world["admin"]
    monkeypatch.setattr(imports, "CHUNK", 2)
    batch = _checked(admin, (HEADER + rows_csv(5)).encode())
    real = matches.recompute_for
    calls = []

    def dies_on_the_second_chunk(ids):
        calls.append(ids)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real(ids)

    monkeypatch.setattr(matches, "recompute_for", dies_on_the_second_chunk)
    with pytest.raises(InvalidInput, match="worker killed"):
        imports.run_import(admin, batch.id)
    _db.session.expire_all()
    job = _db.session.scalar(sa.select(Job).where(Job.kind == "import"))
    assert (job.state, job.checkpoint["phase"], job.checkpoint["imported"], job.checkpoint["published"]) == (
        "failed",
        "publishing",
        5,
        2,
    )
    assert (_imported("published"), _imported("draft")) == (2, 3)  # drafts are not public
    assert _published_without_matches() == 0  # what was published has its matches

    monkeypatch.setattr(matches, "recompute_for", real)
    jobs.retry_job(admin, job.id)
    _db.session.expire_all()
    job = _db.session.get(Job, job.id)
    assert (job.state, job.attempts, job.result["imported"], job.result["unchanged"]) == ("done", 2, 5, 0)
    assert (_imported(), _imported("published")) == (5, 5)
    assert _published_without_matches() == 0
    assert _db.session.get(ImportBatch, batch.id).status == "imported"


def test_an_import_killed_while_saving_resumes_without_saving_a_row_twice(world, monkeypatch):
    admin = world["admin"]
    monkeypatch.setattr(imports, "CHUNK", 2)
    batch = _checked(admin, (HEADER + rows_csv(5)).encode())
    from app.services import duplicates

    real = duplicates.flag_near_duplicates
    calls = []

    def dies_on_the_second_chunk(scenarios, source):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real(scenarios, source)

    monkeypatch.setattr(duplicates, "flag_near_duplicates", dies_on_the_second_chunk)
    with pytest.raises(InvalidInput, match="worker killed"):
        imports.run_import(admin, batch.id)
    assert (_imported(), _imported("published")) == (2, 0)
    monkeypatch.setattr(duplicates, "flag_near_duplicates", real)
    job = jobs.retry_job(admin, _db.session.scalar(sa.select(Job.id).where(Job.kind == "import")))
    assert (job.state, job.result["imported"], job.result["unchanged"]) == ("done", 5, 0)
    assert (_imported(), _imported("published")) == (5, 5)
    assert _published_without_matches() == 0


def test_a_running_job_is_retried_only_once_its_worker_is_lost(world, app, clock):
    from datetime import datetime

    clock(datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
    job = Job(
        kind="match_rebuild",
        state="running",
        started_at=datetime.now(UTC),
        heartbeat_at=datetime.now(UTC),
        checkpoint={},
        result={},
    )
    _db.session.add(job)
    _db.session.commit()
    with pytest.raises(InvalidInput, match=r"(not stopped|没有中断)"):
        jobs.retry_job(world["admin"], job.id)
    clock.shift(timedelta(seconds=app.config["JOB_STALL_SECONDS"] + 1))
    assert jobs.job_status(_db.session.get(Job, job.id))["state"] == "stalled"
    assert jobs.retry_job(world["admin"], job.id).state == "done"


def test_a_rebuild_killed_half_way_resumes_after_the_last_committed_batch(world, monkeypatch):
    monkeypatch.setattr(matches, "REBUILD_BATCH", 1)
    real = matches.compute_lists
    seen: list[list[int]] = []

    def dies_on_the_second_batch(matcher, ids, *args, **kwargs):
        seen.append(list(ids))
        if len(seen) == 2:
            raise RuntimeError("worker killed")
        return real(matcher, ids, *args, **kwargs)

    monkeypatch.setattr(matches, "compute_lists", dies_on_the_second_batch)
    job = jobs.start_rebuild(world["admin"])
    _db.session.expire_all()
    job = _db.session.get(Job, job.id)
    assert (job.state, job.done, job.checkpoint["after"]) == ("failed", 1, world["s1"].id)
    monkeypatch.setattr(matches, "compute_lists", real)
    job = jobs.retry_job(world["admin"], job.id)
    assert (job.state, job.result["scenarios"]) == ("done", 3)
    assert _published_without_matches() == 0


def test_flask_match_rebuild_runs_as_a_recorded_job(world, app):
    result = app.test_cli_runner().invoke(args=["match", "rebuild"])
    assert result.exit_code == 0, result.output
    job = _db.session.scalar(sa.select(Job))
    assert (job.kind, job.state, job.created_by_id) == ("match_rebuild", "done", None)
    assert f"Stored {job.result['matches']} matches" in result.output


def test_a_queue_that_cannot_be_reached_is_a_clear_message_and_a_failed_job(world, monkeypatch):
    from app import jobs as queue

    def down(job_id):
        raise ConnectionError("redis down")

    monkeypatch.setattr(queue, "enqueue", down)
    with pytest.raises(jobs.QueueUnavailable):
        jobs.start_rebuild(world["admin"])
    assert _db.session.scalar(sa.select(Job)).state == "failed"


def test_the_job_page_and_its_json_show_progress_and_the_retry_button(world, client, login_as):
    job = Job(
        kind="match_rebuild", state="failed", done=3, total=10, error="RuntimeError: boom", checkpoint={}, result={}
    )
    _db.session.add(job)
    _db.session.commit()
    login_as(world["admin"])
    page = client.get(f"/admin/jobs/{job.id}?lang=en").get_data(as_text=True)
    assert "Failed" in page and "RuntimeError: boom" in page and f"/admin/jobs/{job.id}/retry" in page
    assert 'value="30"' in page and "jobs.js" in page
    assert client.get(f"/admin/jobs/{job.id}.json").get_json()["retry"] is True
    assert client.post(f"/admin/jobs/{job.id}/retry").status_code == 302
    assert _db.session.get(Job, job.id).state == "done"
    assert "Match rebuild" in client.get("/admin/jobs?lang=en").get_data(as_text=True)


def test_only_admins_see_jobs(world, client, login_as):
    login_as(make_user("enterprise"))
    assert client.get("/admin/jobs").status_code == 403


# The matcher store sits below the services ---------------------------------------------------------------


def test_the_matcher_store_imports_no_service():
    tree = ast.parse(Path("app/matcher_store.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not any(name.startswith("app.services") for name in imported)
    assert "hasattr" not in Path("app/matcher_store.py").read_text(encoding="utf-8")
