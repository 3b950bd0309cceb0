"""The engine of the non-English claim extractors (ru, ko, es, fr, de): what the rules share.

Every language turns a text into sentences of ``Tok`` (surface, lemma, offsets) and finds its
number expressions (``Num``); everything after that is shared and driven by the pack's
per-language lexicon (``packs/dprk/lexicon_<lang>.yaml``):

* actor and place aliases (written naturally, lemmatised with the language's own
  analyser when loaded, so "Курская область" also matches "в Курскую область") resolve
  to the canonical ids of ``actors.yaml`` / ``places.yaml``;
* kind words map to the canonical English kinds (``sappers``, ``troops`` …); a number
  takes the kind of the nearest kind word in a window on the language's side of the
  number (after it in ru/es/fr/de, before it in ko);
* trigger, modality, denial and attribution cues decide the claim type, its modality,
  negation and source.

An entry ending in ``*`` matches any token that starts with it ("северокорейск*").

``Language`` is what the sentence rules (``rules``, ``attribution``, ``dates``,
``interactions``) read of a language: the pack's canonical actors and places, the lexicon,
the analysed sentence and the grammar hooks each language fills in. ``extractor.RuleExtractor``
adds the document loop on top; this module imports none of the rules.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ...exceptions import PackError
from ...model import Entity, Evidence, Place
from ...packs import Pack, load_pack
from ..registry import label

__all__ = ["BOTH", "KO_TAGS", "Hit", "LangLexicon", "Language", "Num", "Sentence", "Tok", "evidence", "match"]

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
MIN_VALUE = 100
# "24 ракеты" is a claim; "4 бригады", "4척" are not: smaller counts are brigades, ships, articles,
# never a claim's quantity
SMALL_COUNTS = {"missiles", "drones"}
BOTH = "src:both-parties"  # "양국은", "обе стороны": Russia and the document's partner
#: cue groups whose words stand for a state without naming one, and the ``states:`` key of the
#: language's lexicon that names it: the home side of the language's press, a Korean name by its
#: form, the partner a bilateral adjective names beside the home side
STATE_OF_GROUP = {"home_official": "home", "korean_surname": "korean_surname", "bilateral": "bilateral"}


def _tag_table(spec: str) -> dict[str, tuple[str, ...]]:
    return {name.strip(): tuple(tags.split()) for name, tags in (line.split(":") for line in spec.strip().splitlines())}


#: kiwipiepy's part-of-speech tags (the Sejong tagset) that the rules read in Korean sentences, by
#: what they mark; named here once rather than as two-letter literals across the rules (the house
#: check counts those in extract/ as country codes)
KO_TAGS = _tag_table("""
    subject_marker: JKS JX
    topic_marker: JX
    conjunctive_particle: JC
    connective_ending: EC
    verb: VV VA VX
    auxiliary_verb: VX
    noun_phrase: NNG NNP SL XSN JKG SN
    name_word: NNP SL
    title_noun: NNG NNP SL XSN SSO SSC
    ending_or_particle: E J SF
    final_ending_or_particle: EF J SF
""")


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
    sources: dict[Pattern, str] = field(default_factory=dict)  # descriptive sources -> source id
    qualifiers: dict[str, list[str]] = field(default_factory=dict)  # surface words, for the numbers
    suffixes: tuple[str, ...] = ()  # ko: compound tails after a name ("주", "지역")
    cooperation: dict[Pattern, str] = field(default_factory=dict)  # named cooperation acts -> kind
    states: dict[str, str] = field(default_factory=dict)  # home | cue group -> country id it stands for
    kind_side: str = "after"
    version: str = "1"

    @classmethod
    def load(cls, pack: Pack, language: str, lemmatise: Callable[[str], list[str]],
             analyse: Callable[[str], list[str]] | None = None) -> LangLexicon:
        """``analyse`` (ko) gives the analyser's morpheme sequence of a whole entry, matched
        beside the word-by-word form: "기술적으로 지원하다" is 기술/적/으로/지원/하 in running text
        whatever way its words were written in the lexicon."""
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
                pattern = tuple(_lemmatise_phrase(w, lemmatise))
                yield pattern
                morphemes = tuple(analyse(w)) if analyse is not None and "*" not in w else pattern
                if morphemes and morphemes != pattern:
                    yield morphemes

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
        for source_id, spec in (data.get("sources") or {}).items():
            if not isinstance(spec, dict):
                raise pack.error(section, f"source {source_id!r} must be a mapping (name, country, aliases)",
                                 data["sources"], source_id)
            if "aliases" in spec:
                for p in phrases(spec, "aliases"):
                    lex.sources[p] = source_id
        for kind in (data.get("cooperation") or {}):
            for p in phrases(data["cooperation"], kind):
                lex.cooperation[p] = str(kind)
        quals = data.get("qualifiers") or {}
        lex.qualifiers = {k: [str(w) for w in v] for k, v in quals.items()}
        states = data.get("states") or {}
        if not isinstance(states, dict) or not all(isinstance(v, str) for v in states.values()):
            raise pack.error(section, "'states' must map home or a cue group to a country id (country:RU)",
                             data, "states")
        lex.states = dict(states)
        for group, key in STATE_OF_GROUP.items():
            if group in lex.cues and key not in lex.states:
                raise pack.error(section, f"cue group {group!r} needs the state it stands for: add {key}: "
                                 "country:<code> under 'states'", data, "states")
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
    if len(window) > 1 and all(a.end == b.start for a, b in zip(window, window[1:], strict=False)):
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



class Language:
    """A language as the lexicon-driven rules read it; subclasses tokenise, lemmatise and read
    numbers (the grammar hooks), ``extractor.RuleExtractor`` runs the rules over a document."""

    language = "xx"
    name = "xx-rules"

    def __init__(self, pack: Pack | str | None = None) -> None:
        self.pack = pack if isinstance(pack, Pack) else load_pack(pack or "dprk")
        self.lex = LangLexicon.load(self.pack, self.language, self.lemmatise, self.analyse)
        self.actors, self.places, self.media, self.destinations = _canonical(self.pack)
        self.lex_preps = {p[0] for p in self.lex.cues.get("oblique", {})}
        roles = _roles(self.pack)
        #: the states of the pack's story by their role in actors.yaml: the partners that supply
        #: (in the pack's order), the counterpart they supply, the theatre of its war
        self.partners: tuple[str, ...] = tuple(roles.get("partner", ()))
        self.counterpart: str = next(iter(roles.get("counterpart", ())), "")
        self.theatre: str = next(iter(roles.get("theatre", ())), "")
        self.sides: tuple[str, ...] = (*self.partners, self.counterpart)  # the two sides of a claim
        self._states = {key: self._country_code(key, actor_id) for key, actor_id in self.lex.states.items()}

    def state_of(self, key: str) -> str | None:
        """The country code the lexicon's ``states:`` gives ``key`` (``home``: the home side of the
        language's press; a cue group: the state its words stand for); None when it gives none."""
        return self._states.get(key)

    def _country_code(self, key: str, actor_id: str) -> str:
        code = self.actors.get(actor_id, ("", None))[1]
        if not actor_id.startswith("country:") or not code:
            section = f"lexicon_{self.language}"
            raise self.pack.error(section, f"states: {key}: {actor_id!r} is not a country of actors.yaml",
                                  self.pack.section(section).get("states"), key)
        return code

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

    def analyse(self, phrase: str) -> list[str]:
        """The lemmas of the tokens the analyser makes of a whole lexicon entry; the base
        class matches entries word by word only (an empty list)."""
        return []

    def numbers(self, text: str, toks: list[Tok]) -> list[Num]:
        raise NotImplementedError

    def is_future(self, tok: Tok) -> bool:
        return False

    def is_oblique(self, tok: Tok) -> bool:
        """A form that cannot be a subject (ru: dative, genitive … "доложил Путину")."""
        return False

    def tense(self, sent: Sentence) -> str | None:
        """"future" or "present" when the grammar of the claim's verbs says so (aspect, endings)."""
        return None

    def is_comitative(self, toks: list[Tok], i: int, j: int) -> bool:
        """Whether the mention toks[i:j] is marked as the counterpart ("с", "con", "avec", "mit")."""
        return i > 0 and toks[i - 1].lemma in {p[0] for p in self.lex.cues.get("with", {})}

    def is_adnominal(self, toks: list[Tok], j: int) -> bool:
        """Whether the word ending before toks[j] is turned into a modifier ("회담한 쇼이구")."""
        return False

    def is_modifier(self, tok: Tok) -> bool:
        """A participle or adjective ("погибших в боях"): background, not the sentence's event."""
        return False

    @property
    def extractor_name(self) -> str:
        """``name@version`` from extract/registry.py: the label the document records too."""
        return label(self.name)

    def _analyse(self, text: str, start: int, end: int) -> Sentence:
        toks = self.tokenize(text, start, end)
        sent = Sentence(start, end, toks, self.numbers(text, toks))
        sent.actors = match(toks, self.lex.actors, self.lex.suffixes)
        sent.places = match(toks, self.lex.places, self.lex.suffixes)
        sent.kinds = match(toks, {p: k for p, (k, _) in self.lex.kinds.items()}, self.lex.suffixes)
        for group, table in self.lex.cues.items():
            sent.cues[group] = match(toks, table, self.lex.suffixes)
        sent.cues["kind_cue"] = match(toks, self.lex.kind_cues, self.lex.suffixes)
        sent.cues["source"] = match(toks, self.lex.sources, self.lex.suffixes)
        return sent

    def weak(self, hit: Hit) -> bool:
        return self.lex.kinds.get(hit.pattern, ("", False))[1]

    def entity(self, actor_id: str) -> Entity:
        name = self.actors.get(actor_id, (actor_id, None))[0]
        return Entity(name, actor_id)

    def place(self, place_id: str) -> Place:
        name, country, lat, lon = self.places[place_id]
        return Place(name, country, lat, lon, place_id)

    # -- shared predicates ------------------------------------------------------------
    def is_and(self, tok: Tok) -> bool:
        """A coordinating "and" ("и", "y", "et", "und", a Korean conjunctive particle)."""
        return (tok.lemma,) in self.lex.cues.get("and", {}) or tok.tag.startswith(KO_TAGS["conjunctive_particle"])

    def is_boundary(self, tok: Tok) -> bool:
        """Punctuation or a conjunction that closes the phrase around a number."""
        return tok.text in (",", ";", ":", "(", ")", "—", "–") or self.is_and(tok)



def _canonical(pack: Pack) -> tuple[dict[str, tuple[str, str | None]], dict[str, tuple[str, str, Any, Any]], set[str],
                                    set[str]]:
    """Actor id -> (name, country code); place id -> (name, country, lat, lon); media ids; the
    ids of the places reported as a claim's location."""
    actors: dict[str, tuple[str, str | None]] = {}
    media: set[str] = set()
    data = pack.section("actors", {}) or {}
    for entry in data.get("countries") or []:
        actors[entry["id"]] = (entry["name"], entry.get("code"))
    for key in ("people", "organisations"):
        for entry in data.get(key) or []:
            actors[entry["id"]] = (entry["name"], entry.get("country"))
            if entry.get("kind") == "media":
                media.add(entry["id"])
    for name, section in pack.sections.items():  # sources only the other languages' press names
        if name.startswith("lexicon_") and isinstance(section, dict):
            for source_id, spec in (section.get("sources") or {}).items():
                if isinstance(spec, dict) and source_id not in actors:
                    actors[source_id] = (str(spec.get("name", source_id)), spec.get("country"))
                if isinstance(spec, dict) and spec.get("kind") == "media":
                    media.add(source_id)
    places: dict[str, tuple[str, str, Any, Any]] = {}
    destinations: set[str] = set()
    for entry in (pack.section("places", {}) or {}).get("places") or []:
        places[entry["id"]] = (entry["name"], entry["country"], entry.get("lat"), entry.get("lon"))
        if entry.get("destination"):
            destinations.add(entry["id"])
    return actors, places, media, destinations


def _roles(pack: Pack) -> dict[str, list[str]]:
    """Role (actors.yaml ``role``: partner, counterpart, theatre, other) -> the country codes that
    have it, in the pack's order."""
    roles: dict[str, list[str]] = {}
    for entry in (pack.section("actors", {}) or {}).get("countries") or []:
        if entry.get("code"):
            roles.setdefault(str(entry.get("role", "other")), []).append(str(entry["code"]))
    return roles


def evidence(text: str, sent: Sentence) -> list[Evidence]:
    s, e = sent.start, sent.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return [Evidence(text[s:e], s, e)]
