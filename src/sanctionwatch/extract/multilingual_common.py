"""Shared machinery of the non-English claim extractors (ru, ko, es, fr, de).

Every language extractor turns a text into sentences of ``Tok`` (surface, lemma, offsets)
and finds its number expressions (``Num``); everything after that is shared and driven by
the pack's per-language lexicon (``packs/dprk/lexicon_<lang>.yaml``):

* actor and place aliases (written naturally, lemmatised with the language's own
  analyser when loaded, so "Курская область" also matches "в Курскую область") resolve
  to the canonical ids of ``actors.yaml`` / ``places.yaml``;
* kind words map to the canonical English kinds (``sappers``, ``troops`` …); a number
  takes the kind of the nearest kind word in a window on the language's side of the
  number (after it in ru/es/fr/de, before it in ko);
* trigger, modality, denial and attribution cues decide the claim type, its modality,
  negation and source.

An entry ending in ``*`` matches any token that starts with it ("северокорейск*").
"""
from __future__ import annotations

import re
import importlib
import importlib.util
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..exceptions import PackError
from ..model import Claim, Entity, Evidence, Place, Quantity
from ..packs import Pack, load_pack

__all__ = ["LANGUAGES", "UNAVAILABLE", "LangLexicon", "Num", "RuleExtractor", "Tok", "register_all"]

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

KIND_TYPES = {
    "sappers": "labor_dispatch", "construction workers": "labor_dispatch", "workers": "labor_dispatch",
    "troops": "troop_deployment", "casualties": "casualties", "containers": "arms_transfer",
    "artillery shells": "arms_transfer", "missiles": "arms_transfer", "drones": "arms_transfer",
    "entries": "other",
}
PEOPLE = "people"  # placeholder kind ("человек", "명", "personnes"): resolved from the sentence
LABOUR = {"sappers", "construction workers", "workers"}
SPECIFIC = {"sappers", "construction workers"}  # "건설 병력", "military builders": the trade wins
SECTIONS = ("kinds", "triggers", "modality", "attribution", "actors", "places")
DESTINATIONS: set[str] = set()  # place ids reported as a claim's location (places.yaml)
PARTNERS = ("KP", "IR")
MIN_VALUE = 100
SMALL_COUNTS = {"missiles", "drones"}  # "24 ракеты" is a claim; "4 бригады", "4척" are not  # smaller counts are brigades, ships, articles: never a claim's quantity


@dataclass
class Tok:
    text: str
    lemma: str
    start: int
    end: int
    tag: str = ""  # language-specific part-of-speech / morphology
    alts: tuple[str, ...] = ()  # other readings' lemmas ("прибыли": прибыль, прибыть)

    @property
    def keys(self) -> tuple[str, ...]:
        return self.lemma, self.text.lower(), *self.alts


@dataclass
class Num:
    start: int  # span of the expression, hedge included
    end: int
    value: float | None  # None: a vague quantity ("несколько тысяч", "수천 명")
    max: float | None = None
    qualifier: str | None = None
    text: str = ""
    unit: str | None = None  # ko counters: person (명) | item (개, 발, 건)


@dataclass
class Hit:
    i: int  # first token index
    j: int  # one past the last
    what: str  # the matched category value (kind, actor id, cue group)
    pattern: tuple[str, ...] = ()


Pattern = tuple[str, ...]


@dataclass
class LangLexicon:
    """One language's lexicon, each phrase as a tuple of lemmas (``x*`` = prefix)."""

    language: str
    kinds: dict[Pattern, tuple[str, bool]] = field(default_factory=dict)  # -> (kind, weak)
    kind_cues: dict[Pattern, str] = field(default_factory=dict)  # verbs implying a kind
    cues: dict[str, dict[Pattern, str]] = field(default_factory=dict)  # group -> phrase -> group
    actors: dict[Pattern, str] = field(default_factory=dict)  # -> actor id
    places: dict[Pattern, str] = field(default_factory=dict)  # -> place id
    qualifiers: dict[str, list[str]] = field(default_factory=dict)  # surface words, for the numbers
    suffixes: tuple[str, ...] = ()  # ko: compound tails after a name ("주", "지역")
    kind_side: str = "after"
    version: str = "1"

    @classmethod
    def load(cls, pack: Pack, language: str, lemmatise: Callable[[str], list[str]]) -> LangLexicon:
        section = f"lexicon_{language}"
        data = pack.section(section, {}) if section in pack.sections else None
        if not isinstance(data, dict):
            raise PackError(f"pack {pack.name!r} has no {section}.yaml: add it to analyse {language!r} text")
        for key in SECTIONS:
            if not isinstance(data.get(key), dict):
                raise pack.error(section, f"missing mapping {key!r}", data, key)
        lex = cls(language, suffixes=tuple(data.get("suffixes") or ()), kind_side=str(data.get("kind_side", "after")))

        def phrases(node: Any, key: str) -> Iterable[Pattern]:
            words = node.get(key) if isinstance(node, dict) else None
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise pack.error(section, f"{key!r} must be a list of non-empty strings", node, key)
            for w in words:
                yield tuple(_lemmatise_phrase(w, lemmatise))

        for top, weak in (("kinds", False), ("weak_kinds", True)):
            table = data.get(top) or {}
            for kind in table:
                if kind not in KIND_TYPES and kind != PEOPLE:
                    raise pack.error(section, f"unknown kind {kind!r}; use one of {', '.join(KIND_TYPES)}, "
                                     f"{PEOPLE}", table, kind)
                for p in phrases(table, kind):
                    lex.kinds.setdefault(p, (kind, weak))
        for kind in (data.get("kind_cues") or {}):
            for p in phrases(data["kind_cues"], kind):
                lex.kind_cues[p] = kind
        for top in ("triggers", "modality", "attribution"):
            for group in data[top]:
                for p in phrases(data[top], group):
                    lex.cues.setdefault(group, {})[p] = group
        for actor_id in data["actors"]:
            for p in phrases(data["actors"], actor_id):
                lex.actors[p] = actor_id
        for place_id in data["places"]:
            for p in phrases(data["places"], place_id):
                lex.places[p] = place_id
        quals = data.get("qualifiers") or {}
        lex.qualifiers = {k: [str(w) for w in v] for k, v in quals.items()}
        return lex


def _lemmatise_phrase(phrase: str, lemmatise: Callable[[str], list[str]]) -> list[str]:
    out: list[str] = []
    for word in phrase.split():
        if word.endswith("*"):
            out.append(word.lower())
        else:
            out.extend(lemmatise(word) or [word.lower()])
    return out


def match(toks: list[Tok], table: dict[Pattern, str], suffixes: tuple[str, ...] = ()) -> list[Hit]:
    """Longest, leftmost, non-overlapping matches of ``table``'s phrases over ``toks``.

    A token matches by lemma, surface, another reading's lemma, or (ko) a compound whose
    tail is one of ``suffixes``; tokens the analyser split from one written word also
    match that word whole ("특수부대원"); ``x*`` entries match by prefix.
    """
    forms = [_forms(t.keys, suffixes) for t in toks]
    starred = [p for p in table if any(w.endswith("*") for w in p)]
    longest = max((len(p) for p in table), default=0)
    hits: list[Hit] = []
    i = 0
    while i < len(toks):
        found: Hit | None = None
        for n in range(min(longest, len(toks) - i), 0, -1):
            pattern = _lookup(toks[i:i + n], forms[i:i + n], table, starred, suffixes)
            if pattern is not None:
                found = Hit(i, i + n, table[pattern], pattern)
                break
        if found:
            hits.append(found)
            i = found.j
        else:
            i += 1
    return hits


def _forms(keys: Iterable[str], suffixes: tuple[str, ...]) -> set[str]:
    out = set(keys)
    for key in list(out):
        out.update(key[:-len(x)] for x in suffixes if key.endswith(x) and len(key) > len(x))
    return out


def _lookup(window: list[Tok], forms: list[set[str]], table: dict[Pattern, Any], starred: list[Pattern],
            suffixes: tuple[str, ...]) -> Pattern | None:
    for combo in itertools.product(*forms):
        if combo in table:
            return combo
    if len(window) > 1 and all(a.end == b.start for a, b in zip(window, window[1:])):
        for joined in _forms(["".join(t.text.lower() for t in window)], suffixes):
            if (joined,) in table:  # one written word that the analyser split
                return (joined,)
    for pattern in starred:
        if len(pattern) == len(window) and all(
                any(f.startswith(p[:-1]) if p.endswith("*") else f == p for f in fs)
                for p, fs in zip(pattern, forms, strict=True)):
            return pattern
    return None


@dataclass
class Sentence:
    start: int
    end: int
    toks: list[Tok]
    nums: list[Num]
    actors: list[Hit] = field(default_factory=list)
    places: list[Hit] = field(default_factory=list)
    kinds: list[Hit] = field(default_factory=list)
    cues: dict[str, list[Hit]] = field(default_factory=dict)

    def has(self, *groups: str) -> bool:
        return any(self.cues.get(g) for g in groups)

    def tok_at(self, char: int) -> int:
        for k, t in enumerate(self.toks):
            if t.end > char:
                return k
        return len(self.toks)


class RuleExtractor:
    """Base of the lexicon-driven extractors; subclasses tokenise and read numbers."""

    language = "xx"
    name = "xx-rules"
    version = "0.1"

    def __init__(self, pack: Pack | str | None = None) -> None:
        self.pack = pack if isinstance(pack, Pack) else load_pack(pack or "dprk")
        self.lex = LangLexicon.load(self.pack, self.language, self.lemmatise)
        self.actors, self.places = _canonical(self.pack)

    # -- language hooks -----------------------------------------------------------
    def sentences(self, text: str) -> list[tuple[int, int]]:
        spans, start = [], 0
        for m in re.finditer(r"(?<=[.!?])[»\"”)]*\s+(?=[«\"„(\w])|\n\s*\n|\n", text):
            if text[start:m.start()].strip():
                spans.append((start, m.start()))
            start = m.end()
        if text[start:].strip():
            spans.append((start, len(text)))
        return spans

    def tokenize(self, text: str, start: int, end: int) -> list[Tok]:
        raise NotImplementedError

    def lemmatise(self, word: str) -> list[str]:
        return [word.lower()]

    def numbers(self, text: str, toks: list[Tok]) -> list[Num]:
        raise NotImplementedError

    def is_future(self, tok: Tok) -> bool:
        return False

    def is_comitative(self, toks: list[Tok], i: int, j: int) -> bool:
        """Whether the mention toks[i:j] is marked as the counterpart ("с", "con", "avec", "mit")."""
        return i > 0 and toks[i - 1].lemma in {p[0] for p in self.lex.cues.get("with", {})}

    def is_modifier(self, tok: Tok) -> bool:
        """A participle or adjective ("погибших в боях"): background, not the sentence's event."""
        return False

    # -- extraction ---------------------------------------------------------------
    @property
    def extractor_name(self) -> str:
        return f"{self.name}@{self.version}"

    def extract_text(self, text: str, published: str | None = None) -> list[Claim]:
        sents = [self._analyse(text, s, e) for s, e in self.sentences(text)]
        countries = {self.actors[h.what][1] for s in sents for h in s.actors if h.what in self.actors}
        countries |= {"RU" for s in sents if s.places and any(self.places[h.what][1] == "RU" for h in s.places)}
        partners = [self.actors[h.what][1] for s in sents for h in s.actors
                    if self.actors.get(h.what, ("", ""))[1] in ("KP", "IR")]
        if not partners or "RU" not in countries:
            return []  # not about DPRK/Iran–Russia cooperation
        claims: list[Claim] = []
        state: dict[str, Any] = {"partner": max(set(partners), key=partners.count), "source": None}
        for sent in sents:
            claims.extend(sentence_claims(self, text, sent, state))
        return _dedupe(claims)

    def extract_texts(self, items: Iterable[tuple[str, str | None]]) -> Iterator[list[Claim]]:
        """The registry's interface (``extract.EXTRACTORS``): claims per (text, published)."""
        for text, published in items:
            yield self.extract_text(text, published)

    def _analyse(self, text: str, start: int, end: int) -> Sentence:
        toks = self.tokenize(text, start, end)
        sent = Sentence(start, end, toks, self.numbers(text, toks))
        sent.actors = match(toks, self.lex.actors, self.lex.suffixes)
        sent.places = match(toks, self.lex.places, self.lex.suffixes)
        sent.kinds = match(toks, {p: k for p, (k, _) in self.lex.kinds.items()}, self.lex.suffixes)
        for group, table in self.lex.cues.items():
            sent.cues[group] = match(toks, table, self.lex.suffixes)
        sent.cues["kind_cue"] = match(toks, self.lex.kind_cues, self.lex.suffixes)
        return sent

    def weak(self, hit: Hit) -> bool:
        return self.lex.kinds.get(hit.pattern, ("", False))[1]

    def entity(self, actor_id: str) -> Entity:
        name = self.actors.get(actor_id, (actor_id, None))[0]
        return Entity(name, actor_id)

    def place(self, place_id: str) -> Place:
        name, country, lat, lon = self.places[place_id]
        return Place(name, country, lat, lon, place_id)


def _canonical(pack: Pack) -> tuple[dict[str, tuple[str, str | None]], dict[str, tuple[str, str, Any, Any]]]:
    """Actor id -> (name, country code); place id -> (name, country, lat, lon)."""
    actors: dict[str, tuple[str, str | None]] = {}
    data = pack.section("actors", {}) or {}
    for entry in data.get("countries") or []:
        actors[entry["id"]] = (entry["name"], entry.get("code"))
    for key in ("people", "organisations"):
        for entry in data.get(key) or []:
            actors[entry["id"]] = (entry["name"], entry.get("country"))
    for name, section in pack.sections.items():  # sources only the other languages' press names
        if name.startswith("lexicon_") and isinstance(section, dict):
            for source_id, spec in (section.get("sources") or {}).items():
                if isinstance(spec, dict) and source_id not in actors:
                    actors[source_id] = (str(spec.get("name", source_id)), spec.get("country"))
    places: dict[str, tuple[str, str, Any, Any]] = {}
    for entry in (pack.section("places", {}) or {}).get("places") or []:
        places[entry["id"]] = (entry["name"], entry["country"], entry.get("lat"), entry.get("lon"))
        if entry.get("destination"):
            DESTINATIONS.add(entry["id"])
    return actors, places


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (type, value, kind) with a quantity; per (type, actor country, negated) without."""
    seen: set[tuple[Any, ...]] = set()
    out: list[Claim] = []
    for c in claims:
        q = c.quantity
        if q is not None and q.value is not None:
            key: tuple[Any, ...] = (c.type, q.value, q.kind)
        elif c.type == "meeting":
            key = ("meeting",)  # one meeting per report; later mentions restate it
        else:
            key = (c.type, c.actor.id if c.actor else None, c.negated, q.kind if q else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def evidence(text: str, sent: Sentence) -> list[Evidence]:
    s, e = sent.start, sent.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return [Evidence(text[s:e], s, e)]


# -- from a sentence to claims ------------------------------------------------------
def sentence_claims(ext: RuleExtractor, text: str, sent: Sentence, state: dict[str, Any]) -> list[Claim]:
    """The claims one sentence states; ``state`` carries the document partner, last source, topic."""
    actors = [(h, ext.actors[h.what]) for h in sent.actors if h.what in ext.actors]
    partner_hits = [h for h, (_, c) in actors if c in PARTNERS]
    modality = _modality(ext, sent)
    source = _source(ext, sent, state)
    source_country = ext.actors.get(source or "", ("", None))[1]
    negated = _negated(ext, sent)
    if negated and source_country in (*PARTNERS, "RU") and modality != "reported_estimate":
        modality = "denied"  # "КНДР не направляла …, заявил посол КНДР": the accused side denies
    others = {c for _, (_, c) in actors if c not in (*PARTNERS, "RU", None, source_country)}
    partner = ext.actors[partner_hits[0].what][1] if partner_hits else state["partner"]
    place = next((ext.place(h.what) for h in sent.places if h.what in DESTINATIONS), None)
    actor = ext.entity(f"country:{partner}")
    russia = ext.entity("country:RU")
    ev = evidence(text, sent)
    attributed = ext.entity(source) if source else None
    negated = negated or modality == "denied"
    claims: list[Claim] = []

    def add(ctype: str, q: Quantity | None, a: Entity | None = actor, target: Entity | None = russia,
            loc: Place | None = place, mod: str = modality) -> None:
        claims.append(Claim(type=ctype, actor=a, target=target, location=loc, quantity=q,
                            attributed_to=attributed, modality=mod, negated=negated or mod == "denied",
                            evidence=ev, confidence=0.6, extractor=ext.extractor_name))

    used: set[int] = set()
    for num in sent.nums:
        if num.value is not None and num.value < 2:
            continue
        kind, used_hit = _kind_for(ext, sent, num)
        if kind is None or num.value is not None and num.value < MIN_VALUE and kind not in SMALL_COUNTS:
            continue
        if used_hit is not None:
            used.add(used_hit)
        if not partner_hits and (others or num.value is None):
            continue  # another country's figure, or a vague one with no actor
        ctype = KIND_TYPES[kind]
        if kind in LABOUR and not sent.has("dispatch") and (sent.has("presence") or modality == "reported_estimate"):
            ctype = "workers_present"
        add(ctype, Quantity(num.value, kind, num.qualifier if num.value is not None else None,
                             num.text or None, num.max))
        state["topic"] = ctype
    if modality == "denied" and source_country not in (*PARTNERS, "RU"):
        return claims  # only the accused side denies; others' rebuttals are not this claim
    # claims without a number: meetings, treaties, denials, deployments narrated
    venues = {(h.i, h.j) for h in sent.places}
    sides = [(h, c) for h, (_, c) in actors if c in (*PARTNERS, "RU") and (h.i, h.j) not in venues]
    countries = {c for _, c in sides}
    people = [h for h, _ in sides if h.what.startswith("person:")]
    if sent.has("meeting") and people and len(countries) >= 2:
        partners_of = [h for h in people if ext.is_comitative(sent.toks, h.i, h.j)]
        heads = [h for h in people if not ext.is_comitative(sent.toks, h.i, h.j)] or people
        if partners_of:  # "tras entrevistarse con Kim": the other side is the actor
            side = ext.actors[partners_of[0].what][1]
            heads = [h for h in heads if ext.actors[h.what][1] != side] or heads
        first = heads[0]
        first_c = ext.actors[first.what][1]
        rest = [h for h, c in sides if c != first_c]
        other = next((h for h in rest if h.what.startswith("person:")), rest[0] if rest else None)
        if other is not None:
            add("meeting", None, ext.entity(first.what), ext.entity(other.what), None, "completed")
            if len(claims) > 1 or sent.has("noncommittal"):
                return claims
    if claims or not (partner_hits or state.get("topic") and modality == "denied") or sent.has("noncommittal"):
        return claims  # "neither confirmed nor denied" states nothing
    if sent.has("agreement") and sent.has("sign") and len(countries) >= 2:
        first_c = sides[0][1]
        second_c = next(c for _, c in sides if c != first_c)
        add("agreement", None, ext.entity(f"country:{first_c}"), ext.entity(f"country:{second_c}"), None, "completed")
        return claims
    topic = _topic(ext, sent, used) or (state.get("topic") if modality == "denied" else None)
    if topic is None:
        return claims
    kind = {"troop_deployment": "troops", "arms_transfer": None, "casualties": "casualties"}.get(topic)
    if topic == "labor_dispatch":
        kind = next((h.what for h in sent.kinds if h.what in LABOUR), "workers")
    target: Entity | None = russia
    if modality == "denied" and "UA" in others | {ext.places[h.what][1] for h in sent.places if h.what in ext.places}:
        target = ext.entity("country:UA")
    add(topic, Quantity(None, kind) if kind else None, target=target)
    state["topic"] = topic
    return claims


def _kind_for(ext: RuleExtractor, sent: Sentence, num: Num) -> tuple[str | None, int | None]:
    """The kind a number counts: the nearest strong kind word on the language's side."""
    first, last = sent.tok_at(num.start), sent.tok_at(num.end)
    while last < len(sent.toks) and sent.toks[last].start < num.end:
        last += 1
    window: list[int] = []
    taken = {k for n in sent.nums if n is not num for k, t in enumerate(sent.toks) if n.start <= t.start < n.end}
    if ext.lex.kind_side in ("before", "both"):
        k = first - 1
        while k >= 0 and first - k <= 5 and not _boundary(ext, sent.toks[k]) and k not in taken:
            window.append(k)
            k -= 1
    if ext.lex.kind_side in ("after", "both"):
        k = last
        while k < len(sent.toks) and k - last < 4 and not _boundary(ext, sent.toks[k]) and k not in taken:
            window.append(k)
            k += 1
    found: list[tuple[int, Hit]] = []
    for h in sent.kinds:
        for rank, k in enumerate(window):
            if h.i <= k < h.j:
                found.append((rank + (100 if ext.weak(h) else 0) - (50 if h.what in SPECIFIC else 0), h))
                break
    if not found:
        if num.unit == "person":
            return _people_kind(ext, sent, None, first), None
        cue = [h for h in sent.cues.get("kind_cue", []) if 0 <= h.i - last <= 6]
        if not cue and any(h.what == PEOPLE for h in sent.kinds):  # "число граждан …, составило 13 221"
            cue = sent.cues.get("kind_cue", [])
        return (cue[0].what, None) if cue and num.unit is None else (None, None)
    found.sort(key=lambda x: x[0])
    hit = found[0][1]
    kind = hit.what
    if kind == PEOPLE:
        kind = _people_kind(ext, sent, hit, first)
    if kind in LABOUR and hit.j < len(sent.toks) and _is_and(ext, sent.toks[hit.j]) and any(
            h.i == hit.j + 1 and h.what in LABOUR and h.what != kind for h in sent.kinds):
        kind = "workers"  # "строителей и саперов": a stated total of both
    if kind == "troops" and any(not ext.is_modifier(sent.toks[h.i]) and (first - 4 <= h.i < first or last <= h.i <= hit.j + 2)
                                for h in sent.cues.get("casualty", [])):
        kind = "casualties"  # "погибли около 300 военных"
    return kind, hit.i


def _is_and(ext: RuleExtractor, tok: Tok) -> bool:
    return (tok.lemma,) in ext.lex.cues.get("and", {}) or tok.tag.startswith("JC")


def _boundary(ext: RuleExtractor, tok: Tok) -> bool:
    return tok.text in (",", ";", ":", "(", ")", "—", "–") or _is_and(ext, tok)


def _people_kind(ext: RuleExtractor, sent: Sentence, hit: Hit | None, at: int = 0) -> str:
    """"человек", "명", "personnes": the kind the sentence is about (the nearest cue)."""
    cue = sent.cues.get("kind_cue") or []
    if cue:
        return min(cue, key=lambda h: abs(h.i - at)).what
    strong = [h for h in sent.kinds if h.what != PEOPLE and not ext.weak(h)]
    if any(h.what in LABOUR for h in strong):
        return "workers"  # "모두 6천 명", "6 000 personnes" after sappers and builders: the total
    if strong:
        return min(strong, key=lambda h: abs(h.i - (hit.i if hit else 0))).what
    weak = [h for h in sent.kinds if h.what != PEOPLE]
    return weak[0].what if weak else "workers"


def _topic(ext: RuleExtractor, sent: Sentence, used: set[int]) -> str | None:
    kinds = {h.what for h in sent.kinds if h.i not in used and h.what != PEOPLE}
    if any(not ext.is_modifier(sent.toks[h.i]) for h in sent.cues.get("casualty", [])) \
            and kinds & {"troops", "casualties"}:
        return "casualties"
    if kinds & {"troops"} and sent.has("fight", "dispatch", "deploy", "denial"):
        return "troop_deployment"
    if (kinds & {"artillery shells", "missiles", "drones", "containers"} or sent.has("arms")) \
            and sent.has("arms_transfer", "dispatch", "denial"):
        return "arms_transfer"
    strong = {h.what for h in sent.kinds if h.i not in used and not ext.weak(h)}
    if strong & LABOUR and sent.has("dispatch", "denial"):
        return "labor_dispatch"
    return None


def _negated(ext: RuleExtractor, sent: Sentence) -> bool:
    """A negation word right before the sentence's dispatch or fight verb ("не направляла")."""
    negs = sent.cues.get("negation", [])
    return any(h.i - 2 <= n.i < h.i or h.j <= n.i <= h.j + 3 for n in negs
               for g in ("dispatch", "fight", "deploy") for h in sent.cues.get(g, []))


def _modality(ext: RuleExtractor, sent: Sentence) -> str:
    if sent.has("denial"):
        return "denied"
    if sent.has("estimate"):
        return "reported_estimate"
    if sent.has("planned") or any(ext.is_future(sent.toks[h.i]) for h in sent.cues.get("dispatch", [])):
        return "announced_planned"
    if sent.has("ongoing"):
        return "ongoing"
    return "completed"


def _source(ext: RuleExtractor, sent: Sentence, state: dict[str, Any]) -> str | None:
    cues = [h for g in ("say", "according", "estimate", "denial") for h in sent.cues.get(g, [])]
    if not cues:
        return None
    candidates = [h for h in sent.actors if h.what.startswith(("person:", "org:"))]
    if not candidates:
        candidates = [h for h in sent.actors if ext.actors.get(h.what, ("", ""))[1] not in PARTNERS]
        if sent.has("denial"):
            candidates = list(sent.actors)
    if not candidates:
        return state.get("source") if sent.has("pronoun") or sent.has("according") else None
    cue = cues[0]
    best = min(candidates, key=lambda h: min(abs(h.i - cue.j), abs(cue.i - h.j)))
    state["source"] = best.what
    return best.what
