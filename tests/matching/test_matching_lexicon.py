import pytest

from matching import Lexicon


def concepts(lex, text):
    return {code for code, _ in lex.find(text)}


def test_chinese_business_words_map_to_a_capability(tiny_lexicon):
    assert concepts(tiny_lexicon, "工人肉眼看胎面") == {"visual-inspection", "tyre-rubber"}


def test_english_phrases_match_after_stemming(tiny_lexicon):
    assert concepts(tiny_lexicon, "Fabric flaws on weaving looms") == {"textile-apparel", "visual-inspection"}


def test_latin_phrases_do_not_match_inside_words(tiny_lexicon):
    assert concepts(tiny_lexicon, "bankruptcy invoices") == set()


def test_weak_synonyms_are_flagged(tiny_lexicon):
    assert tiny_lexicon.find("质检") == [("visual-inspection", True)]


def test_labels_follow_the_language(tiny_lexicon):
    assert tiny_lexicon.label("tyre-rubber", "zh") == "轮胎橡胶"
    assert tiny_lexicon.label("tyre-rubber", "en") == "Tyres and rubber"


def test_round_trip_through_dict_keeps_the_fingerprint(tiny_lexicon):
    assert Lexicon.from_dict(tiny_lexicon.to_dict()).fingerprint == tiny_lexicon.fingerprint


def test_duplicate_codes_are_rejected():
    entry = {"code": "x", "name_zh": "x", "name_en": "x", "parent": None}
    with pytest.raises(ValueError, match="duplicate"):
        Lexicon.from_dict({"industries": [entry], "capabilities": [entry]})


def test_a_missing_file_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        Lexicon.load(tmp_path / "nope.json")
