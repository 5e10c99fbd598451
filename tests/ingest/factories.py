"""Parsed documents built by hand from the real text of A/RES/68/72, for loader tests."""

# They are what the parser is meant to return for (part of) that resolution, built with the real
# frozen dataclasses; end-to-end tests use the real parser on data/corpus instead.

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from app.document.errors import NotAResolution
from app.document.model import (
    Anchor,
    Clause,
    ClauseKind,
    DocumentReference,
    FollowUp,
    FollowUpKind,
    Footnote,
    Gazetteer,
    IacgEntry,
    IacgRole,
    Metadata,
    OrganizationEntry,
    OrganizationMention,
    ParsedResolution,
    ResolutionReference,
    SourceFormat,
    TreatyEntry,
    TreatyMention,
)

IACG_NAMES = (
    ("United Nations Mine Action Service", "unmas"),
    ("Office for Disarmament Affairs", "unoda"),
    ("United Nations Development Programme", "undp"),
    ("United Nations Children’s Fund", "unicef"),
)


def gazetteer() -> Gazetteer:
    return Gazetteer(
        treaties=(
            TreatyEntry(
                key="apmbc",
                name="Convention on the Prohibition of the Use, Stockpiling, Production and "
                "Transfer of Anti-personnel Mines and on Their Destruction",
                short_name="Anti-Personnel Mine Ban Convention",
                aliases=("Ottawa Convention", "Mine Ban Treaty"),
                year=1997,
                parent=None,
                treaty_series="vol. 2056, No. 35597",
            ),
            # Listed before its parent on purpose: parents are linked after all keys exist.
            TreatyEntry(
                key="ccw-protocol-v",
                name="Protocol on Explosive Remnants of War",
                short_name="Protocol V",
                aliases=("Protocol V to the 1980 Convention",),
                year=2003,
                parent="ccw",
                treaty_series=None,
            ),
            TreatyEntry(
                key="ccw",
                name="Convention on Prohibitions or Restrictions on the Use of Certain "
                "Conventional Weapons Which May Be Deemed to Be Excessively Injurious or to "
                "Have Indiscriminate Effects",
                short_name="Convention on Certain Conventional Weapons",
                aliases=("1980 Convention",),
                year=1980,
                parent=None,
                treaty_series="vol. 1342, No. 22495",
            ),
        ),
        organizations=(
            OrganizationEntry(
                key="dpko",
                name="Department of Peacekeeping Operations",
                acronym="DPKO",
                aliases=(),
                kind="un-secretariat",
                parent=None,
            ),
            OrganizationEntry(
                key="unmas",
                name="United Nations Mine Action Service",
                acronym="UNMAS",
                aliases=("Mine Action Service",),
                kind="un-secretariat",
                parent="dpko",
            ),
            OrganizationEntry(
                key="unoda",
                name="Office for Disarmament Affairs",
                acronym="UNODA",
                aliases=(),
                kind="un-secretariat",
                parent=None,
            ),
            OrganizationEntry(
                key="undp",
                name="United Nations Development Programme",
                acronym="UNDP",
                aliases=(),
                kind="un-fund-programme",
                parent=None,
            ),
            OrganizationEntry(
                key="unicef",
                name="United Nations Children's Fund",
                acronym="UNICEF",
                aliases=(),
                kind="un-fund-programme",
                parent=None,
            ),
        ),
    )


def resolution(symbol: str = "A/RES/68/72", *, corrected: bool = False) -> ParsedResolution:
    """A/RES/68/72, shortened; `corrected` is a later edition with different children."""
    session, number = (int(part) for part in symbol.split("/")[2:4])
    preamble = (
        Clause(
            key="pp.1",
            kind=ClauseKind.PREAMBULAR,
            number=1,
            label=None,
            lead="Recalling",
            verb=None,
            text="Recalling its resolution 66/69 of 9 December 2011 and all its previous "
            "resolutions on assistance in mine clearance and on assistance in mine action, "
            "all adopted without a vote,",
        ),
        Clause(
            key="pp.2",
            kind=ClauseKind.PREAMBULAR,
            number=2,
            label=None,
            lead="Recalling also",
            verb=None,
            text="Recalling also all relevant treaties and conventions and their review processes,",
            footnotes=(1,),
        ),
        Clause(
            key="pp.6",
            kind=ClauseKind.PREAMBULAR,
            number=6,
            label=None,
            lead="Recognizing",
            verb=None,
            text="Recognizing that, in addition to the primary role of States, the United "
            "Nations has a significant role to play in the field of assistance in mine action "
            "through the members of the Inter-Agency Coordination Group on Mine Action, "
            "including the United Nations Mine Action Service,",
            footnotes=(3,),
        ),
    )
    # The UN's own markup of this paragraph (80/74 op.5.e) keeps "(i)" and "(ii)" inside the
    # sentence of (e): one sub-paragraph, no third level.
    sub_e = Clause(
        key="op.3.e",
        kind=ClauseKind.SUBPARAGRAPH,
        number=None,
        label="e",
        lead=None,
        verb=None,
        text="Technological assistance (i) to countries affected by mines and explosive "
        "remnants of war; and (ii) to promote user-oriented scientific research on and "
        "development of mine-action techniques and technology that are effective, "
        "sustainable, appropriate and environmentally sound;",
    )
    operative = (
        Clause(
            key="op.1",
            kind=ClauseKind.OPERATIVE,
            number=1,
            label=None,
            lead=None,
            verb="Takes note",
            text="Takes note of the report of the Secretary-General;",
            footnotes=(7,),
        ),
        Clause(
            key="op.3",
            kind=ClauseKind.OPERATIVE,
            number=3,
            label=None,
            lead=None,
            verb="Urges",
            text="Urges all States to support mine-affected States, as appropriate, by providing:",
            children=(
                Clause(
                    key="op.3.a",
                    kind=ClauseKind.SUBPARAGRAPH,
                    number=None,
                    label="a",
                    lead=None,
                    verb=None,
                    text="Assistance to countries affected by mines and explosive remnants of war;",
                ),
                sub_e,
            ),
        ),
        Clause(
            key="op.15",
            kind=ClauseKind.OPERATIVE,
            number=15,
            label=None,
            lead=None,
            verb="Requests",
            text="Requests the Secretary-General to submit to the General Assembly at its "
            "seventieth session a report on the implementation of the present resolution;",
        ),
        Clause(
            key="op.16",
            kind=ClauseKind.OPERATIVE,
            number=16,
            label=None,
            lead=None,
            verb="Decides",
            text="Decides to include in the provisional agenda of its seventieth session the "
            "item entitled “Assistance in mine action”.",
        ),
    )
    footnotes = (
        Footnote(
            number=1,
            text="These include the Convention on the Prohibition of the Use, Stockpiling, "
            "Production and Transfer of Anti-personnel Mines and on Their Destruction, 1997; "
            "the Protocol on Explosive Remnants of War, 2003 (Protocol V to the 1980 "
            "Convention); and the Convention on the Rights of Persons with Disabilities, 2006.",
            cited_in=("pp.2",),
        ),
        Footnote(
            number=3,
            text="Consisting of the United Nations Mine Action Service, the Office for "
            "Disarmament Affairs, the United Nations Development Programme and the United "
            "Nations Children’s Fund.",
            cited_in=("pp.6",),
        ),
        Footnote(number=7, text="A/68/305.", cited_in=("op.1",)),
    )
    follow_ups = (
        FollowUp(
            kind=FollowUpKind.REPORT,
            actor="Secretary-General",
            target_session=70,
            title=None,
            clause="op.15",
            text=operative[2].text,
        ),
        FollowUp(
            kind=FollowUpKind.AGENDA_ITEM,
            actor="General Assembly",
            target_session=70,
            title="Assistance in mine action",
            clause="op.16",
            text=operative[3].text,
        ),
    )
    parsed = ParsedResolution(
        metadata=Metadata(
            symbol=symbol,
            body="General Assembly",
            session=session,
            number=number,
            part=None,
            title="Assistance in mine action",
            adopted_on=date(2013, 12, 11),
            plenary_meeting=65,
            agenda_item="50",
            committee_report="A/68/411",
        ),
        source_format=SourceFormat.PDF_TEXT,
        preamble=preamble,
        operative=operative,
        footnotes=footnotes,
        resolutions=(
            ResolutionReference(
                symbol="A/RES/66/69",
                mention="resolution 66/69 of 9 December 2011",
                adopted_on=date(2011, 12, 9),
                anchor=Anchor(clause="pp.1"),
            ),
        ),
        documents=(
            DocumentReference(symbol="A/68/305", mention="A/68/305", anchor=Anchor(footnote=7)),
        ),
        treaties=(
            TreatyMention(
                key="apmbc",
                mention="Convention on the Prohibition of the Use, Stockpiling, Production and "
                "Transfer of Anti-personnel Mines and on Their Destruction, 1997",
                anchor=Anchor(footnote=1),
            ),
            TreatyMention(
                key="ccw-protocol-v",
                mention="Protocol on Explosive Remnants of War, 2003",
                anchor=Anchor(footnote=1),
            ),
            TreatyMention(
                key=None,
                mention="Convention on the Rights of Persons with Disabilities, 2006",
                anchor=Anchor(footnote=1),
            ),
        ),
        organizations=(
            OrganizationMention(
                key="unmas",
                mention="United Nations Mine Action Service",
                anchor=Anchor(clause="pp.6"),
            ),
            OrganizationMention(
                key="unmas",
                mention="United Nations Mine Action Service",
                anchor=Anchor(footnote=3),
            ),
        ),
        iacg=tuple(
            IacgEntry(name=name, key=key, role=IacgRole.MEMBER, footnote=3)
            for name, key in IACG_NAMES
        ),
        follow_ups=follow_ups,
    )
    return corrected_edition(parsed) if corrected else parsed


def corrected_edition(parsed: ParsedResolution) -> ParsedResolution:
    """The same symbol with fewer, different children: what a corrected text would give."""
    op1 = replace(parsed.operative[0], text="Takes note with appreciation of the report;")
    return replace(
        parsed,
        preamble=parsed.preamble[:1],
        operative=(op1,),
        footnotes=(replace(parsed.footnotes[2], cited_in=("op.1",)),),
        resolutions=parsed.resolutions,
        documents=parsed.documents,
        treaties=(),
        organizations=(),
        iacg=(IacgEntry(name="World Bank", key=None, role=IacgRole.OBSERVER, footnote=None),),
        follow_ups=(),
    )


def parse_stub(text: str) -> ParsedResolution:
    """A stand-in parser for job tests: the first `A/RES/s/n` line names the resolution.

    A text containing `corrected` gives the corrected edition. The job's behaviour around the
    parser (reading, failures, transactions) is what these tests are about; the real parser
    on the real corpus is exercised end to end in test_cli.py.
    """
    match = re.search(r"^(A/RES/\d+/\d+)\s*$", text, flags=re.MULTILINE)
    if match is None:
        raise NotAResolution("no resolution symbol (A/RES/session/number) found", line=1)
    return resolution(match.group(1), corrected="corrected" in text)
