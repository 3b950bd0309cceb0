"""The list commands' output: tables that fit the terminal, JSON Lines and CSV for scripts.

The renderer is checked on rows we write (an exact snapshot at 80 columns); the commands on the
bundled sample, run as a user runs them (subprocesses with ``COLUMNS`` set).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from sanctionwatch.cli import _common, app
from sanctionwatch.cli._table import GAP, Col, emit, fit_widths, sort_rows

from .conftest import run

COLS = [
    Col("date", "date", 1, min=10, max=10),
    Col("actor", "actor", 1, min=9, max=20),
    Col("n", "figure", 1, min=6, max=12, justify="right", show=lambda r: f"{r['n']:,}" if r["n"] is not None else ""),
    Col("said_by", "said by", 2, min=9, max=30),
    Col("outlet", "outlet", 3, min=8, max=20),
    Col("doc", "document", 4, min=10, max=14),
]
ROWS = [
    {"date": "2024-10-18", "actor": "North Korea", "n": 12000,
     "said_by": "South Korea's National Intelligence Service", "outlet": "Northshore Post",
     "doc": "d_adc4302cdb53f65f"},
    {"date": "2025-06-17", "actor": "Sergei Shoigu", "n": None, "said_by": None, "outlet": "Riverside Wire",
     "doc": "d_588d5b7fe63f0000"},
    {"date": None, "actor": "North Korea", "n": 15000, "said_by": "South Korea", "outlet": "Lakeview Daily",
     "doc": "d_47dda4bab2eb0000"},
]


def render(width: int, **kwargs: object) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, legacy_windows=False)
    emit(console, [dict(r) for r in ROWS], COLS, noun="claims", **kwargs)  # type: ignore[arg-type]
    return buf.getvalue()


def test_table_at_80_columns_snapshot() -> None:
    assert render(80) == (
        "date        actor          figure  said by                       outlet         \n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "2024-10-18  North Korea    12,000  South Korea's National Inte…  Northshore Post\n"
        "2025-06-17  Sergei Shoigu                                        Riverside Wire \n"
        "            North Korea    15,000  South Korea                   Lakeview Daily \n"
        "3 claims; not shown: document (--wide shows all)\n"
    )


def test_table_at_200_columns_snapshot() -> None:
    assert render(200).splitlines()[2] == (
        "2024-10-18  North Korea    12,000  South Korea's National Intelligence Service  "
        "Northshore Post  d_adc4302cdb53f65f")


@pytest.mark.parametrize("width", [30, 40, 60, 80, 120, 200])
def test_no_line_is_wider_than_the_terminal_and_one_line_a_row(width: int) -> None:
    out = render(width).splitlines()
    assert all(cell_len(line) <= width for line in out), out
    table = out[2:2 + len(ROWS)]
    assert [line.strip()[:4] for line in table] == ["2024", "2025", "Nort"]  # one line per row, in order


def test_narrow_terminal_drops_low_priority_columns_first_and_cuts_with_an_ellipsis() -> None:
    out = render(50)
    head = out.splitlines()[0]
    assert "date" in head and "actor" in head and "figure" in head
    assert "document" not in head and "outlet" not in head
    assert "not shown:" in out and "--wide" in out
    wide80 = render(80)
    assert "…" in wide80  # the intelligence service is cut, not folded
    assert "South Korea's National Intelligence Service" not in wide80


def test_wide_shows_every_column_uncut() -> None:
    out = render(60, wide=True)
    assert "South Korea's National Intelligence Service" in out
    assert "d_adc4302cdb53f65f" in out and "not shown" not in out


def test_fit_widths_keeps_priority_one_and_never_exceeds_the_width() -> None:
    natural = {"date": 10, "actor": 13, "n": 6, "said_by": 43, "outlet": 15, "doc": 18}
    for width in range(20, 220, 7):
        widths = fit_widths(COLS, natural, width)
        assert {"date", "actor", "n"} <= widths.keys()
        if sum(min(natural[c.key], c.min) for c in COLS[:3]) + 2 * GAP <= width:
            assert sum(widths.values()) + GAP * (len(widths) - 1) <= width
        kept = [c.key for c in COLS if c.key in widths]
        assert kept == [c.key for c in COLS][:len(kept)]  # dropped from the lowest priority


def test_sort_and_limit() -> None:
    keys = [c.key for c in COLS]
    assert [r["n"] for r in sort_rows([dict(r) for r in ROWS], keys, "-n")] == [15000, 12000, None]
    assert [r["n"] for r in sort_rows([dict(r) for r in ROWS], keys, "n")] == [12000, 15000, None]  # empty last
    assert [r["actor"] for r in sort_rows([dict(r) for r in ROWS], keys, "actor")][0] == "North Korea"
    with pytest.raises(typer.BadParameter, match="unknown column 'nope'"):
        sort_rows(ROWS, keys, "nope")
    assert "1 claims" in render(80, limit=1)


def test_jsonl_and_csv_carry_full_values(capsys: pytest.CaptureFixture[str]) -> None:
    console = Console(file=io.StringIO(), width=40)
    assert emit(console, [dict(r) for r in ROWS], COLS, format="jsonl", sort="-n", limit=2) == 2
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["n"] for x in lines] == [15000, 12000]
    assert lines[1]["said_by"] == "South Korea's National Intelligence Service"
    emit(console, [dict(r) for r in ROWS], COLS, format="csv", fields=["doc", "n"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == {"doc": "d_adc4302cdb53f65f", "n": "12000"} and rows[1]["n"] == ""


# -- the commands on the bundled sample ---------------------------------------------------
@pytest.fixture
def cli(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """The commands in this process (faster than a process each) on a console of a given width."""
    runner = CliRunner()

    def invoke(columns: int, *args: str) -> str:
        monkeypatch.setattr(_common.console, "_width", columns)
        r = runner.invoke(app, ["--db", str(sample_db), *args], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return r.stdout

    return invoke


def test_claims_at_80_columns_fit_and_take_at_most_three_lines_a_claim(sample_db: Path) -> None:
    n = len(run(sample_db, 80, "claims", "--format", "jsonl").stdout.splitlines())
    assert n >= 10
    out = run(sample_db, 80, "claims").stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in out), out
    assert len(out) <= 3 * n  # in fact one line a claim, plus the header, the rule and the count
    head = out[0]
    for col in ("date", "type", "actor", "figure"):
        assert col in head
    assert "~12,000 troops" in "\n".join(out)
    assert "not arms_transfer" in "\n".join(out)  # a denial never reads as the bare claim
    assert f"{n} claims" in "\n".join(out)


def test_claims_at_200_columns_show_more(sample_db: Path) -> None:
    n = len(run(sample_db, 200, "claims", "--format", "jsonl").stdout.splitlines())
    out = run(sample_db, 200, "claims").stdout.splitlines()
    assert all(cell_len(line) <= 200 for line in out)
    assert "said by" in out[0] and "modality" in out[0] and "document" in out[0]
    assert len(out) == n + 3  # header, rule, one line a claim, the count
    wide = run(sample_db, 80, "claims", "--wide").stdout
    assert "South Korea's National Intelligence Service" in wide


@pytest.mark.parametrize("command", [["claims"], ["documents"], ["events"], ["actors"], ["flags"], ["matches"],
                                     ["feeds", "list"]], ids=lambda c: " ".join(c))
def test_every_list_command_fits_80_columns_and_speaks_jsonl_and_csv(cli: Callable[..., str],
                                                                      command: list[str]) -> None:
    for columns in (80, 200):
        table = cli(columns, *command)
        assert all(cell_len(line) <= columns for line in table.splitlines()), table
    records = [json.loads(line) for line in cli(80, *command, "--format", "jsonl", "--limit", "2").splitlines()]
    assert len(records) <= 2
    if command != ["matches"]:  # the sample loads no sanctions list: no matches
        assert len(records) >= 1
    rows = list(csv.reader(io.StringIO(cli(80, *command, "--format", "csv"))))
    assert rows and len({len(r) for r in rows}) == 1  # a header and rows of its width


def test_sort_on_the_sample(cli: Callable[..., str]) -> None:
    records = [json.loads(x) for x in cli(80, "claims", "-f", "jsonl", "--sort", "-quantity").splitlines()]
    values = [r["quantity"] for r in records if r["quantity"] is not None]
    assert values == sorted(values, reverse=True) and values[0] == 12_000_000
    assert records[-1]["quantity"] is None
    assert {r["actor_country"] for r in records} >= {"KP"}


@pytest.mark.parametrize("columns", [80, 200])
def test_event_and_show_read_well(cli: Callable[..., str], columns: int) -> None:
    events = [json.loads(x) for x in cli(columns, "events", "-f", "jsonl").splitlines()]
    kursk = next(e for e in events if e["place"] == "Kursk Oblast")
    out = cli(columns, "event", kursk["id"][:8])
    assert all(cell_len(line) <= columns for line in out.splitlines()), out
    assert "Figures by source" in out and "1,000" in out and "sappers" in out
    assert "North Korea will send 1,000 sappers" in " ".join(out.split())
    doc = json.loads(cli(columns, "documents", "-f", "jsonl", "-n", "1"))["id"]
    shown = cli(columns, "show", doc[:10])
    assert all(cell_len(line) <= columns for line in shown.splitlines())
    assert "[1]" in shown
