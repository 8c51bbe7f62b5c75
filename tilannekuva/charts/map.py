"""The map page's figure: choropleth, hover texts and the table alternative (no Streamlit, no DB);
the rows, their ranking and the written finding are tilannekuva.views.map.

Input rows are one indicator in one year (query `indicator_year`) for one map level, completed
with `layer_rows` so that every municipality (or Pohde area) is present even without a row.

Colours: a sequential, colour-blind-safe Viridis scale for values, oriented so that *dark means
worse* for indicators with a polarity ('lower': high values dark; 'higher': low values dark) and
dark means a larger value for neutral ones; the colour bar says which. Missing and suppressed areas
are separate traces in two greys (no grey exists in Viridis) with their own legend entries and a
thin cross at their centre – they are never part of the value scale, so they cannot look like low
values. The six Pohde areas are drawn as thick borders over the municipalities; the selected area
gets a black-and-white outline (named in the legend: "valittu: Oulunkaari"). Names go on the map
where they fit (`place_labels`: larger areas first, no overlaps; the hover names every area), in
dark type with a white outline so they read on every colour. The polygons end at the coast
(clipped to land at build time, tilannekuva.geometry), so the sea shows as the white page.
On wide screens the colour bar stands upright in the empty north-west corner (open sea), so the
map gets its column's whole width; on a phone it lies below the map. Scale numbers are Finnish
("50 000", never "50k").

Offline: no tile basemap. `go.Choropleth` on an invisible geo subplot with `fitbounds`, and the
first trace is a Scattergeo (the area borders) – plotly.js fetches its world topojson from a CDN
only when a base layer is shown or the *first* trace has a `locationmode`, so with this order the
map draws without network access.

The helpers at the top (title wrapping, names, months) are shared with `charts.trend`; fonts and
sizes are `charts.style`, numbers `tilannekuva.format`.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
import polars as pl

from .. import judgements
from ..format import format_difference, format_value, month_name, period_label  # noqa: F401  (re-exported)
from ..indicator import IndicatorSpec
from ..texts import Texts, texts_or_default
from . import style as chart_style
from .style import FONT_FAMILY, FONT_SIZE, NBSP, SEPARATORS, TEXT_COLOR, TITLE_SIZE, TITLE_WRAP  # noqa: F401

# ---------------------------------------------------------------------------
# Shared helpers (also used by charts.trend); the style itself is charts.style
# ---------------------------------------------------------------------------


def wrap(text: str, width: int = 60) -> str:
    """Long indicator names on several title lines (plotly titles do not wrap by themselves)."""
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def join_names(names: Iterable[str], texts: Texts | None = None) -> str:
    """'A', 'A ja B', 'A, B ja C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + texts_or_default(texts).map.NAMES_AND + names[-1]


def month_names(month: pl.Expr, texts: Texts | None = None) -> pl.Expr:
    """`month_name` as a native expression (null stays null). Never `map_elements` on a request
    path: a Python callback on polars' thread pool deadlocks the GIL against another session's
    `to_pandas()` (issue 9)."""
    names = {i: name for i, name in enumerate(texts_or_default(texts).map.MONTHS, 1)}
    return pl.when(month.is_not_null()).then(month.replace_strict(names, default="", return_dtype=pl.Utf8))


# ---------------------------------------------------------------------------
# Map constants
# ---------------------------------------------------------------------------
MISSING_COLOR = judgements.COLORS["no_data"]  # light grey
SUPPRESSED_COLOR = "#8C8C8C"  # darker grey: known to exist but hidden
MARK_COLOR = "#505050"  # the cross on areas without a value
MUNICIPAL_BORDER = "#FFFFFF"
AREA_BORDER = "#1A1A1A"
SELECTED_OUTER, SELECTED_INNER = "#000000", "#FFFFFF"
MAP_HEIGHT = 900
PHONE_MAP_HEIGHT = 660  # a phone's map is limited by its width; less empty space above and below
LEGEND_PX, COLORBAR_PX = 66, 96  # bottom strip: legend (up to two rows on a phone), colour bar
WIDE_LEGEND_PX = 44  # wide screens: one legend row below; the colour bar stands in the map's empty corner
LABEL_SIZE, PHONE_LABEL_SIZE = 14, 11
MAP_PX, PHONE_MAP_PX = 460, 350  # about how wide the drawn map is (the narrower screens): room for names
CHAR_EM = 0.62  # mean width of a bold character, in font sizes
LABEL_HALO = (
    "1px 1px 1px #FFFFFF, -1px -1px 1px #FFFFFF, 1px -1px 1px #FFFFFF, -1px 1px 1px #FFFFFF, "
    "0 0 3px #FFFFFF"
)  # a white outline: the name reads on every Viridis colour
VIRIDIS = "Viridis"
STATUS_OK, STATUS_MISSING, STATUS_SUPPRESSED = "ok", "missing", "suppressed"


@dataclass(frozen=True)
class MapOptions:
    spec: IndicatorSpec  # name, unit, decimals, polarity: the catalogue's, read once
    year: int
    layer: str = "kunta"  # 'kunta' or 'alue'
    selected: str | None = None  # area code to outline
    height: int = MAP_HEIGHT
    area_names: tuple[tuple[str, str], ...] = ()  # (code, name) of areas not in the drawn layer's rows
    labels: bool = True  # names on the map

    @property
    def compact(self) -> bool:
        """A phone's figure: legend and colour bar below the map, fewer names."""
        return self.height <= PHONE_MAP_HEIGHT

    # Read through to the spec (one source of the catalogue's facts).
    indicator_name = property(lambda self: self.spec.name)
    unit = property(lambda self: self.spec.unit)
    decimals = property(lambda self: self.spec.decimals)
    polarity = property(lambda self: self.spec.polarity)


# Rows, ranking and the written finding: tilannekuva.views.map (layer_rows, rank_areas,
# map_finding, finding_lines, alt_text); the hover's rank words stay with the figure.
def rank_text(rank: int | None, n: int, tied: bool = False, *, capital: bool = True, texts: Texts | None = None) -> str:
    """'Sija 3/30 (1 = suurin arvo)', 'Jaettu sija 2/30 (…)'; lower-case inside a sentence."""
    if rank is None:
        return ""
    words = texts_or_default(texts).map
    text = (words.HOVER_RANK_TIED if tied else words.HOVER_RANK).format(rank=rank, n=n)
    return text if capital else text[0].lower() + text[1:]


# ---------------------------------------------------------------------------
# Geometry helpers (GeoJSON dicts; no shapely at runtime)
# ---------------------------------------------------------------------------
def _polygons(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    """Exterior rings of a Polygon / MultiPolygon."""
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords[0]] if coords else []
    if kind == "MultiPolygon":
        return [poly[0] for poly in coords if poly]
    return []


def outline(geojson: Mapping[str, Any], codes: Iterable[str] | None = None) -> tuple[list, list]:
    """(lons, lats) tracing the outer rings of the features (all, or those in `codes`), with
    None between rings so one line trace draws them all without joining them."""
    wanted = None if codes is None else set(codes)
    lons: list[float | None] = []
    lats: list[float | None] = []
    for feature in geojson.get("features", []):
        if wanted is not None and feature.get("id") not in wanted:
            continue
        for ring in _polygons(feature.get("geometry") or {}):
            lons.extend(float(p[0]) for p in ring)
            lats.extend(float(p[1]) for p in ring)
            lons.append(None)
            lats.append(None)
    return lons, lats


def centroid(feature: Mapping[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) area centroid of the feature's largest ring (shoelace formula)."""
    best = None
    for ring in _polygons(feature.get("geometry") or {}):
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if a == 0:
            continue
        candidate = (abs(a), cx / (3 * a), cy / (3 * a))
        if best is None or candidate[0] > best[0]:
            best = candidate
    return None if best is None else (best[1], best[2])


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def label_box(x: float, y: float, name: str, size: float) -> tuple[float, float, float, float]:
    """(left, right, bottom, top) in pixels of a name centred at (x, y), with a small gap."""
    half_w, half_h = CHAR_EM * size * len(name) / 2 + 2, 0.6 * size + 1
    return (x - half_w, x + half_w, y - half_h, y + half_h)


def place_labels(
    geojson: Mapping[str, Any], names: Mapping[str, str], *, map_px: float, size: float
) -> list[tuple[float, float, str]]:
    """(lon, lat, name) of the names that fit: the largest areas first, a name is left out where
    its box would overlap one already placed (the hover still names every area). Label points
    come from the build (`properties.label`, the point deepest inside), else the centroid."""
    candidates = []
    lons_all = [p[0] for f in geojson.get("features", []) for ring in _polygons(f.get("geometry") or {}) for p in ring]
    if not lons_all:
        return []
    px_per_rad = map_px / max(math.radians(max(lons_all) - min(lons_all)), 1e-9)  # Mercator: same scale both ways
    for feature in geojson.get("features", []):
        props = feature.get("properties") or {}
        name = names.get(feature.get("id")) or props.get("name_fi")
        point = props.get("label") or centroid(feature)
        if name and point is not None:
            candidates.append((-(props.get("km2") or 0), name, float(point[0]), float(point[1])))
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for _, name, lon, lat in sorted(candidates):
        x, y = math.radians(lon) * px_per_rad, _mercator_y(lat) * px_per_rad
        box = label_box(x, y, name, size)
        if any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in placed):
            continue
        placed.append(box)
        out.append((lon, lat, name))
    return out


def label_trace(geojson: Mapping[str, Any], names: Mapping[str, str], *, compact: bool) -> go.Scattergeo | None:
    """The areas' names on the map (see `place_labels`). Not clickable, not in the legend."""
    size = PHONE_LABEL_SIZE if compact else LABEL_SIZE
    placed = place_labels(geojson, names, map_px=PHONE_MAP_PX if compact else MAP_PX, size=size)
    if not placed:
        return None
    lons, lats, texts = (list(v) for v in zip(*placed))
    return go.Scattergeo(
        lon=lons,
        lat=lats,
        text=texts,
        mode="text",
        hoverinfo="skip",
        showlegend=False,
        name="nimet",
        textfont=dict(size=size, color=TEXT_COLOR, family=FONT_FAMILY, shadow=LABEL_HALO, weight=600),
        selected=dict(textfont=dict(color=TEXT_COLOR)),
        unselected=dict(textfont=dict(color=TEXT_COLOR)),
    )


def feature_ids(geojson: Mapping[str, Any]) -> list[str]:
    return [f.get("id") for f in geojson.get("features", [])]


# ---------------------------------------------------------------------------
# The figure
# ---------------------------------------------------------------------------
def colorscale_reversed(polarity: str | None) -> bool:
    """Viridis runs dark (low) -> light (high). Reverse it so that dark = worse (or larger)."""
    return polarity != "higher"


def hover_texts(
    rows: pl.DataFrame,
    *,
    unit: str | None,
    decimals: int,
    year: int,
    region_name: str | None,
    region_value: float | None,
    texts: Texts | None = None,
) -> list[str]:
    texts = texts_or_default(texts)
    words = texts.map
    n = int(rows.filter(pl.col("status") == STATUS_OK).height)
    region = (
        words.HOVER_REGION.format(region=region_name, value=format_value(region_value, unit, decimals, texts=texts))
        if region_name
        else ""
    )
    hovers = []
    for row in rows.iter_rows(named=True):
        period = period_label(year, [row["month"]] if row.get("month") else [], texts=texts)
        parts = [f"<b>{row['name']}</b>"]
        if row["status"] == STATUS_OK:
            mark = texts.common.METHOD_MARKS.get(row.get("method") or "", "")
            value = format_value(row["value"], unit, decimals, texts=texts)
            parts.append(f"{value}{' ' + mark if mark else ''} ({period})")
            parts.append(rank_text(row.get("rank"), n, bool(row.get("tied")), texts=texts))
        else:
            parts.append(f"{words.HOVER_STATUS[row['status']]} ({period})")
        if region:
            parts.append(region)
        hovers.append("<br>".join(p for p in parts if p))
    return hovers


def _scale_title(unit: str | None, dark: str) -> str:
    """'%  ·  tumma = …' on one line when it fits a phone, else on two lines."""
    unit = (unit or "").strip()
    if not unit:
        return dark
    return f"{unit}  ·  {dark}" if len(unit) + len(dark) <= 36 else f"{unit}<br>{dark}"


def _choropleth(rows: pl.DataFrame, geojson: Mapping[str, Any], hover: list[str], **kwargs) -> go.Choropleth:
    codes = rows["area_code"].to_list()
    # Only the features this trace draws: the layer is split over up to three traces (values,
    # missing, suppressed), and each trace carries its own copy of `geojson` to the browser.
    wanted = set(codes)
    own = {**geojson, "features": [f for f in geojson.get("features", []) if f.get("id") in wanted]}
    return go.Choropleth(
        geojson=own,
        featureidkey="id",
        locations=codes,
        customdata=[[c, h] for c, h in zip(codes, hover)],
        hovertemplate="%{customdata[1]}<extra></extra>",
        marker=dict(line=dict(color=MUNICIPAL_BORDER, width=0.8)),
        selected=dict(marker=dict(opacity=1.0)),
        unselected=dict(marker=dict(opacity=1.0)),
        **kwargs,
    )


def _grey_trace(rows: pl.DataFrame, geojson, hover, color: str, name: str) -> go.Choropleth:
    return _choropleth(
        rows,
        geojson,
        hover,
        z=[1] * rows.height,
        zmin=0,
        zmax=1,
        colorscale=[[0, color], [1, color]],
        showscale=False,
        showlegend=True,
        name=name,
        legendgroup=name,
    )


def _line_trace(lons: list, lats: list, *, color: str, width: float, name: str, **kwargs) -> go.Scattergeo:
    """An outline drawn as lines (area borders, the selected area), never hoverable."""
    return go.Scattergeo(
        lon=lons, lat=lats, mode="lines", line=dict(color=color, width=width), hoverinfo="skip", name=name, **kwargs
    )


def choropleth(
    rows: pl.DataFrame,
    geojson: Mapping[str, Any],
    borders: Mapping[str, Any],
    options: MapOptions,
    *,
    region_name: str | None = None,
    region_value: float | None = None,
    selected_geojson: Mapping[str, Any] | None = None,
    texts: Texts | None = None,
) -> go.Figure:
    """The map. `rows` from `layer_rows` (ranked or not), `geojson` the layer drawn (feature id =
    area code), `borders` the Pohde areas drawn as thick lines on top, `selected_geojson` the layer
    in which `options.selected` is looked up for the outline (default: `geojson`)."""
    ranked = rows  # ranked by views.map.rank_areas
    texts = texts_or_default(texts)
    words = texts.map
    unit, decimals = options.unit, options.decimals
    hover = hover_texts(
        ranked,
        unit=unit,
        decimals=decimals,
        year=options.year,
        region_name=region_name,
        region_value=region_value,
        texts=texts,
    )
    ranked = ranked.with_columns(pl.Series("_hover", hover, dtype=pl.Utf8))
    ok = ranked.filter(pl.col("status") == STATUS_OK)
    missing = ranked.filter(pl.col("status") == STATUS_MISSING)
    suppressed = ranked.filter(pl.col("status") == STATUS_SUPPRESSED)
    pol = options.polarity if options.polarity in words.DARK_MEANS else "neutral"

    fig = go.Figure()
    # 1. Pohde area borders – first, so plotly.js never fetches a world topojson (see module doc).
    lons, lats = outline(borders)
    fig.add_trace(
        _line_trace(
            lons, lats, color=AREA_BORDER, width=3, name=words.LEGEND_AREA_BORDER, showlegend=True, legendrank=3
        )
    )
    # 2. Values on a sequential scale that only contains real values.
    if ok.height:
        fig.add_trace(
            _choropleth(
                ok,
                geojson,
                ok["_hover"].to_list(),
                z=ok["value"].to_list(),
                zmin=float(ok["value"].min()),
                zmax=float(ok["value"].max()),
                colorscale=VIRIDIS,
                reversescale=colorscale_reversed(pol),
                showscale=True,
                showlegend=False,
                name="arvo",
                colorbar=dict(
                    **(
                        dict(orientation="h", x=0.5, xanchor="center", y=-0.01, yanchor="top", len=0.94)
                        if options.compact
                        # wide: upright in the empty north-west corner (open sea and Sweden are not drawn),
                        # so the map itself gets the whole width of its column
                        else dict(orientation="v", x=0.0, xanchor="left", y=1.0, yanchor="top", len=0.5)
                    ),
                    thickness=20 if options.compact else 16,
                    # beside the map the title runs along the bar (side 'right' turns it)
                    title=dict(
                        text=_scale_title(unit, words.DARK_MEANS[pol]),
                        side="top" if options.compact else "right",
                        font=dict(size=FONT_SIZE - 2, color=TEXT_COLOR),
                    ),
                    tickfont=dict(size=FONT_SIZE - 1, color=TEXT_COLOR),
                    outlinewidth=0,
                    # Finnish numbers on the scale: "50 000", never "50k"
                    exponentformat="none",
                    separatethousands=True,
                ),
            )
        )
    # 3. No value: their own greys and legend entries, plus a cross so colour is not the only sign.
    for part, color, name in (
        (missing, MISSING_COLOR, words.LEGEND_MISSING),
        (suppressed, SUPPRESSED_COLOR, words.LEGEND_SUPPRESSED),
    ):
        if not part.height:
            continue
        fig.add_trace(_grey_trace(part, geojson, part["_hover"].to_list(), color, name))
        features = {f.get("id"): f for f in geojson.get("features", [])}
        points = [
            (code, centroid(features[code]), h)
            for code, h in zip(part["area_code"], part["_hover"])
            if code in features
        ]
        points = [(c, p, h) for c, p, h in points if p is not None]
        if points:
            fig.add_trace(
                go.Scattergeo(
                    lon=[p[0] for _, p, _ in points],
                    lat=[p[1] for _, p, _ in points],
                    mode="markers",
                    marker=dict(
                        symbol="x-thin-open", size=14, line=dict(color=MARK_COLOR, width=2.5), color=MARK_COLOR
                    ),
                    customdata=[[c, h] for c, _, h in points],
                    hovertemplate="%{customdata[1]}<extra></extra>",
                    showlegend=False,
                    legendgroup=name,
                    name=name,
                    selected=dict(marker=dict(opacity=1.0)),
                    unselected=dict(marker=dict(opacity=1.0)),
                )
            )
    # 4. The selected area: a black line with a white core, visible on every colour.
    if options.selected:
        source = selected_geojson if selected_geojson is not None else geojson
        sel_lons, sel_lats = outline(source, [options.selected])
        if sel_lons:
            names = {**dict(options.area_names), **dict(zip(ranked["area_code"], ranked["name"]))}
            label = (
                names.get(options.selected)
                or next(
                    (
                        f.get("properties", {}).get("name_fi")
                        for f in source.get("features", [])
                        if f.get("id") == options.selected
                    ),
                    None,
                )
                or options.selected
            )
            legend = words.LEGEND_SELECTED.format(name=label)
            # A black line with a white core; the legend names it once.
            for color, width, extra in (
                (SELECTED_OUTER, 7, dict(showlegend=True, legendrank=4)),
                (SELECTED_INNER, 2.5, dict(showlegend=False)),
            ):
                fig.add_trace(
                    _line_trace(
                        sel_lons, sel_lats, color=color, width=width, name=legend, legendgroup="selected", **extra
                    )
                )

    # 5. Names on top of everything (not clickable).
    if options.labels:
        labels = label_trace(geojson, dict(zip(ranked["area_code"], ranked["name"])), compact=options.compact)
        if labels is not None:
            fig.add_trace(labels)

    level = words.LEVEL_PLURAL.get(options.layer, options.layer)
    title = wrap(options.indicator_name, TITLE_WRAP)
    title_lines = title.count("<br>") + 2
    period = period_label(options.year, ok["month"].drop_nulls().to_list() if ok.height else [], texts=texts)
    fig.update_geos(visible=False, fitbounds="locations", bgcolor="rgba(0,0,0,0)", projection=dict(type="mercator"))
    fig.update_layout(
        height=options.height,
        **chart_style.base_layout(),
        title=chart_style.title(title, f"{level}, {period}"),
        margin=(
            dict(l=8, r=8, t=20 + 28 * title_lines, b=LEGEND_PX + COLORBAR_PX)
            if options.compact
            else dict(l=8, r=8, t=20 + 28 * title_lines, b=WIDE_LEGEND_PX)
        ),
        legend=chart_style.legend_below(itemsizing="constant", bgcolor="rgba(255,255,255,0.8)"),
        hoverlabel=chart_style.hoverlabel(),
        # Streamlit forces dragmode 'pan' on a selectable chart whose dragmode is unset/False, and 'pan'
        # lets the mouse wheel zoom and a finger drag pan the map instead of scrolling the page. 'orbit'
        # is a 3-D-only mode: on a geo map it attaches neither zoom nor box selection, while a click
        # still selects (Streamlit keeps clickmode 'event+select').
        dragmode="orbit",
    )
    return fig


def selected_code(event: Any) -> str | None:
    """The area code of a click/selection event of `st.plotly_chart` (customdata[0] of the first
    point that has one), or None – e.g. for an emptied selection."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError, AttributeError):
        return None
    for point in points or []:
        try:
            data = point.get("customdata")
        except AttributeError:
            continue
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            return data
    return None


# ---------------------------------------------------------------------------
# Table alternative and alt text
# ---------------------------------------------------------------------------
def map_table(
    rows: pl.DataFrame,
    *,
    unit: str | None,
    decimals: int,
    year: int,
    region_code: str | None = None,
    region_name: str | None = None,
    region_value: float | None = None,
    region_month: int | None = None,
    texts: Texts | None = None,
) -> pl.DataFrame:
    """Exactly what the map shows: one row per area (+ the region as a reference row)."""
    texts = texts_or_default(texts)
    words = texts.map
    ranked = rows  # ranked by views.map.rank_areas
    monthly = ranked["month"].drop_nulls().len() > 0 or region_month is not None
    c = words.TABLE_COLUMNS
    table = ranked.select(
        pl.col("area_code").alias(c["area_code"]),
        pl.col("name").alias(c["name"]),
        pl.col("value").round(int(decimals)).alias(c["value"]),
        pl.lit(unit or "", dtype=pl.Utf8).alias(c["unit"]),
        pl.col("rank").alias(c["rank"]),
        pl.col("status").replace_strict(words.TABLE_STATUS, default=pl.col("status")).alias(c["status"]),
        pl.lit(int(year), dtype=pl.Int64).alias(c["year"]),
        month_names(pl.col("month"), texts).alias(c["month"]),
        # How the value was made: the same mark as beside the value everywhere (common.METHOD_MARKS).
        (pl.col("method") if "method" in ranked.columns else pl.lit(None, dtype=pl.Utf8))
        .replace_strict(texts.common.METHOD_MARKS, default=None, return_dtype=pl.Utf8)
        .alias(c["method"]),
    )
    if region_name is not None:
        ref = pl.DataFrame(
            {
                c["area_code"]: [region_code or ""],
                c["name"]: [words.TABLE_REFERENCE.format(name=region_name)],
                c["value"]: [None if region_value is None else round(float(region_value), int(decimals))],
                c["unit"]: [unit or ""],
                c["rank"]: [None],
                c["status"]: [words.TABLE_STATUS["ok" if region_value is not None else "missing"]],
                c["year"]: [int(year)],
                c["month"]: [month_name(region_month, texts=texts) or None],
                c["method"]: [None],
            },
            schema=table.schema,
        )
        table = pl.concat([table, ref])
    if not monthly:
        table = table.drop(c["month"])
    if table[c["method"]].null_count() == table.height:
        table = table.drop(c["method"])
    return table
