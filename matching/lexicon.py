"""The taxonomy's synonyms as concepts that bridge wording and languages.

A concept is a taxonomy entry (a capability or an industry). Its names and synonyms in both
languages, including the business words enterprises use, are phrases; a phrase found in a
listing adds the concept as a feature. Phrases with Chinese characters are found as substrings of
the normalised text (one compiled trie regex); Latin-only phrases are matched word by word on
stemmed English words, so "defects" meets "defect" and "ai" never matches inside "said".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .text import _EN_TOKEN, _HAS_CJK, CJK, normalize, stem

__all__ = ["Concept", "Lexicon", "default_lexicon_path"]

KINDS = ("capability", "industry")
_PURE_CJK = re.compile(f"[{CJK}]+")


def default_lexicon_path() -> Path:
    """Return seeds/taxonomy.json next to the matching package."""
    return Path(__file__).resolve().parent.parent / "seeds" / "taxonomy.json"


@dataclass(frozen=True)
class Concept:
    """One taxonomy entry with its phrases."""

    code: str
    kind: str
    name_zh: str
    name_en: str
    parent: str | None
    synonyms_zh: tuple[str, ...] = ()
    synonyms_en: tuple[str, ...] = ()
    weak_zh: tuple[str, ...] = ()
    weak_en: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        """Return the name in lang ("zh" or "en"), falling back to the other language."""
        if lang == "en":
            return self.name_en or self.name_zh or self.code
        return self.name_zh or self.name_en or self.code


def _trie_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Compile phrases into one regex shaped like a trie (longest phrase wins at a position)."""
    trie: dict[str, Any] = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = True
    if not trie:
        return None

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            # Greedy optional: try the longer phrase first, fall back to the shorter one.
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return re.compile(build(trie))


def _en_key(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _EN_TOKEN.findall(normalize(phrase)))


class Lexicon:
    """Concepts from a taxonomy dict (see seeds/README.md for the schema).

    Args:
        concepts: the concepts; codes must be unique.
        version: the taxonomy's own version field, kept for information.
    Raises:
        ValueError: duplicate codes or an unknown kind.
    """

    def __init__(self, concepts: Iterable[Concept], version: Any = None) -> None:
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self.version = version
        self.index: dict[str, int] = {}
        for i, c in enumerate(self.concepts):
            if c.kind not in KINDS:
                raise ValueError(f"concept {c.code!r}: kind must be one of {KINDS}, got {c.kind!r}")
            if c.code in self.index:
                raise ValueError(f"duplicate concept code {c.code!r}")
            self.index[c.code] = i
        self.kinds = tuple(c.kind for c in self.concepts)
        self._build()

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Lexicon:
        """Build a lexicon from the taxonomy.json structure.

        Raises:
            ValueError: the structure does not follow the schema.
        """
        if not isinstance(data, Mapping):
            raise ValueError("taxonomy must be a JSON object with 'industries' and 'capabilities'")
        concepts = []
        for key, kind in (("capabilities", "capability"), ("industries", "industry")):
            entries = data.get(key, [])
            if not isinstance(entries, list):
                raise ValueError(f"taxonomy {key!r} must be a list")
            for n, e in enumerate(entries):
                if not isinstance(e, Mapping) or not isinstance(e.get("code"), str) or not e["code"]:
                    raise ValueError(f"taxonomy {key}[{n}] must be an object with a string 'code'")

                def strs(field: str) -> tuple[str, ...]:
                    v = e.get(field) or []  # noqa: B023 -- called only within this iteration
                    if isinstance(v, str) or not all(isinstance(x, str) for x in v):
                        raise ValueError(f"taxonomy {key}[{n}] ({e['code']}): {field} must be a list of strings")  # noqa: B023
                    return tuple(v)

                concepts.append(
                    Concept(
                        code=e["code"],
                        kind=kind,
                        name_zh=str(e.get("name_zh") or ""),
                        name_en=str(e.get("name_en") or ""),
                        parent=e.get("parent"),
                        synonyms_zh=strs("synonyms_zh"),
                        synonyms_en=strs("synonyms_en"),
                        weak_zh=strs("weak_zh"),
                        weak_en=strs("weak_en"),
                    )
                )
        return cls(concepts, version=data.get("version"))

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        """Read a taxonomy.json file.

        Raises:
            ValueError: the file is missing, not JSON, or not in the schema.
        """
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"cannot read lexicon {p}: {exc.strerror or exc}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"lexicon {p} line {exc.lineno}: invalid JSON ({exc.msg})") from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """Return the taxonomy structure (round-trips through from_dict)."""
        out: dict[str, Any] = {"version": self.version, "industries": [], "capabilities": []}
        for c in self.concepts:
            e: dict[str, Any] = {
                "code": c.code,
                "name_zh": c.name_zh,
                "name_en": c.name_en,
                "parent": c.parent,
                "synonyms_zh": list(c.synonyms_zh),
                "synonyms_en": list(c.synonyms_en),
            }
            if c.weak_zh:
                e["weak_zh"] = list(c.weak_zh)
            if c.weak_en:
                e["weak_en"] = list(c.weak_en)
            out["industries" if c.kind == "industry" else "capabilities"].append(e)
        return out

    @property
    def fingerprint(self) -> str:
        """Return a short hash of the content, stored in saved indexes to detect a changed lexicon."""
        blob = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]

    def _build(self) -> None:
        zh: dict[str, list[tuple[int, bool]]] = {}
        en: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
        for i, c in enumerate(self.concepts):
            phrases = [(p, False) for p in (c.name_zh, c.name_en, *c.synonyms_zh, *c.synonyms_en)]
            phrases += [(p, True) for p in (*c.weak_zh, *c.weak_en)]
            for raw, weak in phrases:
                if not raw or not raw.strip():
                    continue
                if _HAS_CJK.search(normalize(raw)):
                    key = re.sub(r"\s+", "", normalize(raw))
                    bucket = zh.setdefault(key, [])
                else:
                    k = _en_key(raw)
                    if not k:
                        continue
                    bucket = en.setdefault(k, [])
                # A phrase listed twice for one concept counts once; strong beats weak.
                for j, (idx, w) in enumerate(bucket):
                    if idx == i:
                        if w and not weak:
                            bucket[j] = (i, False)
                        break
                else:
                    bucket.append((i, weak))
        self._zh = {k: tuple(v) for k, v in zh.items()}
        self._en = {k: tuple(v) for k, v in en.items()}
        # Pure-Chinese phrases are found with the segmenter's full mode (every dictionary word
        # in the text, in Rust; the phrases are in its dictionary); the few phrases that mix
        # scripts ("x光", "agv小车") go through a small trie regex.
        self._zh_pure = {k for k in self._zh if _PURE_CJK.fullmatch(k)}
        self._zh_re = _trie_regex(k for k in self._zh if k not in self._zh_pure)
        # Longest match wins: a hit on 机器视觉缺陷检测 must not also count 缺陷检测 inside it.
        self._subs: dict[str, tuple[tuple[str, int], ...]] = {}
        for phrase in self._zh_pure:
            subs = []
            for a in range(len(phrase)):
                for b in range(a + 2, len(phrase) + 1):
                    sub = phrase[a:b]
                    if sub != phrase and sub in self._zh_pure:
                        subs.append(sub)
            if subs:
                self._subs[phrase] = tuple((x, phrase.count(x)) for x in sorted(set(subs)))
        self._jieba: Any = None  # rjieba.Jieba, made on first use (rjieba ships no type hints)
        self._en_first = {k[0] for k in self._en}
        self._en_max = max((len(k) for k in self._en), default=0)

    # ---- use -----------------------------------------------------------------------------
    @property
    def zh_phrases(self) -> tuple[str, ...]:
        """Return the Chinese phrases, for the segmenter's dictionary."""
        return tuple(self._zh)

    def label(self, code: str, lang: str = "zh") -> str:
        """Return the concept's name in lang."""
        return self.concepts[self.index[code]].label(lang)

    def segmenter(self):
        """Return this lexicon's rjieba instance: jieba's dictionary plus every Chinese phrase."""
        if self._jieba is None:
            import rjieba

            j = rjieba.Jieba()
            for w in sorted(self._zh):
                if _HAS_CJK.search(w):
                    j.add_word(w, None, None)
            self._jieba = j
        return self._jieba

    def find(self, text: str) -> list[tuple[str, bool]]:
        """Return (concept code, is_weak) for every phrase found in raw text, in text order per script."""
        norm = normalize(text)
        stems = [stem(w) for w in _EN_TOKEN.findall(norm)]
        return [(self.concepts[i].code, weak) for i, weak, _ in self.match(norm, stems)]

    def match(
        self, text: str, en_stems: list[str], zh_segments: list[str] | None = None
    ) -> list[tuple[int, bool, str]]:
        """Return (concept index, is_weak, phrase) for every phrase found, leftmost-longest.

        Args:
            text: normalised text (see text.normalize).
            en_stems: the text's English word stems in order, stopwords included.
            zh_segments: the text's Chinese segments from a segmenter that has this lexicon's
                phrases in its dictionary (matching.text.Tokenizer.zh_cut). Given, phrases are
                looked up among them (one segmentation pass for terms and concepts); otherwise
                the full mode of the lexicon's own segmenter finds every phrase.
        """
        hits: list[tuple[int, bool, str]] = []
        if self._zh and _HAS_CJK.search(text):
            squeezed = text.replace(" ", "") if " " in text else text
            zh = self._zh
            if self._zh_pure:
                pure = self._zh_pure
                if zh_segments is not None:
                    found = [w for w in zh_segments if w in pure]
                else:
                    found = [w for w in self.segmenter().cut_all(squeezed) if w in pure]
                if found:
                    counts: dict[str, int] = {}
                    for w in found:
                        counts[w] = counts.get(w, 0) + 1
                    subs = self._subs
                    for w, n in list(counts.items()):
                        for sub, times in subs.get(w, ()):
                            if sub in counts:
                                counts[sub] -= n * times
                    for w, n in counts.items():
                        for _ in range(n):
                            hits.extend((i, weak, w) for i, weak in zh[w])
            if self._zh_re is not None:
                for m in self._zh_re.finditer(squeezed):
                    p = m.group()
                    if p:
                        hits.extend((i, w, p) for i, w in zh[p])
        if self._en_max and en_stems:
            n = len(en_stems)
            first = self._en_first
            table = self._en
            i = 0
            while i < n:
                if en_stems[i] in first:
                    for L in range(min(self._en_max, n - i), 0, -1):
                        key = tuple(en_stems[i : i + L])
                        entries = table.get(key)
                        if entries:
                            p = " ".join(key)
                            hits.extend((c, w, p) for c, w in entries)
                            i += L - 1
                            break
                i += 1
        return hits
