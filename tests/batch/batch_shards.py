"""Small WARC shards for the batch tests: a few relevant pages of the dev corpus, made
distinct, among synthetic irrelevant pages, as a news crawl would hold them."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO.parent / "shared").resolve()
RELEVANT_PAGES = ["sw-dev-005.html", "sw-dev-010.html", "sw-dev-014.html", "sw-dev-019.html"]
IRRELEVANT = ("<html lang='en'><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
              "<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article><footer>(c) Example</footer></body></html>")


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def make_shards(folder: Path, shards: int, relevant_per_shard: int = 2, irrelevant_per_shard: int = 20) -> set[str]:
    """Write ``shards`` WARC files; return the markers ("Update N:") of the relevant records.

    Pages carry their canonical URL, so documents are told apart by the marker sentence."""
    html_dir = SHARED / "corpus" / "dev" / "html"
    if not html_dir.exists():
        pytest.skip(f"{html_dir} is not here (the shared folder sits beside the repository in CI)")
    templates = [(html_dir / name).read_text(encoding="utf-8") for name in RELEVANT_PAGES]
    folder.mkdir(parents=True, exist_ok=True)
    relevant_urls: set[str] = set()
    n = 0
    for s in range(shards):
        pages: list[tuple[str, bytes]] = []
        for i in range(irrelevant_per_shard):
            title = f"Local council approves budget {s}-{i}"
            body = f"The council voted {i} to {s} on the new parks budget for the coming year, item {s}-{i}."
            pages.append((f"https://news.example/local/{s}-{i}", IRRELEVANT.format(title=title, body=body).encode()))
        for r in range(relevant_per_shard):
            n += 1
            page = templates[n % len(templates)]
            # one distinct sentence in the article body makes a distinct document (ids hash the text)
            body = next(m for m in re.finditer(r"<p[^>]*>[^<]{150,}</p>", page)
                        if not re.search(r"cookie|device|standfirst", page[m.start() - 60:m.end()], re.I))
            at = body.end() - 4
            page = page[:at] + f" Update {n}: the report was confirmed again on day {n}." + page[at:]
            url = f"https://news.example/world/relevant-{n}"
            relevant_urls.add(str(n))
            pages.insert((r * 7) % (len(pages) + 1), (url, page.encode("utf-8")))
        write_warc(folder / f"shard-{s:03d}.warc.gz", pages)
    return relevant_urls
