"""Feedback penalties and a scenario's kind: pure functions, figures checked by hand."""

from __future__ import annotations

import pytest

from matching import Matcher, ScenarioDoc, VendorDoc, feedback_penalties, scenario_kind


def test_one_decline_gives_the_step_for_each_concept():
    assert feedback_penalties([("v1", ("vision", "ocr"), -1)], step=0.5) == {("v1", "vision"): 0.5, ("v1", "ocr"): 0.5}


def test_declines_compound_and_stop_at_the_cap():
    events = [("v1", ("vision",), -1)] * 2
    assert feedback_penalties(events, step=0.5) == {("v1", "vision"): 0.75}
    assert feedback_penalties([("v1", ("vision",), -1)] * 10, step=0.5, cap=0.9) == {("v1", "vision"): 0.9}


def test_a_positive_signal_counts_one_decline_back():
    events = [("v1", ("vision",), -1), ("v1", ("vision",), 1)]
    assert feedback_penalties(events) == {}


def test_positive_signals_alone_give_no_bonus():
    assert feedback_penalties([("v1", ("vision",), 1)]) == {}


def test_a_code_repeated_in_one_event_counts_once():
    assert feedback_penalties([("v1", ("vision", "vision"), -1)], step=0.5) == {("v1", "vision"): 0.5}


@pytest.mark.parametrize("kw", [{"step": 0}, {"step": 1.5}, {"cap": -0.1}, {"cap": 2}, {"step": "x"}])
def test_bad_step_or_cap_is_a_clear_error(kw):
    with pytest.raises(ValueError):
        feedback_penalties([], **kw)


def test_a_bad_sign_or_a_string_of_codes_is_a_clear_error():
    with pytest.raises(ValueError):
        feedback_penalties([("v1", ("vision",), 0)])
    with pytest.raises(ValueError):
        feedback_penalties([("v1", "vision", -1)])


def test_the_kind_is_the_declared_capabilities(tiny_lexicon):
    doc = ScenarioDoc(id="s", title="x", capability_codes=("b", "a", "b"))
    assert scenario_kind(doc, tiny_lexicon) == ("b", "a")


def test_without_declared_codes_the_kind_is_the_capability_the_text_names_most(tiny_lexicon):
    cap = next(c for c in tiny_lexicon.concepts if c.kind == "capability" and c.parent)
    phrase = (cap.synonyms_zh or (cap.name_zh,))[0]
    doc = ScenarioDoc(id="s", title=phrase, description=f"我们需要{phrase}。")
    assert scenario_kind(doc, tiny_lexicon) == (cap.code,)


def test_a_text_naming_no_capability_has_no_kind(tiny_lexicon):
    assert scenario_kind(ScenarioDoc(id="s", title="天气很好"), tiny_lexicon) == ()


def test_scenario_kind_checks_its_arguments(tiny_lexicon):
    with pytest.raises(ValueError):
        scenario_kind("s1", tiny_lexicon)
    with pytest.raises(ValueError):
        scenario_kind(ScenarioDoc(id="s"), None)


def test_a_penalty_halves_a_vendors_score_on_a_scenario_wholly_of_that_kind(tiny_lexicon):
    cap = next(c for c in tiny_lexicon.concepts if c.kind == "capability" and c.parent)
    phrase = (cap.synonyms_zh or (cap.name_zh,))[0]
    m = Matcher(lexicon=tiny_lexicon).fit(
        [ScenarioDoc(id="s1", title=phrase, description=phrase, capability_codes=(cap.code,))],
        [VendorDoc(id="v1", name="甲", description=phrase, capability_codes=(cap.code,))],
    )
    before = m.rank_vendors("s1")[0].score
    penalties = feedback_penalties(
        [("v1", scenario_kind(ScenarioDoc(id="x", capability_codes=(cap.code,)), tiny_lexicon), -1)]
    )
    after = m.rank_vendors("s1", penalties=penalties)[0].score
    assert after == pytest.approx(before * 0.5, rel=1e-6)
