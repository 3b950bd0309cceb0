"""Claims without a stated number: kind nouns with a trigger verb ("North Korean troops are
fighting in Kursk"), arms talk ("deny any arms deals"), meetings, treaties and Russian help
to its partners ("Russia has been training North Korean soldiers").
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Claim, Entity, Quantity
from .dates import DateMatch
from .mentions import Mention
from .modality import verb_chain

if TYPE_CHECKING:
    from .english import EnglishRules, SentCtx

__all__ = ["frame_claims"]

_GENERIC_KIND_NOUNS = {"people", "personnel", "north koreans", "contingent", "employees", "civilians", "rounds",
                       "killed", "dead", "wounded", "injured", "casualties", "deaths", "entries", "troop",
                       "container", "containers", "worker", "builder", "soldier", "people killed", "units"}
_ARMS_WORDS = re.compile(r"\b(?:arms|weapons|munitions|ammunition|arming|arm)\b", re.IGNORECASE)


def _partner_attached(rules: EnglishRules, ctx: SentCtx, kind_m: Mention, verb: Token) -> Mention | None:
    np = kind_m.span.root
    lo = min(t.i for t in np.subtree)
    for p in ctx.partners:
        if lo <= p.start < kind_m.end:
            return p
    if any(t.lower_ in ("its", "their") for t in np.children) and ctx.partners:
        return ctx.partners[0]
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent", "prep", "dobj", "dative"):
            for p in ctx.partners:
                if child.left_edge.i <= p.start <= child.right_edge.i:
                    if child.dep_ == "prep" and child.lower_ not in ("from", "by"):
                        continue
                    return p
    return None


def frame_claims(rules: EnglishRules, ctx: SentCtx, kinds: list[Mention], used: set[int], existing: list[Claim],
                 ctx_partner: Mention | None, ctx_russia: bool, dates: list[DateMatch], last_person: Entity | None,
                 all_mentions: list[Mention]) -> list[Claim]:
    out: list[Claim] = []
    lex = rules.lexicon
    trig = lex.triggers
    sent = ctx.sent
    have_types = {c.type for c in existing}
    russia_ok = bool(ctx.russia) or ctx_russia

    # kind nouns without a number: partner and Russia both named in the sentence
    if ctx.partners and ctx.russia:
        grouped: dict[str, tuple[list[str], Token, Mention]] = {}
        for m in kinds:
            if m.start in used or m.kind is None or m.span.text.lower() in _GENERIC_KIND_NOUNS:
                continue
            if m.kind.type not in ("troop_deployment", "labor_dispatch", "arms_transfer"):
                continue
            if rules._foreign_owner(ctx, m, None):
                continue
            if m.span.root.dep_ == "compound" and m.span.root.head.lower_ not in ("shipments", "shipment", "deliveries"):
                continue
            verb = rules._governing_verb(m.span.root)
            chain = verb_chain(m.span.root, None)
            lemmas = {t.lemma_.lower() for t in chain} | {verb.lemma_.lower()}
            ctype = m.kind.type
            words = trig.get("arms_verbs" if ctype == "arms_transfer" else "deploy_verbs", set()) | \
                {"deny", "dismiss", "reject", "call", "accuse", "confirm", "acknowledge", "admit"}
            if not lemmas & words and not re.search(r"\breports?\b", sent.text, re.IGNORECASE):
                continue
            partner = _partner_attached(rules, ctx, m, verb)
            if partner is None and ctype == "arms_transfer":
                partner = ctx.partners[0]
            if partner is None:
                continue
            if ctype == "labor_dispatch" and m.kind.kind == "workers" and lemmas & {"work", "employ"}:
                ctype = "workers_present"
            if ctype in have_types:
                continue
            entry = grouped.setdefault(ctype, ([], m.span.root, partner))
            if m.kind.kind not in entry[0]:
                entry[0].append(m.kind.kind)
        for ctype, (kind_names, anchor, partner) in grouped.items():
            place, target = rules.destination(ctx, ctype)
            claim = Claim(type=ctype, actor=rules._country_entity(partner.country), target=target, location=place,
                          quantity=Quantity(None, "; ".join(kind_names), None, None))
            out.append(rules.finish(ctx, claim, anchor, dates, last_person, all_mentions))
            have_types.add(ctype)

    # arms talk without a kind noun ("deny any arms deals", "selling weapons to Russia")
    if "arms_transfer" not in have_types and ctx.partners and russia_ok:
        for tok in sent:
            if _ARMS_WORDS.fullmatch(tok.text) and tok.pos_ in ("NOUN", "VERB"):
                chain = verb_chain(tok, None)
                lemmas = {t.lemma_.lower() for t in chain}
                if lemmas & (trig.get("arms_verbs", set()) | {"deny", "dismiss", "reject", "trade", "sell", "arm"}):
                    place, target = rules.destination(ctx, "arms_transfer")
                    partner = ctx.partners[0]
                    claim = Claim(type="arms_transfer", actor=rules._country_entity(partner.country), target=target,
                                  quantity=None)
                    out.append(rules.finish(ctx, claim, tok, dates, last_person, all_mentions))
                    have_types.add("arms_transfer")
                    break

    # meetings between named officials of the two sides
    meet = [t for t in sent if t.lemma_.lower() in trig.get("meeting_verbs", set()) and t.pos_ == "VERB"
            or t.lower_ in trig.get("meeting_nouns", set()) or t.lower_ == "sat"]
    if meet:
        people: list[Entity] = []
        countries: list[str | None] = []
        for m in ctx.mentions:
            if m.actor and m.actor.category == "person" and m.actor.name not in [p.name for p in people]:
                people.append(Entity(m.actor.name, m.actor.id))
                countries.append(m.actor.country)
        if len(people) == 1 and last_person and last_person.name != people[0].name and re.search(
                r"\b(?:he|she)\b", sent.text, re.IGNORECASE):
            actor = lex.aliases.get(last_person.name)
            people.insert(0, last_person)
            countries.insert(0, actor.country if actor else None)
        roles = [lex.role_of(c) for c in countries]
        if "partner" in roles and "counterpart" in roles:
            a = min(roles.index("partner"), roles.index("counterpart"))
            b = max(roles.index("partner"), roles.index("counterpart"))
            pair = [people[a], people[b]]
            # the person met ("talks with Kim", "met Kim", "received by Kim") is the target
            for m in ctx.mentions:
                if m.actor and m.actor.category == "person" and m.actor.name in (pair[0].name, pair[1].name):
                    head = m.span.root.head
                    if m.span.root.dep_ == "pobj" and head.lower_ in ("with", "by") or \
                            m.span.root.dep_ == "dobj" and head.lemma_.lower() == "meet":
                        if m.actor.name == pair[0].name:
                            pair.reverse()
                        break
            verb = meet[0]
            claim = Claim(type="meeting", actor=pair[0], target=pair[1])
            out.append(rules.finish(ctx, claim, verb, dates, last_person, all_mentions, outlet_voice=True))

    # treaties and agreements between the partner and Russia
    nouns = trig.get("agreement_nouns", set())
    agree = [t for t in sent if t.lemma_.lower() in nouns]
    signs = [t for t in sent if t.lemma_.lower() in trig.get("agreement_verbs", set()) and t.pos_ == "VERB"]
    if agree and signs and "agreement" not in have_types:
        if not any(t.lemma_.lower() == "enter" for t in signs) or re.search(r"\binto force\b", sent.text):
            parties = [m for m in ctx.mentions if m.category == "actor" and rules._role(m) in ("partner", "counterpart")]
            roles = {rules._role(m) for m in parties}
            first = parties[0] if parties else None
            if roles == {"partner", "counterpart"} or (first is not None and (ctx_partner or ctx_russia) and
                                                       re.search(r"\b(?:he|she|it)\b", sent.text)):
                assert first is not None
                subject = [m for m in parties if any(a.dep_ == "nsubj" and a.head == signs[0]
                                                     for a in [m.span.root, *m.span.root.ancestors])]
                if subject:
                    first = subject[0]
                if roles == {"partner", "counterpart"}:
                    other = next(m for m in parties if rules._role(m) != rules._role(first))
                    other_code = other.country
                else:
                    other_code = ctx_partner.country if rules._role(first) == "counterpart" and ctx_partner else "RU"
                claim = Claim(type="agreement", actor=rules._country_entity(first.country),
                              target=rules._country_entity(other_code))
                out.append(rules.finish(ctx, claim, signs[0], dates, last_person, all_mentions, outlet_voice=True))

    # Russian help to the partner: training, technology, assistance
    if ctx.partners and ctx.russia and "other" not in have_types and not agree:
        for tok in sent:
            lem = tok.lemma_.lower()
            helpful = lem in ("train", "share") and any(c.dep_ == "dobj" for c in tok.children) or \
                tok.lower_ in ("help", "assistance", "technology") and tok.pos_ == "NOUN"
            if helpful:
                partner = ctx.partners[0]
                claim = Claim(type="other", actor=rules._country_entity("RU"),
                              target=rules._country_entity(partner.country))
                out.append(rules.finish(ctx, claim, tok, dates, last_person, all_mentions))
                break
    return out
