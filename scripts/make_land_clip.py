"""Make data/geo/maa_pohjois-pohjanmaa.gshhg.geojson: the land (not sea) of the region's box.

The MML municipality borders include sea areas, so drawn as they are there is no coastline and
Hailuoto is not an island. The build clips them to this land polygon (tilannekuva/build/geometry.py).

Source: GSHHG 2.3.7 full resolution shorelines (Wessel & Smith, LGPL-3+), as Debian's
`gmt-gshhg-full` package, read with Debian's `gmt`. Natural Earth 1:10m (public domain) was
checked first and is too coarse here: it joins Hailuoto to the mainland. Lakes (GSHHG level 2)
are not cut out: a municipality's area includes its lakes. Islands under MIN_ISLAND_KM2 are left
out (invisible at the map's scale).

Not run by the build or the tests (the output is committed). To remake it:
    apt-get install --no-install-recommends gmt gmt-gshhg-full
    .venv/bin/python scripts/make_land_clip.py
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString, box
from shapely.ops import polygonize, unary_union

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "geo" / "maa_pohjois-pohjanmaa.gshhg.geojson"
WEST, EAST, SOUTH, NORTH = 22.6, 30.4, 63.3, 66.6  # the 30 municipalities: 22.78–30.14 E, 63.43–66.49 N
REGION = f"-R{WEST}/{EAST}/{SOUTH}/{NORTH}"
MIN_ISLAND_KM2 = 0.5
SIMPLIFY_M = 50.0  # far below the app's 400 m simplification; keeps the file small
DECIMALS = 5


def shoreline_segments() -> list[LineString]:
    """GSHHG level-1 shorelines in the box, as GMT dumps them (pieces cut at its storage bins)."""
    text = subprocess.run(
        ["gmt", "coast", REGION, "-Df", "-M", "-W1", f"-A{MIN_ISLAND_KM2}/1/1"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines, points = [], []
    for row in text.splitlines() + [">"]:
        if row.startswith(">"):
            if len(points) > 1:
                lines.append(LineString(points))
            points = []
        elif row.strip():
            x, y = row.split()[:2]
            points.append((float(x), float(y)))
    return lines


def land_faces(lines: list[LineString]) -> list:
    """Cut the box by the shorelines and keep the faces GMT's own wet/dry test calls land."""
    frame = box(WEST, SOUTH, EAST, NORTH)
    faces = list(polygonize(unary_union([*lines, frame.exterior])))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        points = [face.representative_point() for face in faces]
        handle.write("".join(f"{p.x:.8f} {p.y:.8f}\n" for p in points))
    kept = subprocess.run(
        ["gmt", "select", handle.name, "-Df", "-Ns/k/s/k/s", REGION], check=True, capture_output=True, text=True
    ).stdout
    Path(handle.name).unlink()
    on_land = {tuple(round(float(v), 6) for v in row.split()[:2]) for row in kept.splitlines() if row.strip()}
    return [f for f, p in zip(faces, points) if (round(p.x, 6), round(p.y, 6)) in on_land]


def main() -> None:
    land = unary_union(land_faces(shoreline_segments()))
    metric = gpd.GeoSeries([land], crs="EPSG:4326").to_crs("EPSG:3067")
    metric = metric.simplify(SIMPLIFY_M).make_valid()
    land = shapely.set_precision(metric.to_crs("EPSG:4326").iloc[0], 10**-DECIMALS)
    feature = {
        "type": "Feature",
        "properties": {
            "name": "land, Pohjois-Pohjanmaa box",
            "source": "GSHHG 2.3.7 full resolution, level 1 (Wessel & Smith), Debian gmt-gshhg-full",
            "licence": "LGPL-3.0-or-later",
            "bbox": [WEST, SOUTH, EAST, NORTH],
            "min_island_km2": MIN_ISLAND_KM2,
            "simplified_m": SIMPLIFY_M,
        },
        "geometry": json.loads(shapely.to_geojson(land)),
    }
    OUTPUT.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}, separators=(",", ":")))
    print(f"{OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size} bytes, {shapely.get_num_geometries(land)} parts")


if __name__ == "__main__":
    main()
