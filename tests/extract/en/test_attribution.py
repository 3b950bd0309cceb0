"""Who a sentence says makes a claim (extract/en/attribution.py): one sentence per way of finding
the source, the reporting verbs sought in the order of ``VERB_FINDERS``."""
from __future__ import annotations

from typing import Any

import pytest

from sanctionwatch import settings
from sanctionwatch.extract.en import load_spacy
from sanctionwatch.extract.en.attribution import VERB_FINDERS, find_attribution
from sanctionwatch.extract.en.mentions import MentionFinder
from sanctionwatch.extract.lexicon import Lexicon
from sanctionwatch.packs import load_pack


@pytest.fixture(scope="module")
def read() -> Any:
    lexicon = Lexicon.from_pack(load_pack("dprk"))
    nlp = load_spacy(str(settings.get("model")))
    finder = MentionFinder(nlp, lexicon)

    def source(text: str, anchor: str) -> tuple[str | None, str | None]:
        doc = nlp(text)
        tok = next(t for t in doc if t.text == anchor)
        found = find_attribution(tok.sent, tok, finder.find(doc), lexicon)
        return (found.entity.name if found.entity else None), (found.verb.text if found.verb is not None else None)

    return source


@pytest.mark.parametrize("text, anchor, source, verb", [
    # a reporting verb above the claim
    ("Sergei Shoigu said that North Korea will send 1,000 sappers to Kursk.", "sappers", "Sergei Shoigu", "said"),
    # the possessor of a report noun
    ("Shoigu's announcement that 1,000 sappers would be sent to Kursk surprised Seoul.", "sappers", "Sergei Shoigu",
     "announcement"),
    # a closing attribution
    ("North Korea has sent 10,000 troops to Russia, South Korea's Joint Chiefs of Staff said on Friday.", "troops",
     "South Korea's Joint Chiefs of Staff", "said"),
    # the framer of "in what X presented as"
    ("Russia received shells from North Korea in what Moscow's top security official presented as brotherly help.",
     "shells", "Moscow's top security official", "presented"),
    ("According to Interfax, 5,000 builders are to be sent to Russia.", "builders", "Interfax", "According"),
    ("North Korea has reportedly sent troops to Russia.", "troops", "unnamed reports", None),
    ("North Korean troops are fighting in Kursk.", "troops", None, None),
])
def test_source(read: Any, text: str, anchor: str, source: str | None, verb: str | None) -> None:
    assert read(text, anchor) == (source, verb)


def test_every_verb_finder_says_what_it_finds() -> None:
    assert all(f.__doc__ and len(f.__doc__.split()) > 5 for f in VERB_FINDERS)
