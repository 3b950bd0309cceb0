"""What the query modules share: the page record, LIKE filters, date bounds, limits."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_
from sqlalchemy.orm import aliased

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


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ilike(column: Any, value: str) -> Any:
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


#: The document columns a claim's export record reads (not the text).
_DOC_COLS = (DocumentRow.id, DocumentRow.url, DocumentRow.path, DocumentRow.outlet, DocumentRow.published,
             DocumentRow.language, DocumentRow.title, DocumentRow.duplicate_of)
