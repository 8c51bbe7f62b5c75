"""The Kartta page's model: one indicator in one year on the municipalities or the Pohde areas.

Pure (no Streamlit): `build(db, view, *, texts, this_year)` gives the rows, the written finding
(as lines), the figure, the table alternative, alt text, source line and captions, so the page only
draws them and a report or slide can show the same map.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from .. import codes
from ..charts import map as map_charts
from ..charts.map import STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED, join_names, rank_text
from ..format import format_difference, format_value, month_name, period_label
from ..indicator import IndicatorSpec, spec_for
from ..texts import texts_or_default
from ..viewstate import ViewState
from .table import SharedTable, shared_table

EMPTY_GEOJSON = {"type": "FeatureCollection", "features": []}


def _escaped_names(names, texts) -> str:
    return texts.common.escape_markdown(join_names(names, texts))


# ---------------------------------------------------------------------------
# Rows, ranking and finding
# ---------------------------------------------------------------------------
def layer_rows(year_rows: pl.DataFrame, areas: pl.DataFrame, level: str) -> pl.DataFrame:
    """Every area of `level` (in the areas' display order) with its value row, if any.

    Output columns: area_code, name, value, status ('ok'/'missing'/'suppressed'), month, method.
    An area without a row, or with status 'ok' but no finite value, is 'missing'."""
    base = areas.filter(pl.col("level") == level).select("area_code", pl.col("name_fi").alias("name"))
    cols = [c for c in ("area_code", "value", "status", "month", "method") if c in year_rows.columns]
    vals = year_rows.select(cols)
    for name, dtype in (("value", pl.Float64), ("status", pl.Utf8), ("month", pl.Int64), ("method", pl.Utf8)):
        if name not in vals.columns:
            vals = vals.with_columns(pl.lit(None, dtype=dtype).alias(name))
    out = base.join(vals, on="area_code", how="left", maintain_order="left")
    out = out.with_columns(pl.col("value").cast(pl.Float64), pl.col("month").cast(pl.Int64))
    has = pl.col("value").is_not_null() & pl.col("value").is_finite() & (pl.col("status") == STATUS_OK)
    status = (
        pl.when(has.fill_null(False))
        .then(pl.lit(STATUS_OK))
        .when(pl.col("status") == STATUS_SUPPRESSED)
        .then(pl.lit(STATUS_SUPPRESSED))
        .otherwise(pl.lit(STATUS_MISSING))
    )
    out = out.with_columns(status.alias("status"))
    return out.with_columns(pl.when(pl.col("status") == STATUS_OK).then(pl.col("value")).otherwise(None).alias("value"))


def rank_areas(rows: pl.DataFrame) -> pl.DataFrame:
    """Adds `rank` (1 = highest value; ties share the best rank: 1, 2, 2, 4) and `tied` (bool).
    Areas without a value get no rank."""
    ranked = rows.with_columns(pl.col("value").rank(method="min", descending=True).cast(pl.Int64).alias("rank"))
    counts = ranked.filter(pl.col("rank").is_not_null()).group_by("rank").len()
    tied = set(counts.filter(pl.col("len") > 1)["rank"].to_list())
    return ranked.with_columns(pl.col("rank").is_in(list(tied)).fill_null(False).alias("tied"))


@dataclass(frozen=True)
class MapFinding:
    """What the map shows, in numbers; `finding_lines` turns it into Finnish sentences."""

    year: int
    months: tuple[int, ...]
    level: str
    n_total: int
    n_with_data: int
    highest: tuple[str, ...]
    highest_value: float | None
    lowest: tuple[str, ...]
    lowest_value: float | None
    spread: float | None  # highest - lowest
    ratio: float | None  # highest / lowest, when lowest > 0
    region_name: str | None
    region_value: float | None
    missing: tuple[str, ...]
    suppressed: tuple[str, ...]
    selected_name: str | None = None
    selected_value: float | None = None
    selected_rank: int | None = None
    selected_tied: bool = False

    @property
    def period(self) -> str:
        return period_label(self.year, self.months)


def map_finding(
    rows: pl.DataFrame,
    *,
    year: int,
    level: str,
    region_name: str | None = None,
    region_value: float | None = None,
    selected: str | None = None,
) -> MapFinding:
    """Highest, lowest, spread, coverage and the selected area's rank. `rows` from `layer_rows`."""
    ranked = rows if "rank" in rows.columns else rank_areas(rows)
    valid = ranked.filter(pl.col("status") == STATUS_OK)
    months = tuple(sorted(set(int(m) for m in valid["month"].drop_nulls().to_list())))
    highest_value = lowest_value = spread = ratio = None
    highest: tuple[str, ...] = ()
    lowest: tuple[str, ...] = ()
    if valid.height:
        highest_value = float(valid["value"].max())
        lowest_value = float(valid["value"].min())
        highest = tuple(valid.filter(pl.col("value") == highest_value)["name"].to_list())
        lowest = tuple(valid.filter(pl.col("value") == lowest_value)["name"].to_list())
        spread = highest_value - lowest_value
        ratio = highest_value / lowest_value if lowest_value > 0 else None
    sel_name = sel_value = sel_rank = None
    sel_tied = False
    if selected is not None:
        hit = ranked.filter(pl.col("area_code") == selected)
        if hit.height:
            row = hit.row(0, named=True)
            sel_name, sel_value, sel_rank, sel_tied = row["name"], row["value"], row["rank"], bool(row["tied"])
    return MapFinding(
        year=int(year),
        months=months,
        level=level,
        n_total=ranked.height,
        n_with_data=valid.height,
        highest=highest,
        highest_value=highest_value,
        lowest=lowest,
        lowest_value=lowest_value,
        spread=spread,
        ratio=ratio,
        region_name=region_name,
        region_value=None if region_value is None else float(region_value),
        missing=tuple(ranked.filter(pl.col("status") == STATUS_MISSING)["name"].to_list()),
        suppressed=tuple(ranked.filter(pl.col("status") == STATUS_SUPPRESSED)["name"].to_list()),
        selected_name=sel_name,
        selected_value=sel_value,
        selected_rank=sel_rank,
        selected_tied=sel_tied,
    )


def finding_lines(f: MapFinding, *, unit: str | None, decimals: int, polarity: str | None, texts=None) -> list[str]:
    """The written finding as Markdown lines (one fact per line, numbers in Finnish format; area
    names are data, escaped)."""
    texts = texts_or_default(texts)
    words, escape = texts.map, texts.common.escape_markdown
    pol = polarity if polarity in words.POLARITY_NOTE else "neutral"

    def value(v):
        return format_value(v, unit, decimals, texts=texts)

    lines = [words.FINDING_HEADER.format(period=f.period)]
    if f.n_with_data == 0:
        lines.append(words.FINDING_NO_DATA)
    else:
        for template, tags, names, end_value in (
            (words.FINDING_HIGHEST, words.TAG_HIGH, f.highest, f.highest_value),
            (words.FINDING_LOWEST, words.TAG_LOW, f.lowest, f.lowest_value),
        ):
            lines.append(template.format(tag=tags[pol], names=_escaped_names(names, texts), value=value(end_value)))
    if f.region_name:
        lines.append(words.FINDING_REGION.format(region=escape(f.region_name), value=value(f.region_value)))
    if f.spread is not None and f.n_with_data > 1:
        spread = words.FINDING_SPREAD.format(difference=format_difference(f.spread, unit, decimals, texts=texts))
        if f.ratio is not None:
            spread += words.FINDING_RATIO.format(ratio=texts.common.format_number(f.ratio, 1))
        lines.append(spread)
    lines.append(
        words.FINDING_COVERAGE.format(n=f.n_with_data, total=f.n_total, elative=words.LEVEL_ELATIVE.get(f.level, ""))
    )
    if f.missing:
        lines.append(words.FINDING_MISSING.format(names=_escaped_names(f.missing, texts)))
    if f.suppressed:
        lines.append(words.FINDING_SUPPRESSED.format(names=_escaped_names(f.suppressed, texts)))
    if f.selected_name is not None:
        name, selected = escape(f.selected_name), value(f.selected_value)
        if f.selected_rank is not None:
            rank = rank_text(f.selected_rank, f.n_with_data, f.selected_tied, capital=False, texts=texts)
            lines.append(words.FINDING_SELECTED.format(name=name, value=selected, rank=rank))
        else:
            lines.append(words.FINDING_SELECTED_NO_RANK.format(name=name, value=selected))
    if len(f.months) == 1:
        lines.append(words.FINDING_MONTH_NOTE.format(year=f.year, month=month_name(f.months[0], texts=texts)))
    elif len(f.months) > 1:
        months = ", ".join(month_name(m, texts=texts) for m in f.months)
        lines.append(words.FINDING_MONTHS_DIFFER.format(months=months))
    lines.append(words.POLARITY_NOTE[pol])
    return lines


def alt_text(
    f: MapFinding, *, indicator_name: str, unit: str | None, decimals: int, polarity: str | None, texts=None
) -> str:
    """The map in one paragraph for a screen reader (plain text: names unescaped)."""
    texts = texts_or_default(texts)
    words = texts.map
    pol = polarity if polarity in words.DARK_MEANS else "neutral"
    if f.n_with_data == 0:
        return words.ALT_NO_DATA.format(indicator=indicator_name, period=f.period)

    def value(v):
        return format_value(v, unit, decimals, texts=texts)

    return words.ALT.format(
        indicator=indicator_name,
        period=f.period,
        level=words.LEVEL_PLURAL.get(f.level, f.level),
        dark=words.DARK_MEANS[pol],
        highest=f"{join_names(f.highest, texts)} {value(f.highest_value)}",
        lowest=f"{join_names(f.lowest, texts)} {value(f.lowest_value)}",
        region=f.region_name or "",
        region_value=value(f.region_value),
        n=f.n_with_data,
        total=f.n_total,
        elative=words.LEVEL_ELATIVE.get(f.level, ""),
    )


# ---------------------------------------------------------------------------
# The page model
# ---------------------------------------------------------------------------


def read_geojson(db, layer: str) -> dict:
    """The layer's features (feature id = area code); an empty collection when not built."""
    frame = db.query("geometry", layer=layer)
    return json.loads(frame["geojson"][0]) if frame.height else dict(EMPTY_GEOJSON)


@dataclass(frozen=True)
class MapModel:
    spec: IndicatorSpec
    year: int
    layer: str
    rows: pl.DataFrame  # layer_rows, ranked
    region: pl.DataFrame  # the region's own row(s) this year
    region_name: str | None
    region_value: float | None
    region_month: int | None
    has_geometry: bool
    selected_level: str | None
    finding: Any  # MapFinding (None without geometry)
    fig: Any
    table: SharedTable  # st.dataframe gets the pandas copy made once here
    source: str
    lines: tuple[str, ...] = ()  # the written finding: a heading, then one Markdown fact a line
    alt: str = ""
    filename: str = ""
    notes: tuple[str, ...] = ()  # captions below the finding (caveat, Hailuoto, how to read)


def build(
    db, view: ViewState, *, texts, this_year: int, phone: bool = False, geojson: Callable[[str], dict] | None = None
) -> MapModel | None:
    """The map of `view` (indicator, year, gender, layer, area). None when the indicator is unknown
    or has no year. `geojson(layer)` may be a shared (cached) loader; by default read from `db`."""
    spec = spec_for(db, view.indicator)
    if spec is None or view.year is None:
        return None
    load = geojson or (lambda layer: read_geojson(db, layer))
    words, common = texts.map, texts.common
    year, layer, area = int(view.year), view.layer, view.area
    areas = db.query("areas")
    year_rows = db.query("indicator_year", indicator_id=spec.indicator_id, year=year, gender=view.gender)
    rows = rank_areas(layer_rows(year_rows, areas, layer))
    region = year_rows.filter(pl.col("area_code") == codes.REGION)
    region_row = region.row(0, named=True) if region.height else None
    region_name = (
        region_row["name_fi"] if region_row else areas.filter(pl.col("area_code") == codes.REGION)["name_fi"].first()
    )
    region_value = region_row["value"] if region_row and region_row["status"] == codes.OK else None
    region_month = region_row["month"] if region_row else None

    geo = load(layer)
    selected_level = dict(zip(areas["area_code"], areas["level"])).get(area)
    base = dict(
        spec=spec,
        year=year,
        layer=layer,
        rows=rows,
        region=region,
        region_name=region_name,
        region_value=region_value,
        region_month=region_month,
        selected_level=selected_level,
    )
    if not geo["features"]:
        return MapModel(**base, has_geometry=False, finding=None, fig=None, table=shared_table(rows), source="")
    borders = load(codes.POHDE_AREA)
    selected_geo = (
        geo if selected_level == layer else load(selected_level) if selected_level in codes.MAP_LAYERS else None
    )
    options = map_charts.MapOptions(
        spec,
        year=year,
        layer=layer,
        selected=area if selected_geo is not None else None,
        height=map_charts.PHONE_MAP_HEIGHT if phone else map_charts.MAP_HEIGHT,
        area_names=tuple(zip(areas["area_code"].to_list(), areas["name_fi"].to_list())),
    )
    finding = map_finding(
        rows,
        year=year,
        level=layer,
        region_name=region_name,
        region_value=region_value,
        selected=area if selected_level == layer else None,
    )
    fig = map_charts.choropleth(
        rows,
        geo,
        borders,
        options,
        region_name=region_name,
        region_value=region_value,
        selected_geojson=selected_geo,
        texts=texts,
    )
    table = map_charts.map_table(
        rows,
        unit=spec.unit,
        decimals=spec.decimals,
        year=year,
        region_code=codes.REGION,
        region_name=region_name,
        region_value=region_value,
        region_month=region_month,
        texts=texts,
    )
    sources = rows.join(year_rows.select("area_code", "source"), on="area_code", how="left")["source"].drop_nulls()
    source = common.source_line(
        [*sources.unique(maintain_order=True).to_list(), *(region["source"].to_list())], finding.period
    )
    lines = finding_lines(finding, unit=spec.unit, decimals=spec.decimals, polarity=spec.polarity, texts=texts)
    alt = alt_text(
        finding, indicator_name=spec.name, unit=spec.unit, decimals=spec.decimals, polarity=spec.polarity, texts=texts
    )
    notes = []
    if spec.caveat:
        notes.append(common.escape_markdown(spec.caveat))  # catalogue text is data: literal
    if layer == codes.POHDE_AREA:
        notes.append(common.HAILUOTO_DOUBT)
    notes.append(words.INTRO)
    return MapModel(
        **base,
        has_geometry=True,
        finding=finding,
        fig=fig,
        table=shared_table(table),
        source=source,
        lines=tuple(lines),
        alt=alt,
        filename=words.FILENAME.format(
            indicator=spec.indicator_id, period=finding.period.replace(" ", "_"), layer=layer
        ),
        notes=tuple(notes),
    )
