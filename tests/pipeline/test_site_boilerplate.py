"""Site boilerplate: blocks an outlet repeats on many pages count neither for near-duplicates nor as evidence."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sanctionwatch.model import RawDocument
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import Store

SIDEBAR = ["Latest news: storms expected along the coast this weekend",
           "City council approves budget for new cycling lanes downtown",
           "Local orchestra announces its winter concert programme",
           "Most read: ten recipes for a quick midweek dinner",
           "Subscribe to our newsletter for the morning briefing",
           "Weather: sunny spells and light winds through Thursday"]
STORIES = [
    "North Korea sent about 1,000 workers to Vladivostok in June 2024, officials said.",
    "A new bakery opened in the old town square on Monday, drawing long queues of customers.",
    "The regional football team won its third match in a row after a late goal.",
    "Russian officials met a North Korean delegation in Moscow to discuss railway links.",
    "Heavy rain flooded several streets near the river, and the mayor promised new drains.",
]


def _page(i: int, outlet: str = "Evening Sidebar") -> RawDocument:
    text = "\n\n".join([STORIES[i], *SIDEBAR])
    return RawDocument(text=text, path=f"p{i}", format="html", source=f"p{i}", outlet=outlet,
                       url=f"https://sidebar.example/{i}", title=f"Story {i}")


def test_an_outlets_repeated_sidebar_is_dropped_once_learned(tmp_path: Path, extractor: Any) -> None:
    store = Store(str(tmp_path / "s.db"))
    pipe = Pipeline(store, extractor=extractor)
    outcomes = [pipe.process_raw(_page(i)) for i in range(5)]
    assert all(o.status == "stored" for o in outcomes)
    later = [store.document(o.document_id or "") for o in outcomes[3:]]
    for doc, story in zip(later, STORIES[3:], strict=True):
        assert doc.text == story  # the sidebar is gone from the text that is deduped and analysed
        site = {r["text"] for r in doc.removed if r["reason"] == "site boilerplate"}
        generic = {r["text"] for r in doc.removed if r["reason"] == "boilerplate"}
        assert len(site) >= 4 and site | generic == set(SIDEBAR)
    # two different stories under the same sidebar are not near-duplicates of each other
    assert outcomes[4].duplicate_of is None and outcomes[3].duplicate_of is None
    # no claim of any page rests on the sidebar
    for claim, _ in store.claims():
        assert all("Latest news" not in e.text for e in claim.evidence)
    # re-reading the first page, which was stored with its sidebar, changes nothing
    assert pipe.process_raw(_page(0)).status == "already stored"


def test_another_outlets_pages_are_not_touched(tmp_path: Path, extractor: Any) -> None:
    store = Store(str(tmp_path / "o.db"))
    pipe = Pipeline(store, extractor=extractor)
    for i in range(4):
        pipe.process_raw(_page(i))
    other = pipe.process_raw(_page(4, outlet="Morning Paper"))
    assert SIDEBAR[0] in store.document(other.document_id or "").text


def test_a_copy_of_a_story_the_outlet_ran_before_is_kept_whole(tmp_path: Path, extractor: Any) -> None:
    store = Store(str(tmp_path / "c.db"))
    pipe = Pipeline(store, extractor=extractor)
    for i in range(4):
        pipe.process_raw(_page(i))
    copy = RawDocument(text="\n\n".join(SIDEBAR), path="c", format="html", source="c", outlet="Evening Sidebar")
    outcome = pipe.process_raw(copy)
    kept = store.document(outcome.document_id or "")
    assert not any(r["reason"] == "site boilerplate" for r in kept.removed) and SIDEBAR[0] in kept.text
