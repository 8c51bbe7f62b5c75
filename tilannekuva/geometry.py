"""Map geometry, made at build time so the app ships small, ready GeoJSON.

Municipality borders (MML, CC BY 4.0) are simplified as one *coverage* (shared borders stay
shared, so no slivers or gaps open between neighbours), the six Pohde areas are dissolved from
the simplified municipalities, and coordinates are rounded to what a screen can show.
Only this module imports geopandas; the app never does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import polars as pl
import shapely

from .inputs import InputError

METRIC_CRS = "EPSG:3067"  # ETRS-TM35FIN: metres, so tolerances mean the same everywhere
OUTPUT_CRS = "EPSG:4326"
REGION_TOLERANCE_M = 400.0  # 30 municipalities: a 1920-pixel-wide map shows ~250 m per pixel
COUNTRY_TOLERANCE_M = 1500.0  # all of Finland on one screen: ~700 m per pixel
COORD_DECIMALS = 4  # ~10 m at 65°N; more digits only add bytes


@dataclass(frozen=True)
class Layer:
    name: str
    geojson: str
    n_features: int

    @property
    def bytes(self) -> int:
        return len(self.geojson.encode("utf-8"))


def _read_boundaries(path: Path) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise InputError(path, None, f"cannot read boundaries: {exc}") from exc
    if "NATCODE" not in frame.columns:
        raise InputError(path, None, "boundaries have no NATCODE (kuntanumero) property")
    return frame.to_crs(METRIC_CRS)


def _round(geom, decimals: int):
    return shapely.set_precision(geom, 10 ** -decimals, mode="pointwise")


def _to_geojson(frame: gpd.GeoDataFrame, id_column: str, props: list[str]) -> str:
    frame = frame.to_crs(OUTPUT_CRS)
    features = []
    for row in frame.sort_values(id_column).itertuples(index=False):
        geom = _round(row.geometry, COORD_DECIMALS)
        features.append({
            "type": "Feature",
            "id": getattr(row, id_column),
            "properties": {p: getattr(row, p) for p in props},
            "geometry": json.loads(shapely.to_geojson(geom)),
        })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"))


def _simplify(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    out = frame.copy()
    out["geometry"] = shapely.coverage_simplify(out.geometry.values, tolerance)
    out["geometry"] = shapely.make_valid(out.geometry.values)
    return out


def build_layers(boundaries: Path, municipalities: pl.DataFrame, membership: pl.DataFrame) -> list[Layer]:
    """Three layers: `kunta` (the 30), `alue` (the six areas), `kunta_koko_maa` (all of Finland)."""
    frame = _read_boundaries(boundaries)
    frame = frame.rename(columns={"NATCODE": "area_code", "NAMEFIN": "name_fi"})
    codes = set(municipalities["kuntanumero"])
    missing = sorted(codes - set(frame["area_code"]))
    if missing:
        raise InputError(boundaries, None, f"no boundary for municipality {', '.join(missing)}")

    region = _simplify(frame[frame["area_code"].isin(codes)][["area_code", "name_fi", "geometry"]],
                       REGION_TOLERANCE_M)
    area_of = dict(zip(membership["kuntanumero"], membership["area_code"]))
    region["alue"] = region["area_code"].map(area_of)
    areas = region.dissolve(by="alue", as_index=False)[["alue", "geometry"]].rename(columns={"alue": "area_code"})
    country = _simplify(frame[["area_code", "name_fi", "geometry"]], COUNTRY_TOLERANCE_M)
    return [
        Layer("kunta", _to_geojson(region, "area_code", ["area_code", "name_fi", "alue"]), len(region)),
        Layer("alue", _to_geojson(areas, "area_code", ["area_code"]), len(areas)),
        Layer("kunta_koko_maa", _to_geojson(country, "area_code", ["area_code", "name_fi"]), len(country)),
    ]
