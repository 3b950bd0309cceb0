"""Main-text extraction of the HTML reader on real web pages, beside trafilatura's own.

    python benchmarks/html_extraction.py [--corpus ../shared/corpus/real-html] [--limit N]

For each page of the corpus (``<sha256>.html.gz``, 181 pages of Scrapinghub's
article-extraction benchmark) the text extracted by (a) sanctionwatch's HTML reader
(``ingest.html.read_html``: trafilatura with our settings, label lines dropped) and (b)
trafilatura's ``extract`` with its defaults is compared with the page's ``articleBody`` in
``ground-truth.json``, token by token as that benchmark does: tokens are the words of the
lower-cased text, precision and recall count the tokens in common (as multisets) per
page, and are averaged over the pages; F1 is taken from the averages.  A page a reader
gets no text from counts as precision 1, recall 0 when the truth has text.  The last line
is one JSON object with every figure.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def score(predicted: str, truth: str) -> tuple[float, float]:
    """(precision, recall) of the predicted text's tokens against the truth's."""
    pred, gold = tokens(predicted), tokens(truth)
    common = sum((pred & gold).values())
    precision = common / sum(pred.values()) if pred else 1.0
    recall = common / sum(gold.values()) if gold else 1.0
    return precision, recall


def ours(html: bytes, name: str) -> str:
    from sanctionwatch.exceptions import InputError
    from sanctionwatch.ingest.html import read_html

    try:
        return read_html(html, name, name).text
    except InputError:
        return ""


def trafilatura_default(html: bytes, name: str) -> str:
    import trafilatura

    from sanctionwatch.ingest.html import decode_html

    return trafilatura.extract(decode_html(html, name)) or ""


def measure(corpus: Path, extract: Callable[[bytes, str], str], truth: dict[str, dict[str, str]],
            limit: int | None) -> dict[str, float]:
    precisions: list[float] = []
    recalls: list[float] = []
    started = time.perf_counter()
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((corpus / f"{key}.html.gz").read_bytes())
        p, r = score(extract(html, key), truth[key].get("articleBody") or "")
        precisions.append(p)
        recalls.append(r)
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pages": len(precisions), "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4), "seconds": round(time.perf_counter() - started, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real-html")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by key)")
    args = parser.parse_args()
    truth = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    import trafilatura

    results = {"sanctionwatch": measure(args.corpus, ours, truth, args.limit),
               f"trafilatura {trafilatura.__version__} (defaults)": measure(args.corpus, trafilatura_default, truth,
                                                                          args.limit)}
    for name, r in results.items():
        print(f"{name:<34} pages {r['pages']}  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
              f"({r['seconds']} s)")
    print(json.dumps({"benchmark": "html_extraction", "corpus": str(args.corpus.name), **{
        k.split(" ")[0] if k == "sanctionwatch" else "trafilatura": v for k, v in results.items()},
        "trafilatura_version": trafilatura.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
