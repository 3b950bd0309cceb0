"""Highlighting: split a text into segments so a template can mark spans without raw HTML.

Nothing here builds markup.  ``segments(text, spans)`` returns plain ``Segment`` records;
the templates escape every segment's text (Jinja2 autoescape) and wrap marked ones in
``<mark>``.  Article text is untrusted input, so it never reaches the page unescaped.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Segment", "Span", "claim_words", "evidence_segments", "segments"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    role: str  # css class suffix: evidence | quantity | actor | target | place | date | source
    ref: str | None = None  # the claim id, for anchors


@dataclass
class Segment:
    text: str
    roles: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        return bool(self.roles)

    @property
    def css(self) -> str:
        return " ".join(f"hl-{r}" for r in dict.fromkeys(self.roles))


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the spans covering it.

    Spans out of the text's bounds are clipped; overlapping spans are allowed.
    """
    n = len(text)
    clean = [Span(max(0, s.start), min(n, s.end), s.role, s.ref) for s in spans]
    clean = [s for s in clean if s.start < s.end]
    cuts = sorted({0, n, *(s.start for s in clean), *(s.end for s in clean)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):  # neighbours: one pair fewer than cuts
        covering = [s for s in clean if s.start <= a and s.end >= b]
        seg = Segment(text[a:b], [s.role for s in covering], [s.ref for s in covering if s.ref])
        if out and not seg.roles and not out[-1].roles:
            out[-1].text += seg.text
        else:
            out.append(seg)
    return out


def claim_words(claim: dict[str, Any]) -> list[tuple[str, str]]:
    """The surface words of a claim (from its API record) with their role."""
    words: list[tuple[str, str]] = []
    q = claim.get("quantity") or {}
    if q.get("text"):
        words.append((q["text"], "quantity"))
    for key, role in (("actor", "actor"), ("target", "target"), ("attributed_to", "source")):
        e = claim.get(key) or {}
        if e.get("name"):
            words.append((e["name"], role))
    loc = claim.get("location") or {}
    if loc.get("name"):
        words.append((loc["name"], "place"))
    d = claim.get("date") or {}
    if d.get("text"):
        words.append((d["text"], "date"))
    if claim.get("via"):
        words.append((claim["via"], "via"))
    return words


def evidence_segments(sentence: str, claim: dict[str, Any]) -> list[Segment]:
    """The evidence sentence with the claim's own words marked by role."""
    spans: list[Span] = []
    for word, role in claim_words(claim):
        word = word.strip()
        if len(word) < 2:
            continue
        before = r"(?<!\w)" if word[0].isalnum() else ""
        after = r"(?!\w)" if word[-1].isalnum() else ""
        pattern = before + re.escape(word) + after
        for m in re.finditer(pattern, sentence, flags=re.IGNORECASE):
            spans.append(Span(m.start(), m.end(), role))
    return segments(sentence, spans)
