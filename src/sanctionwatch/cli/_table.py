"""How the list commands print rows: a table that fits the terminal, or JSON Lines / CSV for scripts.

Each list command builds plain rows (dicts of full, unformatted values) and declares its
columns with a priority.  :func:`emit` then

* ``--format jsonl|csv``: writes every column's full value, one row a line, no Rich at all;
* ``--format table`` (the default): keeps the columns that fit the console width, dropping the
  lowest-priority ones first, gives each kept column at least its ``min`` width, and cuts longer
  values with "…" so that a row is one line; ``--wide`` shows every column, uncut.

``--sort KEY`` (``-KEY`` for descending) and ``--limit N`` apply to every format.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import typer
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["FORMATS", "Col", "emit", "fit_widths", "format_option", "limit_option", "sort_option", "sort_rows",
           "wide_option"]

FORMATS = ("table", "jsonl", "csv")
#: characters between two columns (one space of padding, then the blank divider)
GAP = 2


@dataclass(frozen=True)
class Col:
    """One column: ``key`` names the row value (and the JSONL/CSV field, and ``--sort KEY``)."""

    key: str
    header: str
    #: 1 is always shown; higher numbers are dropped first when the terminal is narrow
    priority: int = 1
    #: narrowest useful width in a table; a value longer than its column is cut with "…"
    min: int = 6
    #: widest the column grows in a fitted table (``--wide`` lifts it)
    max: int = 60
    justify: str = "left"
    style: str | None = None
    #: the cell text from the row (default: the value, "" for None)
    show: Callable[[dict[str, Any]], str] | None = None

    def text(self, row: dict[str, Any]) -> str:
        if self.show is not None:
            return self.show(row)
        value = row.get(self.key)
        return "" if value is None else str(value)


def format_option() -> Any:
    return typer.Option("table", "--format", "-f",
                        help="table (fits the terminal), jsonl or csv (every column, uncut).",
                        rich_help_panel="Output")


def wide_option() -> Any:
    return typer.Option(False, "--wide", "-w", help="Show every column with values uncut, however wide the table.",
                        rich_help_panel="Output")


def limit_option(noun: str = "rows") -> Any:
    return typer.Option(None, "--limit", "-n", min=1, help=f"Show at most this many {noun}.", rich_help_panel="Output")


def sort_option(keys: Sequence[str]) -> Any:
    return typer.Option(None, "--sort", "-s", help=f"Sort by this column, '-KEY' for descending: {', '.join(keys)}.",
                        rich_help_panel="Output")


def _sort_value(value: Any) -> tuple[int, Any]:
    if value is None or value == "":
        return (2, "")
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, (list, tuple, dict)):
        return (1, json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    return (1, str(value).casefold())


def sort_rows(rows: list[dict[str, Any]], keys: Sequence[str], sort: str | None) -> list[dict[str, Any]]:
    """Rows sorted by ``sort`` (one of ``keys``, ``-key`` descending); empty values always last."""
    if not sort:
        return rows
    key = sort.lstrip("-")
    if key not in keys:
        raise typer.BadParameter(f"unknown column {key!r}; one of {', '.join(keys)}", param_hint="--sort")
    present = [r for r in rows if r.get(key) not in (None, "")]
    missing = [r for r in rows if r.get(key) in (None, "")]
    present.sort(key=lambda r: _sort_value(r.get(key)), reverse=sort.startswith("-"))
    return present + missing


def fit_widths(columns: Sequence[Col], natural: dict[str, int], width: int) -> dict[str, int]:
    """Which columns to show and how wide, so the table is at most ``width`` characters.

    ``natural`` is each column's widest cell (header included).  Each column would like its
    natural width up to its ``max``.  Columns are taken by priority (then as declared) while
    the next one fits at its ``min`` beside those already taken, these giving back at most a quarter
    of what they could; then the widest columns give back width one character at a time down
    to their ``min``; a column that still does not fit is dropped (priority 1 columns never
    are; on a very narrow terminal they are cut further).  Width still to spare goes to the
    columns whose values were cut, up to their natural width.
    """
    order = sorted(columns, key=lambda c: c.priority)  # stable: declaration order among equals

    def least(c: Col) -> int:
        return max(1, min(natural[c.key], c.min))

    def wish(c: Col) -> int:
        return max(1, min(natural[c.key], c.max))

    kept: list[Col] = []
    used = 0
    for c in order:
        gap = GAP if kept else 0
        tolerance = sum(wish(k) - least(k) for k in kept) // 4
        if c.priority > 1 and used + gap + least(c) > width + tolerance:
            break
        kept.append(c)
        used += gap + wish(c)
    widths = {c.key: wish(c) for c in kept}

    def over() -> int:
        return sum(widths.values()) + GAP * max(len(widths) - 1, 0) - width

    while over() > 0:
        slack = [c for c in kept if widths[c.key] > least(c)]
        if not slack:
            break
        widest = max(reversed(slack), key=lambda c: (widths[c.key] - least(c), c.priority))
        widths[widest.key] -= 1
    while over() > 0 and kept[-1].priority > 1:
        widths.pop(kept.pop().key)
        for c in kept:  # the freed space goes back to the kept columns, highest priority first
            widths[c.key] += min(max(-over(), 0), wish(c) - widths[c.key])
    for c in kept:  # room to spare (a wide terminal): uncut values beyond ``max``, highest priority first
        widths[c.key] += min(max(-over(), 0), max(natural[c.key] - widths[c.key], 0))
    for c in reversed(kept):  # only priority 1 columns left and still too wide: cut them further
        if over() <= 0:
            break
        widths[c.key] -= min(over(), widths[c.key] - 1)
    return {c.key: widths[c.key] for c in columns if c.key in widths}


def _plain(value: Any) -> Any:
    """A JSON-ready value (dataclasses and the like become strings)."""
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def emit(console: Console, rows: list[dict[str, Any]], columns: Sequence[Col], *, format: str = "table",
         wide: bool = False, limit: int | None = None, sort: str | None = None, noun: str = "rows",
         note: str | None = None, fields: Sequence[str] | None = None) -> int:
    """Print ``rows`` (sorted, limited) in ``format``; returns how many were printed.

    ``fields`` are the keys JSON Lines and CSV write (default: the columns' keys); ``--sort``
    takes any of them.
    """
    keys = list(fields) if fields is not None else [c.key for c in columns]
    if format not in FORMATS:
        raise typer.BadParameter(f"unknown format {format!r}; one of {', '.join(FORMATS)}", param_hint="--format")
    rows = sort_rows(rows, keys, sort)
    if limit is not None:
        rows = rows[:limit]
    if format == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps({k: _plain(r.get(k)) for k in keys}, ensure_ascii=False) + "\n")
        return len(rows)
    if format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(keys)
        for r in rows:
            writer.writerow([_csv_cell(_plain(r.get(k))) for k in keys])
        return len(rows)

    cells = [{c.key: " ".join(c.text(r).split()) for c in columns} for r in rows]
    natural = {c.key: max([cell_len(c.header)] + [cell_len(cell[c.key]) for cell in cells]) for c in columns}
    if wide:
        widths = dict(natural)
        table_width = sum(widths.values()) + GAP * max(len(widths) - 1, 0)
    else:
        widths = fit_widths(columns, natural, console.width)
        table_width = console.width
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold",
                  expand=False)
    shown = [c for c in columns if c.key in widths]
    for c in shown:
        table.add_column(c.header, justify=c.justify, style=c.style, no_wrap=True, overflow="ellipsis",  # type: ignore[arg-type]
                         width=max(widths[c.key], 1))
    for cell in cells:
        table.add_row(*(Text(cell[c.key]) for c in shown))
    out = console
    if wide and table_width > console.width:  # a console as wide as the table: nothing folded or cut
        out = Console(file=console.file, width=table_width, color_system=console.color_system or None,  # type: ignore[arg-type]
                      force_terminal=console.is_terminal, highlight=False)
    out.print(table)
    hidden = [c.header for c in columns if c.key not in widths]
    tail = f"{len(rows)} {noun}"
    if hidden:
        tail += f"; not shown: {', '.join(hidden)} (--wide shows all)"
    if note:
        tail += f"; {note}"
    console.print(Text(tail, style="dim"))
    return len(rows)
