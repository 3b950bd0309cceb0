from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.exceptions import PackError
from sanctionwatch.extract.lexicon import Lexicon
from sanctionwatch.packs import BUNDLED, load_pack


def test_bundled_pack_validates() -> None:
    lex = Lexicon.from_pack(load_pack("dprk"))
    assert lex.aliases["Shoigu"].name == "Sergei Shoigu"
    assert lex.aliases["Pyongyang"].country == "KP"
    assert lex.places["Kursk"].name == "Kursk Oblast"


def test_broken_lexicon_names_file_and_line(tmp_path: Path) -> None:
    for f in (BUNDLED / "dprk").glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace("type: troop_deployment", "type: troops_sent", 1),
                       encoding="utf-8")
    with pytest.raises(PackError, match=r"lexicon\.yaml:\d+: kinds\[\d\]: unknown claim type 'troops_sent'"):
        Lexicon.from_pack(load_pack(tmp_path))
