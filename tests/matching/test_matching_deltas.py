"""Cheap changes: the append-only row store, the change journal and delta files, and reasons computed in one pass."""

import json

import numpy as np
import pytest
from matching_corpus import make_scenarios, make_vendors

from matching import Matcher, Reason, ScenarioDoc, VendorDoc
from matching.index import GEN_LABEL
from matching.rank import clean_term


def every_result(m):
    """Every ranking the matcher gives, both ways and for similarity, with reasons (scores to 6 decimals)."""
    out = {}
    for sid in sorted(m.scenario_ids_):
        out["v", sid] = [(r.vendor_id, round(r.score, 6), r.reasons) for r in m.rank_vendors(sid, k=None)]
        out["sim", sid] = [(r.scenario_id, round(r.score, 6)) for r in m.similar_scenarios(sid, k=None)]
    for vid in sorted(m.vendor_ids_):
        out["s", vid] = [(r.scenario_id, round(r.score, 6), r.reasons) for r in m.rank_scenarios(vid, k=None)]
    return out


NEW_SCENARIO = ScenarioDoc(
    "s9", title="钢板表面缺陷检测", description="热轧钢板表面划伤，需要机器视觉检测", industry="钢铁"
)
CHANGED_VENDOR = VendorDoc("v2", name="听澜", description="语音识别与客服质检，服务银行", industries=("金融",))


def changed_copy(tiny_lexicon) -> Matcher:
    m = Matcher(lexicon=tiny_lexicon).fit(make_scenarios(), make_vendors())
    return m.add_scenario(NEW_SCENARIO).update_vendor(CHANGED_VENDOR).remove_scenario("s2")


def test_a_changed_index_ranks_reasons_and_similarities_exactly_like_a_refit(tiny_lexicon):
    inc = changed_copy(tiny_lexicon)
    ss = [s for s in make_scenarios() if s.id != "s2"] + [NEW_SCENARIO]
    vs = [CHANGED_VENDOR if v.id == "v2" else v for v in make_vendors()]
    full = Matcher(lexicon=tiny_lexicon).fit(ss, vs)
    assert every_result(inc) == every_result(full)


def test_the_public_rows_show_only_live_listings_in_index_order(tiny_lexicon):
    m = changed_copy(tiny_lexicon)
    assert "s2" not in m.scenario_ids_ and m.scenario_ids_[-1] == "s9" and m.vendor_ids_[-1] == "v2"
    assert m.S_tf_.shape[0] == m.S_concepts_.shape[0] == m.S_evidence_.shape[0] == len(m.scenario_ids_)
    assert m.V_tf_.shape[0] == len(m.vendor_ids_)
    assert m.S_tf_.shape[1] == len(m.terms_)


def test_consolidating_the_store_changes_no_score(tiny_lexicon):
    m = changed_copy(tiny_lexicon)
    before = every_result(m)
    m.consolidate()
    assert m._n_dead == {"s": 0, "v": 0} and m._tail["s"]["tf"] is None
    assert every_result(m) == before


def test_many_changes_consolidate_by_themselves_and_still_equal_a_refit(tiny_lexicon):
    m = Matcher(lexicon=tiny_lexicon).fit(make_scenarios(), make_vendors())
    docs = [
        ScenarioDoc(f"n{i}", title=f"第{i}条产线外观缺陷检测", description="轮胎胎面漏检多，需要视觉检测")
        for i in range(600)
    ]
    for d in docs:
        m.add_scenario(d)
    for d in docs[:550]:
        m.remove_scenario(d.id)
    assert m._tail["s"]["tf"] is None or m._tail["s"]["tf"].shape[0] < 600  # merged at least once on the way
    full = Matcher(lexicon=tiny_lexicon).fit(make_scenarios() + docs[550:], make_vendors())
    assert every_result(m) == every_result(full)


def test_a_delta_file_replays_the_changes_on_a_copy_of_the_state_it_was_made_from(tiny_lexicon, tmp_path):
    base = Matcher(lexicon=tiny_lexicon).fit(make_scenarios(), make_vendors())
    base.save(tmp_path / "base.npz")
    m = Matcher.load(tmp_path / "base.npz")
    m.add_scenario(NEW_SCENARIO).update_vendor(CHANGED_VENDOR).remove_scenario("s2")
    assert [op["op"] for op in m.journal()] == ["update", "update", "remove"]
    m.save_delta(tmp_path / "delta-1.json")
    other = Matcher.load(tmp_path / "base.npz").apply_delta(tmp_path / "delta-1.json")
    assert every_result(other) == every_result(m)
    assert other.journal() == []  # replaying is not a change of its own
    assert other.n_changes_ == m.n_changes_


def test_a_delta_is_refused_on_any_other_state(tiny_lexicon, tmp_path):
    m = Matcher(lexicon=tiny_lexicon).fit(make_scenarios(), make_vendors())
    m.save(tmp_path / "base.npz")
    m.remove_scenario("s1").save_delta(tmp_path / "delta.json")
    with pytest.raises(ValueError, match="another state"):
        m.apply_delta(tmp_path / "delta.json")  # already applied: replaying twice would be wrong
    behind = Matcher.load(tmp_path / "base.npz").remove_vendor("v1")
    with pytest.raises(ValueError, match="another state"):
        behind.apply_delta(tmp_path / "delta.json")


def test_a_missing_corrupt_or_foreign_delta_is_a_clear_error(fitted, tmp_path):
    with pytest.raises(ValueError, match="not a readable"):
        fitted.apply_delta(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="not a readable"):
        fitted.apply_delta(tmp_path / "bad.json")
    (tmp_path / "foreign.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a Keting matching delta"):
        fitted.apply_delta(tmp_path / "foreign.json")


def test_an_empty_journal_still_writes_a_delta_that_replays_to_the_same_state(fitted, tmp_path):
    fitted.clear_journal().save_delta(tmp_path / "empty.json")
    n = fitted.n_changes_
    fitted.apply_delta(tmp_path / "empty.json")
    assert fitted.n_changes_ == n


def test_a_failed_remove_journals_nothing(fitted):
    fitted.clear_journal()
    with pytest.raises(ValueError, match="unknown scenario"):
        fitted.remove_scenario("nope")
    assert fitted.journal() == []


def test_ranking_without_reasons_gives_the_same_scores(fitted):
    full = fitted.rank_scenarios("v1", k=None)
    bare = fitted.rank_scenarios("v1", k=None, with_reasons=False)
    assert [(r.id, r.score) for r in bare] == [(r.id, r.score) for r in full]
    assert all(r.reasons == () for r in bare) and any(r.reasons for r in full)


def _pair_by_pair_reasons(m, q_idx, q_val, t_idx, t_val, score, lang, q_chosen=(), t_chosen=()):
    """The reasons of one scenario row with one vendor row, worked out the plain way (the rules of
    Matcher._reason_entries, one pair at a time): the reference the vectorised pass must equal."""
    if score <= 0:
        return ()
    common, iq, it = np.intersect1d(q_idx, t_idx, assume_unique=True, return_indices=True)
    if not len(common):
        return ()
    contrib = q_val[iq] * t_val[it]
    n_c = m.n_concepts_
    concepts, terms, gen_share = [], [], 0.0
    for o in np.argsort(-contrib, kind="stable"):
        col = int(common[o])
        share = float(contrib[o]) / score
        if col < n_c:
            if share >= m.min_reason_share and len(concepts) < m.max_concept_reasons:
                c = m.lexicon_.concepts[col]
                if c.kind == "capability" and t_val[it][o] < m.parent_credit + 0.05:
                    continue
                chosen = tuple(
                    side for side, codes in (("scenario", q_chosen), ("vendor", t_chosen)) if c.code in codes
                )
                concepts.append(Reason(c.kind, c.code, c.label(lang), share, chosen))
        elif col == n_c:
            gen_share = share
        elif share >= m.min_reason_share and len(terms) < m.max_term_reasons:
            t = m.terms_[col - m.term_offset_]
            label = clean_term(m.term_surface_.get(t, t))
            if label:
                terms.append(Reason("term", None, label, share))
    if gen_share >= m.min_reason_share:
        concepts.append(Reason("industry", None, GEN_LABEL[lang], gen_share))
        concepts.sort(key=lambda r: -r.share)
        concepts = concepts[: max(m.max_concept_reasons, 1)]
    return tuple(concepts) + tuple(terms)


def test_reasons_in_one_pass_equal_the_pair_by_pair_reasons(fitted):
    for sid in fitted.scenario_ids_:
        q = fitted._feature_rows("s", np.array([fitted._s_pos[sid]]))
        for r in fitted.rank_vendors(sid, k=None, lang="en"):
            row = fitted._feature_rows("v", np.array([fitted._v_pos[r.vendor_id]]))
            one = _pair_by_pair_reasons(
                fitted,
                q.indices,
                q.data,
                row.indices,
                row.data,
                r.score,
                "en",
                fitted._chosen(sid, "s"),
                fitted.v_chosen_.get(r.vendor_id, ()),
            )
            assert r.reasons == one


def test_has_scenario_and_has_vendor_follow_adds_and_removes(fitted):
    sid, vid = fitted.scenario_ids_[0], fitted.vendor_ids_[0]
    assert fitted.has_scenario(sid) and fitted.has_vendor(vid)
    assert not fitted.has_scenario(vid) and not fitted.has_vendor("nope")
    fitted.remove_scenario(sid)
    fitted.remove_vendor(vid)
    assert not fitted.has_scenario(sid) and not fitted.has_vendor(vid)
    assert sid not in fitted.scenario_ids_ and vid not in fitted.vendor_ids_
    fitted.add_scenario(ScenarioDoc(sid, title="胎面缺陷检测", description="肉眼看胎面", industry="轮胎"))
    assert fitted.has_scenario(sid)


def test_reasons_of_chosen_pairs_equal_those_ranking_gives(fitted):
    sid = fitted.scenario_ids_[0]
    ranked = fitted.rank_vendors(sid, k=None)
    assert ranked
    got = fitted.reasons_for(sid, [(r.vendor_id, r.score) for r in ranked])
    assert got == [r.reasons for r in ranked]
    with pytest.raises(ValueError, match="unknown vendor"):
        fitted.reason_columns([sid], ["nope"], [0.5])
