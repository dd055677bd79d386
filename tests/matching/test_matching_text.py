from matching.text import Tokenizer, detect_language, normalize, stem


def test_normalize_folds_full_width_case_and_traditional_chinese():
    assert normalize("ＡＩ質檢　ＯＣＲ") == "ai质检 ocr"


def test_normalize_leaves_simplified_text_alone():
    assert normalize("预测性维护") == "预测性维护"


def test_lexicon_phrases_stay_one_token():
    tok = Tokenizer(["预测性维护"])
    assert "预测性维护" in tok.tokens(normalize("需要预测性维护"))


def test_stopwords_and_single_characters_are_dropped():
    tokens = Tokenizer().tokens(normalize("我们公司希望提供领先的解决方案 we provide a leading solution"))
    assert tokens == []


def test_english_words_are_lightly_stemmed():
    assert [stem(w) for w in ("defects", "inspecting", "detected", "optimisation", "optimization")] == [
        "defect",
        "inspect",
        "detect",
        "optimize",
        "optimize",
    ]


def test_numbers_with_units_are_kept_and_bare_numbers_dropped():
    tokens = Tokenizer.en_tokens(normalize("cracks of 0.1mm on 240 looms"))
    assert "0.1mm" in tokens and "240" not in tokens


def test_language_detection():
    assert detect_language("工人肉眼看胎面，漏检多") == "zh"
    assert detect_language("Catching fabric flaws before rolls leave the shed") == "en"
    assert detect_language("港口 OCR 项目: container number recognition at the gate 识别箱号") == "mixed"
