"""tilannekuva.situation: the start page's rows, judgements, sentences and tables (pure, no DB).

Every expected number below is worked out by hand in the comments, not by calling the module.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from tilannekuva import situation as S
from tilannekuva.texts import start as TS

THIS_YEAR = 2026

AREAS = pl.DataFrame(
    {
        "area_code": ["A", "B", "P", "Q", "O", "HVA19", "MK17", "SSS"],
        "name_fi": ["Aakkula", "Beeville", "Peeala", "Ouluala", "Oulukunta", "Pohde", "Pohjois-Pohjanmaa", "Koko maa"],
        "level": ["kunta", "kunta", "alue", "alue", "kunta", "hyvinvointialue", "maakunta", "maa"],
        "parent_code": ["P", "P", "HVA19", "HVA19", "Q", "SSS", "SSS", None],
    }
)

CATALOGUE_COLUMNS = (
    "indicator_id",
    "name_fi",
    "theme",
    "unit",
    "value_type",
    "decimals",
    "polarity",
    "scale",
    "ci_method",
    "frequency",
    "source_org",
    "caveat_fi",
)


def catalogue(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(
        [dict(zip(CATALOGUE_COLUMNS, r)) for r in rows],
        schema={
            "indicator_id": pl.String,
            "name_fi": pl.String,
            "theme": pl.String,
            "unit": pl.String,
            "value_type": pl.String,
            "decimals": pl.Int32,
            "polarity": pl.String,
            "scale": pl.Float64,
            "ci_method": pl.String,
            "frequency": pl.String,
            "source_org": pl.String,
            "caveat_fi": pl.String,
        },
    )


# Diabetes-like: a proportion (lower is better) with numerator/denominator, Wilson interval.
DIAB = ("diab", "Diabetes", "koko väestö", "%", "percent", 1, "lower", 100.0, "wilson", "year", "THL Sotkanet", None)
# A neutral share without numerator/denominator (untested).
SHARE = ("share", "Osuus", "työikäiset", "%", "percent", 1, "neutral", None, None, "year", "Tilastokeskus", None)
# Higher is better, no interval.
EDU = (
    "edu",
    "Koulutus",
    "koko väestö",
    "%",
    "percent",
    1,
    "higher",
    None,
    None,
    "year",
    "Tilastokeskus",
    "Painotettu keskiarvo (arvio).",
)
# A monthly indicator: never on the start page.
MONTHLY = ("mon", "Kuukausi", "työikäiset", "%", "percent", 1, "lower", 100.0, "wilson", "month", "TEM", None)
# A count: not comparable.
POP = ("pop", "Väkiluku", "koko väestö", "lkm", "count", 0, "neutral", None, None, "year", "Tilastokeskus", None)


def series(*obs: tuple) -> pl.DataFrame:
    """obs: (indicator_id, area_code, year, value, numerator, denominator)."""
    return pl.DataFrame(
        [
            {
                "indicator_id": i,
                "area_code": a,
                "year": y,
                "value": v,
                "numerator": n,
                "denominator": d,
                "status": "ok" if v is not None else "missing",
                "method": "source",
                "source": "test",
                "note": None,
            }
            for i, a, y, v, n, d in obs
        ],
        schema={
            "indicator_id": pl.String,
            "area_code": pl.String,
            "year": pl.Int16,
            "value": pl.Float64,
            "numerator": pl.Float64,
            "denominator": pl.Float64,
            "status": pl.String,
            "method": pl.String,
            "source": pl.String,
            "note": pl.String,
        },
    )


def diabetes_worsening() -> pl.DataFrame:
    """Area A 2019–2023: 1000, 1050, 1100, 1150, 1200 of 10 000 -> 10,0 … 12,0 %; no 2018 value.
    Region MK17 2023: 10,0 %; parent P 2023: 11,9 %; country SSS only 2022 (no 2023 value)."""
    rows = [("diab", "A", y, (1000 + 50 * k) / 100, 1000 + 50 * k, 10_000) for k, y in enumerate(range(2019, 2024))]
    rows += [
        ("diab", "MK17", 2023, 10.0, 20_000, 200_000),
        ("diab", "P", 2023, 11.9, 3570, 30_000),
        ("diab", "SSS", 2022, 11.0, 330_000, 3_000_000),
    ]
    return series(*rows)


def build(frame: pl.DataFrame, cat: pl.DataFrame, area: str = "A"):
    benchmarks, _ = S.benchmarks_for(area, AREAS)
    return benchmarks, S.indicator_rows(frame, cat, area, benchmarks)


# --- benchmarks -------------------------------------------------------------------------------------
def test_benchmarks_per_level():
    codes = lambda area: [b.code for b in S.benchmarks_for(area, AREAS)[0]]  # noqa: E731
    assert codes("A") == ["P", "MK17", "SSS"]  # municipality: its Pohde area, the region, the country
    assert codes("P") == ["MK17", "SSS"]  # Pohde area: parent HVA19 -> region MK17 instead
    # Pohde and the region are the same municipalities (A, B, O): Pohde is compared with the country
    # only, never with itself ("samaa tasoa" against itself on every row).
    assert S.benchmarks_for("HVA19", AREAS) == ((S.Benchmark("SSS", "Koko maa", "country"),), "MK17")
    assert S.summary_benchmark(S.benchmarks_for("HVA19", AREAS)[0]).code == "SSS"
    assert codes("MK17") == ["SSS"]
    assert codes("SSS") == []
    # A municipality that is its Pohde area's only member is not compared with itself.
    benchmarks, skipped = S.benchmarks_for("O", AREAS)
    assert [b.code for b in benchmarks] == ["MK17", "SSS"] and skipped == "Q"
    assert [b.role for b in S.benchmarks_for("A", AREAS)[0]] == ["parent", "region", "country"]
    assert S.summary_benchmark(S.benchmarks_for("A", AREAS)[0]).code == "MK17"
    assert S.summary_benchmark(S.benchmarks_for("MK17", AREAS)[0]).code == "SSS"
    assert S.summary_benchmark(()) is None


# --- the hand-computed concern ------------------------------------------------------------------
def test_significantly_worse_and_worsening_is_the_first_concern_with_its_numbers_and_years():
    benchmarks, rows = build(diabetes_worsening(), catalogue(DIAB))
    (row,) = rows
    assert (row.year, row.value) == (2023, 12.0)

    # Wilson 95 % for 1200 / 10 000 by hand: p = 0.12, n = 10 000, z = 1.959964, z² = 3.841459
    #   centre = (0.12 + 3.841459/20 000) / (1 + 3.841459/10 000) = 0.1201921 / 1.0003841 = 0.1201460
    #   half   = 1.959964 / 1.0003841 * sqrt(0.12*0.88/10 000 + 3.841459/4e8) = 1.959211 * 0.0032511 = 0.0063696
    #   -> 11,38 … 12,65 %. MK17 10,0 % is below it: A is higher, lower is better -> "heikompi", tested.
    p, n, z = 0.12, 10_000, 1.959964
    lo = ((p + z * z / (2 * n)) - z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    assert lo == pytest.approx(0.113776, abs=1e-5)
    region = row.against("MK17").comparison
    assert (region.kind, region.tested, region.word, region.symbol) == ("worse", True, "heikompi", "✖")
    # Parent P 11,9 % lies inside 11,38 … 12,65 -> no significant difference.
    assert row.against("P").comparison.kind == "no_difference"
    # Country has 2022 only, not the area's year 2023 -> no data, never a comparison with another year.
    country = row.against("SSS")
    assert country.value is None and country.year == 2023 and country.comparison.kind == "no_data"

    # Trend 2019–2023 on the counts 1000 … 1200 of 10 000 each: chi-squared test for trend by hand:
    #   p̄ = 5500 / 50 000 = 0.11, x̄ = 2021, Σnᵢ(xᵢ − x̄)² = 10 000 × 10 = 100 000,
    #   b = Σnᵢ(pᵢ − p̄)(xᵢ − x̄) / 100 000 = 10 000 × (0.02 + 0.005 + 0 + 0.005 + 0.02) / 100 000 = 0.005,
    #   X² = b² × 100 000 / (0.11 × 0.89) = 2.5 / 0.0979 = 25.536 > 9.55 (99.8 %) -> rising, lower is better.
    #   The points lie on the line, so the departure from linearity is 0.
    assert row.trend.kind == "worsening" and row.trend.years == (2019, 2020, 2021, 2022, 2023)
    assert row.trend.test == "chi2" and row.trend.statistic == pytest.approx(25.536, abs=1e-3)

    summary = S.summarise(rows, S.summary_benchmark(benchmarks), THIS_YEAR)
    assert summary.strengths == ()
    (concern,) = summary.concerns
    assert concern.tier == 1
    # 2023 is 3 years old in 2026: the sentence says so, as the tables do.
    assert concern.sentence == (
        "Diabetes: 12,0\u00a0% vuonna 2023 (⚠ 3 v) – merkitsevästi Pohjois-Pohjanmaata "
        "heikompi (10,0\u00a0%), ja se kasvaa ja heikkenee (2019–2023)."
    )


def test_change_with_missing_base_year_is_not_computable():
    _, (row,) = build(diabetes_worsening(), catalogue(DIAB))
    # 1 year: 12,0 - 11,5 = +0,5 (2022 -> 2023).
    assert row.change_1.difference == pytest.approx(0.5) and row.change_1.base_year == 2022
    assert S.format_change(row.change_1, 1) == "+0,5"
    # 5 years: base year 2018 has no value -> difference None, shown as "ei laskettavissa".
    assert row.change_5.difference is None and row.change_5.base_year == 2018
    assert S.format_change(row.change_5, 1) == "ei laskettavissa"


def test_missing_benchmark_year_is_said_in_the_table():
    benchmarks, rows = build(diabetes_worsening(), catalogue(DIAB))
    table = S.theme_table(rows, benchmarks, THIS_YEAR)
    # The value right after the name, so it is in view on a phone; then its year.
    assert table.columns == [
        "Indikaattori",
        "Arvo",
        "Vuosi (ikä)",
        "vrt. Peeala",
        "vrt. Pohjois-Pohjanmaa",
        "vrt. Koko maa",
        "Kehitys 5 v",
        "Muutos 1 v",
        "Muutos 5 v",
    ]
    # A is a third of its parent P (10 000 of 30 000): compared with the rest of P, 2 370 / 20 000 = 11,85 %.
    assert table.row(0) == (
        "Diabetes",
        "12,0\u00a0%",
        "2023 (⚠ 3 v)",
        "= ei merkitsevää eroa · 11,9 (ilman aluetta 11,8)",
        "✖ heikompi · 10,0",
        "? ei tietoa v. 2023",
        "↑✖ kasvaa ja heikkenee",
        "+0,5",
        "ei laskettavissa",
    )


# --- neutral polarity, untested, counts -----------------------------------------------------------
def test_neutral_polarity_says_higher_or_lower_never_better_or_worse():
    # No numerator/denominator: A 55,0 vs MK17 50,0 -> "korkeampi (ei testattu)"; vs P 58,0 -> "matalampi".
    frame = series(
        ("share", "A", 2016, 55.0, None, None),
        ("share", "MK17", 2016, 50.0, None, None),
        ("share", "P", 2016, 58.0, None, None),
    )
    benchmarks, (row,) = build(frame, catalogue(SHARE))
    assert row.against("MK17").comparison.word == "korkeampi (ei testattu)"
    assert row.against("P").comparison.word == "matalampi (ei testattu)"
    table = S.theme_table([row], benchmarks, THIS_YEAR)
    assert table["vrt. Pohjois-Pohjanmaa"][0] == "(▲) korkeampi · 50,0"
    assert table["vrt. Peeala"][0] == "(▼) matalampi · 58,0"
    words = " ".join(table.row(0))
    assert "parempi" not in words and "heikompi" not in words
    # Neutral indicators are never strengths or concerns.
    summary = S.summarise([row], S.summary_benchmark(benchmarks), THIS_YEAR)
    assert summary.concerns == () and summary.strengths == ()


def test_neutral_tested_difference_is_higher_not_worse():
    # Same numbers as the diabetes case but neutral polarity: 12,0 % vs 10,0 % -> "korkeampi", tested.
    neutral = DIAB[:6] + ("neutral",) + DIAB[7:]
    _, (row,) = build(diabetes_worsening(), catalogue(neutral))
    c = row.against("MK17").comparison
    assert (c.kind, c.tested, c.word) == ("higher", True, "korkeampi")
    assert row.trend.word == "kasvaa"


def test_untested_strength_sentence_says_the_test_was_not_possible():
    # Higher is better: A 2012–2016 = 60, 61, 62, 63, 64 vs MK17 2016 = 60,0 -> better (untested);
    # no counts: the regression slope 1/yr lies exactly on the line (SE 0) -> improving.
    frame = series(
        *[("edu", "A", y, 60.0 + k, None, None) for k, y in enumerate(range(2012, 2017))],
        ("edu", "MK17", 2016, 60.0, None, None),
    )
    benchmarks, rows = build(frame, catalogue(EDU))
    summary = S.summarise(rows, S.summary_benchmark(benchmarks), THIS_YEAR)
    (strength,) = summary.strengths
    assert strength.tier == 4
    assert strength.sentence == (
        "Koulutus: 64,0\u00a0% vuonna 2016 (⚠ 10 v) – Pohjois-Pohjanmaata parempi (60,0\u00a0%; "
        "eroa ei voitu testata), ja se kasvaa ja paranee (2012–2016)."
    )
    assert S.theme_notes(rows) == [("Koulutus", "Painotettu keskiarvo (arvio).")]


def test_better_but_worsening_is_a_concern_and_uses_but():
    # Lower is better: A 2019–2023 = 8, 8.5, 9, 9.5, 10 % of 100 000 -> 10,0 %; MK17 12,0 % (no counts:
    # compared with the whole region). Chi-squared for trend: p̄ = 45 000 / 500 000 = 0.09,
    # b = 100 000 × (2 × 0.02 + 2 × 0.005) / 1 000 000 = 0.005, X² = 0.005² × 10⁶ / (0.09 × 0.91) = 305.3.
    # Better than the region, yet getting worse: a concern (tier 3), never a strength.
    frame = series(
        *[("diab", "A", y, 8.0 + 0.5 * k, (8.0 + 0.5 * k) * 1000, 100_000) for k, y in enumerate(range(2019, 2024))],
        ("diab", "MK17", 2023, 12.0, None, None),
    )
    benchmarks, rows = build(frame, catalogue(DIAB))
    assert rows[0].trend.statistic == pytest.approx(0.005**2 * 1e6 / (0.09 * 0.91), rel=1e-9)
    summary = S.summarise(rows, S.summary_benchmark(benchmarks), THIS_YEAR)
    assert summary.strengths == ()
    (concern,) = summary.concerns
    assert concern.tier == 3
    assert concern.text == (
        "10,0\u00a0% vuonna 2023 (⚠ 3 v) – merkitsevästi Pohjois-Pohjanmaata parempi (12,0\u00a0%), "
        "mutta se kasvaa ja heikkenee (2019–2023)."
    )


def test_counts_are_not_comparable_and_monthly_indicators_are_skipped():
    frame = series(
        ("pop", "A", 2017, 15386.0, None, None),
        ("pop", "MK17", 2017, 411856.0, None, None),
        ("mon", "A", 2023, 9.0, 90, 1000),
    )
    _, rows = build(frame, catalogue(POP, MONTHLY))
    assert [r.indicator_id for r in rows] == ["pop"]
    assert rows[0].against("MK17").comparison.kind == "not_comparable"
    assert S.format_value(rows[0].value, rows[0].unit, rows[0].decimals) == "15\u202f386"


def test_indicator_without_area_values_is_not_shown():
    frame = series(("diab", "MK17", 2023, 10.0, None, None), ("diab", "A", 2023, None, None, None))
    assert build(frame, catalogue(DIAB))[1] == []


# --- summary selection ------------------------------------------------------------------------------
def _row(ind: str, year: int, value: float, bench: float | None, tested: bool = True) -> S.IndicatorRow:
    """A row judged against MK17 built straight from numbers (lower is better)."""
    from tilannekuva import judgements as J

    mk = S.Benchmark("MK17", "Pohjois-Pohjanmaa", "region")
    num, den = (value * 1000, 100_000) if tested else (None, None)
    comparison = J.compare(
        value,
        bench,
        "lower",
        numerator=num,
        denominator=den,
        scale=100.0,
        ci_method="wilson",
        value_type="percent",
        decimals=1,
    )
    flat = J.trend([(y, value) for y in range(year - 4, year + 1)], "lower")
    return S.IndicatorRow(
        ind,
        ind,
        "koko väestö",
        "%",
        1,
        "lower",
        "percent",
        "THL Sotkanet",
        year,
        value,
        J.change([(year, value)], 1),
        J.change([(year, value)], 5),
        flat,
        (S.BenchmarkValue(mk, year, bench, comparison),),
        (),
    )


def test_summary_ranks_tested_before_untested_skips_old_data_and_limits():
    mk = S.Benchmark("MK17", "Pohjois-Pohjanmaa", "region")
    rows = [
        _row("untested_worse", 2022, 15.0, 10.0, tested=False),
        _row("tested_worse_2016", 2016, 15.0, 10.0),
        _row("tested_worse_2020", 2020, 15.0, 10.0),
        _row("old_worse", 2015, 30.0, 10.0),  # 2026 - 2015 = 11 > 10 years: left out
        _row("tested_worse_small", 2020, 11.0, 10.0),
    ]
    summary = S.summarise(rows, mk, THIS_YEAR, limit=3)
    assert summary.first_year == 2016
    # Recency band first (2020 and 2022 are 4–6 years old, 2016 is 10): inside a band the tested
    # findings (tier 2), newer year first, then the larger relative difference; then the untested
    # 2022 finding (tier 4); the tested 2016 one comes last: old evidence never pushes out new.
    assert [f.row.indicator_id for f in summary.concerns] == [
        "tested_worse_2020",
        "tested_worse_small",
        "untested_worse",
    ]
    assert [f.tier for f in S.summarise(rows, mk, THIS_YEAR, limit=10).concerns] == [2, 2, 4, 2]
    assert all("old_worse" != f.row.indicator_id for f in S.summarise(rows, mk, THIS_YEAR, limit=10).concerns)


def test_nothing_qualifies_gives_empty_lists():
    mk = S.Benchmark("MK17", "Pohjois-Pohjanmaa", "region")
    summary = S.summarise([_row("same", 2023, 10.0, 10.0), _row("old", 2001, 20.0, 10.0)], mk, THIS_YEAR)
    assert summary.concerns == () and summary.strengths == ()
    text = TS.NO_CONCERNS.format(first=summary.first_year)
    assert text.startswith("Tiedoista vuodesta 2016 alkaen") and "tuoreista" not in text.casefold()


# --- tables -------------------------------------------------------------------------------------
def test_themes_in_order_newest_first_and_old_rows_can_be_hidden():
    rows = [_row("b", 2016, 1.0, None), _row("a", 2011, 1.0, None), _row("c", 2023, 1.0, None)]
    rows.append(S.IndicatorRow(**{**rows[0].__dict__, "indicator_id": "k", "name": "k", "theme": "lapset ja nuoret"}))
    grouped = S.group_by_theme(rows, THIS_YEAR)
    assert [t for t, _ in grouped] == ["lapset ja nuoret", "koko väestö"]
    assert [r.indicator_id for r in grouped[1][1]] == ["c", "b", "a"]
    hidden = S.group_by_theme(rows, THIS_YEAR, show_old=False)
    assert [r.indicator_id for r in hidden[1][1]] == ["c", "b"]


def test_year_labels_flag_stale_and_old_data():
    assert S.year_label(2025, THIS_YEAR) == "2025 (1 v)"
    assert S.year_label(2023, THIS_YEAR) == "2023 (⚠ 3 v)"  # STALE_YEARS = 3
    assert S.year_label(2016, THIS_YEAR) == "2016 (⚠ 10 v)"
    assert S.year_label(2015, THIS_YEAR) == "2015 (⚠ 11 v, vanha)"  # more than OLD_YEARS = 10
    counts = S.age_counts([_row("a", 2022, 1, None), _row("b", 2016, 1, None), _row("c", 2011, 1, None)], THIS_YEAR)
    assert (counts["recent"], counts["middle"], counts["old"]) == (1, 1, 1)
    assert (counts["recent_from"], counts["middle_to"], counts["old_before"]) == (2021, 2020, 2016)


def test_colours_follow_the_judgement_and_old_rows_are_grey():
    _, rows = build(diabetes_worsening(), catalogue(DIAB))
    benchmarks = S.benchmarks_for("A", AREAS)[0]
    (colours,) = S.theme_colours(rows, benchmarks, THIS_YEAR)
    assert colours["vrt. Pohjois-Pohjanmaa"] == "#D55E00" and colours["Kehitys 5 v"] == "#D55E00"
    (old,) = S.theme_colours([_row("x", 2001, 1, None)], benchmarks[1:2], THIS_YEAR)
    assert set(old.values()) == {S.OLD_ROW_COLOUR}


def test_number_formats_and_years_span():
    from tilannekuva import judgements as J

    assert S.format_value(12.34, "%", 1) == "12,3\u00a0%"
    assert S.format_value(2076.94, "€/asukas", 1) == "2\u202f076,9\u00a0€/asukas"
    assert S.format_value(5.0, "/1000 vastaavanikäistä", 1) == "5,0\u00a0/1000 vastaavanikäistä"
    assert S.format_value(None, "%", 1) == "ei tietoa"
    assert S.format_change(J.Change(-1.26, 2018, 2023, 3.0, 1.74), 1) == "−1,3"
    assert S.format_change(J.Change(0.01, 2022, 2023, 3.0, 3.01), 1) == "±0,0"
    _, rows = build(diabetes_worsening(), catalogue(DIAB))
    assert S.years_span(rows) == "2019–2023"  # trend window 2019–2023 (5-year change not computable)
    assert S.years_span([]) == ""


def test_sentence_says_no_significant_change():
    # 10 000 / 100 000 = 10,0 % ± 0,19 -> MK17 10,1 % is inside: no difference; the flat series has
    # no significant change.
    row = _row("x", 2023, 10.0, 10.1)
    assert S.finding_sentence(row, row.against("MK17")) == (
        "10,0\u00a0% vuonna 2023 – ei merkitsevää eroa Pohjois-Pohjanmaahan (10,1\u00a0%); viiden vuoden kehityksessä "
        "ei merkitsevää muutosta (2019–2023)."
    )


def test_theme_download_keeps_numbers_as_numbers():
    benchmarks, rows = build(diabetes_worsening(), catalogue(DIAB))
    table = S.theme_export(rows, benchmarks)
    row = table.row(0, named=True)
    assert (row["Arvo"], row["Vuosi"], row["Yksikkö"]) == (12.0, 2023, "%")
    assert row["Pohjois-Pohjanmaa: arvo"] == 10.0 and row["Pohjois-Pohjanmaa: arvio"] == "heikompi"
    assert row["Muutos 1 v"] == pytest.approx(0.5) and row["Muutos 5 v"] is None
    assert table.schema["Arvo"] == pl.Float64


def test_a_tiny_untested_difference_is_no_finding():
    # 380,3 vs 380,2 (0,03 %) without a test: the table says "parempi (ei testattu)", but the
    # summary does not call it a strength; 400 vs 380,2 (5,2 %) it does (tier 4).
    mk = S.Benchmark("MK17", "Pohjois-Pohjanmaa", "region")
    tiny = _row("tiny", 2024, 380.2 * 0.999, 380.2, tested=False)  # lower is better: 0,1 % lower
    clear = _row("clear", 2024, 380.2 * 0.95, 380.2, tested=False)  # 5 % lower
    summary = S.summarise([tiny, clear], mk, THIS_YEAR)
    assert [f.row.indicator_id for f in summary.strengths] == ["clear"]
    assert tiny.against("MK17").comparison.word == "parempi (ei testattu)"
