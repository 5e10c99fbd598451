"""Load and check the curated reference data shipped as package data: treaties, organizations,
States, and the short names of series."""

# Each file is a YAML list of mappings, e.g. `- {key: apmbc, name: Convention on the Prohibition
# of ..., short_name: ..., aliases: [Ottawa Convention], year: 1997, parent: null, ...}`.

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

import yaml

from app.document.entities import normalize_name
from app.document.model import Gazetteer, OrganizationEntry, TreatyEntry
from app.reference.member_states import MemberStateEntry, MemberStates, StateStatus, name_form

ORGANIZATION_KINDS = frozenset(
    {
        "intergovernmental",  # the United Nations itself, INTERPOL, the Conference on Disarmament
        "un-principal-organ",  # General Assembly, Security Council, Secretariat, ...
        "ga-subsidiary",  # Main Committees, commissions and councils of the General Assembly
        "un-secretariat",  # departments, offices and services of the Secretariat
        "un-fund-programme",  # UNDP, UNICEF, WFP, ...
        "un-entity",  # the system chart's "other entities": UNHCR, UNOPS, UN-Women, UNCTAD
        "un-research-institute",  # UNIDIR
        "un-oversight-body",  # Joint Inspection Unit
        "trust-fund",
        "specialized-agency",  # FAO, WHO, ...
        "related-organization",  # IAEA, OPCW, CTBTO Preparatory Commission, WTO
        "international-financial-institution",  # World Bank
        "international-court",  # International Criminal Court
        "coordination-body",  # Inter-Agency Coordination Group on Mine Action
        "informal-forum",  # Committee on Mine Action, Mine Action Support Group
        "advisory-body",
        "treaty-body",  # bodies set up by a treaty: OPANAL, AFCONE
        "regional-organization",
        "humanitarian-organization",  # ICRC, IFRC
        "ngo",
    }
)

_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEY_LENGTH = 64
_TREATY_SERIES = re.compile(r"vol\. \d+, No\. \d+")
_PACKAGE = "app.reference"


class GazetteerError(ValueError):
    """A gazetteer data file is unreadable or inconsistent; the message names file and entry."""


def _default_path(name: str) -> Path:
    return Path(str(files(_PACKAGE).joinpath(name)))


@lru_cache(maxsize=4)
def load_gazetteer(
    treaties_path: Path | None = None, organizations_path: Path | None = None
) -> Gazetteer:
    """The treaties and organizations gazetteer, read once; other files can be given for tests."""
    treaties_path = treaties_path or _default_path("treaties.yaml")
    organizations_path = organizations_path or _default_path("organizations.yaml")
    return Gazetteer(
        treaties=_load(treaties_path, _treaty, _treaty_names),
        organizations=_load(organizations_path, _organization, _organization_names),
    )


_Entry = TypeVar("_Entry", TreatyEntry, OrganizationEntry)


def _read_yaml(path: Path) -> object:
    """The YAML document in `path`, or a GazetteerError saying why it cannot be had."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot be read ({exc})") from exc
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{path}: not valid YAML ({exc})") from exc


def _load(
    path: Path,
    build: Callable[[_Record], _Entry],
    names: Callable[[_Entry], Iterator[str]],
) -> tuple[_Entry, ...]:
    data = _read_yaml(path)
    if not isinstance(data, list):
        raise GazetteerError(f"{path}: expected a list of entries, found {type(data).__name__}")
    entries: list[_Entry] = []
    for position, item in enumerate(data, start=1):
        record = _Record(path, position, item)
        entries.append(build(record))
    _check_references(path, entries, names)
    return tuple(entries)


class _Record:
    """One mapping of a data file; its errors say which file and which entry."""

    def __init__(self, path: Path, position: int, item: object) -> None:
        self.path = path
        self.position = position
        self.item: Mapping[str, Any] = item if isinstance(item, Mapping) else {}
        if not isinstance(item, Mapping):
            raise self.error(f"expected a mapping, found {type(item).__name__}")

    @property
    def label(self) -> str:
        key = self.item.get("key")
        return f"entry {self.position}" + (f" ({key!r})" if isinstance(key, str) else "")

    def error(self, problem: str) -> GazetteerError:
        return GazetteerError(f"{self.path}: {self.label}: {problem}")

    def check_fields(self, required: set[str], optional: set[str]) -> None:
        missing = sorted(required - self.item.keys())
        if missing:
            raise self.error(f"missing field(s): {', '.join(missing)}")
        unknown = sorted(self.item.keys() - required - optional)
        if unknown:
            raise self.error(f"unknown field(s): {', '.join(unknown)}")

    def text(self, field: str) -> str:
        value = self.item.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"{field} must be a non-empty string, found {value!r}")
        return " ".join(value.split())

    def optional_text(self, field: str) -> str | None:
        return None if self.item.get(field) is None else self.text(field)

    def key(self, field: str = "key") -> str:
        value = self.text(field)
        if not _KEY.fullmatch(value) or len(value) > _KEY_LENGTH:
            raise self.error(
                f"{field} {value!r} is not a lowercase key like 'ccw-protocol-v' "
                f"(at most {_KEY_LENGTH} characters)"
            )
        return value

    def optional_key(self, field: str) -> str | None:
        return None if self.item.get(field) is None else self.key(field)

    def aliases(self) -> tuple[str, ...]:
        value = self.item.get("aliases")
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
            raise self.error(f"aliases must be a list of non-empty strings, found {value!r}")
        return tuple(" ".join(a.split()) for a in value)

    def year(self) -> int | None:
        value = self.item.get("year")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1800 <= value <= 2100:
            raise self.error(f"year must be a year like 1997, found {value!r}")
        return value


def _treaty(record: _Record) -> TreatyEntry:
    record.check_fields(
        required={"key", "name"},
        optional={"short_name", "aliases", "year", "parent", "treaty_series"},
    )
    series = record.optional_text("treaty_series")
    if series is not None and not _TREATY_SERIES.fullmatch(series):
        raise record.error(f"treaty_series {series!r} is not like 'vol. 2056, No. 35597'")
    return TreatyEntry(
        key=record.key(),
        name=record.text("name"),
        short_name=record.optional_text("short_name"),
        aliases=record.aliases(),
        year=record.year(),
        parent=record.optional_key("parent"),
        treaty_series=series,
    )


def _organization(record: _Record) -> OrganizationEntry:
    record.check_fields(required={"key", "name", "kind"}, optional={"acronym", "aliases", "parent"})
    kind = record.text("kind")
    if kind not in ORGANIZATION_KINDS:
        raise record.error(f"kind {kind!r} is not one of {', '.join(sorted(ORGANIZATION_KINDS))}")
    return OrganizationEntry(
        key=record.key(),
        name=record.text("name"),
        acronym=record.optional_text("acronym"),
        aliases=record.aliases(),
        kind=kind,
        parent=record.optional_key("parent"),
    )


def _treaty_names(entry: TreatyEntry) -> Iterator[str]:
    yield entry.name
    if entry.short_name:
        yield entry.short_name
    yield from entry.aliases


def _organization_names(entry: OrganizationEntry) -> Iterator[str]:
    yield entry.name
    if entry.acronym:
        yield entry.acronym
    yield from entry.aliases


def _check_references(
    path: Path,
    entries: list[_Entry],
    names: Callable[[_Entry], Iterator[str]],
) -> None:
    """Unique keys, parents that exist without cycles, no name shared by two entries."""
    by_key: dict[str, _Entry] = {}
    for entry in entries:
        if entry.key in by_key:
            raise GazetteerError(f"{path}: key {entry.key!r} is used by two entries")
        by_key[entry.key] = entry
    owners: dict[str, str] = {}
    series: dict[str, str] = {}
    for entry in entries:
        label = f"{path}: entry {entry.key!r}"
        if entry.parent is not None and entry.parent not in by_key:
            raise GazetteerError(f"{label}: parent {entry.parent!r} is not a key of this file")
        _check_no_cycle(label, entry, by_key)
        for name in names(entry):
            # Names are compared the way the matcher compares them, so two entries can never
            # claim the same words in a text.
            normalized = normalize_name(name)
            owner = owners.setdefault(normalized, entry.key)
            if owner != entry.key:
                raise GazetteerError(f"{label}: name or alias {name!r} also belongs to {owner!r}")
        if isinstance(entry, TreatyEntry) and entry.treaty_series is not None:
            owner = series.setdefault(entry.treaty_series, entry.key)
            if owner != entry.key:
                raise GazetteerError(
                    f"{label}: treaty_series {entry.treaty_series!r} also belongs to {owner!r}"
                )


def _check_no_cycle(label: str, entry: _Entry, by_key: Mapping[str, _Entry]) -> None:
    seen = {entry.key}
    parent = entry.parent
    while parent is not None:
        if parent in seen:
            raise GazetteerError(f"{label}: parent chain loops back to {parent!r}")
        seen.add(parent)
        parent = by_key[parent].parent if parent in by_key else None


_ISO3 = re.compile(r"[A-Z]{3}")
_UNTERM = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@lru_cache(maxsize=4)
def load_member_states(path: Path | None = None) -> MemberStates:
    """The Member States and observer States (member_states.yaml), read once."""
    path = path or _default_path("member_states.yaml")
    data = _read_yaml(path)
    if not isinstance(data, list):
        raise GazetteerError(f"{path}: expected a list of entries, found {type(data).__name__}")
    entries = [_member_state(_Record(path, n, item)) for n, item in enumerate(data, start=1)]
    owners: dict[str, str] = {}
    for entry in entries:
        if entry.key != entry.iso3.lower():
            raise GazetteerError(f"{path}: entry {entry.key!r}: key must be its iso3 in lower case")
        identities = [entry.key, *(name_form(n) for n in (entry.name, entry.vote_name))]
        identities += [name_form(alias) for alias in entry.aliases]
        identities += [entry.unterm] if entry.unterm else []
        for identity in dict.fromkeys(identities):
            owner = owners.setdefault(identity, entry.key)
            if owner != entry.key:
                raise GazetteerError(
                    f"{path}: entry {entry.key!r}: {identity!r} also belongs to {owner!r}"
                )
    return MemberStates(entries)


def _member_state(record: _Record) -> MemberStateEntry:
    record.check_fields(
        required={"key", "name", "vote_name", "iso3", "status"}, optional={"unterm", "aliases"}
    )
    iso3 = record.text("iso3")
    if not _ISO3.fullmatch(iso3):
        raise record.error(f"iso3 {iso3!r} is not an ISO 3166-1 alpha-3 code like 'TUR'")
    unterm = record.optional_text("unterm")
    if unterm is not None and not _UNTERM.fullmatch(unterm):
        raise record.error(f"unterm {unterm!r} is not a UNTERM identifier (a lowercase UUID)")
    status = record.text("status")
    if status not in set(StateStatus):
        raise record.error(f"status {status!r} is not one of {', '.join(StateStatus)}")
    return MemberStateEntry(
        key=record.key(),
        name=record.text("name"),
        vote_name=record.text("vote_name"),
        iso3=iso3,
        unterm=unterm,
        status=StateStatus(status),
        aliases=record.aliases(),
    )


_SERIES_KEY_LENGTH = 200


@lru_cache(maxsize=4)
def load_series_aliases(path: Path | None = None) -> dict[str, str]:
    """Short name -> series key (series.yaml), read once: one short name per series."""
    path = path or _default_path("series.yaml")
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: expected a mapping of short names to series keys")
    aliases: dict[str, str] = {}
    named: dict[str, str] = {}
    for alias, key in data.items():
        for value in (alias, key):
            if not isinstance(value, str) or not _KEY.fullmatch(value):
                raise GazetteerError(f"{path}: {value!r} is not a key like 'ccm-implementation'")
            if len(value) > _SERIES_KEY_LENGTH:
                raise GazetteerError(f"{path}: {value!r} is longer than a series key can be")
        if (other := named.setdefault(key, alias)) != alias:
            raise GazetteerError(
                f"{path}: series {key!r} has two short names, {other!r} and {alias!r}"
            )
        aliases[alias] = key
    for alias, key in aliases.items():
        if alias != key and alias in named:
            raise GazetteerError(f"{path}: short name {alias!r} is the key of another series")
    return aliases
