"""Sanctions-name matching benchmark: our matcher vs a plain rapidfuzz ratio, same run.

Builds a variant set from the UN list's DPRK entries (listed aliases, romanisation
variants MR→RR, hyphen/joined/surname-last forms, Hangul and Cyrillic renderings, one-edit
typos in the longest token) plus negatives (common Korean and Russian names and companies
that are not designated, and near-misses: a listed name with one syllable changed).
A query is a hit when the best entry at or above the threshold is the right one; a
negative with any entry above the threshold is a false positive.

    python benchmarks/matching.py [UN_XML] [--threshold 0.88]

The last line printed is one JSON object with the figures.
"""
from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from sanctionwatch.resolve.lists import read_list
from sanctionwatch.resolve.matching import THRESHOLD, NameIndex
from sanctionwatch.resolve.normalize import key_tokens

DEFAULT_XML = Path("/work/shared/data/sanctions/un_sc_consolidated_2024-09-26.xml")
SEED = 1718

# MR (DPRK) -> Revised Romanization rewrites of syllables, applied to whole tokens
MR_TO_RR = [(r"^k(?=[aeiouwy])", "g"), (r"^p(?=[aeiouwy])", "b"), (r"^t(?=[aeiouwy])", "d"),
            (r"o(?=ng$|n$|l$|k$|p$|m$)", "eo"), (r"^ch(?!')", "j"), (r"u(?=n$|l$|m$)", "eu")]
SURNAME_RR = {"ri": "Lee", "pak": "Park", "choe": "Choi", "jong": "Jeong", "ro": "Noh", "rim": "Lim",
              "ryu": "Yoo", "o": "Oh", "yun": "Yoon", "kim": "Kim", "jo": "Cho", "jang": "Jang", "ko": "Koh"}
# MR syllable pieces -> Hangul jamo indexes (initial, vowel, final), for Hangul renderings
INITIAL = {"kk": 1, "tt": 4, "pp": 8, "ss": 10, "jj": 13, "ch": 14, "kh": 15, "th": 16, "ph": 17,
           "k": 0, "g": 0, "n": 2, "t": 3, "d": 3, "r": 5, "l": 5, "m": 6, "p": 7, "b": 8, "s": 9,
           "j": 12, "h": 18, "": 11}
VOWEL = {"yae": 3, "wae": 10, "ae": 1, "ya": 2, "ye": 7, "yo": 6, "wa": 9, "oe": 11, "wo": 14, "we": 15,
         "wi": 16, "yu": 17, "ui": 19, "a": 0, "e": 5, "o": 4, "u": 13, "i": 20}
FINAL = {"ng": 21, "k": 1, "n": 4, "t": 7, "l": 8, "m": 16, "p": 17, "h": 27, "": 0}
SURNAME_HANGUL = {"kim": "김", "ri": "리", "pak": "박", "choe": "최", "jong": "정", "kang": "강", "jo": "조",
                  "yun": "윤", "jang": "장", "rim": "림", "han": "한", "o": "오", "ryu": "류", "ko": "고"}
# MR letters -> Russian (Kontsevich-like, letter level; deliberately not our matcher's table)
CYR = [("ch", "ч"), ("kh", "кх"), ("th", "т"), ("ph", "п"), ("ng", "н"), ("yo", "ё"), ("yu", "ю"),
       ("ya", "я"), ("ae", "э"), ("oe", "ве"), ("ui", "ый"), ("wa", "ва"), ("wo", "во"), ("k", "к"),
       ("g", "г"), ("n", "н"), ("t", "т"), ("d", "д"), ("r", "р"), ("l", "ль"), ("m", "м"), ("p", "п"),
       ("b", "б"), ("s", "с"), ("j", "ч"), ("h", "х"), ("a", "а"), ("e", "е"), ("o", "о"), ("u", "у"),
       ("i", "и"), ("w", "в"), ("y", "й")]
SURNAME_CYR = {"kim": "Ким", "ri": "Ли", "pak": "Пак", "choe": "Чхве", "jong": "Чон", "jang": "Чан",
               "ryu": "Рю", "o": "О", "yun": "Юн", "han": "Хан", "kang": "Кан", "jo": "Чо"}

NEG_PERSONS_KO_RR = ["Kim Min-jun", "Lee Seo-yeon", "Park Ji-ho", "Choi Ha-eun", "Jung Do-yun", "Kang Seo-jun",
                     "Cho Ji-woo", "Yoon Su-bin", "Jang Hyun-woo", "Lim Ye-jin", "Han Ji-min", "Oh Se-hoon",
                     "Shin Dong-bin", "Kwon Yu-ri", "Hwang Hee-chan", "Song Hye-kyo", "Moon Jae-in",
                     "Yoon Suk-yeol", "Lee Jae-myung", "Han Duck-soo", "Kim Dae-jung", "Park Geun-hye",
                     "Lee Myung-bak", "Roh Moo-hyun", "Ban Ki-moon", "Son Heung-min", "Kim Yuna",
                     "Ryu Hyun-jin", "Bae Yong-joon", "Kim Tae-hee"]
NEG_PERSONS_KP = ["Kim Jong Un", "Kim Yo Jong", "Kim Jong Il", "Kim Il Sung", "Choe Son Hui", "Pak Jong Chon",
                  "No Kwang Chol", "Ri Pyong Chol", "Jo Yong Won", "Kim Tok Hun", "Pak Pong Ju",
                  "Choe Ryong Hae", "Kim Song Nam", "Ri Son Gwon", "Hyon Song Wol", "Ri Il Hwan",
                  "Kim Jae Ryong", "Jong Kyong Thaek", "Kang Sun Nam", "O Su Yong"]
NEG_PERSONS_RU = ["Sergei Shoigu", "Vladimir Putin", "Sergei Lavrov", "Andrei Belousov", "Valery Gerasimov",
                  "Dmitry Peskov", "Vassily Nebenzia", "Alexander Khinshtein", "Sergei Ivanov", "Ivan Petrov",
                  "Dmitry Smirnov", "Alexei Kuznetsov", "Mikhail Popov", "Nikolai Sokolov", "Olga Lebedeva",
                  "Tatiana Kozlova", "Andrei Novikov", "Yelena Morozova", "Pavel Volkov", "Natalia Solovyova",
                  "Alexander Kozlov", "Denis Manturov", "Sergei Kiriyenko", "Maria Zakharova", "Anton Siluanov",
                  "Сергей Шойгу", "Владимир Путин", "Андрей Белоусов", "Ким Чен Ын", "김정은", "김여정",
                  "최선희", "Шойгу", "Alexander Kim", "Viktor Tsoi", "Roman Kim", "Anatoly Pak", "Yuri Ten"]
NEG_ORGS = ["Gazprom", "Rosneft", "Sberbank", "Aeroflot", "Rostec", "Lukoil", "Novatek", "Russian Railways",
            "Far Eastern Shipping Company", "Sovcomflot", "Samsung Electronics", "Hyundai Motor Company", "LG Chem",
            "Korea Electric Power Corporation", "Korea Trade-Investment Promotion Agency", "Korean Air",
            "Hanwha Aerospace", "Korea Aerospace Industries", "Rosoboronexport", "Almaz-Antey",
            "Kalashnikov Concern", "Uralvagonzavod", "Russian Ministry of Foreign Affairs", "Korea Development Bank",
            "Bank of Korea", "Korea Exchange Bank", "Air Koryo", "Korean Central News Agency", "Rodong Sinmun",
            "Alabuga Special Economic Zone"]
NEAR_MISS_SYLLABLES = ["chol", "su", "nam", "ho", "il", "min", "hyok", "sun", "gwang", "yong"]


def _romanize_rr(token: str) -> str:
    t = token.lower()
    for pattern, repl in MR_TO_RR:
        t = re.sub(pattern, repl, t)
    return t


def _syllable_hangul(syl: str) -> str | None:
    s = syl.lower().replace("'", "")
    for ini in sorted(INITIAL, key=len, reverse=True):
        if not s.startswith(ini):
            continue
        rest = s[len(ini):]
        for vow in sorted(VOWEL, key=len, reverse=True):
            if not rest.startswith(vow):
                continue
            fin = rest[len(vow):]
            if fin in FINAL:
                return chr(0xAC00 + INITIAL[ini] * 588 + VOWEL[vow] * 28 + FINAL[fin])
    return None


def _cyrillic(token: str) -> str:
    t, out = token.lower(), ""
    while t:
        for latin, cyr in CYR:
            if t.startswith(latin):
                out += cyr
                t = t[len(latin):]
                break
        else:
            t = t[1:]
    return out.capitalize()


def person_variants(primary: str, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, variant) pairs of one Korean name written 'FAMILY GIVEN-NAME'."""
    tokens = primary.replace("-", " ").split()
    if not tokens:
        return []
    family, given = tokens[0].lower(), [t.lower() for t in tokens[1:]]
    out = [("case", primary.title()),
           ("hyphen", f"{family.title()} {'-'.join(given).capitalize()}" if given else primary),
           ("joined", f"{family.title()} {''.join(given).capitalize()}" if given else primary)]
    if given:
        out.append(("surname_last", f"{' '.join(g.title() for g in given)} {family.title()}"))
    rr_given = "-".join(_romanize_rr(g) for g in given)
    out.append(("romanisation_rr", f"{SURNAME_RR.get(family, family.title())} {rr_given.capitalize()}".strip()))
    hangul = [SURNAME_HANGUL.get(family) or _syllable_hangul(family)] + [_syllable_hangul(g) for g in given]
    if all(hangul):
        out.append(("hangul", "".join(h for h in hangul if h)))
    out.append(("cyrillic", " ".join([SURNAME_CYR.get(family, _cyrillic(family))] + [_cyrillic(g) for g in given])))
    longest = max(tokens, key=len)
    if len(longest) >= 4:
        out.append(("typo", primary.replace(longest, _typo(longest, rng), 1)))
    return out


def org_variants(primary: str, rng: random.Random) -> list[tuple[str, str]]:
    out = [("case", primary.title())]
    swapped = re.sub(r"\bCORPORATION\b", "Corp.", primary, flags=re.I)
    swapped = re.sub(r"\bCOMPANY\b", "Co., Ltd.", swapped, flags=re.I)
    if swapped != primary:
        out.append(("legal_form", swapped))
    longest = max(primary.split(), key=len)
    if len(longest) >= 5:
        out.append(("typo", primary.replace(longest, _typo(longest, rng), 1)))
    return out


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(["swap", "drop", "double", "sub"])
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    vowels = "aeiou"
    c = word[i]
    repl = rng.choice([v for v in vowels if v != c.lower()]) if c.lower() in vowels else c
    return word[:i] + repl + word[i + 1:]


def build(xml: Path) -> tuple[list, list[tuple[str, str, str | None]]]:
    rng = random.Random(SEED)
    entries = [e for e in read_list(xml) if e.program == "UN-SC1718"]
    queries: list[tuple[str, str, str | None]] = []  # (kind, text, expected entry id or None)
    listed_keys = {" ".join(sorted(key_tokens(n))) for e in entries for n in e.names + e.weak_names}
    for e in entries:
        for alias in e.names[1:] + e.weak_names:
            queries.append(("alias", alias, e.id))
        variants = person_variants(e.caption, rng) if e.is_person else org_variants(e.caption, rng)
        for kind, text in variants:
            queries.append((kind, text, e.id))
        if e.is_person:  # near miss: one given-name syllable changed
            tokens = e.caption.replace("-", " ").split()
            if len(tokens) >= 2:
                for syl in NEAR_MISS_SYLLABLES:
                    if syl != tokens[-1].lower():
                        miss = " ".join(tokens[:-1] + [syl.upper()])
                        if " ".join(sorted(key_tokens(miss))) not in listed_keys:
                            queries.append(("near_miss", miss, None))
                        break
    for kind, names in (("neg_person_kr", NEG_PERSONS_KO_RR), ("neg_person_kp", NEG_PERSONS_KP),
                        ("neg_person_ru", NEG_PERSONS_RU), ("neg_org", NEG_ORGS)):
        for n in names:
            if " ".join(sorted(key_tokens(n))) not in listed_keys:
                queries.append((kind, n, None))
    return entries, queries


def evaluate(predict, queries) -> dict:
    tp = fp = fn = 0
    by_kind: dict[str, list[int]] = {}
    for kind, text, expected in queries:
        got = predict(text)
        ok = got == expected
        if expected is not None:
            tp += ok
            fn += not ok
            if got is not None and not ok:
                fp += 1
        elif got is not None:
            fp += 1
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][0] += ok
        by_kind[kind][1] += 1
    return {"recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "tp": tp, "fp": fp, "fn": fn,
            "accuracy_by_kind": {k: round(a / n, 3) for k, (a, n) in sorted(by_kind.items())}}


def main(argv: list[str]) -> int:
    xml = Path(next((a for a in argv[1:] if not a.startswith("-") and not re.match(r"^[0-9.]+$", a)), DEFAULT_XML))
    threshold = float(argv[argv.index("--threshold") + 1]) if "--threshold" in argv else THRESHOLD
    if not xml.is_file():
        print(json.dumps({"error": f"no UN list at {xml}"}))
        return 2
    entries, queries = build(xml)
    index = NameIndex.build((e.id, e.is_person, e.names, e.weak_names) for e in entries)

    def ours(text: str) -> str | None:
        hits = index.search(text, threshold=threshold, limit=1)
        return hits[0]["entry_id"] if hits else None

    choices = [(n.lower(), e.id) for e in entries for n in e.names + e.weak_names]
    names = [c[0] for c in choices]

    def baseline(text: str) -> str | None:
        hit = process.extractOne(text.lower(), names, scorer=fuzz.ratio, score_cutoff=threshold * 100)
        return choices[hit[2]][1] if hit else None

    t0 = time.perf_counter()
    mine = evaluate(ours, queries)
    t1 = time.perf_counter()
    base = evaluate(baseline, queries)
    t2 = time.perf_counter()
    positives = sum(1 for q in queries if q[2])
    print(f"entries {len(entries)}  queries {len(queries)} ({positives} positive, {len(queries) - positives} negative)"
          f"  threshold {threshold}")
    for label, r, dt in (("sanctionwatch", mine, t1 - t0), ("rapidfuzz ratio", base, t2 - t1)):
        print(f"{label:16s} recall {r['recall']:.3f}  precision {r['precision']:.3f}  "
              f"(tp {r['tp']} fp {r['fp']} fn {r['fn']})  {1000 * dt / len(queries):.2f} ms/query")
    if "-v" in argv:
        for kind, text, expected in queries:
            got = ours(text)
            if got != expected:
                print("  miss" if expected else "  false+", kind, repr(text), expected, got,
                      index.search(text, threshold=0.0, limit=1)[:1])
    print(json.dumps({"benchmark": "matching", "entries": len(entries), "queries": len(queries),
                      "positives": positives, "threshold": threshold, "matcher": mine, "baseline": base}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
