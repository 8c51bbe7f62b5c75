"""The area profile ("tilannekuvaprofiili"): everything a PDF page or a slide shows, assembled once.

Pure (no Streamlit): built from the start page's own model (`views.start.build`), so the summary
sentences are exactly the start page's, and from the app's own chart builders (charts.trend,
charts.ranking; the overview chart when `charts.overview` exists). The writers (pdf.py,
slides.py) only lay it out, in the profile's own language (`Profile.texts`, chosen by `build`'s
`texts`: the words are the request's, the default language's for the command line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import polars as pl

from .. import codes, comparison, export, situation
from ..charts import trend as trend_charts
from ..charts.ranking import ranking_figure
from ..format import year_range
from ..indicator import IndicatorSpec
from ..texts import Texts, texts_for, texts_or_default
from ..views import start as start_view
from ..views import trends as trends_view

REGION, COUNTRY = codes.REGION, codes.COUNTRY
REFERENCES = codes.BENCHMARKS
HAILUOTO = codes.HAILUOTO
#: Areas whose figures depend on whether Hailuoto counts in Lakeus or in Oulu.
HAILUOTO_AREAS = frozenset({codes.LAKEUS, HAILUOTO, codes.OULU_AREA})
KEY_CONCERNS = 2
KEY_STRENGTHS = 2
OVERVIEW_SLIDE_ROWS = 14  # rows of the overview on one 16:9 slide


@dataclass(frozen=True)
class KeyChart:
    kind: str  # 'trend' | 'ranking' | 'overview'
    indicator_id: str
    title: str  # heading above the chart in the document
    sentence: str  # the summary sentence it illustrates ('' for none)
    figure: go.Figure  # with title, area, year and source inside (export.with_context)
    source: str
    alt: str
    file_stem: str
    width_px: int = 1000  # CSS px the chart is drawn at in the PDF (the overview is wider)


@dataclass(frozen=True)
class GoalSection:
    """One goal of the area (views.goals.GoalCard): its status, the card's sentences and chart."""

    heading: str  # status symbol and word, title, the example mark when it is one
    meta: str  # indicator, cooperation area, who is responsible
    lines: tuple[str, ...]  # the Tavoitteet page's sentences (baseline, target, latest value)
    chart: KeyChart | None
    status: str  # model status key: achieved / on_track / behind / no_new_data


@dataclass(frozen=True)
class ThemeSection:
    theme: str
    rows: tuple  # situation.IndicatorRow, newest first
    columns: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]  # display strings, exactly as on the start page
    source: str
    notes: tuple[tuple[str, str], ...]
    findings: tuple[str, ...]  # summary sentences of this theme's indicators


@dataclass(frozen=True)
class Profile:
    area_code: str
    area_name: str
    area_label: str
    level: str
    title: str
    made: dt.date
    this_year: int
    data_date: str
    compared_with: str
    ages: str
    concerns: tuple[str, ...]
    strengths: tuple[str, ...]
    no_concerns: str
    no_strengths: str
    summary_note: str
    charts: tuple[KeyChart, ...]
    overview: KeyChart | None
    themes: tuple[ThemeSection, ...]
    source_lines: tuple[str, ...]
    method: tuple[str, ...]
    hailuoto: str | None
    table: pl.DataFrame  # every indicator with numbers as numbers (CSV/XLSX)
    model: Any  # the views.start.StartModel it was built from
    overview_slides: tuple = ()  # the overview in parts that fit a slide (KeyChart each)
    goals: tuple = ()  # GoalSection per goal set for this area, behind-first
    goals_none: str = ""  # the line said when the area has no goals
    texts: Texts = field(default_factory=texts_for)  # the words it was made with (the writers use them too)

    @property
    def file_stem(self) -> str:
        return export.file_stem(self.texts.report.PROFILE_STEM, self.area_code, self.area_name)


def _data_date(db, rows, texts: Texts) -> str:
    info = dict(zip(*db.query("build_info").select("key", "value").to_dict(as_series=False).values()))
    built = (info.get("built_at") or "")[:10]
    newest, oldest = max(r.year for r in rows), min(r.year for r in rows)
    if built:
        day = dt.date.fromisoformat(built)
        return texts.report.DATA_DATE.format(built=f"{day.day}.{day.month}.{day.year}", newest=newest, oldest=oldest)
    return texts.report.DATA_DATE_NO_BUILD.format(newest=newest, oldest=oldest)


def _labels(areas: pl.DataFrame, texts: Texts) -> dict[str, str]:
    return {r["area_code"]: texts.common.area_label(r["name_fi"], r["level"]) for r in areas.iter_rows(named=True)}


def trend_chart(
    db,
    area: str,
    row,
    labels: dict[str, str],
    sentence: str = "",
    *,
    compare=(),
    gender: str = "total",
    selected_year: int | None = None,
    texts: Texts | None = None,
) -> KeyChart | None:
    """The Kehitys page's figure of one indicator for `area` (and the areas in `compare`) against
    the region and the country. `row`: anything with the indicator's id, name, unit, decimals,
    polarity and source (a situation.IndicatorRow, or report.deck.Indicator)."""
    texts = texts_or_default(texts)
    series = list(trends_view.series_for(area, compare, labels, texts))  # the Kehitys page's series
    area_codes = [s.code for s in series]
    rows = db.query("indicator_series", indicator_id=row.indicator_id, area_codes=area_codes, gender=gender)
    monthly = getattr(row, "frequency", "year") == "month"
    filled = trends_view.fill_gaps(rows, area_codes, monthly)
    valid = filled.filter(pl.col("value").is_not_null())
    if valid.is_empty():
        return None
    with_data = set(valid["area_code"])
    series = [s for s in series if s.role != trend_charts.ROLE_REFERENCE or s.code in with_data]
    options = trend_charts.TrendOptions(IndicatorSpec.like(row), selected_year=selected_year)
    trends = trends_view.judge(filled, series, row.polarity, monthly)
    fig = trend_charts.trend_figure(filled, series, options, trends)
    years = year_range(int(valid["year"].min()), int(valid["year"].max()))
    sources = rows.filter(pl.col("status") == codes.OK)["source"].unique(maintain_order=True).to_list()
    source = texts.common.source_line(sources or [row.source], years)
    ctx = export.ChartContext(row.name, labels.get(area, area), years, source, lang=texts.lang)
    return KeyChart(
        "trend",
        row.indicator_id,
        texts.report.TREND_CAPTION.format(name=row.name),
        sentence,
        export.with_context(fig, ctx),
        source,
        trend_charts.alt_text(filled, series, trends, options),
        export.file_stem(area, row.indicator_id, years),
    )


def ranking_chart(
    db,
    area: str,
    row,
    catalogue: pl.DataFrame,
    areas: pl.DataFrame,
    labels: dict[str, str],
    sentence: str = "",
    *,
    gender: str = "total",
    texts: Texts | None = None,
) -> KeyChart | None:
    """Where the area's municipalities rank (the Vertailu page's figure) in `row.year`."""
    texts = texts_or_default(texts)
    ind = catalogue.filter(pl.col("indicator_id") == row.indicator_id).row(0, named=True)
    year_rows = db.query("indicator_year", indicator_id=row.indicator_id, year=row.year, gender=gender)
    kunnat = areas.filter(pl.col("level") == codes.MUNICIPALITY)
    ranked = comparison.ranking(year_rows, kunnat, ind, comparison.highlight_codes(area, areas), texts=texts)
    if ranked.filter(pl.col("value").is_not_null()).is_empty():
        return None
    refs = comparison.references(year_rows)
    fig = ranking_figure(ranked, refs, unit=row.unit, decimals=row.decimals, texts=texts)
    source = texts.common.source_line([row.source], str(row.year))
    title = texts.report.RANKING_TITLE.format(name=row.name, year=row.year)
    ctx = export.ChartContext(title, labels.get(area, area), str(row.year), source, lang=texts.lang)
    return KeyChart(
        "ranking",
        row.indicator_id,
        texts.report.RANKING_CAPTION.format(name=row.name, year=row.year),
        sentence,
        export.with_context(fig, ctx),
        source,
        title,
        export.file_stem(area, row.indicator_id, row.year, texts.report.CHART_STEMS["ranking"]),
    )


def overview_chart(
    model,
    labels: dict[str, str],
    this_year: int,
    part: slice | None = None,
    title: str | None = None,
    *,
    texts: Texts | None = None,
) -> KeyChart | None:
    """The start page's visual overview ("spine chart") of every current indicator: the same
    builder and arguments as the start page (ui.cached.overview_figure). `part`: a slice of its
    rows (the slides show the overview in parts that fit a 16:9 screen); `title` default:
    texts.report.OVERVIEW."""
    from ..charts.overview import overview_figure  # noqa: PLC0415

    texts = texts_or_default(texts)
    title = title or texts.report.OVERVIEW

    summary = model.summary
    overview = getattr(model, "overview", ())
    if part is not None:
        overview = overview[part]
    if not overview or summary is None or summary.benchmark is None:
        return None
    names = {b.code: b.name for b in model.benchmarks}
    fig = overview_figure(
        overview,
        area_name=model.area_name,
        benchmark_name=summary.benchmark.name,
        region_name=names.get(REGION, model.area_name),
        country_name=names.get(COUNTRY, ""),
        texts=texts,
    )
    ids = {o.indicator_id for o in overview}
    rows = [r for r in model.rows if r.indicator_id in ids]
    years = situation.years_span(rows)
    source = texts.common.source_line(sorted({r.source for r in rows}), years)
    area = labels.get(model.area_code, model.area_name)
    kinds = [o.comparison.kind for o in overview]
    alt = texts.start.OVERVIEW_ALT.format(
        n=len(kinds), benchmark=summary.benchmark.name, worse=kinds.count("worse"), better=kinds.count("better")
    )
    ctx = export.ChartContext(title, area, years, source, lang=texts.lang)
    return KeyChart(
        "overview",
        "",
        title,
        "",
        export.with_context(fig, ctx),
        source,
        alt,
        export.file_stem(model.area_code, texts.report.CHART_STEMS["overview"]),
        width_px=1400,
    )


def overview_parts(
    model, labels: dict[str, str], this_year: int, *, texts: Texts | None = None
) -> tuple[KeyChart, ...]:
    """The overview in parts of at most OVERVIEW_SLIDE_ROWS rows, for slides."""
    texts = texts_or_default(texts)
    rows = len(getattr(model, "overview", ()) or ())
    if not rows:
        return ()
    n = -(-rows // OVERVIEW_SLIDE_ROWS)
    size = -(-rows // n)
    parts = []
    for i in range(n):
        title = (
            texts.report.OVERVIEW
            if n == 1
            else texts.report.THEME_PART.format(theme=texts.report.OVERVIEW, part=i + 1, parts=n)
        )
        chart = overview_chart(model, labels, this_year, slice(i * size, (i + 1) * size), title, texts=texts)
        if chart is not None:
            parts.append(chart)
    return tuple(parts)


MAX_GOAL_CHARTS = 6  # goals beyond these are listed without a chart (GOALS_MORE on slides)


def goal_sections(db, area: str, goals, *, charts: bool = True, texts: Texts | None = None) -> tuple[GoalSection, ...]:
    """The goals set for `area` as the Tavoitteet page shows them (status from the data, the same
    sentences), each with its chart (baseline to now, the straight path, the target)."""
    from ..charts.goal import goal_figure  # noqa: PLC0415
    from ..views import goals as goals_view  # noqa: PLC0415

    texts = texts_or_default(texts)
    out = []
    for n, card in enumerate(goals_view.area_goals(db, area, goals, texts=texts)):
        goal, status = card.goal, card.status
        example = texts.report.GOAL_EXAMPLE.format(mark=texts.goals.EXAMPLE_MARK) if goal.is_example else ""
        heading = texts.report.GOAL_HEADING.format(
            symbol=status.symbol, status=status.word, title=goal.title, example=example
        )
        meta = texts.report.GOAL_META.format(
            indicator=card.indicator_name, cooperation=goal.cooperation_area, responsible=goal.responsible(texts)
        )
        chart = None
        if charts and n < MAX_GOAL_CHARTS:
            title = texts.report.GOAL_CHART.format(title=goal.title) + example
            years = f"{goal.baseline_year}–{goal.target_year}"
            ctx = export.ChartContext(title, card.area_name, years, card.source, lang=texts.lang)
            chart = KeyChart(
                "goal",
                goal.indicator_id,
                title,
                " ".join(card.lines),
                export.with_context(goal_figure(card, texts), ctx),
                card.source,
                f"{heading}. {' '.join(card.lines)}",
                export.file_stem(area, texts.report.CHART_STEMS["goal"], goal.goal_id or n + 1),
            )
        out.append(GoalSection(heading, meta, tuple(card.lines), chart, status.status))
    return tuple(out)


def _key_findings(summary) -> list:
    return [*summary.concerns[:KEY_CONCERNS], *summary.strengths[:KEY_STRENGTHS]]


def indicator_table(rows, benchmarks, this_year: int, *, texts: Texts | None = None) -> pl.DataFrame:
    """Every indicator of the profile with numbers as numbers (for CSV/XLSX): value, year, age,
    each benchmark's value of the same year and the judgement words, trend and changes."""
    texts = texts_or_default(texts)
    words = texts.report
    cols: dict[str, list] = {
        words.COL_THEME: [],
        words.COL_NAME: [],
        words.COL_YEAR: [],
        words.COL_AGE: [],
        words.COL_VALUE: [],
        words.COL_UNIT: [],
    }
    judged: dict[str, str] = {}  # benchmark value column -> its judgement column
    for b in benchmarks:
        column = words.COL_BENCHMARK.format(name=b.name)
        judged[column] = words.COL_JUDGEMENT.format(column=column)
        cols[column] = []
        cols[judged[column]] = []
    cols.update(
        {
            words.COL_TREND: [],
            texts.start.COL_CHANGE_1: [],
            texts.start.COL_CHANGE_5: [],
            words.COL_SOURCE: [],
        }
    )
    for r in rows:
        cols[words.COL_THEME].append(r.theme)
        cols[words.COL_NAME].append(r.name)
        cols[words.COL_YEAR].append(r.year)
        cols[words.COL_AGE].append(this_year - r.year)
        cols[words.COL_VALUE].append(round(r.value, r.decimals))
        cols[words.COL_UNIT].append(r.unit)
        for b in benchmarks:
            bv = r.against(b.code)
            value = None if bv is None or bv.value is None else round(bv.value, r.decimals)
            cols[words.COL_BENCHMARK.format(name=b.name)].append(value)
            cols[judged[words.COL_BENCHMARK.format(name=b.name)]].append(
                f"{bv.comparison.symbol} {bv.comparison.word}" if bv else texts.common.NO_DATA
            )
        cols[words.COL_TREND].append(r.trend.label)
        for key, change in ((texts.start.COL_CHANGE_1, r.change_1), (texts.start.COL_CHANGE_5, r.change_5)):
            cols[key].append(None if change.difference is None else round(change.difference, r.decimals))
        cols[words.COL_SOURCE].append(r.source)
    schema = {
        k: (
            pl.Int64
            if k in (words.COL_YEAR, words.COL_AGE)
            else pl.Float64
            if k in (words.COL_VALUE, texts.start.COL_CHANGE_1, texts.start.COL_CHANGE_5) or k in judged
            else pl.String
        )
        for k in cols
    }
    return pl.DataFrame(cols, schema=schema)


def build(
    db,
    area: str,
    *,
    this_year: int,
    made: dt.date | None = None,
    charts: bool = True,
    goals: Sequence = (),
    texts: Texts | None = None,
) -> Profile:
    """The profile of `area` (a municipality, a Pohde area, HVA19 or MK17). `charts=False` skips the
    figures (tests of the text, quick previews). `goals`: every goal of the goals store
    (`GoalStore.list_goals()`); the profile shows those set for `area`. `texts`: the words (the
    request's; default: the default language's)."""
    texts = texts_or_default(texts)
    made = made or dt.date.today()
    model = start_view.build(db, area, texts=texts, this_year=this_year)
    areas = db.query("areas")
    catalogue = db.query("indicators")
    labels = _labels(areas, texts)
    label = texts.common.area_label(model.area_name, model.area_level)
    hailuoto = (
        texts.common.HAILUOTO_DOUBT
        if (area in HAILUOTO_AREAS or any(b.code in HAILUOTO_AREAS for b in model.benchmarks))
        else None
    )
    compared = texts.report.COMPARED_WITH.format(benchmarks=", ".join(b.name for b in model.benchmarks) or "–")
    title = texts.report.TITLE.format(area=model.area_name)
    goal_parts = goal_sections(db, area, goals, charts=charts, texts=texts)
    goals_none = texts.report.GOALS_NONE.format(area=model.area_name, date=f"{made.day}.{made.month}.{made.year}")
    if not model.rows:
        return Profile(
            area,
            model.area_name,
            label,
            model.area_level,
            title,
            made,
            this_year,
            texts.report.NO_ROWS,
            compared,
            "",
            (),
            (),
            "",
            "",
            "",
            (),
            None,
            (),
            (texts.report.LICENCE_LINE,),
            texts.report.METHOD_LINES,
            hailuoto,
            indicator_table((), (), this_year, texts=texts),
            model,
            goals=goal_parts,
            goals_none=goals_none,
            texts=texts,
        )
    summary = model.summary
    first = summary.first_year
    if summary.benchmark is not None:
        note = texts.start.SUMMARY_NOTE.format(
            benchmark_illative=summary.benchmark.forms_in(texts)[2], first=first, old=situation.OLD_YEARS
        )
    else:
        note = texts.start.SUMMARY_NOTE_TREND_ONLY.format(first=first)
    ages = texts.start.AGE_OVERVIEW.format(n=len(model.rows), **model.ages).replace("**", "")

    key_charts: list[KeyChart] = []
    overview = None
    overview_slides: tuple = ()
    if charts:
        overview = overview_chart(model, labels, this_year, texts=texts)
        overview_slides = overview_parts(model, labels, this_year, texts=texts)
        findings = _key_findings(summary)
        for f in findings:
            chart = trend_chart(db, area, f.row, labels, f.sentence, texts=texts)
            if chart is not None:
                key_charts.append(chart)
        if findings:
            ranking = ranking_chart(
                db, area, findings[0].row, catalogue, areas, labels, findings[0].sentence, texts=texts
            )
            if ranking is not None:
                key_charts.append(ranking)

    by_indicator: dict[str, list[str]] = {}
    for f in (*summary.concerns, *summary.strengths):
        by_indicator.setdefault(f.row.indicator_id, []).append(f.sentence)
    themes = []
    for theme, theme_rows in situation.group_by_theme(model.rows, this_year, texts=texts):
        shown = [
            b for b in model.benchmarks if any((bv := r.against(b.code)) and bv.value is not None for r in theme_rows)
        ]
        table = situation.theme_table(theme_rows, shown, this_year, texts=texts)
        source = texts.common.source_line(sorted({r.source for r in theme_rows}), situation.years_span(theme_rows))
        themes.append(
            ThemeSection(
                theme=theme,
                rows=tuple(theme_rows),
                columns=tuple(table.columns),
                cells=tuple(tuple(row) for row in table.iter_rows()),
                source=source,
                notes=tuple(situation.theme_notes(theme_rows)),
                findings=tuple(s for r in theme_rows for s in by_indicator.get(r.indicator_id, ())),
            )
        )
    source_lines = tuple(dict.fromkeys([*(t.source for t in themes), texts.report.LICENCE_LINE]))
    return Profile(
        area_code=area,
        area_name=model.area_name,
        area_label=label,
        level=model.area_level,
        title=title,
        made=made,
        this_year=this_year,
        data_date=_data_date(db, model.rows, texts),
        compared_with=compared,
        ages=ages,
        concerns=tuple(f.sentence for f in summary.concerns),
        strengths=tuple(f.sentence for f in summary.strengths),
        no_concerns=texts.start.NO_CONCERNS.format(first=first),
        no_strengths=texts.start.NO_STRENGTHS.format(first=first),
        summary_note=note,
        charts=tuple(key_charts),
        overview=overview,
        themes=tuple(themes),
        source_lines=source_lines,
        method=texts.report.METHOD_LINES,
        hailuoto=hailuoto,
        table=indicator_table(model.rows, model.benchmarks, this_year, texts=texts),
        model=model,
        overview_slides=overview_slides,
        goals=goal_parts,
        goals_none=goals_none,
        texts=texts,
    )


def report_areas(db) -> list[tuple[str, str]]:
    """(code, name) of every area a profile is made for: the municipalities, the six Pohde areas,
    Pohde (HVA19) and the region (MK17)."""
    areas = db.query("areas")
    order = codes.LEVEL_ORDER
    wanted = areas.filter(pl.col("level").is_in(list(order)))
    wanted = wanted.sort(pl.col("level").replace_strict(order, return_dtype=pl.Int8), "sort_order", "name_fi")
    return list(zip(wanted["area_code"], wanted["name_fi"]))
