"""What `ingest` tells a user about gzipped folders, skipped files and a folder that yields nothing."""
from __future__ import annotations

import gzip
from pathlib import Path

from typer.testing import CliRunner

from sanctionwatch.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def test_a_gzipped_folder_is_ingested_and_skipped_files_are_named(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html.gz").write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes()))
    (folder / "b.txt.gz").write_bytes(gzip.compress((FIXTURES / "article.txt").read_bytes()))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db_url, "ingest", "--quiet", str(folder)])
    flat = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    assert "2 documents stored" in flat and "skipped" in flat and "notes.pdf: unsupported extension '.pdf'" in flat
    again = runner.invoke(app, ["--db", db_url, "ingest", "--quiet", str(folder)])
    assert again.exit_code == 0 and "0 documents stored" in again.output and "2 already stored" in again.output
    assert "warning: 0 documents stored" not in " ".join(again.output.split())  # nothing new is no warning


def test_zero_documents_from_a_non_empty_folder_is_a_warning(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"PK")
    result = CliRunner().invoke(app, ["--db", db_url, "ingest", "--quiet", str(folder)])
    assert result.exit_code == 0
    assert "warning: 0 documents stored from" in " ".join(result.output.split())
