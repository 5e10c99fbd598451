"""Treaty and organization names in cleaned clause or footnote text, resolved against a
gazetteer."""

# Text such as "the Protocol on Explosive Remnants of War, 2003 (Protocol V to the 1980 Convention);
# ..." or an IACG footnote, "Consisting of the United Nations Mine Action Service of ..., and the
# World Bank."

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from app.document.model import Gazetteer, IacgEntry, IacgRole


@dataclass(frozen=True, slots=True)
class TreatyMatch:
    """A treaty named in a text; `key` is None when the treaty-like name matched no entry."""

    key: str | None
    mention: str  # the words as they read, e.g. "Protocol V to the 1980 Convention"
    start: int  # offsets into the text given: text[start:end] == mention
    end: int
    treaty_series: str | None  # the entry's "vol. 2399, No. 22495" when the gazetteer knows it


@dataclass(frozen=True, slots=True)
class OrganizationMatch:
    """An organization of the gazetteer named in a text."""

    key: str
    mention: str
    start: int
    end: int


# ---------------------------------------------------------------------------------------------
# Names compared in a compact form
# ---------------------------------------------------------------------------------------------

# PDF extraction inserts spaces inside words of justified lines ("Protocol Add itional", "an d"),
# keeps or drops hyphens at line ends ("Nuclear- Test-Ban", "InterAgency") and varies commas
# ("Devices, as amended" / "Devices as amended"). Names are therefore compared without
# whitespace, hyphens or commas, in lower case, with straight apostrophes.
_DROPPED = re.compile(r"[\s,\-\u2010\u2011\u00ad]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _fold(text: str) -> str:
    folded = text.translate(_APOSTROPHES)
    lower = folded.lower()
    if len(lower) == len(folded):
        return lower
    # A few characters grow in lower case ("İ"); keep those as they are, offsets must hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def normalize_name(name: str) -> str:
    """The form in which two names are the same name: "Inter-Agency" == "InterAgency"."""
    return _fold(_DROPPED.sub("", name))


@dataclass(frozen=True, slots=True)
class _Compact:
    """A text in compact form, with what maps offsets between the two.

    Only the dropped runs (mostly single spaces) are recorded, not every character.
    """

    text: str  # the compact form
    original_starts: list[int]  # where each dropped run starts in the original text
    compact_starts: list[int]  # where the text after each run starts in the compact form
    removed_after: list[int]  # characters removed before each run, then up to the last one
    # (offset in the original, offset in the compact form, first letters there) of every word
    # that may open a name
    name_starts: list[tuple[int, int, str]]

    def to_original(self, index: int) -> int:
        return index + self.removed_after[bisect_right(self.compact_starts, index)]


# Names are proper nouns: case is ignored after the first letter ("Anti-personnel",
# "Booby traps"), not in it ("the secretariat of the Convention" is not the Secretariat).
_NAME_START = re.compile(r"(?<![^\W_])[A-Z0-9]")
_DROPPED_SPLIT = re.compile(f"({_DROPPED.pattern})")


# Each clause and footnote is matched against the treaties, then the organizations: its
# compact form is made once for both (making it twice was a quarter of the parse time).
@lru_cache(maxsize=512)
def _compact(text: str) -> _Compact:
    parts = _DROPPED_SPLIT.split(text)  # kept, dropped, kept, ..., kept
    kept = parts[0::2]
    ends = list(accumulate(map(len, parts)))
    original_starts = ends[0:-1:2]
    removed_after = [0, *accumulate(map(len, parts[1::2]))]
    compact_starts = list(accumulate(map(len, kept[:-1])))
    compact = _fold("".join(kept))
    name_starts = []
    for word in _NAME_START.finditer(text):
        start = word.start()
        i = start - removed_after[bisect_right(original_starts, start)]
        name_starts.append((start, i, compact[i : i + _PREFIX]))
    return _Compact(compact, original_starts, compact_starts, removed_after, name_starts)


# An alias written in capitals is an acronym ("NPT", "WHO"): it is matched case-sensitively,
# because in lower case several of them are ordinary words ("who", "att").
_ACRONYM = re.compile(r"[A-Z0-9][A-Z0-9&.]*(?:-[A-Z0-9&.]+)*")
_PREFIX = 3


@dataclass(frozen=True, slots=True)
class _Index:
    by_prefix: dict[str, tuple[tuple[str, str], ...]]  # first letters -> (compact name, key)
    acronyms: re.Pattern[str] | None
    acronym_keys: dict[str, str]
    keys_by_name: dict[str, str]  # compact name or acronym -> key


def _build_index(names: Iterable[tuple[str, str]]) -> _Index:
    by_prefix: dict[str, list[tuple[str, str]]] = {}
    acronym_keys: dict[str, str] = {}
    keys_by_name: dict[str, str] = {}
    for name, key in names:
        if _ACRONYM.fullmatch(name):
            acronym_keys[name] = key
            keys_by_name.setdefault(name, key)
            continue
        compact = normalize_name(name)
        if len(compact) < _PREFIX or compact in keys_by_name:
            continue
        keys_by_name[compact] = key
        by_prefix.setdefault(compact[:_PREFIX], []).append((compact, key))
    acronyms = None
    if acronym_keys:
        alternatives = "|".join(re.escape(a) for a in sorted(acronym_keys, key=len, reverse=True))
        # Not inside a document symbol either: "NPT/CONF.2010/50", "TPNW/MSP/2022/6".
        acronyms = re.compile(rf"(?<![\w/\-\u2010\u2011])(?:{alternatives})(?![\w/\-\u2010\u2011])")
    return _Index(
        by_prefix={prefix: tuple(entries) for prefix, entries in by_prefix.items()},
        acronyms=acronyms,
        acronym_keys=acronym_keys,
        keys_by_name=keys_by_name,
    )


@dataclass(frozen=True, slots=True)
class _Indexes:
    treaties: _Index
    organizations: _Index
    treaty_series: dict[str, str]  # normalised "vol. N, No. M" -> key
    treaty_series_by_key: dict[str, str]


def _names(key: str, name: str, extra: Iterable[str | None]) -> Iterator[tuple[str, str]]:
    yield name, key
    for alias in extra:
        if alias:
            yield alias, key


# Indexes are built once per gazetteer object. Keyed by identity: hashing a whole gazetteer on
# every call would cost more than the matching itself.
_INDEX_CACHE: dict[int, tuple[Gazetteer, _Indexes]] = {}


def _indexes(gazetteer: Gazetteer) -> _Indexes:
    cached = _INDEX_CACHE.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    treaty_names = (
        pair
        for t in gazetteer.treaties
        for pair in _names(t.key, t.name, (t.short_name, *t.aliases))
    )
    organization_names = (
        pair
        for o in gazetteer.organizations
        for pair in _names(o.key, o.name, (o.acronym, *o.aliases))
    )
    series = {
        _normalize_series(t.treaty_series): t.key for t in gazetteer.treaties if t.treaty_series
    }
    indexes = _Indexes(
        treaties=_build_index(treaty_names),
        organizations=_build_index(organization_names),
        treaty_series=series,
        treaty_series_by_key={
            t.key: t.treaty_series for t in gazetteer.treaties if t.treaty_series
        },
    )
    if len(_INDEX_CACHE) >= 8:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(gazetteer)] = (gazetteer, indexes)
    return indexes


# ---------------------------------------------------------------------------------------------
# Spans and longest-match selection
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    key: str | None


def _is_word_char(text: str, offset: int) -> bool:
    return 0 <= offset < len(text) and text[offset].isalnum()


def _gazetteer_spans(text: str, index: _Index) -> list[_Span]:
    """Every occurrence of every name, overlapping ones included, on word boundaries."""
    compact = _compact(text)
    spans: list[_Span] = []
    by_prefix = index.by_prefix
    for start, i, prefix in compact.name_starts:
        for name, key in by_prefix.get(prefix, ()):
            if compact.text.startswith(name, i):
                end = compact.to_original(i + len(name) - 1) + 1
                if not _is_word_char(text, end):
                    spans.append(_Span(start, end, key))
    if index.acronyms is not None:
        for m in index.acronyms.finditer(text):
            spans.append(_Span(m.start(), m.end(), index.acronym_keys[m.group()]))
    return spans


def _overlaps(span: _Span, others: Iterable[_Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


def _longest_first(spans: Iterable[_Span]) -> list[_Span]:
    """The longest span wins; a span overlapping one already chosen is dropped."""
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if not _overlaps(span, chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _absorb(
    spans: list[_Span], text: str, pattern: re.Pattern[str], accept: Callable[[_Span, str], bool]
) -> list[_Span]:
    """Extend each span over the short form that follows it in brackets; drop spans inside."""
    out: list[_Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue  # inside the brackets absorbed by the previous span
        m = pattern.match(text, span.end)
        if m is not None and accept(span, m.group("inner")):
            span = _Span(span.start, m.end(), span.key)
        out.append(span)
    return out


# ---------------------------------------------------------------------------------------------
# Treaties
# ---------------------------------------------------------------------------------------------

# "..., 1977 (Protocol I)", "(Amended Protocol II)", "(Protocol II to the 1980 Convention on ...)":
# a bracket right after a treaty's name gives its short form, so it belongs to the same mention.
# A document symbol in brackets ("A/50/426") is a citation, not a name, hence no slash.
_TREATY_SHORT_FORM = re.compile(r"(?:,?\s*(?:of\s+)?\d{4})?\s*\((?P<inner>\s*[A-Z][^()/]{0,300})\)")

# "the Comprehensive Nuclear-Test-Ban Treaty Organization" names a body, not the treaty.
_NAMES_A_BODY = re.compile(r"\s+Organi[sz]ations?\b")


# "the treaties of Tlatelolco, Rarotonga, Bangkok and Pelindaba": one head noun, several treaties.
_PLACE = r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*"
_COORDINATED = re.compile(
    rf"\b[Tt]reaties\s+of\s+(?P<places>{_PLACE}(?:\s*,\s*{_PLACE})*(?:\s*,?\s+and\s+{_PLACE})?)"
)
_PLACE_NAME = re.compile(_PLACE)


def _coordinated_spans(text: str, index: _Index) -> list[_Span]:
    spans: list[_Span] = []
    for m in _COORDINATED.finditer(text):
        for place in _PLACE_NAME.finditer(text, m.start("places"), m.end("places")):
            name = place.group()
            key = index.keys_by_name.get(normalize_name(f"Treaty of {name}")) or (
                index.keys_by_name.get(normalize_name(f"{name} Treaty"))
            )
            spans.append(_Span(place.start(), place.end(), key))
    return spans


# Unresolved names: a rule on the phenomenon, a capitalised name phrase built on a treaty noun.
#   "Model Nuclear Weapons Convention"          capitalised words before the noun
#   "Convention on the Law of Something"        the noun, a linking word, capitalised words
#   "Protocol III", "Additional Protocols I and II"   the noun and a number
_HEADS = frozenset(
    [
        "Convention",
        "Conventions",
        "Treaty",
        "Treaties",
        "Protocol",
        "Protocols",
        "Covenant",
        "Agreement",
        "Statute",
    ]
)
_NUMBERED_HEADS = frozenset({"Protocol", "Protocols"})
# Words that may open the qualifier after the head noun ("Treaty on ...", "Protocol to ...").
_OPENERS = frozenset(["on", "of", "for", "to", "between", "concerning", "against", "relating"])
# Lower-case words that may sit inside a name ("Use of Mines, Booby Traps and Other Devices").
_LINKS = frozenset(
    [
        "of",
        "on",
        "the",
        "and",
        "for",
        "in",
        "to",
        "or",
        "a",
        "an",
        "at",
        "with",
        "against",
        "between",
        "concerning",
        "relating",
        "into",
        "from",
        "by",
        "within",
        "under",
        "their",
        "its",
    ]
)
_ARTICLES = frozenset({"the", "a", "an"})
_ARTICLE_CAPITALISED = frozenset({"The", "A", "An"})
_DETERMINERS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "Such",
        "Each",
        "Every",
        "Any",
        "All",
        "Its",
        "Their",
        "Our",
        "Both",
        "Either",
        "Neither",
        "No",
        "Other",
        "Said",
        "Same",
    ]
)
_ROMAN = re.compile(r"[IVXL]+|\d{1,2}")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
# Words (hyphenated ones whole, "Nuclear- Test-Ban" too), punctuation, and paragraph breaks,
# which end any name.
_TOKEN = re.compile(r"[^\W_][\w'\u2019]*(?:-\s?[^\W_][\w'\u2019]*)*-?|[^\w\s]|\n[ \t]*\n")


class _Token(NamedTuple):
    # A named tuple rather than a frozen dataclass: clauses naming a treaty are tokenised
    # whole, and building the tokens was a tenth of the parse.
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _sentence_start(tokens: Sequence[_Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].text in {".", ";", ":"}


def _left_edge(tokens: Sequence[_Token], head: int) -> int:
    """First token of the capitalised words right before the head noun."""
    first = head
    for i in range(head - 1, -1, -1):
        token = tokens[i]
        if token.text in _DETERMINERS or not token.word:
            break
        if not (token.capitalised or _YEAR.fullmatch(token.text)):
            break
        # A clause opens with its lead ("Recalling", "Noting"), never with a treaty's name.
        if _sentence_start(tokens, i) and token.text.endswith("ing"):
            break
        first = i
    return first


def _right_edge(tokens: Sequence[_Token], head: int) -> int:
    """Last token of the name that the head noun opens (the head itself when none follows)."""
    last = head
    i = head + 1
    if tokens[head].text in _NUMBERED_HEADS and _numbered(tokens, i):
        # "Protocol V", "Protocols I and II"
        last, i = i, i + 1
        if _numbered(tokens, i + 1) and tokens[i].text == "and":
            last, i = i + 1, i + 2
    if i >= len(tokens) or tokens[i].text not in _OPENERS:
        return last
    if tokens[i].text == "relating" and i + 1 < len(tokens) and tokens[i + 1].text == "to":
        i += 1
    i += 1
    while i < len(tokens) and tokens[i].text in _ARTICLES:
        i += 1
    # The qualifier must start with a capitalised word: "Treaty on Open Skies", not "Treaty on
    # 22 January 2021" or "Treaty to urgently extend".
    if i >= len(tokens) or not (tokens[i].word and tokens[i].capitalised):
        return last
    tail_end, named = last, False
    while i < len(tokens):
        token = tokens[i]
        if token.text in _ARTICLE_CAPITALISED:
            break  # a new sentence ("... in Latin America The General Assembly,")
        if token.word and (token.capitalised or token.text[0].isdigit()):
            tail_end = i
            named = named or token.text not in _HEADS
        elif token.text in _LINKS:
            if token.text in {"and", "or"} and _opens_new_treaty(tokens, i + 1):
                break
        elif token.text == ",":
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is None or not (following.word and following.capitalised):
                break
            if following.text in _HEADS or _opens_new_treaty(tokens, i + 1):
                break
        else:
            break
        i += 1
    # "Protocols to the Treaty" points back to a treaty named earlier; it names nothing new.
    return tail_end if named else last


def _numbered(tokens: Sequence[_Token], i: int) -> bool:
    return i < len(tokens) and _ROMAN.fullmatch(tokens[i].text) is not None


def _opens_new_treaty(tokens: Sequence[_Token], i: int) -> bool:
    """'... and the Convention on ...', '... and the Arms Trade Treaty': another name starts."""
    while i < len(tokens) and tokens[i].text in _ARTICLES:
        i += 1
    while i < len(tokens) and tokens[i].word and tokens[i].capitalised:
        if tokens[i].text in _HEADS:
            return True
        i += 1
    return False


_TAKEN = "\x00"  # stands for a token inside a gazetteer name: not a word, it ends any phrase
_ANY_HEAD = re.compile(r"\b(?:Convention|Treat(?:y|ies)|Protocol|Covenant|Agreement|Statute)")


def _unresolved_spans(text: str, taken: Sequence[_Span]) -> list[_Span]:
    """Treaty-like names outside the `taken` spans, which no name may reach into."""
    if _ANY_HEAD.search(text) is None:
        return []  # most clauses name no treaty: skip tokenising them
    tokens = [
        _Token(_TAKEN, t.start, t.end)
        if any(t.start < other.end and other.start < t.end for other in taken)
        else t
        for t in _tokens(text)
    ]
    spans: list[_Span] = []
    for head, token in enumerate(tokens):
        if token.text not in _HEADS:
            continue
        first = _left_edge(tokens, head)
        last = _right_edge(tokens, head)
        if first == head and last == head:
            continue  # "the Convention", "the Treaty": a reference back, not a name
        start, end = tokens[first].start, tokens[last].end
        if _NAMES_A_BODY.match(text, end):
            continue
        spans.append(_Span(start, end, None))
    return spans


def find_treaties(text: str, gazetteer: Gazetteer) -> list[TreatyMatch]:
    """Treaties named in `text`, in order; treaty-like names no entry knows come with key None."""
    indexes = _indexes(gazetteer)
    candidates = [
        span
        for span in _gazetteer_spans(text, indexes.treaties)
        if not _NAMES_A_BODY.match(text, span.end)
    ]
    chosen = _absorb(_longest_first(candidates), text, _TREATY_SHORT_FORM, lambda _s, _i: True)
    for span in _coordinated_spans(text, indexes.treaties):
        if not _overlaps(span, chosen):
            chosen.append(span)
    # A gazetteer name is the better reading of any phrase it overlaps.
    unresolved = _longest_first(_unresolved_spans(text, chosen))
    spans = sorted([*chosen, *unresolved], key=lambda s: s.start)
    return [
        TreatyMatch(
            key=span.key,
            mention=text[span.start : span.end],
            start=span.start,
            end=span.end,
            treaty_series=indexes.treaty_series_by_key.get(span.key) if span.key else None,
        )
        for span in spans
    ]


# "United Nations, Treaty Series, vol. 2056, No. 35597." / "Ibid., vol. 2048, No. 22495." /
# "Ibid., vols. 2171 and 2173, No. 27531." An "Ibid." with a volume and a number continues the
# series of the footnote before it, which in these texts is always the United Nations Treaty
# Series; "Ibid., Fifteenth Special Session, ..." (Official Records) has no volume and no number.
_SERIES = re.compile(
    r"(?:\bUnited\s+Nations\s*,\s*Treaty\s+Series|\bIbid\.?)\s*,\s*"
    r"(?P<volume>vols?\.\s*\d+(?:\s*(?:,|and)\s*\d+)*)\s*,\s*No\.\s*(?P<number>\d+)"
)


def _normalize_series(series: str) -> str:
    return " ".join(series.split()).lower()


def treaty_series_reference(text: str) -> str | None:
    """The United Nations Treaty Series reference of a footnote: "vol. 2056, No. 35597"."""
    m = _SERIES.search(text)
    if m is None:
        return None
    volume = " ".join(m.group("volume").split())
    volume = re.sub(r"^(vols?\.)(?=\d)", r"\1 ", volume)
    return f"{volume}, No. {m.group('number')}"


def find_treaty_by_series(series: str, gazetteer: Gazetteer) -> str | None:
    """The key of the treaty published at `series` ("vol. 2056, No. 35597"), if known."""
    return _indexes(gazetteer).treaty_series.get(_normalize_series(series))


# ---------------------------------------------------------------------------------------------
# Organizations
# ---------------------------------------------------------------------------------------------

# "(UN-Women)" after "United Nations Entity for Gender Equality and the Empowerment of Women".
_ORGANIZATION_SHORT_FORM = re.compile(r"\s*\((?P<inner>[^()]{1,80})\)")
# "United Nations, Treaty Series" cites a publication, not the Organization.
_CITES_A_PUBLICATION = re.compile(r"\s*,?\s*Treaty\s+Series\b")


def _resolve(name: str, index: _Index) -> str | None:
    name = name.strip()
    return index.acronym_keys.get(name) or index.keys_by_name.get(normalize_name(name))


def _inside_a_longer_name(text: str, span: _Span) -> bool:
    """'Technical Secretariat': a one-word name right after a capitalised word is part of a
    longer name the gazetteer does not know (a sentence's first word aside)."""
    if (
        len(text[span.start : span.end].split()) > 1
        or not text[span.start - 1 : span.start].isspace()
    ):
        return False
    words = text[: span.start].split()
    if not words or not words[-1][:1].isupper():
        return False
    opens_sentence = len(words) == 1 or words[-2].endswith((".", ";", ":"))
    return not opens_sentence


def _organization_spans(text: str, index: _Index) -> list[_Span]:
    candidates = [
        span
        for span in _gazetteer_spans(text, index)
        if not _CITES_A_PUBLICATION.match(text, span.end) and not _inside_a_longer_name(text, span)
    ]
    return _absorb(
        _longest_first(candidates),
        text,
        _ORGANIZATION_SHORT_FORM,
        lambda span, inner: span.key is not None and _resolve(inner, index) == span.key,
    )


def find_organizations(text: str, gazetteer: Gazetteer) -> list[OrganizationMatch]:
    """Organizations of the gazetteer named in `text`, in order; the longest name wins."""
    index = _indexes(gazetteer).organizations
    return [
        OrganizationMatch(
            key=span.key, mention=text[span.start : span.end], start=span.start, end=span.end
        )
        for span in _organization_spans(text, index)
        if span.key is not None
    ]


# ---------------------------------------------------------------------------------------------
# The Inter-Agency Coordination Group on Mine Action footnote
# ---------------------------------------------------------------------------------------------

# "Consisting of the ...", or "The Inter-Agency Coordination Group on Mine Action consists of ...".
_LIST_OPENING = re.compile(r"\s*(?:Consisting|Composed|Comprising)(?:\s+of)?\s+", re.IGNORECASE)
_GROUP_CONSISTS = re.compile(
    r"Inter-?\s?Agency\s+Coordination\s+Group\s+on\s+Mine\s+Action\s+"
    r"(?:consists\s+of|comprises|is\s+composed\s+of)\s+",
    re.IGNORECASE,
)
_MINE_ACTION_SERVICE = re.compile(r"Mine\s+Action\s+Service", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")
_OBSERVER_SENTENCE = re.compile(
    r"(?P<subject>.*?)\s+(?:are|is)\s+(?:an?\s+)?observers?\s*\.?\s*$", re.IGNORECASE | re.DOTALL
)
# Items are separated by "," and the last by "and"; a separator must be followed by the next
# item's article or capital. "an d" is how PDF extraction split "and" on a justified line
# (A/RES/76/74 footnote 3).
_ITEM_SEPARATOR = re.compile(
    r"\s*,\s*(?:a\s?n\s?d\s+)?(?=(?:the\s+)?[A-Z])|\s+a\s?n\s?d\s+(?=(?:the\s+)?[A-Z])"
)
_LEADING_ARTICLE = re.compile(r"(?:the|The)\s+")


def is_iacg_footnote(text: str) -> bool:
    """Whether a footnote lists the entities of the Inter-Agency Coordination Group."""
    opens_a_list = _LIST_OPENING.match(text) or _GROUP_CONSISTS.search(text)
    return opens_a_list is not None and _MINE_ACTION_SERVICE.search(text) is not None


def parse_iacg_list(footnote_text: str, gazetteer: Gazetteer) -> list[IacgEntry]:
    """Every entity of an IACG footnote once, in order, with its role (member or observer)."""
    index = _indexes(gazetteer).organizations
    opening = _LIST_OPENING.match(footnote_text) or _GROUP_CONSISTS.search(footnote_text)
    body_start = opening.end() if opening else 0
    entries: list[IacgEntry] = []
    seen: set[str] = set()
    for number, (start, end) in enumerate(_sentences(footnote_text, body_start)):
        sentence = footnote_text[start:end]
        observers = _OBSERVER_SENTENCE.match(sentence)
        if observers is not None:
            role, end = IacgRole.OBSERVER, start + observers.end("subject")
        elif number == 0:
            role = IacgRole.MEMBER
        else:
            continue  # a remark about the Group, not a list of its members
        for name, key in _list_items(footnote_text, start, end, index):
            identity = key or name.lower()
            if identity in seen:
                continue
            seen.add(identity)
            entries.append(IacgEntry(name=name, key=key, role=role, footnote=None))
    return entries


def _sentences(text: str, start: int) -> Iterator[tuple[int, int]]:
    for m in _SENTENCE_END.finditer(text, start):
        yield start, m.start()
        start = m.end()
    yield start, len(text.rstrip())


def _list_items(text: str, start: int, end: int, index: _Index) -> Iterator[tuple[str, str | None]]:
    """(name without its article, key) for each item of the list text[start:end]."""
    names = [s for s in _organization_spans(text[start:end], index) if s.key is not None]
    protected = [_Span(start + s.start, start + s.end, s.key) for s in names]
    cuts = [
        m
        for m in _ITEM_SEPARATOR.finditer(text, start, end)
        if not _overlaps(_Span(m.start(), m.end(), None), protected)
    ]
    bounds = [start, *(p for m in cuts for p in (m.start(), m.end())), end]
    for item_start, item_end in zip(bounds[::2], bounds[1::2], strict=True):
        while item_start < item_end and text[item_start].isspace():
            item_start += 1
        article = _LEADING_ARTICLE.match(text, item_start, item_end)
        if article is not None:
            item_start = article.end()
        item = text[item_start:item_end].strip().rstrip(".").strip()
        if not item:
            continue
        yield " ".join(item.split()), _item_key(text, item_start, item_end, protected)


# "United Nations Mine Action Service of the Department of ...": the name the item opens with,
# then a qualifier saying where the entity sits.
_QUALIFIER = re.compile(r"\s*(?:$|\(|,|\.|(?:of|in|at|within)\s)")


def _item_key(text: str, start: int, end: int, names: Iterable[_Span]) -> str | None:
    """The key of the name that opens the item, unless more of an unknown name follows it
    ("United Nations Foo Office" is not the United Nations)."""
    for span in names:
        if span.start == start and _QUALIFIER.match(text[span.end : end]):
            return span.key
    return None
