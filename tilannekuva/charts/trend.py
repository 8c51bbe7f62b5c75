"""The trends page's figure, sentences and wide table; the series with honest gaps and the trend
judgements they draw are made by tilannekuva.views.trends (fill_gaps, judge).

Input rows come from the `indicator_series` query (area_code, year, month, value, status,
method, …) for the chosen area, the areas to compare and the two references (Pohjois-Pohjanmaa
MK17 and the whole country SSS).

* Gaps: every series is put on one complete calendar (years, or months for monthly indicators)
  and periods without a value become None, drawn with `connectgaps=False`, so no line ever runs
  across a missing year. Markers are drawn too, so a lone value between two gaps stays visible.
* Trend: `judgements.trend` over the last five years ending at each area's newest value (for
  monthly series the same calendar month every year – the month of the newest value – so that
  seasons do not masquerade as a trend).
* Values whose method is 'source_excl_vaala' (the source's region drawn with 2013 borders,
  without Vaala) get an open-circle marker and a note in the hover and the table.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from .. import judgements
from ..format import format_value, month_name, year_range, year_spans, years_range  # noqa: F401  (year_spans: re-exported)
from ..indicator import IndicatorSpec
from ..texts import Texts, texts_or_default
from . import style as chart_style
from .map import month_names, wrap
from .style import FONT_FAMILY, FONT_SIZE, SEPARATORS, TEXT_COLOR, TITLE_WRAP  # noqa: F401  (re-exported)

EXCL_VAALA = "source_excl_vaala"
ROLE_MAIN, ROLE_COMPARE, ROLE_REFERENCE = "main", "compare", "reference"
MAIN_COLOR = "#0072B2"  # Okabe–Ito blue, thick
COMPARE_COLORS = ("#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000")  # Okabe–Ito
COMPARE_SYMBOLS = ("diamond", "square", "triangle-up", "cross", "triangle-down", "star", "hexagon", "pentagon")
REFERENCE_STYLE = {  # (colour, dash, width)
    "MK17": ("#4D4D4D", "dash", 3),
    "SSS": ("#8C8C8C", "dot", 3),
}
DEFAULT_REFERENCE = ("#6E6E6E", "dashdot", 3)
WINDOW_FILL = "rgba(0, 114, 178, 0.07)"
TREND_HEIGHT = 640
LEGEND_PX = 72


@dataclass(frozen=True)
class Series:
    code: str
    label: str
    role: str = ROLE_COMPARE  # 'main' | 'compare' | 'reference'


@dataclass(frozen=True)
class TrendOptions:
    spec: IndicatorSpec  # name, unit, decimals, polarity, frequency: the catalogue's, read once
    selected_year: int | None = None
    height: int = TREND_HEIGHT

    # Read through to the spec (one source of the catalogue's facts).
    indicator_name = property(lambda self: self.spec.name)
    unit = property(lambda self: self.spec.unit)
    decimals = property(lambda self: self.spec.decimals)
    polarity = property(lambda self: self.spec.polarity)
    monthly = property(lambda self: self.spec.monthly)


@dataclass(frozen=True)
class SeriesTrend:
    series: Series
    trend: judgements.Trend
    month: int | None  # monthly series: the calendar month the trend was computed from


# Gaps filled, trend points and judgements: tilannekuva.views.trends (fill_gaps, trend_points,
# judge, flagged_years); the figure below draws what they give.


def years_label(years: Sequence[int], texts: Texts | None = None) -> str:
    """'2018–2022': the years a trend rests on."""
    return years_range(years, texts=texts)


def trend_line(t: SeriesTrend, texts: Texts | None = None) -> str:
    """'Oulu (kunta): ↓✔ laskee ja paranee (2018–2022)' – word and symbol, never colour alone."""
    words = texts_or_default(texts).trends
    years = years_label(t.trend.years, texts)
    if t.trend.kind == "not_computable":
        if not t.trend.years:
            return words.TREND_NONE.format(name=t.series.label)
        return words.TREND_GAP.format(name=t.series.label, years=years)
    return words.TREND_LINE.format(name=t.series.label, label=t.trend.label, years=years)


def trend_markdown(t: SeriesTrend, texts: Texts | None = None) -> str:
    """The same sentence as Markdown with the judgement (symbol + word) in its colour (the area
    name escaped: it is data, shown with unsafe_allow_html)."""
    escape = texts_or_default(texts).common.escape_markdown
    if t.trend.kind == "not_computable":
        return escape(trend_line(t, texts))
    label = f"<span style='color:{t.trend.color}; font-weight:700'>{html.escape(t.trend.label)}</span>"
    return f"**{escape(t.series.label)}:** {label} ({years_label(t.trend.years, texts)})"


# ---------------------------------------------------------------------------
# Figure
# ---------------------------------------------------------------------------
def _x(year: int, month: int | None, monthly: bool):
    return dt.date(int(year), int(month), 1).isoformat() if monthly else int(year)


def _style(s: Series, compare_index: int) -> dict:
    if s.role == ROLE_MAIN:
        return dict(color=MAIN_COLOR, dash="solid", width=4.5, symbol="circle", size=9)
    if s.role == ROLE_REFERENCE:
        color, dash, width = REFERENCE_STYLE.get(s.code, DEFAULT_REFERENCE)
        return dict(color=color, dash=dash, width=width, symbol="circle", size=6)
    color = COMPARE_COLORS[compare_index % len(COMPARE_COLORS)]
    dash = "solid" if compare_index < len(COMPARE_COLORS) else "longdash"
    return dict(color=color, dash=dash, width=3, symbol=COMPARE_SYMBOLS[compare_index % len(COMPARE_SYMBOLS)], size=8)


def _hover(
    label: str, year: int, month: int | None, value: float | None, excl: bool, options: TrendOptions, texts: Texts
) -> str:
    words = texts.trends
    when = words.HOVER_MONTH.format(month=month_name(month, texts=texts), year=year) if options.monthly else str(year)
    text = f"<b>{label}</b><br>{when}: {format_value(value, options.unit, options.decimals, texts=texts)}"
    if excl:
        text += f"<br><i>○ {words.EXCL_VAALA_SHORT}</i>"
    return text


def trend_figure(
    filled: pl.DataFrame,
    series: Sequence[Series],
    options: TrendOptions,
    trends: Sequence[SeriesTrend] = (),
    *,
    texts: Texts | None = None,
) -> go.Figure:
    """Lines of `filled` (from `fill_gaps`) for `series`; references grey and dashed, the main
    area thick blue, compared areas in Okabe–Ito colours with distinct markers. The main area's
    trend window is shaded; the sidebar's year is marked."""
    texts = texts_or_default(texts)
    words = texts.trends
    fig = go.Figure()
    compare_index = 0
    draw_order = (
        [s for s in series if s.role == ROLE_REFERENCE]
        + [s for s in series if s.role == ROLE_COMPARE]
        + [s for s in series if s.role == ROLE_MAIN]
    )
    ranks = {s.code: i for i, s in enumerate(series)}
    for s in draw_order:
        part = filled.filter(pl.col("area_code") == s.code)
        style = _style(s, compare_index)
        if s.role == ROLE_COMPARE:
            compare_index += 1
        if not part.height or part["value"].drop_nulls().len() == 0:
            continue
        xs = [_x(y, m, options.monthly) for y, m in zip(part["year"], part["month"])]
        excl = part["excl_vaala"].to_list()
        symbols = [("circle-open" if e else style["symbol"]) for e in excl]
        sizes = [(style["size"] + 5 if e else style["size"]) for e in excl]
        if options.monthly:  # 12 markers a year would drown the line; keep them for flagged/isolated points
            sizes = [sz if e else max(3, style["size"] - 5) for sz, e in zip(sizes, excl)]
        # An estimate (no counts behind it) says so in its hover, with the mark used everywhere.
        estimate = texts.common.METHOD_MARKS["estimate"]
        marks = [estimate if method == "estimate" else "" for method in part["method"].to_list()]
        hover = [
            _hover(s.label, y, m, v, e, options, texts) + (f" {mark}" if mark and v is not None else "")
            for y, m, v, e, mark in zip(part["year"], part["month"], part["value"], excl, marks)
        ]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=part["value"].to_list(),
                mode="lines+markers",
                connectgaps=False,
                name=s.label,
                line=dict(color=style["color"], dash=style["dash"], width=style["width"]),
                marker=dict(symbol=symbols, size=sizes, color=style["color"], line=dict(width=2, color=style["color"])),
                customdata=[[s.code, h] for h in hover],
                hovertemplate="%{customdata[1]}<extra></extra>",
                legendrank=ranks[s.code] + 1,
            )
        )

    main = next((t for t in trends if t.series.role == ROLE_MAIN), None)
    if main is not None and main.trend.kind != "not_computable" and main.trend.years:
        y0, y1 = main.trend.years[0], main.trend.years[-1]
        if options.monthly:
            m = main.month or 12
            x0, x1 = _x(y0, m, True), _x(y1, m, True)
        else:
            x0, x1 = y0 - 0.4, y1 + 0.4
        fig.add_vrect(
            x0=x0,
            x1=x1,
            fillcolor=WINDOW_FILL,
            line_width=0,
            layer="below",
            annotation=dict(
                text=words.TREND_WINDOW.format(years=years_label(main.trend.years, texts)),
                font=dict(size=FONT_SIZE - 3, color=chart_style.MUTED_TEXT_COLOR),
            ),
            annotation_position="top right",
        )
    if options.selected_year is not None and filled.height:
        first, last = int(filled["year"].min()), int(filled["year"].max())
        if first <= options.selected_year <= last:
            if options.monthly:  # the selected year's last month in the data
                in_year = filled.filter(pl.col("year") == options.selected_year)
                x = _x(options.selected_year, int(in_year["month"].max()), True)
            else:
                x = options.selected_year
            fig.add_vline(x=x, line=dict(color="#9A9A9A", width=1.5, dash="dot"))

    values = filled["value"].drop_nulls()
    nonnegative = values.len() > 0 and float(values.min()) >= 0
    title = wrap(options.indicator_name, TITLE_WRAP)
    title_lines = title.count("<br>") + 2
    if filled.height:
        if options.monthly:
            first = filled.row(0, named=True)
            last = filled.row(filled.height - 1, named=True)
            period = words.SUBTITLE_MONTHS.format(
                first=f"{first['month']}/{first['year']}", last=f"{last['month']}/{last['year']}"
            )
        else:
            period = words.SUBTITLE_YEARS.format(first=int(filled["year"].min()), last=int(filled["year"].max()))
    else:
        period = ""
    fig.update_layout(
        height=options.height,
        **chart_style.base_layout(),
        title=chart_style.title(title, period),
        margin=dict(l=10, r=16, t=20 + 28 * title_lines, b=LEGEND_PX + 40),
        legend=chart_style.legend_below(itemwidth=40, traceorder="normal"),
        hovermode="closest",
        hoverlabel=chart_style.hoverlabel(),
        dragmode=False,
    )
    fig.update_yaxes(
        title=dict(text=options.unit or "", font=dict(size=FONT_SIZE - 1, color=TEXT_COLOR)),
        rangemode="tozero" if nonnegative else "normal",
        gridcolor="#E3E3E3",
        zeroline=True,
        zerolinecolor="#BDBDBD",
        tickfont=dict(size=FONT_SIZE - 1, color=TEXT_COLOR),
        automargin=True,
        fixedrange=True,
    )
    xaxis = dict(
        showgrid=False,
        tickfont=dict(size=FONT_SIZE - 1, color=TEXT_COLOR),
        automargin=True,
        fixedrange=True,
        showline=True,
        linecolor="#9A9A9A",
        ticks="outside",
    )
    if filled.height:  # explicit: annotations must not stretch the axis on a narrow phone
        if options.monthly:
            first, last = filled.row(0, named=True), filled.row(filled.height - 1, named=True)
            start = dt.date(first["year"], first["month"], 1) - dt.timedelta(days=20)
            end = dt.date(last["year"], last["month"], 1) + dt.timedelta(days=20)
            xaxis.update(range=[start.isoformat(), end.isoformat()])
        else:
            xaxis.update(range=[int(filled["year"].min()) - 0.5, int(filled["year"].max()) + 0.5])
    if not options.monthly:
        xaxis.update(tickformat="d")
    fig.update_xaxes(**xaxis)
    return fig


# ---------------------------------------------------------------------------
# Table and alt text
# ---------------------------------------------------------------------------
def wide_table(
    filled: pl.DataFrame, series: Sequence[Series], *, decimals: int, monthly: bool, texts: Texts | None = None
) -> pl.DataFrame:
    """Year (× month) rows, one column per shown area (rounded as displayed), and a note column
    when some values are flagged."""
    texts = texts_or_default(texts)
    words = texts.trends
    if not filled.height:
        return pl.DataFrame({words.TABLE_YEAR: []}, schema={words.TABLE_YEAR: pl.Int64})
    keys = ["year", "month"] if monthly else ["year"]
    table = filled.select(keys).unique(maintain_order=True)
    notes: list[pl.Expr] = []
    for s in series:
        estimate = (pl.col("method") == "estimate").fill_null(False) & pl.col("value").is_not_null()
        part = filled.filter(pl.col("area_code") == s.code).select(
            *keys,
            pl.col("value").round(int(decimals)).alias(s.label),
            pl.col("excl_vaala").alias(f"_x_{s.code}"),
            estimate.alias(f"_e_{s.code}"),
        )
        table = table.join(part, on=keys, how="left", maintain_order="left")
        notes.append(pl.when(pl.col(f"_x_{s.code}")).then(pl.lit(f"{s.label}: {words.EXCL_VAALA_SHORT}")))
        notes.append(pl.when(pl.col(f"_e_{s.code}")).then(pl.lit(f"{s.label}: {words.ESTIMATE_SHORT}")))
    flagged = any(table[f"_{k}_{s.code}"].fill_null(False).any() for s in series for k in "xe")
    if flagged:
        table = table.with_columns(pl.concat_str(notes, separator="; ", ignore_nulls=True).alias(words.TABLE_NOTE))
        table = table.with_columns(
            pl.when(pl.col(words.TABLE_NOTE) == "")
            .then(None)
            .otherwise(pl.col(words.TABLE_NOTE))
            .alias(words.TABLE_NOTE)
        )
    table = table.drop([f"_{k}_{s.code}" for s in series for k in "xe"])
    rename = {"year": words.TABLE_YEAR}
    if monthly:
        table = table.with_columns(month_names(pl.col("month"), texts))
        rename["month"] = words.TABLE_MONTH
    return table.rename(rename)


def alt_text(
    filled: pl.DataFrame,
    series: Sequence[Series],
    trends: Sequence[SeriesTrend],
    options: TrendOptions,
    texts: Texts | None = None,
) -> str:
    texts = texts_or_default(texts)
    words = texts.trends
    if filled["value"].drop_nulls().len() == 0:
        return words.ALT_NO_DATA.format(indicator=options.indicator_name)
    period = year_range(int(filled["year"].min()), int(filled["year"].max()), texts=texts)
    by_code = {t.series.code: t for t in trends}
    main = next((s for s in series if s.role == ROLE_MAIN), None)
    main_trend = by_code.get(main.code) if main else None
    if main_trend and main_trend.trend.kind != "not_computable":
        trend_text = f"{main_trend.trend.word} ({years_label(main_trend.trend.years, texts)})"
    else:
        trend_text = texts.common.JUDGEMENT_WORDS["trend_not_computable"]
    refs = ", ".join(s.label for s in series if s.role == ROLE_REFERENCE) or "–"
    text = words.ALT.format(
        indicator=options.indicator_name,
        period=period,
        main=main.label if main else "",
        trend=trend_text,
        references=refs,
    )
    compares = [s.label for s in series if s.role == ROLE_COMPARE]
    if compares:
        text += words.ALT_COMPARE.format(names=", ".join(compares))
    return text
