"""The shipped gazetteers load, hold together and cover the corpus; bad files fail clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.document.entities import (
    find_treaty_by_series,
    normalize_name,
    parse_iacg_list,
    treaty_series_reference,
)
from app.document.model import Gazetteer, OrganizationEntry, TreatyEntry
from app.reference import GazetteerError, load_gazetteer
from app.reference.loader import ORGANIZATION_KINDS
from tests.reference.corpus_footnotes import CORPUS, IACG_FOOTNOTES, SOURCES, squash
from tests.text_corpus import GA_80


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_loads_the_shipped_files_once(gazetteer: Gazetteer) -> None:
    assert load_gazetteer() is gazetteer
    assert all(isinstance(t, TreatyEntry) for t in gazetteer.treaties)
    assert all(isinstance(o, OrganizationEntry) for o in gazetteer.organizations)
    assert len(gazetteer.treaties) >= 60
    assert len(gazetteer.organizations) >= 60


@pytest.mark.parametrize("kind", ["treaties", "organizations"])
def test_keys_are_unique_and_parents_resolve(gazetteer: Gazetteer, kind: str) -> None:
    entries: tuple[TreatyEntry | OrganizationEntry, ...] = getattr(gazetteer, kind)
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) for key in keys)
    for entry in entries:
        assert entry.parent is None or entry.parent in keys, entry.key


def test_no_two_entries_share_a_name(gazetteer: Gazetteer) -> None:
    owners: dict[str, str] = {}
    for t in gazetteer.treaties:
        for name in (t.name, t.short_name, *t.aliases):
            if name:
                assert owners.setdefault(normalize_name(name), t.key) == t.key, name


def test_the_mine_action_treaties_and_their_protocols(gazetteer: Gazetteer) -> None:
    treaties = {t.key: t for t in gazetteer.treaties}
    assert treaties["apmbc"].treaty_series == "vol. 2056, No. 35597"
    assert "Ottawa Convention" in treaties["apmbc"].aliases
    assert treaties["ccw"].treaty_series == "vol. 1342, No. 22495"
    assert treaties["ccw-amended-protocol-ii"].parent == "ccw"
    assert treaties["ccw-amended-protocol-ii"].treaty_series == "vol. 2048, No. 22495"
    assert treaties["ccw-protocol-v"].parent == "ccw"
    assert treaties["ccw-protocol-v"].treaty_series == "vol. 2399, No. 22495"
    assert treaties["crpd"].treaty_series == "vol. 2515, No. 44910"
    assert treaties["geneva-additional-protocol-i"].parent == "geneva-conventions"
    assert treaties["npt"].treaty_series == "vol. 729, No. 10485"
    # An ambiguous label is nobody's alias.
    all_names = {normalize_name(n) for t in gazetteer.treaties for n in (t.name, *t.aliases)}
    assert normalize_name("Protocol I") not in all_names
    assert normalize_name("Protocol II") not in all_names


def test_organization_kinds_and_hierarchy(gazetteer: Gazetteer) -> None:
    organizations = {o.key: o for o in gazetteer.organizations}
    assert all(o.kind in ORGANIZATION_KINDS for o in organizations.values())
    assert organizations["unmas"].parent == "dpo"
    assert organizations["dpo"].parent == "secretariat"
    assert organizations["unoda"].parent == "secretariat"
    assert organizations["ocha"].parent == "secretariat"
    assert "Department of Peacekeeping Operations" in organizations["dpo"].aliases
    assert "Mine Action Service" in organizations["unmas"].aliases
    assert organizations["general-assembly"].kind == "un-principal-organ"
    assert organizations["world-bank"].kind == "international-financial-institution"
    assert organizations["unidir"].kind == "un-research-institute"


@pytest.mark.parametrize("symbol", sorted(IACG_FOOTNOTES))
def test_every_iacg_entity_of_the_mine_action_texts_resolves(
    gazetteer: Gazetteer, symbol: str
) -> None:
    entries = parse_iacg_list(IACG_FOOTNOTES[symbol], gazetteer)
    assert len(entries) == 14
    assert all(entry.key is not None for entry in entries), entries


@pytest.mark.parametrize("file_name", sorted(SOURCES))
def test_the_footnotes_used_in_tests_are_verbatim_from_the_corpus(file_name: str) -> None:
    text = squash((CORPUS / file_name).read_text(encoding="utf-8"))
    for footnote in SOURCES[file_name]:
        assert squash(footnote) in text


# A/RES/80/9 cites both Optional Protocols to the Convention on the Rights of the Child at once.
_TWO_TREATIES = {"vols. 2171 and 2173, No. 27531"}
_CITATION = re.compile(
    r"(?:United Nations, Treaty Series|Ibid\.), vols?\. \d+(?: and \d+)?, No\. \d+",
)


def test_every_treaty_series_reference_in_the_corpus_is_known(gazetteer: Gazetteer) -> None:
    """Each "United Nations, Treaty Series, vol. N, No. M" of the corpus names a gazetteer entry."""
    seen: set[str] = set()
    for path in [*sorted(GA_80.glob("*.md")), *sorted(CORPUS.glob("*.txt"))]:
        for citation in _CITATION.findall(squash(path.read_text(encoding="utf-8"))):
            series = treaty_series_reference(citation)
            assert series is not None, citation
            seen.add(series)
    assert len(seen) >= 30
    unknown = {s for s in seen - _TWO_TREATIES if find_treaty_by_series(s, gazetteer) is None}
    assert unknown == set()


# --- broken data files ------------------------------------------------------------------------

_GOOD_TREATY = """
- key: ccw
  name: Convention on Certain Conventional Weapons
  year: 1980
"""
_GOOD_ORGANIZATION = """
- key: undp
  name: United Nations Development Programme
  acronym: UNDP
  kind: un-fund-programme
"""


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_other_files_can_be_loaded(tmp_path: Path) -> None:
    gazetteer = load_gazetteer(
        _write(tmp_path, "t.yaml", _GOOD_TREATY), _write(tmp_path, "o.yaml", _GOOD_ORGANIZATION)
    )
    assert [t.key for t in gazetteer.treaties] == ["ccw"]
    assert gazetteer.treaties[0].aliases == ()
    assert gazetteer.organizations[0].acronym == "UNDP"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("- key: [unclosed\n", "not valid YAML", id="syntax"),
        pytest.param("key: ccw\nname: CCW\n", "expected a list of entries", id="not-a-list"),
        pytest.param("- just a string\n", "entry 1: expected a mapping", id="not-a-mapping"),
        pytest.param("- key: ccw\n", "entry 1 ('ccw'): missing field(s): name", id="no-name"),
        pytest.param(
            "- key: ccw\n  name: CCW\n  alias: [1980 Convention]\n",
            "entry 1 ('ccw'): unknown field(s): alias",
            id="misspelt-field",
        ),
        pytest.param("- key: CCW\n  name: CCW\n", "is not a lowercase key", id="bad-key"),
        pytest.param(
            "- key: ccw\n  name: CCW\n  year: '1980'\n", "year must be a year", id="bad-year"
        ),
        pytest.param(
            "- key: ccw\n  name: CCW\n  treaty_series: 'vol 1342 No 22495'\n",
            "is not like 'vol. 2056, No. 35597'",
            id="bad-series",
        ),
        pytest.param(
            "- {key: ccw, name: CCW}\n- {key: ccw, name: Other}\n",
            "key 'ccw' is used by two entries",
            id="duplicate-key",
        ),
        pytest.param(
            "- {key: ccw-protocol-v, name: Protocol V, parent: ccw}\n",
            "entry 'ccw-protocol-v': parent 'ccw' is not a key of this file",
            id="unknown-parent",
        ),
        pytest.param(
            "- {key: a, name: A, parent: b}\n- {key: b, name: B, parent: a}\n",
            "parent chain loops back",
            id="parent-cycle",
        ),
        pytest.param(
            "- {key: ccw, name: CCW, aliases: [1980 Convention]}\n"
            "- {key: cppnm, name: CPPNM, aliases: [1980  convention]}\n",
            "entry 'cppnm': name or alias '1980 convention' also belongs to 'ccw'",
            id="shared-alias",
        ),
        pytest.param(
            "- {key: a, name: A, treaty_series: 'vol. 1, No. 2'}\n"
            "- {key: b, name: B, treaty_series: 'vol. 1, No. 2'}\n",
            "treaty_series 'vol. 1, No. 2' also belongs to 'a'",
            id="shared-series",
        ),
    ],
)
def test_a_broken_treaties_file_names_file_and_entry(
    tmp_path: Path, content: str, message: str
) -> None:
    path = _write(tmp_path, "treaties.yaml", content)
    with pytest.raises(GazetteerError, match=re.escape(message)) as caught:
        load_gazetteer(path, _write(tmp_path, "o.yaml", _GOOD_ORGANIZATION))
    assert str(path) in str(caught.value)


def test_a_broken_organizations_file_names_file_and_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, "organizations.yaml", "- {key: undp, name: UNDP, kind: agency}\n")
    with pytest.raises(GazetteerError) as caught:
        load_gazetteer(_write(tmp_path, "t.yaml", _GOOD_TREATY), path)
    assert str(caught.value).startswith(f"{path}: entry 1 ('undp'): kind 'agency' is not one of")


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(GazetteerError, match="cannot be read"):
        load_gazetteer(missing, missing)
