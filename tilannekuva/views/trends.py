"""The Kehitys page's model: one indicator over time for the chosen area, the areas compared with
it and the two references (Pohjois-Pohjanmaa, the whole country).

Pure (no Streamlit): `build(db, view, *, texts, this_year)` gives the series with honest gaps,
the five-year trend of each, the figure, wide table, alt text, source line and the lines beside
the chart, so the page only draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from .. import codes
from ..charts import trend as trend_charts
from ..indicator import IndicatorSpec, spec_for
from ..viewstate import ViewState
from .table import SharedTable, shared_table

REFERENCES = codes.BENCHMARKS


def area_labels(db, texts) -> dict[str, str]:
    """Area code -> 'Name (level)' as the pickers and the legend name it."""
    T = texts.common
    return {r["area_code"]: T.area_label(r["name_fi"], r["level"]) for r in db.query("areas").iter_rows(named=True)}


def series_for(area: str, compare, names: dict[str, str], texts) -> tuple[trend_charts.Series, ...]:
    """The chosen area, the areas compared with it, then the references not already chosen."""
    TT = texts.trends
    series = [trend_charts.Series(area, names.get(area, area), trend_charts.ROLE_MAIN)]
    series += [trend_charts.Series(c, names.get(c, c), trend_charts.ROLE_COMPARE)
               for c in compare if c not in (area, *REFERENCES)]
    series += [trend_charts.Series(c, names.get(c, c) + TT.REFERENCE_SUFFIX, trend_charts.ROLE_REFERENCE)
               for c in REFERENCES if c != area]
    return tuple(series)


@dataclass(frozen=True)
class TrendModel:
    spec: IndicatorSpec
    rows: pl.DataFrame
    filled: pl.DataFrame            # charts.trend.fill_gaps: one row per area and period
    series: tuple
    trends: tuple                   # charts.trend.SeriesTrend per series
    fig: Any
    table: SharedTable              # st.dataframe gets the pandas copy made once here
    alt: str
    years: str                      # '2010–2024' of the values drawn
    sources: tuple
    flagged: dict                   # area code -> years drawn with 2013 borders (without Vaala)
    source: str = ""                # the source line below the chart
    filename: str = ""
    header: str = ""                # heading of the trend lines
    lines: tuple[str, ...] = ()     # one Markdown line per series (judgement in its colour, HTML span)
    flag_notes: tuple[str, ...] = ()  # captions below the chart
    explain: str = ""               # how the direction is computed (caption below the trend lines)
    caveat: str | None = None       # the catalogue's caveat, escaped (caption after the freshness note)


def build(db, view: ViewState, *, texts, this_year: int) -> TrendModel | None:
    """The trends of `view` (indicator, gender, area, compare, year marked). None when the
    indicator is unknown or no chosen area has a value."""
    spec = spec_for(db, view.indicator)
    if spec is None:
        return None
    T, TT, TM = texts.common, texts.trends, texts.map
    names = area_labels(db, texts)
    series = series_for(view.area, view.compare, names, texts)
    codes_ = [s.code for s in series]
    rows = db.query("indicator_series", indicator_id=spec.indicator_id, area_codes=codes_, gender=view.gender)
    filled = trend_charts.fill_gaps(rows, codes_, spec.monthly)
    if filled["value"].drop_nulls().len() == 0:
        return None
    # References without any value are not drawn, so they are not listed either.
    with_data = set(filled.filter(pl.col("value").is_not_null())["area_code"].unique().to_list())
    series = tuple(s for s in series if s.role != trend_charts.ROLE_REFERENCE or s.code in with_data)
    options = trend_charts.TrendOptions(spec, selected_year=view.year)
    trends = tuple(trend_charts.judge(filled, series, spec.polarity, spec.monthly))
    valid_years = filled.filter(pl.col("value").is_not_null())["year"]
    years = f"{int(valid_years.min())}–{int(valid_years.max())}"
    sources = tuple(rows.filter(pl.col("status") == codes.OK)["source"].unique(maintain_order=True).to_list())
    flagged = trend_charts.flagged_years(filled)
    month_used = next((t.month for t in trends if t.month), None)
    header = (TT.TREND_HEADER_MONTHLY.format(month=TM.MONTHS[month_used - 1]) if spec.monthly and month_used
              else TT.TREND_HEADER)
    polarity_note = TM.POLARITY_NOTE.get(spec.polarity, TM.POLARITY_NOTE["neutral"])
    return TrendModel(
        spec=spec, rows=rows, filled=filled, series=series, trends=trends,
        fig=trend_charts.trend_figure(filled, series, options, trends),
        table=shared_table(trend_charts.wide_table(filled, series, decimals=spec.decimals, monthly=spec.monthly)),
        alt=trend_charts.alt_text(filled, series, trends, options), years=years, sources=sources, flagged=flagged,
        source=T.source_line(list(sources), years),
        filename=TT.FILENAME.format(indicator=spec.indicator_id, area=view.area), header=header,
        lines=tuple(trend_charts.trend_markdown(t) for t in trends),
        flag_notes=tuple(TT.EXCL_VAALA_NOTE.format(name=T.escape_markdown(names.get(code, code)),
                                                   years=trend_charts.year_spans(flag_years))
                         for code, flag_years in flagged.items()),
        explain=TT.TREND_EXPLAIN.format(polarity=polarity_note),
        caveat=T.escape_markdown(spec.caveat) if spec.caveat else None)  # catalogue text is data: literal
