"""What people type: the text rules and the Markdown renderer."""

from __future__ import annotations

import pytest

from app.rendering import markdown_text, render_markdown
from app.services.text import cjk_share, detect_language, has_confusable_mix, has_emoji, has_invisible, has_markup


@pytest.mark.parametrize(
    "text, lang",
    [
        ("胎面外观缺陷人工目检漏检多", "zh"),
        ("基于 YOLOv8 的 PCB 缺陷检测，需要识别虚焊和短路", "zh"),
        ("Yard trucks queue at the quay cranes of 青岛港", "en"),
        ("Predictive maintenance for CNC spindles", "en"),
    ],
)
def test_language_is_detected_from_the_share_of_chinese_characters(text, lang):
    assert detect_language(text) == lang


def test_cjk_share_of_pure_chinese_is_one():
    assert cjk_share("缺陷检测") == 1.0


@pytest.mark.parametrize("text", ["<script>x</script>", "<b onclick=x>", "javascript:alert(1)", "<!-- x -->"])
def test_markup_is_recognised(text):
    assert has_markup(text)


@pytest.mark.parametrize("text", ["温度<5℃且>3℃", "a < b and c > d", "预算 1<2"])
def test_comparisons_are_not_markup(text):
    assert not has_markup(text)


def test_look_alike_letters_inside_a_word_are_a_confusable_mix():
    assert has_confusable_mix("pаypal")  # Cyrillic а
    assert not has_confusable_mix("基于YOLO的检测 Москва Qingdao")


def test_emoji_and_invisible_characters_are_recognised():
    assert has_emoji("轮胎 🚀") and not has_emoji("轮胎 ℃ ①")
    assert has_invisible("abc\u202eevil") and has_invisible("a\x00b") and not has_invisible("a\nb", multiline=True)


def test_markdown_renders_formatting_but_no_script_handlers_or_javascript_links():
    html = str(
        render_markdown(
            "**漏检率** 3%\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
            "<img src=x onerror=alert(1)> [ok](https://example.com)"
        )
    )
    assert "<strong>漏检率</strong>" in html
    assert "<script" not in html and "onerror=" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert 'href="javascript' not in html
    assert '<a href="https://example.com" class="external" rel="nofollow noopener noreferrer ugc">ok</a>' in html


def test_markdown_headings_never_outrank_the_page():
    assert "<h3>" in str(render_markdown("# 标题")) and "<h1>" not in str(render_markdown("# 标题"))


def test_markdown_text_gives_the_words_without_markup():
    assert markdown_text("## 现状\n\n**每班**三名质检员") == "现状 每班三名质检员"
