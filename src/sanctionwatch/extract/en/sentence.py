"""One sentence as the English frames see it.

``SentCtx`` holds what the rules (``rules.py``) know of a sentence: its mentions, the mentions
of the two sides, what the sentences before it said.  ``Sentence`` wraps it for the frames
(``frames.py``) with the sentence's dates and the document's context, and answers their
questions through the public interface ``SentenceRules`` of the rules: the side of a mention,
the entity of a country, the verb governing a word, where a claim goes, and ``finish``, which
gives a claim its source, modality, date and evidence.  The frames import this module only,
never the rules, so the two modules hold no cycle.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Span, Token

from ...model import Claim, Entity, Place
from ..dates import DateMatch
from ..lexicon import Lexicon
from .attribution import Discourse
from .mentions import Mention
from .numbers import NumberMatch

__all__ = ["FRONT", "SentCtx", "Sentence", "SentenceRules", "names_front"]

#: troops said to be on the theatre's soil: "in Ukraine", "Ukrainian territory", "occupied parts of
#: Ukraine's Zaporizhzhia region", "the Donetsk front"
FRONT = re.compile(r"\b(?:in|into|to|inside)\s+Ukraine\b|\bUkrainian (?:territory|soil)\b|"
                   r"\boccupied\s+(?:[\w-]+\s+){0,3}?(?:of\s+)?Ukraine\b|"
                   r"\bUkraine's\s+(?:[A-Z][\w-]+\s+)?(?:region|oblast|province)\b", re.IGNORECASE)


def names_front(text: str) -> bool:
    """Whether ``text`` places something on the theatre's soil (``FRONT``)."""
    return bool(FRONT.search(text))


@dataclass
class SentCtx:
    """What the rules know of one sentence of a document."""

    sent: Span
    index: int
    mentions: list[Mention]
    #: mentions of the partner states (DPRK, Iran) and of their counterpart (Russia)
    partners: list[Mention] = field(default_factory=list)
    russia: list[Mention] = field(default_factory=list)
    discourse: Discourse = field(default_factory=Discourse)
    #: the sentence just before named both the partner state and Russia, or stated a claim: a
    #: follow-up sentence ("The agency said about 3,000 more soldiers could be sent") continues that frame
    frame_before: bool = False
    #: kind mentions of the sentence just before, for a bare number that counts them ("as many as 20,000 could come")
    prev_kinds: list[Mention] = field(default_factory=list)


class SentenceRules(Protocol):
    """What the English rules answer about a sentence (``EnglishRules`` implements it)."""

    lexicon: Lexicon

    def role(self, m: Mention) -> str:
        """The side of a mention: "partner", "counterpart", "theatre" or "other"."""
        ...

    def country_entity(self, code: str | None) -> Entity | None:
        """The entity of a country of the lexicon by its code; None for an unknown code."""
        ...

    def governing_verb(self, tok: Token) -> Token:
        """The verb (or auxiliary) that governs ``tok``, or the root above it."""
        ...

    def foreign_owner(self, ctx: SentCtx, kind_m: Mention | None, num: NumberMatch | None) -> bool:
        """Whether the counted thing belongs to a third party ("Ukrainian drones")."""
        ...

    def destination(self, ctx: SentCtx, claim_type: str, anchor: Token | None = None
                    ) -> tuple[Place | None, Entity | None]:
        """The place and country a claim of ``claim_type`` goes to."""
        ...

    def finish(self, ctx: SentCtx, claim: Claim, anchor: Token, dates: list[DateMatch], last_person: Entity | None,
               estimated: bool = False, outlet_voice: bool = False) -> Claim:
        """Source, modality, negation, date, evidence and confidence of ``claim`` from its anchor."""
        ...

    def vouch(self, claim: Claim) -> None:
        """``claim``'s sides and verb were read off the parse: the sentence classifier may weigh
        it but not drop it (as for the interaction frames)."""
        ...


@dataclass
class Sentence:
    """One sentence for the frames: its context and the rules' answers about it."""

    ctx: SentCtx
    rules: SentenceRules
    #: the dates the sentence names
    dates: list[DateMatch]
    #: the person named last before (and in) the sentence, for "he" and "she"
    last_person: Entity | None
    #: every mention of the document
    all_mentions: list[Mention]
    #: the partner state named last in the sentences just before
    partner_before: Mention | None = None
    #: whether a sentence before named Russia
    russia_before: bool = False

    @property
    def span(self) -> Span:
        """The sentence's tokens."""
        return self.ctx.sent

    @property
    def text(self) -> str:
        """The sentence's text."""
        return self.ctx.sent.text

    @property
    def mentions(self) -> list[Mention]:
        """The sentence's mentions of the lexicon."""
        return self.ctx.mentions

    @property
    def partners(self) -> list[Mention]:
        """The sentence's mentions of a partner state."""
        return self.ctx.partners

    @property
    def russia(self) -> list[Mention]:
        """The sentence's mentions of the counterpart."""
        return self.ctx.russia

    @property
    def lexicon(self) -> Lexicon:
        """The pack's vocabulary."""
        return self.rules.lexicon

    def role(self, m: Mention) -> str:
        """The side of a mention: "partner", "counterpart", "theatre" or "other"."""
        return self.rules.role(m)

    def country(self, code: str | None) -> Entity | None:
        """The entity of a country by its code."""
        return self.rules.country_entity(code)

    def governing_verb(self, tok: Token) -> Token:
        """The verb that governs ``tok``."""
        return self.rules.governing_verb(tok)

    def foreign_owner(self, kind_m: Mention) -> bool:
        """Whether the kind noun's things belong to a third party ("South Korean troops")."""
        return self.rules.foreign_owner(self.ctx, kind_m, None)

    def destination(self, claim_type: str) -> tuple[Place | None, Entity | None]:
        """The place and country a claim of ``claim_type`` in this sentence goes to."""
        return self.rules.destination(self.ctx, claim_type)

    def names_front(self) -> bool:
        """Whether the sentence places troops on the theatre's soil ("no troops on Ukrainian territory")."""
        return names_front(self.ctx.sent.text)

    def finish(self, claim: Claim, anchor: Token, outlet_voice: bool = False) -> Claim:
        """``claim`` with its source, modality, date and evidence read around ``anchor``; with
        ``outlet_voice`` the outlet states it unless a source announces it as a plan."""
        return self.rules.finish(self.ctx, claim, anchor, self.dates, self.last_person, outlet_voice=outlet_voice)

    def vouch(self, claim: Claim) -> None:
        """Keep ``claim`` past the classifier's veto: its frame read its sides and verb off the parse."""
        self.rules.vouch(claim)
