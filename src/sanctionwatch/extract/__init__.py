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

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from ..model import Claim, Document, hash_id
from ..packs import Pack, load_pack
from ..settings import get as get_setting
from .claims import dedupe
from .en.extractor import EnglishExtractor, load_spacy
from .registry import VERSIONS
from .registry import label as extractor_label

__all__ = ["EXTRACTORS", "EXTRACTOR_VERSION", "EnglishExtractor", "Extractor", "LanguageExtractor", "dedupe",
           "load_spacy", "register"]

#: the English extractor's version (extract/registry.py holds every extractor's)
EXTRACTOR_VERSION = VERSIONS["en-rules"]


class LanguageExtractor(Protocol):
    name: str

    def extract_texts(self, items: Iterable[tuple[str, str | None]]) -> Iterator[list[Claim]]:
        """Claims for each (text, published) pair, in order."""
        ...


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
            for i, claims in zip(idxs, ex.extract_texts(items), strict=True):
                for c in claims:
                    c.document_id = docs[i].id
                    c.id = c.identity()
                results[i] = claims
        yield from results
