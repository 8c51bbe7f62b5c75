"""The charts' one style (issue 10): fonts, sizes, colours of text and ground, number separators.

Every chart builder (map, trend, ranking, overview, goal) and the export frame (`export.with_context`,
also used by the PDF/PPTX reports through `report.render`) take these, so a chart looks the same on
every page, in a download and in a report. Pure constants, no Streamlit.
"""

from __future__ import annotations

from ..format import NBSP, THIN

FONT_FAMILY = '"Source Sans Pro", "Source Sans 3", "Segoe UI", Arial, sans-serif'
FONT_SIZE = 18  # projector: readable from the back of the room (map, trend)
RANKING_FONT_SIZE = 16  # one bar per area (30 rows): a size smaller
GOAL_FONT_SIZE = 16  # a goal card's small chart
OVERVIEW_FONT_SIZE = 15  # the start page's overview: a row per indicator
TITLE_SIZE = 22
TITLE_WRAP = 34  # characters per title line: still fits a 390 px wide phone
TEXT_COLOR = "#1f1f1f"
MUTED_TEXT_COLOR = "#3A3A3A"  # notes inside the plot (trend window, overview marks): 10:1 on white
BACKGROUND = "white"
#: plotly: decimal comma, narrow no-break space between thousands (= tilannekuva.format.format_number).
SEPARATORS = "," + THIN
__all__ = [
    "NBSP",
    "FONT_FAMILY",
    "FONT_SIZE",
    "RANKING_FONT_SIZE",
    "GOAL_FONT_SIZE",
    "OVERVIEW_FONT_SIZE",
    "TITLE_SIZE",
    "TITLE_WRAP",
    "TEXT_COLOR",
    "MUTED_TEXT_COLOR",
    "BACKGROUND",
    "SEPARATORS",
    "font",
    "base_layout",
    "title",
    "legend_below",
    "hoverlabel",
]


def font(size: int = FONT_SIZE, color: str = TEXT_COLOR) -> dict:
    """A plotly font dict in the charts' family."""
    return dict(family=FONT_FAMILY, size=size, color=color)


def title(heading: str, subtitle: str) -> dict:
    """The title block of the map and trend charts: the heading in bold, the subtitle under it."""
    return dict(
        text=f"<b>{heading}</b><br><span style='font-size:{FONT_SIZE + 2}px'>{subtitle}</span>",
        x=0.01,
        xanchor="left",
        yref="container",
        y=1,
        yanchor="top",
        pad=dict(t=16),
        font=dict(size=TITLE_SIZE),
    )


def base_layout(size: int = FONT_SIZE) -> dict:
    """The layout keys every chart shares: font, separators, white ground, hover label font."""
    return dict(font=font(size), separators=SEPARATORS, paper_bgcolor=BACKGROUND, plot_bgcolor=BACKGROUND)


def legend_below(**extra) -> dict:
    """The map's and the trend chart's legend: one horizontal row (or more) under the plot, from
    the left edge; `extra` adds or overrides keys (item sizing, ground, width, order)."""
    return dict(
        orientation="h",
        x=0.0,
        xanchor="left",
        yref="container",
        y=0,
        yanchor="bottom",
        font=dict(size=FONT_SIZE - 1, color=TEXT_COLOR),
        **extra,
    )


def hoverlabel() -> dict:
    """The hover box of the map and the trend chart: the charts' font on white."""
    return dict(font=dict(size=FONT_SIZE, family=FONT_FAMILY, color=TEXT_COLOR), bgcolor="white", bordercolor="#444")
