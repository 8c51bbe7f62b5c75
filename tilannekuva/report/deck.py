"""What one slide of a presenter's deck shows, and the deck as PPTX (pure, no Streamlit).

The presentation page plays these contents in the browser and `write_deck_pptx` puts the same
contents on 16:9 slides, so the projector and the file show the same figure, heading and source.
Each page of the app has its figure here, built with the page's own chart builders:
Kehitys -> charts.trend, Vertailu -> charts.ranking, Kartta -> charts.map, Tilannekuva -> the
summary sentences of views.start (and the overview chart when it exists).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from .. import export, situation
from ..indicator import IndicatorSpec, spec_for
from ..texts import Texts, texts_for
from ..views import deck as deck_model
from ..views import map as map_view
from ..views import start as start_view
from ..views import trends as trends_view
from . import profile
from .render import ChartRenderer


@dataclass(frozen=True)
class SlideContent:
    heading: str
    figure: go.Figure | None  # with title, area, year and source inside
    lines: tuple[str, ...]  # text shown when there is no figure (or beside it)
    source: str  # the source and year line on every slide
    alt: str
    notes: str
    link: str


def _map(db, slide: deck_model.Slide, spec: IndicatorSpec, labels: dict[str, str], texts: Texts, this_year: int):
    """The Kartta page's own model (views.map.build): the same figure, finding and source line."""
    model = map_view.build(db, slide.view, texts=texts, this_year=this_year)
    if model is None or not model.has_geometry:
        return None
    period = model.finding.period
    ctx = export.ChartContext(spec.name, labels.get(slide.view.area, slide.view.area), period, model.source)
    lines = tuple(line.replace("**", "") for line in model.lines)
    return SlideContent(
        slide.title or spec.name,
        export.with_context(model.fig, ctx),
        lines,
        model.source,
        model.alt,
        "\n".join(lines),
        slide.link(),
    )


def _summary(db, slide: deck_model.Slide, labels: dict[str, str], texts: Texts, this_year: int) -> SlideContent:
    words = texts.presentation
    model = start_view.build(db, slide.view.area, texts=texts, this_year=this_year)
    area = labels.get(slide.view.area, model.area_name)
    heading = slide.title or f"{texts.common.PAGE_TITLES['tilannekuva']} – {model.area_name}"
    if not model.rows:
        return SlideContent(heading, None, (words.SLIDE_NO_DATA,), "", words.SLIDE_NO_DATA, "", slide.link())
    summary = model.summary
    lines = (
        words.SUMMARY_CONCERNS,
        *(f.sentence for f in summary.concerns),
        words.SUMMARY_STRENGTHS,
        *(f.sentence for f in summary.strengths),
    )
    source = texts.common.source_line(sorted({r.source for r in model.rows}), situation.years_span(model.rows))
    overview = profile.overview_chart(model, labels, this_year, texts=texts)
    figure = overview.figure if overview is not None else None
    return SlideContent(heading, figure, lines, source, f"{area}: " + " ".join(lines), "\n".join(lines), slide.link())


def content(db, slide: deck_model.Slide, *, this_year: int, texts: Texts | None = None) -> SlideContent:
    """What `slide` shows: heading, figure (or text), the source and year line, speaker notes.
    `texts`: the words of the slide's own language unless given."""
    texts = texts if texts is not None else texts_for(slide.view.lang)
    labels = trends_view.area_labels(db, texts)  # 'Name (level)', as the pages name areas
    if slide.page == "tilannekuva":
        return _summary(db, slide, labels, texts, this_year)
    view = slide.view
    spec = spec_for(db, view.indicator)
    no_data = texts.presentation.SLIDE_NO_DATA
    empty = SlideContent(slide.title or view.indicator, None, (no_data,), "", no_data, "", slide.link())
    if spec is None or view.year is None:
        return empty
    spec = spec.at(view.year)
    if slide.page == "kehitys":
        return _trend(db, slide, spec, labels, texts) or empty
    if slide.page == "vertailu":
        chart = profile.ranking_chart(
            db, view.area, spec, db.query("indicators"), db.query("areas"), labels, gender=view.gender, texts=texts
        )
        if chart is None:
            return empty
        return SlideContent(
            slide.title or chart.title, chart.figure, (), chart.source, chart.alt, chart.alt, slide.link()
        )
    return _map(db, slide, spec, labels, texts, this_year) or empty


def _trend(db, slide, spec: IndicatorSpec, labels, texts: Texts) -> SlideContent | None:
    view = slide.view
    chart = profile.trend_chart(
        db, view.area, spec, labels, compare=view.compare, gender=view.gender, selected_year=view.year, texts=texts
    )
    if chart is None:
        return None
    return SlideContent(slide.title or spec.name, chart.figure, (), chart.source, chart.alt, chart.alt, slide.link())


def contents(db, deck: deck_model.Deck, *, this_year: int, texts: Texts | None = None) -> list[SlideContent]:
    return [content(db, s, this_year=this_year, texts=texts) for s in deck.slides]


def write_deck_pptx(
    db,
    deck: deck_model.Deck,
    *,
    this_year: int,
    renderer: ChartRenderer | None = None,
    items: Sequence[SlideContent] | None = None,
    texts: Texts | None = None,
) -> bytes:
    """The deck as PPTX: per slide its heading, the chart (PNG, 1920 px) or the text, the source and
    year line, and speaker notes with the sentences, the source and the slide's link."""
    from . import slides  # python-pptx only when a deck is exported (the server imports this module)

    words = (texts or texts_for()).presentation
    items = list(items) if items is not None else contents(db, deck, this_year=this_year, texts=texts)
    own = renderer is None
    renderer = renderer or ChartRenderer()
    try:
        for item in items:
            if item.figure is not None:
                slides.prefetch_figure(renderer, item.figure)
        specs = [
            slides.SlideSpec(
                title=item.heading,
                source=item.source or words.SLIDE_NO_DATA,
                lines=item.lines,
                image=slides.chart_png(renderer, item.figure) if item.figure is not None else None,
                notes="\n\n".join(x for x in (item.notes, item.source, item.link) if x),
            )
            for item in items
        ]
    finally:
        if own:
            renderer.stop()
    return slides.write_deck(specs, deck.name or words.NAME_DEFAULT)
