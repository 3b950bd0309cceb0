"""Interactions of officials of the two sides: meetings, visits and agreements, as frames.

The pack's ``frames.yaml`` holds the vocabulary (trigger verbs and nouns, the nouns that name
an official party, how a personal name shows its side); this module is the one engine that
reads it over a spaCy parse.  A frame fires when its trigger's arguments hold parties of the
two sides of the pack (a partner state and its counterpart):

    Kim Jong Un received Sergei Shoigu          meeting: subject and object
    The delegation was greeted by Yun Jong Ho   meeting: passive subject and agent
    There were talks between X and Y            meeting: "between" a pair
    X had a talk with Y / paid a courtesy call on Y
    A delegation of Russian experts arrived here   visit: traveller and the dateline's country
    Choe Son Hui ... left here for Russia          visit: traveller and the "for" destination
    ... signed the treaty ... / the DPRK-Russia treaty   agreement

The vocabulary is read by ``framebook.py``; datelines and glued names by ``surface.py``.
A party is a person or an official body.  Its side comes from the words of its phrase (a
demonym, "of the Russian Federation", a body of the pack such as the Workers' Party of Korea),
else from what the document said of it before ("Chekushov", "the delegation", "he"), else from
the form of a personal name (``parties.name_cues``).  Visits a stated meeting already covers
are dropped at the end of the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from ...model import Claim, Entity, Place, Quantity, entity_country, is_personal_name
from ..lexicon import Lexicon
from .framebook import FrameBook
from .mentions import Mention
from .numbers import parse_number
from .surface import dateline_place

__all__ = ["DocMemory", "Frame", "Interactions", "Party", "mention_index", "term_years"]

#: dependency labels that leave the phrase of a party: clauses, coordination, other prepositions
_OUTSIDE = {"conj", "cc", "relcl", "advcl", "acl", "parataxis", "ccomp", "xcomp", "dep", "prep", "punct",
            "mark", "advmod", "npadvmod", "agent"}
_SUBJ = ("nsubj", "nsubjpass")
_PHRASE_MAX = 64
_PRONOUNS_ONE = {"he", "she", "him", "her"}
_PRONOUNS_MANY = {"they", "them", "it"}


@dataclass
class Party:
    """One side's participant: a person or an official body, with the state it belongs to."""

    name: str
    side: str | None
    id: str | None = None
    person: bool = False
    resident: bool = False
    official: bool = True
    head: Token | None = None

    def entity(self) -> Entity:
        return Entity(self.name, self.id, self.side)


@dataclass
class DocMemory:
    """What earlier sentences of a document said about its parties."""

    here: str | None = None  # the dateline's country (else the outlet's)
    sides_named: set[str] = field(default_factory=set)  # the pack's states the document names
    names: dict[str, Party] = field(default_factory=dict)  # full name and surname, lowercased
    by_noun: dict[str, Party] = field(default_factory=dict)  # "delegation" -> the last delegation named
    last_subjects: list[Party] = field(default_factory=list)
    went_to: dict[str, str] = field(default_factory=dict)  # side -> the country its delegation left for


#: a frame the engine found: (claim type, anchor, first party, second party or place, told in background)
Frame = tuple[str, Token, Party, Any, bool]


class Interactions:
    """Meeting, visit and agreement claims of one document, sentence by sentence."""

    def __init__(self, lexicon: Lexicon, book: FrameBook) -> None:
        self.lexicon = lexicon
        self.book = book
        self._country_of = {a.id: a.country for a in lexicon.aliases.values() if a.country}
        #: types a sentence's trigger ruled out ("received a message"): no other rule may claim them
        self.rejected: set[str] = set()

    def fill_countries(self, claims: list[Claim]) -> None:
        """Every entity the pack knows carries its country (a person's, an agency's)."""
        for c in claims:
            for e in (c.actor, c.target, c.attributed_to):
                if e is not None and e.country is None and e.id:
                    e.country = self._country_of.get(e.id)

    # -- parties -------------------------------------------------------------------------
    def _roles(self, a: str | None, b: str | None) -> bool:
        """Whether two sides are the pack's partner and counterpart."""
        return {self.lexicon.role_of(a), self.lexicon.role_of(b)} == {"partner", "counterpart"}

    def party(self, tok: Token, at: dict[int, Mention], memory: DocMemory) -> Party | None:
        """The party a noun phrase headed by ``tok`` names, or None when it names none."""
        low = tok.lower_
        if tok.pos_ == "PRON":
            if low in _PRONOUNS_ONE:
                people = [p for p in memory.last_subjects if p.person]
                return people[0] if people else None
            if low in _PRONOUNS_MANY and memory.last_subjects:
                if low == "it" and memory.last_subjects[0].person:
                    return None  # "it" is no person
                return memory.last_subjects[0]
            return None
        phrase = self._phrase(tok)
        mention = at.get(tok.i)
        if mention is not None and mention.actor is not None and mention.actor.category in ("person", "organisation"):
            actor = mention.actor
            return Party(actor.name, actor.country, actor.id, person=actor.category == "person", head=tok)
        if mention is not None and mention.actor is not None and mention.actor.category == "country" \
                and not mention.actor.adjective and tok.pos_ == "PROPN":
            return Party(mention.actor.name, mention.actor.country, mention.actor.id, head=tok)
        lemma = tok.lemma_.lower()
        name_toks, titled = self._name(tok, phrase, at)
        is_name = bool(name_toks) and (titled or any(c.dep_ == "appos" for c in tok.children)
                                       or " ".join(t.lower_ for t in name_toks) in memory.names
                                       or name_toks[-1].lower_ in memory.names
                                       or any(cue.fits([t.text for t in name_toks]) for cue in self.book.name_cues))
        if not is_name and lemma not in self.book.party_nouns and low not in self.book.party_nouns:
            if tok.pos_ == "PROPN" and low in memory.names:
                return memory.names[low]
            return None
        if any(t.lower_ in self.book.not_official for t in phrase):
            return None
        sides = self._sides(phrase, at)
        name = " ".join(t.text for t in name_toks) if is_name else self._label(tok, phrase)
        person = is_name
        side = sides[0] if len(sides) == 1 else None
        if side is None and len(sides) > 1:
            return None  # a joint body ("the DPRK-Russia joint working group") is neither side
        if side is None and is_name:
            known = memory.names.get(name.lower()) or memory.names.get(name_toks[-1].lower_)
            if known is not None:
                return known
            if not _names_third_state(phrase):
                # the form of a name tells its side only in a report that names that side at all
                # (a Belarusian minister's name looks Russian)
                side = next((cue.country for cue in self.book.name_cues if cue.country in memory.sides_named
                             and cue.fits([t.text for t in name_toks])), None)
        if side is None and not is_name:
            known = memory.by_noun.get(lemma)
            if known is not None and any(t.lower_ in ("the", "this", "that", "these") for t in tok.lefts):
                return known
        resident = lemma in self.book.resident or any(t.lemma_.lower() in self.book.resident for t in phrase)
        if not is_name:
            leader = self._leader(tok, at)
            if leader:
                name = leader  # "a delegation ... led by Roman Chekushov": the meeting is his
                if side is None:
                    known = memory.names.get(leader.lower())
                    side = known.side if known is not None else next(
                        (cue.country for cue in self.book.name_cues if cue.country in memory.sides_named
                         and cue.fits(leader.split())), None)
            if side is None and memory.here and any(t.lemma_.lower() in self.book.home_bodies for t in phrase) \
                    and not _names_third_state(phrase):
                side = memory.here  # "a delegation of the Ministry of Public Health" in a report from its country
        return Party(name, side, None, person=person, resident=resident, head=tok)

    def _leader(self, tok: Token, at: dict[int, Mention]) -> str | None:
        """The name of whoever leads a delegation ("led by Vice-Minister of Defence Aleksey Krivoruchko")."""
        for c in (c for t in self._phrase(tok) for c in t.children):
            if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head"):
                for o in self._prep_objects(c, ("by",)):
                    m = at.get(o.i)
                    if m is not None and m.actor is not None and m.actor.category == "person":
                        return m.actor.name
                    names, _ = self._name(o, self._phrase(o), at)
                    if names:
                        return " ".join(t.text for t in names)
        return None

    def _name(self, tok: Token, phrase: list[Token], at: dict[int, Mention]) -> tuple[list[Token], bool]:
        """The personal name a phrase headed by ``tok`` ends in, without the title written before it
        ("Vice Foreign Minister Kim Jong Gyu" -> Kim Jong Gyu, titled); [] when it is no name."""
        if tok.pos_ != "PROPN":
            return [], False
        chain = [t for t in phrase
                 if t.pos_ == "PROPN" and (t == tok or t.dep_ in ("compound", "flat") and t.head == tok)]
        k = 0
        while k < len(chain) - 1 and (chain[k].lower_ in self.book.title_words
                                      or chain[k].lower_ in self.book.party_nouns):
            k += 1
        names = chain[k:]
        if not 2 <= len(names) <= 4 or any(at.get(t.i) is not None for t in names):
            return [], False
        if not all(t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in names):
            return [], False
        return names, k > 0

    def _phrase(self, tok: Token) -> list[Token]:
        """The tokens of the noun phrase headed by ``tok``: its modifiers, "of" complements and a near
        apposition; at most ``_PHRASE_MAX`` tokens (a parser's chain over a run of words is no phrase)."""
        out = [tok]
        right = tok.i
        stack = [tok]
        while stack and len(out) < _PHRASE_MAX:
            t = stack.pop()
            for c in t.children:
                if c.dep_ in _OUTSIDE and not (c.dep_ == "prep" and c.lower_ == "of"):
                    continue
                if c.dep_ == "appos" and c.left_edge.i > right + 2:
                    # an apposition the parser hung far off ("the delegation was greeted by ..., officials")
                    # is another phrase
                    continue
                out.append(c)
                right = max(right, c.i)
                stack.append(c)
        return sorted(out, key=lambda t: t.i)

    def _sides(self, phrase: list[Token], at: dict[int, Mention]) -> list[str]:
        sides: list[str] = []
        for t in phrase:
            m = at.get(t.i)
            if m is None or m.category not in ("actor", "place"):
                continue
            code = m.country
            if code and code not in sides and self.lexicon.role_of(code) in ("partner", "counterpart"):
                sides.append(code)
        return sides

    def _label(self, tok: Token, phrase: list[Token]) -> str:
        words = [t for t in phrase if t == tok or t.dep_ not in ("det", "appos", "punct")]
        start = min((t.i for t in words), default=tok.i)
        end = max((t.i for t in words), default=tok.i)
        span = tok.doc[start:end + 1]
        text = re.sub(r"\s+", " ", span.text).strip(" ,")
        text = re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.IGNORECASE)
        return text[:120]

    def parties(self, tok: Token | None, at: dict[int, Mention], memory: DocMemory) -> list[Party]:
        """The party ``tok`` names and those coordinated with it ("X and Y"), in order."""
        if tok is None:
            return []
        out: list[Party] = []
        for t in [tok, *tok.conjuncts]:
            p = self.party(t, at, memory)
            if p is None:
                continue
            if p.side is None and out and t.i > tok.i and t.lower_ in ("party", "entourage", "suite", "delegation"):
                p.side = out[-1].side  # "Choe Son Hui and her party"
            out.append(p)
        return out

    def start(self, text: str, at: dict[int, Mention], outlet_country: str | None = None) -> DocMemory:
        """A fresh memory for one document: where it is reported from and which states it names."""
        memory = DocMemory(here=dateline_place(text, self.lexicon) or outlet_country)
        for m in at.values():
            if m.country and m.category in ("actor", "place") \
                    and self.lexicon.role_of(m.country) in ("partner", "counterpart"):
                memory.sides_named.add(m.country)
        return memory

    def register(self, sent: Span, at: dict[int, Mention], memory: DocMemory) -> None:
        """Remember the side of every party the sentence names, for later mentions."""
        subjects: list[Party] = []
        for tok in sent:
            if tok.dep_ in ("compound", "flat"):
                continue
            if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.lemma_.lower() in self.book.party_nouns):
                continue
            p = self.party(tok, at, memory)
            if p is None or p.side is None:
                continue
            if p.person:
                memory.names.setdefault(p.name.lower(), p)
                memory.names.setdefault(p.name.split()[-1].lower(), p)
            elif tok.lemma_.lower() in self.book.party_nouns:
                memory.by_noun[tok.lemma_.lower()] = p
                for appos in (c for c in tok.children if c.dep_ == "appos"):
                    memory.by_noun[appos.lemma_.lower()] = p
            if tok.dep_ in _SUBJ or tok.dep_ == "ROOT" and (p.person or tok.lemma_.lower() in self.book.party_nouns):
                subjects.append(p)
            # "Roman Chekushov, vice-minister of ...": the title names the person later ("the vice-minister")
            for appos in (c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
                memory.by_noun[appos.lemma_.lower()] = p
        if subjects:
            memory.last_subjects = subjects

    # -- frames --------------------------------------------------------------------------
    def sentence(self, sent: Span, at: dict[int, Mention], memory: DocMemory) -> list[Frame]:
        """Frames stated in ``sent``: (type, anchor, first party, other party or destination, background)."""
        found: list[Frame] = []
        self.rejected = set()
        for tok in sent:
            found.extend(self._meeting(tok, at, memory))
            found.extend(self._visit(tok, at, memory))
            found.extend(self._agreement(tok, at, memory, sent))
            found.extend(self._cooperation(tok, at, memory))
        self.register(sent, at, memory)
        return found

    def _pair(self, first: list[Party], second: list[Party]) -> tuple[Party, Party] | None:
        for a in first:
            for b in second:
                if a.side and b.side and a.side != b.side and self._roles(a.side, b.side):
                    return a, b
        return None

    def _split(self, parties: list[Party]) -> tuple[Party, Party] | None:
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                if a.side and b.side and a.side != b.side and self._roles(a.side, b.side):
                    return a, b
        return None

    def _subject(self, verb: Token, at: dict[int, Mention], memory: DocMemory, passive: bool = False) -> list[Party]:
        deps = ("nsubjpass",) if passive else ("nsubj",)
        for c in verb.children:
            if c.dep_ in deps:
                found = self.parties(c, at, memory)
                if any(p.side for p in found) or verb.dep_ != "conj":
                    return found
                # "Choe Son Hui, foreign minister of the DPRK, and her party left": a parse that hangs
                # the verb on the first conjunct
                return self.parties(verb.head, at, memory) + found if verb.head.pos_ in ("NOUN", "PROPN") else found
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return self.parties(verb.head, at, memory)
        if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "pobj") or verb.pos_ == "NOUN":
            node = verb.head  # "X said after talks with Kim", "after meeting Kim": the clause's subject
            for _ in range(3):
                if node.pos_ in ("VERB", "AUX") and node != verb:
                    return self._subject(node, at, memory, passive=False)
                if node.head == node:
                    break
                node = node.head
        return []

    def _prep_objects(self, tok: Token, preps: tuple[str, ...]) -> list[Token]:
        out: list[Token] = []
        for c in tok.children:
            if c.dep_ in ("prep", "agent", "prt") and c.lower_ in preps:
                out.extend(g for g in c.children if g.dep_ == "pobj")
        return out

    def _meeting(self, tok: Token, at: dict[int, Mention], memory: DocMemory) -> list[Frame]:
        """The meeting ``tok`` states: a meeting verb ("met", "received", "talked with"), "together
        with", a light verb with a meeting noun ("held talks with"), or a noun of meeting between
        the two sides ("talks with", "talks between", "the DPRK-Russia summit")."""
        book = self.book
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and (lemma in book.meet_verbs or lemma in book.particles):
            return self._verb_meeting(tok, at, memory)
        together = self._together_with(tok)
        if together:  # "Kim Jong Un, together with Sergei Lavrov, toured the resort": they met
            first = self._subject(tok, at, memory) if tok.pos_ == "VERB" else self.parties(tok, at, memory)
            return _meeting_of(tok, self._pair(first, [p for o in together for p in self.parties(o, at, memory)]))
        if tok.pos_ == "VERB" and lemma in book.light_verbs:
            return self._light_verb_meeting(tok, at, memory)
        if tok.pos_ in ("NOUN", "PROPN") and (lemma in book.between_nouns or tok.lower_ in book.between_nouns):
            return self._noun_meeting(tok, at, memory)
        return []

    def _verb_meeting(self, tok: Token, at: dict[int, Mention], memory: DocMemory) -> list[Frame]:
        """"Kim received Shoigu", "was greeted by Yun", "met with", "accompanied by": the subject and
        the object, the agent or the "with" of a meeting verb."""
        book = self.book
        lemma = tok.lemma_.lower()
        particle = book.particles.get(lemma)
        if particle and lemma not in book.meet_verbs and not any(
                c.lower_ == particle and c.dep_ in ("prt", "prep") for c in tok.children):
            return []
        passive = any(c.dep_ == "nsubjpass" for c in tok.children)
        if passive:
            first = self._subject(tok, at, memory, passive=True)
            others = [p for o in self._prep_objects(tok, ("by",)) for p in self.parties(o, at, memory)]
        else:
            first = self._subject(tok, at, memory)
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if lemma == "receive" and any(o.lemma_.lower() in book.not_party_objects for o in objs):
                self.rejected.add("meeting")  # "received a message": not a meeting, whoever is named
                return []
            if lemma == "visit" and objs and not any(self.party(o, at, memory) and
                                                     self.party(o, at, memory).person for o in objs):  # type: ignore[union-attr]
                return []  # "visited Moscow" is a visit, not a meeting
            others = [p for o in objs for p in self.parties(o, at, memory)]
            others += [p for o in self._prep_objects(tok, ("with", particle or "with"))
                       for p in self.parties(o, at, memory)]
            if tok.tag_ == "VBN":  # "Kim Jong Un, accompanied by Sergei Shoigu, ..."
                others += [p for o in self._prep_objects(tok, ("by",)) for p in self.parties(o, at, memory)]
        pair = self._pair(first, others)
        if pair is None and not others:
            pair = self._split(first)  # "Putin and Kim met"
        return _meeting_of(tok, pair)

    def _together_with(self, tok: Token) -> list[Token]:
        """The objects of "together with" on a verb, or on its subject where the parser hung it there."""
        if tok.pos_ in ("PROPN", "NOUN"):
            return [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                    and any(g.lower_ == "together" for g in c.children) for o in c.children if o.dep_ == "pobj"]
        if tok.pos_ == "VERB":
            return [o for c in tok.children if c.dep_ == "advmod" and c.lower_ == "together"
                    for o in self._prep_objects(c, ("with",))]
        return []

    def _light_verb_meeting(self, tok: Token, at: dict[int, Mention], memory: DocMemory) -> list[Frame]:
        """"X held talks with Y", "talks were held between X and Y", "paid a courtesy call on Y"."""
        nouns = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and
                 (c.lemma_.lower() in self.book.meet_nouns or c.lower_ in self.book.meet_nouns)]
        if not nouns:
            return []
        passive = any(c.dep_ == "nsubjpass" for c in tok.children)
        first = [] if passive else self._subject(tok, at, memory)
        objs = self._prep_objects(nouns[0], ("with", "on", "between")) \
            + self._prep_objects(tok, ("with", "on", "between"))
        others = [p for o in objs for p in self.parties(o, at, memory)]
        return _meeting_of(tok, self._pair(first, others) or self._split(first + others))

    def _noun_meeting(self, tok: Token, at: dict[int, Mention], memory: DocMemory) -> list[Frame]:
        """A noun of meeting: "talks with Y" (its subject's party first), "talks between X and Y", or
        the two sides naming it ("the DPRK-Russia summit")."""
        withs = self._prep_objects(tok, ("with",))
        if withs and not (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in self.book.light_verbs):
            return _meeting_of(tok, self._pair(self._subject(tok, at, memory),
                                               [p for o in withs for p in self.parties(o, at, memory)]))
        objs = self._prep_objects(tok, ("between",))
        if objs:
            pair = self._split([p for o in objs for p in self.parties(o, at, memory)])
            if pair is None:  # "between the DPRK and Russian defence ministers": the sides modify one noun
                sides = self._sides([t for o in objs for t in o.subtree], at)
                if len(sides) == 2 and self._roles(*sides):
                    pair = (self._country_party(sides[0]), self._country_party(sides[1]))
            return _meeting_of(tok, pair)
        # "the DPRK-Russia summit", "Russia-DPRK talks were held": the two sides name the meeting; "X held
        # talks" leaves it to X
        if tok.head.lemma_.lower() in self.book.light_verbs and (
                tok.dep_ == "dobj" or tok.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in tok.head.children)):
            return []
        return self._named_by_sides(tok, at)

    def _named_by_sides(self, tok: Token, at: dict[int, Mention]) -> list[Frame]:
        """"the DPRK-Russia summit", "the fifth meeting of the DPRK-Russia joint working group": the two
        sides in the noun's modifiers; a meeting told in a participle ("the talks held in May") is
        background."""
        mods = [c for c in tok.subtree if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod", "punct")
                or c.head == tok and c.dep_ == "poss"]
        for o in self._prep_objects(tok, ("of",)):
            mods += [c for c in o.subtree if c.i <= o.i]
        sides = self._sides(mods, at)
        if len(sides) != 2 or not self._roles(*sides):
            return []
        a, b = (self._country_party(s) for s in sides)
        told = any(c.dep_ in ("acl", "relcl") and c.tag_ in ("VBN", "VBD") for c in tok.children)
        return [("meeting", tok, a, b, told)]

    def _country_party(self, code: str) -> Party:
        c = self.lexicon.countries[code]
        return Party(c.name, code, c.id)

    def _destination(self, tok: Token, at: dict[int, Mention], exclude: set[int]) -> list[tuple[str, Mention | None]]:
        """Countries (and the mention naming them) the verb's own words point to: not those of a clause
        inside its arguments ("visited the families of soldiers who died in Russia")."""
        out: list[tuple[str, Mention | None]] = []
        for t in tok.subtree:
            if t.i in exclude or _in_nested_clause(t, tok) or self._mission_of(t):
                continue
            m = at.get(t.i)
            if m is None or m.category not in ("actor", "place") or not m.country:
                continue
            if m.category == "actor" and m.actor is not None and m.actor.category != "country":
                continue
            if m.category == "actor" and m.actor is not None and m.actor.adjective:
                continue
            out.append((m.country, m))
        return out

    def _mission_of(self, t: Token) -> bool:
        """``t`` names the state of a mission ("the Embassy of the Russian Federation", "the Russian
        Embassy"): the mission stands in the host country."""
        noun = t
        while noun.dep_ in ("compound", "pobj", "prep", "amod", "poss") and noun.head != noun:
            if noun.dep_ == "prep" and noun.lower_ != "of":
                return False  # "the embassy of the DPRK in Russia": "in" names the host
            noun = noun.head
            if noun.lemma_.lower() in self.book.mission_nouns or noun.lower_ in self.book.mission_nouns:
                return True
        return False

    def _visit(self, tok: Token, at: dict[int, Mention], memory: DocMemory) -> list[Frame]:
        book = self.book
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in book.visit_verbs:
            travellers = self._subject(tok, at, memory)
            subj_tokens = {t.i for c in tok.children if c.dep_ in _SUBJ for t in c.subtree}
        elif tok.pos_ == "NOUN" and lemma in book.visit_nouns and self._prep_objects(tok, ("to",)):
            holder = tok.head.head if tok.head.dep_ == "prep" else None  # "Shoigu, on a visit to the DPRK"
            if holder is not None and holder.dep_ == "appos":
                holder = holder.head  # "Sergei Shoigu, secretary of ..., on a visit to"
            travellers = self.parties(holder, at, memory) \
                if holder is not None and holder.pos_ in ("NOUN", "PROPN") else []
            if not travellers and tok.dep_ == "dobj":
                travellers = self._subject(tok.head, at, memory)  # "paid a visit to Russia"
            subj_tokens = set()
        else:
            return []
        travellers = [p for p in travellers if p.side and p.official and not p.resident]
        if not travellers:
            return []
        who = travellers[0]
        dests: list[tuple[str, Mention | None]] = []
        children = {c.lower_ for c in tok.children if c.dep_ in ("advmod", "npadvmod", "dobj")}
        if lemma == "leave":
            origin = {t.i for c in tok.children if c.dep_ == "dobj" for t in c.subtree}
            subj_tokens |= origin
        if children & book.here_words and memory.here:
            dests.append((memory.here, None))
        if children & book.home_words:
            if memory.here and memory.here != who.side:
                dests.append((memory.here, None))  # a foreign delegation "returned home" from where we report
            elif who.side in memory.went_to:
                dests.append((memory.went_to[who.side], None))
        dests += self._destination(tok, at, subj_tokens)
        if not dests and lemma in ("tour", "visit") and memory.here:
            dests.append((memory.here, None))  # "toured different places" in a report from the host country
        for code, mention in dests:
            if code != who.side and self._roles(code, who.side):
                if lemma == "leave":
                    memory.went_to[who.side] = code  # type: ignore[index]
                return [("visit", tok, who, (code, mention), False)]
        return []

    def _agreement(self, tok: Token, at: dict[int, Mention], memory: DocMemory, sent: Span) -> list[Frame]:
        book = self.book
        if tok.pos_ not in ("NOUN", "PROPN") \
                or tok.lemma_.lower() not in book.agree_nouns and tok.lower_ not in book.agree_nouns:
            return []
        if tok.dep_ == "compound":
            return []
        phrase_text = " ".join(t.lower_ for t in tok.subtree)
        named = any(n in phrase_text for n in book.named)
        verb = self._governing(tok)
        acted = verb is not None and verb.lemma_.lower() in book.agree_verbs or self._into_force(tok)
        if not (named or acted):
            return []
        sides = self._sides(list(tok.subtree), at)
        if verb is not None and len(sides) < 2:
            for p in self._subject(verb, at, memory) + [
                    q for o in self._prep_objects(verb, ("with", "between")) for q in self.parties(o, at, memory)]:
                if p.side and p.side not in sides:
                    sides.append(p.side)
        if len(sides) < 2 and re.search(r"\b(?:two countries|both countries|two sides|bilateral)\b", sent.text, re.I):
            sides += [m.country for m in at.values() if m.country and m.country not in sides
                      and sent.start <= m.start < sent.end
                      and self.lexicon.role_of(m.country) in ("partner", "counterpart")]
        pair = [s for s in sides if self.lexicon.role_of(s) in ("partner", "counterpart")]
        if len(pair) < 2 or not self._roles(pair[0], pair[1]):
            return []
        # the side the sentence names first is the actor ("Russia and Iran signed ...")
        first = {}
        for m in sorted((m for m in at.values() if sent.start <= m.start < sent.end), key=lambda m: m.start):
            if m.country in pair[:2] and m.country not in first:
                first[m.country] = m.start
        partner, other = sorted(pair[:2], key=lambda code: first.get(code, 10 ** 9))
        background = not acted or verb is not None and verb.dep_ in ("acl", "relcl")
        return [("agreement", verb if acted and verb is not None else tok, self._country_party(partner),
                 self._country_party(other), background)]

    def _cooperation(self, tok: Token, at: dict[int, Mention], memory: DocMemory) -> list[Frame]:
        """A joint act of the two sides: "Russia and North Korea opened a road bridge", "flights between
        Moscow and Pyongyang resumed"."""
        book = self.book
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in book.coop_verbs:
            return []
        passive = any(c.dep_ == "nsubjpass" for c in tok.children)
        objs = [c for c in tok.children if c.dep_ in (("nsubjpass",) if passive else ("dobj",))
                or not passive and c.dep_ == "nsubj" and c.lemma_.lower() in book.coop_nouns]
        noun = next((o for o in objs if o.lemma_.lower() in book.coop_nouns or
                     " ".join(t.lower_ for t in o.subtree if t.i <= o.i)[-20:].endswith(tuple(book.coop_nouns))), None)
        if noun is None:
            return []
        subjects = [] if passive else [p for p in self._subject(tok, at, memory) if p.side]
        mods = [t for t in noun.subtree if t.i <= noun.i or t.head.lower_ in ("between", "with", "to", "from")
                or t.head.head.lower_ in ("between",)]
        sides = [p.side for p in subjects if p.side] + self._sides(mods, at)
        sides = [s for i, s in enumerate(sides) if s and s not in sides[:i]]
        if len(sides) < 2 or not self._roles(sides[0], sides[1]):
            return []
        kind = " ".join(t.text for t in noun.subtree if t.i <= noun.i and t.dep_ in ("amod", "compound")
                        and t.pos_ != "PROPN" and at.get(t.i) is None) + " " + noun.text
        a, b = self._country_party(sides[0]), self._country_party(sides[1])
        return [("other", tok, a, (b, kind.strip().lower()), False)]

    def _governing(self, tok: Token) -> Token | None:
        node = tok
        for _ in range(4):
            if node.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "conj", "appos"):
                node = node.head
                if node.pos_ == "VERB":
                    return node
            else:
                break
        for c in tok.children:  # "the treaty signed in June"
            if c.dep_ == "acl" and c.pos_ == "VERB":
                return c
        return None

    def _into_force(self, tok: Token) -> bool:
        head = tok.head
        if tok.dep_ not in ("nsubj",) or head.pos_ != "VERB":
            return False
        words = [head.lemma_.lower()] + [t.lower_ for t in head.subtree if t.i > head.i][:3]
        return any(tuple(words[:len(p)]) == p or (words[0] == p[0] and p[-1] in words) for p in self.book.into_force)

    # -- claims --------------------------------------------------------------------------
    @staticmethod
    def purpose(anchor: Token) -> bool:
        """Whether the frame is the purpose of a trip ("left ... to attend the meeting"): not yet held."""
        if anchor.pos_ == "NOUN" and anchor.dep_ == "pobj" and anchor.head.lower_ == "for" \
                and anchor.head.head.pos_ == "VERB":
            return True  # "arrived in Pyongyang for talks"
        node = anchor
        for _ in range(4):
            if node.pos_ in ("VERB", "AUX"):
                return node.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            if node.head == node:
                return False
            node = node.head
        return False

    def claim(self, frame: Frame) -> Claim:
        ctype, _anchor, first, second, _background = frame
        if ctype == "visit":
            code, mention = second
            country = self.lexicon.countries[code]
            place = None
            if mention is not None and mention.category == "place" and mention.place is not None:
                p = mention.place
                place = Place(p.name, p.country, p.lat, p.lon, p.id)
            return Claim(type="visit", actor=first.entity(), target=Entity(country.name, country.id, code),
                         location=place)
        if ctype == "other":
            party, kind = second
            return Claim(type="other", actor=first.entity(), target=party.entity(), quantity=Quantity(None, kind))
        return Claim(type=ctype, actor=first.entity(), target=second.entity())

    def cover_visits(self, claims: list[Claim]) -> list[Claim]:
        """A visit the document also reports as a meeting of the same sides is that meeting; a meeting
        told again with a title for a name ("He had a talk with the vice-minister") is the one told first."""
        met = {frozenset((entity_country(c.actor), entity_country(c.target))) for c in claims
               if c.type == "meeting" and c.modality in ("completed", "ongoing")}
        out: list[Claim] = []
        named: set[tuple[frozenset[str | None], str]] = set()
        for c in claims:
            sides = frozenset((entity_country(c.actor), entity_country(c.target)))
            if c.type == "visit" and sides in met:
                continue
            if c.type == "meeting" and c.actor and c.target:
                key = (sides, c.modality)
                personal = all(is_personal_name(e.name) for e in (c.actor, c.target))
                if not personal and key in named \
                        and not all(e.id and e.id.startswith("country:") for e in (c.actor, c.target)):
                    continue
                if personal:
                    named.add(key)
            out.append(c)
        return out


def _meeting_of(tok: Token, pair: tuple[Party, Party] | None) -> list[Frame]:
    """The meeting frame of ``pair`` stated by ``tok``; none without a pair."""
    return [("meeting", tok, pair[0], pair[1], False)] if pair else []


def term_years(text: str, nouns: set[str]) -> Quantity | None:
    """"a 20-year treaty": the term of the agreement."""
    m = re.search(r"\b([\w]+)-year\s+(?:[\w-]+\s+){0,4}?(?:"
                  + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) + r")\b", text, re.IGNORECASE)
    if not m:
        return None
    value = parse_number(m.group(1))
    if value is None:
        return None
    return Quantity(value, "term years", "exact", m.group(0))


def _third_states() -> frozenset[str]:
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value.lower())
    return frozenset(names)


_STATES: frozenset[str] | None = None


def _names_third_state(phrase: list[Token]) -> bool:
    """Whether a phrase names a state by its name ("foreign minister of the Republic of Belarus")."""
    global _STATES
    if _STATES is None:
        _STATES = _third_states()
    text = " ".join(t.lower_ for t in phrase)
    return any(f" {n} " in f" {text} " for n in _STATES if n.split()[0] in text)


def mention_index(mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the mention covering it."""
    at: dict[int, Mention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            at[i] = m
    return at


#: dependencies that open a clause of its own under a verb's argument
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj"})


def _in_nested_clause(t: Token, verb: Token) -> bool:
    """``t`` sits in a clause that modifies one of ``verb``'s arguments, not in the verb's own words.
    A participle on the verb's own object still places it ("attended the forum held in Russia")."""
    while t != verb and t.head != t:
        if t.dep_ in _CLAUSES and t.head != verb and not (t.dep_ == "acl" and _argument_of(t.head, verb)):
            return True
        t = t.head
    return False


def _argument_of(noun: Token, verb: Token) -> bool:
    """``noun`` is ``verb``'s object, directly, through a preposition ("arrived at the forum") or as
    one of a conjunction ("attended the forum and the summit")."""
    while noun.dep_ == "conj" and noun.head != noun:
        noun = noun.head
    return noun.head == verb or noun.head.dep_ == "prep" and noun.head.head == verb
