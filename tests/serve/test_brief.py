"""The event page's "Download brief" link and the route behind it."""
from __future__ import annotations

from fastapi.testclient import TestClient

from .fixtures import EVENT_TROOPS, EVENT_XSS


def test_event_page_links_to_its_brief(client: TestClient) -> None:
    page = client.get(f"/events/{EVENT_TROOPS}")
    assert page.status_code == 200
    assert f'href="/events/{EVENT_TROOPS}/brief"' in page.text and "Download brief" in page.text


def test_brief_is_a_self_contained_html_attachment(client: TestClient) -> None:
    r = client.get(f"/events/{EVENT_TROOPS}/brief")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="brief-{EVENT_TROOPS}.html"'
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "Evidence brief" in html and "Kursk Oblast" in html and "Method" in html
    assert "<script" not in html and "<link" not in html and "src=" not in html  # nothing to fetch, nothing to run


def test_brief_escapes_hostile_text(client: TestClient) -> None:
    html = client.get(f"/events/{EVENT_XSS}/brief").text
    assert "<script>window.__xss" not in html and "onerror=\"window" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_brief_of_an_unknown_event_is_404(client: TestClient) -> None:
    assert client.get("/events/e_nope/brief").status_code == 404
