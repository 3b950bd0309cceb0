"""English claims from a parsed spaCy document: rules over the dependency parse.

For each sentence: numbers with the kind they count become quantity claims (one per
quantity); kind nouns without a number, meeting, agreement, arms and help frames give
claims without quantity.  A claim needs a cooperation frame: a partner state of the pack
(DPRK, Iran) and its Russian counterpart in the sentence or the sentences just before.
Attribution, modality, negation and dates come from the parse around the claim's anchor.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...model import Claim, DateRef, Entity, Evidence, Place, Quantity
from ..dates import DateMatch, find_dates
from ..lexicon import Lexicon
from .attribution import Attribution, Discourse, carry_over, find_attribution
from .framebook import FrameBook
from .frames import frame_claims
from .interactions import DocMemory, Interactions, mention_index, term_years
from .mentions import Mention, MentionFinder
from .modality import in_background, modality_of
from .numbers import NumberMatch, find_numbers
from .sentence import SentCtx, Sentence, names_front
from .tags import is_modal

__all__ = ["EnglishRules"]

CONTEXT_SENTENCES = 3
_GAP_OK = re.compile(r"^(?:\s|,|-|(?i:-strong|more|additional|further|extra|new|other|military|special|combat|regular|"
                     r"elite|north|korean|iranian|of|the|their|its|team|group|batch|detachment|battalion|brigade|regiment|unit|corps|wave|"
                     r"shipment|consignment|delivery|\d+\s?mm|short-range|close-range|ballistic|"
                     r"artillery and|one-way|attack|made|designed|iranian-made|iranian-designed)\b|[A-Z][\w-]*)*$")
_CASUALTY_AFTER = re.compile(r"^[\w\s-]{0,40}?\b(?:(?:have|has|had|were|was)\s+)?(?:been\s+)?"
                             r"(?:killed|wounded|injured|died|dead)\b", re.IGNORECASE)
#: collective kind nouns that give way to the kind they are "of" ("a contingent of builders")
_COLLECTIVE = {"contingent", "units", "personnel"}
_FALLBACK_AFTER = re.compile(r"^(?:\s*(?:strong\b|in all\b|in total\b|as of\b|[.,;:)]|$)|\s+(?:are|were)\s+)",
                             re.IGNORECASE)
_ELIDED_AFTER = re.compile(r"^\s+(?:more\s+)?(?:could|would|will|may|might|are|were|have|had|had|would)\b",
                           re.IGNORECASE)
_PRESENCE = {"work", "employ", "be", "remain", "number", "active", "live", "stay", "have", "put", "estimate",
             "believe", "employed", "working"}
_MOTION = {"send", "dispatch", "arrive", "hire", "reach", "deploy", "receive", "take", "host", "ship", "move",
           "leave", "head", "expect", "come", "bring", "join", "transfer", "go", "pledge", "order", "recruit",
           "fly", "ferry", "transport", "airlift", "bus", "relocate", "redeploy", "admit", "import"}


# statements that neither confirm nor deny carry no claim ("declined to confirm or deny that ...")
_NONCOMMITTAL = re.compile(
    r"\b(?:neither\s+(?:\w+\s+){0,2}?confirm(?:ed|s)?|(?:has|have|had|did|does|do)\s+not\s+(?:yet\s+)?confirm(?:ed)?|"
    r"declined\s+to\s+(?:say|comment\s+on)\s+whether|declined\s+to\s+confirm|would\s+not\s+confirm|refused\s+to\s+confirm|(?:contradictory|conflicting)\s+information)\b",
    re.IGNORECASE)

_CONFIRM_OR_DENY = re.compile(r"\b(?:confirm(?:ed|s)?\s+or\s+den(?:y|ied|ies)|"
                              r"neither\s+(?:\w+\s+){0,2}?confirm(?:ed|s)?\s+nor\s+den(?:y|ied|ies))\b",
                              re.IGNORECASE)


class EnglishRules:
    """The English rules over a parsed document; ``extract`` gives its claims.  Implements
    ``SentenceRules`` (sentence.py), the interface the frames (frames.py) ask through."""

    def __init__(self, nlp: object, lexicon: Lexicon, extractor_name: str, book: FrameBook | None = None) -> None:
        self.lexicon = lexicon
        self.interactions = Interactions(lexicon, book or FrameBook.empty())
        #: ids of the claims the interaction frames made (their parties are read off the parse, so the
        #: sentence classifier's floor does not apply to them; see extract/classifier.py)
        self.framed: set[int] = set()
        self.finder = MentionFinder(nlp, lexicon)
        self.extractor_name = extractor_name
        self._background: set[int] = set()  # ids of the current document's claims told in background clauses
        self._elided: set[str] = set()  # kinds counted by a bare number in the current sentence ("20,000 could come")

    # -- helpers -------------------------------------------------------------------------
    def role(self, m: Mention) -> str:
        """The side of a mention: "partner", "counterpart", "theatre" or "other" (a place by its
        country, an actor by its own)."""
        if m.category == "place" and m.place:
            return self.lexicon.role_of(m.place.country)
        if m.actor is None:
            return "other"
        return self.lexicon.role_of(m.actor.country)

    def country_entity(self, code: str | None) -> Entity | None:
        """The entity of a country of the lexicon by its code; None for an unknown code."""
        c = self.lexicon.countries.get(code or "")
        return Entity(c.name, c.id) if c else None

    def _plural_demonym(self, m: Mention) -> bool:
        """"North Koreans" counts people: a kind noun as well as the partner."""
        return bool(m.actor and m.actor.adjective and m.span.text.endswith("s") and self.role(m) == "partner")

    def governing_verb(self, tok: Token) -> Token:
        """The nearest verb or auxiliary at or above ``tok`` (not an adjectival participle), or the
        root when none is within twelve steps."""
        node = tok
        for _ in range(12):
            if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod",) or node.head == node:
                return node
            node = node.head
        return node

    # -- main ----------------------------------------------------------------------------
    def extract(self, doc: Doc, published: str | None, outlet: str | None = None) -> list[Claim]:
        mentions = self.finder.find(doc)
        sents = list(doc.sents)
        ctxs: list[SentCtx] = []
        for i, sent in enumerate(sents):
            ms = [m for m in mentions if sent.start <= m.start < sent.end]
            ctx = SentCtx(sent, i, ms)
            ctx.partners = [m for m in ms if m.category in ("actor", "place") and self.role(m) == "partner"]
            ctx.russia = [m for m in ms if m.category in ("actor", "place") and self.role(m) == "counterpart"]
            ctxs.append(ctx)
        claims: list[Claim] = []
        last_person: Entity | None = None
        last_org: Entity | None = None
        people: set[str] = set()
        prev_claims: list[Claim] = []
        at = mention_index(mentions)
        source = self.lexicon.aliases.get(outlet or "")
        memory = self.interactions.start(doc.text, at, source.country if source else None)
        for ctx in ctxs:
            window = ctxs[max(0, ctx.index - CONTEXT_SENTENCES):ctx.index]
            ctx_partner = next((m for c in reversed(window) for m in reversed(c.partners)), None)
            ctx_russia = any(c.russia for c in ctxs[:ctx.index])
            persons = [m for m in ctx.mentions if m.actor and m.actor.category == "person"]
            people |= {m.actor.id for m in persons if m.actor}
            nxt = ctxs[ctx.index + 1].mentions if ctx.index + 1 < len(ctxs) else []
            ctx.discourse = Discourse(last_org, set(people),
                                      {m.actor.id for m in nxt if m.actor and m.actor.category == "person"})
            if ctx.index > 0:
                before = ctxs[ctx.index - 1]
                ctx.frame_before = bool(prev_claims) or bool(before.partners and before.russia)
                ctx.prev_kinds = [m for m in before.mentions if m.category == "kind" or self._plural_demonym(m)]
            framed = self._interactions(ctx, memory, at, published, last_person, mentions)
            sent_claims = self._sentence(ctx, ctx_partner, ctx_russia, published, last_person, mentions,
                                         frozenset(c.type for c in framed) | self.interactions.rejected) + framed
            if self._elided:
                # the bare number gives the figure the sentence before left open: one claim, not two
                vague = [c for c in prev_claims if c.quantity and c.quantity.value is None
                         and c.quantity.kind in self._elided and any(
                             n.type == c.type and n.quantity and n.quantity.kind == c.quantity.kind
                             for n in sent_claims)]
                claims = [c for c in claims if all(c is not v for v in vague)]
                self._elided.clear()
            if ctx.index > 0:
                carry_over(ctxs[ctx.index - 1], ctx, sent_claims, prev_claims, self.lexicon, last_person)
            claims.extend(sent_claims)
            prev_claims = sent_claims
            if persons:
                # "he" in the next sentence is most likely this sentence's subject
                subjects = [m for m in persons if m.span.root.dep_ in ("nsubj", "nsubjpass")]
                p = (subjects[0] if subjects else persons[-1]).actor
                if p is not None:
                    last_person = Entity(p.name, p.id)
            orgs = [m for m in ctx.mentions
                    if m.actor and m.actor.category == "organisation" and m.actor.kind == "agency"]
            if orgs and orgs[-1].actor:
                last_org = Entity(orgs[-1].actor.name, orgs[-1].actor.id)
        claims = self._drop_restated_background(claims)
        self.interactions.fill_countries(claims)
        return self.interactions.cover_visits(claims)

    def _interactions(self, ctx: SentCtx, memory: DocMemory, at: dict[int, Mention], published: str | None,
                      last_person: Entity | None, mentions: list[Mention]) -> list[Claim]:
        """Meetings, visits and agreements of officials of the two sides (extract/en/interactions.py)."""
        frames = self.interactions.sentence(ctx.sent, at, memory)
        if not frames or ctx.sent.text.rstrip().endswith("?"):
            return []
        dates = find_dates(ctx.sent.text, published)
        out = []
        for frame in frames:
            claim = self.finish(ctx, self.interactions.claim(frame), frame[1], dates, last_person, outlet_voice=True)
            if claim.type == "agreement" and claim.quantity is None:
                claim.quantity = term_years(ctx.sent.text, self.lexicon.triggers.get("agreement_nouns", set()))
            if self.interactions.purpose(frame[1]):
                claim.modality, claim.date = "announced_planned", None
            if frame[4]:
                self._background.add(id(claim))
            self.framed.add(id(claim))
            out.append(claim)
        return out

    def _drop_restated_background(self, claims: list[Claim]) -> list[Claim]:
        """A claim without a number told in a background clause ("the soldiers who fought in Kursk")
        restates a fact the document reports in a main clause: keep the main-clause one."""
        def key(c: Claim) -> tuple[str, str | None]:
            return c.type, c.actor.id if c.actor else None

        main = {key(c) for c in claims if id(c) not in self._background and not (c.quantity and c.quantity.value)}
        out = [c for c in claims if not (id(c) in self._background and not (c.quantity and c.quantity.value)
                                         and key(c) in main)]
        # "Thousands of builders and deminers" in the lead, "5,000 builders and 1,000 sappers" in the body
        labour = {c.type for c in out if c.quantity and c.quantity.value is not None
                  and c.quantity.kind in ("sappers", "construction workers", "workers")}
        out = [c for c in out if not (c.quantity and c.quantity.value is None and c.quantity.text
                                      and c.quantity.kind == "workers" and c.type in labour)]
        self._background.clear()
        return out

    def _sentence(self, ctx: SentCtx, ctx_partner: Mention | None, ctx_russia: bool, published: str | None,
                  last_person: Entity | None, all_mentions: list[Mention], covered: frozenset[str] = frozenset()
                  ) -> list[Claim]:
        sent = ctx.sent
        text = sent.text
        if text.rstrip().endswith("?"):
            return []
        base = sent.start_char
        kinds = [m for m in ctx.mentions if m.category == "kind" or self._plural_demonym(m)]
        numbers = find_numbers(text)
        dates = find_dates(text, published)
        out: list[Claim] = []
        used_kinds: set[int] = set()
        prev_kind: Mention | None = None
        for num in numbers:
            found = (self._kind_for(num, text, base, kinds, prev_kind, sent)
                     or self._elided_kind(num, text, base, kinds, ctx))
            if found is None:
                continue
            kind_m, kind_name, anchor = found
            if kind_m is not None:
                used_kinds.add(kind_m.start)
                prev_kind = kind_m
            claim = self._quantity_claim(ctx, num, kind_m, kind_name, anchor, ctx_partner, ctx_russia,
                                         dates, last_person)
            if claim:
                out.append(claim)
        sentence = Sentence(ctx, self, dates, last_person, all_mentions, ctx_partner, ctx_russia)
        for claim in frame_claims(sentence, kinds, used_kinds, out, covered):
            out.append(claim)
        if _NONCOMMITTAL.search(text):
            out = [c for c in out if c.quantity is not None and c.quantity.value is not None]
            both = _CONFIRM_OR_DENY.search(text)
            if both:  # "declined to confirm or deny a report that 3,000 more troops had arrived": nothing is stated
                out = [c for c in out
                       if not (c.quantity and c.quantity.text and text.find(c.quantity.text) > both.start())]
        return out

    def _kind_for(self, num: NumberMatch, text: str, base: int, kinds: list[Mention], prev_kind: Mention | None,
                  sent: Span) -> tuple[Mention | None, str, Token] | None:
        after = text[num.num_end:]
        doc = sent.doc
        for m in kinds:
            ks = m.span.start_char - base
            if ks < num.num_end:
                continue
            gap = text[num.num_end:ks]
            if len(gap) <= 45 and _GAP_OK.match(gap):
                inner = next((k for k in kinds if k.start >= m.end), None)
                if m.span.text.lower() in _COLLECTIVE and inner is not None and inner.kind and \
                        re.fullmatch(r"\s+of\s+(?:[\w-]+\s+){0,3}",
                                     text[m.span.end_char - base:inner.span.start_char - base]):
                    m = inner  # "a 1,000-strong contingent of deminers": the contingent is counted in deminers
                name = m.kind.kind if m.kind else "workers"
                nxt = next((k for k in kinds if k.start >= m.end), None)
                if nxt is not None and nxt.kind and m.kind \
                        and {m.kind.kind, nxt.kind.kind} == {"sappers", "construction workers"} \
                        and re.fullmatch(r"\s*(?:and|&)\s*", text[m.span.end_char - base:nxt.span.start_char - base]):
                    name = "workers"  # "6,000 military builders and sappers": one number for the whole contingent
                tail = text[m.span.end_char - base:]
                if name in ("troops", "workers") and _CASUALTY_AFTER.match(tail) and \
                        re.match(r"^\W*(?:\w+\W+){0,4}?(?:have|has|had|were|was)?\s*(?:been\s+)?(?:killed|wounded|injured|died)",
                                 tail, re.IGNORECASE):
                    name = "casualties"
                if m.kind is None and re.match(r"^\W*(?:\w+\s+){0,2}entered\b", tail, re.IGNORECASE):
                    name = "entries"
                if m.span.text.lower() in ("people", "civilians") and re.search(r"\b(?:kill|injur|wound)\w*\s*$",
                                                                               text[:num.start], re.IGNORECASE):
                    name = "casualties"
                return m, name, m.span.root
            break
        tok = doc.char_span(base + num.num_start, base + num.num_end, alignment_mode="expand")
        anchor = tok.root if tok is not None else sent.root
        if re.match(r"^\s*of (?:them|those)\b", after) and prev_kind is not None:
            kind = prev_kind.kind.kind if prev_kind.kind else "entries"
            return None, kind, anchor
        if re.match(r"^\s*(?:(?:have|has|had|were|was)\s+)?(?:been\s+)?(?:killed|wounded|injured|died|dead)\b", after,
                    re.IGNORECASE) or re.search(r"\b(?:killing|injuring|wounding)\s+(?:\w+\s+)?$", text[:num.start],
                                                re.IGNORECASE):
            return None, "casualties", anchor
        if _FALLBACK_AFTER.match(after):
            before = [m for m in kinds if m.span.end_char - base <= num.start]
            if before:
                m = before[-1]
                name = m.kind.kind if m.kind else "workers"
                if re.search(r"\bcasualties\b", text[:num.start], re.IGNORECASE):
                    name = "casualties"
                return None, name, anchor
        return None

    def _elided_kind(self, num: NumberMatch, text: str, base: int, kinds: list[Mention],
                     ctx: SentCtx) -> tuple[Mention | None, str, Token] | None:
        """A bare number standing for the thing the sentence before counted: "Moscow is ready to take in
        more North Korean workers. One official said as many as 20,000 could come." The number must be
        the subject or object itself (no noun of its own) and the sentence must name no kind before it."""
        if not ctx.prev_kinds or any(m.span.start_char - base < num.start for m in kinds):
            return None
        if not _ELIDED_AFTER.match(text[num.num_end:]):
            return None
        tok = ctx.sent.doc.char_span(base + num.num_start, base + num.num_end, alignment_mode="expand")
        if tok is None or tok.root.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "pobj"):
            return None
        m = ctx.prev_kinds[-1]
        if m.kind is None and not self._plural_demonym(m):
            return None
        kind = m.kind.kind if m.kind else "workers"
        self._elided.add(kind)
        return None, kind, tok.root

    def _partner_for(self, ctx: SentCtx, anchor: Token, kind_m: Mention | None,
                     ctx_partner: Mention | None) -> Mention | None:
        if not ctx.partners:
            return ctx_partner
        if kind_m is not None:
            np = kind_m.span.root
            lo = min(t.i for t in np.subtree) if np.dep_ != "ROOT" else np.i
            for p in ctx.partners:
                if lo <= p.start < kind_m.end:
                    return p
        return min(ctx.partners, key=lambda p: abs(p.start - anchor.i))

    def foreign_owner(self, ctx: SentCtx, kind_m: Mention | None, num: NumberMatch | None) -> bool:
        """The counted thing belongs to a third party ("Ukrainian drones", "South Korean troops")."""
        if kind_m is None:
            return False
        lo = kind_m.start - 6
        if num is not None:
            tok = kind_m.span.doc.char_span(ctx.sent.start_char + num.num_start, ctx.sent.start_char + num.num_end,
                                            alignment_mode="expand")
            lo = tok.start if tok is not None else lo
        for m in ctx.mentions:
            if m.category == "actor" and m.actor and lo <= m.start < kind_m.start \
                    and self.role(m) not in ("partner", "counterpart"):
                if m.actor.category == "country":
                    return True
        for m in ctx.mentions:
            if m.category == "actor" and m.actor and m.actor.adjective and lo <= m.start < kind_m.start \
                    and self.role(m) == "counterpart" and kind_m.kind and kind_m.kind.type in ("troop_deployment",):
                return True
        return False

    def _clause(self, anchor: Token) -> set[int]:
        """Token ids of the claim's own clause: the governing verb's subtree without coordinated or
        embedded clauses that do not hold the anchor ("were in Russia and that 8,000 had been
        deployed to Kursk": each conjunct has its own place)."""
        verb = self.governing_verb(anchor)
        ids = {t.i for t in verb.subtree}
        for child in verb.children:
            if child.dep_ in ("conj", "ccomp", "advcl", "parataxis") and anchor not in child.subtree:
                ids -= {t.i for t in child.subtree}
        return ids

    def _other_clauses(self, anchor: Token) -> set[int]:
        """Token ids of coordinated or complement clauses beside the anchor's path to the root."""
        out: set[int] = set()
        path = [anchor, *anchor.ancestors]
        for node in path:
            for child in node.children:
                if child.dep_ in ("conj", "ccomp", "parataxis") and child.pos_ in ("VERB", "AUX") \
                        and child not in path:
                    out |= {t.i for t in child.subtree}
        return out

    def destination(self, ctx: SentCtx, claim_type: str, anchor: Token | None = None
                    ) -> tuple[Place | None, Entity | None]:
        """The place and country a claim goes to: a destination in the anchor's own clause, a place in
        Russia before others, the theatre for troops said to be there, else Russia itself."""
        doc = ctx.sent.doc
        places = [m for m in ctx.mentions if m.category == "place" and m.place and m.place.destination
                  and doc[m.start - 1].lower_ != "from"]
        if anchor is not None and claim_type != "casualties":
            clause = self._clause(anchor)
            own = [m for m in places if m.start in clause and m.place and m.place.country == self.lexicon.counterpart]
            russia = [m for m in ctx.mentions if m.start in clause and m.category == "actor" and m.actor
                      and m.actor.category == "country" and m.actor.country == self.lexicon.counterpart
                      and not m.actor.adjective
                      and doc[m.start - 1].lower_ in ("in", "to", "into", "inside")]
            if own:
                places = own
            elif russia:
                # "were in Russia": the clause names the country only
                return None, self.country_entity(self.lexicon.counterpart)
            else:  # nothing in the clause: no place from a coordinated clause about something else
                other = self._other_clauses(anchor)
                places = [m for m in places if m.start not in other]
        if claim_type != "casualties":
            places = [m for m in places if m.place and m.place.country == self.lexicon.counterpart] or places
        if places and (p := places[0].place) is not None:
            return Place(p.name, p.country, p.lat, p.lon, p.id), self.country_entity(p.country)
        if claim_type == "troop_deployment":
            for m in ctx.mentions:
                if m.actor and m.actor.country == self.lexicon.theatre and not m.actor.adjective \
                        and doc[m.start - 1].lower_ in ("in", "to", "into", "inside"):
                    return None, self.country_entity(self.lexicon.theatre)
            if names_front(ctx.sent.text) and not re.search(r"\b(?:in|into|to|inside)\s+Ukraine\b", ctx.sent.text):
                return None, self.country_entity(self.lexicon.theatre)
        return None, self.country_entity(self.lexicon.counterpart)

    def _quantity_claim(self, ctx: SentCtx, num: NumberMatch, kind_m: Mention | None, kind: str, anchor: Token,
                        ctx_partner: Mention | None, ctx_russia: bool, dates: list[DateMatch],
                        last_person: Entity | None) -> Claim | None:
        if self.foreign_owner(ctx, kind_m, num):
            return None
        partner = self._partner_for(ctx, anchor, kind_m, ctx_partner)
        if partner is None:
            return None
        at_war = kind == "casualties" and any(m.country == self.lexicon.theatre for m in ctx.mentions
                                              if m.category in ("actor", "place"))
        if not ctx.russia and not ctx_russia and not at_war:
            return None  # losses of the partner's troops counted by Ukraine need no Russia named
        if not ctx.partners and not ctx.russia and kind != "casualties" and not ctx.frame_before:
            return None
        spec = next((k for k in self.lexicon.kinds if k.kind == kind), None)
        claim_type = spec.type if spec else "other"
        verb = self.governing_verb(anchor)
        if kind == "workers":
            lemmas = {t.lemma_.lower() for t in verb.subtree if t.pos_ in ("VERB", "AUX", "ADJ")} \
                | {verb.lemma_.lower()}
            chain = {verb.lemma_.lower()} | {a.lemma_.lower() for a in verb.ancestors}
            future = any(is_modal(c) and c.lower_ in ("will", "would", "'ll") for c in verb.children)
            if chain & _MOTION or (lemmas & _MOTION and not (lemmas & {"work", "employ", "working"})) or \
                    future and verb.lemma_.lower() in ("number", "be", "total", "comprise", "include"):
                claim_type = "labor_dispatch"  # "the contingent will number 6,000": a stock to come is a dispatch
            elif lemmas & _PRESENCE or chain & _PRESENCE:
                claim_type = "workers_present"
        if kind == "entries":
            claim_type = "other"
        actor = self.country_entity(partner.country)
        place, target = self.destination(ctx, claim_type, anchor)
        if claim_type == "casualties" and kind_m is not None and kind_m.span.text.lower() in ("people", "civilians") \
                or claim_type == "casualties" and kind_m is None and any(
                    m.place and m.place.country == self.lexicon.theatre for m in ctx.mentions) and re.search(
                    r"\b(?:civilians?|people|residents|children|strikes?|hit|struck)\b", ctx.sent.text) \
                and not re.search(r"\b(?:soldiers|troops)\b", ctx.sent.text):
            # the victims of strikes on Ukrainian places, not a Ukrainian source's count of North Korean losses
            actor = Entity("Ukraine (civilians)", "country:UA")
            if place is None or place.country != self.lexicon.theatre:
                place, target = None, self.country_entity(self.lexicon.theatre)
        qty_start, qty_end = num.start, (kind_m.span.end_char - ctx.sent.start_char) if kind_m else num.end
        qtext = ctx.sent.text[qty_start:qty_end] if qty_end > qty_start else ctx.sent.text[num.start:num.end]
        qualifier = num.qualifier
        if num.value is None:
            qualifier = None
        elif num.max is not None and qualifier is None:
            qualifier = None
        elif qualifier is None:
            qualifier = "exact"
        quantity = Quantity(num.value, kind, qualifier, qtext, num.max)
        return self.finish(ctx, Claim(type=claim_type, actor=actor, target=target, location=place, quantity=quantity),
                           anchor, dates, last_person, estimated="estimated" in qtext.lower())

    def vouch(self, claim: Claim) -> None:
        """``claim`` was read off the parse by a frame: the classifier weighs it but does not drop it."""
        self.framed.add(id(claim))

    def finish(self, ctx: SentCtx, claim: Claim, anchor: Token, dates: list[DateMatch], last_person: Entity | None,
               estimated: bool = False, outlet_voice: bool = False) -> Claim:
        """Source, modality, negation, date, evidence and confidence of ``claim`` from its anchor: the
        attribution's verb bounds the modality's verb chain and tells the date of the statement from
        that of the event; with ``outlet_voice`` the outlet states the claim unless a source announces
        it as a plan."""
        attr = Attribution(None) if outlet_voice else find_attribution(ctx.sent, anchor, ctx.mentions, self.lexicon,
                                                                         last_person, ctx.discourse)
        claim.attributed_to = attr.entity  # the denial rule asks who speaks
        modality, negated = modality_of(anchor, attr.verb, self.lexicon, claim, estimated)
        if in_background(anchor, attr.verb):
            self._background.add(id(claim))
        if outlet_voice and modality != "announced_planned":
            attr = Attribution(None)
        elif outlet_voice:
            attr = find_attribution(ctx.sent, anchor, ctx.mentions, self.lexicon, last_person, ctx.discourse)
        claim.attributed_to = attr.entity
        claim.via = attr.via
        claim.modality = modality
        claim.negated = negated
        claim.date = pick_date(dates, anchor, attr.verb, modality, ctx.sent)
        sent = ctx.sent
        text = sent.text.rstrip()
        lead = len(text) - len(text.lstrip())
        claim.evidence = [Evidence(text.strip(), sent.start_char + lead, sent.start_char + len(text))]
        claim.extractor = self.extractor_name
        score = 0.5 + (0.15 if claim.quantity and claim.quantity.value is not None else 0) \
            + (0.1 if claim.attributed_to else 0) + (0.1 if claim.actor else 0)
        claim.confidence = round(min(score, 0.95), 2)
        return claim


def pick_date(dates: list[DateMatch], anchor: Token, report_verb: Token | None, modality: str,
              sent: Span) -> DateRef | None:
    """The date of the event (completed/ongoing/estimate) or of the statement (planned/denied)."""
    if not dates:
        return None
    doc = sent.doc
    chosen: DateMatch | None = None
    for d in dates:
        span = doc.char_span(sent.start_char + d.start_char, sent.start_char + d.end_char, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        under_report = False
        node = tok
        for _ in range(10):
            if report_verb is not None and node == report_verb:
                under_report = True
                break
            if node == anchor or node.head == node:
                break
            node = node.head
        in_claim = tok in set(anchor.head.subtree) if anchor.head != anchor else True
        if report_verb is not None and report_verb in tok.ancestors and anchor not in [a for a in tok.ancestors]:
            under_report = not any(a == anchor or a == anchor.head for a in tok.ancestors)
        if under_report and report_verb is not None:
            # the date hangs on a verb of the claim's own clause ("has fired ... since December, X said";
            # "builders will leave ... this summer, TV reported"): it dates the claim, not the statement
            claim_path = {a for a in anchor.ancestors if report_verb in a.ancestors and a.pos_ in ("VERB", "AUX")}
            if any(a in claim_path for a in tok.ancestors):
                under_report = False
        future = bool(re.search(r"\b(?:next|coming|within|end of)\b", d.text, re.IGNORECASE))
        if future:
            continue
        clause = next((a for a in tok.ancestors if a.dep_ == "relcl" or a.dep_ == "advcl" and a.pos_ in ("VERB", "AUX")
                       and any(c.dep_ == "mark" for c in a.children)), None)
        if clause is not None and anchor not in set(clause.subtree) and (report_verb is None or report_verb not in
                                                                         set(clause.subtree)):
            # "Pyongyang, which shipped shells last year, will send ...", "were working there before sanctions
            # took effect in 2019": the date of a background or subordinate clause, not of the claim
            continue
        if modality in ("announced_planned", "denied"):
            if under_report or report_verb is None or d.kind in ("weekday", "rel_day") or d.kind == "as_of":
                chosen = d
                break
            continue
        if modality == "completed" and under_report and in_claim is False:
            continue
        if modality == "completed" and under_report:
            continue
        chosen = d
        break
    if chosen is None:
        return None
    return DateRef(chosen.start, chosen.end, chosen.text)
