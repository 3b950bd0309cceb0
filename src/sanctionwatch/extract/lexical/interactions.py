"""Interactions of officials in the lexicon-driven extractors: meetings, visits, each step of
an agreement, and named cooperation acts (typed ``other``).

Used by a language whose lexicon declares the ``visit`` cue group (Russian today); the others
keep the older meeting and agreement rules of ``rules``. Everything the rules read is a cue
group of the language's lexicon:

* a *party* is a mention of the partner or of Russia (a person, a state, a body) that is not a
  venue ("в Пхеньяне", "в Кремле") nor a topic ("о КНДР"); an official named only by a title
  that names a state ("министр иностранных дел КНДР", "северокорейская делегация", "посол
  России") is a party of that state through the state's mention; a ``bilateral`` adjective
  ("российско-корейские переговоры") names both sides; parties the pack does not list are
  read by form (``_unlisted``: Korean names, a Russian surname opening the sentence, a title
  naming no state);
* a ``meeting`` word (or ``receive`` with an official as its object: "принял министра") with
  parties of both sides is a meeting; a side missing from the sentence is the official whose
  visit was reported earlier ("Лавров прибыл в Пхеньян. Он провёл переговоры с …");
* a ``visit`` word with a traveller of one side (a person, or an official or delegation of its
  state; not a ``resident`` diplomat) and a destination of the other (a venue, the object of
  the verb, or the origin of a return) is a visit; a meeting of the same sides that took place
  covers it (``drop_covered_visits``);
* an ``agreement`` word with a step (``sign``, ``ratify``, ``approve``, ``in_force``,
  ``submit``, ``agreed``) between the two sides is an agreement claim per step (its quantity
  kind names the step), the sides in the order the sentence names them; a treaty known by its
  name (``partnership``) or already placed between the sides in the report needs no party in
  the sentence; a step "after" something (a condition) is a provision, not news;
* a ``cooperation`` phrase (kind -> words) with both sides named is an ``other`` claim whose
  quantity kind names the act.

Messages, greetings and telephone calls (``message``, ``remote``) are no interaction, unless the
message is handed over at a meeting the sentence states.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model import Claim, Entity, Quantity, entity_country
from .engine import BOTH, Hit, Language, Sentence, match

__all__ = ["cooperation_claims", "drop_covered_visits", "interaction_claims", "uses_interactions"]

VENUE = {"в", "во", "на"}
ORIGIN = {"из", "изо"}
# the step an agreement sentence reports, most specific first: (kind, cue groups all present)
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("entry into force", ("in_force",)),
    ("ratification law signed", ("sign", "ratify")),
    ("approval", ("approve",)),
    ("submission for ratification", ("submit", "ratify")),
    ("ratification", ("ratify",)),
    ("signing", ("sign",)),
    ("agreed", ("agreed",)),
)

CONDITION = {"после", "через", "когда", "если"}  # a step under a condition is a provision
Add = Callable[..., None]


def groups_of(step: str) -> tuple[str, ...]:
    return next(groups for kind, groups in STEPS if kind == step)


def uses_interactions(ext: Language) -> bool:
    return bool(ext.lex.cues.get("visit"))


def _country(ext: Language, hit: Hit) -> str | None:
    if hit.what.startswith(("name:", "title:")):  # a party the pack does not list (``_unlisted``)
        return hit.what.split(":", 1)[1]
    return ext.actors.get(hit.what, ("", None))[1]


def _personal(hit: Hit) -> bool:
    return hit.what.startswith(("person:", "name:"))


def _before(sent: Sentence, hit: Hit) -> str:
    return sent.toks[hit.i - 1].lemma if hit.i > 0 else ""


def _in(sent: Sentence, k: int, group: str) -> bool:
    return any(h.i <= k < h.j for h in sent.cues.get(group, []))


def _mentions(ext: Language, sent: Sentence) -> list[tuple[Hit, str, str]]:
    """Mentions of the two sides: (hit, country, role) with role party | venue | origin; topics
    ("о КНДР") are left out."""
    topic = {p[0] for p in ext.lex.cues.get("topic_prep", {})}
    out = []
    for h in sent.actors:
        c = _country(ext, h)
        if c not in ext.sides:
            continue
        prev = _before(sent, h)
        if prev in topic:
            continue
        role = "venue" if sent.toks[h.i - 1].text.lower() in VENUE and h.i > 0 else \
            "origin" if prev in ORIGIN else "party"
        out.append((h, c, role))
    # a place named after an official's title ("губернатор Приморья") or as a venue of either side
    taken = {k for h in sent.actors for k in range(h.i, h.j)}
    officials = [h for h in sent.cues.get("official", [])]
    for h in sent.places:
        c = ext.places.get(h.what, ("", None))[1]
        if c not in ext.sides or h.i in taken or _before(sent, h) in topic:
            continue
        if h.i > 0 and sent.toks[h.i - 1].text.lower() in VENUE:
            out.append((h, c, "venue"))
        elif _before(sent, h) in ORIGIN:
            out.append((h, c, "origin"))
        elif any(0 < h.i - o.j + 1 <= 2 for o in officials):
            out.append((h, c, "party"))
        elif any(0 < h.i - v.j + 1 <= 1 and sent.toks[v.i].tag.startswith("VERB") for v in sent.cues.get("visit", [])):
            out.append((h, c, "object"))  # "посетила Владивосток": where the visit goes
    out += _unlisted(ext, sent, out)
    return sorted(out, key=lambda m: m[0].i)


def _unlisted(ext: Language, sent: Sentence, known: list[tuple[Hit, str, str]]) -> list[tuple[Hit, str, str]]:
    """Parties the pack does not list: a Korean name by its form (a surname of the
    ``korean_surname`` group and two more short capitalised syllables: "Пак Тхэ Сона"), the
    partner's; a surname of Russian form; and an official whose title names no
    state ("министр природных ресурсов", "вице-премьер"), who in this language's press is the
    home side's (``home_official``; the lexicon's ``states`` name the home side and the state of
    a Korean name). None when another state is
    named (South Korea, China …)."""
    if any(_country(ext, h) not in (*ext.sides, None) for h in sent.actors) or sent.has("third_country"):
        return []
    taken = {k for h, _, _ in known for k in range(h.i, h.j)} | {k for h in sent.actors for k in range(h.i, h.j)}
    surnames = {p[0] for p in ext.lex.cues.get("korean_surname", {})}
    toks = sent.toks
    out: list[tuple[Hit, str, str]] = []
    korean, home = ext.state_of("korean_surname") or "", ext.state_of("home") or ""
    for k in range(len(toks) - 2):
        three = toks[k:k + 3]
        if k in taken or three[0].text.lower() not in surnames:
            continue
        if all(t.text[:1].isupper() and t.text.isalpha() and len(t.text) <= 6 for t in three):
            out.append((Hit(k, k + 3, f"name:{korean}"), korean, "party"))
            taken |= {k, k + 1, k + 2}
    for k, t in enumerate(toks):
        # a surname of Russian form the pack does not list ("Матвиенко провела переговоры …",
        # "Ким Чен Ын принял Медведева"), the home side's
        if home and k not in taken and "Surn" in t.tag and t.text[:1].isupper() and t.text.isalpha():
            out.append((Hit(k, k + 1, f"name:{home}"), home, "party"))
    spans = [(h.i, h.j) for h in sent.actors] + [(h.i, h.j) for h in sent.places] + \
        [(h.i, h.j) for h in sent.cues.get("third_country", [])]
    for o in sent.cues.get("home_official", []):
        if o.i in taken or any(o.j <= i <= o.j + 4 or o.i - 2 <= j - 1 < o.i for i, j in spans):
            continue  # "министр обороны КНДР", "северокорейский министр": a state is named
        out.append((Hit(o.i, o.j, f"title:{home}"), home, "party"))
    return out


def _entity(ext: Language, hit: Hit, country: str) -> Entity:
    if hit.what.startswith("person:"):
        e = ext.entity(hit.what)
        return Entity(e.name, e.id, country)
    return Entity(ext.actors.get(f"country:{country}", (country, None))[0], f"country:{country}", country)


def _other_side(ext: Language, country: str | None, partner: str) -> str:
    """The side facing ``country``: the counterpart, or the partner when ``country`` is the counterpart."""
    return ext.counterpart if country != ext.counterpart else partner


def _side(ext: Language, country: str) -> Entity:
    return Entity(ext.actors.get(f"country:{country}", (country, None))[0], f"country:{country}", country)


def _official_after(ext: Language, sent: Sentence, at: int, parties: list[tuple[Hit, str, str]]) -> bool:
    """Whether an official, a person of a side or a delegation follows the word at ``at``
    within five words ("принял в Кремле министра …")."""
    for k in range(at + 1, min(at + 6, len(sent.toks))):
        if _in(sent, k, "official") or any(h.i == k and _personal(h) for h, _, _ in parties):
            return True
    return False


def interaction_claims(ext: Language, sent: Sentence, state: dict[str, Any], add: Add,
                       modality: str, background: bool) -> bool:
    """Add the meeting, visit or agreement the sentence states; True when it stated one."""
    mentions = _mentions(ext, sent)
    earlier = dict(state.get("people") or {})
    # the last person named of each side, for a pronoun later ("Ранее она провела переговоры …")
    state["people"] = {**earlier, **{c: _entity(ext, h, c) for h, c, r in mentions  # subjects only
                                     if r == "party" and h.what.startswith("person:") and not _oblique(ext, sent, h)}}
    if sent.has("remote", "noncommittal", "speculative") or modality == "reported_estimate":
        return False  # a call, an invitation, a prospect, a pundit's view: no interaction took place
    partner = state["partner"]
    parties = [(h, c, r) for h, c, r in mentions if r not in ("venue", "object")]
    countries = {c for _, c, _ in parties}
    if sent.has("bilateral") or any(h.what == BOTH for h in sent.cues.get("source", [])):
        countries |= {partner, ext.counterpart}  # "российско-корейские", "правительства двух стран"
    # "по итогам переговоров": the talks are taken for granted, so they happened; but "в ходе
    # визита он проведёт переговоры" frames the visit, not the talks
    hits = sent.cues.get("meeting", [])
    background = background and all(any(0 <= h.i - b.j <= 1 for b in sent.cues.get("background", []))
                                    for h in hits)
    mod = "completed" if background else modality if modality in ("announced_planned", "ongoing") else "completed"
    # what officials did is the report's own narration unless a speaker or a source is named
    narrator = background or not sent.has("say", "according", "impersonal_report", "citing")
    if _agreement(ext, sent, state, add, mod, countries, mentions):
        return True
    meets = sent.has("meeting") or any(_official_after(ext, sent, h.i, parties) for h in sent.cues.get("receive", []))
    if sent.has("message") and not meets:
        return False  # a message, a greeting, a letter: no claim, unless handed over at a meeting
    third = sent.has("third_country") or any(_country(ext, h) not in (*ext.sides, None) for h in sent.actors)
    if meets and third and not all(any(_personal(h) or h.what.startswith("title:") for h, c2, _ in parties if c2 == c)
                                   for c in (partner, ext.counterpart)):
        meets = False  # "лидеры России и Китая обсудили отношения с КНДР": the partner is a topic
    if meets:
        sides = _meeting_sides(ext, sent, mentions, countries, state, earlier)
        if sides is not None:
            a, b = sides
            add("meeting", None, a, b, None, mod, narrator=narrator)
            return True
    if sent.has("visit"):
        return _visit(ext, sent, state, add, mod, mentions, narrator)
    return False


def _meeting_sides(ext: Language, sent: Sentence, mentions: list[tuple[Hit, str, str]], countries: set[str],
                   state: dict[str, Any], earlier: dict[str, Entity]) -> tuple[Entity, Entity] | None:
    parties = [(h, c, r) for h, c, r in mentions if r not in ("venue", "object")]
    partner = state["partner"]
    present = countries & {partner, ext.counterpart}
    hosts = {c for h, c, r in mentions if r == "venue"} & {partner, ext.counterpart}
    if len(present) == 1 and hosts - present:
        # "переговоры лидеров в ходе визита Путина в Северную Корею": the hosts are the other side
        first = next((h, c) for h, c, r in parties if c in present)
        return _entity(ext, *first), _side(ext, next(iter(hosts - present)))
    missing = {partner, ext.counterpart} - countries
    if len(missing) == 1 and sent.has("pronoun") and next(iter(missing)) in earlier and state.get("visitor") is None:
        # "Путин принял Чве Сон Хи. Ранее она провела переговоры с Лавровым": the pronoun's person
        other = next(((h, c) for h, c, _ in parties if c not in missing), None)
        if other is not None:
            return earlier[next(iter(missing))], _entity(ext, *other)
    if partner not in countries or ext.counterpart not in countries:
        visitor = state.get("visitor")
        if visitor is None or visitor.country not in {partner, ext.counterpart} - countries or \
                len(countries & {partner, ext.counterpart}) != 1:
            return None
        # "Он провёл переговоры с Чве Сон Хи": the official whose visit was just reported
        other = next(((h, c) for h, c, _ in parties if c != visitor.country), None)
        return visitor, (_entity(ext, *other) if other else _side(ext, _other_side(ext, visitor.country, partner)))
    # the first-named side that is not the counterpart ("с Ким Чен Ыном") leads
    ordered = sorted(parties, key=lambda p: (ext.is_comitative(sent.toks, p[0].i, p[0].j),
                                             not _personal(p[0]), p[0].i))
    if not ordered:
        return _side(ext, partner), _side(ext, ext.counterpart)
    first_h, first_c, _ = ordered[0]
    rest = sorted(((h, c) for h, c, _ in ordered if c != first_c and c in (partner, ext.counterpart)),
                  key=lambda p: (not _personal(p[0]), p[0].i))
    if rest:
        second = _entity(ext, *rest[0])
    else:
        second = _side(ext, _other_side(ext, first_c, partner))
    return _entity(ext, first_h, first_c), second


def _visit(ext: Language, sent: Sentence, state: dict[str, Any], add: Add, mod: str,
           mentions: list[tuple[Hit, str, str]], narrator: bool) -> bool:
    if sent.has("third_country") or any(_country(ext, h) not in (*ext.sides, None) for h in sent.actors):
        # a tour of several states ("посетил Пхеньян и Ханой"), another state's view of the trip
        # ("США осудили визит Шойгу в Пхеньян"): no bilateral visit told here
        return False
    visit_at = {k for h in sent.cues.get("visit", []) for k in range(h.i, h.j) if sent.toks[k].tag.startswith("VERB")}
    returning = any(sent.toks[h.i].lemma in {p[0] for p in ext.lex.cues.get("return", {})}
                    for h in sent.cues.get("visit", []))
    if any(h.what != "people" and not ext.weak(h) for h in sent.kinds):
        return False  # troops, workers, sappers arriving are sent, not visiting
    officials = sent.cues.get("official", [])

    def official(h: Hit) -> bool:
        # a person, or a title or delegation of its state: "министр России", "делегация из КНДР",
        # "северокорейская делегация", "делегация Трудовой партии Кореи"
        return _personal(h) or h.what.startswith("title:") or any(
            0 <= h.i - o.j <= 4 or 0 <= o.i - h.j <= 2 and sent.toks[h.i].tag.startswith("ADJF") for o in officials)

    ends = {h.j for h, _, _ in mentions if not _personal(h) and official(h)}  # "посол России" …
    dests, travellers, places = [], [], []
    posts: set[str] = set()
    for h, c, role in mentions:
        object_of_verb = any(0 < h.i - k <= 1 for k in visit_at) and role == "party" and not _personal(h)
        if role == "venue" and h.i - 1 in ends:
            posts.add(c)  # "посол России в КНДР": the post of an official, not where one goes
            continue
        if role == "venue" and h.i >= 2 and sent.toks[h.i - 2].tag.startswith(("PRTF", "ADJF")):
            continue  # "семьи погибших в Курской области": the place of a participle, not of the trip
        if role in ("venue", "object") or object_of_verb or returning and role == "origin":
            dests.append((h, c))
        elif not (returning and role == "venue"):
            if official(h):
                travellers.append((h, c))
            elif any(h.j == k for k in visit_at):
                places.append((h, c))  # "Пхеньян посетил вице-премьер России"
    dests += places  # "Пхеньян посетил вице-премьер России": the place the official visits
    resident = sent.cues.get("resident", [])
    for h, c in travellers:
        if any(0 <= h.i - o.j <= 2 or 0 <= o.i - h.j <= 1 for o in resident):
            continue  # "посол КНДР посетил Курскую область": a diplomat posted there, no trip between the two
        dest = next(((d, dc) for d, dc in dests if dc != c and dc not in posts), None)
        if dest is None:
            continue
        d, dc = dest
        place = ext.place(next(p.what for p in sent.places if p.i == d.i)) \
            if any(p.i == d.i and p.what in ext.places for p in sent.places) else None
        traveller = _entity(ext, h, c)
        state["visitor"] = traveller
        add("visit", Quantity(None, "delegation visit"), traveller, _side(ext, dc), place, mod, narrator=narrator)
        return True
    return False


def _agreement(ext: Language, sent: Sentence, state: dict[str, Any], add: Add, mod: str,
               countries: set[str], mentions: list[tuple[Hit, str, str]]) -> bool:
    if not sent.has("agreement") and not (sent.has("agreed") and {state["partner"], ext.counterpart} <= countries
                                          and not match(sent.toks, ext.lex.cooperation, ext.lex.suffixes)):
        # "Москва и Пхеньян договорились о …" is an agreement without its noun; "договорились
        # открыть авиасообщение" is the act agreed on (``cooperation_claims``)
        return False
    if any(ext.is_comitative(sent.toks, h.i, h.j) and any(0 < h.i - a.j <= 1 for a in sent.cues.get("agreement", []))
           for h, _, _ in mentions):
        countries = countries | {state["partner"], ext.counterpart}  # "договор с КНДР": the other side is the home side
    if sent.has("partnership") or {state["partner"], ext.counterpart} <= countries:
        state["treaty"] = True
    frames = sent.cues.get("background", [])
    # "после подписания", "по итогам подписания": the signing is the time of something else
    live = {g for g in ("sign", "ratify", "approve", "in_force", "submit", "agreed")
            if any(not any(0 <= h.i - b.j <= 1 for b in frames) for h in sent.cues.get(g, []))}
    step = next((kind for kind, groups in STEPS if all(g in live for g in groups)), None)
    if step is None:
        return False
    partner = state["partner"]
    # the treaty known by its name, or one the report has already placed between the two sides
    # ("Договор с КНДР …. Документ ратифицировала Госдума"), binds them
    if sent.has("partnership") or {partner, ext.counterpart} <= countries:
        state["treaty"] = True
    if not state.get("treaty"):
        return False
    if step == "submission for ratification" and mod != "announced_planned":
        return False  # a bill sent to parliament is no step yet; "внесёт на ратификацию" announces one
    if any(k < len(sent.toks) and sent.toks[k].lemma in CONDITION for g in groups_of(step)
           for h in sent.cues.get(g, []) for k in (h.j, h.j + 1)):
        return False  # "вступит в силу после обмена грамотами": a provision of the text, not news
    # the sides in the order the sentence names them ("Россия и КНДР подписали …")
    first = next((c for _, c, r in sorted(mentions, key=lambda m: m[0].i)
                  if c in (partner, ext.counterpart) and r != "venue"), partner)
    add("agreement", Quantity(None, step), _side(ext, first), _side(ext, _other_side(ext, first, partner)), None, mod)
    return True


def cooperation_claims(ext: Language, sent: Sentence, state: dict[str, Any], add: Add, modality: str) -> bool:
    """A named act of cooperation (a bridge, flights, training …) with both sides named."""
    if sent.has("message", "noncommittal") or not ext.lex.cooperation:
        return False
    acts = match(sent.toks, ext.lex.cooperation, ext.lex.suffixes)
    if not acts:
        return False
    mentions = _mentions(ext, sent)
    countries = {c for _, c, _ in mentions}
    if sent.has("bilateral") or any(h.what == BOTH for h in sent.cues.get("source", [])):
        countries |= {state["partner"], ext.counterpart}
    if not {state["partner"], ext.counterpart} <= countries:
        return False
    if any(ext.actors.get(h.what, ("", None))[1] not in (*ext.sides, None) for h in sent.actors):
        return False  # a third state demanding, judging or reporting it ("потребовал прекратить …")
    subject = next(((h, c) for h, c, r in mentions if r == "party" and not _oblique(ext, sent, h)
                    and not ext.is_comitative(sent.toks, h.i, h.j)), None)
    actor_c = subject[1] if subject else mentions[0][1] if mentions else ext.counterpart  # else the side named first
    other = _other_side(ext, actor_c, state["partner"])
    if sent.has("speculative"):
        modality = "announced_planned"  # "не исключает развития сотрудничества": a prospect held out
    add("other", Quantity(None, acts[0].what), _side(ext, actor_c), _side(ext, other), None, modality)
    return True


def _oblique(ext: Language, sent: Sentence, hit: Hit) -> bool:
    """Not a subject: an oblique form, after a preposition, or joined by "и" to such a mention
    ("на границе России и КНДР": the indeclinable КНДР shares the case of России)."""
    preps = {p[0] for p in ext.lex.cues.get("oblique", {})} | VENUE
    if _before(sent, hit) in preps:
        return True
    if ext.is_oblique(sent.toks[hit.i]) and "UNKN" not in sent.toks[hit.i].tag:  # "Чве": no case to read
        return True
    if hit.i >= 2 and sent.toks[hit.i - 1].lemma == "и":
        prev = next((h for h in sent.actors if h.j == hit.i - 1), None)
        return prev is not None and _oblique(ext, sent, prev)
    return False


def drop_covered_visits(claims: list[Claim]) -> list[Claim]:
    """A visit is covered by a meeting of the same two sides in the report (one that took place:
    "в ходе визита проведёт переговоры" leaves the arrival a visit); an agreement reached is
    covered by a step of the document that records it."""
    met = {_pair(c) for c in claims if c.type == "meeting" and c.modality != "announced_planned"}
    steps = any(c.type == "agreement" and c.quantity is not None and c.quantity.kind != "agreed" for c in claims)
    return [c for c in claims if not (c.type == "visit" and _pair(c) in met)
            # "договорились о …" and the document signed on it are one agreement
            and not (steps and c.type == "agreement" and c.quantity is not None and c.quantity.kind == "agreed")]


def _pair(c: Claim) -> frozenset[str]:
    return frozenset(x for x in (entity_country(c.actor), entity_country(c.target)) if x)
