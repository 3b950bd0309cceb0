"""Mentions of the pack's actors, places and quantity kinds in a parsed spaCy ``Doc``.

Built once per extractor from the pack's ``actors``, ``places`` and ``lexicon``
sections (spaCy ``PhraseMatcher``); ``find(doc)`` returns non-overlapping mentions,
longest first.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..lexicon import Actor, KindSpec, Lexicon, PlaceSpec

__all__ = ["Mention", "MentionFinder"]


@dataclass
class Mention:
    span: Span
    category: str  # actor | place | kind
    actor: Actor | None = None
    place: PlaceSpec | None = None
    kind: KindSpec | None = None

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def country(self) -> str | None:
        if self.actor:
            return self.actor.country
        if self.place:
            return self.place.country
        return None


def _case_sensitive(alias: str) -> bool:
    """Short acronyms and "the ..." metonyms must match as written ("NIS", "the North")."""
    return (alias.isupper() and len(alias) <= 5) or alias.startswith("the ") or alias in ("Kim", "Shin", "Xi", "Singh")


class MentionFinder:
    def __init__(self, nlp: Any, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.payload: dict[str, Actor | PlaceSpec | KindSpec] = {}
        n = 0

        def add(alias: str, payload: Actor | PlaceSpec | KindSpec, force_lower: bool = False) -> None:
            nonlocal n
            key = f"m{n}"
            n += 1
            self.payload[key] = payload
            if _case_sensitive(alias) and not force_lower:
                forms = [alias]
                if alias.startswith("the "):  # "The North is not sending ...": the article opens the sentence
                    forms.append("T" + alias[1:])
                self.exact.add(key, [nlp.make_doc(f) for f in forms])
            else:
                self.lower.add(key, [nlp.make_doc(alias.lower())])

        for alias, actor in lexicon.aliases.items():
            add(alias, actor)
            if not alias.endswith("s") and not actor.adjective and actor.category != "person":
                add(alias + "'s", actor)
        for alias, place in lexicon.places.items():
            add(alias, place)
        for spec in lexicon.kinds:
            for noun in spec.nouns:
                add(noun, spec, force_lower=True)

    def find(self, doc: Doc) -> list[Mention]:
        found = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                found.append((start, end, doc.vocab.strings[match_id]))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        taken = [False] * len(doc)
        out: list[Mention] = []
        for start, end, key in found:
            if any(taken[start:end]):
                continue
            payload = self.payload[key]
            span = doc[start:end]
            if isinstance(payload, Actor) and payload.category == "person" and end - start == 1 and end < len(doc) \
                    and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and doc[end].text.isalpha():
                continue  # "Kim" names Kim Jong Un, "Kim Tok Hun" someone else
            if isinstance(payload, Actor):
                mention = Mention(span, "actor", actor=payload)
            elif isinstance(payload, PlaceSpec):
                mention = Mention(span, "place", place=payload)
            else:
                # a kind noun used as a modifier of another kind noun is not a kind ("sapper unit" is matched whole)
                mention = Mention(span, "kind", kind=payload)
            for i in range(start, end):
                taken[i] = True
            out.append(mention)
        out.sort(key=lambda m: m.start)
        return out
