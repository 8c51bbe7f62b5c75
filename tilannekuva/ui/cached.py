"""Page models and finished figures, cached across sessions (Streamlit server CPU per page run).

Everything here is a pure function of plain view values (area, indicator, year, gender, layer,
compare tuple, ...) and the database's `identity` (path, inode, mtime), which is part of every key
so a rebuilt warehouse never serves old results. The cache (tilannekuva.sized_cache, bounded by
estimated bytes and by entries) returns the *same* object to every session: callers must treat
the results as read-only (polars frames, frozen dataclasses, plotly figures that only go to
st.plotly_chart, which does not mutate them). No spinner.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

import pandas as pd
import polars as pl

from .. import comparison as C
from .. import export
from .. import situation
from ..charts import map as map_charts
from ..charts import trend as trend_charts
from ..charts.profile import profile_styler
from ..charts.ranking import ranking_figure
from ..charts.spread import spread_figure
from ..db import Database, database_for
from ..sized_cache import MB, SizedCache, cached
from ..texts import common as T
from .components import SharedTable, shared_table
from ..views import start as start_view

MAX_ENTRIES = 2048
# One byte budget for every model, figure and styler below (issue 9: 256 entries per function,
# counted only, grew the server to ~1.1 GB after ~2 500 distinct views). The query results they
# are made of have their own budget (db.QUERY_CACHE_BYTES).
MODEL_CACHE_BYTES = 64 * MB
MODELS = SizedCache("models", max_bytes=MODEL_CACHE_BYTES, max_entries=MAX_ENTRIES)

Identity = tuple


def _db(identity: Identity) -> Database:
    """The database the key was made for (a run in flight during a rebuild still has it open)."""
    return database_for(identity)


# ---------------------------------------------------------------------------
# Start page
# ---------------------------------------------------------------------------
StartModel = start_view.StartModel


@cached(MODELS)
def start_model(identity: Identity, area: str, this_year: int) -> StartModel:
    return start_view.build(_db(identity), area, this_year=this_year)


@cached(MODELS)
def overview_figure(identity: Identity, area: str, this_year: int):
    """The start page's overview chart of `start_model` (shared, only drawn)."""
    from ..charts.overview import overview_figure as figure
    from ..situation import COUNTRY, REGION

    model = start_model(identity, area, this_year)
    names = {b.code: b.name for b in model.benchmarks}
    benchmark = model.summary.benchmark if model.summary else None
    return figure(model.overview, area_name=model.area_name, benchmark_name=benchmark.name if benchmark else None,
                  region_name=names.get(REGION, model.area_name), country_name=names.get(COUNTRY, ""))


@dataclass(frozen=True)
class ThemeBlock:
    theme: str
    rows: tuple
    shown: tuple
    missing: tuple
    table: pl.DataFrame
    frame: pd.DataFrame  # the table for the Styler
    css: pd.DataFrame  # judgement colours, same shape as `frame`
    notes: tuple
    source: str
    csv: bytes    # the download: numbers as numbers (situation.theme_export), Excel-ready
    export: pl.DataFrame


def _css(frame: pd.DataFrame, colours) -> pd.DataFrame:
    out = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for i, row_colours in enumerate(colours):
        for column, colour in row_colours.items():
            if column in out.columns:
                out.iat[i, out.columns.get_loc(column)] = f"color: {colour}"
    return out


@cached(MODELS)
def start_themes(identity: Identity, area: str, this_year: int, show_old: bool) -> tuple[ThemeBlock, ...]:
    model = start_model(identity, area, this_year)
    benchmarks = model.benchmarks
    blocks = []
    for theme, theme_rows in situation.group_by_theme(model.rows, this_year, show_old=show_old):
        # A benchmark with no value for any row of this theme would be a column of "ei tietoa".
        shown = [b for b in benchmarks
                 if any((bv := r.against(b.code)) and bv.value is not None for r in theme_rows)]
        missing = [b.name for b in benchmarks if b not in shown]
        table = situation.theme_table(theme_rows, shown, this_year)
        frame = table.to_pandas()
        css = _css(frame, situation.theme_colours(theme_rows, shown, this_year))
        download = situation.theme_export(theme_rows, shown)
        blocks.append(ThemeBlock(
            theme=theme, rows=tuple(theme_rows), shown=tuple(shown), missing=tuple(missing), table=table,
            frame=frame, css=css, notes=tuple(situation.theme_notes(theme_rows)),
            source=T.source_line(sorted({r.source for r in theme_rows}), situation.years_span(theme_rows)),
            csv=export.csv_bytes(download), export=download))
    return tuple(blocks)


def _styled(block: ThemeBlock):
    css = block.css
    return block.frame.style.apply(lambda _: css, axis=None)


def _computed_once(styler):
    """st.dataframe calls the Styler's `_compute()` and `_translate(False, False)` on every run;
    for a shared, never-changed Styler the result is always the same, so compute it once (under a
    lock: sessions run in parallel threads). The object stays a plain pandas Styler (Streamlit
    checks the exact type) and its uuid stays fixed, so the CSS it sends is identical every time."""
    lock = threading.Lock()
    memo: dict = {}
    compute, translate = styler._compute, styler._translate

    def _compute():
        with lock:
            if "computed" not in memo:
                compute()
                memo["computed"] = True
        return styler

    def _translate(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        with lock:
            if key not in memo:
                memo[key] = translate(*args, **kwargs)
            return memo[key]

    styler._compute = _compute
    styler._translate = _translate
    styler._tilannekuva_memo = memo  # visible to sized_cache.approx_size (the translated table is big)
    return styler


@cached(MODELS)
def theme_stylers(identity: Identity, area: str, this_year: int, show_old: bool) -> tuple:
    """The judgement-coloured Styler of each theme table in `start_themes` (same order), shared
    across sessions and only ever read (st.dataframe does not change it)."""
    return tuple(_computed_once(_styled(b)) for b in start_themes(identity, area, this_year, show_old))


# ---------------------------------------------------------------------------
# Map page
# ---------------------------------------------------------------------------
@cached(MODELS)
def geojson(identity: Identity, layer: str) -> dict:
    frame = _db(identity).query("geometry", layer=layer)
    return json.loads(frame["geojson"][0]) if frame.height else {"type": "FeatureCollection", "features": []}


@dataclass(frozen=True)
class MapModel:
    rows: pl.DataFrame
    region: pl.DataFrame
    region_name: str | None
    region_value: float | None
    region_month: int | None
    has_geometry: bool
    selected_level: str | None
    finding: Any
    fig: Any
    table: SharedTable  # st.dataframe gets the pandas copy made once here
    source: str


@cached(MODELS)
def map_model(identity: Identity, indicator: str, year: int, gender: str, layer: str, area: str,
              phone: bool, region_code: str, layers: tuple) -> MapModel:
    db = _db(identity)
    ind = db.query("indicators").filter(pl.col("indicator_id") == indicator).row(0, named=True)
    decimals = int(ind["decimals"] if ind["decimals"] is not None else 1)
    areas = db.query("areas")
    year_rows = db.query("indicator_year", indicator_id=indicator, year=year, gender=gender)
    rows = map_charts.rank_areas(map_charts.layer_rows(year_rows, areas, layer))
    region = year_rows.filter(pl.col("area_code") == region_code)
    region_row = region.row(0, named=True) if region.height else None
    region_name = (region_row["name_fi"] if region_row
                   else areas.filter(pl.col("area_code") == region_code)["name_fi"].first())
    region_value = region_row["value"] if region_row and region_row["status"] == "ok" else None
    region_month = region_row["month"] if region_row else None

    geo = geojson(identity, layer)
    level_of = dict(zip(areas["area_code"], areas["level"]))
    selected_level = level_of.get(area)
    if not geo["features"]:
        return MapModel(rows, region, region_name, region_value, region_month, False, selected_level,
                        None, None, shared_table(rows), "")
    borders = geojson(identity, "alue")
    selected_geo = (geo if selected_level == layer
                    else geojson(identity, selected_level) if selected_level in layers else None)
    options = map_charts.MapOptions(
        indicator_name=ind["name_fi"], unit=ind["unit"], decimals=decimals, polarity=ind["polarity"], year=year,
        layer=layer, selected=area if selected_geo is not None else None,
        height=map_charts.PHONE_MAP_HEIGHT if phone else map_charts.MAP_HEIGHT,
        area_names=tuple(zip(areas["area_code"].to_list(), areas["name_fi"].to_list())))
    finding = map_charts.map_finding(rows, year=year, level=layer, region_name=region_name,
                                     region_value=region_value, selected=area if selected_level == layer else None)
    fig = map_charts.choropleth(rows, geo, borders, options, region_name=region_name, region_value=region_value,
                                selected_geojson=selected_geo)
    table = map_charts.map_table(rows, unit=ind["unit"], decimals=decimals, year=year, region_code=region_code,
                                 region_name=region_name, region_value=region_value, region_month=region_month)
    sources = rows.join(year_rows.select("area_code", "source"), on="area_code", how="left")["source"].drop_nulls()
    source = T.source_line([*sources.unique(maintain_order=True).to_list(), *(region["source"].to_list())],
                           finding.period)
    return MapModel(rows, region, region_name, region_value, region_month, True, selected_level, finding, fig,
                    shared_table(table), source)


# ---------------------------------------------------------------------------
# Trends page
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TrendModel:
    rows: pl.DataFrame
    filled: pl.DataFrame
    series: tuple
    trends: tuple
    fig: Any
    table: SharedTable  # st.dataframe gets the pandas copy made once here
    alt: str
    years: str
    sources: tuple
    flagged: dict


@cached(MODELS)
def trend_model(identity: Identity, indicator: str, gender: str, series: tuple,
                options: trend_charts.TrendOptions) -> TrendModel | None:
    """None when there is no value to draw."""
    db = _db(identity)
    codes = [s.code for s in series]
    rows = db.query("indicator_series", indicator_id=indicator, area_codes=codes, gender=gender)
    filled = trend_charts.fill_gaps(rows, codes, options.monthly)
    if filled["value"].drop_nulls().len() == 0:
        return None
    # References without any value are not drawn, so they are not listed either.
    with_data = set(filled.filter(pl.col("value").is_not_null())["area_code"].unique().to_list())
    series = tuple(s for s in series if s.role != trend_charts.ROLE_REFERENCE or s.code in with_data)
    trends = trend_charts.judge(filled, series, options.polarity, options.monthly)
    valid_years = filled.filter(pl.col("value").is_not_null())["year"]
    return TrendModel(
        rows=rows, filled=filled, series=series, trends=tuple(trends),
        fig=trend_charts.trend_figure(filled, series, options, trends),
        table=shared_table(trend_charts.wide_table(filled, series, decimals=options.decimals,
                                                   monthly=options.monthly)),
        alt=trend_charts.alt_text(filled, series, trends, options),
        years=f"{int(valid_years.min())}–{int(valid_years.max())}",
        sources=tuple(rows.filter(pl.col("status") == "ok")["source"].unique(maintain_order=True).to_list()),
        flagged=trend_charts.flagged_years(filled))


# ---------------------------------------------------------------------------
# Compare page
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RankingModel:
    rows: pl.DataFrame
    highlight: frozenset
    ranked: pl.DataFrame
    refs: tuple
    fig: Any
    table: SharedTable  # st.dataframe gets the pandas copy made once here


@cached(MODELS)
def ranking_model(identity: Identity, indicator: str, year: int, gender: str, area: str) -> RankingModel:
    db = _db(identity)
    areas = db.query("areas")
    ind = db.query("indicators").filter(pl.col("indicator_id") == indicator).row(0, named=True)
    kunnat = areas.filter(pl.col("level") == "kunta")
    decimals = int(ind["decimals"] or 0)
    rows = db.query("indicator_year", indicator_id=indicator, year=year, gender=gender)
    highlight = C.highlight_codes(area, areas)
    ranked = C.ranking(rows, kunnat, ind, highlight)
    refs = C.references(rows)
    benchmark_name = next((r.name for r in refs if r.area_code == C.BENCHMARK), "Pohjois-Pohjanmaa")
    return RankingModel(
        rows=rows, highlight=highlight, ranked=ranked, refs=tuple(refs),
        fig=ranking_figure(ranked, refs, unit=ind["unit"], decimals=decimals, value_type=ind["value_type"]),
        table=shared_table(C.ranking_table(ranked, decimals, year, benchmark_name)))


@dataclass(frozen=True)
class ProfileModel:
    long: pl.DataFrame
    text: pl.DataFrame | None
    kinds: pl.DataFrame | None
    csv: bytes
    styler: Any  # the coloured profile table (computed once, shared, read-only)


@cached(MODELS)
def profile_model(identity: Identity, chosen: str, theme: str | None, gender: str, this_year: int,
                  mark: str, benchmark_label: str) -> ProfileModel:
    """`theme` None = every theme."""
    db = _db(identity)
    areas = db.query("areas")
    catalogue = db.query("indicators")
    members = (areas.filter((pl.col("level") == "kunta") & (pl.col("parent_code") == chosen))
               .sort("sort_order", "name_fi"))
    values = C.profile_values(db.query("area_profile", parent_code=chosen, gender=gender),
                              db.query("area_series", area_code=C.BENCHMARK, gender=gender))
    long = C.profile(values, catalogue, members.select("area_code", "name_fi"))
    if theme is not None:
        long = long.filter(pl.col("theme") == theme)
    if long.is_empty():
        return ProfileModel(long, None, None, b"", None)
    text, kinds = C.profile_wide(long, members["name_fi"].to_list(), catalogue, this_year, benchmark_label,
                                 mark=mark)
    return ProfileModel(long, text, kinds, C.profile_csv(long, benchmark_label).write_csv().encode("utf-8"),
                        _computed_once(profile_styler(text, kinds)))


@dataclass(frozen=True)
class SpreadModel:
    rows: pl.DataFrame
    latest: pl.DataFrame
    fig: Any
    table: SharedTable  # st.dataframe gets the pandas copy made once here


@cached(MODELS)
def spread_model(identity: Identity, indicator: str, gender: str, decimals: int, unit_label: str,
                 highlight: str | None) -> SpreadModel:
    db = _db(identity)
    rows = C.spread(db.query("area_spread", indicator_id=indicator, gender=gender),
                    C.member_counts(db.query("areas")))
    if rows.is_empty():
        return SpreadModel(rows, rows, None, shared_table(rows))
    return SpreadModel(rows=rows, latest=C.spread_latest(rows),
                       fig=spread_figure(rows, unit_label=unit_label, decimals=decimals, highlight=highlight),
                       table=shared_table(C.spread_table(rows, decimals)))
