"""Who a non-English sentence says makes its claim, and through whom (``via``).

Candidates are the named people, organisations and states of the sentence plus the
descriptive sources of the lexicon's ``sources:`` block ("источник в правительстве",
"미국 정부", "fuentes ucranianas"), all normalised to the English names of ``actors.yaml``.
The frames, by how the language marks the speaker:

* according to: "по данным X", "según X", "selon X", "laut X" (the source follows the cue);
  "X에 따르면" (it precedes);
* citing: "сообщает ТАСС со ссылкой на Шойгу", "citando a", "unter Berufung auf", "X를
  인용해": the cited party is the source, the reporting one the ``via``;
* a reporting, estimating or denying verb: in ru/es/fr/de the subject after the verb when
  the verb closes the sentence ("…, заявил Шойгу", "…, sagte Rutte", "сообщили в Кремле"),
  else the nearest candidate before it ("Песков назвал …", "В Генштабе ВСУ заявили");
  in Korean the candidate marked by 은/는/이/가 outside the quoted clause ("…고 국정원이
  밝혔다", "국정원은 …고 밝혔다");
* an impersonal frame without a speaker: "것으로 알려졌다" -> unnamed reports, "것으로
  추정된다" -> unspecified estimates;
* a pronoun ("по его словам", "그는") takes the previous sentence's source, and so does a
  sentence that continues the previous one's figures ("из них", "이 가운데", "dont");
* "both parties" ("양국", "обе стороны", "ambos países") is Russia and the document's partner;
* a dateline ("Moscú, 17 jun. —") names where the story was filed, never who speaks.

Two candidates joined by "и", "y", "et", "und", "과/와" speak together ("Москва и Пхеньян
отрицают" -> "Russia and North Korea").
"""
from __future__ import annotations

from typing import Any

from ...model import Entity
from .engine import BOTH, KO_TAGS, Hit, Language, Sentence

__all__ = ["Source", "find_source"]

SPEAKER_PARTICLES = KO_TAGS["subject_marker"]  # 이/가 and 은/는
QUOTATIVE = ("다고", "라고", "ᆫ다고", "는다고", "냐고", "자고", "고")
PUNCT = {",", "—", "–", "«", "»", "\"", "“", "”", "„", ":", "(", ")"}


class Source:
    """The source of a sentence: entity, intermediary and the country that speaks."""

    def __init__(self, entity: Entity | None = None, via: str | None = None, country: str | None = None,
                 span: tuple[int, int] | None = None) -> None:
        self.entity, self.via, self.country, self.span = entity, via, country, span


def _country(ext: Language, what: str) -> str | None:
    return ext.actors.get(what, ("", None))[1]


def _candidates(ext: Language, sent: Sentence) -> list[Hit]:
    """Source-able mentions, a descriptive source winning over the names inside it."""
    named = [h for h in sent.actors if h.what in ext.actors]
    desc = [d for d in sent.cues.get("source", [])
            if not any(h.i <= d.i and d.j <= h.j and h.j - h.i > d.j - d.i for h in named)]  # "미 국방부"
    out = desc + [h for h in named if not any(d.i <= h.i and h.j <= d.j for d in desc)]
    line = _dateline_end(sent.toks)
    return sorted((h for h in out if h.i > line), key=lambda h: h.i)


def _dateline_end(toks: list[Any]) -> int:
    """The dash or "=" that closes a dateline ("Moscú, 17 jun. —", "(모스크바=한빛통신) 김서진
    특파원 =", "Washington/Brüssel –"): the place there is where the story was filed, not who
    speaks. -1 when the sentence has none."""
    dashes = [k for k, t in enumerate(toks[:12]) if t.text in ("—", "–", "=")]
    for k in reversed(dashes):
        head = toks[:k]
        if k <= 4 or any(t.text[:1].isdigit() or t.text in ("(", "/") for t in head):
            return k
    return -1


def _joined(ext: Language, sent: Sentence, cands: list[Hit], hit: Hit) -> Source:
    """The source ``hit`` names, with a coordinated partner ("Москва и Пхеньян")."""
    group = [hit]
    for other in cands:
        if other.i == hit.j + 1 and hit.j < len(sent.toks) and ext.is_and(sent.toks[hit.j]) or \
                other.j == hit.i - 1 and hit.i > 0 and ext.is_and(sent.toks[hit.i - 1]):
            group.append(other)
        elif ext.language == "ko" and other.i == hit.j + 1 and sent.toks[hit.j].text in ("과", "와", "·") or \
                ext.language == "ko" and other.j == hit.i - 1 and sent.toks[other.j].text in ("과", "와", "·"):
            group.append(other)
    group.sort(key=lambda h: h.i)
    names = list(dict.fromkeys(ext.actors[h.what][0] for h in group))
    if len(names) == 1:
        return Source(ext.entity(hit.what), country=_country(ext, hit.what), span=(hit.i, hit.j))
    country = next((c for h in group if (c := _country(ext, h.what))), None)
    return Source(Entity(" and ".join(names)), country=country, span=(group[0].i, group[-1].j))


def _is_media(ext: Language, hit: Hit) -> bool:
    return hit.what in ext.media


def find_source(ext: Language, sent: Sentence, state: dict[str, Any]) -> Source | None:
    """The sentence's source, or ``None`` for the outlet's own voice; remembers it in ``state``."""
    src = _find(ext, sent, state)
    cues = [h for g in ("say", "according", "estimate", "denial") for h in sent.cues.get(g, [])]
    if cues and (src is None or src.entity is not None and src.country in ext.partners
                 and not sent.has("denial")):
        # no frame fits the long sentence of a report: the named person or body nearest a cue
        named = [h for h in _candidates(ext, sent) if not h.what.startswith("country:")]
        if named:
            best = min(named, key=lambda h: min(abs(h.i - c.j) + abs(c.i - h.j) for c in cues))
            src = _joined(ext, sent, _candidates(ext, sent), best)
    if src is not None and src.entity is not None and src.entity.id == BOTH:
        partner = ext.actors.get(f"country:{state['partner']}", (state["partner"], None))[0]
        counterpart = ext.actors.get(f"country:{ext.counterpart}", (ext.counterpart, None))[0]
        src = Source(Entity(f"{counterpart} and {partner}"), src.via, state["partner"], src.span)
    if src is not None and src.entity is not None:
        state["source"] = src
    return src


def _find(ext: Language, sent: Sentence, state: dict[str, Any]) -> Source | None:
    cands = _candidates(ext, sent)
    toks = sent.toks
    after = ext.language != "ko"
    verbs = [h for g in ("say", "estimate", "denial") for h in sent.cues.get(g, [])]
    # citing: "со ссылкой на X" / "X를 인용해"
    for cue in sent.cues.get("citing", []):
        cited = _near(cands, cue, after, 8)
        if cited is not None:
            src = _joined(ext, sent, cands, cited)
            reporter = [h for h in cands if h is not cited and _is_media(ext, h)]
            if reporter:
                src.via = ext.actors[reporter[0].what][0]
            return src
    according = sent.cues.get("according", [])
    if state.get("source") is not None and any(0 <= p.i - a.j <= 1 for a in according
                                               for p in sent.cues.get("pronoun", [])):
        prev0: Source = state["source"]  # "По данным ведомства": the body just named
        return Source(prev0.entity, prev0.via, prev0.country)
    speaker = _speaker(ext, sent, cands, verbs) if verbs else None
    for cue in according:
        named = _near(cands, cue, after, 8)
        if named is None:
            continue
        src = _joined(ext, sent, cands, named)
        if speaker is not None and speaker.span != src.span and _is_media(ext, named):
            speaker.via = src.entity.name if src.entity else None  # "타스 등에 따르면 … 쇼이구는 말했다"
            return speaker
        return src
    if speaker is not None:
        return speaker
    if any(h.i <= 3 for h in sent.cues.get("continuation", [])) and state.get("prev_source") is not None:
        earlier: Source = state["prev_source"]  # "Из них …", "이 가운데 …": the same report goes on
        return Source(earlier.entity, earlier.via, earlier.country)
    if sent.has("pronoun") and (verbs or according) and state.get("source") is not None:
        prev: Source = state["source"]
        return Source(prev.entity, prev.via, prev.country)
    if verbs and any(h.what in ("estimate",) for h in verbs) or sent.has("impersonal_estimate"):
        if sent.has("impersonal_report"):
            return Source(Entity("unnamed reports"))
        if sent.has("impersonal_estimate"):
            return Source(Entity("unspecified estimates"))
    if sent.has("impersonal_report"):
        return Source(Entity("unnamed reports"))
    described = [d for d in sent.cues.get("source", []) if d.what != BOTH and not _oblique(ext, toks, d)
                 # a title: "главой МИД КНДР Цой"
                 and not any(a.i == d.j and a.what.startswith("person:") for a in sent.actors)]
    if described:  # "Nach ukrainischen Angaben …": a described source needs no verb
        return _joined(ext, sent, cands, described[0])
    return None


def _named_first(found: list[Hit]) -> list[Hit]:
    """A person, body or described source before a state named beside it ("министр обороны
    Южной Кореи Син Вон Сик" is Shin Won-sik, not South Korea)."""
    return [h for h in found if not h.what.startswith("country:")] or found


def _near(cands: list[Hit], cue: Hit, after: bool, window: int) -> Hit | None:
    if after:
        found = _named_first([h for h in cands if cue.j <= h.i <= cue.j + window])
        return min(found, key=lambda h: h.i) if found else None
    found = _named_first([h for h in cands if cue.i - window <= h.j <= cue.i])
    return max(found, key=lambda h: h.j) if found else None


def _speaker(ext: Language, sent: Sentence, cands: list[Hit], verbs: list[Hit]) -> Source | None:
    if ext.language == "ko":
        return _speaker_ko(ext, sent, cands, verbs)
    toks = sent.toks
    verbs = sorted(verbs, key=lambda h: h.i)
    inverted = [v for v in verbs if _inverted(toks, v)]
    verb = inverted[-1] if inverted else verbs[0]
    if _inverted(toks, verb):
        stop = next((k for k in range(verb.j, len(toks)) if toks[k].text in (",", ";", ".", "«", "\"")), len(toks))
        found = _named_first([h for h in cands if verb.j <= h.i < stop and h.i - verb.j <= 8
                              and not (ext.is_oblique(toks[h.i]) and toks[h.i - 1].lemma not in ("в", "во"))])
        if all(h.what.startswith("country:") for h in found) and stop < len(toks) and toks[stop].text == ",":
            # "anunció el secretario del Consejo de Seguridad ruso, Serguéi Shoigú": the name in apposition
            end = next((k for k in range(stop + 1, len(toks)) if toks[k].text in (",", ";", ".")), len(toks))
            found = [h for h in cands if stop < h.i < end and not h.what.startswith("country:")] or found
        if not found:
            return None
        src = _joined(ext, sent, cands, found[0])
        if _is_media(ext, found[0]):  # "Разведка оценивает …, пишет WSJ": the paper relays
            inner = [h for h in cands if h.j <= verb.i and not _is_media(ext, h) and not _oblique(ext, toks, h)
                     and any(v.i > h.i and v.what == "estimate" for v in verbs)]
            if inner:
                relayed = _joined(ext, sent, cands, _named_first(inner)[0])
                relayed.via = src.entity.name if src.entity else None
                return relayed
        return src
    start = max((k for k in range(verb.i) if toks[k].text in (";", ":", "«", "\"", "“", "„")), default=-1)
    found = [h for h in cands if start < h.i and h.j <= verb.i and verb.i - h.j <= 6 and not _oblique(ext, toks, h)]
    if found:
        return _joined(ext, sent, cands, found[-1])
    subject = [h for h in cands if start < h.i <= start + 2 and h.j <= verb.i and not _oblique(ext, toks, h)]
    if subject:  # "Der Kreml hat Berichte über … als Falschmeldung abgetan": the clause's subject
        return _joined(ext, sent, cands, subject[0])
    found = [h for h in cands if verb.j <= h.i <= verb.j + 3]  # "заявил во вторник Шойгу" without a comma
    return _joined(ext, sent, cands, found[0]) if found else None


def _inverted(toks: list[Any], verb: Hit) -> bool:
    """"…, заявил Шойгу", "…», a déclaré": a reporting verb right after the reported words."""
    k = verb.i - 1
    while k >= 0 and toks[k].text.lower() in ("a", "ha", "hat", "а", "ещё", "еще", "также", "aussi", "auch"):
        k -= 1
    return k >= 0 and toks[k].text in PUNCT


def _oblique(ext: Language, toks: list[Any], hit: Hit) -> bool:
    """A mention that cannot be the speaker: the object of a preposition other than "в"."""
    if hit.i == 0:
        return False
    prev = toks[hit.i - 1].lemma
    return prev in ext.lex_preps


def _speaker_ko(ext: Language, sent: Sentence, cands: list[Hit], verbs: list[Hit]) -> Source | None:
    toks = sent.toks
    final = max(verbs, key=lambda h: h.i)
    quote_end = max((k for k in range(final.i)
                     if toks[k].tag in KO_TAGS["connective_ending"] and toks[k].text in QUOTATIVE), default=-1)
    marked = [h for h in cands if _marked(toks, h)]
    if quote_end < 0 and sent.has("impersonal_report", "impersonal_estimate") and not sent.has("according"):
        return None  # "북한은 … 보낸 것으로 알려졌다": the topic is the actor, nobody speaks
    inside = [h for h in marked if quote_end < h.i < final.i]
    if not inside and quote_end >= 0:
        unknown = _unlisted_subject(toks, quote_end, final.i)
        if unknown is not None:  # "…고 일본 요미우리신문이 보도했다": a speaker the lexicon lacks
            return unknown
    if inside:
        last = _particle(toks, inside[-1])
        return _joined(ext, sent, cands, _named_first([h for h in inside if _particle(toks, h) == last])[0])
    if quote_end >= 0:  # "국정원은 … 보냈다고 밝혔다": the topic before the quote
        topic = [h for h in marked if h.j <= quote_end and toks[_particle(toks, h)].tag in KO_TAGS["topic_marker"]]
        if topic:
            first = _particle(toks, topic[0])
            return _joined(ext, sent, cands, _named_first([h for h in topic if _particle(toks, h) == first])[0])
        return _unlisted_subject(toks, -1, min(quote_end, 6), ("은", "는"))  # "정부 소식통은 …고 전했다"
    if final.what == "estimate" and any(t.tag.startswith("XSV") and t.text in ("되",)
                                        for t in toks[final.j:final.j + 2]):
        return None  # "추정된다": impersonal
    if sent.has("impersonal_report", "impersonal_estimate"):
        return None  # "북한은 … 보낸 것으로 알려졌다": the topic is the actor, nobody speaks
    topic = [h for h in marked if h.j <= final.i and toks[_particle(toks, h)].tag in KO_TAGS["topic_marker"]]
    return _joined(ext, sent, cands, topic[0]) if topic else None


def _unlisted_subject(toks: list[Any], start: int, end: int,
                      particles: tuple[str, ...] = ("이", "가", "은", "는")) -> Source | None:
    """The noun phrase marked 이/가/은/는 between a quotative ending and the reporting verb,
    named by its own words when no lexicon entry covers it ("미국의소리 방송이 전했다")."""
    for k in range(start + 1, end):
        if toks[k].tag in SPEAKER_PARTICLES and toks[k].text in particles:
            first = k
            while first - 1 > start and toks[first - 1].tag in KO_TAGS["noun_phrase"]:
                first -= 1
            words = [t.text for t in toks[first:k] if t.tag != "JKG"]
            if words and any(t.tag in KO_TAGS["name_word"] or len(t.text) > 1 for t in toks[first:k]):
                return Source(Entity(" ".join(words)), span=(first, k))
            return None
    return None


def _particle(toks: list[Any], hit: Hit) -> int:
    k = hit.j
    while k < len(toks) and k - hit.j < 6 and toks[k].tag in KO_TAGS["title_noun"]:
        k += 1
    return min(k, len(toks) - 1)


def _marked(toks: list[Any], hit: Hit) -> bool:
    """A mention followed (after title nouns: "신원식 국방부 장관은") by 은/는/이/가."""
    k = _particle(toks, hit)
    return k < len(toks) and toks[k].tag in SPEAKER_PARTICLES
