"""Who a sentence says makes a claim: "Shoigu said", "said Shoigu", "according to
Interfax", "X told reporters", "was quoted as saying by TASS", "reports indicated".

Works on the dependency parse: the reporting verb is an ancestor of the claim's anchor
(or a parenthetical beside it), its subject is the source; an agent ("by TASS"), the
addressee of "told TASS" or the object of "citing" gives the intermediary (``via``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Entity
from .lexicon import Lexicon
from .mentions import Mention

__all__ = ["Attribution", "entity_for_span", "find_attribution"]

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
PRONOUNS = {"he", "she"}
_DET = re.compile(r"^(?:a|an|the|some|its|his|her|their)\s+", re.IGNORECASE)


@dataclass
class Attribution:
    entity: Entity | None
    via: str | None = None
    verb: Token | None = None


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,\"'“”")
    text = re.split(r",|\s+\(|\s+who\b|\s+which\b", text)[0]
    return _DET.sub("", text).strip()


def entity_for_span(span: Span, mentions: list[Mention], lexicon: Lexicon,
                    last_person: Entity | None = None) -> Entity | None:
    """A canonical entity for the words of a source ("Russia's Security Council secretary,
    Sergei Shoigu" -> Sergei Shoigu; "Seoul" -> South Korea; "a Russian official" as is)."""
    inside = [m for m in mentions if m.category == "actor" and span.start <= m.start and m.end <= span.end]
    assert all(m.actor for m in inside)
    text = span.text.strip()
    if text.lower() in PRONOUNS:
        return last_person
    for category in ("person", "organisation"):
        hits = [m for m in inside if m.actor and m.actor.category == category]
        if hits:
            actor = hits[-1].actor if category == "person" else hits[0].actor
            assert actor is not None
            return Entity(actor.name, actor.id)
    head = span.root
    unnamed = lexicon.unnamed_sources.get(head.lower_)
    modifiers = [t for t in head.children if t.dep_ in ("amod", "compound", "nmod", "poss")]
    if unnamed and not modifiers and not inside:
        return Entity(unnamed)
    names = [m for m in inside if m.actor and not m.actor.adjective]
    cleaned = _clean(text)
    if names and len(cleaned.split()) <= len(" and ".join(m.span.text for m in names).split()) + 1:
        seen: list[str] = []
        for m in names:
            assert m.actor is not None
            if m.actor.name not in seen:
                seen.append(m.actor.name)
        if len(seen) == 1:
            actor = names[0].actor
            assert actor is not None
            return Entity(actor.name, actor.id)
        return Entity(" and ".join(seen))
    return Entity(cleaned) if cleaned else None


def _subject(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return verb.doc[child.left_edge.i:child.right_edge.i + 1]
    return None


def _via(verb: Token, mentions: list[Mention], lexicon: Lexicon) -> tuple[str | None, Span | None]:
    """The intermediary of "quoted ... by TASS", "told TASS"; the cited source of "citing X"."""
    via = None
    cited = None
    for child in verb.subtree:
        if child.dep_ == "agent" or child.lower_ == "by" and verb.lemma_.lower() == "quote" or child.lower_ in ("told", "tell") or child.head == verb and child.dep_ in ("dobj", "dative"):
            for m in mentions:
                if m.actor and m.actor.kind == "media" and child.left_edge.i <= m.start <= child.right_edge.i:
                    via = m.actor.name
        if child.lower_ == "citing" and child.head.i in (verb.i, *[c.i for c in verb.children]):
            objs = [c for c in child.children if c.dep_ in ("dobj", "pobj", "attr")]
            if objs:
                cited = verb.doc[objs[0].left_edge.i:objs[0].right_edge.i + 1]
    return via, cited


def _speaker_before(verb: Token, mentions: list[Mention]) -> Span | None:
    """A subjectless reporting verb after a name the parser mis-attached ("..., Sergei Shoigu, the
    secretary of ..., said")."""
    before = [m for m in mentions if m.actor and m.actor.category in ("person", "organisation")
              and verb.i - 15 <= m.start < verb.i]
    return before[0].span if before else None


def _is_media(entity: Entity | None, lexicon: Lexicon) -> bool:
    if entity is None:
        return False
    actor = lexicon.aliases.get(entity.name)
    return bool(actor and actor.kind == "media") or bool(re.search(r"\b(?:journal|times|post|media|daily|newspaper|news agenc\w+)\b",
                                                                    entity.name, re.IGNORECASE))


def find_attribution(sent: Span, anchor: Token, mentions: list[Mention], lexicon: Lexicon,
                     last_person: Entity | None = None) -> Attribution:
    verbs = lexicon.attribution_verbs
    candidates: list[Token] = []
    node: Token | None = anchor
    while node is not None:
        if node.lemma_.lower() in verbs and node.pos_ in ("VERB", "AUX") and _subject(node) is not None:
            candidates.append(node)
            break
        if node.head == node:
            break
        node = node.head
    if not candidates:
        for tok in sent:
            if tok.lemma_.lower() in verbs and tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "parataxis", "conj", "advcl") \
                    and _subject(tok) is not None and not (tok.i <= anchor.i and anchor in tok.subtree and tok.dep_ == "advcl"):
                if tok.dep_ == "advcl" and tok.head.dep_ != "ROOT":
                    continue
                candidates.append(tok)
                break
    for tok in sent:
        if tok.lower_ == "according":
            for to in tok.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        ent = entity_for_span(sent.doc[pobj.left_edge.i:pobj.right_edge.i + 1], mentions, lexicon)
                        if candidates and tok.i > candidates[0].i:
                            break
                        return Attribution(ent, None, tok)
    if re.search(r"\breportedly\b", sent.text, re.IGNORECASE) and not candidates:
        return Attribution(Entity("unnamed reports"))
    if not candidates:
        return Attribution(None)
    verb = candidates[0]
    subj = _subject(verb)
    assert subj is not None
    entity = entity_for_span(subj, mentions, lexicon, last_person)
    via, cited = _via(verb, mentions, lexicon)
    if _is_media(entity, lexicon) or entity is not None and re.search(r"\bagenc(?:y|ies)\b", entity.name) \
            and not lexicon.aliases.get(entity.name):
        # "X said ..., news agencies reported": the named speaker is the source, the outlet relays
        for tok in sent:
            if tok != verb and tok.lemma_.lower() in verbs and tok.pos_ == "VERB":
                inner = _subject(tok) or _speaker_before(tok, mentions)
                if inner is None:
                    continue
                speaker = entity_for_span(inner, mentions, lexicon, last_person)
                if speaker is not None and not _is_media(speaker, lexicon):
                    return Attribution(speaker, entity.name if entity else None, tok)
    if cited is not None and _is_media(entity, lexicon):
        via = entity.name if entity else via
        entity = entity_for_span(cited, mentions, lexicon, last_person)
    if via and entity and via == entity.name:
        via = None
    return Attribution(entity, via, verb)
