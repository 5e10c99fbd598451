"""Leading phrases of preambular paragraphs and operative verbs."""

# Preambular paragraphs open with a participle or adjective phrase ("Recalling also",
# "Noting with appreciation", "Deeply alarmed", "Bearing in mind"); operative paragraphs with a
# verb in the third person ("Takes note", "Calls upon", "Also requests", "Urges"). The phrase is
# what UN typography sets in italics: adverbs, the head word, and a closed set of fixed
# complements.

from __future__ import annotations

import re

# Adjectives and adverbs that open preambular paragraphs without an -ing or -ed ending.
_PREAMBULAR_WORDS = frozenset(
    {
        "aware",
        "mindful",
        "conscious",
        "cognizant",
        "desirous",
        "keen",
        "anxious",
        "confident",
        "eager",
        "fully",
        "deeply",
        "gravely",
        "seriously",
        "strongly",
        "firmly",
        "profoundly",
        "greatly",
        "further",
        "also",
        "bearing",
        "having",
        "reaffirming",
        "ever",
    }
)
# Words that open preambular paragraphs in General Assembly resolutions whatever follows
# them: the UN editorial manual's list of preambular participles and adjectives.
PREAMBULAR_LEADS = frozenset(
    """
    acknowledging affirming alarmed appreciating approving aware being bearing believing
    cognizant commending concerned confident conscious considering convinced deploring
    desiring determined emphasizing encouraging endorsing expressing fulfilling guided
    having highlighting keeping mindful noting observing reaffirming realizing recalling
    recognizing regretting reiterating reminding seeking stressing taking underlining
    underscoring urging welcoming
    """.split()
)
# Capitalised words ending in -ing/-ed that do not open a paragraph.
_NOT_LEADS = frozenset(
    {
        "united",
        "including",
        "following",
        "according",
        "concerning",
        "regarding",
        "during",
        "notwithstanding",
        "pending",
        "beijing",
        "nanjing",
        "kunming",
        "hundred",
        "red",
        "sacred",
        "wedding",
        "king",
        "thing",
        "nothing",
        "something",
        "everything",
        "anything",
        "evening",
        "morning",
        "building",
        "spring",
        "string",
        "ring",
        "sing",
        "bring",
        "shed",
        "bed",
        "led",
        "fed",
        "need",
        "seed",
        "speed",
        "indeed",
        "agreed",
        "proceed",
        "exceed",
        "succeed",
        "feed",
        "weed",
        "greed",
        "creed",
        "breed",
        "reed",
    }
)
_ADVERBS = frozenset(
    {
        "also",
        "further",
        "again",
        "once",
        "strongly",
        "firmly",
        "deeply",
        "gravely",
        "seriously",
        "fully",
        "profoundly",
        "greatly",
        "urgently",
        "emphatically",
        "unequivocally",
        "resolutely",
        "reiterating",
        "furthermore",
        "moreover",
        "finally",
        "hereby",
        "particularly",
        "especially",
        "warmly",
        "sincerely",
        "respectfully",
        "cordially",
        "duly",
    }
)
# Fixed complements that belong to the phrase: "Takes note", "Calls upon", "Noting with
# appreciation", "Bearing in mind", "Recalling also", "Taking note also".
_COMPLEMENTS = (
    "note",
    "in mind",
    "into account",
    "upon",
    "on",
    "with appreciation",
    "with satisfaction",
    "with concern",
    "with deep concern",
    "with grave concern",
    "with serious concern",
    "with particular concern",
    "with regret",
    "with deep regret",
    "with alarm",
    "with interest",
    "with gratitude",
    "with particular interest",
    "also",
    "further",
    "again",
    "once again",
    "in particular",
)
_COMPLEMENT_PATTERN = re.compile(
    r"^(?:\s*,?\s*(?:" + "|".join(re.escape(c) for c in _COMPLEMENTS) + r")\b)+", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _looks_like_participle(word: str) -> bool:
    lower = word.lower()
    if lower in _NOT_LEADS:
        return False
    if lower in PREAMBULAR_LEADS:
        return True
    return (lower.endswith("ing") and len(lower) > 5) or (lower.endswith("ed") and len(lower) > 4)


# Words in -ly that are not adverbs of a lead ("Early warning systems", "Only ...").
_NOT_ADVERBS = frozenset(
    {"early", "only", "family", "likely", "daily", "weekly", "monthly", "yearly", "elderly",
     "friendly", "timely", "costly", "italy", "july", "assembly", "supply", "reply", "rely"}
)  # fmt: skip


def _adverb_first(first: str, second: str) -> bool:
    """ "Solemnly proclaiming", "Particularly concerned": an adverb, then the participle."""
    lower = first.lower()
    return (
        lower.endswith("ly")
        and len(lower) > 4
        and lower not in _NOT_ADVERBS
        and second.islower()
        and (_looks_like_participle(second) or second in _PREAMBULAR_WORDS)
    )


def preambular_lead(text: str) -> str | None:
    """The leading phrase when `text` opens like a preambular paragraph, else None."""
    words: list[str] = _WORD.findall(text[:160])
    if not words or not words[0][0].isupper():
        return None
    first: str = words[0]
    if not (
        _looks_like_participle(first)
        or first.lower() in _PREAMBULAR_WORDS
        or _adverb_first(first, words[1] if len(words) > 1 else "")
    ):
        return None
    rest = text[len(first) :]
    # The phrase continues in lower case; a capital next ("United Nations") means a name,
    # unless the word is one that opens preambular paragraphs, whose object may well be a
    # name or a quotation ("Recalling Security Council resolution 497", "Noting “...”").
    if rest[:1] not in {" ", ","}:
        return None
    following = _WORD.match(rest.lstrip(" ,"))
    if first.lower() in PREAMBULAR_LEADS and re.match(r"^ +[A-Z\"“‘'(]", rest):
        return first
    if following is None or following.group(0)[0].isupper():
        return None
    # "Stockpiling and Use of Chemical Weapons": a word of a name that a page break cut.
    if first.lower() not in PREAMBULAR_LEADS and re.match(r"^ (?:and|or) [A-Z]", rest):
        return None
    head = first
    second = following.group(0)
    # "Deeply alarmed", "Fully aware", "Having considered": the adverb or auxiliary comes first.
    if rest.startswith(" ") and (
        (first.lower().endswith("ly") or first.lower() in {"having", "further", "also", "ever"})
        and (_looks_like_participle(second) or second.lower() in _PREAMBULAR_WORDS)
    ):
        head = f"{first} {second}"
    # "Being gravely concerned", "Having duly considered": auxiliary, adverb, participle.
    auxiliary = re.match(r"^(?:Being|Having) [a-z]+ly ([a-z]+)\b", text)
    if auxiliary and _looks_like_participle(auxiliary.group(1)):
        head = auxiliary.group(0)
    return _extend(text, head)


def operative_verb(text: str) -> str | None:
    """The operative phrase when `text` opens like an operative paragraph, else None."""
    words = _WORD.findall(text[:120])
    if not words or not words[0][0].isupper():
        return None
    index = 0
    while index < len(words) - 1 and index < 2 and words[index].lower() in _ADVERBS:
        index += 1
    verb = words[index]
    lower = verb.lower()
    if not lower.endswith("s") or lower.endswith("ss") or len(lower) < 4:
        return None
    if lower in {"this", "thus", "its", "has", "was", "his", "hers", "ours", "yours", "towards"}:
        return None
    if index == 0 and not verb[0].isupper():
        return None
    position = text.find(verb)
    head = text[: position + len(verb)]
    if not re.fullmatch(r"[A-Za-z ]+", head):
        return None
    return _extend(text, head)


def _extend(text: str, head: str) -> str:
    rest = text[len(head) :]
    match = _COMPLEMENT_PATTERN.match(rest)
    phrase = head + (match.group(0) if match else "")
    # "Calls, in particular, for" keeps only "Calls": the inserted clause is not the phrase.
    if "," in phrase[len(head) :]:
        phrase = head
    return phrase.strip()


# Verbs that carry operative paragraphs (the UN editorial manual's list, third person).
OPERATIVE_VERBS = frozenset(
    """
    accepts acknowledges adopts affirms agrees appeals appreciates approves authorizes calls
    commends concurs condemns confirms congratulates considers declares decides demands
    deplores designates directs emphasizes encourages endorses expresses highlights insists
    invites looks notes pays proclaims reaffirms recalls recognizes recommends regrets
    reiterates rejects reminds renews requests resolves stresses supports takes transmits
    trusts underlines underscores urges welcomes
    """.split()
)


def embedded_operative_verb(text: str) -> str | None:
    """The verb of a paragraph that opens with a phrase: "Pending ..., urges" -> "urges"."""
    for match in re.finditer(r",\s+((?:also\s+|further\s+|again\s+|strongly\s+)?([a-z]+))\b", text):
        if match.group(2) in OPERATIVE_VERBS:
            return _extend(text[match.start(1) :], match.group(1))
    return None
