"""The records that flow between the pipeline stages.

Plain dataclasses, no behaviour beyond serialisation: every stage takes and returns
these, the store persists them and the exporters write them out.  Field names follow
the public claims export (``shared/spec/claims-export.md``, schema
``sanctionwatch.claim/1``).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "CLAIM_TYPES",
    "MODALITIES",
    "QUALIFIERS",
    "Claim",
    "DateRef",
    "Document",
    "Entity",
    "Evidence",
    "Place",
    "Quantity",
    "RawDocument",
    "entity_country",
    "hash_id",
    "is_personal_name",
]

CLAIM_TYPES = (
    "labor_dispatch",
    "troop_deployment",
    "arms_transfer",
    "meeting",
    "visit",
    "agreement",
    "casualties",
    "workers_present",
    "other",
)
MODALITIES = ("announced_planned", "ongoing", "completed", "reported_estimate", "denied")
QUALIFIERS = ("exact", "approx", "up_to", "at_least")


def hash_id(prefix: str, *parts: Any, length: int = 16) -> str:
    """A stable id from identity fields: ``hash_id("d", text)`` -> ``d_1a2b...``."""
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return f"{prefix}_{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:length]}"


@dataclass
class RawDocument:
    """What a reader yields: one record of one input file, before cleaning.

    ``source`` names where it came from for messages ("feed.xml item 3").
    ``path`` is the file path as the user gave it; ``url`` the record's URL when the
    container has one (feed item link, JSONL url, WARC target URI, HTML canonical).
    """

    text: str
    path: str
    format: str
    source: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    #: what reading changed and the user should hear of ("publication date '0001-01-01' ... ignored")
    warnings: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A cleaned document. Evidence offsets refer to ``text``; ``raw_text`` is kept."""

    id: str
    text: str
    raw_text: str
    path: str
    format: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    duplicate_of: str | None = None  # id of the earlier document this one copies
    removed: list[dict[str, Any]] = field(default_factory=list)  # what cleaning dropped, and why


@dataclass
class Entity:
    """An actor, a target or a source: display name plus canonical id when resolved."""

    name: str
    id: str | None = None
    #: ISO 3166-1 alpha-2 code of the state the actor belongs to or speaks for, when known
    #: ("Roman Chekushov, vice-minister ... of the Russian Federation" -> RU)
    country: str | None = None


_PERSONAL_NAME = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,3}$")


def is_personal_name(name: str | None) -> bool:
    """Whether a name reads as a person's ("Roman Chekushov"), not a body's or a title's."""
    return bool(name and _PERSONAL_NAME.match(name))


def entity_country(e: Entity | None) -> str | None:
    """The entity's country: its own field, else the code in a ``country:XX`` id."""
    if e is None:
        return None
    if e.country:
        return e.country
    if e.id and e.id.startswith("country:"):
        return e.id.split(":", 1)[1].upper()
    return None


@dataclass
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    id: str | None = None


@dataclass
class Quantity:
    value: float | None
    kind: str | None
    qualifier: str | None = None  # exact | approx | up_to | at_least
    text: str | None = None
    max: float | None = None  # upper bound of a range ("10,000 to 12,000")


@dataclass
class DateRef:
    start: str | None
    end: str | None = None
    text: str | None = None


@dataclass
class Evidence:
    text: str
    start: int
    end: int


@dataclass
class Claim:
    type: str
    actor: Entity | None = None
    target: Entity | None = None
    location: Place | None = None
    quantity: Quantity | None = None
    date: DateRef | None = None
    attributed_to: Entity | None = None
    via: str | None = None
    modality: str = "completed"
    negated: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    extractor: str = ""
    document_id: str | None = None
    event_id: str | None = None
    id: str | None = None

    def identity(self) -> str:
        """Hash of the fields that make two claims of one document the same claim."""
        q = self.quantity
        return hash_id(
            "c",
            self.document_id,
            self.type,
            q.value if q else None,
            q.kind if q else None,
            self.actor.name if self.actor else None,
            self.target.name if self.target else None,
            self.evidence[0].start if self.evidence else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        def sub(kind: type, value: Any) -> Any:
            return kind(**value) if isinstance(value, dict) else value

        data = dict(data)
        for key, kind in (("actor", Entity), ("target", Entity), ("attributed_to", Entity),
                          ("location", Place), ("quantity", Quantity), ("date", DateRef)):
            data[key] = sub(kind, data.get(key))
        data["evidence"] = [Evidence(**e) for e in data.get("evidence") or []]
        return cls(**data)
