"""The Kartta page's model: one indicator in one year on the municipalities or the Pohde areas.

Pure (no Streamlit): `build(db, view, *, texts, this_year)` gives the rows, the written finding
(as lines), the figure, the table alternative, alt text, source line and captions, so the page only
draws them and a report or slide can show the same map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

import polars as pl

from .. import codes
from ..charts import map as map_charts
from ..indicator import IndicatorSpec, spec_for
from ..viewstate import ViewState
from .table import SharedTable, shared_table

EMPTY_GEOJSON = {"type": "FeatureCollection", "features": []}


def read_geojson(db, layer: str) -> dict:
    """The layer's features (feature id = area code); an empty collection when not built."""
    frame = db.query("geometry", layer=layer)
    return json.loads(frame["geojson"][0]) if frame.height else dict(EMPTY_GEOJSON)


@dataclass(frozen=True)
class MapModel:
    spec: IndicatorSpec
    year: int
    layer: str
    rows: pl.DataFrame              # charts.map.layer_rows, ranked
    region: pl.DataFrame            # the region's own row(s) this year
    region_name: str | None
    region_value: float | None
    region_month: int | None
    has_geometry: bool
    selected_level: str | None
    finding: Any                    # charts.map.MapFinding (None without geometry)
    fig: Any
    table: SharedTable              # st.dataframe gets the pandas copy made once here
    source: str
    lines: tuple[str, ...] = ()     # the written finding: a heading, then one Markdown fact a line
    alt: str = ""
    filename: str = ""
    notes: tuple[str, ...] = ()     # captions below the finding (caveat, Hailuoto, how to read)


def build(db, view: ViewState, *, texts, this_year: int, phone: bool = False,
          geojson: Callable[[str], dict] | None = None) -> MapModel | None:
    """The map of `view` (indicator, year, gender, layer, area). None when the indicator is unknown
    or has no year. `geojson(layer)` may be a shared (cached) loader; by default read from `db`."""
    spec = spec_for(db, view.indicator)
    if spec is None or view.year is None:
        return None
    load = geojson or (lambda layer: read_geojson(db, layer))
    TM, T = texts.map, texts.common
    year, layer, area = int(view.year), view.layer, view.area
    areas = db.query("areas")
    year_rows = db.query("indicator_year", indicator_id=spec.indicator_id, year=year, gender=view.gender)
    rows = map_charts.rank_areas(map_charts.layer_rows(year_rows, areas, layer))
    region = year_rows.filter(pl.col("area_code") == codes.REGION)
    region_row = region.row(0, named=True) if region.height else None
    region_name = (region_row["name_fi"] if region_row
                   else areas.filter(pl.col("area_code") == codes.REGION)["name_fi"].first())
    region_value = region_row["value"] if region_row and region_row["status"] == codes.OK else None
    region_month = region_row["month"] if region_row else None

    geo = load(layer)
    selected_level = dict(zip(areas["area_code"], areas["level"])).get(area)
    base = dict(spec=spec, year=year, layer=layer, rows=rows, region=region, region_name=region_name,
                region_value=region_value, region_month=region_month, selected_level=selected_level)
    if not geo["features"]:
        return MapModel(**base, has_geometry=False, finding=None, fig=None, table=shared_table(rows), source="")
    borders = load(codes.POHDE_AREA)
    selected_geo = (geo if selected_level == layer
                    else load(selected_level) if selected_level in codes.MAP_LAYERS else None)
    options = map_charts.MapOptions(
        spec, year=year, layer=layer, selected=area if selected_geo is not None else None,
        height=map_charts.PHONE_MAP_HEIGHT if phone else map_charts.MAP_HEIGHT,
        area_names=tuple(zip(areas["area_code"].to_list(), areas["name_fi"].to_list())))
    finding = map_charts.map_finding(rows, year=year, level=layer, region_name=region_name,
                                     region_value=region_value, selected=area if selected_level == layer else None)
    fig = map_charts.choropleth(rows, geo, borders, options, region_name=region_name, region_value=region_value,
                                selected_geojson=selected_geo)
    table = map_charts.map_table(rows, unit=spec.unit, decimals=spec.decimals, year=year, region_code=codes.REGION,
                                 region_name=region_name, region_value=region_value, region_month=region_month)
    sources = rows.join(year_rows.select("area_code", "source"), on="area_code", how="left")["source"].drop_nulls()
    source = T.source_line([*sources.unique(maintain_order=True).to_list(), *(region["source"].to_list())],
                           finding.period)
    lines = map_charts.finding_lines(finding, unit=spec.unit, decimals=spec.decimals, polarity=spec.polarity)
    alt = map_charts.alt_text(finding, indicator_name=spec.name, unit=spec.unit, decimals=spec.decimals,
                              polarity=spec.polarity)
    notes = []
    if spec.caveat:
        notes.append(T.escape_markdown(spec.caveat))  # catalogue text is data: literal
    if layer == codes.POHDE_AREA:
        notes.append(T.HAILUOTO_DOUBT)
    notes.append(TM.INTRO)
    return MapModel(**base, has_geometry=True, finding=finding, fig=fig, table=shared_table(table), source=source,
                    lines=tuple(lines), alt=alt,
                    filename=TM.FILENAME.format(indicator=spec.indicator_id, period=finding.period.replace(" ", "_"),
                                                layer=layer),
                    notes=tuple(notes))
