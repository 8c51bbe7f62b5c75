"""Area profile as a coloured table (pure: polars in, pandas Styler out – st.dataframe renders it).

Every member cell shows the number and the judgement symbol (comparison.profile). The
background follows judgements.COLORS: a statistically tested better/worse (or neutral
higher/lower) difference gets the full colour with white bold text, everything untested or
equal only a faint tint of its grey, missing values none. So the few differences that really
are differences stand out, and the symbol still carries the direction when colour is lost
(print, colour blindness).
"""

from __future__ import annotations

import polars as pl

from .. import judgements

STRONG = frozenset({"better", "worse", "higher", "lower"})  # tested differences
FAINT = frozenset({"no_difference", "same", "better_untested", "worse_untested", "higher_untested",
                   "lower_untested"})
FIXED_COLUMNS = ("Indikaattori", "Vuosi")


def tint(hex_colour: str, strength: float) -> str:
    """`hex_colour` mixed with white (strength 1 = the colour, 0 = white)."""
    h = hex_colour.lstrip("#")
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * strength) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def cell_css(kind: str | None) -> str:
    """CSS for one member cell by its judgement key."""
    if kind in STRONG:
        return f"background-color: {judgements.COLORS[kind]}; color: #FFFFFF; font-weight: bold"
    if kind in FAINT:
        return f"background-color: {tint(judgements.COLORS[kind], 0.18)}; color: #1A1A1A"
    return "color: #595959"


def profile_styler(text: pl.DataFrame, kinds: pl.DataFrame):
    """A pandas Styler of `text` with member cells coloured from `kinds` (same shape, from
    comparison.profile_wide). Columns other than Indikaattori, Vuosi and the benchmark are members."""
    shown = text.to_pandas()
    keys = kinds.to_pandas()
    members = [c for c in shown.columns if c not in FIXED_COLUMNS and c in keys.columns and c != shown.columns[2]]

    def column_css(col):
        return [cell_css(keys.at[i, col.name]) for i in col.index]

    styler = shown.style.apply(column_css, subset=members, axis=0)
    if len(shown.columns) > 2:
        styler = styler.set_properties(subset=[shown.columns[2]], **{"font-style": "italic"})
    return styler
