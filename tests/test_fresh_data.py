"""The newer series of data/sources/fresh/ in the built warehouse: exact values from the files,
the sums stated in the shared data manifest, the estimate method for area months without counts,
the preliminary mark, and the concept keys that say which measure is current."""

from __future__ import annotations

import math

import duckdb
import pytest

from tilannekuva import judgements as J


@pytest.fixture(scope="module")
def con(built_db):
    with duckdb.connect(str(built_db), read_only=True) as c:
        yield c


def value(con, indicator, area, year, month=0, column="value"):
    row = con.execute(
        f"SELECT {column} FROM observation WHERE indicator_id = ? AND area_code = ? AND year = ? "
        "AND month = ? AND gender = 'total'",
        [indicator, area, year, month],
    ).fetchone()
    return None if row is None else row[0]


def test_tem_rates_after_the_counts_are_the_published_municipal_rates(con):
    # statfin_12r5 file: KU305 Kuusamo 2024-01 12.0, 2024-03 11.4; KU564 Oulu 2025-01 14.0.
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "305", 2024, 1) == 12.0
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "305", 2024, 3) == 11.4
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "564", 2025, 1) == 14.0
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "305", 2024, 1, "method") == "source"
    # Up to 2023-10 the exact rate from the counts file stays (Kuusamo 704 / 6 523 in 2023-10).
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "305", 2023, 10) == pytest.approx(100 * 704 / 6523)


def test_area_months_without_counts_are_estimates_weighted_by_the_last_counted_labour_force(con):
    # Koillismaa = Kuusamo (305) + Taivalkoski (832). 2024-01 rates from 12r5, weights = labour force
    # of 2023-10 (the counts file's last month), recomputed here from the warehouse's own rows.
    w = {k: value(con, "tem_tyottomat_pct_tyovoima_kk", k, 2023, 10, "denominator") for k in ("305", "832")}
    r = {k: value(con, "tem_tyottomat_pct_tyovoima_kk", k, 2024, 1) for k in ("305", "832")}
    expected = (r["305"] * w["305"] + r["832"] * w["832"]) / (w["305"] + w["832"])
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "koillismaa", 2024, 1) == pytest.approx(expected)
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "koillismaa", 2024, 1, "method") == "estimate"
    assert "Arvio" in value(con, "tem_tyottomat_pct_tyovoima_kk", "koillismaa", 2024, 1, "note")
    # An estimate carries no counts, so nothing is tested on it.
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "MK17", 2024, 1, "numerator") is None
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "MK17", 2024, 1, "method") == "estimate"
    # No whole-country row in 12r5: no value for the country after 2023-10, never a guess.
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "SSS", 2024, 1) is None
    # Before: the region's own counts (source), not an estimate.
    assert value(con, "tem_tyottomat_pct_tyovoima_kk", "MK17", 2023, 10, "method") == "source"


def test_annual_means_from_counts_and_estimated_years(con):
    # Kuusamo 2022 from the monthly counts file: Σ unemployed 6 830, Σ labour force 77 988 (12 months)
    # -> 8.7578 %, numerator = mean count 569.17, denominator = mean labour force 6 499.
    assert value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "305", 2022) == pytest.approx(100 * 6830 / 77988)
    assert value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "305", 2022, column="denominator") == pytest.approx(
        6499.0
    )
    # 2024: only 12r5 rates -> the mean of the twelve monthly rates, an estimate.
    months = [value(con, "tem_tyottomat_pct_tyovoima_kk", "305", 2024, m) for m in range(1, 13)]
    assert value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "305", 2024) == pytest.approx(sum(months) / 12)
    assert value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "305", 2024, column="method") == "estimate"
    # 2025 has one month only: no annual value.
    assert value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "305", 2025) is None


def test_kuusamo_2022_against_the_country_no_longer_flips_on_rounding(con):
    # From the snapshot's 2-decimal rates (8.76 % with mean count 569.2 -> derived base 6 497.7;
    # country 9.47 %) the Wilson interval's upper end was 9.4720 > 9.47: "no difference". From the
    # counts: 569.1667 of 6 499 (8.75776 %) and the country 2 995 887 / 31 635 072 = 9.47014 %.
    # By hand: p = 0.0875776, n = 6 499, z = 1.959964,
    # upper = (p + z²/2n + z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n) = 0.0946961 -> 9.46961 % < 9.47014 %:
    # the country is outside the interval, Kuusamo's unemployment is significantly lower (better).
    rounded = J.compare(
        8.76, 9.47, "lower", numerator=569.2, denominator=569.2 * 100 / 8.76, scale=100, ci_method="wilson", decimals=1
    )
    assert rounded.kind == "no_difference" and rounded.interval[1] == pytest.approx(9.4720, abs=1e-4)
    p, n, z = 569.1666667 / 6499, 6499, 1.959964
    upper = (p + z * z / (2 * n) + z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    assert 100 * upper == pytest.approx(9.46961, abs=1e-5)
    country = value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "SSS", 2022)
    assert country == pytest.approx(100 * 2995887 / 31635072)
    c = J.compare(
        value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "305", 2022),
        country,
        "lower",
        numerator=value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "305", 2022, column="numerator"),
        denominator=value(con, "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", "305", 2022, column="denominator"),
        scale=100,
        ci_method="wilson",
        decimals=1,
    )
    assert (c.kind, c.tested) == ("better", True)
    assert c.interval[1] == pytest.approx(100 * upper, abs=1e-6)


def test_population_net_migration_and_morbidity_from_the_fresh_files(con):
    # 11re: Kuusamo 31.12.2023 = 15 019; country 5 603 851; the 30 sum to 418 205 (manifest).
    assert value(con, "statfin_vaesto_31_12", "305", 2023) == 15019
    assert value(con, "statfin_vaesto_31_12", "SSS", 2023) == 5603851
    assert value(con, "statfin_vaesto_31_12", "MK17", 2023) == 418205
    # 11lj (preliminary): Kuusamo 2024-12 = 14 873, the 30 sum to 418 354 in 2024-12 (manifest).
    assert value(con, "statfin_vaesto_ennakko_kk", "305", 2024, 12) == 14873
    assert value(con, "statfin_vaesto_ennakko_kk", "MK17", 2024, 12) == 418354
    # 12w7: Oulu's twelve months of 2023 sum to 545; the 30 to −533 (2022) and −1 030 (2023).
    assert value(con, "statfin_nettomuutto_lkm", "564", 2023) == 545
    assert value(con, "statfin_nettomuutto_lkm", "MK17", 2022) == -533
    assert value(con, "statfin_nettomuutto_lkm", "MK17", 2023) == -1030
    # 5641: Kuusamo 117.2, Oulu 113.3; no region value (an index cannot be summed).
    assert value(con, "5641", "305", 2023) == 117.2
    assert value(con, "5641", "564", 2023) == 113.3
    assert value(con, "5641", "MK17", 2023) is None


def test_preliminary_and_medium_certainty_are_said_in_the_catalogue(con):
    name, caveat = con.execute(
        "SELECT name_fi, caveat_fi FROM indicator WHERE indicator_id = 'statfin_vaesto_ennakko_kk'"
    ).fetchone()
    assert "ennakkotieto" in name and "Ennakkotieto" in caveat
    certainty, caveat = con.execute("SELECT certainty, caveat_fi FROM indicator WHERE indicator_id = '5641'").fetchone()
    assert certainty == "medium" and "epäsuoraa reittiä" in caveat


def test_each_concept_has_one_current_measure_the_newest(con):
    rows = dict(
        con.execute("SELECT indicator_id, current_measure FROM indicator WHERE concept = 'tyottomyysaste'").fetchall()
    )
    assert rows == {
        "181": False,
        "ka_tyottomien_osuus_tyovoimasta": False,
        "tem_tyottomat_pct_tyovoima_vuosikeskiarvo": True,
    }
    population = dict(
        con.execute("SELECT indicator_id, current_measure FROM indicator WHERE concept = 'vaesto'").fetchall()
    )
    assert population == {"127": False, "ka_vakiluku": False, "statfin_vaesto_31_12": True}
    loans = dict(
        con.execute("SELECT indicator_id, current_measure FROM indicator WHERE concept = 'lainakanta'").fetchall()
    )
    assert sum(loans.values()) == 1 and loans["ka_lainakanta_eur_as"]  # tie 2016: the first listed
    assert (
        con.execute(
            "SELECT last_year FROM indicator WHERE indicator_id = 'tem_tyottomat_pct_tyovoima_vuosikeskiarvo'"
        ).fetchone()[0]
        == 2024
    )


def test_audit_fixes(con):
    # Pohjois-Pohjanmaa in/out-migration 3196/3197 equal to the members' sum are not region values.
    assert (
        con.execute(
            "SELECT count(*) FROM observation WHERE indicator_id IN ('3196', '3197') "
            "AND area_code IN ('MK17', 'HVA19') AND status = 'ok'"
        ).fetchone()[0]
        == 0
    )
    # The Pohde area Oulu is the city of Oulu: the same rows, also where areas get no value.
    oulu_city = con.execute(
        "SELECT indicator_id, year, month, value FROM observation WHERE area_code = '564' "
        "AND status = 'ok' AND gender = 'total' ORDER BY ALL"
    ).fetchall()
    oulu_area = con.execute(
        "SELECT indicator_id, year, month, value FROM observation WHERE area_code = 'oulu' "
        "AND status = 'ok' AND gender = 'total' ORDER BY ALL"
    ).fetchall()
    assert oulu_area == oulu_city and len(oulu_city) > 1000
    # Typos fixed; Gini's scale in its name.
    names = [r[0] for r in con.execute("SELECT name_fi FROM indicator").fetchall()]
    assert not any("häirioihin" in n or "vastaavanikais" in n for n in names)
    assert (
        con.execute("SELECT name_fi FROM indicator WHERE indicator_id = '3126'")
        .fetchone()[0]
        .startswith("Gini-kerroin (× 100)")
    )
