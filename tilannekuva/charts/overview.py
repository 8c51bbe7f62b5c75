"""The overview chart of the start page: one row per indicator, the area's value on the spread of
the municipalities (see tilannekuva.overview). Pure: overview rows in, a plotly figure out.

Colour is never the only signal: the marker's shape says better (●), worse (◆), no significant
difference (■), untested (open shapes) or a neutral indicator (▲▼), and the legend names them;
the value and its year stand beside every row.
"""

from __future__ import annotations

import textwrap
from typing import Sequence

import plotly.graph_objects as go

from .. import judgements as J
from ..overview import OverviewRow
from ..texts import start as S
from .ranking import FONT_FAMILY, SEPARATORS

ROW_PX = 54
FONT_SIZE = 15
RANGE_COLOUR = "#E3E3E3"
MIDDLE_COLOUR = "#B8B8B8"
REGION_COLOUR = "#000000"
COUNTRY_COLOUR = "#595959"

# comparison kind (+ tested) -> (legend key, marker symbol, colour)
_STYLES = {
    ("better", True): ("better", "circle", J.COLOR_BETTER),
    ("worse", True): ("worse", "diamond", J.COLOR_WORSE),
    ("no_difference", True): ("similar", "square", J.COLOR_NO_DIFFERENCE),
    ("same", False): ("similar", "square", J.COLOR_NO_DIFFERENCE),
    ("better", False): ("better_untested", "circle-open", J.COLOR_NO_DIFFERENCE),
    ("worse", False): ("worse_untested", "diamond-open", J.COLOR_NO_DIFFERENCE),
    ("higher", True): ("neutral", "triangle-up", J.COLOR_NEUTRAL),
    ("lower", True): ("neutral", "triangle-down", J.COLOR_NEUTRAL),
    ("higher", False): ("neutral", "triangle-up-open", J.COLOR_NEUTRAL),
    ("lower", False): ("neutral", "triangle-down-open", J.COLOR_NEUTRAL),
}
_NO_DATA = ("no_data", "circle-open", J.COLOR_MISSING)


def style(comparison: J.Comparison) -> tuple[str, str, str]:
    """(legend key, plotly marker symbol, colour) of a comparison."""
    return _STYLES.get((comparison.kind, comparison.tested), _NO_DATA)


def row_label(row: OverviewRow, width: int = 44) -> str:
    """The indicator's whole name, wrapped (never cut), and its year."""
    lines = textwrap.wrap(row.name, width=width) or [row.name]
    return "<br>".join(lines) + f" <b>· {row.year}</b>"


def overview_figure(rows: Sequence[OverviewRow], *, area_name: str, benchmark_name: str | None,
                    region_name: str, country_name: str) -> go.Figure:
    """Rows top to bottom in the given order."""
    fig = go.Figure()
    y = [row_label(r) for r in rows]
    # The municipalities' range (light) and middle half (darker) as horizontal bars.
    fig.add_trace(go.Bar(
        y=y, x=[r.high - r.low for r in rows], base=[r.low for r in rows], orientation="h",
        marker=dict(color=RANGE_COLOUR), name=S.OVERVIEW_RANGE, hoverinfo="skip", width=0.55))
    fig.add_trace(go.Bar(
        y=y, x=[r.q3 - r.q1 for r in rows], base=[r.q1 for r in rows], orientation="h",
        marker=dict(color=MIDDLE_COLOUR), name=S.OVERVIEW_MIDDLE, hoverinfo="skip", width=0.55))
    for values, labels, name, symbol, colour, size in (
        ([r.region for r in rows], [r.region_label for r in rows], region_name, "line-ns-open", REGION_COLOUR, 26),
        ([r.country for r in rows], [r.country_label for r in rows], country_name, "diamond-tall-open",
         COUNTRY_COLOUR, 15),
    ):
        shown = [(v, yy, lab) for v, yy, lab in zip(values, y, labels) if v is not None]
        if shown:
            fig.add_trace(go.Scatter(
                x=[v for v, _, _ in shown], y=[yy for _, yy, _ in shown], mode="markers", name=name,
                marker=dict(symbol=symbol, size=size, color=colour, line=dict(width=3, color=colour)),
                customdata=[lab for _, _, lab in shown],
                hovertemplate=f"{name}: %{{customdata}}<extra></extra>"))
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(style(r.comparison)[0], []).append(i)
    for key in ("worse", "worse_untested", "similar", "better_untested", "better", "neutral", "no_data"):
        idx = groups.get(key)
        if not idx:
            continue
        fig.add_trace(go.Scatter(
            x=[rows[i].position for i in idx], y=[y[i] for i in idx], mode="markers",
            name=S.OVERVIEW_LEGEND[key].format(benchmark=benchmark_name or ""),
            marker=dict(symbol=[style(rows[i].comparison)[1] for i in idx], size=17,
                        color=[style(rows[i].comparison)[2] for i in idx],
                        line=dict(width=2, color=[style(rows[i].comparison)[2] for i in idx])),
            customdata=[[rows[i].value_label, rows[i].comparison.word, rows[i].range_label,
                         rows[i].n_municipalities, rows[i].year] for i in idx],
            hovertemplate=(f"{area_name} %{{customdata[4]}}: %{{customdata[0]}}<br>"
                           f"{S.OVERVIEW_HOVER_JUDGEMENT.format(benchmark=benchmark_name or '')}: %{{customdata[1]}}<br>"
                           f"{S.OVERVIEW_HOVER_RANGE}: %{{customdata[2]}} (%{{customdata[3]}})<extra></extra>")))
    # The value beside every row, right of the plot.
    for r, yy in zip(rows, y):
        fig.add_annotation(x=1.0, xref="paper", xanchor="left", xshift=14, y=yy, yref="y", text=r.value_label,
                           showarrow=False, font=dict(size=FONT_SIZE, color="#1a1a1a"))
    height = 150 + ROW_PX * max(len(rows), 1)
    fig.update_layout(
        barmode="overlay", height=height, font=dict(size=FONT_SIZE, family=FONT_FAMILY, color="#1a1a1a"),
        separators=SEPARATORS, plot_bgcolor="white", paper_bgcolor="white", hoverlabel=dict(font_size=FONT_SIZE),
        margin=dict(l=10, r=150, t=130, b=60),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, font=dict(size=FONT_SIZE - 1),
                    entrywidth=0.33, entrywidthmode="fraction"),
        xaxis=dict(range=[-0.04, 1.04], showticklabels=False, showgrid=False, zeroline=False, fixedrange=True,
                   title=dict(text=S.OVERVIEW_AXIS, font=dict(size=FONT_SIZE - 1))),
        yaxis=dict(autorange="reversed", fixedrange=True, automargin=True, tickfont=dict(size=FONT_SIZE - 1)),
    )
    return fig
