"""Slides (python-pptx, 16:9): the area profile for the seminar, and a presenter's deck of views.

Every slide is built on the blank layout with its own text boxes, so sizes are under control:
headings 30 pt, text 16–20 pt, tables 12–13 pt (readable from the back of a hall); every slide
ends with a source and year line; the speaker notes hold the sentences and the sources, so a
presenter can read them aloud and the audience sees the source.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from .. import situation
from .profile import KeyChart, Profile
from .render import ChartRenderer

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
FONT = "DejaVu Sans"
DARK = RGBColor(0x1F, 0x1F, 0x1F)
GREY = RGBColor(0x55, 0x55, 0x55)
BLUE = RGBColor(0x00, 0x72, 0xB2)
PNG_WIDTH = 1200  # CSS px; drawn at PNG_SCALE -> 1920 px wide images
PNG_SCALE = 1.6
ROWS_PER_SLIDE = 9
BLANK = 6


@dataclass(frozen=True)
class SlideSpec:
    """One slide of a deck: heading, optional chart (PNG bytes), lines of text, the source and
    year line shown on the slide, and the speaker notes."""

    title: str
    source: str
    lines: tuple[str, ...] = ()
    image: bytes | None = None
    notes: str = ""
    subtitle: str = ""


def new_presentation() -> Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    return prs


def _text(
    slide,
    left,
    top,
    width,
    height,
    text: str,
    size: float,
    *,
    bold=False,
    colour=DARK,
    anchor=MSO_ANCHOR.TOP,
    align=PP_ALIGN.LEFT,
):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.05)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = colour
    return frame


def heading_size(title: str) -> float:
    """Two lines at most in the heading's box: long indicator names get a smaller size."""
    return 28 if len(title) <= 60 else 24 if len(title) <= 80 else 20 if len(title) <= 110 else 17


def _paragraphs(frame, lines: Iterable[tuple[str, float, bool]], colour=DARK) -> None:
    first = not frame.paragraphs[0].runs
    for text, size, bold in lines:
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        paragraph.space_after = Pt(8)
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = colour


def _frame(prs, title: str, source: str, notes: str, subtitle: str = ""):
    """A slide with its heading, the source and year line at the bottom, and speaker notes."""
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
    _text(
        slide,
        MARGIN,
        Inches(0.3),
        WIDTH - 2 * MARGIN,
        Inches(0.9),
        title,
        heading_size(title),
        bold=True,
        anchor=MSO_ANCHOR.MIDDLE,
    )
    if subtitle:
        _text(slide, MARGIN, Inches(1.1), WIDTH - 2 * MARGIN, Inches(0.45), subtitle, 16, colour=GREY)
    _text(
        slide,
        MARGIN,
        HEIGHT - Inches(0.6),
        WIDTH - 2 * MARGIN,
        Inches(0.45),
        source,
        12,
        colour=GREY,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def _picture(slide, image: bytes, top=Inches(1.2), bottom_gap=Inches(0.7)) -> None:
    """The chart as large as the space between heading and source line allows, centred."""
    from PIL import Image  # pillow is pinned (Streamlit)

    with Image.open(io.BytesIO(image)) as im:
        w_px, h_px = im.size
    max_w, max_h = WIDTH - 2 * MARGIN, HEIGHT - top - bottom_gap
    scale = min(max_w / w_px, max_h / h_px)
    w, h = Emu(int(w_px * scale)), Emu(int(h_px * scale))
    slide.shapes.add_picture(io.BytesIO(image), Emu(int((WIDTH - w) / 2)), top, w, h)


def add_slide(prs, spec: SlideSpec) -> None:
    slide = _frame(prs, spec.title, spec.source, spec.notes, spec.subtitle)
    top = Inches(1.55) if spec.subtitle else Inches(1.2)
    if spec.image is not None:
        _picture(slide, spec.image, top=top)
    elif spec.lines:
        size = text_size(spec.lines)
        frame = _text(slide, MARGIN, top, WIDTH - 2 * MARGIN, HEIGHT - top - Inches(0.8), "", size)
        _paragraphs(frame, ((line, size, False) for line in spec.lines))


def text_size(lines: Sequence[str]) -> float:
    """Large type, but every line on the slide: the size steps down with the amount of text."""
    chars = sum(len(line) + 60 for line in lines)  # a short line still takes a line
    return 20 if chars <= 900 else 17 if chars <= 1300 else 15 if chars <= 1700 else 13


def _notes(*parts: str | Sequence[str]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                out.append(part)
        else:
            out.extend(p for p in part if p)
    return "\n\n".join(out)


def _title_slide(prs, p: Profile) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
    _text(slide, MARGIN, Inches(0.6), WIDTH - 2 * MARGIN, Inches(0.5), p.texts.report.SUBTITLE.upper(), 16, colour=GREY)
    _text(slide, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1.6), p.title, 44, bold=True, anchor=MSO_ANCHOR.MIDDLE)
    frame = _text(slide, MARGIN, Inches(3.5), WIDTH - 2 * MARGIN, Inches(2.6), p.area_label, 24)
    _paragraphs(
        frame,
        [
            (p.data_date, 18, False),
            (p.compared_with, 18, False),
            (p.texts.report.MADE.format(date=f"{p.made.day}.{p.made.month}.{p.made.year}"), 18, False),
        ],
    )
    if p.hailuoto:
        _paragraphs(frame, [(f"⚠ {p.hailuoto}", 16, False)])
    _text(
        slide,
        MARGIN,
        HEIGHT - Inches(0.9),
        WIDTH - 2 * MARGIN,
        Inches(0.6),
        p.texts.report.LICENCE_LINE,
        12,
        colour=GREY,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    slide.notes_slide.notes_text_frame.text = _notes(
        p.title,
        p.data_date,
        p.compared_with,
        p.hailuoto or "",
        p.texts.report.NOTES_SOURCES.format(sources=" ".join(p.source_lines)),
    )


def _summary_slide(prs, p: Profile) -> None:
    years = situation.years_span(p.model.rows)
    source = p.texts.common.source_line(sorted({r.source for r in p.model.rows}), years)
    notes = _notes(
        p.texts.report.CONCERNS,
        list(p.concerns) or [p.no_concerns],
        p.texts.report.STRENGTHS,
        list(p.strengths) or [p.no_strengths],
        p.summary_note,
        p.ages,
        p.texts.report.NOTES_SOURCES.format(sources=source),
    )
    slide = _frame(prs, f"{p.texts.report.SUMMARY} – {p.area_name}", source, notes)
    column_w = (WIDTH - 2 * MARGIN - Inches(0.4)) / 2
    for i, (header, sentences, empty) in enumerate(
        ((p.texts.report.CONCERNS, p.concerns, p.no_concerns), (p.texts.report.STRENGTHS, p.strengths, p.no_strengths))
    ):
        left = MARGIN + i * (column_w + Inches(0.4))
        frame = _text(slide, left, Inches(1.25), column_w, Inches(5.4), header, 22, bold=True)
        size = 15 if sum(len(s) for s in sentences) > 420 else 16
        _paragraphs(frame, [(s, size, False) for s in sentences] or [(empty, 16, False)])


GOALS_PER_SLIDE = 5


def _goals_slide(prs, p: Profile) -> None:
    """The area's goals and their status (their charts follow as chart slides)."""
    shown = p.goals[:GOALS_PER_SLIDE]
    lines = [f"{g.heading}\n{' '.join(g.lines)}" for g in shown]
    if len(p.goals) > len(shown):
        lines.append(p.texts.report.GOALS_MORE.format(n=len(p.goals) - len(shown)))
    sources = sorted({g.chart.source for g in p.goals if g.chart is not None})
    source = " ".join(sources) or p.texts.report.LICENCE_LINE
    notes = _notes(
        p.texts.report.GOALS_INTRO,
        [f"{g.heading}. {g.meta}. {' '.join(g.lines)}" for g in p.goals],
        p.texts.report.NOTES_SOURCES.format(sources=source),
    )
    add_slide(prs, SlideSpec(f"{p.texts.report.GOALS} – {p.area_name}", source, lines=tuple(lines), notes=notes))


def _chart_slide(prs, chart: KeyChart, image: bytes, p: Profile) -> None:
    add_slide(
        prs,
        SlideSpec(
            chart.title,
            chart.source,
            image=image,
            notes=_notes(chart.sentence, chart.alt, p.texts.report.NOTES_SOURCES.format(sources=chart.source)),
        ),
    )


def _theme_slides(prs, p: Profile) -> None:
    for section in p.themes:
        fresh = [i for i, r in enumerate(section.rows) if not situation.is_old(r.year, p.this_year)]
        old = len(section.rows) - len(fresh)
        if not fresh:
            fresh = list(range(min(ROWS_PER_SLIDE, len(section.rows))))
            old = len(section.rows) - len(fresh)
        parts = [fresh[i : i + ROWS_PER_SLIDE] for i in range(0, len(fresh), ROWS_PER_SLIDE)]
        theme = f"{section.theme[:1].upper()}{section.theme[1:]}"
        # Indicator, year, value, benchmarks, trend (the 1- and 5-year changes stay in the PDF).
        keep = [i for i, c in enumerate(section.columns) if c not in (section.columns[-1], section.columns[-2])]
        for n, part in enumerate(parts, start=1):
            title = p.texts.report.THEME_PART.format(theme=theme, part=n, parts=len(parts)) if len(parts) > 1 else theme
            notes = _notes(
                list(section.findings),
                [f"{name}: {note}" for name, note in section.notes],
                p.texts.report.NOTES_SOURCES.format(sources=section.source),
            )
            slide = _frame(prs, title, section.source, notes)
            rows = [section.cells[i] for i in part]
            bottom = Inches(0.9) + (Inches(0.4) if old and n == len(parts) else 0)
            height = HEIGHT - Inches(1.2) - bottom
            shape = slide.shapes.add_table(
                len(rows) + 1,
                len(keep),
                MARGIN,
                Inches(1.2),
                WIDTH - 2 * MARGIN,
                min(height, Inches(0.5) * (len(rows) + 1)),
            )
            table = shape.table
            widths = [4.3] + [1.3, 1.2] + [2.1] * (len(keep) - 4) + [2.0]
            total = sum(widths)
            for j, w in enumerate(widths):
                table.columns[j].width = Emu(int((WIDTH - 2 * MARGIN) * w / total))
            for j, c in enumerate(keep):
                _cell(table.cell(0, j), section.columns[c], 13, bold=True)
            for r, cells in enumerate(rows, start=1):
                for j, c in enumerate(keep):
                    _cell(table.cell(r, j), cells[c], 12.5 if j == 0 else 13)
            if old and n == len(parts):
                _text(
                    slide,
                    MARGIN,
                    HEIGHT - Inches(1.15),
                    WIDTH - 2 * MARGIN,
                    Inches(0.4),
                    p.texts.report.THEME_OLD_LEFT_OUT.format(n=old, old=situation.OLD_YEARS),
                    13,
                    colour=GREY,
                )


def _cell(cell, text: str, size: float, bold: bool = False) -> None:
    cell.text = ""
    frame = cell.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    cell.margin_top = cell.margin_bottom = Inches(0.03)


def _closing_slide(prs, p: Profile) -> None:
    lines = [*p.method, *p.source_lines]
    if p.hailuoto:
        lines.append(f"⚠ {p.hailuoto}")
    slide = _frame(
        prs, f"{p.texts.report.METHOD} · {p.texts.report.SOURCES}", p.texts.report.LICENCE_LINE, _notes(lines)
    )
    frame = _text(slide, MARGIN, Inches(1.25), WIDTH - 2 * MARGIN, Inches(5.3), "", 16)
    _paragraphs(frame, [(line, 16, False) for line in lines])


def prefetch_figure(renderer: ChartRenderer, fig, width: int = PNG_WIDTH) -> None:
    renderer.submit(fig, "png", width=width, height=int(fig.layout.height or 640), scale=PNG_SCALE)


def chart_png(renderer: ChartRenderer, fig, width: int = PNG_WIDTH) -> bytes:
    return renderer.render(fig, "png", width=width, height=int(fig.layout.height or 640), scale=PNG_SCALE)


SLIDE_MAX_PX = 1000  # a taller chart is drawn this tall on a slide (16:9: width is not the limit)


def slide_charts(p: Profile) -> list[tuple[KeyChart, object]]:
    """(chart, figure for the slide): the overview in parts, tall charts (the ranking) made
    shorter so that they fill a wide slide."""
    import plotly.graph_objects as go  # noqa: PLC0415

    out = []
    goal_charts = [g.chart for g in p.goals if g.chart is not None]
    for chart in (list(p.overview_slides) or ([p.overview] if p.overview else [])) + list(p.charts) + goal_charts:
        fig = chart.figure
        if chart.kind == "ranking" and (fig.layout.height or 0) > SLIDE_MAX_PX:
            fig = go.Figure(fig).update_layout(height=SLIDE_MAX_PX)
        out.append((chart, fig))
    return out


def prefetch(p: Profile, renderer: ChartRenderer) -> None:
    """Start drawing the profile's chart images while the slides are built."""
    if getattr(p, "_slide_charts", None) is None:
        object.__setattr__(p, "_slide_charts", slide_charts(p))  # the same figure objects for render()
    for chart, fig in p._slide_charts:
        prefetch_figure(renderer, fig, max(PNG_WIDTH, chart.width_px))


def write_pptx(p: Profile, renderer: ChartRenderer, path: Path | str | None = None) -> bytes:
    """The profile as a 16:9 deck: title, summary, overview and key charts, a slide per theme
    (continued over slides when long), method and sources."""
    prefetch(p, renderer)
    prs = new_presentation()
    _title_slide(prs, p)
    if p.themes:
        _summary_slide(prs, p)
    if p.goals:
        _goals_slide(prs, p)
    for chart, fig in p._slide_charts:
        _chart_slide(prs, chart, chart_png(renderer, fig, max(PNG_WIDTH, chart.width_px)), p)
    _theme_slides(prs, p)
    _closing_slide(prs, p)
    return save(prs, path)


def save(prs, path: Path | str | None = None) -> bytes:
    buffer = io.BytesIO()
    prs.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def write_deck(specs: Sequence[SlideSpec], title: str, path: Path | str | None = None) -> bytes:
    """A presenter's deck: one slide per view, in order."""
    prs = new_presentation()
    prs.core_properties.title = title
    for spec in specs:
        add_slide(prs, spec)
    return save(prs, path)
