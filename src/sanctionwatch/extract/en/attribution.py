"""Who a sentence says makes a claim: "Shoigu said", "said Shoigu", "according to
Interfax", "X told reporters", "was quoted as saying by TASS", "reports indicated".

Works on the dependency parse: the reporting verb is an ancestor of the claim's anchor
(or a parenthetical beside it), its subject is the source; an agent ("by TASS"), the
addressee of "told TASS" or the object of "citing" gives the intermediary (``via``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from ...model import Claim, Entity
from ..lexicon import Lexicon
from .mentions import Mention
from .tags import FINITE

__all__ = ["VERB_FINDERS", "Attribution", "Discourse", "carry_over", "entity_for_span", "find_attribution"]

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
PRONOUNS = {"he", "she"}
_DET = re.compile(r"^(?:a|an|the|some|its|his|her|their)\s+", re.IGNORECASE)


@dataclass
class Discourse:
    """What earlier sentences of the document tell the attribution of a later one."""

    last_org: Entity | None = None  # the organisation named last ("the agency said")
    people: set[str] = field(default_factory=set)  # ids of the people named so far
    next_people: set[str] = field(default_factory=set)  # ids of the people the next sentence names


@dataclass
class Attribution:
    entity: Entity | None
    via: str | None = None
    verb: Token | None = None


_LIST = re.compile(r"[\w.'’-]+(?: [\w.'’-]+)*(?:, [\w.'’-]+(?: [\w.'’-]+)*)+,? (?:and|or) [\w.'’ -]+")


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,\"'“”")
    if not _LIST.fullmatch(text):  # "U.S., South Korean and Ukrainian officials" keeps its list
        text = re.split(r",|\s+\(|\s+who\b|\s+which\b", text)[0]
    return _DET.sub("", text).strip()


_PAIR = re.compile(r"(?i:both|the two) (?:governments|countries|sides|states|capitals|allies)")
_ANAPHORIC = {"agency", "service", "ministry", "office", "council", "command", "spokesman", "spokeswoman",
              "spokesperson"}


def _titled_person(span: Span, inside: list[Mention], lexicon: Lexicon, discourse: Discourse | None) -> Entity | None:
    """A source named by the title of a person the document has already named ("Sergei Shoigu ...
    Russia's Security Council secretary said"), of the country the words name when they name one."""
    if discourse is None or not (discourse.people or discourse.next_people):
        return None
    text = re.sub(r"\s+", " ", span.text.lower()).strip()
    countries = {m.actor.country for m in inside if m.actor and m.actor.category == "country"}
    # the person named already, else the one the next sentence names ("Moscow's top security official
    # presented it as help. Sergei Shoigu, secretary of the Security Council, announced ...")
    for known in (discourse.people, discourse.next_people):
        for title, people in sorted(lexicon.titles.items(), key=lambda kv: -len(kv[0])):
            if not re.search(r"(?:^|\W)" + re.escape(title) + r"$", text):
                continue
            fit = [p for p in people if p.id in known and (not countries or p.country in countries)]
            if len(fit) == 1:
                return Entity(fit[0].name, fit[0].id)
    return None


def entity_for_span(span: Span, mentions: list[Mention], lexicon: Lexicon,
                    last_person: Entity | None = None, discourse: Discourse | None = None) -> Entity | None:
    """A canonical entity for the words of a source ("Russia's Security Council secretary,
    Sergei Shoigu" -> Sergei Shoigu; "Seoul" -> South Korea; "a Russian official" as is)."""
    head = span.root
    # a relative clause describes the source, it does not name it ("Shoigu, who met Kim, said")
    clause = {t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    inside = [m for m in mentions if m.category == "actor" and span.start <= m.start and m.end <= span.end
              and m.start not in clause]
    text = span.text.strip()
    if text.lower() in PRONOUNS:
        return last_person
    if text.lower() == "it" and discourse is not None and discourse.last_org is not None:
        return discourse.last_org  # "It also estimated ..." after the agency was named
    persons = [m for m in inside if m.actor and m.actor.category == "person"]
    if persons:
        own = [m for m in persons
               if m.start <= head.i < m.end or m.span.root.head == head and m.span.root.dep_ == "appos"]
        actor = (own or persons)[0 if own else -1].actor
        if actor is not None:
            return Entity(actor.name, actor.id)
    if _PAIR.fullmatch(text):  # "both governments deny it": the two sides the sentence names
        sides = [m.actor for m in mentions if m.actor and m.actor.category == "country"
                 and lexicon.role_of(m.actor.country) == "partner"]
        if sides:
            return Entity(f"{lexicon.countries[lexicon.counterpart].name} and {sides[0].name}"
                          if lexicon.counterpart in lexicon.countries else sides[0].name)
    titled = _titled_person(span, inside, lexicon, discourse)
    if titled is not None:
        return titled
    orgs = [m for m in inside if m.actor and m.actor.category == "organisation"]
    if orgs:
        actor = orgs[0].actor
        if actor is not None:
            return Entity(actor.name, actor.id)
    unnamed = lexicon.unnamed_sources.get(head.lower_)
    modifiers = [t for t in head.children if t.dep_ in ("amod", "compound", "nmod", "poss")]
    if unnamed and not modifiers and not inside:
        return Entity(unnamed)
    previous = discourse.last_org if discourse else None
    if previous is not None and head.lower_ in _ANAPHORIC and not inside and \
            all(t.dep_ == "det" and t.lower_ in ("the", "this") for t in head.children if t.i < head.i):
        return previous  # "the agency said" after the agency was named
    names = [m for m in inside if m.actor and not m.actor.adjective]
    cleaned = _clean(text)
    if any(c.dep_ == "poss" and c.lower_ == "its" for c in head.children):
        owner = [m for m in mentions if m.actor and m.actor.category == "country" and not m.actor.adjective
                 and m.end <= span.start]
        owner = [m for m in owner if m.span.root.dep_ in ("nsubj", "nsubjpass")] or owner[:1]
        if owner and owner[0].actor:  # "North Korea did not send troops to Ukraine, its foreign ministry insisted"
            cleaned = f"{owner[0].actor.name}'s {cleaned}"
    described = not any(m.start <= head.i < m.end for m in inside) and head.pos_ == "NOUN"
    if described and cleaned:
        # "U.S. officials", "South Korean and Ukrainian estimates": the description is the source
        return Entity(cleaned)
    if names and len(cleaned.split()) <= len(" and ".join(m.span.text for m in names).split()) + 1:
        seen: list[str] = []
        for m in names:
            if m.actor is not None and m.actor.name not in seen:
                seen.append(m.actor.name)
        actor = names[0].actor
        if len(seen) == 1 and actor is not None:
            return Entity(actor.name, actor.id)
        return Entity(" and ".join(seen))
    return Entity(cleaned) if cleaned else None


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects; a coordinated verb shares its first conjunct's ("he met Kim and announced
    that ...": "he" announced)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    while not subjects and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.i > 0 \
            and verb.doc[verb.i - 1].lower_ in ("and", "but") and verb.head is not verb:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    return subjects


def _subject(verb: Token) -> Span | None:
    """The verb's subject; of two (a misparse of "X ..., reports say"), the one nearest the verb."""
    subjects = _subjects(verb)
    if not subjects:
        return None
    child = min(subjects, key=lambda c: abs(c.i - verb.i))
    if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        head = verb.head  # "Gerasimov, chief of the General Staff, who told Putin ...": the antecedent speaks
        named = head.head if head.dep_ == "appos" else head
        return verb.doc[named.left_edge.i:verb.left_edge.i] if named.left_edge.i < verb.left_edge.i else None
    return verb.doc[child.left_edge.i:child.right_edge.i + 1]


def _is_source_verb(verb: Token, anchor: Token) -> bool:
    """A reporting verb whose subject is a source: not a passive or raising frame whose subject is
    the claim itself ("10,000 soldiers are believed to ...", "Moscow is believed to have received")."""
    subjects = _subjects(verb)
    if not subjects:
        return False
    if all(c.dep_ == "nsubjpass" for c in subjects) and verb.lemma_.lower() != "quote" and \
            not any(c.dep_ == "agent" for c in verb.children):
        return False  # "is believed to", "is said to": the subject is what the claim is about
    return not any(c.left_edge.i <= anchor.i <= c.right_edge.i for c in subjects)


_BELIEF = {"believe", "think", "assess", "estimate", "judge", "expect", "understand"}


def _outer_speaker(verb: Token) -> Token | None:
    """"Blinken said that Washington believed ...": a belief the speaker ascribes to his own government
    is the speaker's claim; a denial or report by a third party stays with that party."""
    if verb.lemma_.lower() not in _BELIEF or verb.dep_ not in ("ccomp", "xcomp"):
        return None
    head = verb.head
    if head.lemma_.lower() in ("say", "tell", "state", "announce", "add") and head.pos_ == "VERB" \
            and _subject(head) is not None:
        return head
    return None


_TAIL_OK = {"on", "in", "at", "last", "this", "earlier", "late", "told", "tell", "citing", "adding", "after", "during",
            "a", "an", "the", "statement", "reporters", "lawmakers", "journalists", "parliament", "briefing",
            "interview"}


def _trailing_source(sent: Span, verbs: set[str], anchor: Token) -> tuple[Token, Span] | None:
    """The source of a sentence-final attribution: "<claim>, South Korea's Joint Chiefs of Staff said
    (on Friday)." Found from the words, as the parse of long leads often loses the subject."""
    toks = [t for t in sent if not t.is_space]
    for k in range(len(toks) - 1, 1, -1):
        verb = toks[k]
        last_word = all(t.is_punct for t in toks[k + 1:])
        if not (verb.lemma_.lower() in verbs and verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") or
                last_word and verb.tag_ == "NNS" and verb.lower_[:-1] in verbs):  # "..., the agency estimates."
            continue
        tail = toks[k + 1:]
        if any(t.tag_ in FINITE for t in tail):
            return None  # a new clause follows: not a closing attribution
        j = k - 1
        while j > 0 and toks[j].lower_ in ("has", "have", "had", "also", "now", "later"):
            j -= 1
        end = j
        while j > 0 and toks[j].text not in (",", "\u2014", "--", ";", ":") and k - j <= 14:
            if toks[j].pos_ in ("VERB", "AUX") and toks[j].tag_ not in ("VBN", "VBG"):
                return None
            j -= 1
        if j <= 1 or toks[j].text not in (",", "\u2014", "--") or end < j + 1:
            return None
        if anchor.i > toks[j].i:
            return None  # the claim is not before the attribution
        return verb, sent.doc[toks[j + 1].i:toks[end].i + 1]
    return None


def _via(verb: Token, mentions: list[Mention], lexicon: Lexicon) -> tuple[str | None, Span | None]:
    """The intermediary of "quoted ... by TASS", "told TASS"; the cited source of "citing X"."""
    via = None
    cited = None
    for child in verb.subtree:
        if child.dep_ == "agent" or child.lower_ == "by" and verb.lemma_.lower() == "quote" \
                or child.lower_ in ("told", "tell") or child.head == verb and child.dep_ in ("dobj", "dative"):
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
    return bool(actor and actor.kind == "media") or bool(
        re.search(r"\b(?:journal|times|post|media|daily|newspaper|news agenc\w+)\b", entity.name, re.IGNORECASE))


@dataclass
class _Query:
    """The claim whose source is sought and what the search reads."""

    sent: Span
    anchor: Token
    mentions: list[Mention]
    lexicon: Lexicon
    last_person: Entity | None
    discourse: Discourse | None

    def entity(self, span: Span) -> Entity | None:
        return entity_for_span(span, self.mentions, self.lexicon, self.last_person, self.discourse)


def find_attribution(sent: Span, anchor: Token, mentions: list[Mention], lexicon: Lexicon,
                     last_person: Entity | None = None, discourse: Discourse | None = None) -> Attribution:
    """Who ``sent`` says makes the claim at ``anchor``.  A report noun's possessor on the way up from
    the anchor is the source ("Shoigu's announcement that ..."); else the first of ``VERB_FINDERS``
    that finds a reporting verb gives it, and the verb's subject is the source; an "according to"
    before that verb wins over it, and "reportedly" without a verb gives unnamed reports."""
    q = _Query(sent, anchor, mentions, lexicon, last_person, discourse)
    owner = _report_owner(q)
    if owner is not None:
        return owner
    trailing = _trailing_source(sent, lexicon.attribution_verbs, anchor)
    verb = next((v for v in (find(q, trailing) for find in VERB_FINDERS) if v is not None), None)
    according = _according(q, verb)
    if according is not None:
        return according
    if verb is None:
        return Attribution(Entity("unnamed reports")) if re.search(r"\breportedly\b", sent.text, re.IGNORECASE) \
            else Attribution(None)
    subj = trailing[1] if trailing is not None and trailing[0] == verb and _subject(verb) is None else _subject(verb)
    if subj is None:
        return Attribution(None)
    return _source_of(q, verb, subj)


def _reporting_ancestor(q: _Query) -> Token | Attribution | None:
    """Walking up from the anchor: a reporting verb whose subject is a source, or a report noun with
    a possessor, whichever comes first."""
    node = q.anchor
    while True:
        if (node.lemma_.lower() in q.lexicon.attribution_verbs or _gives_figures(node)) \
                and node.pos_ in ("VERB", "AUX") and _is_source_verb(node, q.anchor):
            return _outer_speaker(node) or node
        if node.lemma_.lower() in _REPORT_NOUNS and node.pos_ == "NOUN":
            owner = [c for c in node.children if c.dep_ == "poss"]
            # a quoted phrase the parser read as a possessor ("dismissed as 'fake news' reports") owns nothing
            owner = [o for o in owner if not (o.left_edge.i > 0 and q.sent.doc[o.left_edge.i - 1].tag_ == "``")]
            if owner:  # "Shoigu's announcement that 1,000 sappers would be sent"
                span = q.sent.doc[owner[0].left_edge.i:owner[0].right_edge.i + 1]
                return Attribution(q.entity(span), None, node)
        if node.head == node:
            return None
        node = node.head


def _report_owner(q: _Query) -> Attribution | None:
    """"Shoigu's announcement that 1,000 sappers would be sent": the possessor of a report noun above
    the claim, below any reporting verb, is its source."""
    found = _reporting_ancestor(q)
    return found if isinstance(found, Attribution) else None


def _verb_above(q: _Query, trailing: tuple[Token, Span] | None) -> Token | None:
    """A reporting verb above the claim whose subject is a source ("Shoigu said that ..."), or the
    speaker who ascribes the belief to his government ("Blinken said Washington believed ...")."""
    found = _reporting_ancestor(q)
    return found if isinstance(found, Token) else None


def _verb_at_the_end(q: _Query, trailing: tuple[Token, Span] | None) -> Token | None:
    """A sentence-final attribution read from the words ("..., South Korea's Joint Chiefs of Staff said.")."""
    return trailing[0] if trailing is not None else None


def _framing_verb(q: _Query, trailing: tuple[Token, Span] | None) -> Token | None:
    """"in what Moscow's top security official presented as brotherly help": the framer."""
    return _in_what_frame(q.sent)


def _main_reporting_verb(q: _Query, trailing: tuple[Token, Span] | None) -> Token | None:
    """A reporting verb of a main, parenthetical or coordinated clause ("..., officials said"), not an
    adverbial clause that holds the claim or hangs below the root."""
    for tok in q.sent:
        if tok.lemma_.lower() in q.lexicon.attribution_verbs and tok.pos_ == "VERB" and \
                tok.dep_ in ("ROOT", "parataxis", "conj", "advcl") and _is_source_verb(tok, q.anchor) and \
                not (tok.i <= q.anchor.i and q.anchor in tok.subtree and tok.dep_ == "advcl"):
            if tok.dep_ == "advcl" and tok.head.dep_ != "ROOT":
                continue
            return tok
    return None


#: where the reporting verb of a claim is sought, in order: the first that finds one gives the source
VERB_FINDERS: list[Callable[[_Query, tuple[Token, Span] | None], Token | None]] = [
    _verb_above,
    _verb_at_the_end,
    _framing_verb,
    _main_reporting_verb,
]


def _according(q: _Query, verb: Token | None) -> Attribution | None:
    """"according to X" before the reporting verb (or in a sentence without one): X is the source."""
    for tok in q.sent:
        if tok.lower_ == "according":
            for to in tok.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        if verb is not None and tok.i > verb.i:
                            break
                        return _according_to(pobj, q.mentions, q.lexicon, q.last_person, q.discourse, tok)
    return None


def _source_of(q: _Query, verb: Token, subj: Span) -> Attribution:
    """The source the subject of the reporting verb names, with the outlet that relayed it."""
    entity = q.entity(subj)
    via, cited = _via(verb, q.mentions, q.lexicon)
    if _is_media(entity, q.lexicon) or entity is not None and re.search(r"\bagenc(?:y|ies)\b", entity.name) \
            and not q.lexicon.aliases.get(entity.name):
        relayed = _relayed_speaker(q, verb, entity)
        if relayed is not None:
            return relayed
    if cited is not None and _is_media(entity, q.lexicon):
        via = entity.name if entity else via
        entity = q.entity(cited)
    if via and entity and via == entity.name:
        via = None
    return Attribution(entity, via, verb)


def _relayed_speaker(q: _Query, verb: Token, outlet: Entity | None) -> Attribution | None:
    """"X said ..., news agencies reported": the named speaker is the source, the outlet relays."""
    for tok in q.sent:
        if tok != verb and tok.lemma_.lower() in q.lexicon.attribution_verbs and tok.pos_ == "VERB":
            inner = _subject(tok) or _speaker_before(tok, q.mentions)
            if inner is None:
                continue
            speaker = q.entity(inner)
            if speaker is not None and not _is_media(speaker, q.lexicon):
                return Attribution(speaker, outlet.name if outlet else None, tok)
    return None


_FIGURE_VERBS = {"give", "provide", "offer", "issue", "publish", "release", "put"}


def _gives_figures(verb: Token) -> bool:
    """"U.S. officials have given a lower estimate of around 1,200": giving a figure reports it."""
    return verb.lemma_.lower() in _FIGURE_VERBS and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in (_REPORT_NOUNS | _DATA_NOUNS) - {"number", "count"}
        for c in verb.children)  # "provided a small number of drones" gives drones, not a figure


_FRAMING_VERBS = {"present", "describe", "call", "term", "characterise", "characterize", "portray", "hail", "frame",
                  "cast", "bill", "style", "label"}


def _in_what_frame(sent: Span) -> Token | None:
    """"... in what Moscow's top security official presented as brotherly help": the framer is the
    source of the statement the phrase comments on."""
    for tok in sent:
        if tok.lower_ == "what" and tok.head.lemma_.lower() in _FRAMING_VERBS and tok.head.dep_ == "pcomp" \
                and tok.head.head.lower_ == "in" and _subject(tok.head) is not None:
            return tok.head
    return None


_REPORT_NOUNS = {"announcement", "statement", "claim", "remark", "assessment", "estimate", "report", "assertion",
                 "admission", "acknowledgement", "acknowledgment", "confirmation", "disclosure"}
_DATA_NOUNS = {"figure", "figures", "data", "statistics", "estimate", "estimates", "number", "numbers", "count",
               "records"}


_DOCUMENT_NOUNS = {"report", "study", "analysis", "assessment", "survey", "paper", "note", "briefing", "estimate"}


def _according_to(pobj: Token, mentions: list[Mention], lexicon: Lexicon, last_person: Entity | None,
                  discourse: Discourse | None, tok: Token) -> Attribution:
    """"according to X"; "according to figures from X reported by Y": source X, intermediary Y."""
    doc = pobj.doc
    source = pobj
    via = None
    if pobj.lower_ in _DATA_NOUNS or pobj.lemma_.lower() in _DOCUMENT_NOUNS:  # "a report by the Institute ..."
        for prep in pobj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "by"):
                inner = [c for c in prep.children if c.dep_ == "pobj"]
                if inner:
                    source = inner[0]
                    break
    for t in source.subtree:
        if t.dep_ == "agent" and t.head.lemma_.lower() in ("report", "publish", "cite", "quote"):
            for m in mentions:
                if m.actor and m.actor.kind == "media" and t.left_edge.i <= m.start <= t.right_edge.i:
                    via = m.actor.name
    right = source.right_edge.i
    for t in source.children:
        if t.dep_ == "acl" and t.lemma_.lower() in ("report", "publish", "cite", "quote"):
            right = t.i - 1
    ent = entity_for_span(doc[source.left_edge.i:right + 1], mentions, lexicon, last_person, discourse)
    return Attribution(ent, via, tok)


# -- attribution across sentences ---------------------------------------------------------------

def carry_over(prev: Any, ctx: Any, claims: list[Claim], prev_claims: list[Claim], lexicon: Lexicon,
               last_person: Entity | None) -> None:
    """Sources a sentence gives for its neighbour.

    * "According to Interfax, 5,000 builders are to be sent. The figures were given by Shoigu ...":
      a sentence that names who gave the figures re-attributes the previous sentence's claims; the
      outlet that relayed them becomes ``via``.
    * "... according to the prosecutor. The deadliest hit Kharkiv, killing three people": a sentence
      whose subject is an elliptical superlative or ordinal ("the deadliest", "the largest", "the
      first") picks out one of the items just reported, so it continues the previous source's report.
    """
    giver = _figures_given_by(ctx.sent, ctx.mentions, lexicon, last_person, ctx.discourse)
    if giver is not None:
        for c in prev_claims:
            if c.attributed_to is not None and c.attributed_to.name == giver.name:
                continue
            relay = c.attributed_to.name if c.attributed_to is not None and _is_media(c.attributed_to, lexicon) \
                else None
            c.attributed_to, c.via = giver, relay or c.via
        return
    if not claims or not _elliptical_subject(ctx.sent):
        return
    source = find_attribution(prev.sent, prev.sent.root, prev.mentions, lexicon, last_person, prev.discourse)
    if source.entity is None:
        return
    for c in claims:
        if c.attributed_to is None:
            c.attributed_to, c.via = source.entity, source.via


def _figures_given_by(sent: Span, mentions: list[Mention], lexicon: Lexicon, last_person: Entity | None,
                      discourse: Discourse | None) -> Entity | None:
    """"The figures were given by X" / "X gave the figures": who gave the numbers just reported."""
    root = sent.root
    if root.lemma_.lower() not in (_FIGURE_VERBS - {"put"}) | {"announce", "cite", "supply", "disclose"}:
        return None
    if any(t.like_num or t.pos_ == "NUM" for t in sent):
        return None  # a sentence with figures of its own ("X has put the number at 4,000") reports anew
    objs = [c for c in root.children if c.dep_ in ("nsubjpass", "dobj")]
    if not any((o.lemma_.lower() in _DATA_NOUNS or o.lower_ in _DATA_NOUNS)
               and any(d.lower_ in ("the", "these", "those") for d in o.children) for o in objs):
        return None
    for c in root.children:
        if c.dep_ == "agent":
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                return entity_for_span(sent.doc[pobj[0].left_edge.i:pobj[0].right_edge.i + 1], mentions, lexicon,
                                       last_person, discourse)
        if c.dep_ == "nsubj":
            return entity_for_span(sent.doc[c.left_edge.i:c.right_edge.i + 1], mentions, lexicon, last_person,
                                   discourse)
    return None


def _elliptical_subject(sent: Span) -> bool:
    """"The deadliest hit ...", "The first arrived ...": a subject that is only a determiner and a
    superlative or ordinal, its noun left to the previous sentence."""
    subj = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj:
        words = [t for t in subj[0].subtree]
    else:  # the parser often reads the superlative as the verb's subject-less modifier
        words = [t for t in sent[:3] if not t.is_punct]
        words = words[:2]
    if len(words) != 2 or words[0].lower_ not in ("the", "its", "their"):
        return False
    w = words[1]
    return w.tag_ in ("JJS", "RBS") or w.lower_ in ("first", "second", "third", "last", "latest", "largest", "biggest")
