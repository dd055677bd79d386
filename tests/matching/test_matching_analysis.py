"""analyse(): the public reading of a text; evidence weighting of ambiguous cues; calibrated strength; honest reasons."""

import dataclasses
import math

import pytest
from labelled_sets import BLIND, DEV, REAL

from matching import Analysis, Lexicon, Matcher, ScenarioDoc, VendorDoc, analyse, default_lexicon_path, strength
from matching.calibration import STRENGTHS
from matching.cli import read_qrels, read_scenarios, read_vendors
from matching.rank import clean_term

AMBIGUOUS = {
    "version": 1,
    "industries": [],
    "capabilities": [
        {
            "code": "scheduling",
            "name_zh": "排产排程",
            "name_en": "Scheduling",
            "parent": None,
            "synonyms_zh": ["排产"],
            "synonyms_en": ["production scheduling"],
            "weak_zh": ["调度", "计划"],
            "weak_en": ["dispatch", "planning"],
        },
        {
            "code": "speech",
            "name_zh": "语音识别",
            "name_en": "Speech",
            "parent": None,
            "synonyms_zh": ["语音识别"],
            "synonyms_en": ["speech recognition"],
            "weak_zh": ["语音"],
            "weak_en": ["voice"],
        },
    ],
}


@pytest.fixture(scope="module")
def lex():
    return Lexicon.from_dict(AMBIGUOUS)


@pytest.fixture(scope="module")
def full():
    return Lexicon.load(default_lexicon_path())


def test_analyse_returns_a_frozen_reading_with_concepts_confidence_and_terms(lex):
    a = analyse("车间排产靠人工，每天排产两小时", lex)
    assert isinstance(a, Analysis)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.confidence = 0.0  # type: ignore[misc]
    assert set(a.concepts) == {"scheduling"} and 0.6 < a.concepts["scheduling"] <= 1.0
    assert 0.6 < a.confidence <= 1.0
    assert "车间" in a.terms and all(isinstance(t, str) for t in a.terms)


def test_a_text_without_any_cue_is_not_understood(lex):
    a = analyse("我们是一家小公司", lex)
    assert a.concepts == {} and a.confidence == 0.0


def test_analyse_reads_traditional_characters_and_english(full):
    assert "predictive-maintenance" in analyse("預測性維護", full).concepts
    assert "visual-inspection" in analyse("defect detection on painted panels", full).concepts


def test_analyse_rejects_a_non_string(lex):
    with pytest.raises(ValueError):
        analyse(None, lex)  # type: ignore[arg-type]


def test_one_ambiguous_cue_alone_gives_little(lex):
    alone = analyse("电网调度", lex)
    assert alone.concepts["scheduling"] < 0.15 and alone.confidence < 0.15


def test_an_ambiguous_cue_with_a_second_cue_counts(lex):
    alone = analyse("电网调度", lex).concepts["scheduling"]
    two = analyse("调度和计划都靠人", lex).concepts["scheduling"]
    strong = analyse("调度靠人，希望自动排产", lex).concepts["scheduling"]
    assert two > 2 * alone and strong > two


def test_a_lone_ambiguous_cue_does_not_take_the_capability_share(lex):
    scenario = ScenarioDoc("s", description="电网调度员记录每天的操作")
    scheduler = VendorDoc("sched", description="排产 排产 production scheduling")
    grid = VendorDoc("grid", description="电网调度员 操作记录 数字化")
    m = Matcher(lexicon=lex).fit([scenario], [scheduler, grid])
    assert next(r.vendor_id for r in m.rank_vendors("s")) == "grid"


def test_strength_thresholds_are_ordered_and_cover_every_score():
    floors = [f for f, _ in STRENGTHS]
    assert floors == sorted(floors, reverse=True) and floors[-1] == 0.0
    assert strength(1.0) == "strong" and strength(0.0) == "fair"
    assert strength(STRENGTHS[0][0]) == "strong" and strength(STRENGTHS[0][0] - 1e-6) == "good"
    for bad in (float("nan"), "0.5", None, True):
        with pytest.raises(ValueError):
            strength(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("folder", [DEV, REAL, BLIND], ids=["synthetic", "real", "blind"])
def test_strong_matches_are_relevant_at_least_nine_times_in_ten(full, folder):
    if not (folder / "qrels.tsv").exists():
        pytest.skip(f"{folder} not available")
    qrels = read_qrels(str(folder / "qrels.tsv"))
    m = Matcher(lexicon=full).fit(
        read_scenarios(str(folder / "scenarios.jsonl")), read_vendors(str(folder / "vendors.jsonl"))
    )
    strong = [
        (sid, r.vendor_id)
        for sid in m.scenario_ids_
        for r in m.rank_vendors(sid, k=10)
        if strength(r.score) == "strong"
    ]
    assert len(strong) >= 10
    precision = sum(qrels.get(s, {}).get(v, 0) > 0 for s, v in strong) / len(strong)
    assert precision >= 0.9, f"{precision:.3f}"


def test_reasons_name_only_capabilities_both_sides_have_and_who_chose_them(lex):
    scenario = ScenarioDoc("s", title="排产", description="每天排产靠人工", capability_codes=("scheduling",))
    vendor = VendorDoc("v", description="排产排程软件，也做语音识别")
    m = Matcher(lexicon=lex).fit([scenario], [vendor])
    [match] = m.rank_vendors("s")
    caps = [r for r in match.reasons if r.kind == "capability"]
    assert [r.code for r in caps] == ["scheduling"] and caps[0].chosen_by == ("scenario",)
    assert match.to_dict()["reasons"][0]["chosen_by"] == ["scenario"]
    [back] = m.rank_scenarios("v")
    assert [r.chosen_by for r in back.reasons if r.kind == "capability"] == [("scenario",)]


def test_a_capability_the_vendor_only_mentions_in_passing_is_not_a_shared_capability(lex):
    scenario = ScenarioDoc("s", description="语音识别 语音识别 会议记录")
    vendor = VendorDoc("v", description="排产 排产 排产 production scheduling，偶尔提到 voice")
    m = Matcher(lexicon=lex).fit([scenario], [vendor])
    for match in m.rank_vendors("s"):
        assert not [r for r in match.reasons if r.kind == "capability"]


def test_keywords_carry_no_stray_punctuation():
    assert clean_term("+hello") == "hello" and clean_term("word,") == "word"
    assert clean_term("c++") == "c++" and clean_term("ai+") == "AI+"
    assert clean_term("+") == ""


def test_confidence_grows_with_evidence(full):
    one = analyse("需要语音识别", full).confidence
    many = analyse("需要语音识别，把通话录音转写成文字，支持方言和会议记录", full).confidence
    assert 0 < one < many <= 1 and not math.isnan(many)


def test_a_specialist_out_of_its_field_is_not_strong(full):
    loom = ScenarioDoc(
        "s",
        title="织布机布面疵点人工检验",
        industry="纺织",
        description="织布车间每班靠挡车工肉眼看布面，断经、纬疵漏检多，客户投诉。",
    )
    rail = VendorDoc(
        "rail",
        name="轨检视觉",
        description="专注铁路轨道巡检，钢轨表面缺陷视觉检测，扣件缺失识别。",
        industries=("轨道交通",),
    )
    textile = VendorDoc(
        "tex", name="织检", description="布面疵点视觉检测系统，服务织造、印染企业。", industries=("纺织",)
    )
    m = Matcher(lexicon=full).fit([loom], [rail, textile])
    got = {r.vendor_id: strength(r.score) for r in m.rank_vendors("s")}
    assert got["tex"] == "strong" and got["rail"] != "strong"
