"""Modality and negation of a claim from the verbs between its anchor and the reporting verb.

Each cue is a small function with a docstring and a weight in a list (``NEGATION_CUES``,
``MODALITY_CUES``, ``INTERACTION_CUES``): the negation cues add up, and of the modality cues
that fire the one of greatest weight decides, so the precedence is denied > announced_planned >
reported_estimate > ongoing > completed.  ``explain_modality`` gives the decision with the cues
that fired; their docstrings are its explanation.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Token

from ...model import Claim
from ..lexicon import Lexicon
from .tags import BASE_FORM, has_modal

__all__ = ["INTERACTION_CUES", "MODALITY_CUES", "NEGATION_CUES", "Cue", "ModalityDecision", "Reading",
           "explain_modality", "in_background", "modality_of", "verb_chain"]


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
    own = [c for c in anchor.children
           if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and c.tag_ in ("VBN", "VBD", "VBZ", "VBP", "VBG")
           and (c.dep_ == "acl" or any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "which", "that")
                                       for g in c.children))]
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


# -- the cues ------------------------------------------------------------------------------------
# A cue is a small function of a ``Reading`` with a docstring that says what it saw, and a weight.
# The negation cues add up: a claim is negated when the weights of the cues that fired sum above
# zero.  The modality cues rank: of the cues that fire, the one of greatest weight decides
# (denied > announced_planned > reported_estimate > ongoing > completed, with the exceptions the
# weights spell out); none firing, the claim is completed.  The explanation of a decision is the
# docstrings of the cues that fired (``explain_modality``).

#: modal words the pack may list among its planning verbs; the modal cue reads them
_MODAL_WORDS = ("will", "would", "could", "may", "might", "shall")
_REPORT_NOUNS = re.compile(r"\breports?\b|\bclaims?\b|\ballegations?\b")


@dataclass
class Reading:
    """What the cues look at: a claim, its anchor and the verbs from the anchor up to the reporting verb."""

    anchor: Token
    report_verb: Token | None
    lexicon: Lexicon
    claim: Claim
    #: the claim's quantity is called an estimate ("an estimated 3,000")
    estimated: bool
    #: the verbs (and predicative words) from the anchor up to the reporting verb
    chain: list[Token]
    #: the decision of the negation cues
    negated: bool = False

    @property
    def words(self) -> dict[str, set[str]]:
        """The pack's modality vocabulary (planned_verbs, estimate_verbs, denial_verbs, denial_words)."""
        return self.lexicon.modality

    @cached_property
    def lemmas(self) -> list[str]:
        """The lemmas of the chain."""
        return [t.lemma_.lower() for t in self.chain]

    @property
    def report(self) -> str:
        """The lemma of the reporting verb; "" when none."""
        return self.report_verb.lemma_.lower() if self.report_verb is not None else ""

    @cached_property
    def text(self) -> str:
        """The sentence, lower-cased."""
        return self.anchor.sent.text.lower()

    @cached_property
    def aspect_chain(self) -> list[Token]:
        """The chain without leading participles of an adjunct ("..., killing three people and
        injuring 64"): the verb whose tense tells the aspect comes first."""
        chain = self.chain
        while len(chain) > 1 and chain[0].tag_ == "VBG" and (chain[0].dep_ in ("advcl", "acl", "pcomp") or
                                                           chain[0].dep_ == "conj" and chain[0].head.tag_ == "VBG"):
            chain = chain[1:]
        return chain


@dataclass(frozen=True)
class Cue:
    """A function that fires on a ``Reading`` and its weight; for a modality cue, the modality it
    argues for and, where it decides negation too, the ``negated`` it gives."""

    func: Callable[[Reading], bool]
    weight: float
    modality: str | None = None
    negated: bool | None = None

    @property
    def why(self) -> str:
        """What the cue saw: its function's docstring on one line."""
        return " ".join((self.func.__doc__ or self.func.__name__).split())


# -- negation ----------------------------------------------------------------------------------

def _negated_verb(r: Reading) -> bool:
    """A verb of the claim's chain is negated ("have not arrived")."""
    return any(any(c.dep_ == "neg" for c in tok.children) for tok in r.chain)


def _no_determiner(r: Reading) -> bool:
    """The anchor is counted as none ("no troops")."""
    return any(c.lower_ == "no" and c.dep_ == "det" for c in r.anchor.children)


def _none_at_all(r: Reading) -> bool:
    """The sentence says there is none ("not a single", "there are no")."""
    return bool(re.search(r"\bnot (?:received )?a single\b|\bthere (?:are|is|were) no\b", r.text))


def _silence(r: Reading) -> bool:
    """The "not" is a source's silence ("has not commented", "not confirmed"), not a negation of the
    claim, unless the claim's own verb is negated."""
    return bool(re.search(r"\bnot (?:commented|confirmed|reported|mentioned|acknowledged)\b", r.text)) and not \
        any(any(c.dep_ == "neg" for c in t.children) for t in r.chain[:1])


#: a claim is negated when the weights of the cues that fire sum above zero
NEGATION_CUES = [
    Cue(_negated_verb, 1.0),
    Cue(_no_determiner, 1.0),
    Cue(_none_at_all, 1.0),
    Cue(_silence, -3.0),
]


# -- meetings and agreements ---------------------------------------------------------------------

def _modal_near(r: Reading) -> bool:
    """A modal on the anchor or the verb above it ("will meet")."""
    return any(has_modal(t) for t in r.chain[:2])


def _plan_word_near(r: Reading) -> bool:
    """The anchor or the verb above it plans ("expected to meet", "agreed to sign", "travel to")."""
    return any(t.lemma_.lower() in ("expect", "plan", "agree", "travel") for t in r.chain[:2])


def _will_meet(r: Reading) -> bool:
    """The sentence says "will meet", "to sign" or "to hold"."""
    return bool(re.search(r"\b(?:will|to) (?:meet|sign|hold)\b", r.anchor.sent.text))


#: a meeting or agreement is announced_planned when one of these fires, else completed
INTERACTION_CUES = [
    Cue(_modal_near, 50, "announced_planned"),
    Cue(_plan_word_near, 50, "announced_planned"),
    Cue(_will_meet, 50, "announced_planned"),
]


# -- denial --------------------------------------------------------------------------------------

def _noncommittal(r: Reading) -> bool:
    """The source declined to confirm or deny: nothing is denied."""
    return bool(re.search(r"\bdeclined to confirm or deny\b|\bneither confirm", r.text))


def _denial_verb(r: Reading) -> bool:
    """The reporting verb denies ("denied", "dismissed"), but "insisted" does not."""
    return r.report in r.words.get("denial_verbs", ()) and r.report != "insist"


def _denied_in_chain(r: Reading) -> bool:
    """A verb of the claim's chain denies ("deny sending", "rejected reports of")."""
    return any(lem in ("deny", "dismiss", "reject", "refute") for lem in r.lemmas)


def _reports_called_false(r: Reading) -> bool:
    """The source calls reports or claims of it false ("called the reports fake news")."""
    if r.report not in ("call", "dismiss", "say"):
        return False
    denial_words = any(re.search(r"\b" + re.escape(w) + r"\b", r.text) for w in r.words.get("denial_words", ()))
    return denial_words and bool(_REPORT_NOUNS.search(r.text))


def _accused_says_no(r: Reading) -> bool:
    """A side accused (the partner or Russia) says the negated claim ("Moscow said no troops were
    sent"); "no sappers have arrived yet" is a status, not a denial."""
    return r.negated and _accused(r.claim, r.lexicon) and r.report in ("say", "insist", "tell", "state") and \
        not re.search(r"\byet\b", r.text)


# -- plans ---------------------------------------------------------------------------------------

def _modal_in_chain(r: Reading) -> bool:
    """A modal on a verb of the claim's chain ("will send", "could deploy")."""
    return any(has_modal(tok) for tok in r.chain)


def _past_fact(tok: Token) -> bool:
    """A planning verb in an active past that tells what happened ("Putin ordered", "as expected")."""
    lem = tok.lemma_.lower()
    return lem == "order" and tok.tag_ == "VBD" or \
        lem == "expect" and tok.tag_ == "VBD" and not any(c.dep_ == "auxpass" for c in tok.children)


def _skipped(r: Reading, tok: Token) -> bool:
    lem = tok.lemma_.lower()
    return lem in r.words.get("planned_verbs", ()) and lem not in _MODAL_WORDS and _past_fact(tok)


def _planning_verb(r: Reading) -> bool:
    """A verb of planning in the claim's chain ("plans to send", "agreed to deploy", "is expected")."""
    return any(tok.lemma_.lower() in r.words.get("planned_verbs", ()) and tok.lemma_.lower() not in _MODAL_WORDS
               and not _past_fact(tok) for tok in r.chain)


def _is_to_be(r: Reading) -> bool:
    """"are to be sent": "be" with a "to" infinitive in the chain."""
    return any(any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.lemma_.lower() == "be"
               and tok.head in r.chain and not _skipped(r, tok) for tok in r.chain)


def _plan_noun(r: Reading) -> bool:
    """A decision or a plan in the chain ("the decision to send")."""
    return any(lem in ("decision", "plan", "plans") for lem in r.lemmas)


def _set_to_cue(r: Reading) -> bool:
    """"is set to", "is expected to", "is to be" governs the claim's own clause."""
    return bool(r.chain) and _set_to(r.anchor, r.chain)


def _future_in_sentence(r: Reading) -> bool:
    """A movement with no verb chain of its own in a sentence that says "will", "would" or "could"."""
    if r.chain or r.claim.type not in ("labor_dispatch", "troop_deployment", "arms_transfer"):
        return False
    rv = r.report_verb
    words = " ".join(t.lower_ for t in r.anchor.sent if rv is None or t.i > rv.i or t.i < rv.i)
    return bool(re.search(r"\b(?:will|would|could)\b", words))


# -- estimates -----------------------------------------------------------------------------------

def _estimated_quantity(r: Reading) -> bool:
    """The quantity is called an estimate ("an estimated 3,000")."""
    return r.estimated


def _estimate_verb(r: Reading) -> bool:
    """The reporting verb estimates ("estimated", "believes", "put the number at")."""
    return r.report in r.words.get("estimate_verbs", ())


def _belief_in_chain(r: Reading) -> bool:
    """A verb of the chain believes, estimates, assesses or thinks."""
    return any(lem in ("believe", "estimate", "assess", "think") for lem in r.lemmas)


def _workers_present(r: Reading) -> bool:
    """Workers said to be present: a stock counted from afar."""
    return r.claim.type == "workers_present"


def _workers_present_affirmed(r: Reading) -> bool:
    """Workers said to be present, not negated: a stock counted from afar."""
    return r.claim.type == "workers_present" and not r.negated


def _intelligence(r: Reading) -> bool:
    """An intelligence service's hedged count of losses or of a running total."""
    return _intelligence_count(r.claim, r.text)


def _estimate_object(r: Reading) -> bool:
    """The source gives an estimate or an assessment ("have given a lower estimate of around 1,200")."""
    return r.report_verb is not None and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ("estimate", "assessment")
        for c in r.report_verb.children)


def _in_an_estimate(r: Reading) -> bool:
    """The source speaks "in an estimate" or "in an assessment"."""
    return r.report_verb is not None and any(
        c.dep_ == "prep" and c.lower_ == "in"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in ("estimate", "assessment") for g in c.children)
        for c in r.report_verb.children)


def _derived_figure(r: Reading) -> bool:
    """A figure derived from another ("enough to hold 3 million shells", "equivalent to"), not negated:
    an estimate, and the "would" in it is not a plan."""
    return _equivalence(r.chain) and not r.negated


# -- aspect --------------------------------------------------------------------------------------

def _progressive(r: Reading) -> bool:
    """The claim's verb is a progressive participle ("are fighting"), not one of an adjunct."""
    chain = r.aspect_chain
    return bool(chain) and chain[0].tag_ == "VBG" and chain[0].dep_ not in ("pcomp", "advcl", "acl")


def _being_done(r: Reading) -> bool:
    """The claim's verb is "being" done ("are being trained")."""
    chain = r.aspect_chain
    return bool(chain) and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "being" for c in chain[0].children)


def _begun(r: Reading) -> bool:
    """The chain says it has begun or continues."""
    chain = r.aspect_chain
    return bool(chain) and any(t.lower_ in ("begun", "began", "continue", "continues") for t in chain)


def _present_state(r: Reading) -> bool:
    """A present state: "are in Kursk", "remain", "are stationed", "have" (not "have been")."""
    chain = r.aspect_chain
    if not chain:
        return False
    first = chain[0]
    return first.lemma_.lower() in ("be", "remain", "station", "have") and \
        first.tag_ in ("VBP", "VBZ", "VBN", BASE_FORM) and not any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("been", "had", "have", "has") for c in first.children)


def _past_state(r: Reading) -> bool:
    """A state in the past tense that holds on ("were in Kursk", "remained")."""
    chain = r.aspect_chain
    return bool(chain) and chain[0].lemma_.lower() in ("be", "remain") and chain[0].tag_ == "VBD"


def _stationed(r: Reading) -> bool:
    """Stationed somewhere ("troops stationed in Kursk")."""
    chain = r.aspect_chain
    return bool(chain) and chain[0].lemma_.lower() == "station" and chain[0].tag_ == "VBN"


#: the modality of any other claim: of the cues that fire, the one of greatest weight decides
MODALITY_CUES = [
    Cue(_noncommittal, 100, "completed", negated=False),
    Cue(_denial_verb, 90, "denied", negated=True),
    Cue(_denied_in_chain, 90, "denied", negated=True),
    Cue(_reports_called_false, 90, "denied", negated=True),
    Cue(_accused_says_no, 80, "denied", negated=True),
    Cue(_workers_present_affirmed, 70, "reported_estimate"),
    Cue(_derived_figure, 60, "reported_estimate"),
    Cue(_modal_in_chain, 50, "announced_planned"),
    Cue(_planning_verb, 50, "announced_planned"),
    Cue(_is_to_be, 50, "announced_planned"),
    Cue(_plan_noun, 50, "announced_planned"),
    Cue(_set_to_cue, 50, "announced_planned"),
    Cue(_future_in_sentence, 50, "announced_planned"),
    Cue(_estimated_quantity, 40, "reported_estimate"),
    Cue(_estimate_verb, 40, "reported_estimate"),
    Cue(_belief_in_chain, 40, "reported_estimate"),
    Cue(_workers_present, 40, "reported_estimate"),
    Cue(_intelligence, 40, "reported_estimate"),
    Cue(_estimate_object, 40, "reported_estimate"),
    Cue(_in_an_estimate, 40, "reported_estimate"),
    Cue(_progressive, 30, "ongoing"),
    Cue(_being_done, 30, "ongoing"),
    Cue(_begun, 30, "ongoing"),
    Cue(_present_state, 30, "ongoing"),
    Cue(_past_state, 30, "ongoing"),
    Cue(_stationed, 30, "ongoing"),
]


@dataclass
class ModalityDecision:
    """A claim's modality and negation with the cues that fired, the deciding one first."""

    modality: str
    negated: bool
    cues: list[Cue] = field(default_factory=list)

    @property
    def why(self) -> list[str]:
        """The docstrings of the cues that fired, the deciding one first."""
        return [c.why for c in self.cues]


def explain_modality(anchor: Token, report_verb: Token | None, lexicon: Lexicon, claim: Claim,
                     estimated: bool = False) -> ModalityDecision:
    """The modality and negation of ``claim`` read from the verbs between its ``anchor`` and the
    reporting verb, with the cues that fired."""
    r = Reading(anchor, report_verb, lexicon, claim, estimated, verb_chain(anchor, report_verb))
    if claim.type in ("meeting", "agreement"):
        return _decide(r, INTERACTION_CUES, [])
    negation = [c for c in NEGATION_CUES if c.func(r)]
    r.negated = sum(c.weight for c in negation) > 0
    return _decide(r, MODALITY_CUES, negation)


def _decide(r: Reading, cues: list[Cue], negation: list[Cue]) -> ModalityDecision:
    fired = sorted((c for c in cues if c.func(r)), key=lambda c: -c.weight)  # stable: list order breaks ties
    if not fired:
        return ModalityDecision("completed", r.negated, negation)
    top = fired[0]
    negated = r.negated if top.negated is None else top.negated
    return ModalityDecision(top.modality or "completed", negated, fired + negation)


def modality_of(anchor: Token, report_verb: Token | None, lexicon: Lexicon, claim: Claim,
                estimated: bool = False) -> tuple[str, bool]:
    """(modality, negated) of ``claim``: ``explain_modality`` without the explanation."""
    decision = explain_modality(anchor, report_verb, lexicon, claim, estimated)
    return decision.modality, decision.negated
