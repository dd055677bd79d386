"""Editing the taxonomy: names, synonyms and parent; the matcher is rebuilt from the rows; merge, never delete in use."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app import matcher_store
from app.extensions import db as _db
from app.models import AuditEntry, Capability, Job, Scenario, VendorProfile
from app.services import taxonomy, taxonomy_admin
from app.services.errors import InvalidInput, PermissionDenied
from app.services.taxonomy_admin import TaxonomyNodeInput, split_words
from tests.factories import make_capability, make_match_catalogue, make_scenario, make_user, make_vendor


@pytest.fixture()
def admin(db):
    return make_user("admin", email="taxonomy@keting.local")


@pytest.fixture()
def rebuilds(monkeypatch):
    calls = []
    from app.services import matches

    real = matches.run_rebuild_job  # taxonomy changes queue a rebuild job; tests run it eagerly
    monkeypatch.setattr(
        matches, "run_rebuild_job", lambda job, actor, progress: calls.append(1) or real(job, actor, progress)
    )
    return calls


def _input(node, **changes) -> TaxonomyNodeInput:
    values = {
        "name_zh": node.name_zh,
        "name_en": node.name_en,
        "parent": node.parent.code if node.parent else None,
        "synonyms_zh": tuple(node.synonyms_zh),
        "synonyms_en": tuple(node.synonyms_en),
        "weak_zh": tuple(node.weak_zh or ()),
        "weak_en": tuple(node.weak_en or ()),
    }
    values.update(changes)
    return TaxonomyNodeInput(**values)


def test_a_new_synonym_reaches_the_matcher_lexicon_after_a_rebuild(admin, rebuilds):
    catalogue = make_match_catalogue()
    speech = catalogue["speech_cap"]
    taxonomy_admin.update_node(
        admin, "capability", speech.id, _input(speech, synonyms_zh=("语音", "语音识别", "录音转写"))
    )
    assert rebuilds == [1]
    [job] = _db.session.scalars(sa.select(Job)).all()
    assert (job.kind, job.state, job.created_by_id) == ("taxonomy_rebuild", "done", admin.id)
    data = taxonomy.lexicon_data()
    entry = next(e for e in data["capabilities"] if e["code"] == "speech")
    assert "录音转写" in entry["synonyms_zh"]
    lexicon = matcher_store.current().matcher.lexicon_
    assert (
        "录音转写"
        in lexicon.to_dict()["capabilities"][[e["code"] for e in lexicon.to_dict()["capabilities"]].index("speech")][
            "synonyms_zh"
        ]
    )


def test_lexicon_data_has_the_seed_shape_with_parents_and_weak_words(db):
    group = make_capability("vision", "计算机视觉", "Computer vision")
    make_capability(
        "visual-inspection",
        "机器视觉缺陷检测",
        "Visual defect inspection",
        parent=group,
        weak_zh=["瑕疵"],
        weak_en=["flaw"],
    )
    data = taxonomy.lexicon_data()
    leaf = next(e for e in data["capabilities"] if e["code"] == "visual-inspection")
    assert (leaf["parent"], leaf["weak_zh"], leaf["weak_en"]) == ("vision", ["瑕疵"], ["flaw"])
    from matching import Lexicon

    assert "visual-inspection" in Lexicon.from_dict(data).index


def test_an_edit_is_recorded_with_the_changed_fields_only(admin, rebuilds):
    node = make_capability("speech", "语音识别", "Speech recognition")
    taxonomy_admin.update_node(admin, "capability", node.id, _input(node, name_en="Speech to text"))
    [entry] = _db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "capability.edit")).all()
    assert (entry.before, entry.after) == ({"name_en": "Speech recognition"}, {"name_en": "Speech to text"})


def test_saving_without_a_change_does_not_rebuild(admin, rebuilds):
    node = make_capability("speech", "语音识别", "Speech recognition")
    taxonomy_admin.update_node(admin, "capability", node.id, _input(node))
    assert rebuilds == []


def test_a_capability_in_use_cannot_be_deleted_only_merged(admin, rebuilds):
    used = make_capability("ocr", "文字识别", "OCR")
    make_scenario(capabilities=[used])
    with pytest.raises(InvalidInput, match="1"):
        taxonomy_admin.delete_node(admin, "capability", used.id)
    unused = make_capability("unused", "没人用", "Unused")
    taxonomy_admin.delete_node(admin, "capability", unused.id)
    assert _db.session.get(Capability, unused.id) is None
    assert _db.session.get(Capability, used.id) is not None


def test_merging_moves_listings_keeps_no_doubles_and_turns_names_into_synonyms(admin, rebuilds):
    source = make_capability("ocr", "文字识别", "OCR", synonyms_zh=["票据识别"])
    target = make_capability("document-ai", "文档智能", "Document AI")
    only_source = make_scenario(title="只有文字识别的场景", capabilities=[source])
    both = make_scenario(title="两个能力都有的场景", capabilities=[source, target])
    vendor = make_vendor(capabilities=[source])
    _db.session.commit()

    taxonomy_admin.merge_node(admin, "capability", source.id, target.id)

    _db.session.expire_all()
    assert _db.session.get(Capability, source.id) is None
    assert [c.code for c in _db.session.get(Scenario, only_source.id).capabilities] == ["document-ai"]
    assert [c.code for c in _db.session.get(Scenario, both.id).capabilities] == ["document-ai"]
    assert [c.code for c in _db.session.get(VendorProfile, vendor.id).capabilities] == ["document-ai"]
    merged_into = _db.session.get(Capability, target.id)
    assert {"文字识别", "票据识别"} <= set(merged_into.synonyms_zh) and "OCR" in merged_into.synonyms_en
    assert rebuilds == [1]
    assert _db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.action == "capability.merge"))


def test_industries_merge_too(admin, rebuilds):
    from tests.factories import make_industry

    source, target = make_industry("tyres", "轮胎", "Tyres"), make_industry("rubber", "橡胶", "Rubber")
    scenario = make_scenario(industry=source)
    taxonomy_admin.merge_node(admin, "industry", source.id, target.id)
    _db.session.expire_all()
    assert _db.session.get(Scenario, scenario.id).industry_id == target.id


def test_a_group_with_entries_under_it_cannot_be_merged_or_deleted(admin):
    group = make_capability("vision", "计算机视觉", "Computer vision")
    make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection", parent=group)
    other = make_capability("speech", "语音识别", "Speech recognition")
    with pytest.raises(InvalidInput):
        taxonomy_admin.merge_node(admin, "capability", group.id, other.id)
    with pytest.raises(InvalidInput):
        taxonomy_admin.delete_node(admin, "capability", group.id)


def test_creating_checks_the_code_and_the_two_level_tree(admin, rebuilds):
    group = make_capability("vision", "计算机视觉", "Computer vision")
    leaf = make_capability("visual-inspection", "机器视觉缺陷检测", "Visual defect inspection", parent=group)
    base = {"name_zh": "冷链", "name_en": "Cold chain"}
    with pytest.raises(InvalidInput):
        taxonomy_admin.create_node(admin, "capability", TaxonomyNodeInput(code="Cold Chain!", **base))
    with pytest.raises(InvalidInput):
        taxonomy_admin.create_node(admin, "capability", TaxonomyNodeInput(code="vision", **base))
    with pytest.raises(InvalidInput):
        taxonomy_admin.create_node(admin, "capability", TaxonomyNodeInput(code="cold-chain", parent=leaf.code, **base))
    node = taxonomy_admin.create_node(
        admin, "capability", TaxonomyNodeInput(code="cold-chain", parent="vision", synonyms_zh=("冷链监控",), **base)
    )
    assert (node.parent_id, node.synonyms_zh) == (group.id, ["冷链监控"])
    assert rebuilds == [1]


def test_synonyms_split_on_lines_commas_and_enumeration_marks():
    assert split_words("漏检，人工目检、目检\nvisual check, Visual Check") == (
        "漏检",
        "人工目检",
        "目检",
        "visual check",
    )


def test_only_admins_edit_the_taxonomy(db):
    node = make_capability("speech", "语音识别", "Speech recognition")
    with pytest.raises(PermissionDenied):
        taxonomy_admin.update_node(make_user("vendor"), "capability", node.id, _input(node))
