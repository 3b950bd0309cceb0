"""Claims without a stated number: kind nouns with a trigger verb ("North Korean troops are
fighting in Kursk"), arms talk ("deny any arms deals"), meetings, treaties and Russian help
to its partners ("Russia has been training North Korean soldiers").
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...model import Claim, Entity, Quantity
from ..dates import DateMatch
from .rules import UKRAINE_FRONT as _UKRAINE_FRONT
from .interactions import term_years as _term_years
from .mentions import Mention
from .modality import verb_chain

if TYPE_CHECKING:
    from .rules import EnglishRules, SentCtx

__all__ = ["frame_claims"]

_GENERIC_KIND_NOUNS = {"people", "personnel", "north koreans", "contingent", "employees", "civilians", "rounds",
                       "killed", "dead", "wounded", "injured", "casualties", "deaths", "entries", "troop",
                       "container", "containers", "worker", "builder", "soldier", "people killed", "units"}
_ARMS_WORDS = re.compile(r"\b(?:arms|weapons|munitions|ammunition|arming|arm)\b", re.IGNORECASE)


#: generic nouns that count people of the partner when its demonym modifies them ("North Korean units")
_OWNED_BY_DEMONYM = {"units", "personnel", "contingent"}


def _demonym_owned(ctx: SentCtx, kind_m: Mention) -> bool:
    return any(p.actor is not None and p.actor.adjective and p.end <= kind_m.start and
               p.span.root.head == kind_m.span.root and p.span.root.dep_ in ("amod", "compound", "nmod")
               for p in ctx.partners)


def _partner_attached(rules: EnglishRules, ctx: SentCtx, kind_m: Mention, verb: Token) -> Mention | None:
    np = kind_m.span.root
    lo = min(t.i for t in np.subtree)
    for p in ctx.partners:
        if lo <= p.start < kind_m.end:
            return p
    if any(t.lower_ in ("its", "their") for t in np.children) and ctx.partners:
        return ctx.partners[0]
    # the verb's own arguments, then those of the verbs it complements ("North Korea could begin sending ...")
    verbs = [verb]
    while verbs[-1].dep_ in ("xcomp", "conj") and verbs[-1].head != verbs[-1] and len(verbs) < 4:
        verbs.append(verbs[-1].head)
    if verb.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who", "that")
                                    for c in verb.children):
        for p in ctx.partners:  # "Pyongyang, which sent troops to Kursk": the antecedent acts
            if p.start <= verb.head.i < p.end:
                return p
    for v in verbs:
        for child in v.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent", "prep", "dobj", "dative"):
                for p in ctx.partners:
                    if child.left_edge.i <= p.start <= child.right_edge.i:
                        if child.dep_ == "prep" and child.lower_ not in ("from", "by"):
                            continue
                        return p
    return None


def frame_claims(rules: EnglishRules, ctx: SentCtx, kinds: list[Mention], used: set[int], existing: list[Claim],
                 ctx_partner: Mention | None, ctx_russia: bool, dates: list[DateMatch], last_person: Entity | None,
                 all_mentions: list[Mention], covered: frozenset[str] = frozenset()) -> list[Claim]:
    out: list[Claim] = []
    lex = rules.lexicon
    trig = lex.triggers
    sent = ctx.sent
    have_types = {c.type for c in existing}
    russia_ok = bool(ctx.russia) or ctx_russia

    # kind nouns without a number: partner and Russia both named in the sentence (or, for troops,
    # Ukraine as the place they are said to be: "no North Korean troops on Ukrainian territory")
    front = bool(_UKRAINE_FRONT.search(sent.text))
    if ctx.partners and (ctx.russia or front):
        grouped: dict[str, tuple[list[str], Token, Mention]] = {}
        for m in kinds:
            if m.start in used or m.kind is None:
                continue
            if m.span.text.lower() in _GENERIC_KIND_NOUNS and not (
                    m.span.text.lower() in _OWNED_BY_DEMONYM and _demonym_owned(ctx, m)):
                continue
            if m.kind.type not in ("troop_deployment", "labor_dispatch", "arms_transfer"):
                continue
            if not ctx.russia and m.kind.type != "troop_deployment":
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
            if _trained_by_russia(rules, ctx, m):
                continue  # "Russia has been training North Korean soldiers": training (other), not a deployment
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
            if ctype == "labor_dispatch" and {"sappers", "construction workers"} <= set(kind_names):
                kind_names = ["workers"]  # "builders and deminers": the contingent as a whole
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

    # the interaction frames (extract/en/interactions.py) read the parse first; what they leave, the
    # co-occurrence rules below still find (wire copy's long sentences defeat the small parser)
    # meetings between named officials of the two sides
    meet = [t for t in sent if t.lemma_.lower() in trig.get("meeting_verbs", set()) and t.pos_ == "VERB"
            or t.lower_ in trig.get("meeting_nouns", set()) or t.lower_ == "sat"]
    if meet and "meeting" not in covered:
        people: list[Entity] = []
        countries: list[str | None] = []
        for m in ctx.mentions:
            if m.actor and m.actor.category == "person" and m.actor.name not in [p.name for p in people]:
                people.append(Entity(m.actor.name, m.actor.id))
                countries.append(m.actor.country)
        if len(people) < 2 and re.search(r"\b(?:the two|both) (?:leaders|men|presidents|ministers|officials|sides)\b",
                                         sent.text, re.IGNORECASE):
            people, countries = _earlier_pair(rules, ctx, all_mentions) or (people, countries)
        elif len(people) == 1 and last_person and last_person.name != people[0].name and re.search(
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
                    if m.span.root.dep_ == "pobj" and (head.lower_ == "with" or head.lower_ == "by" and
                                                       head.head.lemma_.lower() in trig.get("meeting_verbs", set())) or \
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
    if agree and signs and "agreement" not in have_types and "agreement" not in covered:
        if not any(t.lemma_.lower() == "enter" for t in signs) or re.search(r"\binto force\b", sent.text):
            parties = _agreement_parties(rules, ctx, signs[0], ctx_partner, ctx_russia, last_person)
            if parties is not None:
                term = _term_years(sent.text, nouns)
                claim = Claim(type="agreement", actor=rules._country_entity(parties[0]),
                              target=rules._country_entity(parties[1]), quantity=term)
                out.append(rules.finish(ctx, claim, signs[0], dates, last_person, all_mentions, outlet_voice=True))

    # Russian help to the partner: training, technology, assistance
    if ctx.partners and ctx.russia and "other" not in have_types and not agree and "meeting" not in covered:
        for tok in sent:
            lem = tok.lemma_.lower()
            helpful = lem in ("train", "share") and any(c.dep_ == "dobj" for c in tok.children) or \
                tok.lower_ in ("help", "assistance", "technology") and tok.pos_ == "NOUN" and not _characterised(tok) \
                and not _partner_gives(ctx, tok)
            if helpful:
                partner = ctx.partners[0]
                claim = Claim(type="other", actor=rules._country_entity(lex.counterpart),
                              target=rules._country_entity(partner.country))
                out.append(rules.finish(ctx, claim, tok, dates, last_person, all_mentions))
                break
    return out


_FRAMING = {"call", "describe", "present", "term", "characterise", "characterize", "portray", "hail", "label", "cast",
            "bill", "style", "see", "view"}


def _characterised(tok: Token) -> bool:
    """"calling it fraternal assistance", "presented as brotherly help": a word that characterises
    another act, not help given."""
    head = tok.head
    if tok.dep_ in ("oprd", "attr", "dobj", "xcomp", "ccomp") and head.lemma_.lower() in _FRAMING:
        return True
    return tok.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in _FRAMING


def _partner_gives(ctx: SentCtx, tok: Token) -> bool:
    """"with Tehran's help", "assistance from North Korea": the partner helps Russia, not the reverse."""
    for child in tok.children:
        if child.dep_ == "poss" or child.dep_ == "prep" and child.lower_ == "from":
            if any(child.left_edge.i <= p.start <= child.right_edge.i for p in ctx.partners):
                return True
    return False


def _trained_by_russia(rules: EnglishRules, ctx: SentCtx, m: Mention) -> bool:
    """The kind noun is what Russia trains or equips ("Russia is training North Korean troops")."""
    head = m.span.root
    verb = head.head
    if head.dep_ != "dobj" or verb.lemma_.lower() not in ("train", "drill", "instruct", "equip", "arm"):
        return False
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(r.start in {t.i for t in s.subtree} for s in subj for r in ctx.russia)


def _agreement_parties(rules: EnglishRules, ctx: SentCtx, sign: Token, ctx_partner: Mention | None, ctx_russia: bool,
                       last_person: Entity | None) -> tuple[str, str] | None:
    """(actor, counterpart) country codes of a treaty: the signing subject first ("Putin and Kim signed",
    "the treaty Moscow concluded with North Korea", "the treaty he signed with Russia"); when the
    clause names no signer ("the two countries, which signed", "their treaty, which entered into
    force"), the partner state and Russia."""
    lex = rules.lexicon
    parties = [m for m in ctx.mentions if m.category == "actor" and rules._role(m) in ("partner", "counterpart")]
    codes: list[str] = []
    subjects = [c for c in sign.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subj in subjects:
        for m in parties:
            if subj.left_edge.i <= m.start <= subj.right_edge.i and m.country and m.country not in codes:
                codes.append(m.country)
        if not codes and subj.lower_ in ("he", "she") and last_person is not None:
            actor = lex.aliases.get(last_person.name)
            if actor and actor.country and lex.role_of(actor.country) in ("partner", "counterpart"):
                codes.append(actor.country)
    named_signer = bool(codes)
    for m in parties:  # the other side: "with Russia", or any party the sentence names
        if m.country and m.country not in codes and (not codes or lex.role_of(m.country) != lex.role_of(codes[0])):
            codes.append(m.country)
    roles = [lex.role_of(c) for c in codes]
    if "partner" in roles and "counterpart" in roles and not named_signer and subjects:
        return next(c for c in codes if lex.role_of(c) == "partner"), lex.counterpart  # "their treaty, which entered into force"
    if "partner" in roles and "counterpart" in roles:
        a, b = codes[0], next(c for c in codes if lex.role_of(c) != roles[0])
        return a, b
    partner = next((c for c in codes if lex.role_of(c) == "partner"), None) or (ctx_partner.country if ctx_partner else None)
    russia = lex.counterpart if ("counterpart" in roles or ctx_russia or ctx.russia) else None
    if partner is None or russia is None:
        return None
    if codes and not re.search(r"\b(?:two|both|their|they|he|she|it|which|each)\b", ctx.sent.text, re.IGNORECASE):
        return None  # one side named, the other neither named nor referred to
    if codes and lex.role_of(codes[0]) == "counterpart" and any(s.dep_ == "nsubj" for s in subjects):
        return lex.counterpart, partner
    return partner, lex.counterpart


def _earlier_pair(rules: EnglishRules, ctx: SentCtx, all_mentions: list[Mention]) -> tuple[list[Entity], list[str | None]] | None:
    """"The two leaders met ...": the partner's and Russia's people named last before the sentence,
    first-named first."""
    before = [m for m in all_mentions if m.start < ctx.sent.start and m.actor and m.actor.category == "person"]
    picked: dict[str, Mention] = {}
    for m in reversed(before):
        role = rules._role(m)
        if role in ("partner", "counterpart") and role not in picked:
            picked[role] = m
        if len(picked) == 2:
            break
    if len(picked) < 2:
        return None
    pair = sorted(picked.values(), key=lambda m: m.start)
    return [Entity(m.actor.name, m.actor.id) for m in pair if m.actor], [m.country for m in pair]
