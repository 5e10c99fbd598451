"""Repairs of extraction damage to words, and the compound hyphens that must survive."""

from __future__ import annotations

import pytest

from app.sources.text.words import join_hyphenated, repair_words


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        (
            "sustainability and capacity-",
            "building, as well",
            "sustainability and capacity-building, as well",
        ),
        (
            "a peace- and confidence-",
            "building measure",
            "a peace- and confidence-building measure",
        ),
        ("are gender-", "and age-sensitive", "are gender- and age-sensitive"),
        (
            "informal donor information-",
            "sharing forum",
            "informal donor information-sharing forum",
        ),
        ("the informa-", "tion provided", "the information provided"),
        ("non-", "governmental organizations", "non-governmental organizations"),
    ],
)
def test_line_end_hyphens(left: str, right: str, joined: str) -> None:
    assert join_hyphenated(left, right) == joined


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        (
            "the Protocol Add itional to the Geneva Conventions",
            "the Protocol Additional to the Geneva Conventions",
        ),
        ("Disarmament Research an d the World Bank", "Disarmament Research and the World Bank"),
        ("are gender- and agesensitive, so that", "are gender- and age-sensitive, so that"),
        (
            "The members are the InterAgency Coordination Group",
            "The members are the Inter-Agency Coordination Group",
        ),
        (
            "the African Nuclear- Weapon-Free Zone Treaty",
            "the African Nuclear-Weapon-Free Zone Treaty",
        ),
        ("in the post- cold-war era", "in the post-cold-war era"),
        (
            "a United Nations high- level international conference",
            "a United Nations high-level international conference",
        ),
    ],
)
def test_in_line_repairs(damaged: str, repaired: str) -> None:
    assert repair_words(damaged) == repaired


@pytest.mark.parametrize(
    "intact",
    [
        "capacity-building assistance to affected countries",
        "gender-, age- and disability-appropriate perspective",
        "peace- and confidence-building measure",
        "in to the",
        "Tlatelolco and Pelindaba",
        "UN-Women and UNMAS",
    ],
)
def test_intact_text_is_left_alone(intact: str) -> None:
    assert repair_words(intact) == intact


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # 77/60 op.8: "confidence -" at a line end, "building" on the next line.
        (
            "the views of Member States on confidence - building measures",
            "the views of Member States on confidence-building measures",
        ),
        # 77/1 pp.3: the en dash of a range of years set apart by the extraction.
        (
            "the Sendai Framework for Disaster Risk Reduction 2015 – 2030,",
            "the Sendai Framework for Disaster Risk Reduction 2015–2030,",
        ),
    ],
)
def test_a_hyphen_or_range_dash_set_apart_is_closed(damaged: str, repaired: str) -> None:
    assert repair_words(damaged) == repaired


@pytest.mark.parametrize(
    "intact",
    [
        "sustainable development – that is also relevant",
        "in 2015 – the year of the Agenda – and",
        "pre- and post-conflict",
    ],
)
def test_a_dash_between_words_stays(intact: str) -> None:
    assert repair_words(intact) == intact


def test_a_word_found_twice_or_in_a_markdown_text_keeps_its_form() -> None:
    # 80/43 writes "SaferGuard" five times, 80/67 "unsafeguarded" three: not dropped hyphens.
    assert repair_words("the SaferGuard programme", kept=frozenset({"SaferGuard"})) == (
        "the SaferGuard programme"
    )
    assert repair_words("the InterAgency Group") == "the Inter-Agency Group"
    # A Markdown conversion keeps line-end hyphens ("Secretary- General"): nothing to restore.
    assert repair_words("agencies and subagencies;", restore=False) == "agencies and subagencies;"
    assert repair_words("Secretary- General", restore=False) == "Secretary-General"
