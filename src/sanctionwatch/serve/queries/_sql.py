"""What the query modules share: the page record, list totals, LIKE filters, date bounds, limits."""
from __future__ import annotations

import ntpath
import os
import re
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Select, Text, and_, cast, func, or_
from sqlalchemy.orm import Session, aliased

from ...store import DocumentRow

_DOC = aliased(DocumentRow, name="doc_dates")
MAX_LIMIT = 500
#: The largest offset a list takes (SQLite's integers stop at 2**63 - 1).
MAX_OFFSET = 1_000_000_000


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


#: Totals one database connection remembers (see ``count``); past this many, it forgets them all.
_COUNTS_KEPT = 256


def count(s: Session, statement: Select[Any], key: Hashable) -> int:
    """The value of ``statement`` (a list's ``SELECT count(*)``), remembered on SQLite until the database changes.

    A total is a pass over every matching index entry (100,000 claims: about a
    millisecond of the database's time per request), the same answer until something
    is written.  On SQLite each connection keeps the totals it counted, under ``key``
    (the list and its filters), for as long as ``PRAGMA data_version`` (which moves
    when any other connection, in any process, commits) and the connection's own
    ``total_changes`` stay the same; the version is read before counting, so a total
    is never older than its version.  Inside a write transaction, and on PostgreSQL,
    it counts every time.
    """
    connection = s.connection()
    raw = connection.connection.dbapi_connection
    if (connection.dialect.name != "sqlite" or getattr(raw, "in_transaction", True)
            or not isinstance(getattr(raw, "total_changes", None), int)):
        return s.scalar(statement) or 0
    version = (raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes)  # type: ignore[union-attr]
    kept: tuple[Any, dict[Hashable, int]] | None = connection.info.get("sanctionwatch_counts")
    if kept is None or kept[0] != version or len(kept[1]) >= _COUNTS_KEPT:
        kept = connection.info["sanctionwatch_counts"] = (version, {})
    total = kept[1].get(key)
    if total is None:
        total = kept[1][key] = s.scalar(statement) or 0
    return int(total)


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ilike(column: Any, value: str) -> Any:
    """``column`` contains ``value``, ignoring case; a JSON column (the evidence) is read as its text."""
    if isinstance(getattr(column, "type", None), JSON):
        column = cast(column, Text)  # PostgreSQL has no lower(json)
    return func.lower(column).like(_like(value), escape="\\")


def _until(value: str) -> str:
    """An upper bound that keeps every timestamp of the day (or month) ``value`` names."""
    return value + "~"


def _since(when: Any, value: str) -> Any:
    """``when`` on or after ``value``; a coarser date ("2024-11") counts when its period overlaps."""
    return when >= func.substr(value, 1, func.length(when))


def _in_range(column: Any, since: str | None, until: str | None) -> Any:
    """An ISO date column within [since, until], in a form an index on ``column`` serves.

    A coarser stored date overlapping ``since`` counts: "2024-11" and "2024" are in range
    from "2024-11-15".
    """
    cond = []
    if since:
        coarser = {since[:7], since[:4]} - {since}
        cond.append(or_(column >= since, column.in_(sorted(coarser))) if coarser else column >= since)
    if until:
        cond.append(column < _until(until))
    return and_(*cond)


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))


_ABSOLUTE = re.compile(r"^(?:[/\\]|[A-Za-z]:[/\\]|file:/)")


def is_absolute_path(value: Any) -> bool:
    """True for an absolute file path (POSIX, Windows drive or share, ``file:`` URL)."""
    return isinstance(value, str) and bool(_ABSOLUTE.match(value))


def public_path(path: str | None) -> str | None:
    """A stored document path as the web application shows it: never absolute.

    The store keeps the path ingest was given.  A relative one (given from the ingest
    folder) is shown as it is; an absolute one relative to the server's working folder
    when it lies inside it, else by its file name alone — so no page or API answer tells
    a visitor where the server keeps its files.
    """
    if path is None or not is_absolute_path(path):
        return path
    local = path[len("file://"):] if path.startswith("file://") else path
    if os.path.isabs(local):
        try:
            inside = os.path.relpath(local, os.getcwd())
        except ValueError:  # another drive (Windows)
            inside = ""
        if inside and not inside.startswith("..") and not os.path.isabs(inside):
            return inside.replace(os.sep, "/")
    return ntpath.basename(local.rstrip("/\\")) or "document"


def public_values(value: Any) -> Any:
    """``value`` (JSON data) with every absolute path string made public (``public_path``)."""
    if isinstance(value, dict):
        return {k: public_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [public_values(v) for v in value]
    return public_path(value) if is_absolute_path(value) else value


def public_claim(record: dict[str, Any]) -> dict[str, Any]:
    """A claim's export record with its document's path (and the original's reference) made public."""
    doc = record.get("document")
    if isinstance(doc, dict):
        doc["path"] = public_path(doc.get("path"))
        if is_absolute_path(doc.get("duplicate_of")):
            doc["duplicate_of"] = public_path(doc["duplicate_of"])
    return record
