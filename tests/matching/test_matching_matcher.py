import json

import numpy as np
import pytest
from matching_corpus import make_scenarios, make_vendors

from matching import Lexicon, Matcher, MatchResult, Reason, ScenarioDoc, VendorDoc, strength

# Shares as stated: capabilities read with full confidence, no words.
CONCEPTS_ONLY = dict(capability_weight=0.5, industry_weight=0.5, term_weight=0.0, confidence_scale=1e-6)


def scores(results):
    return {r.id: round(r.score, 6) for r in results}


def test_fit_returns_self_and_learned_attributes_end_with_underscore(tiny_lexicon):
    m = Matcher(lexicon=tiny_lexicon)
    assert m.fit(make_scenarios(), make_vendors()) is m
    assert m.vendor_ids_ == ["v1", "v2", "v3", "v4"] and "lexicon" in m.get_params()


def test_score_is_capability_share_plus_industry_fit(tiny_lexicon):
    m = Matcher(lexicon=tiny_lexicon, **CONCEPTS_ONLY).fit(make_scenarios(), make_vendors())
    # s1 needs visual inspection in tyres: v1 offers both (0.5 + 0.5), v3 only the capability.
    assert scores(m.rank_vendors("s1")) == {"v1": 1.0, "v3": 0.5}


def test_a_vendor_naming_no_industry_gets_the_generalist_credit(tiny_lexicon):
    v = VendorDoc("g", name="通用视觉", description="缺陷检测平台")
    m = Matcher(lexicon=tiny_lexicon, generalist_credit=0.6, **CONCEPTS_ONLY).fit(make_scenarios(), [v])
    assert scores(m.rank_vendors("s1")) == {"g": 0.5 + 0.5 * 0.6}


def test_a_generalist_sharing_nothing_else_is_not_returned(fitted):
    assert "v4" not in scores(fitted.rank_vendors("s1", k=None))


def test_identical_texts_score_one_without_a_lexicon():
    s = ScenarioDoc("s", title="tread inspection", description="tread cracks on the line")
    v = VendorDoc("v", name="tread inspection", description="tread cracks on the line")
    m = Matcher(lexicon=None, **{"capability_weight": 0.0, "industry_weight": 0.0, "term_weight": 1.0})
    m.set_params(name_weight=3.0, title_weight=3.0).fit([s], [v])
    assert scores(m.rank_vendors("s")) == {"v": 1.0}


def test_concepts_bridge_languages(tiny_lexicon):
    s = ScenarioDoc("s", title="银行骗贷", description="小额贷款里有人骗贷", industry="银行")
    m = Matcher(lexicon=tiny_lexicon).fit([s], make_vendors())
    assert m.rank_vendors("s")[0].vendor_id == "v2"  # English vendor, Chinese scenario


def test_reasons_are_labelled_in_the_requested_language_with_shares(fitted):
    best = fitted.rank_vendors("s1", lang="en")[0]
    assert best.vendor_id == "v1"
    assert [(r.kind, r.code, r.label) for r in best.reasons[:2]] == [
        ("capability", "visual-inspection", "Visual defect inspection"),
        ("industry", "tyre-rubber", "Tyres and rubber"),
    ]
    assert 0.99 <= sum(r.share for r in best.reasons) <= 1.0 + 1e-9
    assert fitted.rank_vendors("s1", lang="zh")[0].reasons[0].label == "机器视觉缺陷检测"


def test_to_dict_is_json_ready(fitted):
    d = fitted.rank_vendors("s1")[0].to_dict()
    assert set(d) == {"vendor_id", "score", "strength", "reasons"}
    assert set(d["reasons"][0]) == {"kind", "code", "label", "share", "chosen_by"}
    json.dumps(d)


def test_ties_are_broken_by_ascending_id(tiny_lexicon):
    vendors = [VendorDoc(i, description="缺陷检测", industries=("轮胎",)) for i in ("b", "c", "a")]
    m = Matcher(lexicon=tiny_lexicon).fit(make_scenarios(), vendors)
    assert [r.vendor_id for r in m.rank_vendors("s1")] == ["a", "b", "c"]


def test_rank_scenarios_uses_the_same_score(fitted):
    forward = {sid: scores(fitted.rank_vendors(sid, k=None)).get("v3") for sid in ("s1", "s2", "s3")}
    backward = scores(fitted.rank_scenarios("v3", k=None))
    assert backward == {k: v for k, v in forward.items() if v}
    assert next(iter(backward)) == "s3"


def test_a_document_not_in_the_index_can_be_ranked(fitted):
    doc = ScenarioDoc("new", title="胎面漏检", industry="轮胎")
    assert fitted.rank_vendors(doc)[0].vendor_id == "v1"


def test_similar_scenarios_finds_near_duplicates_and_not_itself(tiny_lexicon):
    ss = [
        *make_scenarios(),
        ScenarioDoc("s1b", title="轮胎胎面漏检多", description="工人肉眼看胎面，漏检多，夜班更严重", industry="轮胎"),
    ]
    m = Matcher(lexicon=tiny_lexicon).fit(ss, make_vendors())
    sim = m.similar_scenarios("s1", k=3)
    assert sim[0].scenario_id == "s1b" and sim[0].score > 0.9 and "s1" not in scores(sim)
    assert {r.label for r in sim[0].reasons} & {"漏检", "胎面", "肉眼"}
    assert m.similar_scenarios("s1", min_score=0.99) == []


def test_penalty_down_weights_a_vendor_for_that_capability(fitted):
    base = scores(fitted.rank_vendors("s1"))
    pen = scores(fitted.rank_vendors("s1", penalties={("v1", "visual-inspection"): 0.5}))
    assert pen["v1"] == pytest.approx(base["v1"] * 0.5, abs=1e-6) and pen["v3"] == base["v3"]


def test_exclude_leaves_vendors_out(fitted):
    assert "v1" not in scores(fitted.rank_vendors("s1", exclude={"v1"}))


def test_all_pairs_agrees_with_rank_vendors(fitted):
    pairs = dict(fitted.all_pairs(k=2))
    assert list(pairs) == ["s1", "s2", "s3"]
    for sid, res in pairs.items():
        assert res == fitted.rank_vendors(sid, k=2)


def all_scores(m):
    return {sid: scores(m.rank_vendors(sid, k=None)) for sid in sorted(m.scenario_ids_)}


def test_incremental_add_equals_refit(tiny_lexicon):
    ss, vs = make_scenarios(), make_vendors()
    inc = Matcher(lexicon=tiny_lexicon).fit(ss[:2], vs[:2])
    inc.add_scenario(ss[2]).add_vendor(vs[2]).add_vendor(vs[3])
    full = Matcher(lexicon=tiny_lexicon).fit(ss, vs)
    assert all_scores(inc) == all_scores(full)


def test_incremental_remove_and_update_equal_refit(tiny_lexicon):
    ss, vs = make_scenarios(), make_vendors()
    changed = VendorDoc("v3", name="Weft", description="Speech recognition for banks", industries=("Banking",))
    inc = Matcher(lexicon=tiny_lexicon).fit(ss, vs).remove_scenario("s2").update_vendor(changed)
    full = Matcher(lexicon=tiny_lexicon).fit([ss[0], ss[2]], [vs[0], vs[1], changed, vs[3]])
    assert all_scores(inc) == all_scores(full)
    assert inc.needs_refit_ is True  # 2 changes out of 7 listings > 25 %


def test_save_and_load_round_trip(fitted, tmp_path):
    path = tmp_path / "index.npz"
    fitted.save(path)
    loaded = Matcher.load(path, lexicon=fitted.lexicon)
    assert all_scores(loaded) == all_scores(fitted)
    assert loaded.rank_vendors("s1") == fitted.rank_vendors("s1")


def test_loading_a_foreign_file_is_a_clear_error(tmp_path):
    path = tmp_path / "x.npz"
    path.write_text("not an index")
    with pytest.raises(ValueError, match="not a readable Keting matching index"):
        Matcher.load(path)
    np.savez(tmp_path / "y.npz", a=np.zeros(2))
    with pytest.raises(ValueError, match="not a Keting matching index"):
        Matcher.load(tmp_path / "y.npz")


def test_loading_a_stale_index_is_a_clear_error(fitted, tmp_path, monkeypatch):
    import matching.index as index

    path = tmp_path / "old.npz"
    monkeypatch.setattr(index, "INDEX_VERSION", 0)
    fitted.save(path)
    monkeypatch.undo()
    with pytest.raises(ValueError, match="stale"):
        Matcher.load(path)


def test_loading_with_a_changed_lexicon_is_a_clear_error(fitted, tmp_path):
    path = tmp_path / "index.npz"
    fitted.save(path)
    d = fitted.lexicon.to_dict()
    d["industries"][1]["synonyms_zh"].append("胎压")
    with pytest.raises(ValueError, match="another lexicon"):
        Matcher.load(path, lexicon=Lexicon.from_dict(d))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.rank_vendors("nope"),
        lambda m: m.rank_scenarios("nope"),
        lambda m: m.remove_vendor("nope"),
        lambda m: m.rank_vendors("s1", k=0),
        lambda m: m.rank_vendors("s1", lang="fr"),
        lambda m: m.add_scenario(make_scenarios()[0]),
    ],
)
def test_bad_calls_raise_value_error(fitted, call):
    with pytest.raises(ValueError):
        call(fitted)


def test_unfitted_matcher_raises_value_error():
    with pytest.raises(ValueError, match="not fitted"):
        Matcher().rank_vendors("s1")


def test_bad_parameters_and_duplicate_ids_raise_value_error(tiny_lexicon):
    with pytest.raises(ValueError, match="capability_weight"):
        Matcher(capability_weight=-1).fit([], [])
    with pytest.raises(ValueError, match="duplicate vendor id"):
        Matcher(lexicon=tiny_lexicon).fit([], make_vendors() * 2)


def test_empty_corpora_fit_and_rank_nothing(tiny_lexicon):
    m = Matcher(lexicon=tiny_lexicon).fit([], [])
    assert list(m.all_pairs()) == [] and m.rank_vendors(ScenarioDoc("x", title="漏检")) == []


def test_result_types_are_frozen():
    r = Reason("term", None, "胎面", 0.5)
    with pytest.raises(AttributeError):
        r.share = 1.0  # type: ignore[misc]
    assert MatchResult(vendor_id="v", score=0.5).to_dict() == {
        "vendor_id": "v",
        "score": 0.5,
        "strength": strength(0.5),
        "reasons": [],
    }


def _twins(n: int) -> list[VendorDoc]:
    """n vendors saying the same thing: their scores tie, so ids alone order them."""
    return [
        VendorDoc(f"t{i:02d}", name="视觉", description="机器视觉缺陷检测，服务轮胎", industries=("轮胎",))
        for i in range(n)
    ]


def test_all_pairs_settles_ties_beyond_the_products_slack_as_rank_vendors_does(tiny_lexicon):
    # 14 tied vendors and k=3: the top-n product keeps only k + 8 of them, so the row is ranked again in full.
    m = Matcher(lexicon=tiny_lexicon).fit(make_scenarios(), make_vendors() + _twins(14))
    for sid, res in m.all_pairs(k=3):
        assert res == m.rank_vendors(sid, k=3)


def test_all_pairs_ranks_only_the_given_scenarios_above_min_score_without_reasons(fitted):
    floor = 0.2
    pairs = list(fitted.all_pairs(k=3, scenario_ids=["s3", "s1"], min_score=floor, with_reasons=False))
    assert [sid for sid, _ in pairs] == ["s3", "s1"]
    for sid, res in pairs:
        expected = [r for r in fitted.rank_vendors(sid, k=3) if r.score >= floor]
        assert [(r.vendor_id, r.score) for r in res] == [(r.vendor_id, r.score) for r in expected]
        assert all(r.reasons == () for r in res)
        assert fitted.reasons_for(sid, [(r.vendor_id, r.score) for r in res]) == [r.reasons for r in expected]


def test_all_pairs_refuses_an_unknown_scenario(fitted):
    with pytest.raises(ValueError, match="unknown scenario"):
        list(fitted.all_pairs(scenario_ids=["nope"]))


@pytest.mark.parametrize("batch_size", [4, 7, 1000])
def test_similar_pairs_equal_similar_scenarios_row_by_row_ties_included(tiny_lexicon, batch_size):
    # 14 twins: more than the top-n product keeps per row (k + 9), so cut rows are multiplied again in full;
    # small batches make most pairs cross blocks (found once, carried to the later block's scenario).
    twins = [
        ScenarioDoc(f"d{i:02d}", title="胎面漏检", description="工人肉眼看胎面，漏检多", industry="轮胎")
        for i in range(14)
    ]
    m = Matcher(lexicon=tiny_lexicon).fit(make_scenarios() + twins, make_vendors())
    draft = ScenarioDoc("draft", title="胎面漏检", description="肉眼看胎面漏检", industry="轮胎")
    again = ScenarioDoc("d03", title="胎面漏检", description="工人肉眼看胎面", industry="轮胎")  # an edit of d03
    refs = [*reversed(m.scenario_ids_[5:]), draft, "d07", again, *m.scenario_ids_[:5]]
    got = list(m.similar_pairs(refs, k=3, min_score=0.3, batch_size=batch_size))
    assert [key for key, _ in got] == [r if isinstance(r, str) else r.id for r in refs]
    for ref, (_key, found) in zip(refs, got, strict=True):
        assert found == m.similar_scenarios(ref, k=3, min_score=0.3)
    got = dict(m.similar_pairs([*m.scenario_ids_, draft], k=3, min_score=0.3, batch_size=batch_size))
    assert list(got) == [*m.scenario_ids_, "draft"]
    for ref in [*m.scenario_ids_, draft]:
        key = ref if isinstance(ref, str) else ref.id
        assert got[key] == m.similar_scenarios(ref, k=3, min_score=0.3)
    assert len(got["d05"]) == 3 and "d05" not in {r.scenario_id for r in got["d05"]}


def test_similar_pairs_leaves_out_skipped_pairs_after_taking_the_top_k(tiny_lexicon):
    twins = [
        ScenarioDoc(f"d{i}", title="胎面漏检", description="工人肉眼看胎面，漏检多", industry="轮胎") for i in range(4)
    ]
    m = Matcher(lexicon=tiny_lexicon).fit(twins, make_vendors())
    got = dict(m.similar_pairs(["d0"], k=2, min_score=0.5, skip={("d0", "d1")}))
    assert [r.scenario_id for r in got["d0"]] == ["d2"]  # d1 skipped, d3 not promoted into the top 2


@pytest.mark.parametrize(
    "params",
    [{}, {"max_concept_reasons": 1, "max_term_reasons": 1}, {"max_concept_reasons": 0}, {"min_reason_share": 0.2}],
)
def test_reason_columns_give_the_reasons_rank_vendors_gives(tiny_lexicon, params):
    m = Matcher(lexicon=tiny_lexicon, **params).fit(make_scenarios(), make_vendors() + _twins(2))
    pairs = [(sid, r) for sid in m.scenario_ids_ for r in m.rank_vendors(sid, k=None)]
    indptr, cols, shares, chosen = m.reason_columns(
        [s for s, _ in pairs], [r.id for _, r in pairs], [r.score for _, r in pairs]
    )
    assert len(indptr) == len(pairs) + 1
    for i, (_sid, r) in enumerate(pairs):
        got = tuple(
            m.reason_at(int(cols[j]), float(shares[j]), int(chosen[j])) for j in range(indptr[i], indptr[i + 1])
        )
        assert got == r.reasons
    assert any(r.reasons for _, r in pairs)
