"""Sentence rules of the non-English extractors: from one analysed sentence to claims.

A number takes the kind of the nearest kind word (``_kind_for``); a sentence without a
number may still narrate a meeting, a treaty, a denial or a deployment (``_topic``).
Who says it comes from ``attribution``, its date from ``dates``, its modality here.
"""
from __future__ import annotations

from typing import Any

from ...model import Claim, Entity, Place, Quantity
from .attribution import Source, find_source
from .dates import claim_date, sentence_dates
from .engine import (
    BOTH,
    KIND_TYPES,
    KO_TAGS,
    LABOUR,
    MIN_VALUE,
    PEOPLE,
    SMALL_COUNTS,
    SPECIFIC,
    Hit,
    Language,
    Num,
    Sentence,
    Tok,
    evidence,
)
from .interactions import Add, cooperation_claims, interaction_claims, uses_interactions

__all__ = ["sentence_claims"]

ARMS_KINDS = ("artillery shells", "missiles", "drones")


def sentence_claims(ext: Language, text: str, sent: Sentence, state: dict[str, Any]) -> list[Claim]:
    """The claims one sentence states; ``state`` carries the document partner, last source, topic
    and the modality of the last claim."""
    return _remember(state, _claims(ext, text, sent, state))


def _claims(ext: Language, text: str, sent: Sentence, state: dict[str, Any]) -> list[Claim]:
    actors = [(h, ext.actors[h.what]) for h in sent.actors if h.what in ext.actors]
    partner_hits = [h for h, (_, c) in actors if c in ext.partners]
    modality = _modality(ext, sent)
    if modality == "completed" and any(h.i <= 2 for h in sent.cues.get("consequence", [])) and state.get("modality"):
        modality = state["modality"]  # "Таким образом, …", "이로써 … 된다": the sum of what was just reported
    src = find_source(ext, sent, state)
    state["sentence_source"] = src
    source_country = src.country if src else None
    negated = _negated(ext, sent)
    if negated and source_country in ext.partners and modality != "reported_estimate":
        modality = "denied"  # "КНДР не направляла …, заявил посол КНДР": the accused side denies
    others = {c for _, (_, c) in actors if c is not None and c not in (*ext.sides, source_country)}
    partner = ext.actors[partner_hits[0].what][1] if partner_hits else state["partner"]
    actor = ext.entity(f"country:{partner}")
    counterpart = ext.entity(f"country:{ext.counterpart}")
    claims: list[Claim] = []
    add = _adder(ext, text, sent, state, claims, src, negated or modality == "denied", (actor, counterpart), modality)
    third = _third_state_only(ext, sent, actors)
    used = _counted_claims(ext, sent, state, add, modality, bool(partner_hits), bool(others), third)
    if modality == "denied" and source_country not in ext.sides:
        return claims  # only the accused side denies; others' rebuttals are not this claim
    # claims without a number: meetings, treaties, denials, deployments narrated
    venues = {(h.i, h.j) for h in sent.places if _venue(sent.toks, h)}
    sides = [(h, c) for h, (_, c) in actors if c in ext.sides and (h.i, h.j) not in venues]
    countries = {c for _, c in sides}
    both = any(h.what == BOTH for h in sent.cues.get("source", []))  # "조로 두 나라", "обе стороны"
    framed = uses_interactions(ext)
    if framed and interaction_claims(ext, sent, state, add, modality, _background(ext, sent)):
        return claims
    if not framed and sent.has("meeting") and len(countries) >= 2 and \
            _meeting_claim(ext, sent, add, modality, sides) and (len(claims) > 1 or sent.has("noncommittal")):
        return claims
    if claims or not (partner_hits or both or state.get("topic") and modality == "denied") or sent.has("noncommittal"):
        return claims  # "neither confirmed nor denied" states nothing
    if not framed and sent.has("agreement") and sent.has("sign") and (len(countries) >= 2 or both):
        order = [c for _, c in sides] + ([partner, ext.counterpart] if both else [])
        second = next(c for c in order if c != order[0])
        add("agreement", None, ext.entity(f"country:{order[0]}"), ext.entity(f"country:{second}"), None, "completed")
        return claims
    topic = None if third else _topic(ext, sent, used) or (state.get("topic") if modality == "denied" else None)
    if topic is None:
        if framed and not third:
            cooperation_claims(ext, sent, state, add, modality)
        return claims
    _topic_claim(ext, sent, state, add, topic, modality, others, (actor, counterpart))
    return claims


def _adder(ext: Language, text: str, sent: Sentence, state: dict[str, Any], claims: list[Claim], src: Source | None,
           negated: bool, sides: tuple[Entity, Entity], modality: str) -> Add:
    """The function that adds one claim of the sentence to ``claims``: by default the partner's
    act towards the counterpart at the sentence's destination, in its modality, with its source,
    evidence and date (the sentence's dates are read here, once)."""
    actor, counterpart = sides
    place = next((ext.place(h.what) for h in sent.places if h.what in ext.destinations), None)
    ev = evidence(text, sent)
    attributed = src.entity if src else None
    dates = sentence_dates(ext, text, sent, state)

    def add(ctype: str, q: Quantity | None, a: Entity | None = actor, target: Entity | None = counterpart,
            loc: Place | None = place, mod: str = modality, narrator: bool = False) -> None:
        claims.append(Claim(type=ctype, actor=a, target=target, location=loc, quantity=q,
                            date=claim_date(dates, mod, ctype, state),
                            attributed_to=None if narrator else attributed,
                            via=src.via if src and not narrator else None,
                            modality=mod, negated=negated or mod == "denied",
                            evidence=ev, confidence=0.6, extractor=ext.extractor_name))
    return add


def _third_state_only(ext: Language, sent: Sentence, actors: list[tuple[Hit, tuple[str, str | None]]]) -> bool:
    """A third state named ("мигрантов из Узбекистана", "중국 랴오닝성에") without Russia: the
    sentence's figures are that state's."""
    return sent.has("third_country") and not any(c == ext.counterpart for _, (_, c) in actors) and \
        not any(ext.places[h.what][1] == ext.counterpart for h in sent.places if h.what in ext.places)


def _counted_claims(ext: Language, sent: Sentence, state: dict[str, Any], add: Add, modality: str,
                    partner_named: bool, others_named: bool, third: bool) -> set[int]:
    """A claim per number that counts a kind (``_kind_for``); the indices of the kind words used.
    A sentence that names another state and not the partner gives that state's figures, and so
    does one that names a third state without Russia (``third``)."""
    used: set[int] = set()
    for num in sent.nums:
        if num.value is not None and num.value < 2:
            continue
        kind, used_hit = _kind_for(ext, sent, num)
        if kind is None or num.value is not None and num.value < MIN_VALUE and kind not in SMALL_COUNTS:
            continue
        if used_hit is not None:
            used.add(used_hit)
        if not partner_named and (others_named or num.value is None) or third or \
                not partner_named and sent.has("third_country"):
            continue  # another country's figure, or a vague one with no actor
        ctype = KIND_TYPES[kind]
        if kind in LABOUR and not sent.has("dispatch") and (sent.has("presence") or modality == "reported_estimate"):
            ctype = "workers_present"
        add(ctype, Quantity(num.value, kind, num.qualifier if num.value is not None else None,
                             num.text or None, num.max))
        state["topic"] = ctype
    return used


def _meeting_claim(ext: Language, sent: Sentence, add: Add, modality: str, sides: list[tuple[Hit, str]]) -> bool:
    """The meeting of named people of the two sides (the rules of the languages without
    ``interactions``); True when it is the sentence's news, not its background."""
    people = [h for h, _ in sides if h.what.startswith("person:")]
    if not people:
        return False
    partners_of = [h for h in people if ext.is_comitative(sent.toks, h.i, h.j)]
    heads = [h for h in people if not ext.is_comitative(sent.toks, h.i, h.j)] or people
    if partners_of:  # "tras entrevistarse con Kim": the other side is the actor
        side = ext.actors[partners_of[0].what][1]
        heads = [h for h in heads if ext.actors[h.what][1] != side] or heads
    first = heads[0]
    first_c = ext.actors[first.what][1]
    rest = [h for h, c in sides if c != first_c]
    other = next((h for h in rest if h.what.startswith("person:")), rest[0] if rest else None)
    if other is None:
        return False
    if _background(ext, sent):  # the report takes it for granted: the narrator's
        add("meeting", None, ext.entity(first.what), ext.entity(other.what), None, "completed", narrator=True)
        return False
    add("meeting", None, ext.entity(first.what), ext.entity(other.what), None,
        "announced_planned" if modality == "announced_planned" and not sent.has("estimate") else "completed")
    return True


def _topic_claim(ext: Language, sent: Sentence, state: dict[str, Any], add: Add, topic: str, modality: str,
                 others: set[str], sides: tuple[Entity, Entity]) -> None:
    """The claim of a sentence that names its topic without a number ("Россия обучает
    северокорейских военных", "ракет", "погибли"); the partner acts towards the counterpart."""
    actor, counterpart = sides
    if topic == "other":  # Russia trains or equips the partner: Russia is the actor
        add("other", None, a=counterpart, target=actor)
        state["topic"] = topic
        return
    kind = {"troop_deployment": "troops", "arms_transfer": None, "casualties": "casualties"}.get(topic)
    if topic in ("labor_dispatch", "workers_present"):
        kind = next((h.what for h in sent.kinds if h.what in LABOUR), "workers")
    elif topic == "arms_transfer":  # the weapons named, without a count: "ракет", "포탄과 미사일"
        named = dict.fromkeys(h.what for h in sorted(sent.kinds, key=lambda h: h.i) if h.what in ARMS_KINDS)
        kind = "; ".join(named) or None
    target: Entity | None = counterpart
    if (modality == "denied"
            and ext.theatre in others | {ext.places[h.what][1] for h in sent.places if h.what in ext.places}):
        target = ext.entity(f"country:{ext.theatre}")  # "did not fight in Ukraine": the theatre is the target
    add(topic, Quantity(None, kind) if kind else None, target=target)
    state["topic"] = topic


VENUE_BEFORE = {"в", "во", "на", "en", "à", "a", "in", "im", "au", "nach"}
VENUE_AFTER = {"에서", "서"}


def _venue(toks: list[Tok], hit: Hit) -> bool:
    """A place named where something happens ("в Пхеньяне", "평양에서"), not a metonym that acts
    ("Москва и Пхеньян подписали")."""
    before = toks[hit.i - 1].text.lower() if hit.i > 0 else ""
    after = toks[hit.j].text if hit.j < len(toks) else ""
    return before in VENUE_BEFORE or after in VENUE_AFTER


def _remember(state: dict[str, Any], claims: list[Claim]) -> list[Claim]:
    counted = [c for c in claims if c.quantity is not None and c.quantity.value is not None]
    if counted:
        state["modality"] = counted[-1].modality
    return claims


def _kind_for(ext: Language, sent: Sentence, num: Num) -> tuple[str | None, int | None]:
    """The kind a number counts: the nearest strong kind word on the language's side."""
    first, last = sent.tok_at(num.start), sent.tok_at(num.end)
    while last < len(sent.toks) and sent.toks[last].start < num.end:
        last += 1
    window: list[int] = []
    taken = {k for n in sent.nums if n is not num for k, t in enumerate(sent.toks) if n.start <= t.start < n.end}
    if ext.lex.kind_side in ("before", "both"):
        k = first - 1
        while k >= 0 and first - k <= 5 and not ext.is_boundary(sent.toks[k]) and k not in taken:
            window.append(k)
            k -= 1
    if ext.lex.kind_side in ("after", "both"):
        k = last
        while k < len(sent.toks) and k - last < 4 and not ext.is_boundary(sent.toks[k]) and k not in taken:
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
    if kind in LABOUR and hit.j < len(sent.toks) and ext.is_and(sent.toks[hit.j]) and any(
            h.i == hit.j + 1 and h.what in LABOUR and h.what != kind for h in sent.kinds):
        kind = "workers"  # "строителей и саперов": a stated total of both
    if kind == "troops" and any(not ext.is_modifier(sent.toks[h.i])
                                and (first - 4 <= h.i < first or last <= h.i <= hit.j + 2
                                     or _predicate(ext, sent, max(last, hit.j), h.i))
                                for h in sent.cues.get("casualty", [])):
        kind = "casualties"  # "погибли около 300 военных", "약 2천 명이 숨지거나", "300 Soldaten sind … gefallen"
    return kind, hit.i


def _predicate(ext: Language, sent: Sentence, after: int, at: int) -> bool:
    """Whether the cue at ``at`` is the predicate of the counted phrase ending at ``after``: later
    in the same clause (no comma or conjunction between), with no act of sending or fighting
    between them ("300 Soldaten sind laut Kiew in Kursk gefallen", "2천 명이 숨지거나 다친")."""
    if not after <= at <= after + 10:
        return False
    if any(ext.is_boundary(t) for t in sent.toks[after:at]):
        return False
    return not any(after <= h.i < at for g in ("dispatch", "fight", "deploy") for h in sent.cues.get(g, []))


def _people_kind(ext: Language, sent: Sentence, hit: Hit | None, at: int = 0) -> str:
    """"человек", "명", "personnes": the kind the sentence is about (the nearest cue)."""
    # a cue that is part of a kind phrase ("병력" in "건설 병력") is that phrase's, not the sentence's
    cue = [c for c in sent.cues.get("kind_cue") or [] if not any(k.i <= c.i and c.j <= k.j and k.what != c.what
                                                                  for k in sent.kinds)]
    if cue:
        return min(cue, key=lambda h: abs(h.i - at)).what
    strong = [h for h in sent.kinds if h.what != PEOPLE and not ext.weak(h)]
    if any(h.what in LABOUR for h in strong):
        return "workers"  # "모두 6천 명", "6 000 personnes" after sappers and builders: the total
    if strong:
        return min(strong, key=lambda h: abs(h.i - (hit.i if hit else 0))).what
    weak = [h for h in sent.kinds if h.what != PEOPLE]
    return weak[0].what if weak else "workers"


def _topic(ext: Language, sent: Sentence, used: set[int]) -> str | None:
    kinds = {h.what for h in sent.kinds if h.i not in used and h.what != PEOPLE}
    if _counterpart_helps(ext, sent):
        return "other"
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
    if "sappers" in strong and sent.has("labour_work"):
        return "labor_dispatch"  # "공병 부대가 지뢰 제거 작업을 시작했다": sappers at their trade were sent
    if strong & LABOUR and sent.has("presence"):
        return "workers_present"  # "трудятся на стройках", "일하고 있는 것으로": no number, still there
    return None


def _counterpart_helps(ext: Language, sent: Sentence) -> bool:
    """The counterpart's training or technology help to the partner ("Россия обучает северокорейских
    военных", "러시아가 … 기술적으로 지원하고"): a ``help`` cue with Russia as its subject, named
    before the cue and not as the object of a preposition or a case particle."""
    helps = sent.cues.get("help", [])
    if not helps:
        return False
    for h in sent.actors:
        if ext.actors.get(h.what, ("", None))[1] != ext.counterpart or h.i > helps[0].i:
            continue
        if ext.language == "ko":
            nxt = sent.toks[h.j] if h.j < len(sent.toks) else None
            if nxt is not None and nxt.tag in KO_TAGS["subject_marker"]:
                return True
        elif not ext.is_oblique(sent.toks[h.i]) and not (h.i and sent.toks[h.i - 1].lemma in ext.lex_preps):
            return True
    return False


def _background(ext: Language, sent: Sentence) -> bool:
    """Whether every meeting word is background, not the clause's news: the object of a
    "by the end of / after" frame ("по итогам переговоров", "tras entrevistarse", "à l'issue
    d'un entretien") or (ko) an adnominal participle ("김 위원장과 회담한 쇼이구")."""
    hits = sent.cues.get("meeting", [])
    frames = sent.cues.get("background", [])
    return bool(hits) and all(any(0 <= h.i - b.j <= 2 for b in frames) or ext.is_adnominal(sent.toks, h.j)
                              for h in hits)


def _negated(ext: Language, sent: Sentence) -> bool:
    """A negation word right before the sentence's dispatch or fight verb ("не направляла")."""
    negs = sent.cues.get("negation", [])
    return any(h.i - 2 <= n.i < h.i or h.j <= n.i <= h.j + 3 for n in negs
               for g in ("dispatch", "fight", "deploy") for h in sent.cues.get(g, []))


def _inside(hit: Hit, spans: list[Hit]) -> bool:
    return any(s.i <= hit.i and hit.j <= s.j for s in spans)


def _modality(ext: Language, sent: Sentence) -> str:
    if sent.has("denial"):
        return "denied"
    estimates = [h for h in sent.cues.get("estimate", [])  # "높이 평가하였다", "высоко оценил": praise
                 if not _inside(h, sent.cues.get("citing", []) + sent.cues.get("praise", []))]
    tense = ext.tense(sent)  # "자료를 분석한 결과": the analysis of data is how it is known, not a guess
    if tense == "hypothetical" or estimates and not (sent.has("planned") and sent.has("impersonal_report")):
        return "reported_estimate"  # but a plan that is reported ("보낼 계획인 것으로 알려졌다") stays a plan
    if (sent.has("planned") or tense == "future"
            or any(ext.is_future(sent.toks[h.i]) for h in sent.cues.get("dispatch", []))):
        return "announced_planned"
    ongoing = [h for h in sent.cues.get("ongoing", [])  # "밝힌 바 있다": has said, not is saying
               if not any(h.i < p.j and p.i < h.j for p in sent.cues.get("perfect", []))]
    if ongoing or tense == "present":
        return "ongoing"
    return "completed"
