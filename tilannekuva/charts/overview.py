"""The overview chart of the start page: one row per indicator, the area's value on the spread of
the municipalities (see tilannekuva.overview). Pure: overview rows in, a plotly figure out.

Colour is never the only signal: the marker's shape says better (●), worse (◆), no significant
difference (■), untested (open shapes), a neutral indicator (▲▼) or no benchmark value (⊗), and
the legend line above the plot names them; the value and its year stand beside every row.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go

from .. import judgements
from ..overview import OverviewRow
from ..texts import Texts, texts_or_default
from . import style as chart_style

LABEL_WRAP = 50  # characters per label line: about 340 px, a phone's width
FONT_SIZE = chart_style.OVERVIEW_FONT_SIZE
RANGE_COLOUR = "#E3E3E3"
MIDDLE_COLOUR = "#B8B8B8"
REGION_COLOUR = "#000000"
COUNTRY_COLOUR = "#595959"

# comparison kind (+ tested) -> (legend key, marker symbol, colour)
_STYLES = {
    ("better", True): ("better", "circle", judgements.COLOR_BETTER),
    ("worse", True): ("worse", "diamond", judgements.COLOR_WORSE),
    ("no_difference", True): ("similar", "square", judgements.COLOR_NO_DIFFERENCE),
    ("same", False): ("similar", "square", judgements.COLOR_NO_DIFFERENCE),
    ("better", False): ("better_untested", "circle-open", judgements.COLOR_NO_DIFFERENCE),
    ("worse", False): ("worse_untested", "diamond-open", judgements.COLOR_NO_DIFFERENCE),
    ("higher", True): ("neutral", "triangle-up", judgements.COLOR_NEUTRAL),
    ("lower", True): ("neutral", "triangle-down", judgements.COLOR_NEUTRAL),
    ("higher", False): ("neutral", "triangle-up-open", judgements.COLOR_NEUTRAL),
    ("lower", False): ("neutral", "triangle-down-open", judgements.COLOR_NEUTRAL),
}
_NO_DATA = ("no_data", "circle-x-open", judgements.COLOR_NEUTRAL)  # dark enough to see; its own shape


# What each marker looks like in the legend line (plotly's own legend would not lay out in a row
# here, and squeezed the plot when stacked): key -> (glyph, colour).
_GLYPHS = {
    "better": ("●", judgements.COLOR_BETTER),
    "worse": ("◆", judgements.COLOR_WORSE),
    "similar": ("■", judgements.COLOR_NO_DIFFERENCE),
    "better_untested": ("○", judgements.COLOR_NO_DIFFERENCE),
    "worse_untested": ("◇", judgements.COLOR_NO_DIFFERENCE),
    "neutral": ("▲▼", judgements.COLOR_NEUTRAL),
    "no_data": ("⊗", judgements.COLOR_NEUTRAL),
}
LEGEND_LINE_CHARS = 46  # the legend's lines are packed to this many characters: a phone's width
BAR_PX = 22
LINE_PX = 19  # one line of a row's label


def legend_text(
    keys: Sequence[str],
    *,
    benchmark_name: str | None,
    region_name: str | None,
    country_name: str | None,
    texts: Texts | None = None,
) -> str:
    """The legend as lines of coloured glyphs and words (only what the chart shows)."""
    words = texts_or_default(texts)
    items = [
        f"<span style='color:{RANGE_COLOUR}'>▬</span><span style='color:{MIDDLE_COLOUR}'>▬</span> "
        f"{words.start.OVERVIEW_RANGE}"
    ]
    if region_name:
        items.append(f"<b>│</b> {region_name}")
    if country_name:
        items.append(f"<span style='color:{COUNTRY_COLOUR}'>◊</span> {country_name}")
    for key in keys:
        glyph, colour = _GLYPHS[key]
        items.append(
            f"<span style='color:{colour}'>{glyph}</span> "
            f"{words.start.OVERVIEW_LEGEND[key].split(' ', 1)[1].format(benchmark=benchmark_name or '')}"
        )
    plain = re.compile(r"<[^>]+>")
    lines: list[list[str]] = [[]]
    for item in items:
        width = sum(len(plain.sub("", i)) + 4 for i in lines[-1]) + len(plain.sub("", item))
        if lines[-1] and width > LEGEND_LINE_CHARS:
            lines.append([])
        lines[-1].append(item)
    return "<br>".join("&nbsp;&nbsp;&nbsp;&nbsp;".join(line) for line in lines)


def style(comparison: judgements.Comparison) -> tuple[str, str, str]:
    """(legend key, plotly marker symbol, colour) of a comparison."""
    return _STYLES.get((comparison.kind, comparison.tested), _NO_DATA)


def row_label(row: OverviewRow, width: int = LABEL_WRAP) -> str:
    """The line above a row's bar: its value and year in bold, then the indicator's whole name,
    wrapped (never cut) so that it fits a phone as well as a projector."""
    lines = textwrap.wrap(f"{row.value_label} · {row.year} – {row.name}", width=width) or [row.name]
    head = f"{row.value_label} · {row.year}"
    first = lines[0]
    if first.startswith(head):
        first = f"<b>{head}</b>{first[len(head) :]}"
    return "<br>".join([first, *lines[1:]])


def overview_figure(
    rows: Sequence[OverviewRow],
    *,
    area_name: str,
    benchmark_name: str | None,
    region_name: str,
    country_name: str,
    texts: Texts | None = None,
) -> go.Figure:
    """Rows top to bottom in the given order."""
    words = texts_or_default(texts)
    start = words.start
    fig = go.Figure()
    # Rows are placed in pixels: each takes its label's lines above its bar, so a long name never
    # runs into the row above.
    row_labels = [row_label(r) for r in rows]
    y, at = [], 0.0
    for label in row_labels:
        at += LINE_PX * (label.count("<br>") + 1) + 14
        y.append(at + BAR_PX / 2)
        at += BAR_PX + 16
    plot_px = max(at, 40.0)
    # The municipalities' range (light) and middle half (darker) as horizontal bars.
    for low, high, colour, name in (
        ([r.low for r in rows], [r.high for r in rows], RANGE_COLOUR, start.OVERVIEW_RANGE),
        ([r.q1 for r in rows], [r.q3 for r in rows], MIDDLE_COLOUR, start.OVERVIEW_MIDDLE),
    ):
        fig.add_trace(
            go.Bar(
                y=y,
                x=[h - lo for lo, h in zip(low, high)],
                base=low,
                orientation="h",
                marker=dict(color=colour),
                name=name,
                hoverinfo="skip",
                width=BAR_PX,
            )
        )
    for values, labels, name, symbol, colour, size in (
        ([r.region for r in rows], [r.region_label for r in rows], region_name, "line-ns-open", REGION_COLOUR, 26),
        (
            [r.country for r in rows],
            [r.country_label for r in rows],
            country_name,
            "diamond-tall-open",
            COUNTRY_COLOUR,
            15,
        ),
    ):
        shown = [(v, yy, lab) for v, yy, lab in zip(values, y, labels) if v is not None]
        if shown:
            fig.add_trace(
                go.Scatter(
                    x=[v for v, _, _ in shown],
                    y=[yy for _, yy, _ in shown],
                    mode="markers",
                    name=name,
                    marker=dict(symbol=symbol, size=size, color=colour, line=dict(width=3, color=colour)),
                    customdata=[lab for _, _, lab in shown],
                    hovertemplate=f"{name}: %{{customdata}}<extra></extra>",
                )
            )
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(style(r.comparison)[0], []).append(i)
    shown_keys = [
        k
        for k in ("worse", "worse_untested", "similar", "better_untested", "better", "neutral", "no_data")
        if groups.get(k)
    ]
    for key in shown_keys:
        idx = groups.get(key)
        if not idx:
            continue
        fig.add_trace(
            go.Scatter(
                x=[rows[i].position for i in idx],
                y=[y[i] for i in idx],
                mode="markers",
                name=words.start.OVERVIEW_LEGEND[key].format(benchmark=benchmark_name or ""),
                marker=dict(
                    symbol=[style(rows[i].comparison)[1] for i in idx],
                    size=17,
                    color=[style(rows[i].comparison)[2] for i in idx],
                    line=dict(width=2, color=[style(rows[i].comparison)[2] for i in idx]),
                ),
                customdata=[
                    [
                        rows[i].value_label,
                        rows[i].comparison.word,
                        rows[i].range_label,
                        rows[i].n_municipalities,
                        rows[i].year,
                    ]
                    for i in idx
                ],
                hovertemplate=(
                    f"{area_name} %{{customdata[4]}}: %{{customdata[0]}}<br>"
                    f"{start.OVERVIEW_HOVER_JUDGEMENT.format(benchmark=benchmark_name or '')}: "
                    f"%{{customdata[1]}}<br>"
                    f"{start.OVERVIEW_HOVER_RANGE}: %{{customdata[2]}} (%{{customdata[3]}})<extra></extra>"
                ),
            )
        )
    # The label line (value, year, name) above every bar, from the left edge: no margin for long
    # names, so the plot keeps the whole width on any screen.
    # (Collected and set once: each add_annotation copies and validates every earlier one.)
    annotations = [
        dict(
            x=0,
            xref="paper",
            xanchor="left",
            y=yy - BAR_PX / 2 - 4,
            yref="y",
            yanchor="bottom",
            text=label,
            align="left",
            showarrow=False,
            font=dict(size=FONT_SIZE - 1, color=chart_style.TEXT_COLOR),
        )
        for label, yy in zip(row_labels, y)
    ]
    # Which end is better, at both ends under the rows (short enough for a phone).
    annotations += [
        dict(
            x=x,
            xref="paper",
            xanchor=anchor,
            y=0,
            yref="paper",
            yanchor="top",
            yshift=-8,
            text=text,
            showarrow=False,
            font=dict(size=FONT_SIZE - 1, color=chart_style.MUTED_TEXT_COLOR),
        )
        for x, anchor, text in ((0, "left", start.OVERVIEW_WORSE_END), (1, "right", start.OVERVIEW_BETTER_END))
    ]
    has_region = any(r.region is not None for r in rows)
    has_country = any(r.country is not None for r in rows)
    legend = legend_text(
        shown_keys,
        texts=texts,
        benchmark_name=benchmark_name,
        region_name=region_name if has_region else None,
        country_name=country_name if has_country else None,
    )
    legend_lines = legend.count("<br>") + 1
    annotations.append(
        dict(
            text=legend,
            xref="paper",
            yref="paper",
            x=0,
            xanchor="left",
            y=1.0,
            yanchor="bottom",
            yshift=40,
            align="left",
            showarrow=False,
            font=dict(size=FONT_SIZE - 1, color=chart_style.TEXT_COLOR),
        )
    )
    top = 60 + 22 * legend_lines
    height = int(top + 60 + plot_px)
    fig.update_layout(
        annotations=annotations,
        barmode="overlay",
        height=height,
        **chart_style.base_layout(FONT_SIZE),
        hoverlabel=dict(font_size=FONT_SIZE),
        margin=dict(l=10, r=10, t=top, b=60),
        showlegend=False,
        bargap=0.55,
        xaxis=dict(range=[-0.04, 1.04], showticklabels=False, showgrid=False, zeroline=False, fixedrange=True),
        yaxis=dict(range=[plot_px, 0], fixedrange=True, showticklabels=False, showgrid=False, zeroline=False),
    )
    return fig
