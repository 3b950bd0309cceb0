"""Storage: SQLite by default, PostgreSQL for teams, through SQLAlchemy 2.

``Store(url)`` opens (and creates) the database.  Each document is written with its
claims in one transaction (``save``), so an interrupted run leaves no half-written
document and a re-run completes it; saving a document that is already stored is a
no-op, which makes re-running an ingest idempotent.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..exceptions import MissingExtraError, NotFoundError, StoreError
from ..model import Claim, DateRef, Document, Entity, Evidence, Place, Quantity, hash_id
from .schema import Base, ClaimRow, DocumentRow, EventRow, FailureRow, JudgementRow, MinhashRow

__all__ = [
    "Base",
    "ClaimRow",
    "DocumentRow",
    "EventRow",
    "FailureRow",
    "JudgementRow",
    "MinhashRow",
    "Store",
    "claim_from_row",
    "claim_to_row",
    "database_url",
    "document_from_row",
]


def database_url(value: str) -> str:
    """A file path becomes a SQLite URL; ``postgresql://`` means the psycopg 3 driver; other URLs pass through."""
    for scheme in ("postgresql://", "postgres://"):
        if value.startswith(scheme):
            return "postgresql+psycopg://" + value[len(scheme):]
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store:
    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = database_url(url)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except ModuleNotFoundError as exc:
            if "psycopg" in str(exc):
                raise MissingExtraError("psycopg (the PostgreSQL driver)", "postgres") from None
            raise StoreError(f"cannot open database {url!r}: {exc}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {url!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if create:
            self.create()

    def create(self) -> None:
        """Bring the schema to the newest migration (``sanctionwatch db upgrade`` does the same)."""
        from .migrations import upgrade

        try:
            upgrade(self.engine)
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else type(exc.orig).__name__
            raise StoreError(f"cannot open or migrate database {self.engine.url}: {reason}; "
                             "check the --db URL and that the database server is running") from None

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # -- documents -------------------------------------------------------------
    def has_document(self, document_id: str) -> bool:
        with self._sessions() as s:
            return s.get(DocumentRow, document_id) is not None

    def save(self, doc: Document, claims: Sequence[Claim], *, status: str = "analysed",
             extractor: str | None = None, session: Session | None = None) -> bool:
        """Store a document and its claims atomically. False when it was already stored."""
        if session is not None:
            return self._save(session, doc, claims, status, extractor)
        try:
            with self.session() as s:
                return self._save(s, doc, claims, status, extractor)
        except IntegrityError:  # a concurrent writer stored the same document first
            return False

    def _save(self, s: Session, doc: Document, claims: Sequence[Claim], status: str,
              extractor: str | None) -> bool:
        if s.get(DocumentRow, doc.id) is not None:
            return False
        values = dict(
            id=doc.id, path=doc.path, url=doc.url, format=doc.format, title=doc.title,
            outlet=doc.outlet, byline=doc.byline, published=doc.published, language=doc.language,
            text=doc.text, raw_text=doc.raw_text, removed=doc.removed, duplicate_of=doc.duplicate_of,
            status=status, extractor=extractor,
        )
        if not _insert_if_absent(s, values):
            return False  # a concurrent writer stored it between our check and our insert
        seen: set[str] = set()
        for position, claim in enumerate(claims):
            claim.document_id = doc.id
            claim.id = claim.id or claim.identity()
            if claim.id in seen:
                continue
            seen.add(claim.id)
            s.add(claim_to_row(claim, position))
        return True

    def document(self, document_id: str) -> Document:
        with self._sessions() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                matches = s.scalars(select(DocumentRow).where(DocumentRow.id.startswith(document_id)).limit(2)).all()
                if len(matches) == 1:
                    row = matches[0]
            if row is None:
                raise NotFoundError(f"no document {document_id!r} in {self.url}; "
                                    "list ids with `sanctionwatch documents`")
            return document_from_row(row)

    def documents(self, limit: int | None = None) -> list[DocumentRow]:
        with self._sessions() as s:
            q = select(DocumentRow).order_by(DocumentRow.published, DocumentRow.id)
            if limit:
                q = q.limit(limit)
            return list(s.scalars(q))

    def claims(self, *, type: str | None = None, actor: str | None = None, since: str | None = None,
               document_id: str | None = None, limit: int | None = None, min_confidence: float | None = None
               ) -> list[tuple[Claim, DocumentRow]]:
        with self._sessions() as s:
            q = select(ClaimRow, DocumentRow).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
            if min_confidence is not None:
                q = q.where(ClaimRow.confidence >= min_confidence)
            if type:
                q = q.where(ClaimRow.type == type)
            if actor:
                like = f"%{actor.lower()}%"
                q = q.where(func.lower(ClaimRow.actor_name).like(like) | func.lower(ClaimRow.actor_id).like(like))
            if since:
                q = q.where(func.coalesce(ClaimRow.date_start, DocumentRow.published) >= since)
            if document_id:
                q = q.where(ClaimRow.document_id == document_id)
            q = q.order_by(DocumentRow.published, DocumentRow.id, ClaimRow.position)
            if limit:
                q = q.limit(limit)
            return [(claim_from_row(c), d) for c, d in s.execute(q)]

    def duplicate_links(self, document_ids: Sequence[str]) -> dict[str, str]:
        """``{document id: id of the original it copies}`` for those of ``document_ids`` that are copies."""
        links: dict[str, str] = {}
        with self._sessions() as s:
            for start in range(0, len(document_ids), 500):
                chunk = list(document_ids[start:start + 500])
                q = select(DocumentRow.id, DocumentRow.duplicate_of).where(
                    DocumentRow.id.in_(chunk), DocumentRow.duplicate_of.is_not(None))
                links.update({i: d for i, d in s.execute(q) if d is not None})  # the query leaves out NULLs
        return links

    # -- failed records --------------------------------------------------------------
    def record_failure(self, source: str, stage: str, reason: str, *, path: str | None = None,
                       format: str | None = None) -> None:
        """Remember that the record ``source`` failed in ``stage`` (a later success clears it)."""
        failure_id = hash_id("f", source)
        with self.session() as s:
            row = s.get(FailureRow, failure_id)
            if row is None:
                s.add(FailureRow(id=failure_id, source=source, path=path, format=format, stage=stage,
                                 reason=reason[:2000], attempts=1))
            else:
                row.stage, row.reason, row.attempts = stage, reason[:2000], row.attempts + 1
                row.path, row.format = path or row.path, format or row.format

    def clear_failures(self, sources: Sequence[str]) -> None:
        """Forget earlier failures of these records (they are stored now)."""
        ids = [hash_id("f", source) for source in sources]
        with self.session() as s:
            for start in range(0, len(ids), 500):
                s.query(FailureRow).filter(FailureRow.id.in_(ids[start:start + 500])).delete(
                    synchronize_session=False)

    def failures(self) -> list[FailureRow]:
        """Records that failed and have not been stored since, oldest failure first."""
        with self._sessions() as s:
            return list(s.scalars(select(FailureRow).order_by(FailureRow.failed_at, FailureRow.source)))

    def counts(self) -> dict[str, int]:
        with self._sessions() as s:
            return {
                "documents": s.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                "claims": s.scalar(select(func.count()).select_from(ClaimRow)) or 0,
                "events": s.scalar(select(func.count()).select_from(EventRow)) or 0,
            }


def _insert_if_absent(s: Session, values: dict[str, Any]) -> bool:
    """Insert a document row unless its id is already stored; True when inserted.

    ``INSERT … ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL) lets several processes
    ingest the same document at once without an IntegrityError that would abort the
    caller's transaction: on PostgreSQL the second insert waits for the first writer's
    commit and then does nothing; the loser reports "already stored".
    """
    dialect = s.get_bind().dialect.name
    dialect_insert: Any
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[no-redef]
    else:
        s.add(DocumentRow(**values))
        s.flush()
        return True
    s.flush()
    table = DocumentRow.__table__
    statement = dialect_insert(table).values(**values).on_conflict_do_nothing(index_elements=["id"])
    return s.execute(statement.returning(table.c.id)).first() is not None


def claim_to_row(c: Claim, position: int = 0) -> ClaimRow:
    q = c.quantity
    return ClaimRow(
        id=c.id or c.identity(), document_id=c.document_id, type=c.type,
        actor_name=c.actor.name if c.actor else None, actor_id=c.actor.id if c.actor else None,
        actor_country=c.actor.country if c.actor else None,
        target_name=c.target.name if c.target else None, target_id=c.target.id if c.target else None,
        target_country=c.target.country if c.target else None,
        location=vars(c.location) if c.location else None,
        location_name=c.location.name if c.location else None,
        quantity_value=q.value if q else None, quantity_max=q.max if q else None,
        quantity_kind=q.kind if q else None, qualifier=q.qualifier if q else None,
        quantity_text=q.text if q else None,
        date_start=c.date.start if c.date else None, date_end=c.date.end if c.date else None,
        date_text=c.date.text if c.date else None,
        attributed_to_name=c.attributed_to.name if c.attributed_to else None,
        attributed_to_id=c.attributed_to.id if c.attributed_to else None,
        via=c.via, modality=c.modality, negated=c.negated,
        evidence=[vars(e) for e in c.evidence], confidence=c.confidence, extractor=c.extractor,
        event_id=c.event_id, position=position,
    )


def claim_from_row(r: ClaimRow) -> Claim:
    quantity = None
    if r.quantity_value is not None or r.quantity_kind or r.quantity_text:
        quantity = Quantity(value=r.quantity_value, kind=r.quantity_kind, qualifier=r.qualifier,
                            text=r.quantity_text, max=r.quantity_max)
    date = None
    if r.date_start or r.date_end or r.date_text:
        date = DateRef(start=r.date_start, end=r.date_end, text=r.date_text)
    return Claim(
        id=r.id, document_id=r.document_id, type=r.type,
        actor=Entity(r.actor_name, r.actor_id, r.actor_country) if r.actor_name else None,
        target=Entity(r.target_name, r.target_id, r.target_country) if r.target_name else None,
        location=Place(**r.location) if r.location else None,
        quantity=quantity, date=date,
        attributed_to=Entity(r.attributed_to_name, r.attributed_to_id) if r.attributed_to_name else None,
        via=r.via, modality=r.modality, negated=r.negated,
        evidence=[Evidence(**e) for e in r.evidence or []], confidence=r.confidence,
        extractor=r.extractor, event_id=r.event_id,
    )


def document_from_row(r: DocumentRow) -> Document:
    return Document(
        id=r.id, text=r.text, raw_text=r.raw_text, path=r.path, format=r.format, url=r.url,
        title=r.title, outlet=r.outlet, byline=r.byline, published=r.published, language=r.language,
        duplicate_of=r.duplicate_of, removed=list(r.removed or []),
    )
