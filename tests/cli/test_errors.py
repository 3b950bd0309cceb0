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


# (arguments, a word of the message, exit code): 2 for an option value the command refuses,
# 3 when the command cannot do its work (docs/cli.md, "Exit codes").
CASES = [
    (["--db", "/nonexistent/dir/x.db", "claims"], "/nonexistent/dir/x.db", 3),
    (["show", "nope"], "sanctionwatch documents", 3),
    (["event", "nope"], "sanctionwatch events", 3),
    (["feeds", "add", "notaurl"], "http", 2),
    (["lists", "load", "{junk}/binary.txt"], "not UTF-8", 3),
    (["lists", "load", "{junk}/plain.txt"], "not JSON", 3),
    (["lists", "load", "{junk}"], "is a folder", 3),
    (["export", "--output", "{junk}/missing/out.jsonl"], "--output", 2),
    (["export", "--output", "{junk}"], "--output", 2),
    (["db", "upgrade", "nope"], "sanctionwatch db current", 3),
    (["serve", "--host", "0.0.0.0"], "SANCTIONWATCH_TOKEN", 2),
    (["watch", "--once", "--webhook", "notaurl"], "--webhook", 2),
    (["watch", "--once", "--interval", "0"], "--interval", 2),
    (["actor", "Nobody Atall Zzyzx"], "sanctionwatch actors", 3),
]


@pytest.mark.parametrize(("args", "hint", "code"), CASES, ids=[" ".join(a) for a, _, _ in CASES])
def test_bad_input_is_one_line_and_an_exit_code(args: list[str], hint: str, code: int, junk: Path, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SANCTIONWATCH_TOKEN", raising=False)
    argv = [a.format(junk=junk) for a in args]
    if argv[0] != "--db":
        argv = ["--db", db_url, *argv]
    result = CliRunner().invoke(app, argv)
    assert not isinstance(result.exception, Exception), result.exception  # SystemExit is not an Exception
    assert result.exit_code == code
    message = " ".join(result.output.split())
    assert message.startswith("error:"), message
    assert hint in message


def test_click_usage_error_exits_2(db_url: str) -> None:
    result = CliRunner().invoke(app, ["--db", db_url, "claims", "--no-such-option"])
    assert result.exit_code == 2


def test_a_crash_is_not_some_inputs_failed(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug inside a command exits 4 with one line, not 1 (some inputs failed) and no traceback."""
    from sanctionwatch.cli import _common

    def broken() -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(_common.Store, "__init__", lambda self, *a, **k: broken())
    result = CliRunner().invoke(app, ["--db", db_url, "documents"])
    assert result.exit_code == 4, result.output
    assert "internal error: ZeroDivisionError: boom" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_exit_codes_are_documented() -> None:
    from sanctionwatch.cli._common import EXIT_CODES

    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "## Exit codes" in doc
    for code, meaning in EXIT_CODES.items():
        assert f"- `{code}`: {meaning}" in doc
