"""Checks on what people type, shared by the forms (to explain) and the services (to refuse).

Chinese and English side by side is normal here and always allowed. What is refused: markup (the site
never renders people's HTML), emoji in names and titles, invisible or direction-changing characters, and
words that mix Latin with Cyrillic or Greek letters (look-alike spoofing such as "pаypal" with a Cyrillic а).
Emoji are welcome in long text (descriptions, case studies), where they are stored and shown as typed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

from flask_babel import gettext as _

from app.services.errors import InvalidInput

_MARKUP = re.compile(r"</?[a-zA-Z!?][^>]*>|<!--|javascript\s*:|vbscript\s*:|data\s*:\s*text/html", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"\w+", re.UNICODE)
# Zero-width and bidirectional controls can hide or reorder text; tab and newline are fine.
_INVISIBLE = {0x200B, 0x200C, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def normalize(text: str | None, multiline: bool = False) -> str:
    """NFC-normalise and trim; single-line text also has its runs of whitespace collapsed."""
    text = unicodedata.normalize("NFC", text or "")
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return " ".join(text.split())


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text or ""))


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or cp in (0xFE0F, 0x200D, 0x20E3)
        or 0x1F1E6 <= cp <= 0x1F1FF
        or 0xE0020 <= cp <= 0xE007F
    )


def has_emoji(text: str) -> bool:
    return any(_is_emoji(ch) for ch in text or "")


def has_invisible(text: str, multiline: bool = False) -> bool:
    for ch in text or "":
        if ord(ch) in _INVISIBLE:
            return True
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in "\n\t"):
            return True
    return False


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script
    return None


def has_confusable_mix(text: str) -> bool:
    """True when one word mixes Latin letters with Cyrillic or Greek ones."""
    for word in _WORD.findall(text or ""):
        scripts = {s for s in map(_script, word) if s}
        if "LATIN" in scripts and len(scripts) > 1:
            return True
    return False


def cjk_share(text: str) -> float:
    """Share of CJK characters among the letters of the text (Chinese characters plus Latin letters)."""
    cjk = len(_CJK.findall(text or ""))
    latin = len(_LATIN.findall(text or ""))
    return cjk / (cjk + latin) if cjk + latin else 0.0


def detect_language(text: str) -> str:
    """'zh' when at least a fifth of the letters are Chinese characters, else 'en'.

    A Chinese character carries about as much as a short English word, so a Chinese text with English
    product names still reads as Chinese, and an English text naming a Chinese company stays English.
    """
    if not _CJK.search(text or "") and not _LATIN.search(text or ""):
        return "zh"
    return "zh" if cjk_share(text) >= 0.2 else "en"


def reading_units(text: str) -> float:
    """A rough size that treats one Chinese character like about three Latin letters."""
    return len(_CJK.findall(text or "")) + len(_LATIN.findall(text or "")) / 3


def check_text(
    value: str, field: str, max_chars: int, min_chars: int = 0, single_line: bool = True, required: bool = True
) -> None:
    """Refuse text the form should already have refused (the API and CLI come through here too)."""
    if not value.strip():
        if required:
            raise InvalidInput(_("This field is required."), field=field)
        return
    if len(value) > max_chars:
        raise InvalidInput(_("Use at most %(num)d characters.", num=max_chars), field=field)
    if len(value.strip()) < min_chars:
        raise InvalidInput(_("Use at least %(num)d characters.", num=min_chars), field=field)
    if has_markup(value):
        raise InvalidInput(_("HTML and scripts are not allowed here; write plain text."), field=field)
    if has_invisible(value, multiline=not single_line):
        raise InvalidInput(_("Remove the invisible or control characters from this text."), field=field)
    if has_confusable_mix(value):
        raise InvalidInput(_("A word here mixes Latin letters with look-alike Cyrillic or Greek ones."), field=field)
    if single_line and has_emoji(value):
        raise InvalidInput(_("Emoji are not allowed here."), field=field)


# Numbers sent as text -----------------------------------------------------------------------------------
# The one place that reads a number out of a query string, a form value or a cookie. str.isdigit() is not
# enough: "²".isdigit() is True but int("²") raises, and int() also takes "1_000" or Arabic-Indic digits.
# Only ASCII digits count here (full-width ones, as a Chinese keyboard types them, are read as ASCII).
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９＋－", "0123456789+-")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,40}")
MAX_ID = 2**31 - 1  # the largest value of an INTEGER primary key on PostgreSQL
# Dates people may type anywhere in the site; outside this range a date is a typing mistake (or a probe), and
# years like 1 or 9999 overflow time-zone arithmetic and some database types.
MIN_YEAR, MAX_YEAR = 1900, 2100
_T = TypeVar("_T")


def _whole_number(value: object) -> int | None:
    if not isinstance(value, str):
        return None
    text = value.strip().translate(_WIDE_DIGITS)
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def parse_int(value: object, default: _T, low: int, high: int) -> int | _T:
    """A whole number sent as text, moved into low..high; the default for anything that is not one."""
    number = _whole_number(value)
    return default if number is None else max(low, min(high, number))


def parse_id(value: object) -> int | None:
    """A database id sent as text (1 to MAX_ID), or None for anything else: no clamping, a wrong id is no id."""
    number = _whole_number(value)
    return number if number is not None and 1 <= number <= MAX_ID else None


def validated_id(value: object) -> int:
    """An id that a form's validator has already accepted with parse_id; ValueError if it was not."""
    number = parse_id(value)
    if number is None:
        raise ValueError(f"not a validated id: {value!r}")
    return number


_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_NUMBERISH = re.compile(r"^[\d.,:/%‰+\-]+$")


def keywords(words) -> list[str]:
    """A list of words fit to show people as keywords: punctuation trimmed from the ends, no bare numbers or
    percentages, no empty or repeated entries (a word inside keeps its own marks: c++, x-ray)."""
    out: list[str] = []
    seen: set[str] = set()
    for word in words or ():
        w = unicodedata.normalize("NFKC", str(word)).strip()
        core = _EDGE_PUNCT.sub("", w)
        if w.endswith("+") and core and not core.endswith("+"):
            core = core + w[len(w.rstrip("+")) :]  # c++ keeps its pluses
        if not core or _NUMBERISH.match(core) or core.lower() in seen:
            continue
        seen.add(core.lower())
        out.append(core)
    return out


_AMOUNT_UNITS = ("元", "¥", "￥", "CNY", "RMB", "yuan", "人")
_AMOUNT_SCALE = {"": 1, "千": 1_000, "万": 10_000, "亿": 100_000_000, "k": 1_000, "m": 1_000_000}


def parse_amount(text: str | None) -> int | None:
    """A whole number as people type budgets: 500000, 500,000, ５０００００, "500000 元", 50万, 1.2亿 or 500k.

    None for empty text; ValueError for anything else. Exact integer arithmetic: 1.25万 is 12500.
    """
    raw = unicodedata.normalize("NFKC", text or "").strip()
    for word in _AMOUNT_UNITS:
        raw = raw.replace(word, "")
    raw = re.sub(r"[\s,_]", "", raw)
    if not raw:
        return None
    match = re.fullmatch(r"([+-]?)(\d{1,40})(?:\.(\d{1,8}))?(千|万|亿|[kKmM])?", raw)
    if match is None or (match.group(3) and not match.group(4)):
        raise ValueError(raw)
    sign, whole, fraction, unit = match.groups()
    scale = _AMOUNT_SCALE[(unit or "").lower()]
    fraction = fraction or ""
    scaled = int(whole + fraction) * scale
    if scaled % (10 ** len(fraction)):
        raise ValueError(raw)
    value = scaled // (10 ** len(fraction))
    return -value if sign == "-" else value
