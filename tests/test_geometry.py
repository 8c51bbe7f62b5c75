"""Map geometry at build time: municipalities clipped to land (coastline, Hailuoto an island)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
import shapely
from shapely.geometry import Point, shape

from tilannekuva.build import geometry
from tilannekuva.build.inputs import InputError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
HAILUOTO, OULU = "072", "564"
# Open sea, checked on GSHHG and nautical charts: Hailuotos's strait (Luodonselkä), the Bothnian Bay
# west of Hailuoto, off Raahe, off Kalajoki and off Ii.
SEA_POINTS = {
    "Luodonselkä": (25.10, 65.00),
    "west of Hailuoto": (24.30, 65.00),
    "off Raahe": (24.20, 64.70),
    "off Kalajoki": (23.70, 64.30),
    "off Ii": (24.90, 65.35),
}
LAND_POINTS = {"Hailuoto village": (24.72, 65.02), "Oulu centre": (25.47, 65.01), "Kuusamo": (29.19, 65.97)}


def _inputs():
    municipalities = pl.read_csv(DATA / "municipalities.csv", infer_schema=False)
    membership = pl.read_csv(DATA / "area_membership.csv", infer_schema=False)
    return municipalities, membership


@pytest.fixture(scope="module")
def layers() -> dict:
    municipalities, membership = _inputs()
    built = geometry.build_layers(DATA / "geo" / "kuntarajat.2023.json", municipalities, membership)
    return {layer.name: layer for layer in built}


def _shapes(layer) -> dict:
    return {f["id"]: shape(f["geometry"]) for f in json.loads(layer.geojson)["features"]}


def test_no_municipality_covers_open_sea(layers):
    municipal = _shapes(layers["kunta"])
    assert len(municipal) == 30
    for name, (lon, lat) in SEA_POINTS.items():
        covering = [code for code, geom in municipal.items() if geom.contains(Point(lon, lat))]
        assert not covering, f"{name} ({lon}, {lat}) is sea but lies inside {covering}"
    for name, (lon, lat) in LAND_POINTS.items():
        assert any(g.contains(Point(lon, lat)) for g in municipal.values()), f"{name} is land but not drawn"


def test_hailuoto_is_an_island(layers):
    municipal = _shapes(layers["kunta"])
    hailuoto = municipal[HAILUOTO]
    others = shapely.union_all([g for code, g in municipal.items() if code != HAILUOTO])
    # Before clipping Hailuoto shared a sea border with Oulu; now there is water all round it.
    assert hailuoto.distance(others) > 0.02  # degrees, ~1–2 km of strait even after simplification
    assert hailuoto.contains(Point(*LAND_POINTS["Hailuoto village"]))
    areas = _shapes(layers["alue"])
    assert not any(g.contains(Point(*SEA_POINTS["Luodonselkä"])) for g in areas.values())


def test_coastline_is_detailed_and_small(layers):
    """The coast has real shape (many vertices on the sea side) and the layer stays light."""
    municipal = _shapes(layers["kunta"])
    oulu = municipal[OULU]
    assert layers["kunta"].bytes <= 150_000
    assert layers["alue"].bytes <= 150_000
    # Oulu's polygon ends at the shore: its western edge is the coast, east of the open sea at 25.1 E.
    assert oulu.bounds[0] > 24.9
    assert all(g.is_valid for g in municipal.values())


def test_land_file_provenance():
    collection = json.loads((DATA / "geo" / geometry.LAND_FILE).read_text())
    props = collection["features"][0]["properties"]
    assert "GSHHG" in props["source"] and props["licence"].startswith("LGPL")
    assert geometry.LAND_FILE in (DATA / "SOURCES.md").read_text()


def test_missing_land_file_is_a_clear_error(tmp_path):
    municipalities, membership = _inputs()
    with pytest.raises(InputError, match="land polygon"):
        geometry.build_layers(
            DATA / "geo" / "kuntarajat.2023.json", municipalities, membership, land=tmp_path / "nope.geojson"
        )


def test_land_that_misses_a_municipality_is_a_clear_error(tmp_path):
    municipalities, membership = _inputs()
    far_away = tmp_path / "land.geojson"
    far_away.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[25.0, 64.9], [26.0, 64.9], [26.0, 65.2], [25.0, 65.2], [25.0, 64.9]]],
                        },
                    }
                ],
            }
        )
    )
    with pytest.raises(InputError, match="no land left for municipality"):
        geometry.build_layers(DATA / "geo" / "kuntarajat.2023.json", municipalities, membership, land=far_away)
