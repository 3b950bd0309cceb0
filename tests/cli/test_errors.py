"""Bad input at the command line: one clear line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctionwatch.cli import app


@pytest.fixture
def junk(tmp_path: Path) -> Path:
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x81junk" * 64)
    (tmp_path / "plain.txt").write_text("hello\n", encoding="utf-8")
    return tmp_path


CASES = [
    (["--db", "/nonexistent/dir/x.db", "claims"], "/nonexistent/dir/x.db"),
    (["show", "nope"], "sanctionwatch documents"),
    (["event", "nope"], "sanctionwatch events"),
    (["feeds", "add", "notaurl"], "http"),
    (["lists", "load", "{junk}/binary.txt"], "not UTF-8"),
    (["lists", "load", "{junk}/plain.txt"], "not JSON"),
    (["lists", "load", "{junk}"], "is a folder"),
    (["export", "--output", "{junk}/missing/out.jsonl"], "--output"),
    (["export", "--output", "{junk}"], "--output"),
    (["db", "upgrade", "nope"], "sanctionwatch db current"),
    (["serve", "--host", "0.0.0.0"], "SANCTIONWATCH_TOKEN"),
    (["watch", "--once", "--webhook", "notaurl"], "--webhook"),
    (["watch", "--once", "--interval", "0"], "--interval"),
]


@pytest.mark.parametrize(("args", "hint"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_bad_input_is_one_line_and_an_exit_code(args: list[str], hint: str, junk: Path, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SANCTIONWATCH_TOKEN", raising=False)
    argv = [a.format(junk=junk) for a in args]
    if argv[0] != "--db":
        argv = ["--db", db_url, *argv]
    result = CliRunner().invoke(app, argv)
    assert not isinstance(result.exception, Exception), result.exception  # SystemExit is not an Exception
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert message.startswith("error:"), message
    assert hint in message
