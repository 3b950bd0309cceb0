"""Modality and negation of a claim from the verbs between its anchor and the reporting verb.

Precedence: denied > announced_planned > reported_estimate > ongoing > completed.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ...model import Claim
from ..lexicon import Lexicon

__all__ = ["in_background", "modality_of", "verb_chain"]



def _relative(clause: Token) -> bool:
    """A true relative clause ("which shipped", "where ... battled"), not a "that" complement the
    parser hung on a noun ("confirmed for the first time that troops had fought")."""
    for c in clause.children:
        if c.lower_ in ("who", "which", "whom", "whose", "where", "when"):
            return True
        if c.lower_ == "that" and c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return True
    return False


def in_background(anchor: Token, stop: Token | None) -> bool:
    """Whether the claim is told in a relative or participial clause ("soldiers who fought in Kursk",
    "Pyongyang, which shipped shells")."""
    chain = verb_chain(anchor, stop)
    if not chain:
        return False
    last = chain[-1]
    return last.dep_ == "acl" and last.head == anchor or last.dep_ == "relcl" and _relative(last)


def verb_chain(anchor: Token, stop: Token | None) -> list[Token]:
    """Verbs (and predicative adjectives/nouns) from the anchor up to, not including, ``stop``."""
    chain: list[Token] = []
    own = [c for c in anchor.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and c.tag_ in ("VBN", "VBD", "VBZ", "VBP", "VBG")
           and (c.dep_ == "acl" or any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "which", "that") for g in c.children))]
    if own and anchor.pos_ in ("NOUN", "PROPN"):
        return [own[0]]  # "troops (who are) already stationed in Kursk": the modifier's own tense
    node = anchor
    for _ in range(15):
        if stop is not None and node == stop:
            break
        if node.pos_ in ("VERB", "AUX", "ADJ") or node.lemma_.lower() in ("decision", "plan", "plans"):
            chain.append(node)
        if node.dep_ == "relcl" and node.pos_ in ("VERB", "AUX") and _relative(node):
            break  # a background clause ("Pyongyang, which shipped shells, will send ...") keeps its own tense
        if node.head == node:
            break
        node = node.head
    return chain


def _accused(claim: Claim, lexicon: Lexicon) -> bool:
    source = claim.attributed_to
    if source is None:
        return False
    sides = lexicon.partners | {lexicon.counterpart}  # the accused: a partner state and its counterpart
    if source.id and source.id.startswith("country:") and source.id.split(":", 1)[1] in sides:
        return True
    actor = lexicon.aliases.get(source.name)
    if actor and actor.country in sides:
        return True
    return any(a.country in sides and (a.category == "country" or a.category == "organisation" and a.kind == "agency")
               and re.search(r"\b" + re.escape(alias) + r"\b", source.name) for alias, a in lexicon.aliases.items())


_SET_TO = re.compile(r"\b(?:is|are|was|were) (?:set|due|likely|expected|ready|poised) to\b|\b(?:are|is) to be\b",
                     re.IGNORECASE)


def _set_to(anchor: Token, chain: list[Token]) -> bool:
    """"is set to / is expected to / is to be" governing the claim's own clause; the same words in
    a relative clause elsewhere ("the Kursk region, where they were expected to enter combat") do not
    make the claim a plan."""
    sent = anchor.sent
    for m in _SET_TO.finditer(sent.text):
        span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if span is None:
            continue
        if any(t in chain or t.head in chain or anchor in t.subtree for t in span):
            return True
    return False


# a figure derived from another one ("enough to hold 3 million shells", "a volume that would correspond
# to 12 million shells", "equivalent to") is an estimate, and the "would" in it is not a plan
_EQUIVALENCE = {"correspond", "amount", "equal", "equate", "equivalent", "translate", "enough", "sufficient"}


def _equivalence(chain: list[Token]) -> bool:
    return any(t.lemma_.lower() in _EQUIVALENCE or t.head.lemma_.lower() in ("enough", "sufficient") and
               t.dep_ in ("xcomp", "advcl") for t in chain[:3])


_RUNNING_TOTAL = re.compile(r"\b(?:so far|to date|in total|altogether|cumulative(?:ly)?)\b", re.IGNORECASE)


def _intelligence_count(claim: Claim, sent_text: str) -> bool:
    """An intelligence service's hedged count of losses or of a running total ("about 300 killed",
    "more than 10 million shells so far") is its assessment: such figures are not observed but
    inferred, and the dev gold marks them reported_estimate. A hedged count of a single, observed
    movement ("about 1,500 were ferried to Vladivostok") stays with its verb."""
    source = claim.attributed_to
    q = claim.quantity
    if source is None or q is None or q.value is None or q.qualifier not in ("approx", "at_least", "up_to"):
        return False
    if not re.search(r"\bintelligence\b|\bspy agency\b", source.name, re.IGNORECASE):
        return False
    return claim.type == "casualties" or bool(_RUNNING_TOTAL.search(sent_text))


def modality_of(anchor: Token, report_verb: Token | None, lexicon: Lexicon, claim: Claim,
                estimated: bool = False) -> tuple[str, bool]:
    mod = lexicon.modality
    chain = verb_chain(anchor, report_verb)
    if claim.type in ("meeting", "agreement"):
        local = chain[:2]
        if any(any(c.tag_ == "MD" for c in t.children) or t.lemma_.lower() in ("expect", "plan", "agree", "travel")
               for t in local) or re.search(r"\b(?:will|to) (?:meet|sign|hold)\b", anchor.sent.text):
            return "announced_planned", False
        return "completed", False
    sent_text = anchor.sent.text.lower()
    lemmas = [t.lemma_.lower() for t in chain]
    report = report_verb.lemma_.lower() if report_verb is not None else ""

    denial_words = any(re.search(r"\b" + re.escape(w) + r"\b", sent_text) for w in mod.get("denial_words", ()))
    denied = report in mod.get("denial_verbs", ()) and report != "insist" or any(
        lem in ("deny", "dismiss", "reject", "refute") for lem in lemmas) or (
        report in ("call", "dismiss", "say") and denial_words and re.search(r"\breports?\b|\bclaims?\b|\ballegations?\b",
                                                                            sent_text))
    if re.search(r"\bdeclined to confirm or deny\b|\bneither confirm", sent_text):
        return "completed", False
    negated = False
    for tok in chain:
        if any(c.dep_ == "neg" for c in tok.children):
            negated = True
    if any(c.lower_ == "no" and c.dep_ == "det" for c in anchor.children) or re.search(
            r"\bnot (?:received )?a single\b|\bthere (?:are|is|were) no\b", sent_text):
        negated = True
    if re.search(r"\bnot (?:commented|confirmed|reported|mentioned|acknowledged)\b", sent_text) and not \
            any(any(c.dep_ == "neg" for c in t.children) for t in chain[:1]):
        negated = False
    if denied:
        return "denied", True
    if negated and _accused(claim, lexicon) and report in ("say", "insist", "tell", "state") and \
            not re.search(r"\byet\b", sent_text):  # "no sappers have arrived yet": a status, not a denial
        return "denied", True

    planned = False
    for tok in chain:
        lem = tok.lemma_.lower()
        if any(c.tag_ == "MD" for c in tok.children):
            planned = True
        if lem in mod.get("planned_verbs", ()) and lem not in ("will", "would", "could", "may", "might", "shall"):
            if lem == "order" and tok.tag_ == "VBD":
                continue
            if lem == "expect" and tok.tag_ == "VBD" and not any(c.dep_ == "auxpass" for c in tok.children):
                continue
            planned = True
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.lemma_.lower() == "be" \
                and tok.head in chain:
            planned = True
        if lem in ("decision", "plan", "plans"):
            planned = True
    if _set_to(anchor, chain):
        planned = planned or bool(chain)
    if claim.type in ("labor_dispatch", "troop_deployment", "arms_transfer") and re.search(
            r"\b(?:will|would|could)\b", " ".join(t.lower_ for t in anchor.sent if report_verb is None or t.i > report_verb.i
                                                   or t.i < report_verb.i)) and not chain:
        planned = True

    estimate = estimated or report in mod.get("estimate_verbs", ()) or any(
        lem in ("believe", "estimate", "assess", "think") for lem in lemmas) or claim.type == "workers_present" \
        or _intelligence_count(claim, sent_text) or report_verb is not None and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ("estimate", "assessment")
            for c in report_verb.children) or report_verb is not None and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in ("estimate", "assessment")
                                                          for g in c.children)
            for c in report_verb.children)  # "have given a lower estimate of around 1,200"; "said in an assessment"
    if claim.type == "workers_present" and not negated:
        return "reported_estimate", negated
    if _equivalence(chain) and not negated:
        return "reported_estimate", negated  # "enough to hold 3 million shells": a figure derived, not counted
    if planned:
        return "announced_planned", negated
    if estimate:
        return "reported_estimate", negated
    while len(chain) > 1 and chain[0].tag_ == "VBG" and (chain[0].dep_ in ("advcl", "acl", "pcomp") or
                                                       chain[0].dep_ == "conj" and chain[0].head.tag_ == "VBG"):
        chain = chain[1:]  # "..., killing three people and injuring 64": the tense of the main verb
    first = chain[0] if chain else None
    if first is not None:
        lem = first.lemma_.lower()
        if first.tag_ == "VBG" and first.dep_ not in ("pcomp", "advcl", "acl") or \
                any(c.dep_ in ("aux", "auxpass") and c.lower_ == "being" for c in first.children) or \
                any(t.lower_ in ("begun", "began", "continue", "continues") for t in chain):
            return "ongoing", negated
        if lem in ("be", "remain", "station", "have") and first.tag_ in ("VBP", "VBZ", "VBN", "VB") and not any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in ("been", "had", "have", "has") for c in first.children):
            return "ongoing", negated
        if lem in ("be", "remain") and first.tag_ == "VBD":
            return "ongoing", negated
        if lem in ("station",) and first.tag_ == "VBN":
            return "ongoing", negated
    return "completed", negated
