"""The English extractor: the rules of ``en/`` over a spaCy parse, with the sentence classifier's
confidence and veto (``extract/classifier.py``)."""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from ...exceptions import SanctionwatchError
from ...model import Claim
from ...packs import Pack
from ...settings import get as get_setting
from ..claims import dedupe
from ..lexicon import Lexicon
from ..registry import label as extractor_label

__all__ = ["EnglishExtractor", "load_spacy"]


@functools.lru_cache(maxsize=4)
def load_spacy(model: str) -> Any:
    """The spaCy pipeline ``model`` with the dateline component, loaded once per process."""
    import spacy

    try:
        nlp = spacy.load(model, disable=["ner"])
    except OSError:
        raise SanctionwatchError(
            f"spaCy model {model!r} is not installed: install it (pip install {model}) or set "
            "SANCTIONWATCH_MODEL / --model to an installed English pipeline such as en_core_web_sm"
        ) from None
    from .surface import DATELINE_COMPONENT

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
            from .framebook import FrameBook
            from .rules import EnglishRules

            self._nlp = load_spacy(str(get_setting("model")))
            self._rules = EnglishRules(self._nlp, self.lexicon, self.label, FrameBook.from_pack(self.pack))
            self._names = sorted({alias for alias, actor in self.lexicon.aliases.items()
                                  if actor.category == "person" and " " in alias and alias[:1].isupper()})

    def _classify(self, claims: list[Claim], framed: set[int]) -> list[Claim]:
        """The classifier's probability of each claim's type in its sentence becomes its confidence;
        a claim of the co-occurrence rules whose sentence scores below ``classifier_floor`` is dropped
        (the interaction frames read their parties off the parse and keep theirs)."""
        if not claims or not get_setting("classifier"):
            return claims
        from ..classifier import load_classifier

        model = load_classifier()
        if model is None:
            return claims
        floor = float(get_setting("classifier_floor"))
        scores = model.scores(c.evidence[0].text if c.evidence else "" for c in claims)
        kept = []
        for c, cats in zip(claims, scores, strict=True):
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
        from .surface import deglue, original_offset

        self._ensure()
        triples = [(item[0], item[1], item[2] if len(item) > 2 else None) for item in items]  # type: ignore[misc]
        glued = [deglue(t, self._names) for t, _, _ in triples]
        docs = self._nlp.pipe(fixed for fixed, _ in glued)
        for (text, published, outlet), (_, inserts), doc in zip(triples, glued, docs, strict=True):
            claims = self._classify(dedupe(self._rules.extract(doc, published, outlet)), self._rules.framed)
            self._rules.framed.clear()
            if inserts:  # evidence offsets point into the document's own text
                for c in claims:
                    for e in c.evidence:
                        e.start, e.end = original_offset(e.start, inserts), original_offset(e.end, inserts)
                        e.text = text[e.start:e.end].strip()
            yield claims
