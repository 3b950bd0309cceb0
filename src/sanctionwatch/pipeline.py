"""Wires the stages: ingest → clean → dedupe → extract → resolve → store → cluster → assess.

``Pipeline(store).ingest(paths)`` runs every record of every input through the stages and
returns an ``IngestReport``; it never prints.  Pass ``on_record`` to hear about each record
as it is done (the CLI draws its progress bar from it).

A record that cannot be read is reported with its reason and the rest go on.  A document
already stored (same normalised text) is skipped, so re-running an ingest is a no-op; each
new document is written with its claims in one transaction, placed in events there; the
events a run touched are reconciled (their figures and summary) once, when the run ends.

Per-document isolation: an exception while one record is in any stage (read, screen,
clean, dedupe, extract, resolve, store, cluster, assess) marks that record ``failed`` with
the ``stage`` and the reason (``Outcome.stage``/``reason``), rolls back what it had
written, records it in the store's ``failures`` table (``sanctionwatch documents
--failed``) and the run goes on with the next.  A failed record is not stored, so the next
run reads it again and retries it; a stored record clears its failure.  Nothing stored
before is touched.  ``Outcome.warnings`` carries what reading changed (a placeholder date
dropped, a text cut to ``max_document_chars``).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .clean import clean
from .exceptions import InputError
from .extract import Extractor
from .ingest import Skipped, iter_inputs, prepare
from .model import Claim, Document, RawDocument
from .packs import Pack, load_pack
from .screen import Screen, ScreenedOut
from .screen.inputs import ScreenedInputs
from .settings import get as get_setting
from .store import Store

__all__ = ["STAGES", "IngestReport", "Outcome", "Pipeline"]

BATCH = 16


@dataclass
class Outcome:
    """What happened to one input record."""

    source: str
    status: str  # stored | already stored | failed | skipped | screened out
    format: str | None = None
    document_id: str | None = None
    claims: int = 0
    reason: str | None = None
    duplicate_of: str | None = None
    stage: str | None = None  # the stage a failed record failed in
    warnings: list[str] = field(default_factory=list)


#: The stages a record goes through, in order (``Outcome.stage`` of a failure is one of them).
STAGES = ("read", "screen", "clean", "dedupe", "extract", "resolve", "store", "cluster", "assess")


def _reason(exc: BaseException) -> str:
    """One line for a failure: an InputError's own reason, else the exception's type and message."""
    if isinstance(exc, InputError):
        return exc.reason
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)

    @property
    def by_format(self) -> Counter[str]:
        return Counter(o.format for o in self.outcomes if o.status == "stored" and o.format)

    @property
    def stored(self) -> int:
        return sum(o.status == "stored" for o in self.outcomes)

    @property
    def already_stored(self) -> int:
        return sum(o.status == "already stored" for o in self.outcomes)

    @property
    def duplicates(self) -> int:
        return sum(bool(o.duplicate_of) for o in self.outcomes if o.status == "stored")

    @property
    def claims(self) -> int:
        return sum(o.claims for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def screened_out(self) -> int:
        return sum(o.status == "screened out" for o in self.outcomes)

    @property
    def skipped(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "skipped"]

    @property
    def warnings(self) -> list[tuple[str, str]]:
        """(source, warning) for every record that was read with a warning."""
        return [(o.source, w) for o in self.outcomes for w in o.warnings]



def _failed(done: Callable[[Outcome], None], raw: RawDocument, stage: str, exc: BaseException) -> None:
    """Report ``raw`` as failed at ``stage`` with the reason ``exc`` gives."""
    done(Outcome(raw.source, "failed", raw.format, reason=_reason(exc), stage=stage, warnings=list(raw.warnings)))


class Pipeline:
    def __init__(self, store: Store, pack: Pack | str | None = None, extractor: Extractor | None = None) -> None:
        self.store = store
        self.pack = pack if isinstance(pack, Pack) else load_pack(pack or get_setting("pack"))
        self._extractor = extractor
        self._dedupe_index: Any = None  # dedupe.DedupeIndex, made on first use
        self._events: Any = None  # cluster.EventBuilder, made on first use
        self._signatures: dict[str, Any] = {}
        self._paragraphs: dict[str, str] = {}  # document id -> its text before site boilerplate was dropped
        self._cleared: list[str] = []  # sources stored since the failures table was last updated
        self._failures_known: bool | None = None

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(pack=self.pack)
        return self._extractor

    # -- public --------------------------------------------------------------------
    def ingest(self, paths: Iterable[str], on_record: Callable[[Outcome], None] | None = None, *,
               screen: Screen | None = None) -> IngestReport:
        """Run every record of ``paths`` through the stages.

        ``screen`` (a :class:`sanctionwatch.screen.Screen`, off by default) rejects irrelevant
        records before HTML extraction and NLP; they are reported as "screened out" with the
        reason.  The batch command turns it on.
        """
        inputs = iter_inputs(list(paths)) if screen is None else ScreenedInputs(list(paths), screen)
        report = self.run(inputs, on_record)
        for skipped in inputs.skipped:
            report.add(Outcome(skipped.source, "skipped", reason=skipped.reason))
        return report

    def run(self, records: Iterable[RawDocument | InputError],
            on_record: Callable[[Outcome], None] | None = None) -> IngestReport:
        """Run records already read (or read errors) through the stages, in batches."""
        report = IngestReport()

        def done(outcome: Outcome) -> None:
            report.add(outcome)
            self._note(outcome)
            if on_record:
                on_record(outcome)

        for batch in _batches(iter(records), BATCH):
            self._run_batch(batch, done)
        self._reconcile_events()
        # A copy stored before its original learns its link only when the original arrives.
        links = self.store.duplicate_links([o.document_id for o in report.outcomes
                                            if o.status == "stored" and o.document_id])
        for o in report.outcomes:
            if o.status == "stored" and o.document_id:
                o.duplicate_of = links.get(o.document_id)
        return report

    def process_raw(self, raw: RawDocument) -> Outcome:
        """Run one record through every stage (the API's POST /documents uses this)."""
        outcomes: list[Outcome] = []

        def done(outcome: Outcome) -> None:
            self._note(outcome)
            outcomes.append(outcome)

        self._run_batch([raw], done)
        self._reconcile_events()
        return outcomes[0]

    def _reconcile_events(self) -> None:
        """Reconcile the events this run touched (marked stale as documents were placed), once.

        Placing a document only marks its events stale, so that its cost does not grow with
        the claims an event gathers; a run that stops before this leaves them marked, and the
        next run reconciles them.
        """
        from .cluster import EventBuilder

        if self._events is None:
            self._events = EventBuilder(self.pack)
        with self.store.session() as session:
            self._events.summarise_stale(session)

    def _note(self, outcome: Outcome) -> None:
        """Keep the store's list of failed records current (a failure here must not stop the run)."""
        try:
            if outcome.status == "failed":
                self._failures_known = True
                self.store.record_failure(outcome.source, outcome.stage or "read", outcome.reason or "failed",
                                          format=outcome.format)
            elif outcome.status in ("stored", "already stored", "screened out"):
                self._cleared.append(outcome.source)
                if len(self._cleared) >= BATCH:
                    self._flush_cleared()
        except Exception:  # the database is failing too; the outcome itself is still reported
            pass

    def _flush_cleared(self) -> None:
        sources, self._cleared = self._cleared, []
        if sources and self._has_failures():
            self.store.clear_failures(sources)

    def _has_failures(self) -> bool:
        if self._failures_known is None:
            self._failures_known = bool(self.store.failures())
        return self._failures_known or False

    # -- stages --------------------------------------------------------------------
    def _run_batch(self, batch: list[RawDocument | InputError], done: Callable[[Outcome], None]) -> None:
        """Every record of ``batch`` through the stages; ``done`` hears one outcome per record."""
        fresh = self._admit(batch, done)
        if not fresh:
            self._flush_cleared()
            return
        live = self._dedupe_batch(self._with_site_blocks(fresh, done), done)
        claims_by_doc, broken = self._extract([doc for _, doc in live])
        for raw, doc in live:
            if doc.id in broken:
                self._signatures.pop(doc.id, None)
                _failed(done, raw, *broken[doc.id])
                continue
            self._store_one(raw, doc, claims_by_doc.get(doc.id, []), done)
        self._flush_cleared()

    def _admit(self, batch: list[RawDocument | InputError],
               done: Callable[[Outcome], None]) -> list[tuple[RawDocument, Document]]:
        """The records to analyse, read and cleaned; reader errors and stored documents are reported."""
        fresh: list[tuple[RawDocument, Document]] = []
        seen: set[str] = set()
        for item in batch:
            if isinstance(item, InputError):
                status = ("screened out" if isinstance(item, ScreenedOut)
                          else "skipped" if isinstance(item, Skipped) else "failed")
                done(Outcome(item.source, status, reason=item.reason,
                             stage=getattr(item, "stage", "read") if status == "failed" else None))
                continue
            stage = "read"
            try:
                prepare(item)
                stage = "clean"
                doc = clean(item)
                stage = "store"
                stored = doc.id in seen or self.store.has_document(doc.id)
            except Exception as exc:
                _failed(done, item, stage, exc)
                continue
            if stored:
                done(Outcome(item.source, "already stored", item.format, doc.id, warnings=list(item.warnings)))
                continue
            seen.add(doc.id)
            fresh.append((item, doc))
        return fresh

    def _with_site_blocks(self, fresh: list[tuple[RawDocument, Document]],
                          done: Callable[[Outcome], None]) -> list[tuple[RawDocument, Document]]:
        """``fresh`` with each site's repeated blocks removed; a document that breaks there fails alone."""
        live: list[tuple[RawDocument, Document]] = []
        for raw, doc in fresh:
            try:
                self._site_blocks(doc)
            except Exception as exc:
                _failed(done, raw, "clean", exc)
                continue
            live.append((raw, doc))
        return live

    def _dedupe_batch(self, live: list[tuple[RawDocument, Document]],
                      done: Callable[[Outcome], None]) -> list[tuple[RawDocument, Document]]:
        """Near-duplicates of the whole batch at once; when that breaks, one document at a time."""
        try:
            self._dedupe([doc for _, doc in live])
            return live
        except Exception:
            kept: list[tuple[RawDocument, Document]] = []
            for raw, doc in live:
                try:
                    self._dedupe([doc])
                except Exception as exc:
                    _failed(done, raw, "dedupe", exc)
                    continue
                kept.append((raw, doc))
            return kept

    def _store_one(self, raw: RawDocument, doc: Document, claims: list[Claim],
                   done: Callable[[Outcome], None]) -> None:
        """Store, cluster and assess one document in one transaction: all of it or, on error, none."""
        analysed = self._analysable(doc)
        status = "analysed" if analysed else f"not analysed (language {doc.language or 'und'})"
        stage = "store"
        try:
            with self.store.session() as session:
                stored = self.store.save(doc, claims, status=status, extractor=self._extractor_name(doc),
                                         session=session)
                if stored:
                    stage = "cluster"
                    self._after_store(session, doc)
                    stage = "assess"
                    self._assess(session, doc, claims)
        except Exception as exc:  # the transaction is rolled back: nothing of this document stays
            self._signatures.pop(doc.id, None)
            _failed(done, raw, stage, exc)
            return
        done(Outcome(raw.source, "stored" if stored else "already stored", raw.format, doc.id,
                     claims=len(claims) if stored else 0, duplicate_of=doc.duplicate_of,
                     reason=None if analysed else status, warnings=list(raw.warnings)))

    def _extract(self, docs: list[Document]) -> tuple[dict[str, list[Claim]], dict[str, tuple[str, BaseException]]]:
        """Extract and resolve stages: claims per document id, and (stage, exception) per failed one.

        The batch is extracted in one pass; when that raises, each document is extracted alone
        so that only the one that breaks fails.
        """
        claims_by_doc: dict[str, list[Claim]] = {d.id: [] for d in docs}
        broken: dict[str, tuple[str, BaseException]] = {}
        try:
            analysed = [d for d in docs if self._analysable(d)]
        except Exception as exc:
            return claims_by_doc, {d.id: ("extract", exc) for d in docs}
        try:
            extracted = list(zip(analysed, self.extractor.extract_many(analysed), strict=True))
        except Exception:
            extracted = []
            for doc in analysed:
                try:
                    extracted.append((doc, next(iter(self.extractor.extract_many([doc])))))
                except Exception as exc:
                    broken[doc.id] = ("extract", exc)
        for doc, claims in extracted:
            try:
                claims_by_doc[doc.id] = self._resolve(doc, claims)
            except Exception as exc:
                broken[doc.id] = ("resolve", exc)
        return claims_by_doc, broken

    def _site_blocks(self, doc: Document) -> None:
        """Drop the paragraphs the document's outlet repeats on many of its pages (clean/sites.py)."""
        from .clean.sites import drop_site_blocks

        self._paragraphs[doc.id] = doc.text
        with self.store.session() as session:
            drop_site_blocks(session, doc)

    def _analysable(self, doc: Document) -> bool:
        return self.extractor.supports(doc.language)

    def _extractor_name(self, doc: Document) -> str | None:
        return self.extractor.name_for(doc.language) if self._analysable(doc) else None

    def _dedupe(self, docs: list[Document]) -> None:
        """Near-duplicate stage: each document's ``duplicate_of``, the earliest stored document it copies.

        A first answer from the stored index, for the whole batch at once (fingerprints in
        bulk, one lookup); ``_after_store`` indexes each document in its transaction and
        settles the link (copies in one batch, originals arriving late).
        """
        from .dedupe import DedupeIndex

        if self._dedupe_index is None:
            self._dedupe_index = DedupeIndex()
        prints = self._dedupe_index.fingerprints([doc.text for doc in docs])
        for i, doc in enumerate(docs):
            self._signatures[doc.id] = prints.take([i])
        with self.store.session() as session:
            links = self._dedupe_index.lookup_many(session, [(d.id, d.text, d.published) for d in docs], prints)
        for doc, link in zip(docs, links, strict=True):
            doc.duplicate_of = link.duplicate_of

    def _resolve(self, doc: Document, claims: list[Claim]) -> list[Claim]:
        """Resolve stage: canonical actors and places, sanctions-list matches."""
        from .resolve import Resolver

        return Resolver.for_pack(self.pack).resolve_claims(doc, claims)

    def _after_store(self, session: Any, doc: Document) -> None:
        """Stages that run inside the document's transaction once it is stored (events).

        dedupe: index the document and link it to the earliest document it copies,
        re-pointing older links when it is earlier than their original; cluster: place its
        claims in events and mark the events touched stale (reconciled at the end of the run).
        """
        from .cluster import EventBuilder
        from .dedupe import DedupeIndex
        from .store import DocumentRow

        if self._dedupe_index is None:
            self._dedupe_index = DedupeIndex()
        link = self._dedupe_index.add(session, doc.id, doc.text, doc.published,
                                       fingerprints=self._signatures.pop(doc.id, None))
        doc.duplicate_of = link.duplicate_of
        for doc_id, original in {**link.repointed, doc.id: link.duplicate_of}.items():
            row = session.get(DocumentRow, doc_id)
            if row is not None:
                row.duplicate_of = original
        from .clean import split_paragraphs
        from .clean.sites import count_blocks

        count_blocks(session, doc, split_paragraphs(self._paragraphs.pop(doc.id, doc.text)))
        if self._events is None:
            self._events = EventBuilder(self.pack)
        self._events.add_document(session, doc.id, summarise=False)
        self._events.refresh_documents(session, link.repointed, summarise=False)

    def _assess(self, session: Any, doc: Document, claims: list[Claim]) -> None:
        """Assess stage: the provisions each stored claim may be relevant to."""
        from .assess import assess_document

        assess_document(session, self.pack, doc, claims)


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
