"""Spread inside the Pohde areas over time: one line per area (pure: polars in, plotly out).

Each area has its own colour (Okabe–Ito), dash pattern and marker symbol (all three in the
legend), so the lines can be told apart without colour. Years in which some member municipality has
no value are left as gaps: a spread over part of the members would look smaller than it is.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from ..texts import Texts, texts_for
from .ranking import base_layout

AREA_STYLES = (  # (colour, dash, marker) – Okabe–Ito colours; dash and marker tell lines apart too
    ("#E69F00", "solid", "circle"),
    ("#56B4E9", "dash", "square"),
    ("#009E73", "dot", "diamond"),
    ("#CC79A7", "dashdot", "triangle-up"),
    ("#0072B2", "longdash", "x"),
    ("#D55E00", "solid", "star"),
)


def spread_figure(
    rows: pl.DataFrame, *, unit_label: str, decimals: int, highlight: str | None = None, texts: Texts | None = None
) -> go.Figure:
    """`rows` from `comparison.spread`: area_code, area_name, year, range_value, complete,
    max_name, min_name, n_values, n_members (sorted by area order, then year). The `highlight`
    area (the chosen municipality's) gets a thick line and a bold name."""
    hover = (texts or texts_for()).compare.SPREAD_HOVER
    fig = go.Figure()
    areas = rows.select("area_code", "area_name").unique(maintain_order=True)
    for i, (code, name) in enumerate(areas.iter_rows()):
        colour, dash, symbol = AREA_STYLES[i % len(AREA_STYLES)]
        part = rows.filter(pl.col("area_code") == code).sort("year")
        ys = [r["range_value"] if r["complete"] else None for r in part.iter_rows(named=True)]
        xs = part["year"].to_list()
        chosen = code == highlight
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                name=f"<b>{name}</b>" if chosen else name,
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=colour, dash=dash, width=6 if chosen else 3),
                marker=dict(symbol=symbol, size=12 if chosen else 9, color=colour),
                customdata=[
                    [r["max_name"], r["min_name"], r["n_values"], r["n_members"]] for r in part.iter_rows(named=True)
                ],
                hovertemplate=hover.format(name=name, decimals=int(decimals)),
            )
        )
    base_layout(fig, height=480)
    years = rows["year"].to_list() if not rows.is_empty() else []
    if years:
        fig.update_xaxes(range=[min(years) - 0.5, max(years) + 0.5])
    shown = sorted(set(years))
    step = max(1, -(-len(shown) // 12))  # at most about 12 year labels
    fig.update_xaxes(title_text=None, showgrid=False, tickvals=shown[::-1][::step][::-1], tickformat="d")
    fig.update_yaxes(title_text=unit_label, rangemode="tozero", gridcolor="#e6e6e6")
    fig.update_layout(margin=dict(l=10, r=30, t=60, b=40))
    return fig
