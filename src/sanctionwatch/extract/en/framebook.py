"""The frames' vocabulary from the pack's ``frames.yaml``: trigger words, party nouns, titles,
name cues and CAMEO codes, validated when the pack loads (a broken file is named with the key)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...packs import Pack

__all__ = ["FrameBook", "NameCue"]


def _words(pack: Pack, node: Any, key: str, where: str) -> frozenset[str]:
    value = node.get(key) if isinstance(node, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise pack.error("frames", f"{where}: {key!r} must be a list of words", node, key)
    return frozenset(v.lower() for v in value)


@dataclass(frozen=True)
class NameCue:
    """How a personal name shows its side: a surname first ("Yun Jong Ho") or a given name first
    and a surname ending ("Roman Chekushov")."""

    country: str
    surnames: frozenset[str] = frozenset()
    parts: int = 0
    given: frozenset[str] = frozenset()
    endings: tuple[str, ...] = ()

    def fits(self, tokens: list[str]) -> bool:
        if len(tokens) < 2:
            return False
        first, last = tokens[0].lower(), tokens[-1].lower()
        if self.surnames and first in self.surnames and (not self.parts or len(tokens) == self.parts):
            return all(t[:1].isupper() for t in tokens)
        if self.given and first in self.given:
            return True
        return bool(self.endings) and any(last.endswith(e) for e in self.endings) and first not in self.surnames


@dataclass(frozen=True)
class FrameBook:
    """The ``frames`` section of a pack, validated."""

    cameo: dict[str, tuple[str, ...]]
    party_nouns: frozenset[str]
    title_words: frozenset[str]
    home_bodies: frozenset[str]
    resident: frozenset[str]
    not_official: frozenset[str]
    name_cues: tuple[NameCue, ...]
    meet_verbs: frozenset[str]
    particles: dict[str, str]
    light_verbs: frozenset[str]
    meet_nouns: frozenset[str]
    between_nouns: frozenset[str]
    not_party_objects: frozenset[str]
    visit_verbs: frozenset[str]
    visit_nouns: frozenset[str]
    here_words: frozenset[str]
    home_words: frozenset[str]
    agree_nouns: frozenset[str]
    agree_verbs: frozenset[str]
    into_force: tuple[tuple[str, ...], ...]
    named: tuple[str, ...]
    coop_verbs: frozenset[str] = frozenset()
    coop_nouns: frozenset[str] = frozenset()
    #: a state's missions abroad ("visited the Embassy of Russia"): the state they name is not where one went
    mission_nouns: frozenset[str] = frozenset()

    @classmethod
    def from_pack(cls, pack: Pack) -> FrameBook:
        data = pack.sections.get("frames")
        if data is None:
            return cls.empty()
        if not isinstance(data, dict):
            raise pack.error("frames", "must be a mapping with cameo, parties, meeting, visit, agreement")
        cameo_node = data.get("cameo") or {}
        if not isinstance(cameo_node, dict):
            raise pack.error("frames", "cameo: must map a claim type to a list of CAMEO codes", data, "cameo")
        from ...model import CLAIM_TYPES

        cameo: dict[str, tuple[str, ...]] = {}
        for ctype, codes in cameo_node.items():
            if ctype not in CLAIM_TYPES:
                raise pack.error("frames", f"cameo: unknown claim type {ctype!r}", cameo_node, ctype)
            if not isinstance(codes, list) or not all(isinstance(c, str) and re.fullmatch(r"\d{2,4}", c)
                                                      for c in codes):
                raise pack.error("frames", f"cameo.{ctype}: codes must be strings of 2-4 digits ('042')",
                                 cameo_node, ctype)
            cameo[ctype] = tuple(codes)
        parties = data.get("parties") or {}
        cues = []
        for code, spec in (parties.get("name_cues") or {}).items():
            if not isinstance(spec, dict):
                raise pack.error("frames", f"parties.name_cues.{code}: must be a mapping", parties, "name_cues")
            for key in ("surnames", "given", "surname_endings"):
                if spec.get(key) is not None:
                    _words(pack, spec, key, f"parties.name_cues.{code}")  # quote YAML's booleans ("No")
            cues.append(NameCue(
                str(code), frozenset(s.lower() for s in spec.get("surnames") or []), int(spec.get("parts") or 0),
                frozenset(s.lower() for s in spec.get("given") or []),
                tuple(str(e).lower() for e in spec.get("surname_endings") or [])))
        meeting, visit, agreement = data.get("meeting") or {}, data.get("visit") or {}, data.get("agreement") or {}
        cooperation = data.get("cooperation") or {"verbs": [], "nouns": []}
        particles = meeting.get("particles") or {}
        if not isinstance(particles, dict):
            raise pack.error("frames", "meeting.particles: must map a verb to its particle", meeting, "particles")
        return cls(
            cameo=cameo,
            party_nouns=_words(pack, parties, "nouns", "parties"),
            title_words=_words(pack, parties, "title_words", "parties"),
            home_bodies=_words(pack, parties, "home_bodies", "parties"),
            resident=_words(pack, parties, "resident", "parties"),
            not_official=_words(pack, parties, "not_official", "parties"),
            name_cues=tuple(cues),
            meet_verbs=_words(pack, meeting, "verbs", "meeting"),
            particles={str(k).lower(): str(v).lower() for k, v in particles.items()},
            light_verbs=_words(pack, meeting, "light_verbs", "meeting"),
            meet_nouns=_words(pack, meeting, "nouns", "meeting"),
            between_nouns=_words(pack, meeting, "between_nouns", "meeting"),
            not_party_objects=_words(pack, meeting, "not_party_objects", "meeting"),
            visit_verbs=_words(pack, visit, "verbs", "visit"),
            visit_nouns=_words(pack, visit, "nouns", "visit"),
            here_words=_words(pack, visit, "here_words", "visit"),
            home_words=_words(pack, visit, "home_words", "visit"),
            agree_nouns=_words(pack, agreement, "nouns", "agreement"),
            agree_verbs=_words(pack, agreement, "verbs", "agreement"),
            into_force=tuple(tuple(p.split()) for p in _words(pack, agreement, "into_force", "agreement")),
            named=tuple(sorted(_words(pack, agreement, "named", "agreement"), key=len, reverse=True)),
            coop_verbs=_words(pack, cooperation, "verbs", "cooperation"),
            coop_nouns=_words(pack, cooperation, "nouns", "cooperation"),
            mission_nouns=_words(pack, visit, "mission_nouns", "visit") if "mission_nouns" in visit else frozenset(),
        )

    @classmethod
    def empty(cls) -> FrameBook:
        none: frozenset[str] = frozenset()
        return cls({}, none, none, none, none, none, (), none, {}, none, none, none, none, none, none, none, none, none,
                   none, (), ())
