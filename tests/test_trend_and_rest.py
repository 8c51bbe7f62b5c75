"""Issue 8's judgements, each with numbers worked out by hand: the tested trend (chi-squared test
for trend on counts, the regression slope's interval without them, a one-year spike), and the
comparison with the rest of a benchmark that contains the area."""

from __future__ import annotations

import math

import pytest

from tilannekuva import judgements as J

YEARS = (2018, 2019, 2020, 2021, 2022)


def test_a_spike_does_not_make_a_trend():
    # The whole country's TEM unemployment 2018–2022 shape: 9.6, 9.2, 13.3, 11.7, 9.6 % (2022 is
    # *below* 2018). The least-squares line rises (slope 0.25/yr), which the old rule called
    # "kasvaa ja heikkenee". By hand: x = −2 … 2, Sxx = 10, Sxy = −19.2 − 9.2 + 0 + 11.7 + 19.2 = 2.5,
    # slope 0.25; fitted 10.18, 10.43, 10.68, 10.93, 11.18; SSE = 0.3364 + 1.5129 + 6.8644 + 0.5929
    # + 2.4964 = 11.803; SE = sqrt(11.803 / 3 / 10) = 0.6272; t = 0.3986 < 3.182 -> no change.
    values = [9.6, 9.2, 13.3, 11.7, 9.6]
    points = list(zip(YEARS, values))
    t = J.trend(points, "lower")
    assert (t.kind, t.test, t.word) == ("no_change", "regression", "ei merkitsevää muutosta")
    assert t.slope == pytest.approx(0.25)
    assert t.statistic == pytest.approx(0.25 / math.sqrt(11.803 / 30), rel=1e-3)
    # With counts of a national size (2.6 million in the labour force) the chi-squared trend alone
    # would be huge, but the points depart from a line far beyond chance (the spike): the
    # regression test decides, and it finds no trend.
    counts = {y: (v / 100 * 2_600_000, 2_600_000) for y, v in points}
    trend_chi2, departure, _ = J.chi2_trend_test(
        YEARS, [c[0] for c in counts.values()], [c[1] for c in counts.values()]
    )
    assert trend_chi2 > J.CHI2_TREND_998 and departure > J.CHI2_DEPARTURE_998
    with_counts = J.trend(points, "lower", counts=counts, scale=100, ci_method="wilson")
    assert (with_counts.kind, with_counts.test) == ("no_change", "regression")


def test_chi_squared_trend_by_hand():
    # 100, 110, 120, 130, 140 cases of 1 000 each (10 % … 14 %): p̄ = 600 / 5 000 = 0.12, x̄ = 2020,
    # Σn(x − x̄)² = 1 000 × 10 = 10 000, b = 1 000 × (2 × 0.02 + 2 × 0.01 × 1 … ) -> Σn(p − p̄)(x − x̄)
    # = 1 000 × (−0.02 × −2 + −0.01 × −1 + 0 + 0.01 × 1 + 0.02 × 2) = 1 000 × 0.1 = 100, b = 0.01;
    # X² = 0.01² × 10 000 / (0.12 × 0.88) = 1 / 0.1056 = 9.4697 < 9.5495: not significant at 99.8 %
    # (it would be at 95 %: the strict level is deliberate). Departure from linearity: 0.
    counts = {y: (100 + 10 * k, 1000) for k, y in enumerate(YEARS)}
    points = [(y, n / d * 100) for y, (n, d) in counts.items()]
    chi2, departure, b = J.chi2_trend_test(YEARS, [c[0] for c in counts.values()], [c[1] for c in counts.values()])
    assert chi2 == pytest.approx(1 / 0.1056, rel=1e-9) and departure == pytest.approx(0, abs=1e-9)
    assert b == pytest.approx(0.01)
    t = J.trend(points, "lower", counts=counts, scale=100, ci_method="wilson")
    assert (t.kind, t.test) == ("no_change", "chi2")
    # Twice the denominators: X² doubles to 18.94 -> significant, rising, lower is better -> worsening.
    double = {y: (2 * n, 2 * d) for y, (n, d) in counts.items()}
    t2 = J.trend(points, "lower", counts=double, scale=100, ci_method="wilson")
    assert (t2.kind, t2.test, t2.direction) == ("worsening", "chi2", "up")
    assert t2.statistic == pytest.approx(2 / 0.1056, rel=1e-9)


def test_counts_that_do_not_give_the_values_are_not_used():
    # Values say 10 … 14 but the counts say 1 %: inconsistent, so the regression test is used.
    points = [(y, 10.0 + k) for k, y in enumerate(YEARS)]
    counts = {y: (10, 1000) for y in YEARS}
    assert J.trend(points, "lower", counts=counts, scale=100, ci_method="wilson").test == "regression"


def test_regression_interval_without_counts():
    # 1, 3, 2, 5, 4: slope 0.8, SSE 3.6, SE = sqrt(3.6 / 3 / 10) = 0.3464, t = 2.309 < 3.182 -> no change.
    t = J.trend([(y, v) for y, v in zip(YEARS, [1, 3, 2, 5, 4])], "higher")
    assert (t.kind, t.test) == ("no_change", "regression")
    assert t.statistic == pytest.approx(0.8 / math.sqrt(0.12), rel=1e-9)
    # 1, 2.2, 2.9, 4.1, 5: mean 3.04, Sxy = −2 − 2.2 + 0 + 4.1 + 10 = 9.9, slope 0.99; fitted 1.06,
    # 2.05, 3.04, 4.03, 5.02; SSE = 0.0036 + 0.0225 + 0.0196 + 0.0049 + 0.0004 = 0.051;
    # SE = sqrt(0.051 / 30) = 0.041231; t = 24.011 -> improving.
    t2 = J.trend([(y, v) for y, v in zip(YEARS, [1, 2.2, 2.9, 4.1, 5])], "higher")
    assert (t2.kind, t2.test) == ("improving", "regression")
    assert t2.slope == pytest.approx(0.99)
    assert t2.statistic == pytest.approx(0.99 / math.sqrt(0.051 / 30), rel=1e-6)


def test_rest_of_benchmark_by_hand():
    # Oulu-like: the area is half of its region. Area 1 000 / 10 000 = 10 %; region 2 200 / 20 000
    # = 11 %. Against the whole region the area's Wilson interval (9.43 … 10.60 %) excludes 11 %
    # anyway; against the rest (1 200 / 10 000 = 12 %) the difference doubles.
    # Two-sample z: p̄ = 0.11, SE = sqrt(0.11 × 0.89 × (1/10 000 + 1/10 000)) = 0.0044249,
    # z = (0.10 − 0.12) / 0.0044249 = −4.520 -> the area is lower, lower is better -> better.
    result = J.compare_with_rest(10.0, 1000, 10_000, 2200, 20_000, "lower", scale=100, ci_method="wilson")
    assert result is not None
    comparison, rest = result
    assert rest == pytest.approx(12.0)
    assert (comparison.kind, comparison.tested) == ("better", True)
    assert comparison.difference == pytest.approx(-2.0)
    # A close call that the whole-benchmark comparison hides: area 10.4 %, region 10.6 % (area half
    # of it). Whole: Wilson 9.81 … 11.01 % contains 10.6 -> no difference. Rest: 10.8 %, z =
    # (0.104 − 0.108) / sqrt(0.106 × 0.894 × 2 / 10 000) = −0.004 / 0.0043534 = −0.919 -> still none.
    whole = J.compare(10.4, 10.6, "lower", numerator=1040, denominator=10_000, scale=100, ci_method="wilson")
    assert whole.kind == "no_difference"
    rest_cmp, rest_value = J.compare_with_rest(10.4, 1040, 10_000, 2120, 20_000, "lower", scale=100, ci_method="wilson")
    assert rest_value == pytest.approx(10.8) and rest_cmp.kind == "no_difference"
    # A small part of the benchmark (under REST_SHARE = 10 %): compared with the whole instead.
    assert J.compare_with_rest(10.0, 100, 1000, 2200, 20_000, "lower", scale=100, ci_method="wilson") is None
    # No counts for the benchmark: compared with the whole.
    assert J.compare_with_rest(10.0, 1000, 10_000, None, None, "lower", scale=100, ci_method="wilson") is None


def test_rest_comparison_of_rates_uses_poisson_variance():
    # Byar-type rates per 1 000: area 50 / 10 000 (5.0), benchmark 300 / 40 000 -> rest 250 / 30 000
    # (8.333). Pooled rate 300 / 40 000 = 0.0075; SE = sqrt(0.0075 × (1/10 000 + 1/30 000)) = 0.00100;
    # z = (0.005 − 0.0083333) / 0.001 = −3.333 -> lower; for 'lower' polarity -> better.
    cmp_, rest = J.compare_with_rest(5.0, 50, 10_000, 300, 40_000, "lower", scale=1000, ci_method="byar")
    assert rest == pytest.approx(250 / 30_000 * 1000)
    assert cmp_.kind == "better"
