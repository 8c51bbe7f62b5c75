"""Map geometry, made at build time so the app ships small, ready GeoJSON.

Municipality borders (MML, CC BY 4.0) include the sea, so the region's 30 are first clipped to
land (GSHHG shorelines, `LAND_FILE` beside the borders; scripts/make_land_clip.py made it): the
coast shows and Hailuoto is an island. Then they are simplified as one *coverage* (shared borders
stay shared, so no slivers or gaps open between neighbours), islands too small to see are
dropped, the six Pohde areas are dissolved from the simplified municipalities, and coordinates
are rounded to what a screen can show. The whole-country layer is not clipped (its land file
would be large; it is only a context layer).
Only this module imports geopandas; the app never does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import polars as pl
import shapely
import shapely.ops

from .. import codes
from .inputs import InputError

METRIC_CRS = "EPSG:3067"  # ETRS-TM35FIN: metres, so tolerances mean the same everywhere
OUTPUT_CRS = "EPSG:4326"
REGION_TOLERANCE_M = 400.0  # 30 municipalities: a 1920-pixel-wide map shows ~250 m per pixel
COUNTRY_TOLERANCE_M = 1500.0  # all of Finland on one screen: ~700 m per pixel
COORD_DECIMALS = 4  # ~10 m at 65°N; more digits only add bytes
LAND_FILE = "maa_pohjois-pohjanmaa.gshhg.geojson"  # next to the municipality borders
MIN_PART_M2 = 1_500_000.0  # islands under 1.5 km² are a few pixels on the map: not worth bytes


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


def _read_land(path: Path):
    """The land polygon (one MultiPolygon) in the metric CRS."""
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise InputError(path, None, f"cannot read the land polygon: {exc}") from exc
    if frame.empty or not frame.geometry.notna().any():
        raise InputError(path, None, "the land polygon file has no geometry")
    return shapely.make_valid(frame.to_crs(METRIC_CRS).geometry.union_all())


def clip_to_land(frame: gpd.GeoDataFrame, land, land_path: Path) -> gpd.GeoDataFrame:
    """Each polygon without its sea; a municipality must keep some land (else the file is wrong)."""
    out = frame.copy()
    clipped = shapely.intersection(out.geometry.values, land)
    out["geometry"] = [_polygonal(g) for g in clipped]
    empty = out.loc[out.geometry.is_empty, "area_code"].tolist()
    if empty:
        raise InputError(land_path, None, f"no land left for municipality {', '.join(empty)} after clipping")
    return out


def _polygonal(geom):
    """Only the (multi)polygon parts: an intersection can add stray lines and points."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.MultiPolygon()


def _drop_small_parts(geom, min_area: float):
    """Parts under `min_area` (m²) dropped; the largest part always stays."""
    parts = sorted(shapely.get_parts(geom), key=lambda g: g.area, reverse=True)
    kept = [p for i, p in enumerate(parts) if i == 0 or p.area >= min_area]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def _round(geom, decimals: int):
    return shapely.set_precision(geom, 10**-decimals, mode="pointwise")


def label_points(frame: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """Where a name goes: the point deepest inside each feature's largest part (pole of
    inaccessibility, 1 km precision), in the frame's metric CRS – a centroid can fall outside a
    bent municipality or into the sea beside a coast."""
    points = []
    for geom in frame.geometry.values:
        largest = max(shapely.get_parts(geom), key=lambda g: g.area)
        points.append(shapely.get_coordinates(shapely.ops.polylabel(largest, tolerance=1000.0))[0])
    return [tuple(p) for p in points]


def _to_geojson(frame: gpd.GeoDataFrame, id_column: str, props: list[str], *, labels: bool = False) -> str:
    extra: dict[str, list] = {}
    if labels:
        points = gpd.GeoSeries(gpd.points_from_xy(*zip(*label_points(frame))), crs=frame.crs).to_crs(OUTPUT_CRS)
        extra["label"] = [[round(p.x, 3), round(p.y, 3)] for p in points]
        extra["km2"] = [round(g.area / 1e6) for g in frame.geometry.values]
    order = frame[id_column].argsort(kind="stable").tolist()
    frame = frame.to_crs(OUTPUT_CRS)
    features = []
    for i in order:
        row = frame.iloc[i]
        geom = _round(row.geometry, COORD_DECIMALS)
        features.append(
            {
                "type": "Feature",
                "id": row[id_column],
                "properties": {**{p: row[p] for p in props}, **{k: v[i] for k, v in extra.items()}},
                "geometry": json.loads(shapely.to_geojson(geom)),
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))


def _simplify(frame: gpd.GeoDataFrame, tolerance: float, min_part: float = 0.0) -> gpd.GeoDataFrame:
    out = frame.copy()
    out["geometry"] = shapely.coverage_simplify(out.geometry.values, tolerance)
    out["geometry"] = [_polygonal(g) for g in shapely.make_valid(out.geometry.values)]
    if min_part:
        out["geometry"] = [_drop_small_parts(g, min_part) for g in out.geometry.values]
    return out


def build_layers(
    boundaries: Path, municipalities: pl.DataFrame, membership: pl.DataFrame, land: Path | None = None
) -> list[Layer]:
    """Three layers: `kunta` (the 30, clipped to land), `alue` (the six areas), `kunta_koko_maa`
    (all of Finland, not clipped). `land` defaults to LAND_FILE beside `boundaries`."""
    land_path = Path(land) if land is not None else Path(boundaries).parent / LAND_FILE
    frame = _read_boundaries(boundaries)
    frame = frame.rename(columns={"NATCODE": "area_code", "NAMEFIN": "name_fi"})
    kuntanumerot = set(municipalities["kuntanumero"])
    missing = sorted(kuntanumerot - set(frame["area_code"]))
    if missing:
        raise InputError(boundaries, None, f"no boundary for municipality {', '.join(missing)}")

    region = clip_to_land(
        frame[frame["area_code"].isin(kuntanumerot)][["area_code", "name_fi", "geometry"]],
        _read_land(land_path),
        land_path,
    )
    region = _simplify(region, REGION_TOLERANCE_M, MIN_PART_M2)
    area_of = dict(zip(membership["kuntanumero"], membership["area_code"]))
    region["alue"] = region["area_code"].map(area_of)
    areas = region.dissolve(by="alue", as_index=False)[["alue", "geometry"]].rename(columns={"alue": "area_code"})
    country = _simplify(frame[["area_code", "name_fi", "geometry"]], COUNTRY_TOLERANCE_M)
    return [
        Layer(
            codes.MUNICIPALITY,
            _to_geojson(region, "area_code", ["area_code", "name_fi", "alue"], labels=True),
            len(region),
        ),
        Layer(codes.POHDE_AREA, _to_geojson(areas, "area_code", ["area_code"], labels=True), len(areas)),
        Layer(codes.COUNTRY_MAP_LAYER, _to_geojson(country, "area_code", ["area_code", "name_fi"]), len(country)),
    ]
