"""The Member States gazetteer: every spelling of the records resolves to one State."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from app.reference.loader import GazetteerError, load_member_states
from app.reference.member_states import MemberStates, SponsorName, StateStatus

SNAPSHOT = Path(os.environ.get("UNXML_DIR", "/tmp/unxml/GAresolutions"))

# The sponsor list of A/RES/80/74 (draft A/C.4/80/L.7), as its AKN4UN file writes it.
SPONSORS_80_74 = (
    "Austria, Belgium, Bulgaria, Canada, Croatia, Cyprus, Czechia, Denmark, Estonia, Finland, "
    "France, Germany, Greece, Hungary, Ireland, Italy, Latvia, Lithuania, Luxembourg, Malta, "
    "Monaco, Netherlands (Kingdom of the), North Macedonia, Poland, Portugal, Republic of "
    "Moldova, Romania, San Marino, Slovakia, Slovenia, Spain, Sweden and United Kingdom of Great "
    "Britain and Northern Ireland"
)


@pytest.fixture(scope="module")
def states() -> MemberStates:
    return load_member_states()


def test_every_member_state_and_both_observers(states: MemberStates) -> None:
    members = [e for e in states.entries if e.status is StateStatus.MEMBER]
    observers = {e.key for e in states.entries if e.status is StateStatus.OBSERVER}
    assert len(members) == 193
    assert observers == {"pse", "vat"}


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        # Türkiye across the records' spellings (74.json to 76.json, 77.json, 78.json, XML).
        ("TURKEY", "tur"),
        ("TURKIYE", "tur"),
        ("TÜRKIYE", "tur"),
        ("TÜRKİYE", "tur"),
        ("TÜRKÝYE", "tur"),
        ("Türkiye", "tur"),
        ("SWAZILAND", "swz"),
        ("ESWATINI", "swz"),
        ("NETHERLANDS", "nld"),
        ("NETHERLANDS (KINGDOM OF THE)", "nld"),
        ("the Bahamas", "bhs"),
        ("BAHAMAS (THE)", "bhs"),
        ("COTE D'IVOIRE", "civ"),
        ("Côte d’Ivoire", "civ"),
        ("UNITED STATES", "usa"),
        ("United States of America", "usa"),
        ("State of Palestine", "pse"),
    ],
)
def test_spellings_resolve_to_one_state(states: MemberStates, spelling: str, key: str) -> None:
    entry = states.find(spelling)
    assert entry is not None
    assert entry.key == key


def test_unterm_identifiers_resolve_bare_or_as_url(states: MemberStates) -> None:
    guid = "356ac538-feb4-4d8a-a4e9-a9eb5dd40fc5"  # TÜRKİYE in every recorded vote
    by_url = states.by_unterm(f"https://unterm.un.org/unterm2/en/view/{guid}")
    assert by_url is not None
    assert by_url.key == "tur"
    assert states.by_unterm(guid) is by_url
    assert states.by_unterm("00000000-0000-0000-0000-000000000000") is None


def test_a_sponsor_list_keeps_names_that_hold_and(states: MemberStates) -> None:
    sponsors = states.sponsors(SPONSORS_80_74)
    assert len(sponsors) == 33
    assert all(s.key for s in sponsors)
    assert sponsors[0] == SponsorName("Austria", "aut")
    assert sponsors[-1] == SponsorName(
        "United Kingdom of Great Britain and Northern Ireland", "gbr"
    )
    keys = [s.key for s in states.sponsors("Antigua and Barbuda and Bosnia and Herzegovina")]
    assert keys == ["atg", "bih"]


def test_a_sponsor_on_behalf_of_a_group_and_one_that_is_no_state(states: MemberStates) -> None:
    (uganda,) = states.sponsors(
        "Uganda (on behalf of the States Members of the United Nations that are members of the "
        "Group of 77 and China)"
    )
    assert uganda.key == "uga"
    assert uganda.on_behalf_of == (
        "the States Members of the United Nations that are members of the Group of 77 and China"
    )
    (chair,) = states.sponsors(
        "submitted by the Chair of the Committee following informal consultations"
    )
    assert chair.key is None
    assert chair.name.startswith("submitted by the Chair")


def test_a_bad_file_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "states.yaml"
    path.write_text(
        "- {key: tur, name: Türkiye, vote_name: TÜRKİYE, iso3: TUR, status: member}\n"
        "- {key: xxx, name: Türkiye, vote_name: X, iso3: XXX, status: member}\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError, match=r"entry 'xxx': 'turkiye' also belongs to 'tur'"):
        load_member_states(path)
    path.write_text(
        "- {key: tur, name: T, vote_name: T, iso3: TUR, status: member, unterm: NOPE}\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError, match=r"unterm 'NOPE' is not a UNTERM identifier"):
        load_member_states(path)


@pytest.mark.skipif(not SNAPSHOT.is_dir(), reason="the UN AKN4UN snapshot is not unpacked")
def test_every_state_of_the_snapshot_resolves(states: MemberStates) -> None:
    """Every voter (by GUID and by name) and every State name of the data extracts resolves."""
    voters = 0
    for path in SNAPSHOT.glob("*session/English/*.xml"):
        text = path.read_text(encoding="utf-8")
        for guid, name in re.findall(r'GUID="([^"]+)">([^<]+)<', text):
            voters += 1
            entry = states.by_unterm(guid)
            assert entry is not None, (path.name, guid, name)
            assert states.find(name) is entry, (path.name, name)
    names = 0
    for path in (SNAPSHOT / "data_extract").glob("*.json"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            for column in ("MS_in_favour", "MS_against", "MS_abstaining"):
                for name in record.get(column) or []:
                    names += 1
                    assert states.find(name) is not None, (path.name, name)
    # The files list voters by GUID from session 79 on; the extracts list them by name.
    assert voters > 30_000
    assert names > 100_000
