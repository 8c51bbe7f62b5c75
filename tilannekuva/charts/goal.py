"""One goal's chart (pure): the indicator's values from the baseline year to now, the straight
path from the baseline to the target, and the target itself. A goal card from
`tilannekuva.views.goals` in, a plotly Figure out."""

from __future__ import annotations

import plotly.graph_objects as go

from ..format import format_value
from ..texts import Texts, texts_or_default
from . import style

ACTUAL_COLOR = "#0072B2"  # Okabe–Ito blue, as the main series on Kehitys
PATH_COLOR = "#4D4D4D"
TARGET_COLOR = "#D55E00"  # vermillion star: the point to reach
STATUS_COLORS = {"achieved": "#0072B2", "on_track": "#009E73", "behind": "#D55E00", "no_new_data": "#767676"}
HEIGHT = 340
FONT_SIZE = style.GOAL_FONT_SIZE


def goal_figure(card, texts: Texts | None = None) -> go.Figure:
    goal = card.goal
    texts = texts_or_default(texts)
    words = texts.goals
    fmt = lambda v: format_value(v, card.unit, card.decimals, texts=texts)  # noqa: E731
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[goal.baseline_year, goal.target_year],
            y=[goal.baseline_value, goal.target_value],
            mode="lines",
            name=words.TRACE_PATH,
            line=dict(color=PATH_COLOR, dash="dash", width=2),
            hovertemplate="%{x}: %{customdata}<extra>" + words.TRACE_PATH + "</extra>",
            customdata=[fmt(goal.baseline_value), fmt(goal.target_value)],
        )
    )
    if card.points:
        xs, ys = zip(*card.points)
        fig.add_trace(
            go.Scatter(
                x=list(xs),
                y=list(ys),
                mode="lines+markers",
                name=words.TRACE_ACTUAL,
                line=dict(color=ACTUAL_COLOR, width=3),
                marker=dict(size=8),
                customdata=[fmt(v) for v in ys],
                hovertemplate="%{x}: %{customdata}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[goal.target_year],
            y=[goal.target_value],
            mode="markers+text",
            name=words.TRACE_TARGET,
            marker=dict(symbol="star", size=16, color=TARGET_COLOR),
            text=[fmt(goal.target_value)],
            textposition="top left",
            hovertemplate="%{x}: %{text}<extra>" + words.TRACE_TARGET + "</extra>",
        )
    )
    years = [goal.baseline_year, goal.target_year, *(y for y, _ in card.points)]
    values = [goal.baseline_value, goal.target_value, *(v for _, v in card.points)]
    low, high = min(values), max(values)
    pad = (high - low) * 0.25 or abs(high) * 0.1 or 1.0
    fig.update_layout(
        height=HEIGHT,
        **style.base_layout(FONT_SIZE),
        margin=dict(l=10, r=20, t=40, b=40),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, font=dict(size=FONT_SIZE - 2)),
        hoverlabel=dict(font_size=FONT_SIZE),
        xaxis=dict(
            range=[min(years) - 0.5, max(years) + 0.5],
            dtick=1 if max(years) - min(years) <= 12 else 2,
            showgrid=False,
            tickformat="d",
        ),
        yaxis=dict(
            range=[low - pad, high + pad],
            gridcolor="#E5E5E5",
            zeroline=False,
            title=dict(text=card.unit if card.unit not in ("", "lkm") else ""),
        ),
    )
    return fig


def alt_text(card, texts: Texts | None = None) -> str:
    goal = card.goal
    texts = texts_or_default(texts)
    words = texts.goals
    fmt = lambda v: format_value(v, card.unit, card.decimals, texts=texts)  # noqa: E731
    first = card.points[0][0] if card.points else goal.baseline_year
    last = card.points[-1][0] if card.points else goal.baseline_year
    return words.CHART_ALT.format(
        indicator=card.indicator_name,
        area=card.area_name,
        first=first,
        last=last,
        baseline=fmt(goal.baseline_value),
        baseline_year=goal.baseline_year,
        target=fmt(goal.target_value),
        target_year=goal.target_year,
    )
