"""The start page's overview: positions on the municipalities' spread (better end on the right),
what is left out, and the chart's labels and shapes (colour never alone)."""

from __future__ import annotations

import polars as pl
import pytest

from tilannekuva import judgements as J
from tilannekuva import overview as O
from tilannekuva import situation as S
from tilannekuva.charts import overview as CO

MK = S.Benchmark("MK17", "Pohjois-Pohjanmaa", "region")
SSS = S.Benchmark("SSS", "Koko maa", "country")


def row(
    ind,
    value,
    region,
    country,
    *,
    polarity="lower",
    value_type="percent",
    year=2023,
    current=True,
    numerator=None,
    denominator=None,
):
    cmp = J.compare(
        value,
        region,
        polarity,
        numerator=numerator,
        denominator=denominator,
        scale=100.0,
        ci_method="wilson",
        value_type=value_type,
    )
    flat = J.trend([(year, value)], polarity)
    return S.IndicatorRow(
        ind,
        f"Nimi {ind}",
        "koko väestö",
        "%",
        1,
        polarity,
        value_type,
        "THL",
        year,
        value,
        J.change([(year, value)], 1),
        J.change([(year, value)], 5),
        flat,
        (
            S.BenchmarkValue(MK, year, region, cmp),
            S.BenchmarkValue(SSS, year, country, J.compare(value, country, polarity)),
        ),
        (),
        current_measure=current,
    )


def distribution(*rows):
    return pl.DataFrame(
        [
            {"indicator_id": i, "year": y, "n": 30, "min_value": lo, "q1": q1, "median": m, "q3": q3, "max_value": hi}
            for i, y, lo, q1, m, q3, hi in rows
        ]
    )


def test_positions_put_the_better_end_right():
    # lower is better: municipalities 8 … 18, area 10, region 12, country 16 -> scale 8…18 (width 10),
    # raw positions 0.2 / 0.4 / 0.8, flipped: 0.8 / 0.6 / 0.2; the range 8…18 -> 0…1; quartiles 10, 14 ->
    # raw 0.2, 0.6 -> flipped 0.8, 0.4 -> sorted (0.4, 0.8).
    rows = [row("a", 10.0, 12.0, 16.0, numerator=1000, denominator=10_000)]
    (o,) = O.overview_rows(rows, distribution(("a", 2023, 8.0, 10.0, 12.0, 14.0, 18.0)), MK, 2026)
    assert (o.position, o.region, o.country) == (pytest.approx(0.8), pytest.approx(0.6), pytest.approx(0.2))
    assert (o.low, o.q1, o.q3, o.high) == (
        pytest.approx(0.0),
        pytest.approx(0.4),
        pytest.approx(0.8),
        pytest.approx(1.0),
    )
    assert o.comparison.kind == "better" and o.comparison.tested
    # higher is better: not flipped; a country value outside the municipalities' range widens the scale
    up = [row("b", 10.0, 12.0, 28.0, polarity="higher")]
    (o2,) = O.overview_rows(up, distribution(("b", 2023, 8.0, 10.0, 12.0, 14.0, 18.0)), MK, 2026)
    assert (o2.position, o2.country, o2.high) == (pytest.approx(0.1), pytest.approx(1.0), pytest.approx(0.5))


def test_counts_old_data_and_superseded_measures_are_left_out_neutral_ones_last():
    rows = [
        row("neutral", 5.0, 5.0, 5.0, polarity="neutral", year=2024),
        row("count", 500.0, 900.0, 1e6, value_type="count"),
        row("old", 5.0, 6.0, 7.0, year=2014),
        row("old_measure", 5.0, 6.0, 7.0, current=False),
        row("kept_2016", 5.0, 6.0, 7.0, year=2016),
        row("kept_2023", 5.0, 6.0, 7.0),
    ]
    dist = distribution(*[(r.indicator_id, r.year, 1.0, 2.0, 3.0, 4.0, 9.0) for r in rows])
    got = [o.indicator_id for o in O.overview_rows(rows, dist, MK, 2026)]
    assert got == ["kept_2023", "kept_2016", "neutral"]


def test_chart_labels_value_year_and_name_and_shapes_differ_by_judgement():
    rows = [
        row("a", 10.0, 12.0, 16.0, numerator=1000, denominator=10_000),  # tested better
        row("b", 14.0, 12.0, 16.0, numerator=1400, denominator=10_000),  # tested worse
        row("c", 12.1, 12.0, 16.0),
    ]  # untested worse
    dist = distribution(*[(r.indicator_id, 2023, 8.0, 10.0, 12.0, 14.0, 18.0) for r in rows])
    spine = O.overview_rows(rows, dist, MK, 2026)
    fig = CO.overview_figure(
        spine,
        area_name="Aakkula",
        benchmark_name="Pohjois-Pohjanmaa",
        region_name="Pohjois-Pohjanmaa",
        country_name="Koko maa",
    )
    labels = [a.text for a in fig.layout.annotations if a.yref == "y"]
    assert labels[0].startswith("<b>10,0\u00a0% · 2023</b> – Nimi a")
    area_traces = [t for t in fig.data if t.type == "scatter" and t.name not in ("Pohjois-Pohjanmaa", "Koko maa")]
    symbols = {sym for t in area_traces for sym in t.marker.symbol}
    assert symbols == {"circle", "diamond", "diamond-open"}  # better, worse, worse untested
    legend = next(a.text for a in fig.layout.annotations if "kuntien vaihteluväli" in a.text)
    assert "merkitsevästi parempi" in legend and "merkitsevästi heikompi" in legend and "ei testattu" in legend
    assert not fig.layout.showlegend
