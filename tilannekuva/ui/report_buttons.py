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
from ..texts import report as TR
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
def report_bytes(identity: tuple, area: str, this_year: int, fmt: str, goals_version: tuple = ()) -> bytes:
    """The profile of `area` as 'pdf' or 'pptx' bytes (cached: the same file for every session
    until the database or any goal changes: `goals_version` is the goals store's fingerprint)."""
    from ..report import pdf, slides  # fpdf2, pypdf, python-pptx: imported on the first click (~40 MB)

    built = profile.build(get_database(), area, this_year=this_year, goals=editor.store().list_goals())
    with _lock:
        renderer = shared_renderer()
        return (pdf.write_pdf if fmt == "pdf" else slides.write_pptx)(built, renderer)


def report_downloads(db, area: str, this_year: int) -> None:
    """The start page's two buttons: the area profile as PDF and as PPTX (made on click)."""
    stem = export.file_stem("tilannekuvaprofiili", area, dt.date.today().isoformat())
    st.caption(f"**{TR.BUTTONS_HEADER}** – {TR.BUTTONS_HELP}")
    left, right = st.columns(2)
    version = editor.store().fingerprint()
    left.download_button(
        TR.DOWNLOAD_PDF,
        lambda: report_bytes(db.identity, area, this_year, "pdf", version),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key=f"report_pdf_{area}",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        TR.DOWNLOAD_PPTX,
        lambda: report_bytes(db.identity, area, this_year, "pptx", version),
        file_name=f"{stem}.pptx",
        key=f"report_pptx_{area}",
        icon=":material/slideshow:",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        on_click="ignore",
        width="stretch",
    )


def image_downloads(fig, ctx: export.ChartContext, *, key: str, stem: str) -> None:
    """PNG (2×, 2400 px wide) and SVG of `fig` with title, area, year and source inside."""

    def make(fmt: str) -> bytes:
        framed = export.with_context(fig, ctx)
        width, height = export.image_size(framed)
        return render(framed, fmt, width=width, height=height, scale=export.EXPORT_SCALE if fmt == "png" else 1)

    left, right = st.columns(2)
    left.download_button(
        TR.DOWNLOAD_PNG,
        lambda: make("png"),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"{key}_png",
        icon=":material/image:",
        on_click="ignore",
        help=TR.DOWNLOAD_HELP_IMAGE,
    )
    right.download_button(
        TR.DOWNLOAD_SVG,
        lambda: make("svg"),
        file_name=f"{stem}.svg",
        mime="image/svg+xml",
        key=f"{key}_svg",
        icon=":material/image:",
        on_click="ignore",
        help=TR.DOWNLOAD_HELP_IMAGE,
    )
