"""The whole pipeline on the bundled sample and on bad input."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from sanctionwatch.extract import Extractor
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import EventRow, Store

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample"


def test_sample_ingest_and_rerun_is_a_no_op(db_url: str, extractor: Extractor) -> None:
    store = Store(db_url)
    report = Pipeline(store, extractor=extractor).ingest([str(SAMPLE)])
    assert not report.failed
    assert report.by_format == {"txt": 2, "html": 1, "jsonl": 2}
    assert report.skipped and all(o.source.endswith("README.md") for o in report.skipped)
    first = store.counts()
    assert first["documents"] == 5 and first["claims"] >= 5

    again = Pipeline(store, extractor=extractor).ingest([str(SAMPLE)])
    assert again.stored == 0 and again.already_stored == 5
    assert store.counts() == first


def test_sample_claims_are_sourced(db_url: str, extractor: Extractor) -> None:
    store = Store(db_url)
    Pipeline(store, extractor=extractor).ingest([str(SAMPLE)])
    rows = store.claims()
    sports = [d for _, d in rows if "derby" in (d.title or "").lower()]
    assert not sports, "the unrelated sports story yields no claims"
    for claim, doc in rows:
        assert claim.evidence, claim
        for ev in claim.evidence:
            assert doc.text[ev.start:ev.end] == ev.text
        assert claim.extractor
    figures = {(c.quantity.value, c.quantity.kind) for c, _ in rows if c.quantity and c.quantity.value}
    assert (1000, "sappers") in figures
    assert (28000, "containers") in figures


def test_bad_inputs_are_reported_and_the_rest_stored(tmp_path: Path, db_url: str, extractor: Extractor) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE / "kursk-builders-wire.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    (folder / "broken.jsonl").write_text(
        '{"url": "https://a.example/1", "title": "t", '
        '"text": "North Korea sent 1,000 troops to Russia, officials said."}\n'
        '{not json\n')
    (folder / "truncated.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 20)
    store = Store(db_url)
    report = Pipeline(store, extractor=extractor).ingest([str(folder)])
    failed = {Path(o.source.split(":")[0].split(" ")[0]).name: o.reason for o in report.failed}
    assert {"empty.txt", "binary.txt", "broken.jsonl", "truncated.warc.gz"} <= set(failed), report.failed
    assert all(failed.values())
    assert report.stored == 2  # good.txt and the first JSONL record
    before = store.counts()
    Pipeline(store, extractor=extractor).ingest([str(folder)])
    assert store.counts() == before


def test_interrupted_run_is_completed_by_a_rerun(db_url: str, extractor: Extractor,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db_url)
    real_save = Store.save
    calls = {"n": 0}

    def flaky_save(self, doc, claims, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl-C while the third document was written
        return real_save(self, doc, claims, **kw)

    monkeypatch.setattr(Store, "save", flaky_save)
    with pytest.raises(KeyboardInterrupt):
        Pipeline(store, extractor=extractor).ingest([str(SAMPLE)])
    assert store.counts()["documents"] == 2
    with store.session() as s:  # the run stopped before its end, where it reconciles its events
        assert s.scalars(select(EventRow.id).where(EventRow.stale.is_(True))).all()
    monkeypatch.setattr(Store, "save", real_save)
    report = Pipeline(store, extractor=extractor).ingest([str(SAMPLE)])
    assert report.stored == 3 and report.already_stored == 2
    fresh = Store(db_url + ".fresh")
    Pipeline(fresh, extractor=extractor).ingest([str(SAMPLE)])
    assert store.counts()["claims"] == fresh.counts()["claims"]
    with store.session() as a, fresh.session() as b:
        events = {e.id: (e.summary, e.sources, e.stale) for e in a.scalars(select(EventRow))}
        assert events == {e.id: (e.summary, e.sources, e.stale) for e in b.scalars(select(EventRow))}
        assert events and not any(stale for _, _, stale in events.values())
