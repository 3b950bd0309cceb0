"""The document loop of the lexicon-driven extractors and their registration.

``RuleExtractor`` reads a document sentence by sentence with the rules of ``rules`` (over the
``engine``'s analysed sentences), keeps what the report has established (its partner, last
source, date, topic) from one sentence to the next, and drops restatements; each language
module subclasses it with its grammar hooks (``ru``, ``ko``, ``romance``).
"""
from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ...model import Claim, Evidence, entity_country
from ...packs import Pack
from .engine import BOTH, Language, Sentence
from .interactions import drop_covered_visits
from .rules import sentence_claims

__all__ = ["LANGUAGES", "UNAVAILABLE", "RuleExtractor", "register_all"]

# language -> (module, class, the packages it needs); they are imported only when a
# document of that language arrives
LANGUAGES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "ru": (".ru", "RussianExtractor", ("pymorphy3", "razdel")),
    "ko": (".ko", "KoreanExtractor", ("kiwipiepy",)),
    "es": (".romance", "SpanishExtractor", ("spacy",)),
    "fr": (".romance", "FrenchExtractor", ("spacy",)),
    "de": (".romance", "GermanExtractor", ("spacy",)),
}
UNAVAILABLE: dict[str, str] = {}  # language -> why it is not analysed (missing optional packages)


def register_all(register: Callable[[str, Callable[[Pack], Any]], None]) -> None:
    """Register the extractor of every language whose packages are installed.

    The others stay unregistered, so their documents are stored as "not analysed
    (language xx)"; ``UNAVAILABLE`` says which packages would enable them.
    """
    for lang, (module, cls, needs) in LANGUAGES.items():
        missing = [n for n in needs if importlib.util.find_spec(n) is None]
        if missing:
            UNAVAILABLE[lang] = (f"{', '.join(missing)} not installed: "
                                 "pip install 'sanctionwatch[multilingual]' to analyse this language")
            continue
        register(lang, _factory(module, cls))


def _factory(module: str, cls: str) -> Callable[[Pack], Any]:
    def make(pack: Pack) -> Any:
        return getattr(importlib.import_module(module, __package__), cls)(pack)
    return make


UNCOUNTED_RESTATE = {"workers_present"}  # a count-less mention beside a counted one restates it
RESTATES = {"labor_dispatch": "workers_present"}  # the workers sent are the workers there


class RuleExtractor(Language):
    """Base of the lexicon-driven extractors: the rules over a document; subclasses tokenise and
    read numbers."""

    #: whether the headline is read with the body (``extract_texts`` then takes (text, published,
    #: title) triples); short TV and wire items often state their news in the headline alone
    reads_title = False

    @property
    def meetings_by_people(self) -> bool:
        """Whether the interaction rules run (``interactions``): they tell meetings apart by
        the people who met."""
        return bool(self.lex.cues.get("visit"))

    def extract_text(self, text: str, published: str | None = None, title: str | None = None) -> list[Claim]:
        """Claims of ``text``; a ``title`` (when the language reads titles) is analysed first, as
        the report's first sentence, so its parties count for the body. A fact the body states
        too keeps the body's evidence; a headline's own claim has the headline as its evidence
        at the empty span 0–0 (the headline is not part of the cleaned text)."""
        title = (title or "").strip()
        if not self.reads_title or not title or text.lstrip().startswith(title):
            return _dedupe(self._extract(text, published), self.meetings_by_people)
        shift = len(title) + 2
        claims = self._extract(f"{title}\n\n{text}", published)
        body, head = [], []
        for c in claims:
            if c.evidence and c.evidence[0].start < len(title):
                c.evidence = [Evidence(title, 0, 0)]
                head.append(c)
            else:
                c.evidence = [Evidence(e.text, e.start - shift, e.end - shift) for e in c.evidence]
                body.append(c)
        return _dedupe(body + head, self.meetings_by_people)

    def _extract(self, text: str, published: str | None = None) -> list[Claim]:
        """Every claim the sentences state, in order, restatements included."""
        sents = [self._analyse(text, s, e) for s, e in self.sentences(text)]
        countries, partners = self._states_named(sents)
        if not partners or not countries & {self.counterpart, self.theatre}:
            return []  # not about DPRK/Iran–Russia cooperation, nor the partner's part in the war
        claims: list[Claim] = []
        state: dict[str, Any] = {"partner": max(set(partners), key=partners.count), "source": None,
                                 "published": published, "date": None}
        previous: list[Claim] = []
        for sent in sents:
            found = sentence_claims(self, text, sent, state)
            src = state.pop("sentence_source", None)
            if src is not None and src.entity is not None and sent.has("retrospective") and sent.has("say"):
                for c in previous:  # "… Об этом сообщил Шойгу": the source of what was just said
                    if c.attributed_to is None and c.type != "meeting":
                        c.attributed_to, c.via = src.entity, src.via
            state["prev_source"] = src
            claims.extend(found)
            previous = found
        return drop_covered_visits(claims)

    def _states_named(self, sents: list[Sentence]) -> tuple[set[str | None], list[str]]:
        """The countries the report names, and each mention of a partner state (the most named
        is the document's partner)."""
        counterpart = self.counterpart
        countries = {self.actors[h.what][1] for s in sents for h in s.actors if h.what in self.actors}
        countries |= {counterpart for s in sents
                      if s.places and any(self.places[h.what][1] == counterpart for h in s.places)}
        # "조로 두 나라", "обе стороны": both parties name Russia beside the partner
        countries |= {counterpart for s in sents if any(h.what == BOTH for h in s.cues.get("source", []))}
        partners = [str(self.actors[h.what][1]) for s in sents for h in s.actors
                    if self.actors.get(h.what, ("", ""))[1] in self.partners]
        partners += [self.places[h.what][1] for s in sents for h in s.places  # "прибыла в Расон"
                     if h.what in self.places and self.places[h.what][1] in self.partners]
        # "российско-корейские переговоры": an adjective of both sides names the counterpart and the
        # partner the lexicon gives it (``states: bilateral``)
        bilateral = sum(len(s.cues.get("bilateral", [])) for s in sents)
        partners += [str(self.state_of("bilateral"))] * bilateral
        countries |= {counterpart} if bilateral else set()
        # "Министр природных ресурсов прибыл в Пхеньян", "Матвиенко провела переговоры": a title
        # naming no state, or a surname of Russian form, in a report of a meeting or a visit is
        # the home side's (lexical/interactions.py reads the same signs)
        if any(s.cues.get(g) for g in ("meeting", "visit", "receive") for s in sents) and any(
                s.cues.get("home_official") or any("Surn" in t.tag and t.text[:1].isupper() for t in s.toks)
                for s in sents):
            countries.add(self.state_of("home"))
        return countries, partners

    def extract_texts(self, items: Iterable[tuple[str, str | None] | tuple[str, str | None, str | None]]
                      ) -> Iterator[list[Claim]]:
        """The registry's interface (``extract.EXTRACTORS``): claims per (text, published) or,
        when ``reads_title``, per (text, published, title)."""
        for text, published, *rest in items:
            yield self.extract_text(text, published, rest[0] if rest else None)


def _dedupe(claims: list[Claim], meetings_by_people: bool = False) -> list[Claim]:
    """One claim per (type, value, kind) with a quantity; per (type, actor country, negated) without.

    The first statement is kept, unless a later one says who reports it and the first does
    not ("… памяти военнослужащих КНДР" before "Москва и Пхеньян признали, что …").
    One meeting per report, or (``meetings_by_people``) one per pair of named people: Choe
    received by Putin and Choe in talks with Lavrov are two meetings, but a meeting whose named
    people are among another's ("Путин провёл переговоры с министром КНДР" beside "Путин и Чве
    Сон Хи …") restates it."""
    seen: dict[tuple[Any, ...], int] = {}
    out: list[Claim] = []
    counted = {(RESTATES.get(c.type, c.type), c.actor.id if c.actor else None) for c in claims
               if c.quantity is not None and c.quantity.value is not None and not c.negated}
    for c in claims:
        q = c.quantity
        if c.type in UNCOUNTED_RESTATE and (q is None or q.value is None) and not c.negated and \
                (RESTATES.get(c.type, c.type), c.actor.id if c.actor else None) in counted:
            continue  # "북한 노동자들은 … 일하고 있으며" after the count: the same workers again
        if q is not None and q.value is not None:
            key: tuple[Any, ...] = (c.type, q.value, q.kind)
        elif c.type == "meeting" and meetings_by_people:
            people = frozenset(e.id for e in (c.actor, c.target) if e and e.id and e.id.startswith("person:"))
            key = next((k for k in seen if k[0] == "meeting" and (k[1] <= people or people <= k[1])),
                       ("meeting", people))
        elif c.type == "meeting":
            key = ("meeting",)  # one meeting per report; later mentions restate it
        elif c.type == "visit":  # one visit per travelling side, however its official is named
            key = ("visit", entity_country(c.actor), c.negated)
        elif c.type == "other" and q is not None and q.kind:  # one named cooperation act, whoever leads it
            key = ("other", q.kind, c.negated)
        else:
            # an uncounted arms transfer restates the report's one topic, whatever weapons it names
            kind = q.kind if q and c.type != "arms_transfer" else None
            key = (c.type, c.actor.id if c.actor else None, c.negated, kind)
        if key in seen:
            first = out[seen[key]]
            if c.type != "meeting" and first.attributed_to is None and c.attributed_to is not None:
                out[seen[key]] = c
            continue
        seen[key] = len(out)
        out.append(c)
    return out
