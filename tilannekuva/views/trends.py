"""The Kehitys page's model: one indicator over time for the chosen area, the areas compared with
it and the two references (Pohjois-Pohjanmaa, the whole country).

Pure (no Streamlit): `build(db, view, *, texts, this_year)` gives the series with honest gaps,
the five-year trend of each, the figure, wide table, alt text, source line and the lines beside
the chart, so the page only draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from .. import codes, judgements
from ..charts import trend as trend_charts
from ..charts.trend import EXCL_VAALA, Series, SeriesTrend
from ..codes import MISSING, OK
from ..indicator import IndicatorSpec, spec_for
from ..viewstate import ViewState
from .table import SharedTable, shared_table

REFERENCES = codes.BENCHMARKS


# ---------------------------------------------------------------------------
# Calendar with gaps
# ---------------------------------------------------------------------------
def _period(year: int, month: int | None, monthly: bool) -> int:
    return int(year) * 12 + (int(month) - 1) if monthly else int(year)


def fill_gaps(rows: pl.DataFrame, codes: Sequence[str], monthly: bool) -> pl.DataFrame:
    """One row per (area, period) over the full common range, in the order of `codes`.

    Columns: area_code, year, month (null for annual), value (None unless status 'ok'), status,
    method, excl_vaala (bool). Periods without a source row get value None and status 'missing'."""
    schema = {
        "area_code": pl.Utf8,
        "year": pl.Int64,
        "month": pl.Int64,
        "value": pl.Float64,
        "status": pl.Utf8,
        "method": pl.Utf8,
        "excl_vaala": pl.Boolean,
    }
    data = rows.filter(pl.col("area_code").is_in(list(codes)))
    if monthly:
        data = data.filter(pl.col("month").is_not_null())
    else:
        data = data.filter(pl.col("month").is_null())
    if not data.height:
        return pl.DataFrame(schema=schema)
    data = data.with_columns(
        pl.col("year").cast(pl.Int64),
        pl.col("month").cast(pl.Int64),
        (
            pl.col("year").cast(pl.Int64) * 12 + pl.col("month").cast(pl.Int64) - 1
            if monthly
            else pl.col("year").cast(pl.Int64)
        ).alias("_p"),
    )
    first, last = int(data["_p"].min()), int(data["_p"].max())
    periods = pl.DataFrame({"_p": list(range(first, last + 1))}, schema={"_p": pl.Int64})
    order = pl.DataFrame(
        {"area_code": list(codes), "_o": list(range(len(codes)))}, schema={"area_code": pl.Utf8, "_o": pl.Int64}
    )
    grid = order.join(periods, how="cross")
    values = data.select("area_code", "_p", "value", "status", "method")
    out = grid.join(values, on=["area_code", "_p"], how="left").sort("_o", "_p")
    ok = (pl.col("status") == OK) & pl.col("value").is_not_null() & pl.col("value").is_finite()
    out = out.with_columns(
        (pl.col("_p") // 12 if monthly else pl.col("_p")).cast(pl.Int64).alias("year"),
        (pl.col("_p") % 12 + 1 if monthly else pl.lit(None)).cast(pl.Int64).alias("month"),
        pl.when(ok.fill_null(False)).then(pl.col("value")).otherwise(None).cast(pl.Float64).alias("value"),
        pl.col("status").fill_null(MISSING),
        (pl.col("method") == EXCL_VAALA).fill_null(False).alias("excl_vaala"),
    )
    return out.select(list(schema)).cast(schema)


def trend_points(filled: pl.DataFrame, code: str, monthly: bool) -> tuple[list[tuple[int, float | None]], int | None]:
    """(points for judgements.trend, calendar month used or None). Monthly: the newest value's month
    in every year."""
    part = filled.filter(pl.col("area_code") == code)
    if not monthly:
        return [(int(y), v) for y, v in zip(part["year"], part["value"])], None
    valid = part.filter(pl.col("value").is_not_null())
    if not valid.height:
        return [], None
    month = int(valid["month"][-1])
    same = part.filter(pl.col("month") == month)
    return [(int(y), v) for y, v in zip(same["year"], same["value"])], month


def judge(filled: pl.DataFrame, series: Sequence[Series], polarity: str | None, monthly: bool) -> list[SeriesTrend]:
    out = []
    for s in series:
        points, month = trend_points(filled, s.code, monthly)
        out.append(SeriesTrend(s, judgements.trend(points, polarity), month))
    return out


def flagged_years(filled: pl.DataFrame) -> dict[str, list[int]]:
    """{area_code: years} of values drawn with 2013 borders without Vaala."""
    part = filled.filter(pl.col("excl_vaala") & pl.col("value").is_not_null())
    out: dict[str, list[int]] = {}
    for code, year in zip(part["area_code"], part["year"]):
        years = out.setdefault(code, [])
        if not years or years[-1] != year:
            years.append(int(year))
    return out


# ---------------------------------------------------------------------------
# The page model
# ---------------------------------------------------------------------------


def area_labels(db, texts) -> dict[str, str]:
    """Area code -> 'Name (level)' as the pickers and the legend name it."""
    common = texts.common
    return {
        r["area_code"]: common.area_label(r["name_fi"], r["level"]) for r in db.query("areas").iter_rows(named=True)
    }


def series_for(area: str, compare, names: dict[str, str], texts) -> tuple[trend_charts.Series, ...]:
    """The chosen area, the areas compared with it, then the references not already chosen."""
    words = texts.trends
    series = [trend_charts.Series(area, names.get(area, area), trend_charts.ROLE_MAIN)]
    series += [
        trend_charts.Series(c, names.get(c, c), trend_charts.ROLE_COMPARE)
        for c in compare
        if c not in (area, *REFERENCES)
    ]
    series += [
        trend_charts.Series(c, names.get(c, c) + words.REFERENCE_SUFFIX, trend_charts.ROLE_REFERENCE)
        for c in REFERENCES
        if c != area
    ]
    return tuple(series)


@dataclass(frozen=True)
class TrendModel:
    spec: IndicatorSpec
    rows: pl.DataFrame
    filled: pl.DataFrame  # fill_gaps: one row per area and period
    series: tuple
    trends: tuple  # SeriesTrend per series
    fig: Any
    table: SharedTable  # st.dataframe gets the pandas copy made once here
    alt: str
    years: str  # '2010–2024' of the values drawn
    sources: tuple
    flagged: dict  # area code -> years drawn with 2013 borders (without Vaala)
    source: str = ""  # the source line below the chart
    filename: str = ""
    header: str = ""  # heading of the trend lines
    lines: tuple[str, ...] = ()  # one Markdown line per series (judgement in its colour, HTML span)
    flag_notes: tuple[str, ...] = ()  # captions below the chart
    explain: str = ""  # how the direction is computed (caption below the trend lines)
    caveat: str | None = None  # the catalogue's caveat, escaped (caption after the freshness note)


def build(db, view: ViewState, *, texts, this_year: int) -> TrendModel | None:
    """The trends of `view` (indicator, gender, area, compare, year marked). None when the
    indicator is unknown or no chosen area has a value."""
    spec = spec_for(db, view.indicator)
    if spec is None:
        return None
    common, words, map_words = texts.common, texts.trends, texts.map
    names = area_labels(db, texts)
    series = series_for(view.area, view.compare, names, texts)
    codes_ = [s.code for s in series]
    rows = db.query("indicator_series", indicator_id=spec.indicator_id, area_codes=codes_, gender=view.gender)
    filled = fill_gaps(rows, codes_, spec.monthly)
    if filled["value"].drop_nulls().len() == 0:
        return None
    # References without any value are not drawn, so they are not listed either.
    with_data = set(filled.filter(pl.col("value").is_not_null())["area_code"].unique().to_list())
    series = tuple(s for s in series if s.role != trend_charts.ROLE_REFERENCE or s.code in with_data)
    options = trend_charts.TrendOptions(spec, selected_year=view.year)
    trends = tuple(judge(filled, series, spec.polarity, spec.monthly))
    valid_years = filled.filter(pl.col("value").is_not_null())["year"]
    years = f"{int(valid_years.min())}–{int(valid_years.max())}"
    sources = tuple(rows.filter(pl.col("status") == codes.OK)["source"].unique(maintain_order=True).to_list())
    flagged = flagged_years(filled)
    month_used = next((t.month for t in trends if t.month), None)
    header = (
        words.TREND_HEADER_MONTHLY.format(month=map_words.MONTHS[month_used - 1])
        if spec.monthly and month_used
        else words.TREND_HEADER
    )
    polarity_note = map_words.POLARITY_NOTE.get(spec.polarity, map_words.POLARITY_NOTE["neutral"])
    return TrendModel(
        spec=spec,
        rows=rows,
        filled=filled,
        series=series,
        trends=trends,
        fig=trend_charts.trend_figure(filled, series, options, trends),
        table=shared_table(trend_charts.wide_table(filled, series, decimals=spec.decimals, monthly=spec.monthly)),
        alt=trend_charts.alt_text(filled, series, trends, options),
        years=years,
        sources=sources,
        flagged=flagged,
        source=common.source_line(list(sources), years),
        filename=words.FILENAME.format(indicator=spec.indicator_id, area=view.area),
        header=header,
        lines=tuple(trend_charts.trend_markdown(t) for t in trends),
        flag_notes=tuple(
            words.EXCL_VAALA_NOTE.format(
                name=common.escape_markdown(names.get(code, code)), years=trend_charts.year_spans(flag_years)
            )
            for code, flag_years in flagged.items()
        ),
        explain=words.TREND_EXPLAIN.format(polarity=polarity_note),
        caveat=common.escape_markdown(spec.caveat) if spec.caveat else None,
    )  # catalogue text is data: literal
