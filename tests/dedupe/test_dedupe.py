"""Near-duplicate index: table-driven copy/independent pairs, re-pointing, persistence, order."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy import select

from sanctionwatch.dedupe import DedupeIndex, _lsh_params, jaccard, publication_key, shingles
from sanctionwatch.exceptions import ConfigError
from sanctionwatch.model import Document
from sanctionwatch.store import DocumentRow, Store
from sanctionwatch.store.schema import MinhashBandRow

# A fictional wire story (written for these tests) and edits of it.
WIRE = [
    "Harbour officials in the port town of Velmora said on Monday that a convoy of forty trucks had left",
    "the eastern depot before dawn carrying construction materials for a new bridge across the river.",
    "The regional governor told reporters that the bridge would be finished within eighteen months and that",
    "two hundred engineers from the capital would join local crews when the rainy season ends in October.",
    "Opposition councillors questioned the cost of the project and asked the ministry to publish the contract",
    "so that residents could see how the money would be spent and which companies had been chosen to build it.",
    "A spokesman for the ministry said the documents would be released after an audit next spring.",
    "(Reporting by a fictional desk; editing by nobody in particular)",
]
ORIGINAL = "\n\n".join([" ".join(WIRE[0:2]), " ".join(WIRE[2:4]), " ".join(WIRE[4:6]), WIRE[6], WIRE[7]])
NEW_HEADLINE = "Convoy leaves Velmora depot for bridge works\n\n" + ORIGINAL
TRIMMED = "\n\n".join([" ".join(WIRE[0:2]), " ".join(WIRE[2:4]), WIRE[6], WIRE[7]])
ADDED = ORIGINAL + "\n\nThe bridge will be the third built in the province this decade."
SYNDICATED = "Velmora bridge convoy sets off\n\n" + "\n\n".join(  # new headline, sentence cut, one added
    [" ".join(WIRE[0:2]), " ".join(WIRE[2:4]), " ".join(WIRE[4:6]) + " Local radio carried the announcement live.",
     WIRE[7]])
INDEPENDENT = (
    "VELMORA - Trucks loaded with steel girders rolled out of the eastern depot early on Monday, the first "
    "shipment for a river bridge that the governor has promised to open within a year and a half. Engineers "
    "from the capital are expected after the rains. Councillors from the opposition want the contract made "
    "public, and the ministry says an audit will come first."
)
UNRELATED = (
    "The city orchestra announced its winter programme on Friday, with three premieres by young composers and "
    "a closing concert devoted to folk songs collected in the northern valleys during the last century."
)


@pytest.mark.parametrize("text, copy", [
    (ORIGINAL, True),        # the same text again (another record of the same story)
    (NEW_HEADLINE, True),    # syndicated with a new headline
    (TRIMMED, True),         # a paragraph trimmed
    (ADDED, True),           # a sentence added
    (SYNDICATED, True),      # all three edits at once
    (INDEPENDENT, False),    # an independent write-up of the same event
    (UNRELATED, False),      # another story
])
def test_copy_or_independent(db_url: str, text: str, copy: bool) -> None:
    store = Store(db_url)
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    with store.session() as s:
        _store_doc(s, "d_orig", ORIGINAL, "2025-03-03T08:00:00+00:00")
        assert index.add(s, "d_orig", ORIGINAL, "2025-03-03T08:00:00+00:00").duplicate_of is None
        _store_doc(s, "d_new", text, "2025-03-03T12:00:00+00:00")
        link = index.add(s, "d_new", text, "2025-03-03T12:00:00+00:00")
    assert (link.duplicate_of == "d_orig") is copy
    if copy:
        assert link.reason and "near duplicate of d_orig" in link.reason


def _store_doc(session, doc_id: str, text: str, published: str | None) -> None:  # type: ignore[no-untyped-def]
    session.add(DocumentRow(id=doc_id, path=f"{doc_id}.txt", format="txt", text=text, raw_text=text,
                            published=published, removed=[]))
    session.flush()


GROUP = {  # id -> (text, published): an original, two copies and an independent report
    "d_a": (ORIGINAL, "2025-03-03T08:00:00+00:00"),
    "d_b": (NEW_HEADLINE, "2025-03-03T09:30:00+00:00"),
    "d_c": (SYNDICATED, "2025-03-04"),
    "d_x": (INDEPENDENT, "2025-03-02"),
}


def _ingest(db_url: str, order: list[str]) -> dict[str, str | None]:
    store = Store(db_url)
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    for doc_id in order:
        text, published = GROUP[doc_id]
        with store.session() as s:
            _store_doc(s, doc_id, text, published)
            index.add(s, doc_id, text, published)
    with store.session() as s:
        return index.originals(s)


def test_original_arriving_after_its_copies_takes_over(db_url: str) -> None:
    links = _ingest(db_url, ["d_c", "d_b", "d_x", "d_a"])
    assert links == {"d_a": None, "d_b": "d_a", "d_c": "d_a", "d_x": None}


@hsettings(max_examples=12, deadline=None)
@given(order=st.permutations(sorted(GROUP)))
def test_links_do_not_depend_on_arrival_order(tmp_path_factory: pytest.TempPathFactory, order: list[str]) -> None:
    db = str(tmp_path_factory.mktemp("order") / "o.db")
    assert _ingest(db, list(order)) == {"d_a": None, "d_b": "d_a", "d_c": "d_a", "d_x": None}


def test_index_is_persisted_not_rebuilt(db_url: str) -> None:
    _ingest(db_url, ["d_a"])
    fresh = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)  # a new process, in effect
    with Store(db_url).session() as s:
        assert fresh.lookup(s, SYNDICATED, "2025-03-05").duplicate_of == "d_a"


def test_index_built_with_other_settings_is_refused(db_url: str) -> None:
    _ingest(db_url, ["d_a"])
    other = DedupeIndex(threshold=0.5, shingle_size=3, num_perm=128)
    with Store(db_url).session() as s, pytest.raises(ConfigError, match="shingle_size"):
        other.lookup(s, ORIGINAL, None)


def test_pipeline_exports_duplicate_of(db_url: str) -> None:
    from sanctionwatch.export import claim_record  # noqa: F401 - the exporter maps ids to paths
    from sanctionwatch.pipeline import Pipeline

    class NoExtractor:
        def supports(self, language: str | None) -> bool:
            return False

        def name_for(self, language: str | None) -> str:
            return "none"

        def extract_many(self, docs):  # type: ignore[no-untyped-def]
            return [[] for _ in docs]

    store = Store(db_url)
    pipe = Pipeline(store, extractor=NoExtractor())  # type: ignore[arg-type]
    from sanctionwatch.model import RawDocument

    pipe.process_raw(RawDocument(text=SYNDICATED, path="copy.txt", format="txt", source="copy.txt",
                                 published="2025-03-04"))
    pipe.process_raw(RawDocument(text=ORIGINAL, path="wire.txt", format="txt", source="wire.txt",
                                 published="2025-03-03"))
    with store.session() as s:
        rows = {r.path: r.duplicate_of for r in s.scalars(select(DocumentRow))}
        ids = {r.path: r.id for r in s.scalars(select(DocumentRow))}
    assert rows == {"wire.txt": None, "copy.txt": ids["wire.txt"]}


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The Bridge, the river.", 2) == shingles("the bridge the RIVER", 2)
    assert shingles("too short", 5) == {"too short"}


def test_publication_key_orders_offsets_and_bare_dates() -> None:
    assert publication_key("2025-06-18T08:45:00+09:00") < publication_key("2025-06-17T23:59:00+00:00")
    assert publication_key("2025-06-17") < publication_key("2025-06-17T00:00:01Z")
    assert publication_key(None) > publication_key("2999-01-01")


def test_similarity_is_the_exact_jaccard_of_the_shingles(db_url: str) -> None:
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    with Store(db_url).session() as s:
        _store_doc(s, "d_orig", ORIGINAL, "2025-03-03")
        index.add(s, "d_orig", ORIGINAL, "2025-03-03")
        _store_doc(s, "d_copy", SYNDICATED, "2025-03-04")
        link = index.add(s, "d_copy", SYNDICATED, "2025-03-04")
    assert link.similarity == pytest.approx(jaccard(shingles(ORIGINAL, 5), shingles(SYNDICATED, 5)))


def _near_threshold(shared_words: int) -> str:
    """ORIGINAL with its tail replaced by other words: Jaccard to ORIGINAL falls as fewer are kept."""
    words = ORIGINAL.split()
    return " ".join(words[:shared_words] + [f"filler{i}" for i in range(len(words) - shared_words)])


def test_links_follow_the_exact_jaccard_at_the_threshold(db_url: str) -> None:
    # texts just above and just below Jaccard 0.5: the exact value decides, not the estimate
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    base = shingles(ORIGINAL, 5)
    cases = {n: jaccard(base, shingles(_near_threshold(n), 5)) for n in range(60, 110)}
    above = min((n for n, j in cases.items() if j >= 0.5), key=lambda n: cases[n])
    below = max((n for n, j in cases.items() if j < 0.5), key=lambda n: cases[n])
    assert 0.5 <= cases[above] < 0.56 and 0.44 < cases[below] < 0.5
    with Store(db_url).session() as s:
        _store_doc(s, "d_orig", ORIGINAL, "2025-03-03")
        index.add(s, "d_orig", ORIGINAL, "2025-03-03")
        links = index.lookup_many(s, [(f"d_{n}", _near_threshold(n), "2025-03-04") for n in (above, below)])
    assert [link.duplicate_of for link in links] == ["d_orig", None]
    assert links[0].matches == {"d_orig": pytest.approx(cases[above])}


def test_a_batch_gives_the_links_of_one_by_one(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    order = ["d_c", "d_x", "d_b", "d_a"]
    one_by_one = _ingest(db_url, order)
    store = Store(f"sqlite:///{tmp_path / 'batch.db'}")
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    with store.session() as s:
        for doc_id in order:
            _store_doc(s, doc_id, *GROUP[doc_id])
        links = index.add_many(s, [(doc_id, *GROUP[doc_id]) for doc_id in order])
        assert index.originals(s) == one_by_one
    assert {link.document_id: link.duplicate_of for link in links} == one_by_one
    assert links[0].matches.keys() == {"d_a", "d_b"}  # matches within the batch, by id


def test_a_batch_after_stored_copies_repoints_them(db_url: str) -> None:
    store = Store(db_url)
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    with store.session() as s:
        for doc_id in ("d_b", "d_c"):
            _store_doc(s, doc_id, *GROUP[doc_id])
            index.add(s, doc_id, *GROUP[doc_id])
        _store_doc(s, "d_a", *GROUP["d_a"])
        _store_doc(s, "d_x", *GROUP["d_x"])
        links = index.add_many(s, [("d_x", *GROUP["d_x"]), ("d_a", *GROUP["d_a"]), ("d_a", *GROUP["d_a"])])
    assert [link.duplicate_of for link in links] == [None, None, None]
    assert links[1].repointed == {"d_b": "d_a", "d_c": "d_a"}


def test_lookup_many_answers_against_the_stored_index_only(db_url: str) -> None:
    _ingest(db_url, ["d_a"])
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    with Store(db_url).session() as s:
        links = index.lookup_many(s, [("n1", SYNDICATED, "2025-03-05"), ("n2", UNRELATED, None),
                                      ("n3", "", None)])
    assert [link.duplicate_of for link in links] == ["d_a", None, None]


def test_without_stored_text_the_signature_estimate_decides(db_url: str) -> None:
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    with Store(db_url).session() as s:
        _store_doc(s, "d_orig", ORIGINAL, "2025-03-03")
        index.add(s, "d_orig", ORIGINAL, "2025-03-03")
        s.get(DocumentRow, "d_orig").text = ""  # the index's own row remains
        s.flush()
        link = index.lookup(s, NEW_HEADLINE, "2025-03-04")
    assert link.duplicate_of == "d_orig" and 0.5 <= link.matches["d_orig"] <= 1.0


def test_remove_takes_the_band_rows_too(db_url: str) -> None:
    _ingest(db_url, ["d_a", "d_b"])
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    with Store(db_url).session() as s:
        index.remove(s, "d_a")
        assert s.scalars(select(MinhashBandRow.document_id).distinct()).all() == ["d_b"]
        assert index.lookup(s, ORIGINAL, "2025-03-01").matches.keys() == {"d_b"}


@pytest.mark.parametrize("threshold, num_perm", [(0.5, 128), (0.8, 128), (0.3, 64), (0.9, 256)])
def test_lsh_params_catch_pairs_at_the_threshold(threshold: float, num_perm: int) -> None:
    bands, rows = _lsh_params(threshold, num_perm)
    assert bands * rows <= num_perm
    assert 1 - (1 - threshold ** rows) ** bands >= 0.99


def test_fingerprints_in_bulk_equal_one_at_a_time() -> None:
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    texts = [ORIGINAL, "", "too short", UNRELATED, "Ünïcode Café 東京 text, NFKC: ﬁve ﬁne words here"]
    bulk = index.fingerprints(texts)
    for i, text in enumerate(texts):
        one = index.fingerprints([text])
        assert (one.signatures[0] == bulk.signatures[i]).all() and (one.bands[0] == bulk.bands[i]).all()
        assert len(set(one.shingles[0].tolist())) == len(shingles(text, 5))
    assert bulk.keys(1) == [] and len(bulk.keys(0)) == index.bands
    assert len(index.fingerprints([])) == 0


_ = Document  # the record the pipeline hands the index


@hsettings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.sampled_from("ab_Z9 .,'-\n\tÉéß東ﬁ"), max_size=40), min_size=1, max_size=5))
def test_word_hashes_follow_the_regex_words(texts: list[str]) -> None:
    from sanctionwatch.dedupe.hashing import _text_word_hashes, _words

    hashes, counts = _text_word_hashes(texts)
    words = [w for t in texts for w in _words(t)]
    assert counts.tolist() == [len(_words(t)) for t in texts]
    by_word: dict[str, int] = {}
    for word, h in zip(words, hashes.tolist(), strict=True):
        assert by_word.setdefault(word, h) == h  # the same word, the same hash, wherever it is
    assert len(set(by_word.values())) == len(by_word)
