"""Area profile as a coloured table (pure: polars in, pandas frame + CSS or Styler out – st.dataframe renders it).

Every member cell shows the number and the judgement symbol (comparison.profile). The
background follows judgements.COLORS: a statistically tested better/worse (or neutral
higher/lower) difference gets the full colour with white bold text, everything untested or
equal only a faint tint of its grey, missing values none. So the few differences that really
are differences stand out, and the symbol still carries the direction when colour is lost
(print, colour blindness).
"""

from __future__ import annotations

import pandas as pd
import polars as pl

from .. import judgements
from ..views.table import styled

STRONG = frozenset({"better", "worse", "higher", "lower"})  # tested differences
FAINT = frozenset({"no_difference", "same", "better_untested", "worse_untested", "higher_untested", "lower_untested"})
FIXED_COLUMNS = ("Indikaattori", "Vuosi")


def tint(hex_colour: str, strength: float) -> str:
    """`hex_colour` mixed with white (strength 1 = the colour, 0 = white)."""
    h = hex_colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * strength) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def cell_css(kind: str | None) -> str:
    """CSS for one member cell by its judgement key."""
    if kind in STRONG:
        return f"background-color: {judgements.COLORS[kind]}; color: #FFFFFF; font-weight: bold"
    if kind in FAINT:
        return f"background-color: {tint(judgements.COLORS[kind], 0.18)}; color: #1A1A1A"
    return "color: #595959"


def profile_css(text: pl.DataFrame, kinds: pl.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`text` as pandas, the CSS of each of its cells): member cells coloured from `kinds` (same
    shape, from comparison.profile_wide), the benchmark column in italics. Columns other than
    Indikaattori, Vuosi and the benchmark are members. Made once and cached; `styled` applies it."""
    shown = text.to_pandas()
    keys = kinds.to_pandas()
    css = pd.DataFrame("", index=shown.index, columns=shown.columns)
    benchmark = shown.columns[2] if len(shown.columns) > 2 else None
    for col in shown.columns:
        if col == benchmark:
            css[col] = "font-style: italic"
        elif col not in FIXED_COLUMNS and col in keys.columns:
            css[col] = [cell_css(keys.at[i, col]) for i in shown.index]
    return shown, css


def profile_styler(text: pl.DataFrame, kinds: pl.DataFrame):
    """A pandas Styler of `text` with member cells coloured from `kinds` (see `profile_css`)."""
    return styled(*profile_css(text, kinds))
