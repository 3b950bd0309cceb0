"""POST /api/documents through the real pipeline (spaCy model): slow."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sanctionwatch.serve import create_app
from sanctionwatch.store import Store

pytestmark = pytest.mark.slow

ARTICLE = (
    "North Korea sends troops to Kursk\n"
    "Yonhap — Staff — 2024-11-13\n\n"
    "South Korea's spy agency said more than 10,000 North Korean troops were deployed to Russia's Kursk region."
)
HOSTILE_HTML = (
    "<html lang=en><head><title>Workers <script>alert(1)</script></title>"
    "<meta property='og:site_name' content='Evil &lt;b&gt;Times'></head><body><article>"
    "<p>North Korea sent 2,000 workers to Russia's Far East in March, officials said.</p>"
    "<p onclick=\"alert(2)\">More than 1,000 workers arrived in Vladivostok <img src=x onerror=alert(3)>.</p>"
    "</article></body></html>"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    pytest.importorskip("spacy")
    store = Store(str(tmp_path_factory.mktemp("post") / "post.db"))
    return TestClient(create_app(store, token="t0ken"))


def test_post_text_runs_the_pipeline(client: TestClient) -> None:
    r = client.post("/api/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer t0ken"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "stored" and body["claims"] >= 1
    doc = client.get(body["links"]["api"]).json()
    assert any((c["quantity"] or {}).get("value") == 10000 for c in doc["claims"])
    again = client.post("/api/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer t0ken"})
    assert again.status_code == 201 and again.json()["status"] == "already stored"


def test_post_html_is_stored_and_shown_escaped(client: TestClient) -> None:
    r = client.post("/api/documents", json={"html": HOSTILE_HTML, "url": "https://example.org/w"},
                    headers={"Authorization": "Bearer t0ken"})
    assert r.status_code == 201, r.text
    page = client.get(r.json()["links"]["page"])
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "onerror=alert" not in page.text and "onclick" not in page.text
