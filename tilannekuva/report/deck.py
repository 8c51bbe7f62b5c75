"""What one slide of a presenter's deck shows, and the deck as PPTX (pure, no Streamlit).

The presentation page plays these contents in the browser and `write_deck_pptx` puts the same
contents on 16:9 slides, so the projector and the file show the same figure, heading and source.
Each page of the app has its figure here, built with the page's own chart builders:
Kehitys -> charts.trend, Vertailu -> charts.ranking, Kartta -> charts.map, Tilannekuva -> the
summary sentences of views.start (and the overview chart when it exists).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from .. import codes, export
from ..charts import map as map_charts
from ..indicator import IndicatorSpec, decimals_of
from ..texts import common as T
from ..texts import presentation as TP
from ..views import deck as deck_model
from ..views import map as map_view
from ..views import start as start_view
from . import profile as P
from .render import ChartRenderer

REGION = codes.REGION


@dataclass(frozen=True)
class Indicator:
    """The catalogue facts a chart needs (the attribute names of situation.IndicatorRow)."""

    indicator_id: str
    name: str
    unit: str
    decimals: int
    polarity: str
    source: str
    year: int | None
    frequency: str


@dataclass(frozen=True)
class SlideContent:
    heading: str
    figure: go.Figure | None  # with title, area, year and source inside
    lines: tuple[str, ...]  # text shown when there is no figure (or beside it)
    source: str  # the source and year line on every slide
    alt: str
    notes: str
    link: str


def _indicator(catalogue: pl.DataFrame, indicator_id: str, year: int | None) -> Indicator | None:
    found = catalogue.filter(pl.col("indicator_id") == indicator_id)
    if found.is_empty():
        return None
    r = found.row(0, named=True)
    return Indicator(
        r["indicator_id"],
        r["name_fi"],
        r["unit"] or "",
        decimals_of(r["decimals"]),
        r["polarity"] or "neutral",
        r["source_org"] or "",
        year,
        r["frequency"],
    )


def _geojson(db, layer: str) -> dict:
    frame = db.query("geometry", layer=layer)
    return json.loads(frame["geojson"][0]) if frame.height else {"type": "FeatureCollection", "features": []}


def _map(db, slide: deck_model.Slide, ind: Indicator, labels: dict[str, str]) -> SlideContent | None:
    view = slide.view
    areas = db.query("areas")
    year_rows = db.query("indicator_year", indicator_id=ind.indicator_id, year=int(view.year), gender=view.gender)
    rows = map_view.rank_areas(map_view.layer_rows(year_rows, areas, view.layer))
    region = year_rows.filter(pl.col("area_code") == REGION)
    region_row = region.row(0, named=True) if region.height else None
    region_name = region_row["name_fi"] if region_row else labels.get(REGION)
    region_value = region_row["value"] if region_row and region_row["status"] == codes.OK else None
    geo = _geojson(db, view.layer)
    if not geo["features"] or rows.is_empty():
        return None
    level = dict(zip(areas["area_code"], areas["level"])).get(view.area)
    selected_geo = geo if level == view.layer else _geojson(db, level) if level in codes.MAP_LAYERS else None
    options = map_charts.MapOptions(
        IndicatorSpec.like(ind),
        year=int(view.year),
        layer=view.layer,
        selected=view.area if selected_geo is not None else None,
    )
    finding = map_view.map_finding(
        rows,
        year=int(view.year),
        level=view.layer,
        region_name=region_name,
        region_value=region_value,
        selected=view.area if level == view.layer else None,
    )
    fig = map_charts.choropleth(
        rows,
        geo,
        _geojson(db, codes.POHDE_AREA),
        options,
        region_name=region_name,
        region_value=region_value,
        selected_geojson=selected_geo,
    )
    sources = year_rows["source"].drop_nulls().unique(maintain_order=True).to_list()
    source = T.source_line(sources or [ind.source], finding.period)
    ctx = export.ChartContext(ind.name, labels.get(view.area, view.area), finding.period, source)
    lines = tuple(
        line.replace("**", "")
        for line in map_view.finding_lines(finding, unit=ind.unit, decimals=ind.decimals, polarity=ind.polarity)
    )
    alt = map_view.alt_text(
        finding, indicator_name=ind.name, unit=ind.unit, decimals=ind.decimals, polarity=ind.polarity
    )
    return SlideContent(
        slide.title or ind.name, export.with_context(fig, ctx), lines, source, alt, "\n".join(lines), slide.link()
    )


def _summary(db, slide: deck_model.Slide, labels: dict[str, str], this_year: int) -> SlideContent:
    model = start_view.build(db, slide.view.area, this_year=this_year)
    area = labels.get(slide.view.area, model.area_name)
    heading = slide.title or f"{T.PAGE_TITLES['tilannekuva']} – {model.area_name}"
    if not model.rows:
        return SlideContent(heading, None, (TP.SLIDE_NO_DATA,), "", TP.SLIDE_NO_DATA, "", slide.link())
    summary = model.summary
    lines = (
        TP.SUMMARY_CONCERNS,
        *(f.sentence for f in summary.concerns),
        TP.SUMMARY_STRENGTHS,
        *(f.sentence for f in summary.strengths),
    )
    from .. import situation  # noqa: PLC0415

    source = T.source_line(sorted({r.source for r in model.rows}), situation.years_span(model.rows))
    overview = P.overview_chart(model, labels, this_year)
    figure = overview.figure if overview is not None else None
    return SlideContent(heading, figure, lines, source, f"{area}: " + " ".join(lines), "\n".join(lines), slide.link())


def content(db, slide: deck_model.Slide, *, this_year: int) -> SlideContent:
    """What `slide` shows: heading, figure (or text), the source and year line, speaker notes."""
    areas = db.query("areas")
    labels = P._labels(areas)
    if slide.page == "tilannekuva":
        return _summary(db, slide, labels, this_year)
    view = slide.view
    catalogue = db.query("indicators")
    ind = _indicator(catalogue, view.indicator, view.year)
    empty = SlideContent(
        slide.title or view.indicator, None, (TP.SLIDE_NO_DATA,), "", TP.SLIDE_NO_DATA, "", slide.link()
    )
    if ind is None or view.year is None:
        return empty
    if slide.page == "kehitys":
        return _trend(db, slide, ind, labels) or empty
    if slide.page == "vertailu":
        chart = P.ranking_chart(db, view.area, ind, catalogue, areas, labels, gender=view.gender)
        if chart is None:
            return empty
        return SlideContent(
            slide.title or chart.title, chart.figure, (), chart.source, chart.alt, chart.alt, slide.link()
        )
    return _map(db, slide, ind, labels) or empty


def _trend(db, slide, ind: Indicator, labels) -> SlideContent | None:
    view = slide.view
    chart = P.trend_chart(db, view.area, ind, labels, compare=view.compare, gender=view.gender, selected_year=view.year)
    if chart is None:
        return None
    return SlideContent(slide.title or ind.name, chart.figure, (), chart.source, chart.alt, chart.alt, slide.link())


def contents(db, deck: deck_model.Deck, *, this_year: int) -> list[SlideContent]:
    return [content(db, s, this_year=this_year) for s in deck.slides]


def write_deck_pptx(
    db,
    deck: deck_model.Deck,
    *,
    this_year: int,
    renderer: ChartRenderer | None = None,
    items: Sequence[SlideContent] | None = None,
) -> bytes:
    """The deck as PPTX: per slide its heading, the chart (PNG, 1920 px) or the text, the source and
    year line, and speaker notes with the sentences, the source and the slide's link."""
    from . import slides  # python-pptx only when a deck is exported (the server imports this module)

    items = list(items) if items is not None else contents(db, deck, this_year=this_year)
    own = renderer is None
    renderer = renderer or ChartRenderer()
    try:
        for item in items:
            if item.figure is not None:
                slides.prefetch_figure(renderer, item.figure)
        specs = [
            slides.SlideSpec(
                title=item.heading,
                source=item.source or TP.SLIDE_NO_DATA,
                lines=item.lines,
                image=slides.chart_png(renderer, item.figure) if item.figure is not None else None,
                notes="\n\n".join(x for x in (item.notes, item.source, item.link) if x),
            )
            for item in items
        ]
    finally:
        if own:
            renderer.stop()
    return slides.write_deck(specs, deck.name or TP.NAME_DEFAULT)
