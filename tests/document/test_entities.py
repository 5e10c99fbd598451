"""Treaty and organization names, treaty series references and IACG lists on the real texts."""

from __future__ import annotations

import re

import pytest

from app.document.entities import (
    TreatyMatch,
    find_organizations,
    find_treaties,
    find_treaty_by_series,
    is_iacg_footnote,
    parse_iacg_list,
    treaty_series_reference,
)
from app.document.model import Gazetteer, IacgRole
from app.reference import load_gazetteer
from tests.reference.corpus_footnotes import (
    AMENDED_PROTOCOL_II_72_75,
    APMBC_72_75,
    CCW_72_75,
    COMMITTEE_68_72,
    CORPUS,
    CRPD_72_75,
    ERW_68_72,
    IACG_68_72,
    IACG_72_75,
    IACG_76_74,
    IACG_MEMBERS,
    IACG_OBSERVERS,
    PROTOCOL_V_72_75,
    TREATIES_68_72,
    TREATIES_72_75,
    TREATIES_76_74,
)
from tests.text_corpus import GA_80

MINE_ACTION_TREATIES = [
    "apmbc",
    "ccw-amended-protocol-ii",
    "ccw-protocol-v",
    "ccm",
    "geneva-additional-protocol-i",
    "crpd",
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def keys(matches: list[TreatyMatch]) -> list[str | None]:
    return [m.key for m in matches]


def assert_offsets(text: str, matches: list[TreatyMatch]) -> None:
    for match in matches:
        assert text[match.start : match.end] == match.mention


# --- treaties ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "footnote",
    [
        pytest.param(TREATIES_68_72, id="68/72"),
        pytest.param(TREATIES_72_75, id="72/75"),
        pytest.param(TREATIES_76_74, id="76/74"),
    ],
)
def test_footnote_1_yields_the_six_mine_action_treaties(
    gazetteer: Gazetteer, footnote: str
) -> None:
    matches = find_treaties(footnote, gazetteer)
    assert keys(matches) == MINE_ACTION_TREATIES
    assert_offsets(footnote, matches)
    parents = {t.key: t.parent for t in gazetteer.treaties}
    assert parents["ccw-amended-protocol-ii"] == "ccw"
    assert parents["ccw-protocol-v"] == "ccw"


def test_footnote_1_mentions_carry_their_short_forms(gazetteer: Gazetteer) -> None:
    matches = {m.key: m for m in find_treaties(TREATIES_68_72, gazetteer)}
    # The bracketed designation belongs to the treaty it follows: the 1980 Convention named
    # inside "(Protocol II to the 1980 Convention on ...)" is not a seventh treaty.
    assert matches["ccw-amended-protocol-ii"].mention.endswith("Indiscriminate Effects)")
    assert matches["ccw-protocol-v"].mention == (
        "Protocol on Explosive Remnants of War, 2003 (Protocol V to the 1980 Convention)"
    )
    assert matches["geneva-additional-protocol-i"].mention.endswith("1977 (Protocol I)")
    assert matches["apmbc"].treaty_series == "vol. 2056, No. 35597"
    assert matches["ccm"].mention == "Convention on Cluster Munitions"


def test_extraction_damage_inside_a_name_is_tolerated(gazetteer: Gazetteer) -> None:
    """A/RES/76/74 reads "Protocol Add itional ... Conflicts 1977 (Protocol I)"."""
    [match] = [m for m in find_treaties(TREATIES_76_74, gazetteer) if "Geneva" in m.mention]
    assert match.key == "geneva-additional-protocol-i"
    assert match.mention.startswith("Protocol Add itional to the Geneva Conventions")
    text = "the Comprehensive Nuclear- Test-Ban Treaty and the Treaty on the South- East Asia"
    text += " Nuclear-Weapon-Free Zone"
    assert keys(find_treaties(text, gazetteer)) == ["ctbt", "bangkok"]


def test_protocol_v_to_the_1980_convention_is_one_match(gazetteer: Gazetteer) -> None:
    matches = find_treaties(ERW_68_72, gazetteer)
    assert [(m.key, m.mention) for m in matches] == [
        ("ccw-protocol-v", "Protocol V to the 1980 Convention")
    ]
    assert matches[0].treaty_series == "vol. 2399, No. 22495"


def test_a_protocol_and_its_convention_named_apart_are_two_matches(gazetteer: Gazetteer) -> None:
    # A/RES/72/75, preambular paragraph 21, with its footnote markers 8, 9 and 10 removed.
    text = (
        "Noting further the discussions on the issue of improvised explosive devices of the "
        "informal group of experts under the Protocol on Prohibitions or Restrictions on the Use "
        "of Mines, Booby Traps and Other Devices, as amended on 3 May 1996 (Amended Protocol II), "
        "and on the technical annex to the Protocol on Explosive Remnants of War (Protocol V) to "
        "the Convention on Prohibitions or Restrictions on the Use of Certain Conventional "
        "Weapons Which May Be Deemed to Be Excessively Injurious or to Have Indiscriminate "
        "Effects,"
    )
    matches = find_treaties(text, gazetteer)
    assert keys(matches) == ["ccw-amended-protocol-ii", "ccw-protocol-v", "ccw"]
    assert matches[1].mention == "Protocol on Explosive Remnants of War (Protocol V)"
    assert_offsets(text, matches)


def test_protocol_i_is_never_found_inside_protocol_ii(gazetteer: Gazetteer) -> None:
    text = (
        "Protocol II to the Geneva Conventions, Additional Protocol II to the Treaty of "
        "Tlatelolco, Protocol II to the 1980 Convention and Protocol II"
    )
    matches = find_treaties(text, gazetteer)
    assert keys(matches) == [
        "geneva-additional-protocol-ii",
        "tlatelolco-additional-protocol-ii",
        "ccw-protocol-ii",
        None,
    ]
    assert matches[-1].mention == "Protocol II"
    assert not any(m.mention.endswith("Protocol I") for m in matches)


def test_a_bare_protocol_i_stays_unresolved(gazetteer: Gazetteer) -> None:
    # Five treaties have a Protocol I; only the context says which one.
    [match] = find_treaties("States Parties to Protocol I", gazetteer)
    assert (match.key, match.mention) == (None, "Protocol I")


def test_an_unknown_treaty_is_kept_unresolved(gazetteer: Gazetteer) -> None:
    text = "Recalling the Convention on the Law of Something and the Arms Trade Treaty,"
    matches = find_treaties(text, gazetteer)
    assert [(m.key, m.mention) for m in matches] == [
        (None, "Convention on the Law of Something"),
        ("att", "Arms Trade Treaty"),
    ]
    assert matches[0].treaty_series is None
    assert matches[1].treaty_series == "vol. 3013, No. 52373"
    assert_offsets(text, matches)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        (
            "Recalling the Model Nuclear Weapons Convention submitted",
            "Model Nuclear Weapons Convention",
        ),
        ("in Protocol III to the Treaty that have not", "Protocol III"),
        (
            "the Treaty on Lunar Mining, Refining and Export of 2031,",
            "Treaty on Lunar Mining, Refining and Export of 2031",
        ),
        (
            "the Convention on Biological Security and the Paris Agreement",
            "Convention on Biological Security",
        ),
    ],
)
def test_unresolved_names_follow_the_shape_of_a_name(
    gazetteer: Gazetteer, text: str, mention: str
) -> None:
    unresolved = [m.mention for m in find_treaties(text, gazetteer) if m.key is None]
    assert unresolved == [mention]


@pytest.mark.parametrize(
    "text",
    [
        "urges States Parties to the Convention to meet their obligations under the Treaty;",
        "the Protocols to the Treaty and the Convention on 22 January 2021",
        "negotiations for a convention on the prohibition of radiological weapons",
        "United Nations, Treaty Series, vol. 2056, No. 35597.",
        "the Preparatory Commission for the Comprehensive Nuclear-Test-Ban Treaty Organization",
    ],
)
def test_references_back_and_common_nouns_are_not_treaties(gazetteer: Gazetteer, text: str) -> None:
    assert find_treaties(text, gazetteer) == []


def test_coordinated_treaties_of_places(gazetteer: Gazetteer) -> None:
    # A/RES/80/31, operative paragraph 2.
    text = (
        "Welcomes the continued contribution that the Antarctic Treaty and the treaties of "
        "Tlatelolco, Rarotonga, Bangkok and Pelindaba are making"
    )
    matches = find_treaties(text, gazetteer)
    assert keys(matches) == ["antarctic-treaty", "tlatelolco", "rarotonga", "bangkok", "pelindaba"]
    assert [m.mention for m in matches[1:]] == ["Tlatelolco", "Rarotonga", "Bangkok", "Pelindaba"]


def test_acronyms_are_case_sensitive(gazetteer: Gazetteer) -> None:
    assert keys(find_treaties("the NPT and the ATT", gazetteer)) == ["npt", "att"]
    assert find_treaties("to attend, as was npt", gazetteer) == []
    assert find_treaties("see NPT/CONF.2010/50 (Vol. I)", gazetteer) == []


def test_every_ga_80_treaty_name_resolves_but_a_known_few(gazetteer: Gazetteer) -> None:
    """Coverage of the gazetteer: the raw texts, footnote markers removed."""
    unresolved: set[str] = set()
    resolved: set[str] = set()
    for path in sorted(GA_80.glob("*.md")):
        text = re.sub(r"\[\^\d+\]", "", path.read_text(encoding="utf-8"))
        matches = find_treaties(text, gazetteer)
        assert_offsets(text, matches)
        unresolved |= {" ".join(m.mention.split()) for m in matches if m.key is None}
        resolved |= {m.key for m in matches if m.key is not None}
    assert unresolved == {
        "Relationship Agreement",  # the United Nations has one with the ICC, IAEA, OPCW, ...
        "Additional Protocols I and II",  # two protocols at once, "to the Treaty of Tlatelolco"
        "Protocol to Children",  # A/RES/80/9: the Protocol's title is garbled in the source
        "Protocol III",  # "Protocol III to the Treaty": which treaty only the context says
        "Model Nuclear Weapons Convention",  # a draft, not a treaty
        # Headings cut after their first line in the raw Markdown; the parser completes them.
        "Treaty for the Prohibition of Nuclear Weapons in Latin America",
        "Convention on the Prohibition",
    }
    assert {
        "npt",
        "tpnw",
        "ctbt",
        "tlatelolco",
        "rarotonga",
        "bangkok",
        "pelindaba",
        "semipalatinsk",
        "semipalatinsk-protocol",
        "outer-space-treaty",
        "bwc",
        "cwc",
        "ccw",
        "ccw-protocol-v",
        "att",
        "new-start",
        "open-skies",
        "inf-treaty",
        "icsant",
        "cppnm-amendment",
    } <= resolved


# --- treaty series ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("footnote", "series", "key"),
    [
        (APMBC_72_75, "vol. 2056, No. 35597", "apmbc"),
        (CRPD_72_75, "vol. 2515, No. 44910", "crpd"),
        (AMENDED_PROTOCOL_II_72_75, "vol. 2048, No. 22495", "ccw-amended-protocol-ii"),
        (PROTOCOL_V_72_75, "vol. 2399, No. 22495", "ccw-protocol-v"),
        (CCW_72_75, "vol. 1342, No. 22495", "ccw"),
        (
            "See also United Nations, Treaty Series, vol. 729, No. 10485.",
            "vol. 729, No. 10485",
            "npt",
        ),
        (
            "United Nations, Treaty\nSeries, vol.  634,\nNo. 9068.",
            "vol. 634, No. 9068",
            "tlatelolco",
        ),
    ],
)
def test_treaty_series_footnotes(
    gazetteer: Gazetteer, footnote: str, series: str, key: str
) -> None:
    assert treaty_series_reference(footnote) == series
    assert find_treaty_by_series(series, gazetteer) == key


@pytest.mark.parametrize(
    "footnote",
    [
        "League of Nations, Treaty Series, vol. XCIV, No. 2138.",
        "Ibid., Fifteenth Special Session, Supplement No. 2 (A/S-15/2), sect. III.F.",
        "Ibid., vol. I (NPT/CONF.2010/50 (Vol. I)), part I, Conclusions and recommendations",
        "A/68/63/Add.1.",
        "Ibid.",
    ],
)
def test_footnotes_that_are_not_united_nations_treaty_series(footnote: str) -> None:
    assert treaty_series_reference(footnote) is None


def test_a_footnote_citing_two_volumes() -> None:
    footnote = "Ibid., vols. 2171 and 2173, No. 27531."
    assert treaty_series_reference(footnote) == "vols. 2171 and 2173, No. 27531"


def test_an_unknown_series_has_no_treaty(gazetteer: Gazetteer) -> None:
    assert find_treaty_by_series("vol. 1, No. 1", gazetteer) is None
    assert find_treaty_by_series(" vol.  2056,  No. 35597 ", gazetteer) == "apmbc"


# --- organizations -----------------------------------------------------------------------------


def test_organizations_of_the_committee_on_mine_action_footnote(gazetteer: Gazetteer) -> None:
    matches = find_organizations(COMMITTEE_68_72, gazetteer)
    assert [(m.key, m.mention) for m in matches] == [
        ("committee-on-mine-action", "Committee on Mine Action"),
        ("iacg-ma", "InterAgency Coordination Group on Mine Action"),
        ("icrc", "International Committee of the Red Cross"),
        ("gichd", "Geneva International Centre for Humanitarian Demining"),
    ]
    for m in matches:
        assert COMMITTEE_68_72[m.start : m.end] == m.mention


def test_organizations_longest_name_wins(gazetteer: Gazetteer) -> None:
    matches = find_organizations(IACG_68_72, gazetteer)
    found = [m.key for m in matches]
    assert found[:4] == ["unmas", "dpo", "secretariat", "unoda"]
    assert "united-nations" not in found  # always inside a longer name here
    women = next(m for m in matches if m.key == "un-women")
    assert women.mention.endswith("Empowerment of Women (UN-Women)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Department of Peacekeeping Operations", ["dpo"]),
        ("the Department of Peace Operations", ["dpo"]),
        ("chaired by the Mine Action Service at the working level", ["unmas"]),
        ("the United Nations Mine Action Service", ["unmas"]),
        (
            "the Technical Secretariat of the Organisation for the Prohibition of Chemical Weapons",
            ["opcw"],
        ),
        ("requests the Secretariat to explore", ["secretariat"]),
        ("the secretariat of the Convention", []),
        ("United Nations, Treaty Series, vol. 2056, No. 35597.", []),
        ("the International Atomic Energy Agency (IAEA) and the IAEA", ["iaea", "iaea"]),
        ("the World Health Organization, and who else", ["who"]),
        ("The General Assembly,", ["general-assembly"]),
        (
            "the Preparatory Commission for the Comprehensive Nuclear-Test-Ban Treaty Organization",
            ["ctbto-preparatory-commission"],
        ),
    ],
)
def test_find_organizations(gazetteer: Gazetteer, text: str, expected: list[str]) -> None:
    assert [m.key for m in find_organizations(text, gazetteer)] == expected


# --- the Inter-Agency Coordination Group -------------------------------------------------------


def test_a_res_68_72_lists_fourteen_members(gazetteer: Gazetteer) -> None:
    entries = parse_iacg_list(IACG_68_72, gazetteer)
    assert [e.key for e in entries] == [*IACG_MEMBERS, *IACG_OBSERVERS]
    assert {e.role for e in entries} == {IacgRole.MEMBER}
    assert all(e.footnote is None for e in entries)
    assert entries[0].name == (
        "United Nations Mine Action Service of the Department of Peacekeeping Operations of the "
        "Secretariat"
    )
    assert entries[5].name == "Food and Agriculture Organization of the United Nations"
    assert entries[7].name == (
        "United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women)"
    )
    assert entries[-1].name == "World Bank"


@pytest.mark.parametrize("footnote", [IACG_72_75, IACG_76_74], ids=["72/75", "76/74"])
def test_later_lists_have_twelve_members_and_two_observers(
    gazetteer: Gazetteer, footnote: str
) -> None:
    entries = parse_iacg_list(footnote, gazetteer)
    members = [e.key for e in entries if e.role is IacgRole.MEMBER]
    observers = [e for e in entries if e.role is IacgRole.OBSERVER]
    assert members == list(IACG_MEMBERS)
    assert [e.key for e in observers] == list(IACG_OBSERVERS)
    assert [e.name for e in observers] == [
        "United Nations Institute for Disarmament Research",
        "World Bank",
    ]


def test_the_mine_action_service_under_its_later_name(gazetteer: Gazetteer) -> None:
    first = parse_iacg_list(IACG_76_74, gazetteer)[0]
    assert first.key == "unmas"
    assert (
        first.name == "Mine Action Service of the Department of Peace Operations of the Secretariat"
    )


def test_an_iacg_footnote_with_its_line_breaks(gazetteer: Gazetteer) -> None:
    # A/RES/72/75 footnote 4 as the PDF lines break it, straight from the corpus file.
    raw = (CORPUS / "A_RES_72_75.txt").read_text(encoding="utf-8")
    footnote = raw[raw.index("Consisting of") : raw.index("5  Resolution 70/1.")]
    assert "\n" in footnote
    entries = parse_iacg_list(footnote, gazetteer)
    assert [(e.key, e.role) for e in entries] == [
        *((key, IacgRole.MEMBER) for key in IACG_MEMBERS),
        *((key, IacgRole.OBSERVER) for key in IACG_OBSERVERS),
    ]
    assert entries[2].name == "United Nations Development Programme"


def test_an_unknown_entity_is_listed_without_a_key(gazetteer: Gazetteer) -> None:
    footnote = (
        "Consisting of the United Nations Mine Action Service, the United Nations Foo Office "
        "and the World Bank."
    )
    entries = parse_iacg_list(footnote, gazetteer)
    assert [(e.name, e.key) for e in entries] == [
        ("United Nations Mine Action Service", "unmas"),
        ("United Nations Foo Office", None),
        ("World Bank", "world-bank"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (IACG_68_72, True),
        (IACG_72_75, True),
        (IACG_76_74, True),
        (COMMITTEE_68_72, False),
        (TREATIES_68_72, False),
        (APMBC_72_75, False),
        ("Consisting of Member States of the region.", False),
    ],
)
def test_is_iacg_footnote(text: str, expected: bool) -> None:
    assert is_iacg_footnote(text) is expected


def test_the_1980_convention_is_the_ccw_unless_a_longer_name_says_otherwise(
    gazetteer: Gazetteer,
) -> None:
    assert keys(find_treaties("States parties to the 1980 Convention", gazetteer)) == ["ccw"]
    text = "the 1980 Convention on the Physical Protection of Nuclear Material"
    assert keys(find_treaties(text, gazetteer)) == ["cppnm"]


def test_empty_text_names_nothing(gazetteer: Gazetteer) -> None:
    assert find_treaties("", gazetteer) == []
    assert find_organizations("", gazetteer) == []
    assert parse_iacg_list("", gazetteer) == []
    assert treaty_series_reference("") is None
    assert not is_iacg_footnote("")
