"""Per-document isolation: a document that breaks any stage fails alone, is recorded, and is retried.

A test double makes the stage raise for one marked document among three; the other two are
stored, the marked one is reported with the stage and the reason, listed by
``documents --failed``, and stored by the next run once the stage works again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sanctionwatch import pipeline as pipeline_module
from sanctionwatch.exceptions import InputError
from sanctionwatch.ingest import Inputs
from sanctionwatch.pipeline import STAGES, Pipeline
from sanctionwatch.store import Store

MARK = "Zanzibar-marker"
TEXTS = {
    "a.txt": "Workers return\n\nNorth Korea sent about 1,000 workers to Russia in June 2024, officials said.",
    "b.txt": f"The broken one\n\nA {MARK} story: Russian officials met a North Korean delegation in Moscow.",
    "c.txt": "Ports reopen\n\nThe harbour of Rajin reopened to Russian ships on Monday, the agency said.",
}


class Boom(RuntimeError):
    pass


def _marked(value: Any) -> bool:
    return MARK in str(getattr(value, "text", value))


def _break(stage: str, monkeypatch: pytest.MonkeyPatch, pipe: Pipeline) -> Any:
    """Make ``stage`` raise for the marked document; returns the ``screen`` argument for ingest."""
    def fail() -> None:
        raise Boom(f"{stage} test double")

    if stage == "read":
        real_prepare = pipeline_module.prepare
        monkeypatch.setattr(pipeline_module, "prepare", lambda raw: fail() if _marked(raw) else real_prepare(raw))
    elif stage == "screen":
        def screened(paths: list[str], screen: Any) -> Inputs:
            return Inputs(paths,
                          prefilter=lambda payload, source, charset: fail() if MARK.encode() in payload else None)

        monkeypatch.setattr(pipeline_module, "ScreenedInputs", screened)
        return object()  # any screen: the patched reader decides
    elif stage == "clean":
        real_clean = pipeline_module.clean
        monkeypatch.setattr(pipeline_module, "clean", lambda raw: fail() if _marked(raw) else real_clean(raw))
    elif stage == "dedupe":
        real = Pipeline._dedupe
        monkeypatch.setattr(Pipeline, "_dedupe", lambda self, doc: fail() if _marked(doc) else real(self, doc))
    elif stage == "extract":
        real_many = type(pipe.extractor).extract_many

        def extract_many(self: Any, docs: Any) -> Any:
            docs = list(docs)
            if any(_marked(d) for d in docs):
                fail()
            return real_many(self, docs)

        monkeypatch.setattr(type(pipe.extractor), "extract_many", extract_many)
    elif stage == "resolve":
        real = Pipeline._resolve
        monkeypatch.setattr(
            Pipeline, "_resolve",
            lambda self, doc, claims: fail() if _marked(doc) else real(self, doc, claims))
    elif stage == "store":
        real_save = Store.save
        monkeypatch.setattr(
            Store, "save",
            lambda self, doc, claims, **kw: fail() if _marked(doc) else real_save(self, doc, claims, **kw))
    elif stage == "cluster":
        real = Pipeline._after_store
        monkeypatch.setattr(
            Pipeline, "_after_store",
            lambda self, session, doc: fail() if _marked(doc) else real(self, session, doc))
    elif stage == "assess":
        real = Pipeline._assess
        monkeypatch.setattr(
            Pipeline, "_assess",
            lambda self, session, doc, claims: fail() if _marked(doc) else real(self, session, doc, claims))
    return None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("stage", STAGES)
def test_a_document_failing_in_one_stage_fails_alone(stage: str, folder: Path, tmp_path: Path, extractor: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(str(tmp_path / "iso.db"))
    pipe = Pipeline(store, extractor=extractor)
    with monkeypatch.context() as patch:
        screen = _break(stage, patch, pipe)
        report = pipe.ingest([str(folder)], screen=screen)
    assert report.stored == 2
    [failed] = report.failed
    assert failed.source.endswith("b.txt") and failed.stage == stage
    assert f"{stage} test double" in (failed.reason or "")
    [row] = store.failures()
    assert row.stage == stage and row.source.endswith("b.txt")
    assert store.counts()["documents"] == 2  # nothing half-written of the broken one
    # the stage works again: only the failed document is processed, and its failure is cleared
    again = Pipeline(store, extractor=extractor).ingest([str(folder)])
    assert again.stored == 1 and again.already_stored == 2 and not again.failed
    assert [o.source for o in again.outcomes if o.status == "stored"][0].endswith("b.txt")
    assert store.failures() == []
    assert store.counts()["documents"] == 3


def test_a_reader_exception_fails_one_record_not_the_file(tmp_path: Path, extractor: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [f'{{"text": "Story {i}: North Korea and Russia held talks in Moscow on day {i}."}}' for i in range(3)]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines), encoding="utf-8")
    from sanctionwatch.ingest import language

    real = language.detect_language
    monkeypatch.setattr("sanctionwatch.ingest.detect_language",
                        lambda text: (_ for _ in ()).throw(Boom("detector")) if "day 1" in text else real(text))
    report = Pipeline(Store(str(tmp_path / "r.db")), extractor=extractor).ingest([str(tmp_path / "docs.jsonl")])
    assert report.stored == 2
    [failed] = report.failed
    assert failed.source == "docs.jsonl:2" and "detector" in (failed.reason or "")


def test_documents_failed_lists_them_and_ingest_exits_1(folder: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctionwatch.cli import app

    db = str(tmp_path / "cli.db")
    real = Pipeline._resolve
    monkeypatch.setattr(Pipeline, "_resolve",
                        lambda self, doc, claims: (_ for _ in ()).throw(Boom("resolver \x1b[2J broke")) if _marked(doc)
                        else real(self, doc, claims))
    result = CliRunner().invoke(app, ["--db", db, "ingest", "--quiet", str(folder)])
    assert result.exit_code == 1, result.output
    assert "b.txt (resolve): Boom: resolver \\x1b[2J broke" in " ".join(result.output.split())
    assert "\x1b[2J" not in result.output
    listed = CliRunner().invoke(app, ["--db", db, "documents", "--failed"])
    assert listed.exit_code == 0
    flat = " ".join(listed.output.split())
    assert "resolve" in flat and "b.txt" in flat and "1 failed records" in flat


def test_input_error_keeps_its_stage() -> None:
    assert InputError("x", "why").stage == "read"
    assert InputError("x", "why", stage="screen").stage == "screen"
