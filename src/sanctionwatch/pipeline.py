"""Wires the stages: ingest → clean → dedupe → extract → resolve → store → cluster → assess.

``Pipeline(store).ingest(paths)`` runs every record of every input through the stages and
returns an ``IngestReport``; it never prints.  Pass ``on_record`` to hear about each record
as it is done (the CLI draws its progress bar from it).

A record that cannot be read is reported with its reason and the rest go on.  A document
already stored (same normalised text) is skipped, so re-running an ingest is a no-op; each
new document is written with its claims in one transaction.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import settings
from .clean import clean
from .exceptions import InputError
from .extract import Extractor
from .ingest import Skipped, iter_inputs
from .model import Claim, Document, RawDocument
from .packs import Pack, load_pack
from .screen import ScreenedOut
from .store import Store

__all__ = ["IngestReport", "Outcome", "Pipeline"]

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


class Pipeline:
    def __init__(self, store: Store, pack: Pack | str | None = None, extractor: Extractor | None = None) -> None:
        self.store = store
        self.pack = pack if isinstance(pack, Pack) else load_pack(pack or settings.get("pack"))
        self._extractor = extractor
        self._dedupe_index: Any = None  # dedupe.DedupeIndex, made on first use
        self._events: Any = None  # cluster.EventBuilder, made on first use
        self._signatures: dict[str, Any] = {}

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(pack=self.pack)
        return self._extractor

    # -- public --------------------------------------------------------------------
    def ingest(self, paths: Iterable[str], on_record: Callable[[Outcome], None] | None = None, *,
               screen: Any = None) -> IngestReport:
        """Run every record of ``paths`` through the stages.

        ``screen`` (a :class:`sanctionwatch.screen.Screen`, off by default) rejects irrelevant
        records before HTML extraction and NLP; they are reported as "screened out" with the
        reason.  The batch command turns it on.
        """
        inputs = iter_inputs(list(paths)) if screen is None else screen.inputs(list(paths))
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
            if on_record:
                on_record(outcome)

        for batch in _batches(iter(records), BATCH):
            self._run_batch(batch, done)
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
        self._run_batch([raw], outcomes.append)
        return outcomes[0]

    # -- stages --------------------------------------------------------------------
    def _run_batch(self, batch: list[RawDocument | InputError], done: Callable[[Outcome], None]) -> None:
        fresh: list[tuple[RawDocument, Document]] = []
        seen: set[str] = set()
        for item in batch:
            if isinstance(item, InputError):
                status = ("screened out" if isinstance(item, ScreenedOut)
                          else "skipped" if isinstance(item, Skipped) else "failed")
                done(Outcome(item.source, status, reason=item.reason))
                continue
            try:
                doc = clean(item)
            except InputError as exc:
                done(Outcome(item.source, "failed", item.format, reason=exc.reason))
                continue
            if doc.id in seen or self.store.has_document(doc.id):
                done(Outcome(item.source, "already stored", item.format, doc.id))
                continue
            seen.add(doc.id)
            fresh.append((item, doc))
        if not fresh:
            return
        docs = [doc for _, doc in fresh]
        self._dedupe(docs)
        analysed = [d for d in docs if self._analysable(d)]
        claims_by_doc: dict[str, list[Claim]] = {d.id: [] for d in docs}
        for doc, claims in zip(analysed, self.extractor.extract_many(analysed), strict=True):
            claims_by_doc[doc.id] = self._resolve(doc, claims)
        for raw, doc in fresh:
            claims = claims_by_doc[doc.id]
            status = "analysed" if doc in analysed else f"not analysed (language {doc.language or 'und'})"
            with self.store.session() as session:
                stored = self.store.save(doc, claims, status=status, extractor=self._extractor_name(doc),
                                         session=session)
                if stored:
                    self._after_store(session, doc)
                    self._assess(session, doc, claims)
            done(Outcome(raw.source, "stored" if stored else "already stored", raw.format, doc.id,
                         claims=len(claims) if stored else 0, duplicate_of=doc.duplicate_of,
                         reason=None if doc in analysed else status))

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
        claims in events and reconcile the events touched.
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
        if self._events is None:
            self._events = EventBuilder(self.pack)
        self._events.add_document(session, doc.id)
        self._events.refresh_documents(session, link.repointed)

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
