"""`sanctionwatch report` on the bundled sample: the brief in HTML and in PDF, read back as text."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run

CHROMIUM = os.environ.get("SANCTIONWATCH_CHROMIUM", "/usr/bin/chromium")
QUOTE = "North Korea will send 1,000 sappers and 5,000 military builders to Russia's Kursk region"


def kursk_event(db: Path) -> dict:
    events = [json.loads(x) for x in run(db, 80, "events", "-f", "jsonl").stdout.splitlines()]
    return next(e for e in events if e["place"] == "Kursk Oblast")


def pdf_text(path: Path) -> str:
    """The PDF's text: poppler's pdftotext when installed, else pypdf (the test extra)."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def flat(text: str) -> str:
    return " ".join(text.replace("ﬁ", "fi").replace("ﬀ", "ff").split())


def test_html_brief_of_one_event(sample_db: Path, tmp_path: Path) -> None:
    event = kursk_event(sample_db)
    out = tmp_path / "brief.html"
    r = run(sample_db, 80, "report", event["id"][:10], "--output", str(out))
    assert "wrote a brief of 1 event" in r.stderr
    html = out.read_text(encoding="utf-8")
    text = flat(re.sub(r"<[^>]+>", " ", html))
    assert "North Korea → Russia: labor dispatch in Kursk Oblast" in text  # title
    assert "5,000 construction workers, 1,000 sappers" in text  # summary line
    for section in ("Figures by source", "Independent sources", "Timeline of reports", "Claims and their evidence",
                    "Provisions flagged", "Method"):
        assert section in text
    assert QUOTE in text.replace("&#39;", "'")
    assert "Riverside Wire" in text and "Lakeview Daily" in text and "2025-06-17" in text
    assert "may be relevant to UNSCR 2371 (2017) OP11" in text
    assert "not a legal finding" in text
    # self-contained: inline style, no script, nothing loaded from anywhere
    assert "<style>" in html and "<script" not in html and "<link" not in html and "src=" not in html
    assert "@import" not in html and "url(" not in html


def test_html_brief_of_filtered_events(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "dispatch.html"
    run(sample_db, 80, "report", "--type", "labor_dispatch", "--actor", "KP", "--since", "2025-01-01", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "labor dispatch in Kursk Oblast" in html and "arms transfer" not in html
    out = tmp_path / "all.html"
    run(sample_db, 80, "report", "--actor", "North Korea", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "arms transfer" in html and "12,000,000" in html and "Denied by" in html


def test_report_errors_say_what_to_do(sample_db: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SANCTIONWATCH_DB": str(sample_db), "COLUMNS": "300"}

    def fail(*args: str, code: int = 3, **extra: str) -> str:
        """Exit codes (docs/cli.md): 2 a usage error, 3 the command could not do its work."""
        r = subprocess.run([sys.executable, "-m", "sanctionwatch", *args], capture_output=True, text=True,
                           env={**env, **extra}, timeout=120)
        assert r.returncode == code and "Traceback" not in r.stderr, (r.returncode, r.stderr)
        return " ".join(r.stderr.split())

    assert "sanctionwatch events" in fail("report", "--actor", "nobody-at-all", "-o", str(tmp_path / "x.html"))
    assert "sanctionwatch events" in fail("report", "e_nope", "-o", str(tmp_path / "x.html"))
    assert "not both" in fail("report", "e_nope", "--type", "meeting", code=2)
    msg = fail("report", "--type", "meeting", "-f", "pdf", "-o", str(tmp_path / "x.pdf"),
               SANCTIONWATCH_CHROMIUM=str(tmp_path / "no-chromium"), code=2)
    assert "SANCTIONWATCH_CHROMIUM" in msg and "never downloads" in msg


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(),
                    reason=f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
def test_pdf_brief_reads_back_with_the_figures_and_quotes(sample_db: Path, tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api",
                        reason="playwright is not installed: pip install 'sanctionwatch[report]'")
    event = kursk_event(sample_db)
    out = tmp_path / "brief.pdf"
    run(sample_db, 80, "report", event["id"], "--format", "pdf", "--output", str(out))
    assert out.read_bytes()[:5] == b"%PDF-"
    text = flat(pdf_text(out))
    assert "North Korea → Russia: labor dispatch in Kursk" in text
    assert "5,000" in text and "1,000" in text and "sappers" in text and "construction workers" in text
    assert QUOTE in text
    assert "Riverside Wire" in text and "Lakeview Daily" in text
    assert "may be relevant to UNSCR 2371 (2017) OP11" in text
    assert "Method" in text and "not a legal finding" in text
