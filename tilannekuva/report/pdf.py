"""The area profile as a print-ready A4 PDF (fpdf2 for the text and tables, vector charts).

Route: fpdf2 lays out the text (pure Python, embeds the DejaVu Sans TrueType font, so ä/ö and the
judgement symbols ✔ ✖ ▲ ▼ print everywhere) and leaves a box for every chart; Kaleido draws each
chart as a one-page vector PDF in Chromium; pypdf stamps that page into its box. The charts stay
vector (sharp at any zoom, small files) – fpdf2's own SVG import drops Plotly's clip paths and
rejects some of its attributes, so it is not used. Readable in black and white: every judgement
is a symbol and a word, the reference lines are dashed and dotted, table rows are zebra-shaded.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from pypdf import PdfReader, PdfWriter, Transformation

from ..texts import common as T
from ..texts import report as TR
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


class FontMissing(RuntimeError):
    pass


def font_path(style: str = "") -> Path:
    for folder in FONT_DIRS:
        path = folder / FONT_FILES[style]
        if path.exists():
            return path
    raise FontMissing(f"DejaVu Sans not found in {', '.join(map(str, FONT_DIRS))} "
                      "(Debian: apt-get install fonts-dejavu-core)")


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
        self.set_author(T.APP_SHORT)
        self.set_subject(TR.SUBTITLE)
        self.set_lang("fi")
        self.set_creator("Tilannekuva")
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        p = self.profile
        self.cell(0, 4, TR.FOOTER.format(area=p.area_label, date=_date(p)), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, TR.PAGE.format(page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    # -- text helpers ----------------------------------------------------------------------------
    def heading(self, text: str, size: float = 14) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1.5)

    def para(self, text: str, size: float = 9.5, style: str = "", colour=(0, 0, 0), gap: float = 1.5) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.47, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(0, 0, 0)
        self.ln(gap)

    def bullet(self, text: str, size: float = 10) -> None:
        self.set_font(FONT, "", size)
        x = self.l_margin
        self.set_x(x)
        self.cell(5, size * 0.47, "•")
        self.multi_cell(0, size * 0.47, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1.2)

    def boxed(self, text: str, size: float = 9.5) -> None:
        """A bordered note (the Hailuoto doubt): a frame and a ⚠, not colour, carry it."""
        self.set_font(FONT, "", size)
        self.set_line_width(0.4)
        self.multi_cell(0, size * 0.5, f"⚠ {text}", border=1, padding=2, new_x="LMARGIN", new_y="NEXT",
                        align="L")
        self.ln(2)


def _date(p: Profile) -> str:
    return f"{p.made.day}.{p.made.month}.{p.made.year}"


def _chart_box(doc: _Document, chart: KeyChart, boxes: list[_Box], *, max_h: float) -> None:
    """Heading, sentence and a box for the chart (scaled to the text width, at most `max_h` mm)."""
    fig = chart.figure
    w_px, h_px = CHART_PX_WIDTH, int(fig.layout.height or 640)
    width = doc.epw
    height = width * h_px / w_px
    if height > max_h:
        width, height = width * max_h / height, max_h
    needed = height + 22
    if doc.get_y() + needed > doc.h - doc.b_margin:
        doc.add_page()
    doc.heading(chart.title, 11.5)
    if chart.sentence:
        doc.para(chart.sentence, 9)
    boxes.append(_Box(doc.page_no(), doc.l_margin, doc.get_y(), width, height, chart))
    doc.set_y(doc.get_y() + height + 5)


def _summary(doc: _Document, p: Profile) -> None:
    doc.heading(TR.SUMMARY, 14)
    for header, sentences, empty in ((TR.CONCERNS, p.concerns, p.no_concerns),
                                      (TR.STRENGTHS, p.strengths, p.no_strengths)):
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


def _table(doc: _Document, p: Profile) -> None:
    doc.add_page(orientation="L")
    doc.heading(TR.TABLE, 14)
    doc.para(TR.TABLE_INTRO.format(stale=T.STALE_YEARS), 8.5)
    for section in p.themes:
        if doc.get_y() > doc.h - doc.b_margin - 30:
            doc.add_page(orientation="L")
        doc.heading(f"{section.theme[:1].upper()}{section.theme[1:]}", 11.5)
        columns = section.columns
        n_bench = len(columns) - 6
        name_w = 78
        fixed = {0: name_w, 1: 26, 2: 24}
        rest = doc.epw - sum(fixed.values())
        widths = [fixed.get(i, 0) for i in range(len(columns))]
        # benchmarks wider than trend and changes
        weights = [1.5] * n_bench + [1.3, 0.75, 0.75]
        for i, weight in enumerate(weights):
            widths[3 + i] = rest * weight / sum(weights)
        doc.set_font(FONT, "", 7.5)
        headings = FontFace(emphasis="BOLD", fill_color=(210, 210, 210))
        with doc.table(col_widths=widths, line_height=3.6, first_row_as_headings=True, repeat_headings=1,
                       headings_style=headings, cell_fill_color=ZEBRA, cell_fill_mode="ROWS",
                       borders_layout="HORIZONTAL_LINES", text_align="LEFT", padding=0.8) as table:
            head = table.row()
            for c in columns:
                head.cell(c)
            for cells in section.cells:
                row = table.row()
                for c in cells:
                    row.cell(c)
        doc.ln(1.5)
        doc.para(section.source, 7.5, colour=GREY, gap=1)
        for note, names in _grouped_notes(section.notes):
            doc.para(f"{note} ({names})", 7, colour=GREY, gap=0.5)
        doc.ln(3)


def _grouped_notes(notes) -> list[tuple[str, str]]:
    """The same caveat on many rows is printed once, with the indicators it concerns."""
    grouped: dict[str, list[str]] = {}
    for name, note in notes:
        grouped.setdefault(note, []).append(name)
    return [(note, "; ".join(names)) for note, names in grouped.items()]


def _closing(doc: _Document, p: Profile) -> None:
    doc.add_page(orientation="P")
    doc.heading(TR.METHOD, 13)
    for line in p.method:
        doc.para(line, 9.5)
    doc.ln(2)
    doc.heading(TR.SOURCES, 13)
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
    doc.para(TR.SUBTITLE.upper(), 9, colour=GREY, gap=1)
    doc.heading(p.title, 20)
    doc.para(p.area_label, 12, gap=1)
    doc.para(p.data_date, 9)
    doc.para(p.compared_with + " " + TR.MADE.format(date=_date(p)), 9)
    if p.hailuoto:
        doc.boxed(p.hailuoto)
    doc.ln(2)
    if p.themes:
        _summary(doc, p)
    else:
        doc.para(TR.NO_ROWS, 11)
    if p.overview is not None:
        doc.add_page()
        _chart_box(doc, p.overview, boxes, max_h=doc.eph - 20)
    if p.charts:
        doc.add_page()
        doc.heading(TR.KEY_CHARTS, 14)
        for chart in p.charts:
            _chart_box(doc, chart, boxes, max_h=(doc.eph - 30) if chart.kind == "ranking" else 96)
    if p.themes:
        _table(doc, p)
    _closing(doc, p)
    return bytes(doc.output()), boxes


def _stamp(base: bytes, boxes: list[_Box], charts: dict[int, bytes]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    for i, box in enumerate(boxes):
        chart = PdfReader(io.BytesIO(charts[i])).pages[0]
        page = writer.pages[box.page - 1]
        page_h = float(page.mediabox.height)
        cw, ch = float(chart.mediabox.width), float(chart.mediabox.height)
        scale = (box.w / MM_PER_PT) / cw
        x = box.x / MM_PER_PT
        y = page_h - box.y / MM_PER_PT - ch * scale
        page.merge_transformed_page(chart, Transformation().scale(scale, scale).translate(x, y))
    out = io.BytesIO()
    writer.compress_identical_objects()
    writer.write(out)
    return out.getvalue()


def _charts(p: Profile) -> list[KeyChart]:
    return ([p.overview] if p.overview is not None else []) + list(p.charts)


def prefetch(p: Profile, renderer: ChartRenderer) -> None:
    """Start drawing the profile's charts while the text is laid out."""
    for chart in _charts(p):
        renderer.submit(chart.figure, "pdf", width=CHART_PX_WIDTH, height=int(chart.figure.layout.height or 640))


def write_pdf(p: Profile, renderer: ChartRenderer, path: Path | str | None = None) -> bytes:
    """The profile as PDF bytes (and written to `path` if given)."""
    prefetch(p, renderer)
    base, boxes = layout(p)
    charts = {i: renderer.render(b.chart.figure, "pdf", width=CHART_PX_WIDTH,
                                 height=int(b.chart.figure.layout.height or 640))
              for i, b in enumerate(boxes)}
    data = _stamp(base, boxes, charts) if boxes else base
    if path is not None:
        Path(path).write_bytes(data)
    return data
