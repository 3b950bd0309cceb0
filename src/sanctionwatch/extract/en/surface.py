"""The text's surface before the parse: a news dateline ends the first sentence and says where
"here" is; names a scraper glued to their neighbours get their spaces back, with a map from the
fixed text's offsets to the original's."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon

__all__ = ["DATELINE_COMPONENT", "dateline_boundary", "dateline_place", "deglue", "original_offset"]

#: a news dateline: "Pyongyang, September 14 (KCNA) --", "MOSCOW, Oct. 3 (Reuters) -"
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'’ -]{1,40}?),\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
                       r"[^\n(]{0,20}\(([^)\n]{2,40})\)\s*[-–—]+")


DATELINE_COMPONENT = "sanctionwatch_dateline"


@Language.component(DATELINE_COMPONENT)
def dateline_boundary(doc: Doc) -> Doc:
    """A dateline ("Pyongyang, July 23 (KCNA) --") is not part of the first sentence: the parser
    would otherwise take the city for the sentence's root.  A paragraph break ends a sentence too
    (a list of headlines run together is many sentences)."""
    for tok in doc[1:]:
        if tok.is_space and "\n" in tok.text and tok.i + 1 < len(doc) \
                and (tok.text.count("\n") > 1 or doc[tok.i - 1].text in ".!?\"”"):
            doc[tok.i + 1].is_sent_start = True
    m = _DATELINE.match(doc.text[:200])
    if m:
        for tok in doc:
            if tok.idx >= m.end():
                if tok.i > 0:
                    tok.is_sent_start = True
                break
    return doc


def dateline_place(text: str, lexicon: Lexicon) -> str | None:
    """The country of a report's dateline city ("Pyongyang, July 23 (KCNA) --" -> KP)."""
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    city = m.group(1).strip()
    for name in (city, city.title()):
        if name in lexicon.places:
            return lexicon.places[name].country
        actor = lexicon.aliases.get(name)
        if actor is not None and actor.category == "country":
            return actor.country
    return None


def deglue(text: str, names: list[str]) -> tuple[str, list[int]]:
    """Put spaces back around names a scraper glued to their neighbours ("ComradeKim Jong Unand"
    -> "Comrade Kim Jong Un and"; names set in bold on the page lose their spaces).  Returns the
    new text and the positions (in the original text) where a space was inserted."""
    if not names:
        return text, []
    pattern = re.compile("(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")")
    inserts: list[int] = []
    for m in pattern.finditer(text):
        s, e = m.start(), m.end()
        if s > 0 and (text[s - 1].isalpha() or text[s - 1] in "-–—"):
            inserts.append(s)
        if e < len(text) and text[e].isalpha() and text[e].islower():
            inserts.append(e)
    if not inserts:
        return text, []
    inserts = sorted(set(inserts))
    parts: list[str] = []
    last = 0
    for pos in inserts:
        parts.append(text[last:pos])
        parts.append(" ")
        last = pos
    parts.append(text[last:])
    return "".join(parts), inserts


def original_offset(pos: int, inserts: list[int]) -> int:
    """Map an offset in the deglued text back to the original text."""
    shift = 0
    for k, ins in enumerate(inserts):
        if ins + k < pos:
            shift += 1
        else:
            break
    return pos - shift
