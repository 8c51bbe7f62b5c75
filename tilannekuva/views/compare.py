"""The Vertailu page's model: the 30 municipalities ranked, one Pohde area's municipalities side by
side on every indicator (the profile), and the spread between municipalities inside each area.

Pure (no Streamlit). Each tab has its own builder (`ranking`, `profile`, `spread`: a page caches
them apart, since the profile follows its own pickers); `build(db, view, *, texts, this_year)`
gives all three for a report. Every sentence, note, alt text and source line is made here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import polars as pl

from .. import codes, comparison
from ..charts.profile import profile_css
from ..charts.ranking import ranking_figure
from ..charts.spread import spread_figure
from ..indicator import IndicatorSpec, spec_for
from ..viewstate import ViewState
from .table import SharedTable, shared_table


def _plain(markdown: str) -> str:
    return markdown.replace("**", "")


def hailuoto_doubt(area: str | None, highlight=frozenset()) -> bool:
    """The Hailuoto rule: its doubt is named when Hailuoto is shown as chosen or Lakeus is the area."""
    return codes.HAILUOTO in highlight or area == codes.LAKEUS


# ---------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RankingModel:
    spec: IndicatorSpec
    message: str | None  # instead of everything below (no year / no values)
    heading: str | None = None  # None: nothing but the message
    rows: pl.DataFrame | None = None
    highlight: frozenset = frozenset()
    ranked: pl.DataFrame | None = None
    refs: tuple = ()
    month: int | None = None
    summary: str = ""  # Markdown: order, first and last
    notes: str = ""  # one caption: colours, references, highlight, month, Vaala
    fig: Any = None
    table: SharedTable | None = None  # st.dataframe gets the pandas copy made once here
    alt: str = ""
    source: str = ""
    filename: str = ""
    captions: tuple[str, ...] = ()  # below the chart: missing municipalities, how to read, Hailuoto


def ranking(db, view: ViewState, *, texts, this_year: int, spec: IndicatorSpec | None = None) -> RankingModel | None:
    spec = spec or spec_for(db, view.indicator)
    if spec is None:
        return None
    common, page = texts.common, texts.compare
    if view.year is None:
        return RankingModel(spec, page.NO_YEAR)
    year, decimals = int(view.year), spec.decimals
    areas = db.query("areas")
    kunnat = areas.filter(pl.col("level") == codes.MUNICIPALITY)
    rows = db.query("indicator_year", indicator_id=spec.indicator_id, year=year, gender=view.gender)
    highlight = comparison.highlight_codes(view.area, areas)
    ranked = comparison.ranking(
        rows,
        kunnat,
        {
            "polarity": spec.polarity,
            "value_type": spec.value_type,
            "ci_method": spec.ci_method,
            "scale": spec.scale,
            "decimals": decimals,
        },
        highlight,
        texts=texts,
    )
    refs = tuple(comparison.references(rows))
    months = rows.filter(pl.col("level") == codes.MUNICIPALITY)["month"].drop_nulls()
    month = int(months.max()) if len(months) else None
    heading = page.RANKING_HEADING.format(name=common.escape_markdown(spec.name), year=page.month_label(month, year))
    present = ranked.filter(pl.col("value").is_not_null())
    missing = ranked.filter(pl.col("value").is_null())
    base = dict(heading=heading, rows=rows, highlight=highlight, ranked=ranked, refs=refs, month=month)
    if present.is_empty():
        return RankingModel(spec, page.NO_VALUES, **base)
    first, last = present.row(0, named=True), present.row(-1, named=True)
    fmt = lambda r: common.format_number(r["value"], decimals)  # noqa: E731
    summary = (
        page.ORDER.get(spec.polarity, page.ORDER["neutral"])
        + " "
        + page.RANKING_SUMMARY.format(
            first=common.escape_markdown(first["name_fi"]),
            first_value=fmt(first),
            last=common.escape_markdown(last["name_fi"]),
            last_value=fmt(last),
        )
    )
    notes = []
    if spec.value_type == "count":
        notes.append(page.COLOUR_NOTE["count"])
    elif not any(r.area_code == comparison.BENCHMARK for r in refs):
        notes.append(page.COLOUR_NOTE["no_benchmark"])
    else:
        notes.append(page.COLOUR_NOTE["neutral" if spec.polarity == "neutral" else "directional"])
    if spec.value_type == "count":
        notes.append(
            page.COUNT_NO_REFERENCE.format(
                totals=", ".join(f"{r.name} {common.format_number(r.value, decimals)}" for r in refs)
            )
            if refs
            else page.NO_REFERENCES
        )
    else:
        notes.append(page.REFERENCE_NOTE if refs else page.NO_REFERENCES)
    if len(highlight) == 1:
        notes.append(
            page.HIGHLIGHT_ONE.format(name=common.escape_markdown(ranked.filter(pl.col("highlight"))["name_fi"][0]))
        )
    elif highlight:
        name = areas.filter(pl.col("area_code") == view.area)["name_fi"][0]
        notes.append(page.HIGHLIGHT_AREA.format(name=common.escape_markdown(name)))
    if month:
        notes.append(page.MONTH_NOTE.format(month=month, year=year))
    if any(r.excl_vaala for r in refs):
        notes.append(page.EXCL_VAALA_NOTE)
    benchmark_name = next((r.name for r in refs if r.area_code == comparison.BENCHMARK), page.PROFILE_BENCHMARK)
    alt = page.RANKING_ALT.format(
        n=ranked.height,
        name=spec.name,
        year=year,
        first=first["name_fi"],
        first_value=fmt(first),
        last=last["name_fi"],
        last_value=fmt(last),
        missing=page.RANKING_ALT_MISSING.format(n=missing.height) if missing.height else "",
    )
    captions = []
    if missing.height:
        captions.append(
            page.MISSING_NOTE.format(n=missing.height, names=common.escape_markdown(", ".join(missing["name_fi"])))
        )
    captions.append(page.POINT_NOTE)
    if hailuoto_doubt(view.area, highlight):
        captions.append(common.HAILUOTO_DOUBT)
    return RankingModel(
        spec,
        None,
        **base,
        summary=summary,
        notes=" ".join(notes),
        fig=ranking_figure(ranked, list(refs), unit=spec.unit, decimals=decimals, value_type=spec.value_type),
        table=shared_table(comparison.ranking_table(ranked, decimals, year, benchmark_name, texts=texts)),
        alt=alt,
        source=common.source_line([spec.source], page.month_label(month, year)),
        filename=page.RANKING_FILENAME.format(indicator=spec.indicator_id, year=year),
        captions=tuple(captions),
    )


# ---------------------------------------------------------------------------
# Area profile
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ProfileChoices:
    labels: dict  # Pohde area code -> name, in display order
    default: str  # the area of the view's area (or the first area)
    themes: tuple[str, ...]


def profile_choices(db, view: ViewState, *, texts) -> ProfileChoices:
    areas = db.query("areas")
    alue = areas.filter(pl.col("level") == codes.POHDE_AREA)
    present = set(db.query("indicators")["theme"])
    return ProfileChoices(
        labels=dict(zip(alue["area_code"], alue["name_fi"])),
        default=comparison.area_of(view.area, areas) or alue["area_code"][0],
        themes=tuple(t for t in texts.common.THEMES_ORDER if t in present),
    )


@dataclass(frozen=True)
class ProfileModel:
    heading: str
    long: pl.DataFrame
    text: pl.DataFrame | None = None  # display strings, one column per member
    kinds: pl.DataFrame | None = None  # judgement key per cell, same shape
    frame: pd.DataFrame | None = None  # `text` for st.dataframe (converted once)
    css: pd.DataFrame | None = None  # the cells' CSS, same shape as `frame` (charts.profile)
    csv: bytes = b""
    message: str | None = None  # instead of the table (no values)
    intro: tuple[str, ...] = ()  # captions above the table
    alt: str = ""
    notes: str = ""  # one caption below it
    captions: tuple[str, ...] = ()  # Hailuoto, the source line
    filename: str = ""
    members: tuple[str, ...] = ()


def profile(db, view: ViewState, area: str, theme: str | None, *, texts, this_year: int) -> ProfileModel:
    """The municipalities of Pohde area `area` side by side; `theme` None = every theme. The
    view's indicator is marked (▶)."""
    common, page = texts.common, texts.compare
    areas = db.query("areas")
    catalogue = db.query("indicators")
    name = dict(zip(areas["area_code"], areas["name_fi"])).get(area, area)
    heading = page.PROFILE_HEADING.format(area=name)
    members = areas.filter((pl.col("level") == codes.MUNICIPALITY) & (pl.col("parent_code") == area)).sort(
        "sort_order", "name_fi"
    )
    values = comparison.profile_values(
        db.query("area_profile", parent_code=area, gender=view.gender),
        db.query("area_series", area_code=comparison.BENCHMARK, gender=view.gender),
    )
    long = comparison.profile(values, catalogue, members.select("area_code", "name_fi"), texts=texts)
    if theme is not None:
        long = long.filter(pl.col("theme") == theme)
    if long.is_empty():
        return ProfileModel(heading, long, message=page.PROFILE_EMPTY)
    text, kinds = comparison.profile_wide(
        long,
        members["name_fi"].to_list(),
        catalogue,
        this_year,
        page.PROFILE_BENCHMARK,
        mark=view.indicator,
        texts=texts,
    )
    frame, css = profile_css(text, kinds)
    n_indicators = long["indicator_id"].n_unique()
    tested = long.filter(pl.col("tested"))["indicator_id"].n_unique()
    stale = long.filter(pl.col("year") <= this_year - common.STALE_YEARS)["indicator_id"].n_unique()
    notes = [
        page.PROFILE_TESTED_NOTE.format(n=tested),
        page.PROFILE_STALE_NOTE.format(n=stale, total=n_indicators, years=common.STALE_YEARS),
    ]
    if long["benchmark_excl_vaala"].any():
        notes.append(page.EXCL_VAALA_NOTE)
    captions = [common.HAILUOTO_DOUBT] if hailuoto_doubt(area) else []
    years = f"{long['year'].min()}–{long['year'].max()}"
    sources = catalogue.filter(pl.col("indicator_id").is_in(long["indicator_id"].unique().to_list()))["source_org"]
    captions.append(common.source_line(sorted(set(sources)), years))
    member_names = tuple(text.columns[3:])
    return ProfileModel(
        heading,
        long,
        text=text,
        kinds=kinds,
        frame=frame,
        css=css,
        csv=comparison.profile_csv(long, page.PROFILE_BENCHMARK, texts=texts).write_csv().encode("utf-8"),
        intro=(page.PROFILE_INTRO, page.PROFILE_LEGEND.format(years=common.STALE_YEARS)),
        alt=page.PROFILE_ALT.format(area=name, n=text.height, members=", ".join(member_names)),
        notes=" ".join(notes),
        captions=tuple(captions),
        filename=page.PROFILE_FILENAME.format(area=area),
        members=member_names,
    )


# ---------------------------------------------------------------------------
# Spread within the areas
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SpreadModel:
    spec: IndicatorSpec
    heading: str
    message: str | None = None  # instead of everything below (monthly series / no values)
    rows: pl.DataFrame | None = None
    latest: pl.DataFrame | None = None
    sentences: tuple[str, ...] = ()  # Markdown, one per area (the chosen one marked ▶)
    fig: Any = None
    table: SharedTable | None = None  # st.dataframe gets the pandas copy made once here
    alt: str = ""
    source: str = ""
    filename: str = ""
    notes: str = ""


def spread(db, view: ViewState, *, texts, this_year: int, spec: IndicatorSpec | None = None) -> SpreadModel | None:
    spec = spec or spec_for(db, view.indicator)
    if spec is None:
        return None
    common, page = texts.common, texts.compare
    heading = page.SPREAD_HEADING.format(name=common.escape_markdown(spec.name))
    if spec.monthly:
        return SpreadModel(spec, heading, page.SPREAD_MONTHLY)
    decimals, unit = spec.decimals, page.diff_unit(spec.unit)
    areas = db.query("areas")
    chosen = comparison.area_of(view.area, areas)
    rows = comparison.spread(
        db.query("area_spread", indicator_id=spec.indicator_id, gender=view.gender), comparison.member_counts(areas)
    )
    if rows.is_empty():
        return SpreadModel(spec, heading, page.SPREAD_EMPTY, rows=rows)
    latest = comparison.spread_latest(rows)
    sentences = []
    for r in latest.iter_rows(named=True):
        text = page.SPREAD_SENTENCE.format(
            area=common.escape_markdown(r["area_name"]),
            year=r["year"],
            max_name=common.escape_markdown(r["max_name"]),
            max_value=common.format_number(r["max_value"], decimals),
            min_name=common.escape_markdown(r["min_name"]),
            min_value=common.format_number(r["min_value"], decimals),
            range_value=common.format_number(r["range_value"], decimals),
            unit=unit,
        )
        if not r["complete"]:
            text += page.SPREAD_INCOMPLETE.format(missing=r["n_members"] - r["n_values"])
        sentences.append(f"▶ {text}" if r["area_code"] == chosen else text)
    years = f"{rows['year'].min()}–{rows['year'].max()}"
    notes = [page.SPREAD_GAPS, page.SPREAD_ONE_MEMBER, page.HAILUOTO_NOTE]
    if chosen in set(rows["area_code"]):
        notes.insert(
            0,
            page.SPREAD_SELECTED.format(
                name=common.escape_markdown(rows.filter(pl.col("area_code") == chosen)["area_name"][0])
            ),
        )
    return SpreadModel(
        spec,
        heading,
        None,
        rows=rows,
        latest=latest,
        sentences=tuple(sentences),
        fig=spread_figure(rows, unit_label=page.SPREAD_Y.format(unit=unit), decimals=decimals, highlight=chosen),
        table=shared_table(comparison.spread_table(rows, decimals, texts=texts)),
        alt=page.SPREAD_ALT.format(years=years, name=spec.name, sentences=" ".join(_plain(s) for s in sentences)),
        source=common.source_line([spec.source], years),
        filename=page.SPREAD_FILENAME.format(indicator=spec.indicator_id),
        notes=" ".join(notes),
    )


# ---------------------------------------------------------------------------
# The whole page (reports)
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CompareModel:
    spec: IndicatorSpec
    ranking: RankingModel
    profile: ProfileModel
    spread: SpreadModel


def build(
    db, view: ViewState, *, texts, this_year: int, area: str | None = None, theme: str | None = None
) -> CompareModel | None:
    """Every tab of `view`; the profile of `area` (default: the view's area's Pohde area).
    None when the indicator is unknown (the page says: choose an indicator)."""
    spec = spec_for(db, view.indicator)
    if spec is None:
        return None
    area = area or profile_choices(db, view, texts=texts).default
    return CompareModel(
        spec,
        ranking(db, view, texts=texts, this_year=this_year, spec=spec),
        profile(db, view, area, theme, texts=texts, this_year=this_year),
        spread(db, view, texts=texts, this_year=this_year, spec=spec),
    )
