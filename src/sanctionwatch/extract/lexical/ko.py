"""Korean claim extractor over kiwipiepy's morphological analysis.

Particles are separate morphemes in kiwi's output, so "쿠르스크에", "러시아로",
"국정원은" match their bare aliases; compounds ("쿠르스크주", "꾸르스크지역") match through
the lexicon's ``suffixes``, while "러시아워" (rush hour) does not.  Numbers are read with
their counters and hedges: "1천 명", "5천여 명", "1만5천 명", "약 1만2천 명", "3천~4천 명",
"300만 발 이상", "6천700개가량", "수천 명" (vague).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .engine import KO_TAGS, Num, Tok
from .extractor import RuleExtractor

__all__ = ["KoreanExtractor", "parse_ko_number"]

POWERS = {"억": 100_000_000, "만": 10_000, "천": 1000, "백": 100}
COUNTERS = {"명": "person", "개": "item", "발": "item", "건": "item", "기": "item", "대": "item",
            "정": "item", "문": "item"}
_GROUP = r"(?:\d[\d,]*(?:\.\d+)?[억만천백]?|[억만천백](?=\d|\s?(?:여\s?)?명))"
_NUMBER = re.compile(
    rf"(?P<pre>(?:약|최대|최소|대략)\s?)?(?P<num>(?<![\w.,㎜])(?:{_GROUP})+)(?P<yeo>여)?"
    rf"(?:\s?[~∼\-–]\s?(?P<num2>(?:{_GROUP})+)(?P<yeo2>여)?)?"
    r"\s?(?P<counter>명|개|발|건|기|대|정|문)(?![가-힣]*(?:차례|째))"
    r"(?P<post>\s?(?:가량|정도|안팎|이상|넘게|넘는|이 넘는|을 넘는|을 넘어|넘어|여))?")
_VAGUE = re.compile(r"수(?:십|백|천|만)+(?:만)?\s?(?:여\s?)?(?P<counter>명|개|발|건|대|기)")
AFTER_QUAL = {"가량": "approx", "정도": "approx", "안팎": "approx", "여": "approx", "이상": "at_least",
              "넘게": "at_least", "넘는": "at_least", "이 넘는": "at_least", "을 넘는": "at_least",
              "을 넘어": "at_least", "넘어": "at_least"}
BEFORE_QUAL = {"약": "approx", "대략": "approx", "최대": "up_to", "최소": "at_least"}
VERB_TAGS = KO_TAGS["verb"]
CONNECTIVE = KO_TAGS["connective_ending"]  # "-고", "-다고", "-다면"


@lru_cache(maxsize=1)
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


def parse_ko_number(text: str) -> float | None:
    """"1만5천" -> 15000, "6천700" -> 6700, "300만" -> 3000000, "천" -> 1000."""
    total = 0.0
    found = False
    for digits, power in re.findall(r"(\d[\d,]*(?:\.\d+)?)?([억만천백]?)", text.replace(" ", "")):
        if not digits and not power:
            continue
        value = float(digits.replace(",", "")) if digits else 1.0
        total += value * POWERS.get(power, 1)
        found = True
    return total if found else None


class KoreanExtractor(RuleExtractor):
    language = "ko"
    name = "ko-rules"

    def tokenize(self, text: str, start: int, end: int) -> list[Tok]:
        toks = []
        for t in _kiwi().tokenize(text[start:end]):
            lemma = t.form + "다" if t.tag.startswith(VERB_TAGS) else t.form
            toks.append(Tok(t.form, lemma, start + t.start, start + t.start + t.len, t.tag))
        return toks

    def lemmatise(self, word: str) -> list[str]:
        """Lexicon words: a verb becomes its morphemes without the ending ("일하다" -> 일, 하);
        any other word stays whole and matches kiwi's tokens joined ("특수부대원")."""
        if not word.endswith("다") or len(word) < 2:
            return [word.lower()]
        toks = list(_kiwi().tokenize(word))
        while len(toks) > 1 and toks[-1].tag.startswith(KO_TAGS["ending_or_particle"]):
            toks.pop()
        return [t.form + "다" if t.tag.startswith(VERB_TAGS) else t.form for t in toks]

    def analyse(self, phrase: str) -> list[str]:
        """An entry as kiwi analyses it in running text, the final ending and particle dropped
        ("지원하다" -> 지원, 하; "기술적으로" -> 기술, 적, 으로; "전해지다" -> 전하다, 어, 지다)."""
        toks = list(_kiwi().tokenize(phrase))
        while len(toks) > 1 and toks[-1].tag.startswith(KO_TAGS["final_ending_or_particle"]):
            toks.pop()
        return [t.form + "다" if t.tag.startswith(VERB_TAGS) else t.form for t in toks]

    def tense(self, sent: Any) -> str | None:
        """Endings: "-ㄹ 것", "-ㄴ다고"/"-는다고" (the reported present of a plan: "보낸다고 말했다")
        announce; "-고 있다" is ongoing."""
        toks = sent.toks
        acts: set[int] = set()  # the claim verbs, with the 하다 that makes a noun a verb ("파견한다고")
        for g in ("dispatch", "deploy", "arms_transfer", "meeting", "fight"):
            for h in sent.cues.get(g, []):
                acts.update(range(h.i, h.j))
                acts.update(k for k in range(h.j, min(h.j + 2, len(toks))) if toks[k].tag.startswith("XSV"))
        for k, t in enumerate(toks):
            nxt = toks[k + 1].text if k + 1 < len(toks) else ""
            if t.tag == "ETM" and t.text in ("ᆯ", "을") and nxt == "것":
                return "future"
            if t.tag in CONNECTIVE and t.text in ("ᆫ다고", "는다고") and k and k - 1 in acts \
                    and not (toks[k - 1].tag.startswith("XSV") and toks[k - 1].text == "되"):
                return "future"  # of an act ("보낸다고"); of a state it is the present ("달한다고")
            if t.tag in CONNECTIVE and t.text in ("라면", "다면", "이라면", "는다면", "ᆫ다면"):
                return "hypothetical"  # "모두 152㎜ 포탄이라면 300만 발": a reckoning, not a count
            if (t.tag in CONNECTIVE and t.text == "고" and nxt == "있"
                    and k + 1 < len(toks) and toks[k + 1].tag in KO_TAGS["auxiliary_verb"]):
                return "present"
        return None

    def is_adnominal(self, toks: list[Tok], j: int) -> bool:
        """"회담한 쇼이구", "방문한 뒤": a noun made a verb (하다, 되다) and closed by an adnominal ending;
        the prospective one ("회담할 예정이다") is the clause's plan, not background."""
        while j < len(toks) and toks[j].tag.startswith("XSV"):
            j += 1
        return j < len(toks) and toks[j].tag == "ETM" and toks[j].text not in ("ᆯ", "을")

    def is_comitative(self, toks: list[Tok], i: int, j: int) -> bool:
        """"김 위원장과 회담한 쇼이구": the party marked with the comitative 과/와 is the counterpart."""
        return j < len(toks) and toks[j].tag == "JKB" and toks[j].text in ("과", "와", "하고")

    def numbers(self, text: str, toks: list[Tok]) -> list[Num]:
        if not toks:
            return []
        start, end = toks[0].start, toks[-1].end
        chunk = text[start:end]
        out: list[Num] = []
        for m in _NUMBER.finditer(chunk):
            value = parse_ko_number(m.group("num"))
            if value is None:
                continue
            maxv = parse_ko_number(m.group("num2")) if m.group("num2") else None
            if maxv is not None and maxv <= value:
                maxv = None
            qual = None
            s, e = m.start("num"), m.end("counter")
            if m.group("pre"):
                qual, s = BEFORE_QUAL[m.group("pre").strip()], m.start()
            if m.group("yeo") or m.group("yeo2"):
                qual = qual or "approx"
            post = (m.group("post") or "").strip()
            if post:
                qual, e = qual or AFTER_QUAL.get(post), m.end("post")
            if maxv is None and qual is None:
                qual = "exact"
            num = Num(start + s, start + e, value, maxv, qual, chunk[s:e])
            num.unit = COUNTERS[m.group("counter")]
            out.append(num)
        for m in _VAGUE.finditer(chunk):
            num = Num(start + m.start(), start + m.end(), None, text=m.group(0))
            num.unit = COUNTERS[m.group("counter")]
            out.append(num)
        return sorted(out, key=lambda n: n.start)
