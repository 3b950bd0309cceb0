"""Nothing untrusted reaches the terminal raw: control characters are escaped in what commands print."""
from __future__ import annotations

import io
from pathlib import Path

from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sanctionwatch.cli import app
from sanctionwatch.cli._common import escape_controls, safe

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
EVIL = "https://evil.example/a b\x1b]0;pwned\x07\x1b[2J\x1b[31m0 failed\x1b[0m"


def test_escape_controls() -> None:
    assert escape_controls("a\x1b[2Jb\x07\u202ec\nd") == "a\\x1b[2Jb\\x07\\u202ec\nd"
    assert safe("[red]x[/red]\x1b") == "\\[red]x\\[/red]\\x1b"


def test_a_warc_uri_with_escape_sequences_is_printed_escaped(tmp_path: Path, db_url: str) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(EVIL, "response", http_headers=headers,
                                                  payload=io.BytesIO((FIXTURES / "article.html").read_bytes())))
    writer.write_record(writer.create_warc_record(EVIL, "response", http_headers=StatusAndHeaders(
        "200 OK", [("Content-Type", "image/png\x1b[2J")], protocol="HTTP/1.1"), payload=io.BytesIO(b"png")))
    path = tmp_path / "evil.warc"
    path.write_bytes(buffer.getvalue())
    result = CliRunner().invoke(app, ["--db", db_url, "ingest", "--quiet", str(path)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b[2J" in result.output  # warcio's warning and the skipped record, escaped


def test_titles_outlets_and_urls_are_escaped_in_listings(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "evil.jsonl").write_text(
        '{"title": "T\\u001b]0;pwned\\u0007 [bold]x[/bold]", "outlet": "O\\u001b[2J", '
        '"url": "https://e.example/\\u001b[31m", "text": "A quiet story about flour and bread prices."}\n',
        encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db_url, "ingest", "--quiet", str(tmp_path / "evil.jsonl")]).exit_code == 0
    for args in (["documents"], ["claims"], ["events"]):
        result = runner.invoke(app, ["--db", db_url, *args])
        assert result.exit_code == 0 and "\x1b" not in result.output and "\x07" not in result.output
    listing = runner.invoke(app, ["--db", db_url, "documents"]).output
    assert "\\x1b" in listing
    doc_id = listing.split("d_")[1].split()[0]
    shown = runner.invoke(app, ["--db", db_url, "show", f"d_{doc_id}"]).output
    assert "\x1b" not in shown and "\\x1b" in shown


def test_markup_in_untrusted_text_is_printed_not_a_crash(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "m.jsonl").write_text('{"title": "bad [/bold] title", "outlet": "[/red]", '
                                      '"text": "A quiet story about flour and bread prices [/x]."}\n', encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db_url, "ingest", "--quiet", str(tmp_path / "m.jsonl")]).exit_code == 0
    listing = runner.invoke(app, ["--db", db_url, "documents"])
    assert listing.exit_code == 0 and "[/red]" in listing.output
    doc_id = listing.output.split("d_")[1].split()[0]
    shown = runner.invoke(app, ["--db", db_url, "show", f"d_{doc_id}"])
    assert shown.exit_code == 0 and "bad [/bold] title" in shown.output and "[/x]" in shown.output
