"""Ranking of the municipalities: a sorted horizontal bar chart (pure: polars in, plotly out).

Bars are coloured by the judgement against the region (judgements.COLORS) and carry the value
and the judgement symbol as text, so colour is never the only signal. The chosen
municipalities are marked with "▶", bold names and a black outline. Municipalities without a
value keep their row and say "ei tietoa" – there is no bar, never a zero bar. The region and the
country are dashed/dotted reference lines labelled with their values – except for counts
(`value_type` 'count'): a region's total among municipal counts is no reference, and drawn on the
same axis it shrinks 29 of 30 bars to slivers. Axis numbers are Finnish ("50 000", never "50k").
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from .. import codes, judgements
from ..comparison import Reference
from ..format import format_number
from ..texts import Texts, texts_or_default
from . import style

FONT_SIZE = style.RANKING_FONT_SIZE
ROW_PX = 30
PLAIN_BAR = judgements.COLOR_NEUTRAL  # a value that is not judged (count, or no benchmark)
HIGHLIGHT_LINE = "#000000"
REFERENCE_DASH = {codes.REGION: "dash", codes.COUNTRY: "dot"}


def base_layout(fig: go.Figure, *, height: int) -> go.Figure:
    """Large, readable type for projectors; white background; Finnish number format."""
    fig.update_layout(
        height=height,
        **style.base_layout(FONT_SIZE),
        margin=dict(l=10, r=20, t=70, b=50),
        hoverlabel=dict(font_size=FONT_SIZE),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, font=dict(size=FONT_SIZE - 1)),
    )
    return fig


def label(name: str, highlighted: bool) -> str:
    """The y-axis label: chosen municipalities get a marker and bold type."""
    return f"<b>▶ {name}</b>" if highlighted else name


def _bar_text(value: float | None, symbol: str, kind: str, decimals: int) -> str:
    number = format_number(value, decimals)
    if kind in ("no_data", "not_comparable"):
        return number
    return f"{number} {symbol}"


def ranking_figure(
    ranked: pl.DataFrame,
    refs: Sequence[Reference],
    *,
    unit: str,
    decimals: int,
    value_type: str | None = None,
    texts: Texts | None = None,
) -> go.Figure:
    """Horizontal bars in the order of `ranked` (top = first row); see the module doc.

    `ranked` is `comparison.ranking(...)`: name_fi, value, status, highlight, kind, word, symbol,
    color. `refs` are reference lines (region, country) with their values; none for counts."""
    words = texts_or_default(texts)
    if value_type == "count":
        refs = ()
    rows = list(ranked.iter_rows(named=True))
    labels = [label(r["name_fi"], bool(r["highlight"])) for r in rows]
    present = [r for r in rows if r["value"] is not None]
    missing = [r for r in rows if r["value"] is None]

    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name=words.compare.RANKING_BARS,
            orientation="h",
            y=[label(r["name_fi"], bool(r["highlight"])) for r in present],
            x=[r["value"] for r in present],
            marker=dict(
                color=[PLAIN_BAR if r["kind"] in ("no_data", "not_comparable") else r["color"] for r in present],
                line=dict(color=HIGHLIGHT_LINE, width=[3 if r["highlight"] else 0 for r in present]),
            ),
            text=[_bar_text(r["value"], r["symbol"], r["kind"], decimals) for r in present],
            textposition="outside",
            cliponaxis=False,
            textfont=dict(size=FONT_SIZE),
            customdata=[[r["name_fi"], r["word"]] for r in present],
            hovertemplate="%{customdata[0]}: %{x}<br>%{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    if missing:
        fig.add_trace(
            go.Scatter(
                name=words.common.NO_DATA,
                mode="text",
                y=[label(r["name_fi"], bool(r["highlight"])) for r in missing],
                x=[0.0] * len(missing),
                text=[
                    words.common.SUPPRESSED if r["status"] == codes.SUPPRESSED else words.common.NO_DATA
                    for r in missing
                ],
                textposition="middle right",
                textfont=dict(size=FONT_SIZE, color="#555555"),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    # Legend: one swatch per judgement that occurs, with its symbol and word.
    seen: dict[str, tuple[str, str]] = {}
    for r in present:
        if r["kind"] not in ("no_data", "not_comparable") and r["kind"] not in seen:
            seen[r["kind"]] = (f"{r['symbol']} {r['word']}", r["color"])
    for kind in sorted(seen, key=list(words.common.JUDGEMENT_WORDS).index):
        name, color = seen[kind]
        fig.add_trace(
            go.Bar(
                x=[None], y=[None], orientation="h", name=name, marker_color=color, showlegend=True, hoverinfo="skip"
            )
        )

    values = [r["value"] for r in present] + [ref.value for ref in refs]
    hi = max([0.0, *values])
    lo = min([0.0, *values])
    span = (hi - lo) or 1.0
    fig.update_xaxes(
        range=[lo - (0.12 * span if lo < 0 else 0), hi + 0.2 * span],
        title_text=unit,
        showgrid=True,
        gridcolor="#e6e6e6",
        zeroline=True,
        zerolinecolor="#999999",
        exponentformat="none",
        separatethousands=True,
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=labels,
        autorange="reversed",
        title_text=None,
        automargin=True,
        tickfont=dict(size=FONT_SIZE),
    )

    # Reference lines across the whole plot; each is named with its value in the legend (with its
    # dash pattern), so no label ever sits on top of a bar's text.
    for ref in sorted(refs, key=lambda r: r.area_code):
        dash = REFERENCE_DASH.get(ref.area_code, "dash")
        fig.add_vline(x=ref.value, line_dash=dash, line_color="#000000", line_width=2)
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line=dict(color="#000000", dash=dash, width=2),
                hoverinfo="skip",
                name=(
                    f"{ref.name}{words.compare.EXCL_VAALA_LABEL if ref.excl_vaala else ''} "
                    f"{format_number(ref.value, decimals)}"
                ),
            )
        )
    base_layout(fig, height=ROW_PX * max(len(rows), 3) + 170)
    fig.update_layout(bargap=0.25, barmode="overlay", margin=dict(t=90))
    return fig
