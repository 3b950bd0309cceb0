"""Whole-pipeline fuzzing: nothing a document or its publication date holds stops a run.

* A hypothesis test drives documents (real-looking sentences with numbers and dates,
  unicode, empty, very long) with arbitrary publication dates (year 1, 9999, none, junk,
  any time zone) through ingest → extract → events → flags → export.
* The seeded mutation fuzzer (``tests/fuzz/mutate.py``) of the five input formats runs
  on a small budget here; ``python -m tests.fuzz.run --per-format 2000`` runs it large.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.export import claim_records, event_records, write_jsonl
from sanctionwatch.model import RawDocument
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import Store
from sanctionwatch.store.schema import FlagRow
from tests.fuzz.run import run as fuzz_run

SENTENCES = [
    "North Korea sent about 12,000 troops to Russia's Kursk region last month, officials said.",
    "On Tuesday, Russian and North Korean officials met in Pyongyang to sign an agreement.",
    "Some 5,000 North Korean workers arrived in Vladivostok on June 3 to work on construction sites.",
    "Pyongyang denied that it had shipped artillery shells to Moscow since September.",
    "Северная Корея направила в Россию около 10 тысяч военных в прошлом году.",
    "북한은 지난주 러시아에 노동자 1천 명을 파견했다고 밝혔다.",
    "The meeting was held yesterday, and 3 million shells were delivered by the end of 2024.",
]
PUBLISHED = st.one_of(
    st.none(),
    st.sampled_from(["0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "9999-12-31",
                     "10000-01-01", "0000-00-00", "Wed Nov 20 2019 08:00:58 GMT+0000", "1574236858000", "junk", ""]),
    st.datetimes(min_value=__import__("datetime").datetime(1, 1, 1),
                 timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()),
)
TEXT = st.one_of(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(" ".join),
    st.text(max_size=400),
    st.lists(st.sampled_from(SENTENCES) | st.text(min_size=1, max_size=80), min_size=1, max_size=8).map("\n\n".join),
    st.just(""),
    st.integers(min_value=1, max_value=40).map(lambda n: "\n\n".join([SENTENCES[0]] * 3 + ["word " * 2000] * n)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(docs=st.lists(st.tuples(TEXT, PUBLISHED, st.sampled_from([None, "en", "ru", "ko", "xx"]),
                               st.one_of(st.none(), st.text(max_size=30))), min_size=1, max_size=4))
def test_no_document_or_date_stops_the_pipeline(docs: list[tuple[str, str | None, str | None, str | None]],
                                                tmp_path_factory: Any, extractor: Any) -> None:
    store = Store(str(tmp_path_factory.mktemp("hyp") / "h.db"))
    pipe = Pipeline(store, extractor=extractor)
    records = [RawDocument(text=text, path=f"doc{i}", format="txt", source=f"doc{i}", published=published,
                           language=language, title=title, outlet="Fuzz Wire")
               for i, (text, published, language, title) in enumerate(docs)]
    report = pipe.run(records)  # ingest → clean → dedupe → extract → resolve → store → events → flags
    assert len(report.outcomes) == len(records)
    for outcome in report.failed:  # only what is really not a document may fail: an empty text
        assert outcome.stage == "clean" and "no text" in (outcome.reason or ""), outcome
    buffer = io.StringIO()
    write_jsonl(claim_records(store), buffer)
    write_jsonl(event_records(store), buffer)
    for line in buffer.getvalue().splitlines():
        json.loads(line)
    with store.session() as s:
        s.query(FlagRow).count()
    for row in store.documents():
        assert row.published is None or row.published[:4].isdigit() and 1900 <= int(row.published[:4]) <= 9999


def test_mutated_inputs_of_five_formats_stop_nothing(tmp_path: Path, extractor: Any) -> None:
    pipe = Pipeline(Store(str(tmp_path / "fuzz.db")), extractor=extractor)
    result = fuzz_run(seed=15, per_format=6, pipeline=pipe)
    assert result["cases"] == 30
    assert result["escaped"] == 0, result["failures"]
    assert result["bugs"] == 0, result["bug_reports"]


def test_the_three_kinds_that_stopped_the_probe_run(tmp_path: Path, extractor: Any) -> None:
    """Issue 15's 216: year-1 dates in dedupe, year 10000 in events, lone surrogates in the store."""
    story = "North Korea sent about 1,000 workers to Russia last month, officials said on Tuesday."
    lines = [
        {"text": story, "published": "0001-01-01T00:00:00+14:00", "title": "a"},
        {"text": story + " More.", "published": "9999-12-31T23:59:59-12:00", "title": "b"},
        {"text": story + " \ud83d Again.", "title": "c \ud83d", "outlet": "\udfff", "published": "2024-10-01"},
    ]
    path = tmp_path / "probe.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    report = Pipeline(Store(str(tmp_path / "p.db")), extractor=extractor).ingest([str(path)])
    assert report.stored == 3 and not report.failed
    assert [len(o.warnings) for o in report.outcomes] == [1, 1, 0]
