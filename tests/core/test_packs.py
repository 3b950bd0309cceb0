from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.exceptions import PackError
from sanctionwatch.packs import load_pack


def test_bundled_pack_loads_with_sections() -> None:
    pack = load_pack("dprk")
    assert pack.name == "dprk"
    assert pack.sections, "the DPRK pack has data files"


def test_unknown_pack_names_the_choices() -> None:
    with pytest.raises(PackError, match="no domain pack 'nope'.*dprk"):
        load_pack("nope")


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("name: broken\nversion: '1'\n")
    (tmp_path / "lexicon.yaml").write_text("kinds:\n  - a\n  b: [\n")
    with pytest.raises(PackError, match=r"lexicon\.yaml:\d+: invalid YAML"):
        load_pack(str(tmp_path))


def test_error_helper_points_at_the_key(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("name: t\nversion: '1'\n")
    (tmp_path / "actors.yaml").write_text("first: 1\nsecond:\n  name: x\n")
    pack = load_pack(str(tmp_path))
    err = pack.error("actors", "bad actor", pack.sections["actors"], "second")
    assert str(err).endswith("actors.yaml:2: bad actor")


def test_child_pack_extends_base(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("name: child\nversion: '1'\nextends: dprk\n")
    (tmp_path / "extra.yaml").write_text("terms: [a]\n")
    pack = load_pack(str(tmp_path))
    base = load_pack("dprk")
    assert set(base.sections) <= set(pack.sections)
    assert pack.sections["extra"] == {"terms": ["a"]}
