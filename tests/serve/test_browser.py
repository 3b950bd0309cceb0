"""Browser tests: Playwright driving Debian's chromium against a loopback server.

Each page is opened, checked, and saved as a screenshot under ``test-artifacts/serve/``;
any console error or uncaught page error fails the test.  The hostile document's script
and event-handler payloads must not run (they would set ``window.__xss``).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import fixtures

CHROMIUM = os.environ.get("SANCTIONWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "serve"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None)
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert not problems, problems
    assert not outside, f"requests left the server: {outside}"


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_events_list_filter_and_event_page(page: Any) -> None:
    page.goto("/")
    rows = page.locator("tr.event-row")
    assert rows.count() == 4
    shot(page, "events")
    page.fill("input[name=place]", "Kursk")
    page.click("form#event-filters button[type=submit]")
    page.wait_for_url(re.compile(r"place=Kursk"))
    assert page.locator("tr.event-row").count() == 1
    page.select_option("select[name=type]", "labor_dispatch")  # autosubmit
    page.wait_for_url(re.compile(r"type=labor_dispatch"))
    assert page.locator("p.empty").is_visible()
    page.goto("/?place=Kursk")
    page.click("a.event-link")
    page.wait_for_url(re.compile(f"/events/{fixtures.EVENT_TROOPS}$"))
    figure = page.locator(".figure[data-kind=troops]")
    assert figure.locator(".badge.conflict").is_visible()
    values = figure.locator("td.value").all_inner_texts()
    assert values == ["~3,000", "~3,000", "11,000", "≥10,000"]
    assert page.locator(".sources-count").inner_text() == "3"
    marks = page.locator("section.evidence mark.hl-quantity").all_inner_texts()
    assert "about 3,000" in marks and "more than 10,000" in marks
    assert "Kursk Oblast" in page.locator("section.evidence mark.hl-place").all_inner_texts()
    assert page.locator("section.flags").inner_text().count("UNSCR 1718 OP8(c)") == 1
    page.wait_for_selector(".chart svg circle.point")
    page.wait_for_selector(".map svg circle.point")
    assert page.locator(".chart svg circle.point").count() == 4
    shot(page, "event")


def test_chart_page_by_kind_and_by_source(page: Any) -> None:
    page.goto("/chart")
    page.wait_for_selector(".chart svg circle.point")
    assert page.locator(".chart svg circle.point").count() == 8
    legend = page.locator("ul.legend li").all_inner_texts()
    assert any(t.startswith("construction workers") for t in legend) and any(t.startswith("troops") for t in legend)
    shot(page, "chart")
    page.select_option("select[name=by]", "source")
    page.wait_for_url(re.compile("by=source"))
    page.wait_for_selector(".chart svg circle.point")
    assert any(t.strip().startswith("Reuters") for t in page.locator("ul.legend li").all_inner_texts())


def test_map_page(page: Any) -> None:
    page.goto("/map")
    page.wait_for_selector(".map svg path.country")
    assert page.locator(".map svg path.country").count() >= 8
    assert page.locator(".map svg circle.point").count() == 4
    assert page.locator(".map svg circle.point.conflict").count() == 1
    shot(page, "map")
    page.locator(".map svg a").last.click()
    page.wait_for_url(re.compile("/events/"))


def test_document_page_highlights_evidence(page: Any) -> None:
    page.goto("/documents/d_nknews")
    marks = page.locator(".text mark.hl-evidence")
    assert marks.count() == 2
    assert marks.first.inner_text().startswith("North Korea dispatched 5,000")
    shot(page, "document")


def test_hostile_document_runs_no_script(page: Any) -> None:
    for url in ("/documents/d_hostile", f"/events/{fixtures.EVENT_XSS}", "/", "/documents", "/map"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.__xss") is None, url
        assert page.locator("script:not([src])").count() == 0, url
    page.goto("/documents/d_hostile")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text, not run
    assert page.locator(".text img, .text svg, .text a[href^=javascript]").count() == 0
    shot(page, "hostile")
