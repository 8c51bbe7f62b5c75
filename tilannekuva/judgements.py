"""Pure judgements: how an area's value compares with a benchmark, and how it trends.

Nothing here touches the database, the network or Streamlit; inputs are plain
numbers and lists, outputs are frozen dataclasses that the pages render.

Comparison (``compare``)
    * ``polarity`` from the indicator catalogue decides what "better" means:
      ``'higher'`` (higher is better), ``'lower'`` (lower is better) or
      ``'neutral'`` (only "higher"/"lower", never better/worse).  ``None`` is
      treated as ``'neutral'`` so that a missing polarity never produces a
      value judgement.
    * When the numerator and denominator are known and the indicator has a
      ``ci_method`` the area's value gets a 95 % confidence interval:
      Wilson score interval for proportions (``'wilson'``), Byar's
      approximation for rates of counts (``'byar'``).  The result is
      better/worse (or higher/lower) only when that interval excludes the
      benchmark value, otherwise "no significant difference".
    * Without an interval nothing is invented: the direction of the
      difference is reported but labelled "not tested", and values that are
      equal at the display precision are "the same level".
    * Counts (``value_type == 'count'``, e.g. population) are not comparable.

Trend (``trend``)
    Ordinary least squares slope over the last ``window`` (5) consecutive
    years ending at the most recent year with a value.  A gap inside the
    window, or too few years, makes the trend not computable.  The relative
    change over the window ``slope * (n - 1) / |mean|`` below
    ``STABLE_THRESHOLD`` (2 %) in absolute value is "stable".

Change (``change``)
    Difference between the latest value and the value exactly ``years_back``
    years earlier.

Colours follow the Okabe–Ito colour-blind safe palette, and colour is never
the only signal: every result carries a Finnish word and a text symbol that
work in plain tables too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Literal, Sequence

__all__ = [
    "WORDS_FI",
    "SYMBOLS",
    "COLORS",
    "Z_95",
    "STABLE_THRESHOLD",
    "CONSISTENCY_RTOL",
    "TREND_WINDOW",
    "POLARITIES",
    "CI_METHODS",
    "NOT_COMPARABLE_VALUE_TYPES",
    "Comparison",
    "Trend",
    "Change",
    "wilson_interval",
    "byar_interval",
    "compare",
    "trend",
    "change",
]

# ---------------------------------------------------------------------------
# User-facing words (Finnish).  Every word shown to the user lives here so a
# Swedish or English dict with the same keys can follow.
# ---------------------------------------------------------------------------
WORDS_FI: dict[str, str] = {
    # comparison, tested with a confidence interval (or no test needed)
    "better": "parempi",
    "worse": "heikompi",
    "higher": "korkeampi",
    "lower": "matalampi",
    "no_difference": "ei merkitsevää eroa",
    # comparison, no interval available: direction only, labelled not tested
    "better_untested": "parempi (ei testattu)",
    "worse_untested": "heikompi (ei testattu)",
    "higher_untested": "korkeampi (ei testattu)",
    "lower_untested": "matalampi (ei testattu)",
    "same": "sama taso",
    "not_comparable": "ei vertailukelpoinen",
    "no_data": "ei tietoa",
    # trend
    "trend_up_improving": "kasvaa ja paranee",
    "trend_up_worsening": "kasvaa ja heikkenee",
    "trend_down_improving": "laskee ja paranee",
    "trend_down_worsening": "laskee ja heikkenee",
    "trend_up": "kasvaa",
    "trend_down": "laskee",
    "trend_stable": "pysyy ennallaan",
    "trend_not_computable": "ei laskettavissa",
}

# Text symbols usable in plain tables (colour is never the only signal).
# Parentheses mark a direction that was not statistically tested.
SYMBOLS: dict[str, str] = {
    "better": "✔",
    "worse": "✖",
    "higher": "▲",
    "lower": "▼",
    "no_difference": "=",
    "better_untested": "(✔)",
    "worse_untested": "(✖)",
    "higher_untested": "(▲)",
    "lower_untested": "(▼)",
    "same": "=",
    "not_comparable": "–",
    "no_data": "?",
    "trend_up_improving": "↑✔",
    "trend_up_worsening": "↑✖",
    "trend_down_improving": "↓✔",
    "trend_down_worsening": "↓✖",
    "trend_up": "↑",
    "trend_down": "↓",
    "trend_stable": "→",
    "trend_not_computable": "–",
}

# Okabe–Ito palette.  Only a *significant* (or trend) improvement/worsening gets
# a judgement colour; everything else is grey.  Neutral higher/lower share one
# dark grey so they never look like a judgement.
COLOR_BETTER = "#0072B2"  # Okabe–Ito blue
COLOR_WORSE = "#D55E00"  # Okabe–Ito vermillion
COLOR_NEUTRAL = "#595959"  # dark grey: neutral higher/lower, increasing/decreasing
COLOR_NO_DIFFERENCE = "#7F7F7F"  # mid grey: no difference, same, stable, not tested
COLOR_MISSING = "#BDBDBD"  # light grey: no data, not comparable, not computable

COLORS: dict[str, str] = {
    "better": COLOR_BETTER,
    "worse": COLOR_WORSE,
    "higher": COLOR_NEUTRAL,
    "lower": COLOR_NEUTRAL,
    "no_difference": COLOR_NO_DIFFERENCE,
    "better_untested": COLOR_NO_DIFFERENCE,
    "worse_untested": COLOR_NO_DIFFERENCE,
    "higher_untested": COLOR_NO_DIFFERENCE,
    "lower_untested": COLOR_NO_DIFFERENCE,
    "same": COLOR_NO_DIFFERENCE,
    "not_comparable": COLOR_MISSING,
    "no_data": COLOR_MISSING,
    "trend_up_improving": COLOR_BETTER,
    "trend_up_worsening": COLOR_WORSE,
    "trend_down_improving": COLOR_BETTER,
    "trend_down_worsening": COLOR_WORSE,
    "trend_up": COLOR_NEUTRAL,
    "trend_down": COLOR_NEUTRAL,
    "trend_stable": COLOR_NO_DIFFERENCE,
    "trend_not_computable": COLOR_MISSING,
}

# ---------------------------------------------------------------------------
# Thresholds and constants
# ---------------------------------------------------------------------------
#: Two-sided 95 % standard normal quantile.
Z_95 = 1.959964

#: A trend is "stable" when |relative change over the window| < 2 %, where the
#: relative change is slope * (n - 1) / |mean| (the OLS line's rise over the
#: whole window, relative to the window's mean level).
STABLE_THRESHOLD = 0.02

#: Number of consecutive years a trend needs.
TREND_WINDOW = 5

#: numerator / denominator * scale must agree with the reported value within
#: this relative tolerance (or within half a display unit) before an interval
#: computed from them is used.  Catches a wrong/missing ``scale`` and values
#: that are not the crude ratio (e.g. age-standardised) - those stay untested.
CONSISTENCY_RTOL = 0.05

POLARITIES = frozenset({"higher", "lower", "neutral"})
CI_METHODS = frozenset({"wilson", "byar"})
NOT_COMPARABLE_VALUE_TYPES = frozenset({"count"})

ComparisonKind = Literal[
    "better", "worse", "higher", "lower", "no_difference", "same", "not_comparable", "no_data"
]
TrendKind = Literal[
    "improving", "worsening", "increasing", "decreasing", "stable", "not_computable"
]


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    """How an area's value compares with a benchmark.

    kind        'better' | 'worse' | 'higher' | 'lower' | 'no_difference' |
                'same' | 'not_comparable' | 'no_data'
    tested      True when a confidence interval decided the result.
    difference  value - benchmark (None when not comparable / no data).
    interval    95 % interval of the area's value in the value's own units
                (e.g. percent), or None when no interval was computed.
    word        Finnish word, e.g. "parempi (ei testattu)".
    symbol      text symbol for tables, e.g. "✔".
    color       hex colour (Okabe–Ito / greys).
    """

    kind: ComparisonKind
    tested: bool
    difference: float | None
    interval: tuple[float, float] | None
    word: str
    symbol: str
    color: str

    @property
    def label(self) -> str:
        """Symbol and word together, e.g. "✔ parempi"."""
        return f"{self.symbol} {self.word}"


@dataclass(frozen=True)
class Trend:
    """Direction of the last ``window`` years.

    kind            'improving' | 'worsening' | 'increasing' | 'decreasing' |
                    'stable' | 'not_computable'
    direction       'up' | 'down' | 'flat', or None when not computable.
    slope           OLS slope per year (None when not computable).
    relative_change slope * (n - 1) / |mean|; None when not computable or when
                    the window's mean is 0 (relative change undefined).
    years           the window's years (oldest first); for a non-computable
                    trend the window that was examined, () when no year has a
                    value.
    """

    kind: TrendKind
    direction: Literal["up", "down", "flat"] | None
    word: str
    symbol: str
    color: str
    slope: float | None
    relative_change: float | None
    years: tuple[int, ...]

    @property
    def label(self) -> str:
        """Symbol and word together, e.g. "↑✔ kasvaa ja paranee"."""
        return f"{self.symbol} {self.word}"


@dataclass(frozen=True)
class Change:
    """Latest value minus the value ``years_back`` years earlier.

    difference  last_value - base_value, or None when either is missing.
    base_year   the year compared against (last_year - years_back), or None
                when no year has a value.
    last_year   the most recent year with a value, or None.
    """

    difference: float | None
    base_year: int | None
    last_year: int | None
    base_value: float | None
    last_value: float | None

    @property
    def years(self) -> tuple[int, int] | None:
        """(base_year, last_year), or None when there is no data."""
        if self.base_year is None or self.last_year is None:
            return None
        return (self.base_year, self.last_year)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def _number(x: object) -> float | None:
    """Float value of x, or None for None / NaN / inf / non-numbers."""
    if x is None or isinstance(x, bool):
        return None
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _check_polarity(polarity: str | None) -> str:
    if polarity is None:
        return "neutral"
    if polarity not in POLARITIES:
        raise ValueError(f"unknown polarity {polarity!r}; expected one of {sorted(POLARITIES)}")
    return polarity


def _comparison(key: str, kind: ComparisonKind, *, tested: bool,
                difference: float | None = None,
                interval: tuple[float, float] | None = None) -> Comparison:
    return Comparison(
        kind=kind,
        tested=tested,
        difference=difference,
        interval=interval,
        word=WORDS_FI[key],
        symbol=SYMBOLS[key],
        color=COLORS[key],
    )


def _direction_kind(higher: bool, polarity: str) -> ComparisonKind:
    """'better'/'worse' for directional polarity, 'higher'/'lower' for neutral."""
    if polarity == "neutral":
        return "higher" if higher else "lower"
    if polarity == "higher":
        return "better" if higher else "worse"
    return "worse" if higher else "better"


# ---------------------------------------------------------------------------
# Confidence intervals
# ---------------------------------------------------------------------------
def wilson_interval(successes: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion successes / n (bounds in 0..1).

        p      = successes / n
        centre = (p + z²/(2n)) / (1 + z²/n)
        half   = z / (1 + z²/n) * sqrt(p(1 - p)/n + z²/(4n²))
        bounds = centre ∓ half

    Raises ValueError unless n > 0 and 0 <= successes <= n.
    """
    s, m = _number(successes), _number(n)
    if s is None or m is None or m <= 0 or s < 0 or s > m:
        raise ValueError(f"wilson_interval needs 0 <= successes <= n and n > 0, got {successes!r}, {n!r}")
    p = s / m
    z2 = z * z
    denom = 1.0 + z2 / m
    centre = (p + z2 / (2.0 * m)) / denom
    half = z / denom * math.sqrt(p * (1.0 - p) / m + z2 / (4.0 * m * m))
    return (max(0.0, centre - half), min(1.0, centre + half))


def byar_interval(count: float, z: float = Z_95) -> tuple[float, float]:
    """Byar's approximation of the exact Poisson interval for an observed count O.

        lower = O       * (1 - 1/(9 O)       - z / (3 sqrt(O)))³      (0 when O = 0)
        upper = (O + 1) * (1 - 1/(9 (O + 1)) + z / (3 sqrt(O + 1)))³

    Returns bounds for the *count*; divide by the denominator (and multiply by
    the scale) to get bounds for the rate.  Raises ValueError for O < 0.
    """
    o = _number(count)
    if o is None or o < 0:
        raise ValueError(f"byar_interval needs a count >= 0, got {count!r}")
    if o == 0:
        lower = 0.0
    else:
        lower = o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * math.sqrt(o))) ** 3
        lower = max(0.0, lower)
    o1 = o + 1.0
    upper = o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * math.sqrt(o1))) ** 3
    return (lower, upper)


def _value_interval(value: float, numerator: object, denominator: object,
                    scale: object, ci_method: str | None,
                    decimals: int) -> tuple[float, float] | None:
    """95 % interval of the value in its own units, or None when not computable."""
    if ci_method is None:
        return None
    if ci_method not in CI_METHODS:
        raise ValueError(f"unknown ci_method {ci_method!r}; expected one of {sorted(CI_METHODS)} or None")
    num, den = _number(numerator), _number(denominator)
    sc = _number(scale)
    if scale is None:
        sc = 1.0
    if num is None or den is None or sc is None or sc <= 0 or den <= 0 or num < 0:
        return None
    if ci_method == "wilson" and num > den:
        return None
    # The interval describes numerator/denominator*scale; only use it when that
    # is (within rounding) the value being judged.
    expected = num / den * sc
    tolerance = max(CONSISTENCY_RTOL * abs(value), 0.5 * 10.0 ** (-decimals))
    if abs(expected - value) > tolerance:
        return None
    if ci_method == "wilson":
        lo, hi = wilson_interval(num, den)
        return (lo * sc, hi * sc)
    lo, hi = byar_interval(num)
    return (lo / den * sc, hi / den * sc)


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------
def compare(
    value: float | None,
    benchmark: float | None,
    polarity: str | None,
    *,
    numerator: float | None = None,
    denominator: float | None = None,
    scale: float | None = None,
    ci_method: str | None = None,
    value_type: str | None = None,
    decimals: int = 1,
) -> Comparison:
    """Compare an area's ``value`` with a ``benchmark`` value.

    ``numerator``/``denominator``/``scale``/``ci_method`` describe the area's
    value (value = numerator / denominator * scale).  ``scale`` None means 1.
    ``decimals`` is the indicator's display precision.

    Order of decisions:
      1. ``value_type`` 'count'                  -> 'not_comparable'
      2. value or benchmark missing / NaN         -> 'no_data'
      3. interval computable (see _value_interval):
           benchmark outside interval            -> better/worse (higher/lower
                                                    for neutral), tested=True
           benchmark inside interval             -> 'no_difference', tested=True
      4. otherwise (tested=False):
           equal at ``decimals``                 -> 'same' ("sama taso")
           different                             -> direction "... (ei testattu)"

    Raises ValueError for an unknown polarity or ci_method (programming errors).
    """
    pol = _check_polarity(polarity)
    if ci_method is not None and ci_method not in CI_METHODS:
        raise ValueError(f"unknown ci_method {ci_method!r}; expected one of {sorted(CI_METHODS)} or None")

    if value_type in NOT_COMPARABLE_VALUE_TYPES:
        return _comparison("not_comparable", "not_comparable", tested=False)

    v, b = _number(value), _number(benchmark)
    if v is None or b is None:
        return _comparison("no_data", "no_data", tested=False)

    difference = v - b
    interval = _value_interval(v, numerator, denominator, scale, ci_method, decimals)

    if interval is not None:
        lo, hi = interval
        if lo <= b <= hi:
            return _comparison("no_difference", "no_difference", tested=True,
                               difference=difference, interval=interval)
        kind = _direction_kind(higher=b < lo, polarity=pol)
        return _comparison(kind, kind, tested=True, difference=difference, interval=interval)

    if round(v, decimals) == round(b, decimals):
        return _comparison("same", "same", tested=False, difference=difference)
    kind = _direction_kind(higher=v > b, polarity=pol)
    return _comparison(f"{kind}_untested", kind, tested=False, difference=difference)


# ---------------------------------------------------------------------------
# Trend and change
# ---------------------------------------------------------------------------
def _valid_series(points: Iterable[tuple[int, float | None]]) -> dict[int, float]:
    """{year: value} for points with a finite value; duplicate years are an error."""
    seen: set[int] = set()
    out: dict[int, float] = {}
    for year, value in points:
        y = int(year)
        if y in seen:
            raise ValueError(f"duplicate year {y} in points")
        seen.add(y)
        v = _number(value)
        if v is not None:
            out[y] = v
    return out


def _trend(key: str, kind: TrendKind, direction: Literal["up", "down", "flat"] | None,
           slope: float | None, relative_change: float | None,
           years: tuple[int, ...]) -> Trend:
    return Trend(
        kind=kind,
        direction=direction,
        word=WORDS_FI[key],
        symbol=SYMBOLS[key],
        color=COLORS[key],
        slope=slope,
        relative_change=relative_change,
        years=years,
    )


def _ols_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    mx = math.fsum(xs) / n
    my = math.fsum(ys) / n
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    return sxy / sxx


def trend(points: Iterable[tuple[int, float | None]], polarity: str | None,
          window: int = TREND_WINDOW) -> Trend:
    """Trend over the ``window`` most recent years ending at the last year with a value.

    ``points`` are (year, value or None) for annual data, in any order.  Any
    missing year inside the window (no entry, None or NaN) or fewer than
    ``window`` years -> 'not_computable' ("ei laskettavissa").

    Otherwise the OLS slope gives relative change = slope * (n - 1) / |mean|:
    |relative change| < STABLE_THRESHOLD -> 'stable'; else up/down, combined
    with polarity into improving/worsening (neutral: increasing/decreasing).
    When the window's mean is 0, relative change is undefined (None): a zero
    slope is stable, any other slope gives its direction.
    """
    pol = _check_polarity(polarity)
    if window < 2:
        raise ValueError("window must be at least 2")
    series = _valid_series(points)
    if not series:
        return _trend("trend_not_computable", "not_computable", None, None, None, ())
    last = max(series)
    years = tuple(range(last - window + 1, last + 1))
    if any(y not in series for y in years):
        return _trend("trend_not_computable", "not_computable", None, None, None, years)

    values = [series[y] for y in years]
    slope = _ols_slope([float(y) for y in years], values)
    mean = math.fsum(values) / len(values)

    if mean == 0:
        relative: float | None = None
        stable = slope == 0
    else:
        relative = slope * (len(years) - 1) / abs(mean)
        stable = abs(relative) < STABLE_THRESHOLD
    if stable:
        return _trend("trend_stable", "stable", "flat", slope, relative, years)

    up = slope > 0
    direction: Literal["up", "down"] = "up" if up else "down"
    if pol == "neutral":
        key = "trend_up" if up else "trend_down"
        kind: TrendKind = "increasing" if up else "decreasing"
    else:
        improving = up == (pol == "higher")
        kind = "improving" if improving else "worsening"
        key = f"trend_{direction}_{kind}"
    return _trend(key, kind, direction, slope, relative, years)


def change(points: Iterable[tuple[int, float | None]], years_back: int) -> Change:
    """Latest value minus the value exactly ``years_back`` years earlier.

    The latest value is the most recent year with a value.  If the base year
    has no value (no entry, None or NaN) the difference is None but the years
    are still reported; with no values at all everything is None.
    """
    if years_back < 1:
        raise ValueError("years_back must be at least 1")
    series = _valid_series(points)
    if not series:
        return Change(None, None, None, None, None)
    last = max(series)
    base = last - years_back
    last_value = series[last]
    base_value = series.get(base)
    diff = None if base_value is None else last_value - base_value
    return Change(diff, base, last, base_value, last_value)
