"""Tests for tilannekuva.judgements with hand-computed expected numbers.

z = 1.959964, z² = 3.841459 throughout.
"""

from __future__ import annotations

import dataclasses

import pytest

from tilannekuva.judgements import (
    COLOR_BETTER,
    COLOR_MISSING,
    COLOR_NEUTRAL,
    COLOR_NO_DIFFERENCE,
    COLOR_WORSE,
    COLORS,
    SYMBOLS,
    WORDS_FI,
    Change,
    Comparison,
    Trend,
    byar_interval,
    change,
    compare,
    trend,
    wilson_interval,
)

YEARS = (2019, 2020, 2021, 2022, 2023)


def pts(values, start=2019):
    return [(start + i, v) for i, v in enumerate(values)]


# ---------------------------------------------------------------------------
# Wilson
# ---------------------------------------------------------------------------
def test_wilson_10_of_100():
    # p = 0.1, n = 100, z²/n = 0.03841459, denom = 1.03841459
    # centre = (0.1 + 0.01920730) / 1.03841459 = 0.114797
    # half   = 1.959964 / 1.03841459 * sqrt(0.0009 + 0.0000960365)
    #        = 1.887458 * 0.0315600 = 0.059568
    # bounds = (0.055229, 0.174365)
    lo, hi = wilson_interval(10, 100)
    assert round(lo, 4) == 0.0552
    assert round(hi, 4) == 0.1744


def test_wilson_zero_successes():
    # p = 0, n = 20: z²/n = 0.19207295, denom = 1.19207295
    # centre = (z²/40) / denom = 0.09603648 / 1.19207295 = 0.0805625
    # half   = z/denom * sqrt(z²/1600) = z²/(40*denom) = 0.0805625
    # bounds = (0, 0.161125)
    lo, hi = wilson_interval(0, 20)
    assert lo == pytest.approx(0.0, abs=1e-12)
    assert hi == pytest.approx(0.161125, abs=1e-5)


def test_wilson_all_successes_is_mirror_of_zero():
    lo, hi = wilson_interval(20, 20)
    assert hi == pytest.approx(1.0, abs=1e-12)
    assert lo == pytest.approx(1 - 0.161125, abs=1e-5)


def test_wilson_300_of_1000():
    # p = 0.3: centre = 0.30192073 / 1.00384146 = 0.300765
    # half = 1.959964/1.00384146 * sqrt(0.00021 + 9.6036e-7) = 0.0283585
    lo, hi = wilson_interval(300, 1000)
    assert lo == pytest.approx(0.272407, abs=1e-5)
    assert hi == pytest.approx(0.329124, abs=1e-5)


@pytest.mark.parametrize("k,n", [(1, 0), (-1, 10), (11, 10), (None, 10), (float("nan"), 10)])
def test_wilson_rejects_invalid(k, n):
    with pytest.raises(ValueError):
        wilson_interval(k, n)


# ---------------------------------------------------------------------------
# Byar
# ---------------------------------------------------------------------------
def test_byar_20():
    # lower = 20 * (1 - 1/180 - 1.959964/(3*sqrt 20))³
    #       = 20 * (1 - 0.0055556 - 0.1460870)³ = 20 * 0.8483575³ = 20 * 0.610571 = 12.2114
    # upper = 21 * (1 - 1/189 + 1.959964/(3*sqrt 21))³
    #       = 21 * (1 - 0.0052910 + 0.1425670)³ = 21 * 1.1372760³ = 21 * 1.470947 = 30.8899
    # (exact Poisson: 12.22 .. 30.89)
    lo, hi = byar_interval(20)
    assert lo == pytest.approx(12.2114, abs=1e-3)
    assert hi == pytest.approx(30.8899, abs=1e-3)


def test_byar_zero():
    # upper = 1 * (1 - 1/9 + z/3)³ = (0.8888889 + 0.6533213)³ = 1.5422102³ = 3.66801
    lo, hi = byar_interval(0)
    assert lo == 0.0
    assert hi == pytest.approx(3.66801, abs=1e-4)


def test_byar_rejects_negative():
    with pytest.raises(ValueError):
        byar_interval(-1)


# ---------------------------------------------------------------------------
# compare: tested with Wilson (10 of 100 -> 10.0 %, interval 5.52 .. 17.44 %)
# ---------------------------------------------------------------------------
WILSON = dict(numerator=10, denominator=100, scale=100, ci_method="wilson")


def test_compare_better_significant_lower_is_better():
    c = compare(10.0, 20.0, "lower", **WILSON)
    assert isinstance(c, Comparison)
    assert c.kind == "better"
    assert c.tested is True
    assert c.word == "parempi"
    assert c.symbol == "✔"
    assert c.color == COLOR_BETTER == "#0072B2"
    assert c.difference == pytest.approx(-10.0)
    assert c.interval[0] == pytest.approx(5.5229, abs=1e-4)
    assert c.interval[1] == pytest.approx(17.4366, abs=1e-4)
    assert c.label == "✔ parempi"


def test_compare_worse_significant_lower_is_better():
    # benchmark 4.0 lies below the interval -> area higher -> worse
    c = compare(10.0, 4.0, "lower", **WILSON)
    assert c.kind == "worse"
    assert c.tested is True
    assert c.word == "heikompi"
    assert c.symbol == "✖"
    assert c.color == COLOR_WORSE == "#D55E00"
    assert c.difference == pytest.approx(6.0)


def test_compare_higher_is_better_flips_meaning():
    assert compare(10.0, 4.0, "higher", **WILSON).kind == "better"
    assert compare(10.0, 20.0, "higher", **WILSON).kind == "worse"


def test_compare_not_significant():
    # 15.0 is inside 5.52 .. 17.44 although the difference is 5 points
    c = compare(10.0, 15.0, "lower", **WILSON)
    assert c.kind == "no_difference"
    assert c.tested is True
    assert c.word == "ei merkitsevää eroa"
    assert c.symbol == "="
    assert c.color == COLOR_NO_DIFFERENCE
    assert c.difference == pytest.approx(-5.0)
    assert c.interval is not None


def test_compare_benchmark_just_outside_interval():
    assert compare(10.0, 17.40, "lower", **WILSON).kind == "no_difference"
    assert compare(10.0, 17.48, "lower", **WILSON).kind == "better"
    assert compare(10.0, 5.55, "lower", **WILSON).kind == "no_difference"
    assert compare(10.0, 5.50, "lower", **WILSON).kind == "worse"


def test_compare_neutral_tested_says_higher_lower_never_better():
    lower = compare(10.0, 20.0, "neutral", **WILSON)
    assert (lower.kind, lower.word, lower.symbol, lower.tested) == ("lower", "matalampi", "▼", True)
    higher = compare(10.0, 4.0, "neutral", **WILSON)
    assert (higher.kind, higher.word, higher.symbol) == ("higher", "korkeampi", "▲")
    for c in (lower, higher):
        assert c.color == COLOR_NEUTRAL
        assert c.color not in (COLOR_BETTER, COLOR_WORSE)
        assert "parempi" not in c.word and "heikompi" not in c.word
    assert compare(10.0, 15.0, "neutral", **WILSON).word == "ei merkitsevää eroa"


def test_compare_none_polarity_is_neutral():
    assert compare(10.0, 20.0, None, **WILSON).kind == "lower"


# ---------------------------------------------------------------------------
# compare: tested with Byar (20 cases / 10 000 -> 2.0 per 1000, 1.2211 .. 3.0890)
# ---------------------------------------------------------------------------
BYAR = dict(numerator=20, denominator=10_000, scale=1000, ci_method="byar")


def test_compare_byar_better_worse_and_no_difference():
    better = compare(2.0, 3.5, "lower", **BYAR)
    assert better.kind == "better" and better.tested
    assert better.interval[0] == pytest.approx(1.22114, abs=1e-4)
    assert better.interval[1] == pytest.approx(3.08899, abs=1e-4)
    assert compare(2.0, 1.0, "lower", **BYAR).kind == "worse"
    assert compare(2.0, 2.5, "lower", **BYAR).kind == "no_difference"
    # 3.0 is inside although 50 % higher than 2.0
    assert compare(2.0, 3.0, "lower", **BYAR).kind == "no_difference"


# ---------------------------------------------------------------------------
# compare: untested
# ---------------------------------------------------------------------------
def test_compare_untested_directions():
    c = compare(12.3, 10.0, "higher")
    assert c.kind == "better"
    assert c.tested is False
    assert c.interval is None
    assert c.word == "parempi (ei testattu)"
    assert c.symbol == "(✔)"
    assert c.color == COLOR_NO_DIFFERENCE  # untested never gets a judgement colour
    assert c.difference == pytest.approx(2.3)

    w = compare(12.3, 10.0, "lower")
    assert (w.kind, w.word, w.symbol, w.tested) == ("worse", "heikompi (ei testattu)", "(✖)", False)
    assert w.color == COLOR_NO_DIFFERENCE

    h = compare(12.3, 10.0, "neutral")
    assert (h.kind, h.word, h.symbol) == ("higher", "korkeampi (ei testattu)", "(▲)")
    lo = compare(7.0, 10.0, "neutral")
    assert (lo.kind, lo.word, lo.symbol) == ("lower", "matalampi (ei testattu)", "(▼)")
    assert lo.difference == pytest.approx(-3.0)


def test_compare_same_at_display_precision():
    c = compare(10.04, 10.0, "higher", decimals=1)
    assert c.kind == "same"
    assert c.word == "sama taso"
    assert c.tested is False
    assert c.difference == pytest.approx(0.04)
    # at two decimals the same numbers differ
    assert compare(10.04, 10.0, "higher", decimals=2).kind == "better"
    # decimals 0: 10.4 and 9.6 both show as 10
    assert compare(10.4, 9.6, "lower", decimals=0).kind == "same"


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(numerator=None, denominator=100, scale=100, ci_method="wilson"),
        dict(numerator=10, denominator=None, scale=100, ci_method="wilson"),
        dict(numerator=10, denominator=0, scale=100, ci_method="wilson"),
        dict(numerator=float("nan"), denominator=100, scale=100, ci_method="wilson"),
        dict(numerator=10, denominator=100, scale=100, ci_method=None),
        dict(numerator=150, denominator=100, scale=100, ci_method="wilson"),
        dict(numerator=-1, denominator=100, scale=100, ci_method="byar"),
        # scale missing: 10/100*1 = 0.1 does not match the value 10.0 -> do not test
        dict(numerator=10, denominator=100, scale=None, ci_method="wilson"),
        # numerator/denominator from another population than the value
        dict(numerator=30, denominator=100, scale=100, ci_method="wilson"),
    ],
)
def test_compare_without_usable_interval_is_untested(kwargs):
    # Same inputs would be "better, significant" if an interval were used.
    c = compare(10.0, 20.0, "lower", **kwargs)
    assert c.kind == "better"
    assert c.tested is False
    assert c.interval is None
    assert c.word == "parempi (ei testattu)"


def test_compare_rounded_value_still_tested():
    # 7 / 68 = 10.294 %, published as 10.3 -> consistent within rounding
    c = compare(10.3, 25.0, "lower", numerator=7, denominator=68, scale=100, ci_method="wilson")
    assert c.tested is True
    assert c.kind == "better"


def test_compare_counts_not_comparable():
    c = compare(210_000, 5_600_000, "neutral", value_type="count", decimals=0)
    assert c.kind == "not_comparable"
    assert c.word == "ei vertailukelpoinen"
    assert c.tested is False
    assert c.difference is None and c.interval is None
    assert c.color == COLOR_MISSING
    # a non-count value type is compared normally
    assert compare(12.0, 10.0, "higher", value_type="percent").kind == "better"


@pytest.mark.parametrize(
    "value,benchmark", [(None, 1.0), (1.0, None), (float("nan"), 1.0), (1.0, float("nan")), (None, None)]
)
def test_compare_no_data(value, benchmark):
    c = compare(value, benchmark, "higher", **WILSON)
    assert c.kind == "no_data"
    assert c.word == "ei tietoa"
    assert c.tested is False
    assert c.difference is None
    assert c.color == COLOR_MISSING


def test_compare_rejects_unknown_polarity_and_method():
    with pytest.raises(ValueError):
        compare(1.0, 2.0, "bigger")
    with pytest.raises(ValueError):
        compare(1.0, 2.0, "higher", numerator=1, denominator=10, ci_method="exact")


def test_comparison_is_frozen():
    c = compare(1.0, 2.0, "higher")
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.kind = "worse"  # type: ignore[misc]


# ---------------------------------------------------------------------------
# trend
# ---------------------------------------------------------------------------
def test_trend_improving_higher_is_better():
    # 10..14: slope 1, mean 12, relative = 1*4/12 = 0.3333
    t = trend(pts([10, 11, 12, 13, 14]), "higher")
    assert isinstance(t, Trend)
    assert t.kind == "improving"
    assert t.direction == "up"
    assert t.word == "kasvaa ja paranee"
    assert t.symbol == "↑✔"
    assert t.color == COLOR_BETTER
    assert t.slope == pytest.approx(1.0)
    assert t.relative_change == pytest.approx(1 / 3)
    assert t.years == YEARS


def test_trend_four_wordings():
    up, down = pts([10, 11, 12, 13, 14]), pts([14, 13, 12, 11, 10])
    assert trend(up, "lower").word == "kasvaa ja heikkenee"
    assert trend(up, "lower").kind == "worsening"
    assert trend(up, "lower").color == COLOR_WORSE
    assert trend(down, "lower").word == "laskee ja paranee"
    assert trend(down, "lower").symbol == "↓✔"
    assert trend(down, "higher").word == "laskee ja heikkenee"
    assert trend(down, "higher").symbol == "↓✖"
    assert trend(down, "higher").direction == "down"
    assert trend(down, "higher").relative_change == pytest.approx(-1 / 3)


def test_trend_neutral():
    t = trend(pts([10, 11, 12, 13, 14]), "neutral")
    assert (t.kind, t.word, t.symbol, t.direction) == ("increasing", "kasvaa", "↑", "up")
    assert t.color == COLOR_NEUTRAL
    d = trend(pts([14, 13, 12, 11, 10]), "neutral")
    assert (d.kind, d.word, d.symbol) == ("decreasing", "laskee", "↓")


def test_trend_uses_ols_not_endpoints():
    # values 1,3,2,5,4: x-dev -2..2, y-mean 3, y-dev -2,0,-1,2,1
    # Sxy = 4+0+0+2+2 = 8, Sxx = 10 -> slope 0.8 (endpoints would give 0.75)
    # relative = 0.8*4/3 = 1.06667
    t = trend(pts([1, 3, 2, 5, 4]), "higher")
    assert t.slope == pytest.approx(0.8)
    assert t.relative_change == pytest.approx(3.2 / 3)


def test_trend_not_significant_is_no_change():
    # mean 100.1, slope 0.05 (Sxy = 0.5, Sxx = 10); fitted 100.0, 100.05, 100.1, 100.15, 100.2
    # residuals 0, 0.15, -0.2, -0.05, 0.1 -> SSE = 0.075, s² = 0.025, SE = sqrt(0.025/10) = 0.05
    # t = 0.05 / 0.05 = 1.0 < t(3, 95 %) = 3.182 -> no significant change
    t = trend(pts([100, 100.2, 99.9, 100.1, 100.3]), "higher")
    assert t.kind == "no_change"
    assert t.direction == "flat"
    assert t.word == "ei merkitsevää muutosta"
    assert t.symbol == "→"
    assert t.color == COLOR_NO_DIFFERENCE
    assert t.test == "regression"
    assert t.statistic == pytest.approx(1.0)
    assert t.relative_change == pytest.approx(0.0019980, abs=1e-6)


def test_trend_has_no_size_threshold_only_a_test():
    # exactly on a line: the slope's interval has zero width, so even a small rise is significant
    assert trend(pts([100, 100.4, 100.8, 101.2, 101.6]), "lower").kind == "worsening"
    t = trend(pts([100, 101, 102, 103, 104]), "lower")
    assert t.kind == "worsening"
    assert t.relative_change == pytest.approx(4 / 102)


def test_trend_negative_mean_uses_absolute_mean():
    # -14..-10 (e.g. net migration): slope +1, mean -12 -> relative +4/12, direction up
    t = trend(pts([-14, -13, -12, -11, -10]), "higher")
    assert t.direction == "up"
    assert t.kind == "improving"
    assert t.relative_change == pytest.approx(1 / 3)


def test_trend_gap_inside_window_not_computable():
    t = trend(pts([10, 11, None, 13, 14]), "higher")
    assert t.kind == "not_computable"
    assert t.word == "ei laskettavissa"
    assert t.direction is None
    assert t.slope is None and t.relative_change is None
    assert t.color == COLOR_MISSING
    assert t.years == YEARS
    # a missing entry is the same as None
    assert trend([(2019, 10), (2020, 11), (2022, 13), (2023, 14)], "higher").kind == "not_computable"
    # NaN is the same as None
    assert trend(pts([10, 11, float("nan"), 13, 14]), "higher").kind == "not_computable"
    # enough values in total, but a gap inside the last five years
    gap = trend(pts([8, 9, 10, 11, None, 13, 14], start=2017), "higher")
    assert gap.kind == "not_computable"
    assert gap.years == YEARS


def test_trend_too_few_points():
    t = trend(pts([10, 11, 12, 13]), "higher")
    assert t.kind == "not_computable"
    assert t.word == "ei laskettavissa"
    assert t.years == (2018, 2019, 2020, 2021, 2022)


def test_trend_window_ends_at_last_value_and_ignores_older_gaps():
    # 2015..2024: old gap in 2017, trailing None in 2024 -> window 2019..2023
    points = pts([5, 6, None, 8, 10, 11, 12, 13, 14, None], start=2015)
    t = trend(points, "higher")
    assert t.years == YEARS
    assert t.kind == "improving"
    assert t.slope == pytest.approx(1.0)


def test_trend_accepts_unordered_points():
    points = list(reversed(pts([10, 11, 12, 13, 14])))
    assert trend(points, "higher").slope == pytest.approx(1.0)


def test_trend_zero_mean():
    allzero = trend(pts([0, 0, 0, 0, 0]), "lower")
    assert allzero.kind == "no_change"
    assert allzero.relative_change is None
    # -2..2: mean 0, slope 1 -> relative undefined, direction from slope
    t = trend(pts([-2, -1, 0, 1, 2]), "neutral")
    assert t.kind == "increasing"
    assert t.relative_change is None
    assert t.slope == pytest.approx(1.0)


def test_trend_no_data():
    t = trend([(2019, None), (2020, None)], "higher")
    assert t.kind == "not_computable"
    assert t.years == ()
    assert trend([], "higher").kind == "not_computable"


def test_trend_rejects_duplicate_years():
    with pytest.raises(ValueError):
        trend([(2020, 1.0), (2020, 2.0)], "higher")


# ---------------------------------------------------------------------------
# change
# ---------------------------------------------------------------------------
def test_change_one_and_five_years():
    points = pts([10.0, 12.0, 11.0, 13.0, 15.0, 14.5], start=2018)
    one = change(points, 1)
    assert isinstance(one, Change)
    assert one.difference == pytest.approx(-0.5)
    assert one.years == (2022, 2023)
    assert (one.base_value, one.last_value) == (15.0, 14.5)
    five = change(points, 5)
    assert five.difference == pytest.approx(4.5)
    assert five.years == (2018, 2023)


def test_change_missing_base_year():
    points = [(2018, None), (2019, 2.0), (2023, 5.5)]
    c = change(points, 5)
    assert c.difference is None
    assert c.base_value is None
    assert c.years == (2018, 2023)
    assert change(points, 1).difference is None  # 2022 has no entry


def test_change_last_year_is_last_valid_value():
    c = change([(2021, 1.0), (2022, 3.0), (2023, None)], 1)
    assert c.years == (2021, 2022)
    assert c.difference == pytest.approx(2.0)


def test_change_no_data_and_invalid_years_back():
    c = change([(2023, None)], 1)
    assert (c.difference, c.base_year, c.last_year, c.years) == (None, None, None, None)
    with pytest.raises(ValueError):
        change(pts([1, 2]), 0)


# ---------------------------------------------------------------------------
# vocabulary and palette
# ---------------------------------------------------------------------------
def test_every_key_has_word_symbol_and_colour():
    assert set(WORDS_FI) == set(SYMBOLS) == set(COLORS)
    for key in WORDS_FI:
        assert WORDS_FI[key].strip()
        assert SYMBOLS[key].strip()
        assert COLORS[key].startswith("#") and len(COLORS[key]) == 7


def test_judgement_colours_only_for_better_and_worse():
    judgement = {COLOR_BETTER, COLOR_WORSE}
    for key, color in COLORS.items():
        if color in judgement:
            assert key in {"better", "worse"} or key.endswith(("_improving", "_worsening"))
    # Okabe–Ito sky blue / orange must not be used
    assert "#56B4E9" not in COLORS.values()
    assert "#E69F00" not in COLORS.values()


def test_distinct_symbols_for_distinct_meanings():
    comparison_keys = [
        "better",
        "worse",
        "higher",
        "lower",
        "no_difference",
        "better_untested",
        "worse_untested",
        "higher_untested",
        "lower_untested",
        "not_comparable",
        "no_data",
    ]
    symbols = [SYMBOLS[k] for k in comparison_keys]
    assert len(set(symbols)) == len(symbols)
    trend_keys = [k for k in SYMBOLS if k.startswith("trend_")]
    assert len({SYMBOLS[k] for k in trend_keys}) == len(trend_keys)
