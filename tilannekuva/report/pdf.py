"""The area profile as a print-ready A4 PDF (fpdf2 for the text and tables, vector charts).

Route: fpdf2 lays out the text (pure Python, embeds the DejaVu Sans TrueType font, so ä/ö and the
judgement symbols ✔ ✖ ▲ ▼ print everywhere) and leaves a box for every chart; Kaleido draws each
chart as a one-page vector PDF in Chromium; pypdf makes that page a Form XObject drawn in its box
(its content stream is copied as bytes, not parsed and rewritten). The charts stay
vector (sharp at any zoom, small files) – fpdf2's own SVG import drops Plotly's clip paths and
rejects some of its attributes, so it is not used. Readable in black and white: every judgement
is a symbol and a word, the reference lines are dashed and dotted, table rows are zebra-shaded.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
)

from .profile import KeyChart, Profile
from .render import ChartRenderer

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
FONT = "DejaVu Sans"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}  # each parsed per document: only two
MARGIN = 15  # mm
CHART_PX_WIDTH = 1000  # CSS px the charts are drawn at (their fonts then print at ~8–10 pt)
MM_PER_PT = 25.4 / 72
GREY = (90, 90, 90)
ZEBRA = (238, 238, 238)
HEAD_FILL = (210, 210, 210)


class FontMissing(RuntimeError):
    pass


def font_path(style: str = "") -> Path:
    for folder in FONT_DIRS:
        path = folder / FONT_FILES[style]
        if path.exists():
            return path
    raise FontMissing(
        f"DejaVu Sans not found in {', '.join(map(str, FONT_DIRS))} (Debian: apt-get install fonts-dejavu-core)"
    )


@dataclass
class _Box:
    page: int
    x: float
    y: float
    w: float
    h: float
    chart: KeyChart


class _Document(FPDF):
    def __init__(self, profile: Profile):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.profile = profile
        for style in FONT_FILES:
            self.add_font(FONT, style, str(font_path(style)))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 5)
        self.set_title(profile.title)
        self.set_author(profile.texts.common.APP_SHORT)
        self.set_subject(profile.texts.report.SUBTITLE)
        self.set_lang(profile.texts.lang)
        self.set_creator("Tilannekuva")
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        p = self.profile
        words = p.texts.report
        self.cell(0, 4, words.FOOTER.format(area=p.area_label, date=_date(p)), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, words.PAGE.format(page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    # -- text helpers ----------------------------------------------------------------------------
    # Lines are wrapped by `_wrap` (one width measurement per word) and drawn with `cell`:
    # fpdf2's multi_cell measures the line again for every character, which made the notes'
    # long paragraphs the slowest part of a profile.
    def lines(self, text: str, size: float, style: str = "", *, indent: float = 0, height: float | None = None) -> None:
        self.set_font(FONT, style, size)
        line_h = height or size * 0.47
        for line in _wrap(self, text, self.epw - indent):
            self.set_x(self.l_margin + indent)
            self.cell(self.epw - indent, line_h, line, new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str, size: float = 14) -> None:
        self.lines(text, size, "B", height=size * 0.5)
        self.ln(1.5)

    def para(self, text: str, size: float = 9.5, style: str = "", colour=(0, 0, 0), gap: float = 1.5) -> None:
        self.set_text_color(*colour)
        self.lines(text, size, style)
        self.set_text_color(0, 0, 0)
        self.ln(gap)

    def bullet(self, text: str, size: float = 10) -> None:
        self.set_font(FONT, "", size)
        self.cell(5, size * 0.47, "•")
        self.set_x(self.l_margin)
        self.lines(text, size, indent=5)
        self.ln(1.2)

    def boxed(self, text: str, size: float = 9.5) -> None:
        """A bordered note (the Hailuoto doubt): a frame and a ⚠, not colour, carry it."""
        self.set_font(FONT, "", size)
        wrapped = _wrap(self, f"⚠ {text}", self.epw - 4)
        height = len(wrapped) * size * 0.5 + 4
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page(orientation=self.cur_orientation)
        top = self.get_y()
        self.set_line_width(0.4)
        self.rect(self.l_margin, top, self.epw, height)
        self.set_y(top + 2)
        for line in wrapped:
            self.set_x(self.l_margin + 2)
            self.cell(self.epw - 4, size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
        self.set_y(top + height)
        self.ln(2)


def _date(p: Profile) -> str:
    return f"{p.made.day}.{p.made.month}.{p.made.year}"


def _chart_box(doc: _Document, chart: KeyChart, boxes: list[_Box], *, max_h: float, titled: bool = True) -> None:
    """Heading, sentence and a box for the chart (scaled to the text width, at most `max_h` mm);
    `titled=False`: the box only (the caller has written what the chart is about)."""
    fig = chart.figure
    w_px, h_px = chart.width_px, int(fig.layout.height or 640)
    width = doc.epw
    height = width * h_px / w_px
    if height > max_h:
        width, height = width * max_h / height, max_h
    needed = height + (22 if titled else 5)
    at_top = doc.get_y() <= doc.t_margin + 1
    if not at_top and doc.get_y() + needed > doc.h - doc.b_margin:
        doc.add_page()
    if titled:
        doc.heading(chart.title, 11.5)
        if chart.sentence:
            doc.para(chart.sentence, 9)
    boxes.append(_Box(doc.page_no(), doc.l_margin, doc.get_y(), width, height, chart))
    doc.set_y(doc.get_y() + height + 5)


def _summary(doc: _Document, p: Profile) -> None:
    doc.heading(p.texts.report.SUMMARY, 14)
    for header, sentences, empty in (
        (p.texts.report.CONCERNS, p.concerns, p.no_concerns),
        (p.texts.report.STRENGTHS, p.strengths, p.no_strengths),
    ):
        doc.set_font(FONT, "B", 11)
        doc.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
        if not sentences:
            doc.para(empty, 9.5)
        for sentence in sentences:
            doc.bullet(sentence)
        doc.ln(1)
    doc.para(p.summary_note, 8, colour=GREY)
    if p.ages:
        doc.para(p.ages, 8.5)


GOAL_CHART_MM = 62


def _goals(doc: _Document, p: Profile, boxes: list[_Box]) -> None:
    """The goals set for the area: status, title, what they follow, the sentences and the chart
    (the Tavoitteet page's card); one line when there are none."""
    doc.ln(2)
    doc.heading(p.texts.report.GOALS, 14)
    if not p.goals:
        doc.para(p.goals_none, 9.5)
        return
    doc.para(p.texts.report.GOALS_INTRO, 8, colour=GREY)
    for goal in p.goals:
        if doc.get_y() + 30 > doc.h - doc.b_margin:
            doc.add_page()
        doc.lines(goal.heading, 11, "B")
        doc.para(goal.meta, 8.5, colour=GREY, gap=0.8)
        for line in goal.lines:
            doc.para(line, 9, gap=0.6)
        if goal.chart is not None:
            _chart_box(doc, goal.chart, boxes, max_h=GOAL_CHART_MM, titled=False)
        doc.ln(2)


def _table(doc: _Document, p: Profile) -> None:
    doc.add_page(orientation="L")
    doc.heading(p.texts.report.TABLE, 14)
    doc.para(p.texts.report.TABLE_INTRO.format(stale=p.texts.common.STALE_YEARS), 8.5)
    for section in p.themes:
        if doc.get_y() > doc.h - doc.b_margin - 30:
            doc.add_page(orientation="L")
        doc.heading(f"{section.theme[:1].upper()}{section.theme[1:]}", 11.5)
        columns = section.columns
        widths = _column_widths(columns, doc.epw, p.texts.start)
        _draw_table(doc, columns, section.cells, widths)
        doc.ln(1.5)
        doc.para(section.source, 7.5, colour=GREY, gap=1)
        for note, names in _grouped_notes(section.notes):
            doc.para(f"{note} ({names})", 7, colour=GREY, gap=0.5)
        doc.ln(3)


TABLE_SIZE = 7.5  # pt
LINE_MM = 3.4
PAD_MM = 0.9
BASELINE_MM = 2.55  # from a table line's top to its text's baseline (cell() centred 7.5 pt in 3.4 mm)


#: by the names of the start page's column headers in texts.start (the headers are per language)
FIXED_MM = {"COL_NAME": 70, "COL_YEAR": 25, "COL_VALUE": 24}
WEIGHTS = {"COL_TREND": 1.2, "COL_CHANGE_1": 0.95, "COL_CHANGE_5": 0.95}  # benchmark columns: 1.45


def _column_widths(columns, total: float, start) -> list[float]:
    """Fixed widths for name, year and value; the rest shared, benchmarks widest (their cells hold
    a symbol, a word and the benchmark's value). `start`: texts.start of the profile's language."""
    fixed = {getattr(start, name): mm for name, mm in FIXED_MM.items()}
    weighed = {getattr(start, name): w for name, w in WEIGHTS.items()}
    rest = total - sum(fixed.get(c, 0) for c in columns)
    weights = {c: weighed.get(c, 1.45) for c in columns if c not in fixed}
    return [fixed.get(c) or rest * weights[c] / sum(weights.values()) for c in columns]


def _wrap(doc: _Document, text: str, width: float) -> list[str]:
    """Word-wrap `text` into lines narrower than `width` mm (one width measurement per word:
    fpdf2's own table measures every character again for every character, ~10× slower here)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if not line or doc.get_string_width(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _draw_table(doc: _Document, columns, rows, widths) -> None:
    """A zebra-striped table with a bold header row repeated on every page it continues on."""

    def draw_row(cells, bold: bool, fill) -> None:
        doc.set_font(FONT, "B" if bold else "", TABLE_SIZE)
        wrapped = [_wrap(doc, str(c), w - 2 * PAD_MM) for c, w in zip(cells, widths)]
        height = max(len(lines) for lines in wrapped) * LINE_MM + 2 * PAD_MM
        if doc.get_y() + height > doc.h - doc.b_margin:
            doc.add_page(orientation=doc.cur_orientation)
            if not bold:
                draw_row(columns, True, HEAD_FILL)
                doc.set_font(FONT, "", TABLE_SIZE)
        y = doc.get_y()
        if fill is not None:
            doc.set_fill_color(*fill)
            doc.rect(doc.l_margin, y, sum(widths), height, style="F")
        x = doc.l_margin
        for lines, w in zip(wrapped, widths):
            for i, line in enumerate(lines):
                # text() at the baseline: cell() re-parses and re-measures every string (the table
                # was the slowest part of the layout).
                doc.text(x + PAD_MM, y + PAD_MM + i * LINE_MM + BASELINE_MM, line)
            x += w
        doc.set_draw_color(150, 150, 150)
        doc.set_line_width(0.15)
        doc.line(doc.l_margin, y + height, doc.l_margin + sum(widths), y + height)
        doc.set_xy(doc.l_margin, y + height)

    draw_row(columns, True, HEAD_FILL)
    for n, cells in enumerate(rows):
        draw_row(cells, False, ZEBRA if n % 2 else None)
    doc.set_draw_color(0, 0, 0)


def _grouped_notes(notes) -> list[tuple[str, str]]:
    """The same caveat on many rows is printed once, with the indicators it concerns."""
    grouped: dict[str, list[str]] = {}
    for name, note in notes:
        grouped.setdefault(note, []).append(name)
    return [(note, "; ".join(names)) for note, names in grouped.items()]


def _closing(doc: _Document, p: Profile) -> None:
    doc.add_page(orientation="P")
    doc.heading(p.texts.report.METHOD, 13)
    for line in p.method:
        doc.para(line, 9.5)
    doc.ln(2)
    doc.heading(p.texts.report.SOURCES, 13)
    for line in p.source_lines:
        doc.para(line, 9)
    if p.hailuoto:
        doc.ln(2)
        doc.boxed(p.hailuoto)


def layout(p: Profile) -> tuple[bytes, list[_Box]]:
    """The PDF without charts, and where each chart goes."""
    doc = _Document(p)
    boxes: list[_Box] = []
    doc.add_page()
    doc.para(p.texts.report.SUBTITLE.upper(), 9, colour=GREY, gap=1)
    doc.heading(p.title, 20)
    doc.para(p.area_label, 12, gap=1)
    doc.para(p.data_date, 9)
    doc.para(p.compared_with + " " + p.texts.report.MADE.format(date=_date(p)), 9)
    if p.hailuoto:
        doc.boxed(p.hailuoto)
    doc.ln(2)
    if p.themes:
        _summary(doc, p)
    else:
        doc.para(p.texts.report.NO_ROWS, 11)
    _goals(doc, p, boxes)
    if p.overview is not None:
        doc.add_page()
        _chart_box(doc, p.overview, boxes, max_h=doc.eph - 25)
    if p.charts:
        doc.add_page()
        doc.heading(p.texts.report.KEY_CHARTS, 14)
        for chart in p.charts:
            _chart_box(doc, chart, boxes, max_h=(doc.eph - 30) if chart.kind == "ranking" else 96)
    if p.themes:
        _table(doc, p)
    _closing(doc, p)
    return bytes(doc.output()), boxes


def _form_xobject(writer: PdfWriter, chart_page) -> IndirectObject:
    """The chart's page as a Form XObject of `writer` (its content stream kept as bytes: pypdf's
    merge_transformed_page parses and rewrites every operator of Chromium's large streams, which
    was the slowest step of a profile)."""
    contents = chart_page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/FormType"): NumberObject(1),
            NameObject("/BBox"): ArrayObject([FloatObject(float(v)) for v in chart_page.mediabox]),
            NameObject("/Resources"): chart_page["/Resources"].clone(writer)
            if "/Resources" in chart_page
            else DictionaryObject(),
        }
    )
    return writer._add_object(form)


def _stamp(base: bytes, boxes: list[_Box], charts: dict[int, bytes]) -> bytes:
    """Each chart drawn into its box as a vector Form XObject (scaled to the box's width)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    by_page: dict[int, list[bytes]] = {}
    for i, box in enumerate(boxes):
        chart = PdfReader(io.BytesIO(charts[i])).pages[0]
        page = writer.pages[box.page - 1]
        page_h = float(page.mediabox.height)
        cw, ch = float(chart.mediabox.width), float(chart.mediabox.height)
        scale = (box.w / MM_PER_PT) / cw
        x = box.x / MM_PER_PT
        y = page_h - box.y / MM_PER_PT - ch * scale
        name = f"/TkChart{i}"
        resources = page["/Resources"].get_object()
        if "/XObject" not in resources:
            resources[NameObject("/XObject")] = DictionaryObject()
        resources["/XObject"].get_object()[NameObject(name)] = _form_xobject(writer, chart)
        by_page.setdefault(box.page - 1, []).append(
            f"q {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm {name} Do Q".encode()
        )
    for index, commands in by_page.items():
        page = writer.pages[index]
        # The page's own drawing in q/Q, so no state it leaves changes where the charts land.
        stream = DecodedStreamObject()
        stream.set_data(
            b"q\n"
            + (page.get_contents().get_data() if page.get_contents() else b"")
            + b"\nQ\n"
            + b"\n".join(commands)
            + b"\n"
        )
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.compress_identical_objects()
    writer.write(out)
    return out.getvalue()


def _charts(p: Profile) -> list[KeyChart]:
    goal_charts = [g.chart for g in p.goals if g.chart is not None]
    return ([p.overview] if p.overview is not None else []) + list(p.charts) + goal_charts


def prefetch(p: Profile, renderer: ChartRenderer) -> None:
    """Start drawing the profile's charts while the text is laid out."""
    for chart in _charts(p):
        renderer.submit(chart.figure, "pdf", width=chart.width_px, height=int(chart.figure.layout.height or 640))


def write_pdf(p: Profile, renderer: ChartRenderer, path: Path | str | None = None) -> bytes:
    """The profile as PDF bytes (and written to `path` if given)."""
    prefetch(p, renderer)
    base, boxes = layout(p)
    charts = {
        i: renderer.render(
            b.chart.figure, "pdf", width=b.chart.width_px, height=int(b.chart.figure.layout.height or 640)
        )
        for i, b in enumerate(boxes)
    }
    data = _stamp(base, boxes, charts) if boxes else base
    if path is not None:
        Path(path).write_bytes(data)
    return data
