"""Paragraph numbers and sub-paragraph labels as keys that are the same in every language."""

# The six versions number alike but label differently: "(e)" in English and Chinese, "e)" in
# French, Russian and Spanish (sometimes with a Cyrillic "а" or "е"), "(ه)" in Arabic, whose
# letters follow the abjad order; the roman level is "’6‘" in Arabic and "㈥" in Chinese.
# Every form maps to the English label, so that `op.5.e` is `op.5.e` in every language.

from __future__ import annotations

import re

# The Arabic letters in the order UN Arabic texts use for (a), (b), (c), ...
_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
_ARABIC_FORMS = {"ﻫ": "ه", "ة": "ه", "ا": "أ", "إ": "أ", "آ": "أ"}
_CYRILLIC_LOOKALIKES = str.maketrans("асеокрхуіјѕАВСЕОКМНРТХ", "aceokpxyijsABCEOKMHPTX")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
_NUMBER = re.compile(r"^(\d+)\s*[.\-–]?$")
_QUOTED_DIGITS = re.compile(r"^[’‘'`]\s*(\d+)\s*[’‘'`]$")


def paragraph_number(num: str) -> int | None:
    """5 for "5." or "5 -" (Arabic); None for anything else ("(a)", "A.", "I", "1.1")."""
    match = _NUMBER.match(num.strip())
    return int(match.group(1)) if match else None


def point_label(num: str) -> str | None:
    """The English label of a point's number: "(e)", "e)", "(ه)" -> "e"; "’2‘" -> "ii"."""
    text = num.strip()
    quoted = _QUOTED_DIGITS.match(text)
    if quoted:
        return _roman(int(quoted.group(1)))
    if len(text) == 1 and "\u3220" <= text <= "\u3229":  # ㈠ to ㈩: Chinese (i) to (x)
        return _roman(ord(text) - 0x3220 + 1)
    text = text.strip("()[]{}.:- \t\u00a0（）")
    if text in _CHINESE_NUMERALS:  # (一), (二): the same level written out
        return _roman(_CHINESE_NUMERALS.index(text) + 1)
    if not text:
        return None
    # The tatweel (ـ) only draws a letter out: "(هـ)" is "(ه)".
    letters = [_ARABIC_FORMS.get(c, c) for c in text if not c.isspace() and c != "\u0640"]
    if all(c in _ABJAD for c in letters):
        return "".join(_latin_letter(_ABJAD.index(c)) for c in letters)
    label = text.translate(_CYRILLIC_LOOKALIKES)
    return label if re.fullmatch(r"[A-Za-z0-9]+", label) else None


def _latin_letter(index: int) -> str:
    return chr(ord("a") + index) if index < 26 else chr(ord("a") + index - 26) * 2


def _roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def follows(label: str | None, following: str | None) -> bool:
    """Whether `following` comes right after `label` in a list: b after a, ii after i, 3 after 2."""
    if not label or not following:
        return False
    before, after = label.lower(), following.lower()
    candidates = set()
    if before.isdigit():
        candidates.add(str(int(before) + 1))
    if re.fullmatch(r"[ivxlcdm]+", before):
        value = _roman_value(before)
        if value and _roman(value) == before:
            candidates.add(_roman(value + 1))
    if re.fullmatch(r"([a-z])\1*", before):  # a, b, ..., z, then aa, bb, ...
        letter, times = before[0], len(before)
        candidates.add(chr(ord(letter) + 1) * times if letter != "z" else "a" * (times + 1))
    return after in candidates


def _roman_value(text: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for index, char in enumerate(text):
        value = values[char]
        following = values[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total or None
