"""The start page's model: where one area stands against its benchmarks, the summary, and the
overview of every current indicator.

Pure (no Streamlit): the start page, the area profile reports and the slides build the same model
from the database, so the sentences a leader reads are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import polars as pl

from .. import codes, export, overview, situation
from ..texts import texts_for
from ..viewstate import ViewState

#: Areas where the open doubt about Hailuoto's area (Lakeus or Oulu) changes what is shown:
#: Lakeus (where it is now), the Oulu area (where it may belong), the city of Oulu (= the Oulu
#: area) and Hailuoto itself.
HAILUOTO_AREAS = codes.HAILUOTO_AREAS


@dataclass(frozen=True)
class StartModel:
    area_code: str
    area_name: str
    area_level: str
    benchmarks: tuple
    skipped_parent: str | None  # nearest benchmark left out: it has the same members
    rows: tuple
    summary: Any  # situation.Summary, or None when the area has no rows
    ages: dict
    overview: tuple = ()  # overview.OverviewRow per current indicator, in table order
    same_territory_as: str | None = None  # the municipality an area consists of, labelled ("Oulu (kunta)")
    hailuoto_doubt: bool = False
    skipped_parent_name: str | None = None  # `skipped_parent` labelled with its level ("Oulu (Pohden alue)")


def build(db, view: ViewState | str, *, texts=None, this_year: int) -> StartModel:
    """The model of the view's area (or of an area code) from `db` (a tilannekuva.db.Database or
    anything with its `query`); `texts` default: texts_for() (the model's words come from
    `situation`, the theme blocks take `texts`)."""
    area = view.area if isinstance(view, ViewState) else view
    areas = db.query("areas")
    catalogue = db.query("indicators")
    info = {r["area_code"]: r for r in areas.iter_rows(named=True)}
    row = info.get(area, {"name_fi": area, "level": ""})
    benchmarks, skipped_parent = situation.benchmarks_for(area, areas)
    members = situation.members_of(area, info) or frozenset()
    single = next(iter(members)) if row["level"] == codes.POHDE_AREA and len(members) == 1 else None
    # The same name is on two levels here (Oulu the city and Oulu the Pohde area): say which.
    label = lambda code: (texts or texts_for()).common.area_label(info[code]["name_fi"], info[code]["level"])  # noqa: E731
    hailuoto = area in HAILUOTO_AREAS or any(b.code in HAILUOTO_AREAS for b in benchmarks)
    # One query per area: the region's and the country's rows are cached once for every page.
    series = pl.concat(
        [
            db.query("area_series", area_code=code, gender="total")
            for code in dict.fromkeys([area, *(b.code for b in benchmarks)])
        ]
    )
    rows = situation.indicator_rows(series, catalogue, area, benchmarks)
    base = dict(
        area_code=area,
        area_name=row["name_fi"],
        area_level=row["level"],
        benchmarks=tuple(benchmarks),
        skipped_parent=skipped_parent,
        skipped_parent_name=label(skipped_parent) if skipped_parent in info else None,
        same_territory_as=label(single) if single else None,
        hailuoto_doubt=hailuoto,
    )
    if not rows:
        return StartModel(**base, rows=(), summary=None, ages={})
    benchmark = situation.summary_benchmark(benchmarks)
    summary = situation.summarise(rows, benchmark, this_year)
    ordered = [r for _, theme_rows in situation.group_by_theme(rows, this_year) for r in theme_rows]
    spine = overview.overview_rows(ordered, db.query("municipal_distribution", gender="total"), benchmark, this_year)
    return StartModel(
        **base, rows=tuple(rows), summary=summary, ages=situation.age_counts(rows, this_year), overview=spine
    )


@dataclass(frozen=True)
class ThemeBlock:
    """One theme's table on the start page: rows, the benchmarks shown, the table (polars and the
    pandas copy st.dataframe draws) with its judgement colours as CSS, notes, source, downloads."""

    theme: str
    rows: tuple
    shown: tuple
    missing: tuple
    table: pl.DataFrame
    frame: pd.DataFrame  # the table for the Styler
    css: pd.DataFrame  # judgement colours, same shape as `frame`
    notes: tuple
    source: str
    csv: bytes  # the download: numbers as numbers (situation.theme_export), Excel-ready
    export: pl.DataFrame


def _css(frame: pd.DataFrame, colours) -> pd.DataFrame:
    out = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for i, row_colours in enumerate(colours):
        for column, colour in row_colours.items():
            if column in out.columns:
                out.iat[i, out.columns.get_loc(column)] = f"color: {colour}"
    return out


def themes(model: StartModel, *, texts=None, this_year: int, show_old: bool) -> tuple[ThemeBlock, ...]:
    """The start page's theme tables of `model` (old rows only with `show_old`)."""
    common = (texts or texts_for()).common
    blocks = []
    for theme, theme_rows in situation.group_by_theme(model.rows, this_year, show_old=show_old):
        # A benchmark with no value for any row of this theme would be a column of "ei tietoa".
        shown = [
            b for b in model.benchmarks if any((bv := r.against(b.code)) and bv.value is not None for r in theme_rows)
        ]
        missing = [b.name for b in model.benchmarks if b not in shown]
        table = situation.theme_table(theme_rows, shown, this_year)
        frame = table.to_pandas()
        css = _css(frame, situation.theme_colours(theme_rows, shown, this_year))
        download = situation.theme_export(theme_rows, shown)
        blocks.append(
            ThemeBlock(
                theme=theme,
                rows=tuple(theme_rows),
                shown=tuple(shown),
                missing=tuple(missing),
                table=table,
                frame=frame,
                css=css,
                notes=tuple(situation.theme_notes(theme_rows)),
                source=common.source_line(sorted({r.source for r in theme_rows}), situation.years_span(theme_rows)),
                csv=export.csv_bytes(download),
                export=download,
            )
        )
    return tuple(blocks)
