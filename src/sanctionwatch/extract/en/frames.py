"""Claims without a stated number: kind nouns with a trigger verb ("North Korean troops are
fighting in Kursk"), arms talk ("deny any arms deals"), meetings, treaties and Russian help
to its partners ("Russia has been training North Korean soldiers").

The frames read one ``Sentence`` (sentence.py) and ask the rules through it; they import nothing
of the rules.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ...model import Claim, Entity, Quantity
from .interactions import term_years as _term_years
from .mentions import Mention
from .modality import verb_chain
from .sentence import Sentence

__all__ = ["frame_claims"]

_GENERIC_KIND_NOUNS = {"people", "personnel", "north koreans", "contingent", "employees", "civilians", "rounds",
                       "killed", "dead", "wounded", "injured", "casualties", "deaths", "entries", "troop",
                       "container", "containers", "worker", "builder", "soldier", "people killed", "units"}
_ARMS_WORDS = re.compile(r"\b(?:arms|weapons|munitions|ammunition|arming|arm)\b", re.IGNORECASE)
#: the claim types a kind noun without a number can state
_KIND_NOUN_TYPES = ("troop_deployment", "labor_dispatch", "arms_transfer")
#: verbs that state or dispute a deployment or a delivery besides the pack's trigger verbs
_TALK_VERBS = {"deny", "dismiss", "reject", "call", "accuse", "confirm", "acknowledge", "admit"}
_TWO_SIDES = re.compile(r"\b(?:the two|both) (?:leaders|men|presidents|ministers|officials|sides)\b", re.IGNORECASE)


#: generic nouns that count people of the partner when its demonym modifies them ("North Korean units")
_OWNED_BY_DEMONYM = {"units", "personnel", "contingent"}


def _demonym_owned(s: Sentence, kind_m: Mention) -> bool:
    """The partner owns the generic noun: its demonym modifies it ("North Korean units") or an
    of-phrase names it ("units of the Korean People's Army")."""
    root = kind_m.span.root
    return any(p.actor is not None and p.actor.adjective and p.end <= kind_m.start and
               p.span.root.head == root and p.span.root.dep_ in ("amod", "compound", "nmod")
               or _of_phrase_of(p, root)
               for p in s.partners)


def _of_phrase_of(p: Mention, noun: Token) -> bool:
    """``p`` is the object of an "of" that modifies ``noun`` ("units of the KPA")."""
    head = p.span.root.head
    return p.span.root.dep_ == "pobj" and head.lower_ == "of" and head.head == noun


def _partner_attached(s: Sentence, kind_m: Mention, verb: Token) -> Mention | None:
    np = kind_m.span.root
    lo = min(t.i for t in np.subtree)
    for p in s.partners:
        if lo <= p.start < kind_m.end:
            return p
    if any(t.lower_ in ("its", "their") for t in np.children) and s.partners:
        return s.partners[0]
    # the verb's own arguments, then those of the verbs it complements ("North Korea could begin sending ...")
    verbs = [verb]
    while verbs[-1].dep_ in ("xcomp", "conj") and verbs[-1].head != verbs[-1] and len(verbs) < 4:
        verbs.append(verbs[-1].head)
    if verb.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who", "that")
                                    for c in verb.children):
        for p in s.partners:  # "Pyongyang, which sent troops to Kursk": the antecedent acts
            if p.start <= verb.head.i < p.end:
                return p
    for v in verbs:
        for child in v.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent", "prep", "dobj", "dative"):
                for p in s.partners:
                    if child.left_edge.i <= p.start <= child.right_edge.i:
                        if child.dep_ == "prep" and child.lower_ not in ("from", "by"):
                            continue
                        return p
    return None


def frame_claims(s: Sentence, kinds: list[Mention], used: set[int], existing: list[Claim],
                 covered: frozenset[str] = frozenset()) -> list[Claim]:
    """The claims without a number of one sentence, in this order: kind nouns, arms talk, meetings,
    agreements, Russian help.  ``kinds`` are the sentence's kind mentions and ``used`` the starts of
    those a number already counted; a type among the sentence's ``existing`` claims is not stated
    again, nor a meeting or agreement the interaction frames ``covered``."""
    have = {c.type for c in existing}
    out = _kind_noun_claims(s, kinds, used, have)
    out += _arms_talk_claims(s, have)
    # the interaction frames (extract/en/interactions.py) read the parse first; what they leave, the
    # co-occurrence rules below still find (wire copy's long sentences defeat the small parser)
    out += _meeting_claims(s, covered)
    out += _agreement_claims(s, have, covered)
    out += _help_claims(s, have, covered)
    return out


# -- kind nouns without a number ------------------------------------------------------------------

def _kind_noun_claims(s: Sentence, kinds: list[Mention], used: set[int], have: set[str]) -> list[Claim]:
    """Kind nouns without a number, one claim per type: partner and Russia both named in the sentence
    (or, for troops, Ukraine as the place they are said to be: "no North Korean troops on Ukrainian
    territory").  Adds the types it states to ``have``."""
    if not (s.partners and (s.russia or s.names_front())):
        return []
    grouped: dict[str, tuple[list[str], Token, Mention]] = {}
    for m in kinds:
        found = _kind_noun_frame(s, m, used)
        if found is None or found[0] in have:
            continue
        ctype, kind_name, partner = found
        entry = grouped.setdefault(ctype, ([], m.span.root, partner))
        if kind_name not in entry[0]:
            entry[0].append(kind_name)
    out = []
    for ctype, (kind_names, anchor, partner) in grouped.items():
        if ctype == "labor_dispatch" and {"sappers", "construction workers"} <= set(kind_names):
            kind_names = ["workers"]  # "builders and deminers": the contingent as a whole
        place, target = s.destination(ctype)
        claim = Claim(type=ctype, actor=s.country(partner.country), target=target, location=place,
                      quantity=Quantity(None, "; ".join(kind_names), None, None))
        out.append(s.finish(claim, anchor))
        if ctype == "troop_deployment" and _in_combat(s, anchor):
            s.vouch(claim)
        have.add(ctype)
    return out


def _kind_noun_frame(s: Sentence, m: Mention, used: set[int]) -> tuple[str, str, Mention] | None:
    """(claim type, kind, partner) a kind noun without a number states, or None."""
    if m.start in used or m.kind is None or m.kind.type not in _KIND_NOUN_TYPES:
        return None
    if not _counts_partner_things(s, m) or s.foreign_owner(m) or _modifies_other_noun(m):
        return None
    if not s.russia and m.kind.type != "troop_deployment":
        return None
    verb = s.governing_verb(m.span.root)
    lemmas = {t.lemma_.lower() for t in verb_chain(m.span.root, None)} | {verb.lemma_.lower()}
    if _takes_part(verb):
        lemmas.add("participate")
    ctype = m.kind.type
    if not _stated(s, ctype, lemmas) or _trained_by_russia(s, m):
        return None  # "Russia has been training North Korean soldiers": training (other), not a deployment
    partner = _partner_attached(s, m, verb)
    if partner is None and ctype == "arms_transfer":
        partner = s.partners[0]
    if partner is None:
        return None
    if ctype == "labor_dispatch" and m.kind.kind == "workers" and lemmas & {"work", "employ"}:
        ctype = "workers_present"
    return ctype, m.kind.kind, partner


def _in_combat(s: Sentence, noun: Token) -> bool:
    """The troops noun is the subject or object of a verb of combat or dispatch (the pack's
    ``combat_verbs``: "units of the KPA took part in the operations", "sent its soldiers")."""
    verb = noun.head
    combat = s.lexicon.triggers.get("combat_verbs", set())
    return noun.dep_ in ("nsubj", "nsubjpass", "dobj") and (
        verb.lemma_.lower() in combat or "participate" in combat and _takes_part(verb))


def _takes_part(verb: Token) -> bool:
    """The light-verb phrase "take part (in)", which means "participate"."""
    return verb.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


def _counts_partner_things(s: Sentence, m: Mention) -> bool:
    """A specific kind noun ("troops", "shells"), or a generic one the partner's demonym owns
    ("North Korean units"); not "people" or "casualties"."""
    text = m.span.text.lower()
    return text not in _GENERIC_KIND_NOUNS or text in _OWNED_BY_DEMONYM and _demonym_owned(s, m)


def _modifies_other_noun(m: Mention) -> bool:
    """The kind noun modifies another noun ("troop rotation"), except a shipment of it ("shell deliveries")."""
    return m.span.root.dep_ == "compound" and m.span.root.head.lower_ not in ("shipments", "shipment", "deliveries")


def _stated(s: Sentence, ctype: str, lemmas: set[str]) -> bool:
    """A verb of the kind noun's chain states (or disputes) a deployment or delivery, or the sentence
    speaks of reports."""
    words = s.lexicon.triggers.get("arms_verbs" if ctype == "arms_transfer" else "deploy_verbs", set()) | _TALK_VERBS
    return bool(lemmas & words) or bool(re.search(r"\breports?\b", s.text, re.IGNORECASE))


# -- arms talk, meetings, agreements, help -------------------------------------------------------

def _arms_talk_claims(s: Sentence, have: set[str]) -> list[Claim]:
    """Arms talk without a kind noun ("deny any arms deals", "selling weapons to Russia"), the partner
    named in the sentence and Russia in it or before.  Adds "arms_transfer" to ``have``."""
    if "arms_transfer" in have or not s.partners or not (s.russia or s.russia_before):
        return []
    verbs = s.lexicon.triggers.get("arms_verbs", set()) | {"deny", "dismiss", "reject", "trade", "sell", "arm"}
    for tok in s.span:
        if _ARMS_WORDS.fullmatch(tok.text) and tok.pos_ in ("NOUN", "VERB") and \
                {t.lemma_.lower() for t in verb_chain(tok, None)} & verbs:
            place, target = s.destination("arms_transfer")
            claim = Claim(type="arms_transfer", actor=s.country(s.partners[0].country), target=target, quantity=None)
            have.add("arms_transfer")
            return [s.finish(claim, tok)]
    return []


def _meeting_claims(s: Sentence, covered: frozenset[str]) -> list[Claim]:
    """A meeting between named officials of the two sides, the person met as the target."""
    meet_verbs = s.lexicon.triggers.get("meeting_verbs", set())
    meet = [t for t in s.span if t.lemma_.lower() in meet_verbs and t.pos_ == "VERB"
            or t.lower_ in s.lexicon.triggers.get("meeting_nouns", set()) or t.lower_ == "sat"]
    if not meet or "meeting" in covered:
        return []
    people, countries = _meeting_people(s)
    roles = [s.lexicon.role_of(c) for c in countries]
    if "partner" not in roles or "counterpart" not in roles:
        return []
    a = min(roles.index("partner"), roles.index("counterpart"))
    b = max(roles.index("partner"), roles.index("counterpart"))
    pair = _met_last(s, [people[a], people[b]], meet_verbs)
    return [s.finish(Claim(type="meeting", actor=pair[0], target=pair[1]), meet[0], outlet_voice=True)]


def _meeting_people(s: Sentence) -> tuple[list[Entity], list[str | None]]:
    """The people of a meeting and their countries: those the sentence names, "the two leaders"
    named before it, or "he" for the person named last."""
    people: list[Entity] = []
    countries: list[str | None] = []
    for m in s.mentions:
        if m.actor and m.actor.category == "person" and m.actor.name not in [p.name for p in people]:
            people.append(Entity(m.actor.name, m.actor.id))
            countries.append(m.actor.country)
    last = s.last_person
    if len(people) < 2 and _TWO_SIDES.search(s.text):
        return _earlier_pair(s) or (people, countries)
    if len(people) == 1 and last and last.name != people[0].name \
            and re.search(r"\b(?:he|she)\b", s.text, re.IGNORECASE):
        actor = s.lexicon.aliases.get(last.name)
        people.insert(0, last)
        countries.insert(0, actor.country if actor else None)
    return people, countries


def _met_last(s: Sentence, pair: list[Entity], meet_verbs: set[str]) -> list[Entity]:
    """The pair with the person met ("talks with Kim", "met Kim", "received by Kim") second, as the target."""
    for m in s.mentions:
        if m.actor and m.actor.category == "person" and m.actor.name in (pair[0].name, pair[1].name):
            root = m.span.root
            head = root.head
            if root.dep_ == "pobj" and (head.lower_ == "with" or head.lower_ == "by" and
                                        head.head.lemma_.lower() in meet_verbs) or \
                    root.dep_ == "dobj" and head.lemma_.lower() == "meet":
                if m.actor.name == pair[0].name:
                    pair.reverse()
                break
    return pair


def _agreement_nouns(s: Sentence) -> list[Token]:
    """The words of the sentence that name a treaty or an agreement."""
    nouns = s.lexicon.triggers.get("agreement_nouns", set())
    return [t for t in s.span if t.lemma_.lower() in nouns]


def _agreement_claims(s: Sentence, have: set[str], covered: frozenset[str]) -> list[Claim]:
    """A treaty or agreement the partner and Russia signed (or that entered into force)."""
    sign_verbs = s.lexicon.triggers.get("agreement_verbs", set())
    signs = [t for t in s.span if t.lemma_.lower() in sign_verbs and t.pos_ == "VERB"]
    if not (_agreement_nouns(s) and signs) or "agreement" in have or "agreement" in covered:
        return []
    if any(t.lemma_.lower() == "enter" for t in signs) and not re.search(r"\binto force\b", s.text):
        return []
    parties = _agreement_parties(s, signs[0])
    if parties is None:
        return []
    term = _term_years(s.text, s.lexicon.triggers.get("agreement_nouns", set()))
    claim = Claim(type="agreement", actor=s.country(parties[0]), target=s.country(parties[1]), quantity=term)
    return [s.finish(claim, signs[0], outlet_voice=True)]


def _help_claims(s: Sentence, have: set[str], covered: frozenset[str]) -> list[Claim]:
    """Russian help to the partner (training, technology, assistance), both named in the sentence."""
    if not (s.partners and s.russia) or "other" in have or _agreement_nouns(s) or "meeting" in covered:
        return []
    for tok in s.span:
        if _help_given(s, tok):
            claim = Claim(type="other", actor=s.country(s.lexicon.counterpart), target=s.country(s.partners[0].country))
            return [s.finish(claim, tok)]
    return []


def _help_given(s: Sentence, tok: Token) -> bool:
    """"trains soldiers", "shares data", "technology", "assistance": help given, not a word that
    characterises another act nor the partner's help to Russia."""
    if tok.lemma_.lower() in ("train", "share") and any(c.dep_ == "dobj" for c in tok.children):
        return True
    return tok.lower_ in ("help", "assistance", "technology") and tok.pos_ == "NOUN" and not _characterised(tok) \
        and not _partner_gives(s, tok)


_FRAMING = {"call", "describe", "present", "term", "characterise", "characterize", "portray", "hail", "label", "cast",
            "bill", "style", "see", "view"}


def _characterised(tok: Token) -> bool:
    """"calling it fraternal assistance", "presented as brotherly help": a word that characterises
    another act, not help given."""
    head = tok.head
    if tok.dep_ in ("oprd", "attr", "dobj", "xcomp", "ccomp") and head.lemma_.lower() in _FRAMING:
        return True
    return tok.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in _FRAMING


def _partner_gives(s: Sentence, tok: Token) -> bool:
    """"with Tehran's help", "assistance from North Korea": the partner helps Russia, not the reverse."""
    for child in tok.children:
        if child.dep_ == "poss" or child.dep_ == "prep" and child.lower_ == "from":
            if any(child.left_edge.i <= p.start <= child.right_edge.i for p in s.partners):
                return True
    return False


def _trained_by_russia(s: Sentence, m: Mention) -> bool:
    """The kind noun is what Russia trains or equips ("Russia is training North Korean troops")."""
    head = m.span.root
    verb = head.head
    if head.dep_ != "dobj" or verb.lemma_.lower() not in ("train", "drill", "instruct", "equip", "arm"):
        return False
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(r.start in {t.i for t in c.subtree} for c in subj for r in s.russia)


def _agreement_parties(s: Sentence, sign: Token) -> tuple[str, str] | None:
    """(actor, counterpart) country codes of a treaty: the signing subject first ("Putin and Kim signed",
    "the treaty Moscow concluded with North Korea", "the treaty he signed with Russia"); when the
    clause names no signer ("the two countries, which signed", "their treaty, which entered into
    force"), the partner state and Russia."""
    lex = s.lexicon
    last_person = s.last_person
    parties = [m for m in s.mentions if m.category == "actor" and s.role(m) in ("partner", "counterpart")]
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
        # "their treaty, which entered into force"
        return next(c for c in codes if lex.role_of(c) == "partner"), lex.counterpart
    if "partner" in roles and "counterpart" in roles:
        a, b = codes[0], next(c for c in codes if lex.role_of(c) != roles[0])
        return a, b
    partner = next((c for c in codes if lex.role_of(c) == "partner"), None) \
        or (s.partner_before.country if s.partner_before else None)
    russia = lex.counterpart if ("counterpart" in roles or s.russia_before or s.russia) else None
    if partner is None or russia is None:
        return None
    if codes and not re.search(r"\b(?:two|both|their|they|he|she|it|which|each)\b", s.text, re.IGNORECASE):
        return None  # one side named, the other neither named nor referred to
    if codes and lex.role_of(codes[0]) == "counterpart" and any(c.dep_ == "nsubj" for c in subjects):
        return lex.counterpart, partner
    return partner, lex.counterpart


def _earlier_pair(s: Sentence) -> tuple[list[Entity], list[str | None]] | None:
    """"The two leaders met ...": the partner's and Russia's people named last before the sentence,
    first-named first."""
    before = [m for m in s.all_mentions if m.start < s.span.start and m.actor and m.actor.category == "person"]
    picked: dict[str, Mention] = {}
    for m in reversed(before):
        role = s.role(m)
        if role in ("partner", "counterpart") and role not in picked:
            picked[role] = m
        if len(picked) == 2:
            break
    if len(picked) < 2:
        return None
    pair = sorted(picked.values(), key=lambda m: m.start)
    return [Entity(m.actor.name, m.actor.id) for m in pair if m.actor], [m.country for m in pair]
