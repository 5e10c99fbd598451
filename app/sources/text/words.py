"""Word-level repair of text-extraction damage, decided by English word frequencies (wordfreq)."""

# - a line-end hyphen: "capacity-" + "building" keeps it ("capacity-building"), "informa-" +
#   "tion" drops it ("information"); "gender-" + "and" is a suspended hyphen ("gender- and");
# - a hyphen the tool followed by a space inside a line: "Nuclear- Weapon-Free" -> joined;
# - a line-end hyphen the tool dropped: "agesensitive" -> "age-sensitive", "InterAgency" ->
#   "Inter-Agency";
# - a word the tool split with a space: "Add itional" -> "Additional", "an d" -> "and".

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

# Words after which a trailing hyphen is a suspended compound ("peace- and confidence-building").
_SUSPENSION_WORDS = frozenset({"and", "or", "nor", "to"})
# Zipf scale: 3 is about once per million words. Below 1 a token is not an English word.
_KNOWN = 3.0
_UNKNOWN = 1.0


@lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


def join_hyphenated(left: str, right: str) -> str:
    """Join `left` (ending in "-") and `right` (starting with a word) split at a line end."""
    right_word = re.match(r"[A-Za-z]+", right)
    if right_word is None:
        return left + right
    if right_word.group(0).lower() in _SUSPENSION_WORDS:
        return f"{left} {right}"
    left_word = re.search(r"([A-Za-z]+)-$", left)
    if left_word is not None:
        head, tail = left_word.group(1), right_word.group(0)
        # UN texts hardly ever break a word across lines; the hyphen is a real compound hyphen
        # unless one side is not a word on its own and the two together are.
        if (
            min(frequency(head), frequency(tail)) < _KNOWN
            and frequency(head + tail) >= _KNOWN
            and tail.islower()
        ):
            return left[:-1] + right
    return left + right


_SPACED_HYPHEN = re.compile(r"\b([A-Za-z]+)- ([A-Za-z]+)")
# A hyphen the extraction set apart on both sides ("confidence - building"): UN typography
# sets a dash apart, never a hyphen, so it is a compound broken at the line end.
_ISLAND_HYPHEN = re.compile(r"\b([A-Za-z]+) - ([a-z]+)\b")
# A range of numbers whose en dash the extraction spaced ("2015 – 2030" is "2015–2030").
_SPACED_RANGE = re.compile(r"(?<=\b\d{4}) – (?=\d{4}\b)")
_CAMEL = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]{2,})\b")
_LOWER_WORD = re.compile(r"\b[a-z]{7,}\b")


_LETTER_RUN = re.compile(r"\b[A-Za-z]+\b")


def repeated_words(texts: list[str]) -> frozenset[str]:
    """Words a dropped line-end hyphen did not make: found more than once in the text, or
    capitalised inside ("BioTracker") when the text never hyphenates the pair ("Inter-Agency"
    elsewhere makes "InterAgency" a hyphen dropped)."""
    seen: set[str] = set()
    repeated: set[str] = set()
    camels: set[str] = set()
    hyphenated: set[str] = set()
    for text in texts:
        camels.update(_CAMEL_WORD.findall(text))
        if "-" in text:
            hyphenated.update(f"{a}{b}".lower() for a, b in _HYPHENATED.findall(text))
        for word in (*_CAMEL_WORD.findall(text), *_LOWER_WORD.findall(text)):
            (repeated if word in seen else seen).add(word)
    repeated.update(word for word in camels if word.lower() not in hyphenated)
    return frozenset(repeated)


_HYPHENATED = re.compile(r"\b([A-Za-z]+)-([A-Za-z]+)\b")
_CAMEL_WORD = re.compile(r"\b[A-Z][a-z]{2,}[A-Z][a-z]{2,}\b")


def repair_words(text: str, *, kept: frozenset[str] = frozenset(), restore: bool = True) -> str:
    """Apply the in-line repairs described in the module docstring to one paragraph of text.

    `restore` False: the text's tool never drops a line-end hyphen (a Markdown conversion
    keeps it, "Secretary- General"); `kept`: words written so more than once in the text,
    which a hyphen dropped at a line end would not be ("SaferGuard", "unsafeguarded").
    """
    text = _SPACED_HYPHEN.sub(_rejoin_spaced_hyphen, text)
    if " - " in text:
        text = _ISLAND_HYPHEN.sub(_rejoin_spaced_hyphen, text)
    if " – " in text:
        text = _SPACED_RANGE.sub("–", text)
    if restore:
        text = _CAMEL.sub(lambda m: m.group(0) if m.group(0) in kept else _split_camel(m), text)
        # Words English knows are left as they are: only an unknown one may need a hyphen.
        if any(frequency(w) <= 0 and w not in kept for w in _LOWER_WORD.findall(text)):
            text = _LOWER_WORD.sub(
                lambda m: m.group(0) if m.group(0) in kept else _restore_dropped_hyphen(m), text
            )
    return _rejoin_split_words(text)


def _rejoin_spaced_hyphen(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    if tail.lower() in _SUSPENSION_WORDS:
        return match.group(0)
    return f"{head}-{tail}"


def _split_camel(match: re.Match[str]) -> str:
    # A capital inside a word ("InterAgency") shows a line-end hyphen the tool dropped.
    head, tail = match.group(1), match.group(2)
    if frequency(head) >= _KNOWN and frequency(tail) >= _KNOWN:
        return f"{head}-{tail}"
    return match.group(0)


# Prefixes UN typography closes up ("predeployment", "transregional", "subagencies"): a word
# they begin, the rest a word, is written so, not a hyphen dropped.
_CLOSED_PREFIXES = (
    "pre", "trans", "sub", "un", "re", "co", "bio", "inter", "intra", "micro", "macro", "mis",
    "de", "dis", "over", "under", "out", "tele", "cyber",
)  # fmt: skip


def _restore_dropped_hyphen(match: re.Match[str]) -> str:
    word = match.group(0)
    if frequency(word) > 0:
        return word
    if any(
        word.startswith(prefix) and frequency(word[len(prefix) :]) >= _KNOWN
        for prefix in _CLOSED_PREFIXES
    ):
        return word
    best: tuple[float, int] | None = None
    for cut in range(3, len(word) - 2):
        score = min(frequency(word[:cut]), frequency(word[cut:]))
        if score >= 3.5 and (best is None or score > best[0]):
            best = (score, cut)
    if best is None:
        return word
    return f"{word[: best[1]]}-{word[best[1] :]}"


_SPLIT_PAIR = re.compile(r"(?=\b([A-Za-z]{2,}) ([a-z]+)\b)")


def _rejoin_split_words(text: str) -> str:
    """Join word fragments separated by one space, scanning left to right."""
    # Both words of a pair are runs of letters, and one of them must be a fragment (unknown
    # to English, or a lone letter other than "a"): most texts have none, and looking at
    # each word once is much quicker than looking at every pair.
    if not any(
        frequency(word) == 0 or (len(word) == 1 and word != "a" and word.islower())
        for word in _LETTER_RUN.findall(text)
    ):
        return text
    out: list[str] = []
    last = 0
    for match in _SPLIT_PAIR.finditer(text):
        start = match.start(1)
        if start < last:
            continue  # the head was the tail of a pair already joined
        head, tail = match.group(1), match.group(2)
        if _is_split_word(head, tail):
            out.append(text[last:start])
            out.append(head + tail)
            last = match.end(2)
    out.append(text[last:])
    return "".join(out)


def _is_split_word(head: str, tail: str) -> bool:
    if not tail.islower() or len(head) < 2:
        return False
    # A fragment is not a word on its own; single letters other than "a" are labels or damage.
    tail_is_fragment = frequency(tail) == 0 or (len(tail) == 1 and tail != "a")
    # Asked last: the joined pair is a new word to look up for nearly every pair of the text.
    return (tail_is_fragment or frequency(head) == 0) and frequency(head + tail) >= _KNOWN
