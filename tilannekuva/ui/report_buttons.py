"""Streamlit: download buttons for the area profile (PDF, PPTX) and for a chart's images.

Files are made when the button is clicked (Streamlit calls the `data` callable then), not on
every run, and kept in a small cross-session cache. One Chromium (report.render.ChartRenderer)
is shared by the whole server process and started on the first click; a render that fails
restarts it.
"""

from __future__ import annotations

import datetime as dt
import threading

import streamlit as st

from .. import export
from ..db import get_database
from ..report import profile
from ..report.render import ChartRenderer
from ..texts import DEFAULT_LANG, Texts, texts_for, texts_or_default
from . import editor

_lock = threading.Lock()  # one render at a time through the shared browser


@st.cache_resource(show_spinner=False)
def shared_renderer() -> ChartRenderer:
    """The process's browser for static charts (started lazily by the first render)."""
    return ChartRenderer()


def render(fig, fmt: str, *, width: int, height: int, scale: float = 1) -> bytes:
    with _lock:
        return shared_renderer().render(fig, fmt, width=width, height=height, scale=scale)


@st.cache_resource(max_entries=16, show_spinner=False)
def report_bytes(
    identity: tuple, area: str, this_year: int, fmt: str, goals_version: tuple = (), lang: str = DEFAULT_LANG
) -> bytes:
    """The profile of `area` as 'pdf' or 'pptx' bytes in `lang` (cached: the same file for every
    session until the database or any goal changes: `goals_version` is the goals store's fingerprint)."""
    from ..report import pdf, slides  # fpdf2, pypdf, python-pptx: imported on the first click (~40 MB)

    goals = editor.store().list_goals()
    built = profile.build(get_database(), area, this_year=this_year, goals=goals, texts=texts_for(lang))
    with _lock:
        renderer = shared_renderer()
        return (pdf.write_pdf if fmt == "pdf" else slides.write_pptx)(built, renderer)


PDF_ICON, PPTX_ICON, IMAGE_ICON = ":material/picture_as_pdf:", ":material/slideshow:", ":material/image:"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _two_buttons(buttons, **common) -> None:
    """Download buttons side by side, each (label, data callable, file name, mime, key, icon);
    the file is made when its button is clicked (`on_click="ignore"`: no rerun)."""
    for column, (label, data, file_name, mime, key, icon) in zip(st.columns(2), buttons):
        column.download_button(
            label, data, file_name=file_name, mime=mime, key=key, icon=icon, on_click="ignore", **common
        )


def report_downloads(db, area: str, this_year: int, *, texts: Texts | None = None) -> None:
    """The start page's two buttons: the area profile as PDF and as PPTX (made on click)."""
    texts = texts_or_default(texts)
    words = texts.report
    stem = export.file_stem(words.PROFILE_STEM, area, dt.date.today().isoformat())
    st.caption(f"**{words.BUTTONS_HEADER}** – {words.BUTTONS_HELP}")
    version = editor.store().fingerprint()

    def make(fmt: str):
        return lambda: report_bytes(db.identity, area, this_year, fmt, version, texts.lang)

    _two_buttons(
        [
            (words.DOWNLOAD_PDF, make("pdf"), f"{stem}.pdf", "application/pdf", f"report_pdf_{area}", PDF_ICON),
            (words.DOWNLOAD_PPTX, make("pptx"), f"{stem}.pptx", PPTX_MIME, f"report_pptx_{area}", PPTX_ICON),
        ],
        width="stretch",
    )


def image_downloads(fig, ctx: export.ChartContext, *, key: str, stem: str, texts: Texts | None = None) -> None:
    """PNG (2×, 2400 px wide) and SVG of `fig` with title, area, year and source inside."""
    words = texts_or_default(texts).report

    def make(fmt: str):
        def image() -> bytes:
            framed = export.with_context(fig, ctx)
            width, height = export.image_size(framed)
            return render(framed, fmt, width=width, height=height, scale=export.EXPORT_SCALE if fmt == "png" else 1)

        return image

    _two_buttons(
        [
            (words.DOWNLOAD_PNG, make("png"), f"{stem}.png", "image/png", f"{key}_png", IMAGE_ICON),
            (words.DOWNLOAD_SVG, make("svg"), f"{stem}.svg", "image/svg+xml", f"{key}_svg", IMAGE_ICON),
        ],
        help=words.DOWNLOAD_HELP_IMAGE,
    )
