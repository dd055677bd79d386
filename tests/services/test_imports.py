"""Bulk import from a messy real-world spreadsheet: merged headers, full-width digits, blank rows, GBK CSVs."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from app.extensions import db as _db
from app.models import AuditEntry, DuplicateFlag, ImportBatch, Job, Organization, Scenario
from app.services import imports, matches
from app.services.errors import InvalidInput, PermissionDenied
from app.services.imports import MappingInput, UploadInput
from tests.factories import make_industry, make_org, make_scenario, make_user

LONG = "很长" * 10_001  # over the 20,000-character limit of a description


@pytest.fixture()
def admin(db):
    make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber", synonyms_zh=["轮胎", "橡胶"])
    make_industry("automotive", "汽车", "Automotive", synonyms_zh=["新能源汽车", "汽车零部件"])
    make_industry("ports-logistics", "港口物流", "Ports and logistics", synonyms_zh=["港口", "物流"])
    return make_user("admin", email="importer@keting.local")


def messy_workbook() -> bytes:
    """A list as a district office sends it: a title row, a two-row header with merged cells, odd cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "附件1"
    ws["A1"] = "2024年青岛市人工智能应用场景需求清单（第一批）"
    ws.merge_cells("A1:G1")
    for col, text in zip(
        "ABCEFG", ["序号", "场景名称", "需求单位信息", "所属行业 ", "场景描述", "所在区市"], strict=False
    ):
        ws[f"{col}2"] = text
    ws.merge_cells("C2:D2")  # a group header over two columns
    ws["C3"], ws["D3"] = "需求单位", " 联系人"
    for col in "ABEFG":
        ws.merge_cells(f"{col}2:{col}3")  # the other headers span both header rows
    rows = [
        [
            "１",
            "胎面外观缺陷人工目检漏检多  ",
            "青岛轮胎示例有限公司 ",
            "王工 13800000001",
            "轮胎",
            "夜班目检胎面漏检率约3%，希望用视觉检测把漏检降到0.5%以下。",
            "青岛市即墨区",
        ],
        ["２", "密炼工序能耗优化", None, "李工", "橡胶", "密炼机能耗高，希望用工艺参数优化降低单位能耗10%。", "即墨区"],
        [None] * 7,  # a blank row between sections
        ["3", "", "青岛港示例集团", "赵工", "港口", "只有描述没有标题的一行。", "黄岛区"],
        [
            "４",
            "集装箱堆场翻箱优化",
            "青岛港示例集团",
            "赵工",
            "新能源汽车零部件制造",
            "堆场翻箱率高，希望优化箱位。",
            "西海岸新区",
        ],
        ["5", "超长描述的场景", "青岛港示例集团", "赵工", "港口", LONG, "市南区"],
        [
            "6",
            "车身焊点质量检测",
            "青岛汽车示例有限公司",
            "孙工",
            "汽车",
            "焊点质量靠抽检，希望在线检测每个焊点。",
            "青岛高新区",
        ],
        ["  ", None, None, None, None, None, None],  # spaces only: blank too
        [
            "7",
            "胎面外观缺陷人工目检漏检多",
            "青岛轮胎示例有限公司",
            "王工 13800000001",
            "轮胎",
            "夜班目检胎面漏检率约3%，希望用视觉检测把漏检降到0.5%以下。",
            "即墨区",
        ],
        ["８", "已有场景的标题", "青岛已有示例公司", "周工", "港口", "这一行与库里已有的场景同名同单位。", "城阳区"],
    ]
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values):
            ws.cell(row=r, column=c + 1, value=value)
    ws.merge_cells("C4:C5")  # one owner for two rows, as merged cells
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(admin, content: bytes, filename: str = "清单.xlsx", **kw) -> ImportBatch:
    return imports.upload_import(admin, UploadInput(filename=filename, content=content, **kw))


def _preview(admin, batch: ImportBatch, publish: bool = True) -> ImportBatch:
    return imports.preview_import(
        admin, batch.id, MappingInput(mapping=dict(batch.mapping), label="2024 第一批", publish=publish)
    )


def _problems(batch: ImportBatch) -> dict[int, list[str]]:
    return {row["line"]: [p["code"] for p in row["problems"]] for row in batch.preview["problems"]}


def test_the_header_is_found_under_the_title_row_and_the_columns_are_guessed(admin):
    batch = _upload(admin, messy_workbook())
    assert batch.header_rows == [3]
    assert batch.headers[:4] == ["序号", "场景名称", "需求单位", "联系人"]
    assert batch.mapping == {
        "serial": 0,
        "title": 1,
        "owner": 2,
        "contact": 3,
        "industry": 4,
        "description": 5,
        "district": 6,
        "budget": None,
        "capabilities": None,
        "data_available": None,
    }
    assert (batch.file_kind, batch.sheet, batch.status) == ("xlsx", "附件1", "uploaded")


def test_the_dry_run_reports_each_problem_row_and_writes_no_scenario(admin):
    make_scenario(owner=make_org(name="青岛已有示例公司", verified=True), title="已有场景的标题")
    _db.session.commit()
    before = _db.session.scalar(sa.select(sa.func.count(Scenario.id)))
    batch = _preview(admin, _upload(admin, messy_workbook()))
    problems = _problems(batch)
    assert problems == {
        7: ["title_missing"],
        8: ["industry_unknown"],
        9: ["description_too_long"],
        10: ["district_unknown"],
        12: ["duplicate_row"],
        13: ["duplicate_existing"],
    }
    unknown = next(r for r in batch.preview["problems"] if r["line"] == 8)["problems"][0]
    assert unknown["params"]["suggestion"] == "新能源汽车"
    assert "Did you mean" in imports.problem_text(unknown) or "是不是" in imports.problem_text(unknown)
    assert (batch.rows_total, batch.rows_valid, batch.rows_error) == (8, 2, 6)
    assert _db.session.scalar(sa.select(sa.func.count(Scenario.id))) == before


def test_import_saves_the_valid_rows_cleaned_with_placeholder_owners_and_an_audit_record(admin):
    batch = _preview(admin, _upload(admin, messy_workbook()))
    result = imports.run_import(admin, batch.id)
    assert (result.imported, result.errors) == (3, 5)  # no scenario "已有场景的标题" here: row 13 is good
    rows = {s.title: s for s in _db.session.scalars(sa.select(Scenario).where(Scenario.source_batch == "2024 第一批"))}
    first = rows["胎面外观缺陷人工目检漏检多"]  # trailing spaces gone
    second = rows["密炼工序能耗优化"]
    assert (first.status, first.district, first.industry.code, first.contact) == (
        "published",
        "jimo",
        "tyre-rubber",
        "王工 13800000001",
    )
    assert first.published_at is not None and first.external_ref.startswith("import:")
    assert second.owner_id == first.owner_id  # the merged owner cell counts for both rows
    owner = first.owner
    assert (owner.name, owner.verified, owner.kind) == ("青岛轮胎示例有限公司", False, "enterprise")
    assert owner.external_ref.startswith("import-org:")
    _db.session.expire_all()
    done = _db.session.get(ImportBatch, batch.id)
    assert (done.status, done.rows_imported, done.organizations_created) == ("imported", 3, 2)
    [entry] = _db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "import.run")).all()
    assert entry.actor_email == "importer@keting.local" and entry.after["imported"] == 3
    status_rows = _db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "scenario.status")).all()
    assert {e.actor_email for e in status_rows if e.object_id in (first.id, second.id)} == {"importer@keting.local"}


def test_importing_the_same_file_again_changes_nothing(admin):
    content = messy_workbook()
    imports.run_import(admin, _preview(admin, _upload(admin, content)).id)
    scenarios = _db.session.scalar(sa.select(sa.func.count(Scenario.id)))
    organizations = _db.session.scalar(sa.select(sa.func.count(Organization.id)))
    again = _preview(admin, _upload(admin, content))
    assert (again.rows_valid, again.rows_unchanged) == (0, 3)
    assert imports.earlier_imports_of_file(again)
    with pytest.raises(InvalidInput):
        imports.run_import(admin, again.id)
    assert _db.session.scalar(sa.select(sa.func.count(Scenario.id))) == scenarios
    assert _db.session.scalar(sa.select(sa.func.count(Organization.id))) == organizations


def test_an_existing_organization_is_reused_not_duplicated(admin):
    existing = make_org(name="青岛轮胎示例有限公司", verified=True)
    _db.session.commit()
    imports.run_import(admin, _preview(admin, _upload(admin, messy_workbook())).id)
    tyres = _db.session.scalars(
        sa.select(Scenario).where(Scenario.contact.like("王工%") | Scenario.contact.like("李工%"))
    )
    assert {s.owner_id for s in tyres} == {existing.id}


# Whose scenarios: the owner column is matched only against organizations an admin vouched for -----------


def _csv(*rows: tuple[str, str, str]) -> bytes:
    lines = ["场景名称,需求单位,场景描述"] + [",".join(r) for r in rows]
    return "\n".join(lines).encode("utf-8")


def test_a_self_registered_namesake_does_not_receive_the_imported_scenarios(admin):
    stranger = make_user(
        "enterprise", organization=make_org(name="青岛轮胎示例有限公司", verified=False), email="first@signup.example"
    )
    _db.session.commit()
    batch = _preview(admin, _upload(admin, messy_workbook()))
    [tyres] = [o for o in batch.preview["owners"] if o["name"] == "青岛轮胎示例有限公司"]
    assert (tyres["kind"], tyres["organization_id"], tyres["namesake"], tyres["rows"]) == ("new", None, True, 2)
    assert batch.preview["namesakes"] == 1
    imports.run_import(admin, batch.id)
    owners = set(_db.session.scalars(sa.select(Scenario.owner_id).where(Scenario.source_batch == "2024 第一批")))
    assert stranger.organization_id not in owners
    assert (
        _db.session.scalar(sa.select(sa.func.count(Scenario.id)).where(Scenario.owner_id == stranger.organization_id))
        == 0
    )
    placeholder = _db.session.scalar(
        sa.select(Organization).where(
            Organization.name == "青岛轮胎示例有限公司", Organization.id != stranger.organization_id
        )
    )
    assert placeholder.external_ref.startswith("import-org:") and not placeholder.verified


def test_a_namesakes_scenario_does_not_make_an_imported_row_a_duplicate(admin):
    make_scenario(owner=make_org(name="青岛已有示例公司"), title="已有场景的标题")  # self-registered, unverified
    _db.session.commit()
    batch = _preview(admin, _upload(admin, messy_workbook()))
    assert 13 not in _problems(batch)


def test_the_placeholder_of_an_earlier_import_is_reused(admin):
    imports.run_import(admin, _preview(admin, _upload(admin, messy_workbook())).id)
    placeholder = _db.session.scalar(sa.select(Organization).where(Organization.name == "青岛轮胎示例有限公司"))
    later = _preview(
        admin,
        _upload(
            admin,
            _csv(("轮胎硫化温度预测", "青岛轮胎示例有限公司 ", "硫化温度波动大，希望提前预测。")),
            filename="第二批.csv",
        ),
    )
    [owner] = later.preview["owners"]
    assert (owner["kind"], owner["organization_id"]) == ("placeholder", placeholder.id)
    assert later.preview["new_organizations"] == 0
    imports.run_import(admin, later.id)
    assert (
        _db.session.scalar(sa.select(Scenario.owner_id).where(Scenario.title == "轮胎硫化温度预测")) == placeholder.id
    )


def test_a_renamed_placeholder_is_still_found_by_its_key(admin):
    imports.run_import(admin, _preview(admin, _upload(admin, messy_workbook())).id)
    placeholder = _db.session.scalar(sa.select(Organization).where(Organization.name == "青岛轮胎示例有限公司"))
    placeholder.name = "青岛轮胎示例股份有限公司"  # an admin corrected the name
    _db.session.commit()
    later = _preview(
        admin,
        _upload(admin, _csv(("轮胎硫化温度预测", "青岛轮胎示例有限公司", "硫化温度波动大。")), filename="第二批.csv"),
    )
    assert later.preview["owners"][0]["organization_id"] == placeholder.id
    assert imports.run_import(admin, later.id).organizations_created == 0


def test_the_dry_run_lists_each_owner_with_the_organization_its_rows_will_get(admin):
    verified = make_org(name="青岛已有示例公司", verified=True)
    make_org(name="青岛轮胎示例有限公司", verified=False)  # signed up by itself
    _db.session.commit()
    batch = _preview(admin, _upload(admin, messy_workbook()))
    owners = [(o["name"], o["kind"], o["organization_id"], o["namesake"], o["rows"]) for o in batch.preview["owners"]]
    assert owners == [
        ("青岛已有示例公司", "verified", verified.id, False, 1),
        ("青岛轮胎示例有限公司", "new", None, True, 2),
    ]
    assert batch.preview["owner_counts"] == {"verified": 1, "placeholder": 0, "new": 1}
    assert batch.preview["new_organizations"] == 1
    assert {r["owner_kind"] for r in batch.preview["sample"]} == {"verified", "new"}


def test_a_failure_in_the_first_chunk_saves_nothing_and_the_job_says_why(admin, monkeypatch):
    batch = _preview(admin, _upload(admin, messy_workbook()))

    def broken(*args, **kwargs):
        raise RuntimeError("the matcher fell over")

    monkeypatch.setattr("app.services.duplicates.flag_near_duplicates", broken)
    with pytest.raises(InvalidInput, match="the matcher fell over"):
        imports.run_import(admin, batch.id)
    assert _db.session.scalar(sa.select(sa.func.count(Scenario.id))) == 0
    assert (
        _db.session.scalar(
            sa.select(sa.func.count(Organization.id)).where(Organization.external_ref.like("import-org:%"))
        )
        == 0
    )
    _db.session.expire_all()
    [job] = _db.session.scalars(sa.select(Job).where(Job.kind == "import")).all()
    assert (job.state, job.import_batch_id, job.done) == ("failed", batch.id, 0)
    assert _db.session.get(ImportBatch, batch.id).status == "importing"  # retried from the job's page


def test_imported_rows_that_read_like_a_published_scenario_are_flagged(admin):
    tyre = _db.session.scalar(sa.select(imports.Industry).where(imports.Industry.code == "tyre-rubber"))
    existing = make_scenario(
        title="胎面外观缺陷人工目检漏检多",
        industry=tyre,
        description="夜班目检胎面漏检率约3%，希望用视觉检测把漏检降到0.5%以下。",
    )
    _db.session.commit()
    matches.rebuild_all()
    result = imports.run_import(admin, _preview(admin, _upload(admin, messy_workbook())).id)
    flags = _db.session.scalars(sa.select(DuplicateFlag)).all()
    assert result.flagged == len(flags) >= 1
    assert {(f.duplicate_of_id, f.source) for f in flags} == {(existing.id, "import")}


def test_a_gbk_csv_is_decoded_and_says_so(admin):
    text = (
        "序号,场景名称,需求单位,所属行业,场景描述,联系人,所在区市\r\n"
        "１,港口集装箱堆场调度优化,青岛港示例集团,港口,堆场翻箱率高，希望优化箱位安排。,赵工,黄岛区\r\n"
        ",,,,,,\r\n"
        "2,冷链物流路径优化 ,青岛冷链示例公司,物流,冷链车辆空驶率高。,钱工,胶州\r\n"
    )
    batch = _upload(admin, text.encode("gbk"), filename="list.csv")
    assert batch.encoding == "gb18030"
    batch = _preview(admin, batch, publish=False)
    assert (batch.rows_valid, batch.rows_error) == (2, 0)
    imports.run_import(admin, batch.id)
    scenarios = {s.title: s for s in _db.session.scalars(sa.select(Scenario))}
    assert scenarios["港口集装箱堆场调度优化"].district == "xihaian"
    assert scenarios["冷链物流路径优化"].district == "jiaozhou"
    assert {s.status for s in scenarios.values()} == {"pending"}  # sent to the review queue


def test_a_utf8_csv_with_a_byte_order_mark_reads_as_utf8(admin):
    text = "\ufeff序号,场景名称,需求单位,场景描述\n1,堆场翻箱优化,青岛港示例集团,堆场翻箱率高。\n"
    batch = _upload(admin, text.encode("utf-8"), filename="list.csv")
    assert (batch.encoding, batch.headers[0]) == ("utf-8-sig", "序号")


def test_bytes_that_are_neither_utf8_nor_gbk_are_refused_clearly(admin):
    with pytest.raises(InvalidInput, match=r"UTF-8|GBK"):
        _upload(admin, b"\xff\xfe\xff\xfe" * 10, filename="list.csv")


def test_an_old_xls_file_is_refused_with_what_to_do(admin):
    with pytest.raises(InvalidInput, match="xls"):
        _upload(admin, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, filename="清单.xls")


def test_a_broken_workbook_is_refused(admin):
    with pytest.raises(InvalidInput, match="xlsx"):
        _upload(admin, b"PK\x03\x04 not really a zip", filename="清单.xlsx")


def test_an_empty_or_too_large_file_is_refused(admin, app):
    with pytest.raises(InvalidInput):
        _upload(admin, b"", filename="a.csv")
    app.config["IMPORT_MAX_BYTES"] = 100
    try:
        with pytest.raises(InvalidInput, match="MB"):
            _upload(admin, b"a,b\n" * 100, filename="a.csv")
    finally:
        app.config["IMPORT_MAX_BYTES"] = 10 * 1024 * 1024
    assert _db.session.scalar(sa.select(sa.func.count(ImportBatch.id))) == 0


def test_the_mapping_needs_title_owner_and_description_and_distinct_columns(admin):
    batch = _upload(admin, messy_workbook())
    with pytest.raises(InvalidInput):
        imports.preview_import(
            admin, batch.id, MappingInput(mapping={**batch.mapping, "title": None}, label="x", publish=True)
        )
    with pytest.raises(InvalidInput):
        imports.preview_import(
            admin, batch.id, MappingInput(mapping={**batch.mapping, "contact": 1}, label="x", publish=True)
        )


def test_only_admins_import(db):
    with pytest.raises(PermissionDenied):
        imports.upload_import(make_user("enterprise"), UploadInput(filename="a.csv", content=b"a,b\n1,2\n"))


@pytest.mark.parametrize(
    "text, code",
    [
        ("青岛市即墨区", "jimo"),
        ("黄岛区", "xihaian"),
        ("西海岸", "xihaian"),
        ("Laoshan District", "laoshan"),
        ("胶州", "jiaozhou"),
        ("市北", "shibei"),
    ],
)
def test_district_names_as_lists_write_them(text, code):
    assert imports.resolve_district(text) == (code, None)


def test_an_unknown_district_gets_a_suggestion():
    assert imports.resolve_district("莱西县")[1] in ("莱西市", None) or imports.resolve_district("莱西县")[0] == "laixi"
