"""The web map's base layer: Natural Earth country outlines shipped in the package (scripts/build-borders.py)."""
from __future__ import annotations

import json
from importlib import resources


def _world() -> dict:
    return json.loads(resources.files("sanctionwatch.serve").joinpath("static/countries.geojson").read_text("utf-8"))


def test_shipped_outlines_are_natural_earth_and_small() -> None:
    world = _world()
    assert "Natural Earth" in world["note"] and "build-borders.py" in world["note"]
    by_iso = {f["properties"]["iso"]: f for f in world["features"]}
    assert {"KP", "KR", "RU", "UA", "CN", "IR", "JP", "BY", "KZ", "MN"} <= by_iso.keys()
    assert by_iso["KP"]["properties"]["name"] == "North Korea"  # the pack's name, not "Dem. Rep. Korea"
    points = lambda f: sum(len(r) for p in f["geometry"]["coordinates"] for r in p)  # noqa: E731
    assert points(by_iso["RU"]) > 1000  # a real outline, not a dozen hand-drawn segments
    size = len(json.dumps(world))
    assert size < 400_000  # loads fast


def test_outlines_are_valid_closed_rings_in_range() -> None:
    for f in _world()["features"]:
        assert f["geometry"]["type"] == "MultiPolygon"
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
        label = f["properties"].get("label")
        if label:
            assert -180 <= label[0] <= 180 and -90 <= label[1] <= 90
