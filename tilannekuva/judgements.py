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
    A trend is judged on the last ``window`` (5) consecutive years ending at the most recent
    year with a value; a gap inside the window, or too few years, makes it not computable.
    It is a *tested* direction, never a fitted line's sign alone:

    * with numerators and denominators for every year (and consistent with the values), the
      chi-squared test for linear trend (Cochran–Armitage; Poisson variance for ``'byar'``
      rates), at the strict 99.8 % level used by UK Fingertips — unless the points scatter
      around the line far more than chance allows (departure from linearity significant at
      99.8 %, e.g. a one-year spike), when the regression test below decides instead;
    * otherwise the least-squares slope with its 95 % confidence interval (t distribution,
      n − 2 degrees of freedom): a direction only when the interval excludes zero.

    Not significant: "ei merkitsevää muutosta". ``Trend.test`` names the test used.

Change (``change``)
    Difference between the latest value and the value exactly ``years_back``
    years earlier.

Colours follow the Okabe–Ito colour-blind safe palette, and colour is never
the only signal: every result carries a word and a text symbol that work in plain tables too.
The word is the request's language's (``texts``: ``texts.common.JUDGEMENT_WORDS``; the default
language's when none is given), and ``key`` names it, so a renderer can look up its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .texts import DEFAULT_LANG, Texts, texts_for, texts_or_default

__all__ = [  # and WORDS_FI (module __getattr__ below)
    "SYMBOLS",
    "COLORS",
    "Z_95",
    "CHI2_TREND_998",
    "CHI2_DEPARTURE_998",
    "REST_SHARE",
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
    "compare_with_rest",
    "trend",
    "change",
]


# ---------------------------------------------------------------------------
# User-facing words: texts.common.JUDGEMENT_WORDS (per language, chosen by the `texts` argument
# of compare / compare_with_rest / trend). WORDS_FI is the default language's table, kept for
# callers that only need the keys or a default word; a result's `key` looks up any language's.
# ---------------------------------------------------------------------------
def __getattr__(name: str):
    """`WORDS_FI`, looked up when asked for (no language's words are bound at import)."""
    if name == "WORDS_FI":
        return texts_for(DEFAULT_LANG).common.JUDGEMENT_WORDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "trend_no_change": "→",
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
    "trend_no_change": COLOR_NO_DIFFERENCE,
    "trend_not_computable": COLOR_MISSING,
}

# ---------------------------------------------------------------------------
# Thresholds and constants
# ---------------------------------------------------------------------------
#: Two-sided 95 % standard normal quantile.
Z_95 = 1.959964

#: Chi-squared critical values at the strict 99.8 % level (two-sided z = 3.090):
#: 1 degree of freedom (the linear trend) and 3 (departure from linearity, 5 points).
CHI2_TREND_998 = 9.5495
CHI2_DEPARTURE_998 = 14.7955
#: Two-sided 95 % t quantiles by degrees of freedom, for the regression slope's interval.
T_95 = {1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 6: 2.4469, 7: 2.3646, 8: 2.3060}
#: An area whose denominator is at least this share of its benchmark's is compared with the
#: rest of the benchmark (the benchmark without the area), not with a total that contains it.
REST_SHARE = 0.10

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

ComparisonKind = Literal["better", "worse", "higher", "lower", "no_difference", "same", "not_comparable", "no_data"]
TrendKind = Literal["improving", "worsening", "increasing", "decreasing", "no_change", "not_computable"]
TrendTest = Literal["chi2", "regression"]


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
    word        the word in the request's language, e.g. "parempi (ei testattu)".
    symbol      text symbol for tables, e.g. "✔".
    color       hex colour (Okabe–Ito / greys).
    key         the JUDGEMENT_WORDS / SYMBOLS / COLORS key, e.g. "better_untested".
    """

    kind: ComparisonKind
    tested: bool
    difference: float | None
    interval: tuple[float, float] | None
    word: str
    symbol: str
    color: str
    key: str

    @property
    def label(self) -> str:
        """Symbol and word together, e.g. "✔ parempi"."""
        return f"{self.symbol} {self.word}"


@dataclass(frozen=True)
class Trend:
    """Direction of the last ``window`` years.

    kind            'improving' | 'worsening' | 'increasing' | 'decreasing' |
                    'no_change' (not significant) | 'not_computable'
    direction       'up' | 'down' | 'flat', or None when not computable.
    word, symbol, color, key
                    as for Comparison, e.g. key "trend_up_worsening".
    slope           OLS slope per year of the values (None when not computable).
    relative_change slope * (n - 1) / |mean|; None when not computable or when
                    the window's mean is 0 (relative change undefined). Used to
                    rank findings by size, never to decide a direction.
    years           the window's years (oldest first); for a non-computable
                    trend the window that was examined, () when no year has a
                    value.
    test            'chi2' (test for trend on counts) or 'regression' (slope
                    interval); None when not computable.
    statistic       the chi-squared statistic (chi2) or t = slope / SE (regression).
    """

    kind: TrendKind
    direction: Literal["up", "down", "flat"] | None
    word: str
    symbol: str
    color: str
    key: str
    slope: float | None
    relative_change: float | None
    years: tuple[int, ...]
    test: TrendTest | None = None
    statistic: float | None = None

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


def _comparison(
    key: str,
    kind: ComparisonKind,
    *,
    texts: Texts | None,
    tested: bool,
    difference: float | None = None,
    interval: tuple[float, float] | None = None,
) -> Comparison:
    return Comparison(
        kind=kind,
        tested=tested,
        difference=difference,
        interval=interval,
        word=texts_or_default(texts).common.JUDGEMENT_WORDS[key],
        symbol=SYMBOLS[key],
        color=COLORS[key],
        key=key,
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


def _value_interval(
    value: float, numerator: object, denominator: object, scale: object, ci_method: str | None, decimals: int
) -> tuple[float, float] | None:
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
    texts: Texts | None = None,
) -> Comparison:
    """Compare an area's ``value`` with a ``benchmark`` value.

    ``numerator``/``denominator``/``scale``/``ci_method`` describe the area's
    value (value = numerator / denominator * scale).  ``scale`` None means 1.
    ``decimals`` is the indicator's display precision; ``texts`` the words' language.

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
        return _comparison("not_comparable", "not_comparable", texts=texts, tested=False)

    v, b = _number(value), _number(benchmark)
    if v is None or b is None:
        return _comparison("no_data", "no_data", texts=texts, tested=False)

    difference = v - b
    interval = _value_interval(v, numerator, denominator, scale, ci_method, decimals)

    if interval is not None:
        lo, hi = interval
        if lo <= b <= hi:
            return _comparison(
                "no_difference", "no_difference", texts=texts, tested=True, difference=difference, interval=interval
            )
        kind = _direction_kind(higher=b < lo, polarity=pol)
        return _comparison(kind, kind, texts=texts, tested=True, difference=difference, interval=interval)

    if round(v, decimals) == round(b, decimals):
        return _comparison("same", "same", texts=texts, tested=False, difference=difference)
    kind = _direction_kind(higher=v > b, polarity=pol)
    return _comparison(f"{kind}_untested", kind, texts=texts, tested=False, difference=difference)


def compare_with_rest(
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    benchmark_numerator: float | None,
    benchmark_denominator: float | None,
    polarity: str | None,
    *,
    scale: float | None,
    ci_method: str | None,
    value_type: str | None = None,
    decimals: int = 1,
    texts: Texts | None = None,
) -> tuple[Comparison, float] | None:
    """Compare an area with the *rest* of a benchmark that contains it (Oulu is half of
    Pohjois-Pohjanmaa: against the whole, a difference is understated), by a two-sample test on
    numerators and denominators. Returns (comparison, rest value), or None when this does not
    apply: no counts, the area is less than REST_SHARE of the benchmark's denominator, or the
    numbers are inconsistent (the caller then compares with the whole benchmark).

        rest: r₂ = R − r₁, n₂ = N − n₁;  p₁ = r₁/n₁, p₂ = r₂/n₂, p̄ = R/N
        z = (p₁ − p₂) / sqrt(V (1/n₁ + 1/n₂)),  V = p̄(1 − p̄) (wilson) or p̄ (byar)
        |z| > 1.96 -> better/worse (higher/lower); else no significant difference.
    ``difference`` is value − rest value.
    """
    pol = _check_polarity(polarity)
    if value_type in NOT_COMPARABLE_VALUE_TYPES or ci_method not in CI_METHODS:
        return None
    v = _number(value)
    r1, n1 = _number(numerator), _number(denominator)
    big_r, big_n = _number(benchmark_numerator), _number(benchmark_denominator)
    sc = 1.0 if scale is None else _number(scale)
    if None in (v, r1, n1, big_r, big_n, sc) or n1 <= 0 or big_n <= 0 or r1 < 0:
        return None
    if _value_interval(v, r1, n1, scale, ci_method, decimals) is None:  # counts do not give the value
        return None
    if n1 / big_n < REST_SHARE:
        return None
    r2, n2 = big_r - r1, big_n - n1
    if n2 <= 0 or r2 < 0 or (ci_method == "wilson" and r2 > n2):
        return None
    p1, p2, p_bar = r1 / n1, r2 / n2, big_r / big_n
    variance = p_bar if ci_method == "byar" else p_bar * (1 - p_bar)
    rest_value = p2 * sc
    difference = v - rest_value
    if variance <= 0:
        return None
    z = (p1 - p2) / math.sqrt(variance * (1 / n1 + 1 / n2))
    if abs(z) <= Z_95:
        return _comparison(
            "no_difference", "no_difference", texts=texts, tested=True, difference=difference
        ), rest_value
    kind = _direction_kind(higher=z > 0, polarity=pol)
    return _comparison(kind, kind, texts=texts, tested=True, difference=difference), rest_value


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


def _trend(
    texts: Texts | None,
    key: str,
    kind: TrendKind,
    direction: Literal["up", "down", "flat"] | None,
    slope: float | None,
    relative_change: float | None,
    years: tuple[int, ...],
    test: TrendTest | None = None,
    statistic: float | None = None,
) -> Trend:
    return Trend(
        kind=kind,
        direction=direction,
        word=texts_or_default(texts).common.JUDGEMENT_WORDS[key],
        symbol=SYMBOLS[key],
        color=COLORS[key],
        slope=slope,
        relative_change=relative_change,
        years=years,
        test=test,
        statistic=statistic,
        key=key,
    )


def _ols(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """(slope, Sxx, SSE) of the least-squares line."""
    n = len(xs)
    mx = math.fsum(xs) / n
    my = math.fsum(ys) / n
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    slope = sxy / sxx
    sse = math.fsum((y - (my + slope * (x - mx))) ** 2 for x, y in zip(xs, ys))
    return slope, sxx, sse


def _ols_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    return _ols(xs, ys)[0]


def regression_trend_test(xs: Sequence[float], ys: Sequence[float]) -> tuple[bool, float | None]:
    """(significant, t): is the least-squares slope's 95 % interval clear of zero?
    t = slope / (s / sqrt(Sxx)) with s² = SSE / (n − 2); points exactly on a sloped line are
    significant (t infinite), a flat line is not."""
    n = len(xs)
    slope, sxx, sse = _ols(xs, ys)
    if n < 3:
        return False, None
    scale = max(abs(y) for y in ys) or 1.0
    if sse <= (1e-12 * scale) ** 2 * n:  # on the line, to float precision
        return slope != 0, (math.copysign(math.inf, slope) if slope != 0 else 0.0)
    se = math.sqrt(sse / (n - 2) / sxx)
    t = slope / se
    return abs(t) > T_95.get(n - 2, Z_95), t


def chi2_trend_test(
    years: Sequence[int], numerators: Sequence[float], denominators: Sequence[float], poisson: bool = False
) -> tuple[float, float, float]:
    """(X²_trend, X²_departure, b) of the chi-squared test for linear trend (Cochran–Armitage).

    N = Σnᵢ, p̄ = Σrᵢ / N, x̄ = Σnᵢxᵢ / N, pᵢ = rᵢ / nᵢ
    b  = Σnᵢ(pᵢ − p̄)(xᵢ − x̄) / Σnᵢ(xᵢ − x̄)²
    V  = p̄(1 − p̄)   (proportions)   or   p̄   (Poisson rates per unit of n)
    X²_trend = b² Σnᵢ(xᵢ − x̄)² / V                  (1 degree of freedom)
    X²_total = Σnᵢ(pᵢ − p̄)² / V ;  X²_departure = X²_total − X²_trend   (k − 2)
    """
    n_sum = math.fsum(denominators)
    p_bar = math.fsum(numerators) / n_sum
    x_bar = math.fsum(n * x for n, x in zip(denominators, years)) / n_sum
    ps = [r / n for r, n in zip(numerators, denominators)]
    sxx = math.fsum(n * (x - x_bar) ** 2 for n, x in zip(denominators, years))
    sxy = math.fsum(n * (p - p_bar) * (x - x_bar) for n, p, x in zip(denominators, ps, years))
    variance = p_bar if poisson else p_bar * (1 - p_bar)
    if variance <= 0 or sxx <= 0:
        return 0.0, 0.0, 0.0
    b = sxy / sxx
    trend_chi2 = b * b * sxx / variance
    total = math.fsum(n * (p - p_bar) ** 2 for n, p in zip(denominators, ps)) / variance
    return trend_chi2, max(0.0, total - trend_chi2), b


def _window_counts(
    counts: Mapping[int, tuple[float | None, float | None]] | None,
    years: Sequence[int],
    values: Sequence[float],
    scale: float | None,
    ci_method: str | None,
) -> tuple[list[float], list[float]] | None:
    """The window's (numerators, denominators) when every year has them and they give the value."""
    if not counts or ci_method not in CI_METHODS:
        return None
    sc = 1.0 if scale is None else _number(scale)
    nums, dens = [], []
    for year, value in zip(years, values):
        num, den = (_number(c) for c in counts.get(year, (None, None)))
        if num is None or den is None or den <= 0 or num < 0 or not sc or (ci_method == "wilson" and num > den):
            return None
        if abs(num / den * sc - value) > max(CONSISTENCY_RTOL * abs(value), 1e-9):
            return None
        nums.append(num)
        dens.append(den)
    return nums, dens


def trend(
    points: Iterable[tuple[int, float | None]],
    polarity: str | None,
    window: int = TREND_WINDOW,
    *,
    counts: Mapping[int, tuple[float | None, float | None]] | None = None,
    scale: float | None = None,
    ci_method: str | None = None,
    texts: Texts | None = None,
) -> Trend:
    """Tested trend over the ``window`` most recent years ending at the last year with a value.

    ``points`` are (year, value or None) for annual data, in any order.  Any
    missing year inside the window (no entry, None or NaN) or fewer than
    ``window`` years -> 'not_computable' ("ei laskettavissa").

    ``counts`` ({year: (numerator, denominator)}), ``scale`` and ``ci_method``
    ('wilson' proportions, 'byar' rates) allow the chi-squared test for trend
    (see the module docstring); without them, or when the points depart from a
    line far beyond chance, the regression slope's 95 % interval decides.
    Not significant -> 'no_change' ("ei merkitsevää muutosta"); otherwise up or
    down, combined with polarity into improving/worsening (neutral:
    increasing/decreasing). ``texts``: the words' language (default: the default language).
    """
    pol = _check_polarity(polarity)
    if window < 3:
        raise ValueError("window must be at least 3")
    series = _valid_series(points)
    if not series:
        return _trend(texts, "trend_not_computable", "not_computable", None, None, None, ())
    last = max(series)
    years = tuple(range(last - window + 1, last + 1))
    if any(y not in series for y in years):
        return _trend(texts, "trend_not_computable", "not_computable", None, None, None, years)

    values = [series[y] for y in years]
    xs = [float(y) for y in years]
    slope = _ols_slope(xs, values)
    mean = math.fsum(values) / len(values)
    relative: float | None = None if mean == 0 else slope * (len(years) - 1) / abs(mean)

    test: TrendTest = "regression"
    significant, statistic = regression_trend_test(xs, values)
    rising = slope
    window_counts = _window_counts(counts, years, values, scale, ci_method)
    if window_counts is not None:
        trend_chi2, departure, b = chi2_trend_test(years, *window_counts, poisson=ci_method == "byar")
        if departure <= CHI2_DEPARTURE_998:
            test, statistic, rising = "chi2", trend_chi2, b
            significant = trend_chi2 > CHI2_TREND_998
    if not significant or rising == 0:
        return _trend(texts, "trend_no_change", "no_change", "flat", slope, relative, years, test, statistic)

    up = rising > 0
    direction: Literal["up", "down"] = "up" if up else "down"
    if pol == "neutral":
        key = "trend_up" if up else "trend_down"
        kind: TrendKind = "increasing" if up else "decreasing"
    else:
        improving = up == (pol == "higher")
        kind = "improving" if improving else "worsening"
        key = f"trend_{direction}_{kind}"
    return _trend(texts, key, kind, direction, slope, relative, years, test, statistic)


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
