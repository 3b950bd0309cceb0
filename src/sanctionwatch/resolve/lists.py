"""Sanctions-list loaders: the UN Security Council consolidated XML and FtM JSON lines.

``read_list(path)`` yields :class:`ListEntry` records (format detected from the content);
``load_list(store, path)`` upserts them into the ``list_entries`` table.  Quirks of the UN
file handled here (see shared/data/sanctions/SOURCE.md): stray and trailing spaces in
names and reference numbers, the Korean family name in ``FIRST_NAME``, alias quality
Good/Low for persons and a.k.a./f.k.a. for entities, ``NAME_ORIGINAL_SCRIPT`` as an alias.
FtM: ``name``/``alias``/``previousName`` are names, ``weakAlias`` a weak name; ``Sanction``
entities attach their ``programId``/``unscId`` to the entity they name.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, delete, func, select
from sqlalchemy.orm import Session

from ..exceptions import InputError
from ..store.schema import FlagRow, ListEntryRow, MatchRow

__all__ = ["ListEntry", "PERSON_SCHEMAS", "ensure_tables", "entries", "load_list", "read_list"]

PERSON_SCHEMAS = {"Person"}
ENTITY_SCHEMAS = {"Person", "Organization", "Company", "LegalEntity", "PublicBody"}
UN_PROGRAMS = {"DPRK": "UN-SC1718", "Iran": "UN-SC1737"}

_TABLES = [ListEntryRow.__table__, MatchRow.__table__, FlagRow.__table__]
_ensured: set[str] = set()


def ensure_tables(bind: Any) -> None:
    """Create this stage's tables when a database predates them (idempotent, cheap)."""
    engine = bind if isinstance(bind, Engine) else bind.engine
    key = str(engine.url)
    if key in _ensured:
        return
    ListEntryRow.metadata.create_all(bind, tables=_TABLES, checkfirst=True)  # type: ignore[arg-type]
    _ensured.add(key)


@dataclass
class ListEntry:
    id: str
    dataset: str
    schema: str
    caption: str
    names: list[str] = field(default_factory=list)
    weak_names: list[str] = field(default_factory=list)
    reference: str | None = None
    program: str | None = None
    listed_on: str | None = None
    countries: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def is_person(self) -> bool:
        return self.schema in PERSON_SCHEMAS


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _add(names: list[str], name: str) -> None:
    name = _clean(name)
    if name and name not in names:
        names.append(name)


# -- UN consolidated list -------------------------------------------------------------------
def _text(node: ET.Element, tag: str) -> str:
    child = node.find(tag)
    return _clean(child.text if child is not None else "")


def _values(node: ET.Element, tag: str) -> list[str]:
    return [_clean(v.text) for v in node.findall(f"{tag}/VALUE") if _clean(v.text)]


def _un_entry(node: ET.Element, person: bool, source: str) -> ListEntry:
    parts = [_text(node, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    primary = " ".join(p for p in parts if p)
    list_type = _text(node, "UN_LIST_TYPE")
    dataid = _text(node, "DATAID")
    if not dataid:
        raise InputError(source, "an entry has no DATAID; is this the UN consolidated list XML?")
    entry = ListEntry(
        id=f"unsc-{dataid}", dataset="un_sc_sanctions", schema="Person" if person else "LegalEntity",
        caption=primary, reference=_text(node, "REFERENCE_NUMBER") or None,
        program=UN_PROGRAMS.get(list_type, f"UN-{list_type}" if list_type else None),
        listed_on=_text(node, "LISTED_ON") or None,
    )
    _add(entry.names, primary)
    original = _text(node, "NAME_ORIGINAL_SCRIPT")
    if original:
        _add(entry.names, original)
    alias_tag = "INDIVIDUAL_ALIAS" if person else "ENTITY_ALIAS"
    for alias in node.findall(alias_tag):
        name = _text(alias, "ALIAS_NAME")
        quality = _text(alias, "QUALITY").lower()
        if not name:
            continue
        if quality in ("low",):
            _add(entry.weak_names, name)
        else:
            _add(entry.names, name)
    entry.countries = _values(node, "NATIONALITY")
    for dob in node.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        value = _text(dob, "DATE") or _text(dob, "YEAR")
        if not value and _text(dob, "FROM_YEAR"):
            value = f"{_text(dob, 'FROM_YEAR')}/{_text(dob, 'TO_YEAR')}"
        if value:
            entry.birth_dates.append(value)
    entry.properties = {
        "list_type": list_type, "comments": _text(node, "COMMENTS1") or None,
        "titles": _values(node, "TITLE"), "designations": _values(node, "DESIGNATION"),
        "gender": _text(node, "GENDER") or None,
    }
    return entry


def _read_un(path: Path) -> Iterator[ListEntry]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(str(path), f"not well-formed XML: {exc}") from None
    if root.tag != "CONSOLIDATED_LIST":
        raise InputError(str(path), f"root element is <{root.tag}>, expected <CONSOLIDATED_LIST> (UN list XML)")
    for node in root.iter("INDIVIDUAL"):
        yield _un_entry(node, True, str(path))
    for node in root.iter("ENTITY"):
        yield _un_entry(node, False, str(path))


# -- FollowTheMoney JSON lines ---------------------------------------------------------------
def _strings(values: Any) -> list[str]:
    out: list[str] = []
    for v in values or []:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict) and v.get("caption"):  # nested export
            out.append(str(v["caption"]))
    return out


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _read_ftm(path: Path) -> Iterator[ListEntry]:
    entries: dict[str, ListEntry] = {}
    sanctions: list[dict[str, list[str]]] = []
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{path}:{lineno}", "not UTF-8 text; give a UN list XML or an FtM JSON lines "
                                 "file (--format un|ftm)") from None
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}", f"not JSON: {exc.msg}") from None
            if not isinstance(data, dict) or "schema" not in data or "id" not in data:
                raise InputError(f"{path}:{lineno}", "not an FtM entity (needs id, schema, properties)")
            props = data.get("properties") or {}
            schema = str(data["schema"])
            if schema == "Sanction":
                sanctions.append({k: _strings(v) for k, v in props.items()})
                continue
            for nested in (props.get("sanctions") or []):  # targets.nested.json
                if isinstance(nested, dict):
                    sanctions.append({**{k: _strings(v) for k, v in (nested.get("properties") or {}).items()},
                                      "entity": [str(data["id"])]})
            if schema not in ENTITY_SCHEMAS:
                continue
            entry = ListEntry(id=str(data["id"]), dataset=",".join(data.get("datasets") or []) or path.stem,
                              schema=schema, caption=str(data.get("caption") or ""))
            for key in ("name", "alias", "previousName"):
                for n in _strings(props.get(key)):
                    _add(entry.names, n)
            if schema == "Person":
                first, last = _strings(props.get("firstName")), _strings(props.get("lastName"))
                if first and last:
                    _add(entry.names, f"{last[0]} {first[0]}")
            for n in _strings(props.get("weakAlias")):
                _add(entry.weak_names, n)
            if not entry.caption and entry.names:
                entry.caption = entry.names[0]
            entry.countries = _strings(props.get("nationality")) + _strings(props.get("country"))
            entry.birth_dates = _strings(props.get("birthDate"))
            entry.program = _first(_strings(props.get("programId")))
            entry.properties = {"topics": _strings(props.get("topics")), "notes": _strings(props.get("notes"))[:3]}
            entries[entry.id] = entry
    for s in sanctions:
        for target in s.get("entity", []):
            if target in entries:
                e = entries[target]
                e.program = e.program or _first(s.get("programId"))
                e.reference = e.reference or _first(s.get("unscId"))
                e.listed_on = e.listed_on or _first(s.get("listingDate"))
    yield from entries.values()


def read_list(path: str | Path, format: str = "auto") -> Iterator[ListEntry]:
    """Entries of a list file: ``un`` (UN XML), ``ftm`` (FtM JSON lines) or ``auto``."""
    path = Path(path)
    if path.is_dir():
        raise InputError(str(path), "is a folder; give the path of a UN list XML or an FtM .json/.jsonl file")
    if not path.is_file():
        raise InputError(str(path), "no such file; give the path of a UN list XML or an FtM .json/.jsonl file")
    if format == "auto":
        with path.open("rb") as fh:
            head = fh.read(512).lstrip()
        format = "un" if head.startswith(b"<") else "ftm"
    if format == "un":
        yield from _read_un(path)
    elif format == "ftm":
        yield from _read_ftm(path)
    else:
        raise InputError(str(path), f"unknown list format {format!r}; use un, ftm or auto (--format)")


def load_list(session: Session, path: str | Path, format: str = "auto", program: str | None = None) -> int:
    """Upsert the entries of one list file (optionally only one program); returns the count."""
    ensure_tables(session.connection())
    n = 0
    for entry in read_list(path, format):
        if program and (entry.program or "").lower() != program.lower() and \
                (entry.properties.get("list_type") or "").lower() != program.lower():
            continue
        row = session.get(ListEntryRow, entry.id) or ListEntryRow(id=entry.id)
        for key, value in vars(entry).items():
            if key != "id":
                setattr(row, key, value)
        row.loaded_at = datetime.now(UTC)
        session.add(row)
        n += 1
    return n


def entries(session: Session) -> list[ListEntryRow]:
    ensure_tables(session.connection())
    return list(session.scalars(select(ListEntryRow).order_by(ListEntryRow.id)))


def clear(session: Session, dataset: str | None = None) -> int:
    ensure_tables(session.connection())
    q = delete(ListEntryRow)
    if dataset:
        q = q.where(ListEntryRow.dataset == dataset)
    # An ORM DELETE returns a CursorResult, but Session.execute is typed as returning a plain
    # Result; SQLAlchemy's changelog (2.0.44, typing) says to cast it to read rowcount.
    result = cast(CursorResult[Any], session.execute(q))
    return result.rowcount or 0


def fingerprint(session: Session) -> tuple[int, str]:
    """Changes when list entries are loaded: (count, newest load time)."""
    ensure_tables(session.connection())
    count, newest = session.execute(select(func.count(), func.max(ListEntryRow.loaded_at))).one()
    return int(count or 0), str(newest)
