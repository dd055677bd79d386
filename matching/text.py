"""Normalisation and bilingual tokenisation.

Chinese runs are segmented with rjieba (jieba's dictionary and algorithm, in Rust) with the
lexicon's phrases added so that e.g. 预测性维护 stays one token; English words are lowercased and
lightly stemmed. Stopwords of both languages include listing boilerplate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["EN_STOPWORDS", "ZH_STOPWORDS", "Tokenizer", "detect_language", "is_content_word", "normalize", "stem"]

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{CJK}]+")
_NON_CJK = re.compile(f"[^{CJK}]+")
_HAS_CJK = re.compile(f"[{CJK}]")
# A number directly followed by a unit keeps its meaning ("0.1mm", "5g", "120m/min" -> "120m");
# bare numbers (years, counts, money) are noise for matching and are dropped.
_UNITS = "mm|cm|km|nm|um|μm|m|kg|g|t|kw|kwh|mw|kv|v|hz|khz|mhz|ghz|fps|db|℃|%|k|gb|tb|ms|s|h|d"
_EN_TOKEN = re.compile(rf"\d+(?:\.\d+)?(?:{_UNITS})(?![a-z])|[a-z][a-z0-9]*(?:[+#][a-z0-9+#]*)?|\d+[a-z][a-z0-9]*")
_LATIN_WORD = re.compile(r"[a-z]+")
# Characters whose NFKC form never changes tokens: ASCII, CJK ideographs, CJK and general
# punctuation, the full-width punctuation Chinese text is full of. Anything else triggers NFKC.
_COMPAT = re.compile(
    "[^\x00-\x7f\u4e00-\u9fff\u3400-\u4dbf\u3000-\u3035\u303b-\u303f\u2010-\u2023\u2027-\u205e"
    "\uff01\uff02\uff06-\uff0a\uff0c\uff0e\uff0f\uff1a-\uff20\uff3b-\uff3e\uff40\uff5b-\uff60"
    "\u00b7\u00d7\u00f7\u2190-\u21ff\u25a0-\u25ff\u2605\u2606]"
)

EN_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "again",
        "against",
        "all",
        "almost",
        "also",
        "although",
        "always",
        "am",
        "among",
        "an",
        "and",
        "any",
        "are",
        "around",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "else",
        "enough",
        "etc",
        "even",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "get",
        "gets",
        "getting",
        "got",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "least",
        "less",
        "let",
        "like",
        "likely",
        "made",
        "make",
        "makes",
        "making",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "near",
        "need",
        "needs",
        "needed",
        "new",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "onto",
        "or",
        "other",
        "others",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "quite",
        "rather",
        "really",
        "same",
        "several",
        "shall",
        "she",
        "should",
        "since",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "too",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "well",
        "were",
        "what",
        "whatever",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "want",
        "wants",
        "wanted",
        "would",
        "like",
        "looking",
        "look",
        "hope",
        "hoping",
        "plan",
        "planning",
        "today",
        "currently",
        "current",
        "every",
        "day",
        "days",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "time",
        "times",
        "around",
        "about",
        "approximately",
        "roughly",
        "per",
        "cent",
        "percent",
        "lot",
        "lots",
        "way",
        "ways",
        "thing",
        "things",
        "kind",
        "sort",
        "able",
        "company",
        "companies",
        "firm",
        "group",
        "co",
        "ltd",
        "inc",
        "limited",
        "corporation",
        "team",
        "teams",
        "customer",
        "customers",
        "client",
        "clients",
        "partner",
        "partners",
        "solution",
        "solutions",
        "platform",
        "platforms",
        "leading",
        "leader",
        "leaders",
        "provide",
        "provides",
        "provided",
        "providing",
        "provider",
        "providers",
        "offer",
        "offers",
        "offering",
        "deliver",
        "delivers",
        "delivering",
        "help",
        "helps",
        "helping",
        "enable",
        "enables",
        "enabling",
        "use",
        "uses",
        "used",
        "using",
        "based",
        "world",
        "class",
        "best",
        "top",
        "innovative",
        "innovation",
        "cutting",
        "edge",
        "state",
        "art",
        "end",
        "one-stop",
        "comprehensive",
        "professional",
        "advanced",
        "intelligent",
        "smart",
        "ai",
        "artificial",
        "intelligence",
        "technology",
        "technologies",
        "tech",
        "product",
        "products",
        "service",
        "services",
        "series",
        "round",
        "funding",
        "raised",
        "million",
        "billion",
        "backed",
        "investors",
        "investment",
        "founded",
        "headquartered",
        "headquarters",
        "hq",
        "china",
        "chinese",
        "global",
        "globally",
        "international",
        "since",
        "support",
        "supports",
        "supporting",
        "including",
        "include",
        "includes",
        "across",
        "trusted",
        "award",
        "awards",
        "certified",
        "certification",
        "iso",
        "our",
        "we",
        "us",
        "they",
        "their",
        "them",
        "site",
        "sites",
    ]
)

ZH_STOPWORDS = frozenset(
    [
        "我们",
        "你们",
        "他们",
        "它们",
        "自己",
        "公司",
        "本公司",
        "企业",
        "我司",
        "贵司",
        "希望",
        "需要",
        "需求",
        "目前",
        "现在",
        "当前",
        "进行",
        "实现",
        "提供",
        "能够",
        "可以",
        "可能",
        "通过",
        "以及",
        "相关",
        "问题",
        "项目",
        "方面",
        "方式",
        "情况",
        "工作",
        "一个",
        "一些",
        "这个",
        "那个",
        "这些",
        "那些",
        "没有",
        "已经",
        "还是",
        "或者",
        "而且",
        "并且",
        "但是",
        "因为",
        "所以",
        "如果",
        "虽然",
        "然后",
        "同时",
        "其中",
        "其他",
        "之后",
        "之前",
        "以上",
        "以下",
        "左右",
        "每天",
        "每年",
        "每月",
        "每个",
        "多个",
        "大量",
        "很多",
        "主要",
        "非常",
        "比较",
        "特别",
        "一直",
        "经常",
        "往往",
        "不断",
        "正在",
        "开始",
        "成为",
        "作为",
        "对于",
        "关于",
        "由于",
        "为了",
        "根据",
        "按照",
        "基于",
        "利用",
        "使用",
        "采用",
        "方案",
        "解决方案",
        "解决",
        "领先",
        "一站式",
        "全面",
        "专业",
        "先进",
        "创新",
        "智能",
        "智能化",
        "人工智能",
        "技术",
        "科技",
        "产品",
        "服务",
        "客户",
        "用户",
        "合作",
        "伙伴",
        "团队",
        "行业",
        "领域",
        "国内",
        "国际",
        "全国",
        "全球",
        "业内",
        "业务",
        "市场",
        "已经",
        "完成",
        "融资",
        "亿元",
        "万元",
        "千万",
        "数千万",
        "投资",
        "获得",
        "估值",
        "总部",
        "成立",
        "位于",
        "覆盖",
        "涵盖",
        "包括",
        "包含",
        "支持",
        "帮助",
        "助力",
        "赋能",
        "打造",
        "推出",
        "发布",
        "拥有",
        "具备",
        "具有",
        "认证",
        "资质",
        "荣获",
        "入选",
        "标杆",
        "头部",
        "知名",
        "多家",
        "上百家",
        "数百家",
        "家",
        "累计",
        "超过",
        "达到",
        "约",
        "近",
        "余",
        "多",
        "个",
        "次",
        "希望能",
        "希望能够",
        "能否",
        "是否",
        "怎么",
        "怎样",
        "如何",
        "什么",
        "哪些",
        "为什么",
        "这样",
        "那样",
        "这里",
        "那里",
        "一下",
        "一种",
        "各种",
        "各类",
        "不同",
        "相应",
        "有效",
        "有效地",
        "快速",
        "及时",
        "准确",
        "自动",
        "系统",
        "平台",
        "整体",
        "综合",
        "预算",
        "周期",
        "工期",
        "上线",
        "落地",
        "年",
        "月",
        "日",
        "天",
        "后",
        "前",
        "中",
        "内",
        "外",
        "上",
        "下",
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "有",
        "为",
        "对",
        "将",
        "把",
        "被",
        "让",
        "从",
        "到",
        "也",
        "都",
        "就",
        "还",
        "又",
        "再",
        "很",
        "更",
        "最",
        "等",
        "等等",
        "之",
        "其",
        "该",
        "此",
        "各",
        "每",
        "本",
        "该类",
    ]
)


@lru_cache(maxsize=1)
def _t2s_table() -> tuple[dict[int, str], object | None]:
    """Load a single-character traditional→simplified table from OpenCC's data."""
    try:
        import opencc  # opencc-python-reimplemented
    except ImportError:  # pragma: no cover - declared dependency
        return {}, None
    table: dict[int, str] = {}
    path = Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1:
                simp = parts[1].split(" ")[0]
                if simp and simp != parts[0]:
                    table[ord(parts[0])] = simp
    return table, opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """Return text in NFKC, lowercased, traditional Chinese converted to simplified.

    Args:
        text: any listing text.
    Returns:
        The normalised text (same length class; full-width forms become half-width).
    """
    if not text:
        return ""
    # NFKC costs ~30 µs on a Chinese listing, almost all of it mapping full-width punctuation,
    # which every tokenizer here treats as a separator anyway. So run it only when the text
    # holds a character outside the plain set (full-width letters/digits, squared units,
    # circled or Roman numerals, ligatures, accented Latin ...).
    t = unicodedata.normalize("NFKC", text) if _COMPAT.search(text) else text
    t = t.lower()
    table, converter = _t2s_table()
    if _trad_chars().isdisjoint(t):
        return t
    if converter is not None:
        # Traditional characters present: OpenCC's phrase-aware conversion (slow, pure Python).
        return converter.convert(t)  # type: ignore[attr-defined]
    return t.translate(table)  # pragma: no cover


@lru_cache(maxsize=1)
def _trad_chars() -> frozenset[str]:
    return frozenset(chr(k) for k in _t2s_table()[0])


_STEM_RULES = (
    ("ational", "ate"),
    ("isation", "ize"),
    ("ization", "ize"),
    ("ising", "ize"),
    ("izing", "ize"),
    ("ised", "ize"),
    ("ises", "ize"),
    ("ise", "ize"),
    ("izes", "ize"),
    ("ized", "ize"),
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("xes", "x"),
    ("ings", ""),
    ("ing", ""),
    ("edly", ""),
    ("ed", ""),
    ("s", ""),
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return a light English stem: plural, -ing, -ed and -ise/-ize spellings folded."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl in _STEM_RULES:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)] + repl
            if suffix == "s" and word[-2] in "su":  # glass, status, bus
                return word
            if suffix in ("ing", "ed", "ings", "edly"):
                if len(base) < 3 or not any(c in "aeiouy" for c in base):
                    return word
                if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":  # running -> run
                    base = base[:-1]
            return base if len(base) >= 2 else word
    return word


def is_content_word(word: str) -> bool:
    """Return True if an English word (unstemmed) is a term and not a stopword."""
    return len(word) >= 2 and word not in EN_STOPWORDS


def detect_language(text: str) -> str:
    """Return "zh", "en" or "mixed" from the balance of Chinese characters and Latin words."""
    t = normalize(text)
    cjk = sum(len(m) for m in _CJK_RUN.findall(t))
    words = len(_LATIN_WORD.findall(t))
    if cjk == 0 and words == 0:
        return "zh"
    # One English word carries about as much as two Chinese characters.
    share_zh = cjk / (cjk + 2.0 * words)
    if share_zh >= 0.85:
        return "zh"
    if share_zh <= 0.15:
        return "en"
    return "mixed"


class Tokenizer:
    """Bilingual tokenizer with its own rjieba dictionary (so lexicons do not leak between instances).

    Args:
        words: extra Chinese phrases to keep as single tokens (the lexicon's phrases).
        segmenter: "rjieba" (default, fast) or "jieba" (the reference implementation).
    """

    def __init__(self, words: Iterable[str] = (), segmenter: str = "rjieba", instance: object = None) -> None:
        self.segmenter = segmenter
        words = sorted({w for w in words if w and _HAS_CJK.search(w)})
        self._jieba: Any  # rjieba.Jieba or jieba.Tokenizer; neither package ships type hints
        if segmenter == "rjieba":
            import rjieba

            if instance is not None:  # share the lexicon's segmenter (same dictionary)
                self._jieba = instance
            else:
                self._jieba = rjieba.Jieba()
                for w in words:
                    self._jieba.add_word(w, None, None)
            cut = self._jieba.cut
            self._cut = lambda s: cut(s, True)
        elif segmenter == "jieba":
            import jieba

            self._jieba = jieba.Tokenizer()
            for w in words:
                self._jieba.add_word(w)
            cut = self._jieba.lcut
            self._cut = lambda s: cut(s, HMM=True)
        else:
            raise ValueError(f"unknown segmenter {segmenter!r}; use 'rjieba' or 'jieba'")

    def zh_cut(self, text: str) -> list[str]:
        """Return every segment of the Chinese runs of normalised text (spaces stand for the rest)."""
        if not _HAS_CJK.search(text):
            return []
        return self._cut(_NON_CJK.sub(" ", text))

    @staticmethod
    def zh_terms(segments: list[str]) -> list[str]:
        """Keep the segments that are terms: two characters or more and not stopwords."""
        return [t for t in segments if len(t) >= 2 and t not in ZH_STOPWORDS and t[0] != " "]

    def zh_tokens(self, text: str) -> list[str]:
        """Return Chinese tokens (two characters or more, not stopwords) of normalised text."""
        return self.zh_terms(self.zh_cut(text))

    @staticmethod
    def en_words(text: str) -> list[str]:
        """Return every English word of normalised text in order, stopwords included, unstemmed.

        Stopwords stay in the sequence so that lexicon phrases such as "out of stock" still match
        word for word; use is_content_word and stem to get terms.
        """
        return _EN_TOKEN.findall(text)

    @staticmethod
    def en_tokens(text: str) -> list[str]:
        """Return stemmed English tokens (not stopwords) of normalised text, in order."""
        return [stem(w) for w in _EN_TOKEN.findall(text) if len(w) >= 2 and w not in EN_STOPWORDS]

    def tokens(self, text: str) -> list[str]:
        """Return all terms of normalised text: Chinese tokens then English stems."""
        return self.zh_tokens(text) + self.en_tokens(text)
