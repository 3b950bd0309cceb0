"""Claim extraction: text in, ``Claim`` records out.

    from sanctionwatch.extract import Extractor
    ex = Extractor(pack=load_pack("dprk"))
    claims = ex.extract(document)            # model.Document
    claims = ex.extract_text(text, published="2025-06-18", language="en")
    for claims in ex.extract_many(documents): ...

Languages are routed through ``EXTRACTORS``: a mapping from an ISO 639-1 code to a
factory ``(pack) -> LanguageExtractor``.  English is rule-based over a spaCy parse
(``en/``); other languages return no claims until their extractor is registered.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any, Callable, Protocol

from ..settings import get as get_setting
from ..exceptions import SanctionwatchError
from ..model import Claim, Document, hash_id
from ..packs import Pack, load_pack
from .lexicon import Lexicon
from .registry import VERSIONS
from .registry import label as extractor_label

__all__ = ["EXTRACTORS", "EXTRACTOR_VERSION", "EnglishExtractor", "Extractor", "LanguageExtractor",
           "register"]

#: the English extractor's version (extract/registry.py holds every extractor's)
EXTRACTOR_VERSION = VERSIONS["en-rules"]


class LanguageExtractor(Protocol):
    name: str

    def extract_texts(self, items: Iterable[tuple[str, str | None]]) -> Iterator[list[Claim]]:
        """Claims for each (text, published) pair, in order."""
        ...


@functools.lru_cache(maxsize=4)
def _load_spacy(model: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(model, disable=["ner"])
    except OSError:
        raise SanctionwatchError(
            f"spaCy model {model!r} is not installed: install it (pip install {model}) or set "
            "SANCTIONWATCH_MODEL / --model to an installed English pipeline such as en_core_web_sm"
        ) from None
    from .en.interactions import DATELINE_COMPONENT

    if "parser" in nlp.pipe_names:
        nlp.add_pipe(DATELINE_COMPONENT, before="parser")
    return nlp


class EnglishExtractor:
    name = "en-rules"

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.lexicon = Lexicon.from_pack(pack)
        self._rules: Any = None
        self._nlp: Any = None

    @property
    def label(self) -> str:
        return extractor_label(self.name)

    def _ensure(self) -> None:
        if self._rules is None:
            from .en import EnglishRules
            from .en.interactions import FrameBook

            self._nlp = _load_spacy(str(get_setting("model")))
            self._rules = EnglishRules(self._nlp, self.lexicon, self.label, FrameBook.from_pack(self.pack))
            self._names = sorted({alias for alias, actor in self.lexicon.aliases.items()
                                  if actor.category == "person" and " " in alias and alias[:1].isupper()})

    def _classify(self, claims: list[Claim], framed: set[int]) -> list[Claim]:
        """The classifier's probability of each claim's type in its sentence becomes its confidence;
        a claim of the co-occurrence rules whose sentence scores below ``classifier_floor`` is dropped
        (the interaction frames read their parties off the parse and keep theirs)."""
        if not claims or not get_setting("classifier"):
            return claims
        from .classifier import load_classifier

        model = load_classifier()
        if model is None:
            return claims
        floor = float(get_setting("classifier_floor"))
        scores = model.scores(c.evidence[0].text if c.evidence else "" for c in claims)
        kept = []
        for c, cats in zip(claims, scores):
            p = float(cats.get(c.type, 0.0))
            # the classifier often names a neighbouring type (workers present for a dispatch): a claim
            # goes only when its sentence looks like no claim of any type
            if p < floor and max(cats.values(), default=0.0) < 2.5 * floor and id(c) not in framed:
                continue
            c.confidence = round(p, 3)
            kept.append(c)
        return kept

    #: extract_texts takes (text, published, outlet) triples: the outlet places "here" when no dateline does
    reads_outlet = True

    def extract_texts(self, items: Iterable[tuple[str, str | None] | tuple[str, str | None, str | None]]
                      ) -> Iterator[list[Claim]]:
        from .en.interactions import deglue, original_offset

        self._ensure()
        triples = [(item[0], item[1], item[2] if len(item) > 2 else None) for item in items]  # type: ignore[misc]
        glued = [deglue(t, self._names) for t, _, _ in triples]
        for (text, published, outlet), (fixed, inserts), doc in zip(triples, glued, self._nlp.pipe(g for g, _ in glued)):
            claims = self._classify(dedupe(self._rules.extract(doc, published, outlet)), self._rules.framed)
            self._rules.framed.clear()
            if inserts:  # evidence offsets point into the document's own text
                for c in claims:
                    for e in c.evidence:
                        e.start, e.end = original_offset(e.start, inserts), original_offset(e.end, inserts)
                        e.text = text[e.start:e.end].strip()
            yield claims


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per fact in a document: repeated paragraphs and headlines restate claims."""
    out: list[Claim] = []
    seen: set[tuple[Any, ...]] = set()
    specific = {(_family(c.type), c.quantity.value) for c in claims
                if c.quantity and c.quantity.value is not None and c.quantity.kind not in ("workers",)}
    numeric_kinds = {(c.type, k) for c in claims if c.quantity and c.quantity.value is not None
                     for k in (c.quantity.kind, _GENERIC_KIND.get(c.quantity.kind or ""))}
    for c in claims:
        q = c.quantity
        if q is not None and q.value is None and q.text and (c.type, q.kind) in numeric_kinds:
            continue  # "thousands of builders" (or "a contingent of workers") in the lead, "5,000 builders" in the body
        if q is not None and q.value is not None:
            if q.kind == "workers" and (_family(c.type), q.value) in specific and not _is_total(c):
                continue  # "5,000 workers" in a teaser restates "5,000 construction workers" in the body
            key: tuple[Any, ...] = ("q", c.type, q.value, q.kind)
        elif c.type == "meeting":
            key = ("m", frozenset(e.name for e in (c.actor, c.target) if e))
        elif c.type == "visit":
            key = ("v", c.actor.name if c.actor else None, c.target.name if c.target else None)
        elif c.type == "agreement":
            key = ("a", frozenset(e.name for e in (c.actor, c.target) if e), c.modality)
        else:
            key = ("n", c.type, c.actor.id if c.actor else None, c.modality, c.negated,
                   c.attributed_to.name if c.attributed_to else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


#: The generic kind a specific one is a kind of: a vague "workers" claim restates a numbered
#: "construction workers" or "sappers" one of the same type.
_GENERIC_KIND = {"construction workers": "workers", "sappers": "workers", "special forces": "troops"}


def _family(claim_type: str) -> str:
    """Types that report one fact from two angles: a dispatch of N workers and N workers present."""
    return "labour" if claim_type in ("labor_dispatch", "workers_present") else claim_type


def _is_total(claim: Claim) -> bool:
    text = (claim.quantity.text or "") if claim.quantity else ""
    return "military" in text.lower() or "contingent" in text.lower()


EXTRACTORS: dict[str, Callable[[Pack], LanguageExtractor]] = {"en": EnglishExtractor}


def register(language: str, factory: Callable[[Pack], LanguageExtractor]) -> None:
    """Add or replace the extractor for a language (``register("ru", RussianExtractor)``)."""
    EXTRACTORS[language] = factory


# ru, ko, es, fr, de (extract/lexical/): registered when their optional packages
# (sanctionwatch[multilingual]) are installed, imported only when such a document arrives
from .lexical import register_all as _register_multilingual  # noqa: E402

_register_multilingual(register)


class Extractor:
    """Routes documents to the extractor of their language; loads models lazily, once."""

    def __init__(self, pack: Pack | None = None) -> None:
        self.pack = pack or load_pack(str(get_setting("pack")))
        self._by_language: dict[str, LanguageExtractor] = {}

    def _for(self, language: str | None) -> LanguageExtractor | None:
        lang = (language or "en").lower()[:2]
        if lang not in EXTRACTORS:
            return None
        if lang not in self._by_language:
            self._by_language[lang] = EXTRACTORS[lang](self.pack)
        return self._by_language[lang]

    def supports(self, language: str | None) -> bool:
        """Whether documents in ``language`` get claims (None counts as English)."""
        return (language or "en").lower()[:2] in EXTRACTORS

    def name_for(self, language: str | None) -> str | None:
        """``name@version`` of the extractor for ``language``; None when unsupported."""
        ex = self._for(language)
        if ex is None:
            return None
        return extractor_label(ex.name)

    def extract(self, doc: Document) -> list[Claim]:
        return next(self.extract_many([doc]))

    def extract_text(self, text: str, published: str | None = None, language: str | None = "en") -> list[Claim]:
        doc = Document(id=hash_id("d", text), text=text, raw_text=text, path="", format="txt",
                       published=published, language=language)
        claims = self.extract(doc)
        for c in claims:
            c.document_id = None
        return claims

    def extract_many(self, docs: Iterable[Document]) -> Iterator[list[Claim]]:
        """Claims per document, in order; documents of one language are parsed in a batch."""
        docs = list(docs)
        results: list[list[Claim]] = [[] for _ in docs]
        by_lang: dict[str, list[int]] = {}
        for i, d in enumerate(docs):
            by_lang.setdefault((d.language or "en").lower()[:2], []).append(i)
        for lang, idxs in by_lang.items():
            ex = self._for(lang)
            if ex is None:
                continue
            if getattr(ex, "reads_outlet", False):
                items: Iterable[Any] = ((docs[i].text, docs[i].published, docs[i].outlet) for i in idxs)
            elif getattr(ex, "reads_title", False):  # the multilingual rules read the headline too
                items = ((docs[i].text, docs[i].published, docs[i].title) for i in idxs)
            else:
                items = ((docs[i].text, docs[i].published) for i in idxs)
            for i, claims in zip(idxs, ex.extract_texts(items)):
                for c in claims:
                    c.document_id = docs[i].id
                    c.id = c.identity()
                results[i] = claims
        yield from results
