"""Area aggregates: every rule with hand-computed numbers on tiny synthetic data, then the same
rules checked against the real shipped data (the session-built warehouse)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tilannekuva.build import aggregate, inputs
from tilannekuva.build.aggregate import NOTE_EXCL_VAALA

ROOT = Path(__file__).resolve().parent.parent

# Three municipalities: 001 and 002 form area "a1", 003 alone forms "a2"; all three are the region.
KUNNAT = ["001", "002", "003"]
MEMBERSHIP = pl.DataFrame({"kuntanumero": KUNNAT, "area_code": ["a1", "a1", "a2"]})

CATALOG_ROWS = [
    # indicator_id, value_type, decimals, aggregation, weight_indicator, scale, frequency
    ("pop", "count", "0", "sum", "", "", "year"),
    ("rate", "percent", "1", "ratio", "", "100", "year"),
    ("eur", "currency", "0", "weighted", "pop", "", "year"),
    ("median_age", "index", "1", "none", "", "", "year"),
    ("jobs_kk", "count", "0", "sum", "", "", "month"),
]


def write_catalog(path: Path, rows=CATALOG_ROWS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, inputs.CATALOG_COLUMNS)
        writer.writeheader()
        for iid, value_type, decimals, aggregation, weight, scale, frequency in rows:
            writer.writerow(
                {
                    "indicator_id": iid,
                    "name_fi": f"Testi {iid}",
                    "theme": "koko väestö",
                    "topic": "testi",
                    "unit": "lkm",
                    "value_type": value_type,
                    "decimals": decimals,
                    "polarity": "neutral",
                    "aggregation": aggregation,
                    "weight_indicator": weight,
                    "scale": scale,
                    "ci_method": "",
                    "frequency": frequency,
                    "source_system": "statfin",
                    "source_org": "Tilastokeskus",
                    "sotkanet_id": "",
                    "certainty": "high",
                    "caveat_fi": "",
                }
            )
    return path


@pytest.fixture()
def catalog(tmp_path) -> pl.DataFrame:
    return inputs.load_catalog(write_catalog(tmp_path / "indicators.csv"))


def v(
    indicator_id,
    area_code,
    year,
    value,
    abs_value=None,
    *,
    month=None,
    status=None,
    territory=None,
    source="statfin",
    gender="total",
):
    return {
        "source": source,
        "indicator_id": indicator_id,
        "area_code": area_code,
        "year": year,
        "month": month,
        "gender": gender,
        "value": value,
        "abs_value": abs_value,
        "status": status or ("ok" if value is not None else "missing"),
        "source_file": "test.csv",
        "territory_note": territory,
    }


def frame(rows) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=inputs.VALUE_SCHEMA)


BASE_2020 = [
    v("pop", "001", 2020, 1000.0),
    v("pop", "002", 2020, 3000.0),
    v("pop", "003", 2020, 500.0),
    # 10 % of 100 and 20 % of 900 (rate + absolute count, as Sotkanet gives them); 9.7 % with 87 cases
    v("rate", "001", 2020, 10.0, 10.0),
    v("rate", "002", 2020, 20.0, 180.0),
    v("rate", "003", 2020, 9.7, 87.0),
    v("eur", "001", 2020, 100.0),
    v("eur", "002", 2020, 200.0),
    v("eur", "003", 2020, 400.0),
    v("median_age", "001", 2020, 41.0),
    v("median_age", "002", 2020, 38.0),
    v("median_age", "003", 2020, 50.0),
    v("jobs_kk", "001", 2020, 5.0, month=1),
    v("jobs_kk", "002", 2020, 7.0, month=1),
    v("jobs_kk", "003", 2020, 1.0, month=1),
    v("jobs_kk", "001", 2020, 6.0, month=2),
    v("jobs_kk", "002", 2020, 8.0, month=2),
    v("jobs_kk", "003", 2020, 2.0, month=2),
]


def computed(values: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """Area values as the build makes them: aggregates of areas with several members, and the
    single-member area a2 (= municipality 003) as that municipality's own rows."""
    kunta = aggregate.municipal_rows(values, catalog, KUNNAT)
    members = aggregate.group_members(MEMBERSHIP)
    return pl.concat(
        [
            aggregate.compute_area_values(kunta, catalog, members).drop("margin"),
            aggregate.same_territory_areas(kunta, members),
        ]
    )


def one(frame_: pl.DataFrame, **key) -> dict:
    rows = frame_.filter(*[(pl.col(k).is_null() if val is None else pl.col(k) == val) for k, val in key.items()])
    assert rows.height == 1, f"expected one row for {key}, got {rows.height}:\n{rows}"
    return rows.row(0, named=True)


# --------------------------------------------------------------------------- municipal rows


def test_municipal_ratio_rows_carry_numerator_and_derived_denominator(catalog):
    kunta = aggregate.municipal_rows(frame(BASE_2020), catalog, KUNNAT)
    row = one(kunta, indicator_id="rate", area_code="003", year=2020)
    # denominator = count × scale / rate = 87 × 100 / 9.7
    assert row["numerator"] == 87.0
    assert row["denominator"] == pytest.approx(896.9072164948454, rel=1e-12)
    assert row["method"] == "source"
    assert row["source"] == "Tilastokeskus"  # the source label, not the loader's key
    first = one(kunta, indicator_id="rate", area_code="001", year=2020)
    assert (first["numerator"], first["denominator"]) == (10.0, 100.0)
    # non-ratio indicators do not pretend to have a numerator/denominator
    pop = one(kunta, indicator_id="pop", area_code="001", year=2020)
    assert pop["numerator"] is None and pop["denominator"] is None


def test_municipal_rows_only_for_listed_municipalities_and_explicit_missing(catalog):
    values = frame([v("pop", "001", 2021, 1010.0), v("pop", "003", 2021, 505.0), v("pop", "MK17", 2021, 1.0)])
    kunta = aggregate.municipal_rows(values, catalog, KUNNAT)
    assert sorted(kunta["area_code"]) == KUNNAT  # MK17 is not a municipal row
    gap = one(kunta, area_code="002")
    assert gap["status"] == "missing" and gap["value"] is None
    assert gap["source"] == "Tilastokeskus"  # named from a sibling row, never anonymous


# --------------------------------------------------------------------------- area rules


def test_sum(catalog):
    out = computed(frame(BASE_2020), catalog)
    a1 = one(out, indicator_id="pop", area_code="a1", year=2020)
    assert a1["value"] == 4000.0  # 1000 + 3000
    assert a1["method"] == "sum" and a1["status"] == "ok"
    assert a1["numerator"] is None and a1["denominator"] is None
    assert one(out, indicator_id="pop", area_code="a2", year=2020)["value"] == 500.0
    assert one(out, indicator_id="pop", area_code="MK17", year=2020)["value"] == 4500.0
    assert one(out, indicator_id="pop", area_code="HVA19", year=2020)["value"] == 4500.0


def test_ratio_is_sum_of_numerators_over_sum_of_denominators_not_mean_of_rates(catalog):
    out = computed(frame(BASE_2020), catalog)
    a1 = one(out, indicator_id="rate", area_code="a1", year=2020)
    # (10 + 180) / (100 + 900) × 100 = 19 %; the plain mean of 10 % and 20 % would be 15 %
    assert a1["value"] == pytest.approx(19.0, abs=1e-12)
    assert a1["value"] != pytest.approx((10.0 + 20.0) / 2)
    assert a1["numerator"] == pytest.approx(190.0)
    assert a1["denominator"] == pytest.approx(1000.0)
    assert a1["method"] == "ratio"
    region = one(out, indicator_id="rate", area_code="MK17", year=2020)
    # (10 + 180 + 87) / (100 + 900 + 87 × 100 / 9.7) × 100
    assert region["value"] == pytest.approx(277 / (1000 + 8700 / 9.7) * 100, rel=1e-12)
    assert region["value"] == pytest.approx(14.6027, abs=1e-4)


def test_ratio_needs_the_count_to_derive_a_denominator(catalog):
    values = frame([v("rate", "001", 2020, 10.0, 10.0), v("rate", "002", 2020, 20.0, None)])  # 002: rate only
    out = computed(values, catalog)
    a1 = one(out, indicator_id="rate", area_code="a1", year=2020)
    assert a1["status"] == "missing" and a1["value"] is None
    assert a1["numerator"] is None and a1["denominator"] is None


def test_weighted_by_the_weight_indicator_of_the_same_year(catalog):
    out = computed(frame(BASE_2020), catalog)
    a1 = one(out, indicator_id="eur", area_code="a1", year=2020)
    # (100 × 1000 + 200 × 3000) / (1000 + 3000) = 175 (the plain mean would be 150)
    assert a1["value"] == pytest.approx(175.0)
    assert a1["method"] == "weighted"
    assert "pop" in a1["note"]
    region = one(out, indicator_id="eur", area_code="MK17", year=2020)
    assert region["value"] == pytest.approx((100 * 1000 + 200 * 3000 + 400 * 500) / 4500)  # 200


def test_weighted_without_the_weight_is_missing(catalog):
    values = frame(
        [
            *BASE_2020,
            v("eur", "001", 2021, 100.0),
            v("eur", "002", 2021, 200.0),
            v("pop", "001", 2021, 1000.0),
            v("pop", "002", 2021, None),
        ]
    )
    out = computed(values, catalog)
    assert one(out, indicator_id="eur", area_code="a1", year=2021)["status"] == "missing"


def test_none_gives_no_area_rows(catalog):
    out = computed(frame(BASE_2020), catalog)
    # a median cannot be aggregated: no row for a1 (two members) or the region ...
    assert sorted(out.filter(pl.col("indicator_id") == "median_age")["area_code"]) == ["a2"]
    observations, _ = aggregate.build_observations(frame(BASE_2020), catalog, MEMBERSHIP, KUNNAT)
    median = observations.filter(pl.col("indicator_id") == "median_age")
    assert sorted(median["area_code"]) == [*KUNNAT, "a2"]
    # ... but the area a2 *is* municipality 003, so it shows 003's own value, marked as such
    a2 = one(median, area_code="a2")
    assert (a2["value"], a2["method"]) == (50.0, "same_territory")


def test_a_single_member_area_shows_the_same_rows_as_its_municipality(catalog):
    observations, _ = aggregate.build_observations(
        frame(BASE_2020), catalog, MEMBERSHIP, KUNNAT, names={"003": "Kolmola"}
    )
    a2 = observations.filter(pl.col("area_code") == "a2").sort("indicator_id", "month")
    k3 = observations.filter(pl.col("area_code") == "003").sort("indicator_id", "month")
    assert a2.select("indicator_id", "year", "month", "value", "numerator", "denominator").equals(
        k3.select("indicator_id", "year", "month", "value", "numerator", "denominator")
    )
    assert set(a2["method"]) == {"same_territory"}
    assert set(a2["note"]) == {"Alue on sama kuin kunta Kolmola: sen omat luvut."}


def test_monthly_series_are_aggregated_month_by_month(catalog):
    out = computed(frame(BASE_2020), catalog)
    assert one(out, indicator_id="jobs_kk", area_code="a1", year=2020, month=1)["value"] == 12.0  # 5 + 7
    assert one(out, indicator_id="jobs_kk", area_code="a1", year=2020, month=2)["value"] == 14.0  # 6 + 8
    assert one(out, indicator_id="jobs_kk", area_code="MK17", year=2020, month=2)["value"] == 16.0
    assert out.filter((pl.col("indicator_id") == "jobs_kk") & pl.col("month").is_null()).height == 0


def test_a_missing_member_gives_a_missing_area_row_not_a_partial_sum(catalog):
    values = frame([v("pop", "001", 2021, 1010.0), v("pop", "003", 2021, 505.0)])  # 002 has no 2021 value
    out = computed(values, catalog)
    a1 = one(out, indicator_id="pop", area_code="a1", year=2021)
    assert a1["status"] == "missing"
    assert a1["value"] is None  # not 1010
    assert a1["method"] == "sum"
    assert "puuttuu" in a1["note"]
    assert one(out, indicator_id="pop", area_code="a2", year=2021)["value"] == 505.0  # complete area still ok
    assert one(out, indicator_id="pop", area_code="MK17", year=2021)["status"] == "missing"


def test_gender_series_are_kept_apart(catalog):
    values = frame(
        [
            v("pop", k, 2020, n, gender=g)
            for k, n, g in [
                ("001", 400.0, "male"),
                ("002", 1500.0, "male"),
                ("003", 250.0, "male"),
                ("001", 600.0, "female"),
                ("002", 1500.0, "female"),
                ("003", 250.0, "female"),
            ]
        ]
    )
    out = computed(values, catalog)
    assert one(out, area_code="a1", gender="male")["value"] == 1900.0
    assert one(out, area_code="a1", gender="female")["value"] == 2100.0


def test_catalogue_without_weighted_indicators(tmp_path):
    """All-empty text columns of the catalogue (here: weight_indicator) keep their String type,
    so a catalogue without any weighted indicator still aggregates."""
    catalog = inputs.load_catalog(write_catalog(tmp_path / "c.csv", [CATALOG_ROWS[0]]))
    assert catalog.schema["weight_indicator"] == pl.String
    assert catalog.schema["ci_method"] == pl.String
    observations, _ = aggregate.build_observations(frame(BASE_2020[:3]), catalog, MEMBERSHIP, KUNNAT)
    assert one(observations, area_code="a1")["value"] == 4000.0


# --------------------------------------------------------------------------- region: source vs computed


def test_current_source_value_wins_and_is_checked(catalog):
    values = frame(
        [
            *BASE_2020,
            v("pop", "MK17", 2020, 4500.0),
            v("rate", "MK17", 2020, 14.6, 277.0),
            v("pop", "SSS", 2020, 5_500_000.0),
        ]
    )
    observations, checks = aggregate.build_observations(values, catalog, MEMBERSHIP, KUNNAT)

    mk = one(observations, indicator_id="pop", area_code="MK17", year=2020)
    assert (mk["value"], mk["method"], mk["source"]) == (4500.0, "source", "Tilastokeskus")
    check = one(checks, indicator_id="pop", area_code="MK17", year=2020)
    assert (check["source_value"], check["computed_value"], check["abs_diff"]) == (4500.0, 4500.0, 0.0)
    # tolerance: half a unit of the published precision (0 decimals); whole counts add no rounding
    assert check["tolerance"] == pytest.approx(0.5, abs=1e-8)
    assert check["ok"] is True

    # the source's ratio keeps its own count and derived base
    rate = one(observations, indicator_id="rate", area_code="MK17", year=2020)
    assert rate["method"] == "source" and rate["value"] == 14.6
    assert rate["numerator"] == 277.0 and rate["denominator"] == pytest.approx(277 * 100 / 14.6)
    rate_check = one(checks, indicator_id="rate", area_code="MK17", year=2020)
    assert rate_check["computed_value"] == pytest.approx(277 / (1000 + 8700 / 9.7) * 100)
    # The real rounding margin: the source's half unit (0.05) plus our value's error from the one
    # denominator derived from a rounded rate (003: 87 × 100 / 9.7, the rate ± 0.05 -> relative
    # error ε = 0.05 / 9.7 = 0.0051546); the ratio can be off by R·ε/(1 − ε).
    eps = 0.05 / 9.7
    r = 277 / (1000 + 8700 / 9.7) * 100
    assert rate_check["tolerance"] == pytest.approx(0.05 + r * eps / (1 - eps), abs=1e-8)
    assert rate_check["ok"] is True

    # HVA19 has no source value of its own: it inherits MK17's (same 30 municipalities)
    hva = one(observations, indicator_id="pop", area_code="HVA19", year=2020)
    assert (hva["value"], hva["method"]) == (4500.0, "source")
    assert one(checks, indicator_id="pop", area_code="HVA19", year=2020)["ok"] is True

    # the country is never computed here; it is the source's value
    sss = one(observations, indicator_id="pop", area_code="SSS", year=2020)
    assert (sss["value"], sss["method"]) == (5_500_000.0, "source")

    # areas are always computed
    assert one(observations, indicator_id="pop", area_code="a1", year=2020)["method"] == "sum"
    # exactly one row per key: the computed MK17 value is not kept beside the source's
    assert observations.select(aggregate.KEY).is_duplicated().sum() == 0


def test_disagreeing_source_value_is_flagged(catalog):
    values = frame([*BASE_2020, v("pop", "MK17", 2020, 4000.0)])
    _, checks = aggregate.build_observations(values, catalog, MEMBERSHIP, KUNNAT)
    check = one(checks, indicator_id="pop", area_code="MK17", year=2020)
    assert check["abs_diff"] == 500.0
    assert check["ok"] is False


def test_hva19_own_source_beats_the_inherited_mk17_value(catalog):
    values = frame([*BASE_2020, v("pop", "MK17", 2020, 4490.0), v("pop", "HVA19", 2020, 4480.0, source="sotkanet")])
    observations, checks = aggregate.build_observations(values, catalog, MEMBERSHIP, KUNNAT)
    hva = one(observations, indicator_id="pop", area_code="HVA19", year=2020)
    assert (hva["value"], hva["source"]) == (4480.0, "THL Sotkanet")
    assert one(checks, indicator_id="pop", area_code="HVA19", year=2020)["source_value"] == 4480.0
    assert one(observations, indicator_id="pop", area_code="MK17", year=2020)["value"] == 4490.0


def test_2013_border_source_value_is_replaced_by_the_computed_one(catalog):
    values = frame([*BASE_2020, v("pop", "MK17", 2020, 4400.0, territory="excl_vaala")])
    observations, checks = aggregate.build_observations(values, catalog, MEMBERSHIP, KUNNAT)
    mk = one(observations, indicator_id="pop", area_code="MK17", year=2020)
    assert (mk["value"], mk["method"]) == (4500.0, "sum")
    check = one(checks, indicator_id="pop", area_code="MK17", year=2020)
    assert (check["source_value"], check["computed_value"], check["abs_diff"]) == (4400.0, 4500.0, 100.0)
    assert check["ok"] is None  # not comparable: other borders
    assert "Vaala" in check["note"]
    # HVA19 never inherits a 2013-border value
    hva = one(observations, indicator_id="pop", area_code="HVA19", year=2020)
    assert (hva["value"], hva["method"]) == (4500.0, "sum")
    assert checks.filter(pl.col("area_code") == "HVA19").height == 0


def test_2013_border_source_value_is_kept_when_nothing_can_be_computed(catalog):
    values = frame(
        [
            *BASE_2020,
            v("pop", "MK17", 2005, 4300.0, territory="excl_vaala"),  # no municipal values in 2005
            v("pop", "001", 2021, 1010.0),
            v("pop", "003", 2021, 505.0),  # 2021: 002 missing
            v("pop", "MK17", 2021, 4390.0, territory="excl_vaala"),
        ]
    )
    observations, checks = aggregate.build_observations(values, catalog, MEMBERSHIP, KUNNAT)
    for year, value in ((2005, 4300.0), (2021, 4390.0)):
        mk = one(observations, indicator_id="pop", area_code="MK17", year=year)
        assert (mk["value"], mk["method"], mk["status"]) == (value, "source_excl_vaala", "ok")
        assert mk["note"] == NOTE_EXCL_VAALA
    assert observations.filter((pl.col("area_code") == "HVA19") & (pl.col("year") == 2005)).height == 0
    assert one(observations, indicator_id="pop", area_code="HVA19", year=2021)["status"] == "missing"
    assert checks.filter(pl.col("year").is_in([2005, 2021])).height == 0


def test_region_source_without_value_does_not_hide_the_computed_value(catalog):
    values = frame([*BASE_2020, v("pop", "MK17", 2020, None, status="suppressed")])
    observations, checks = aggregate.build_observations(values, catalog, MEMBERSHIP, KUNNAT)
    assert checks["source_value"].null_count() == 0
    mk = one(observations, indicator_id="pop", area_code="MK17", year=2020)
    assert (mk["value"], mk["method"]) == (4500.0, "sum")


# --------------------------------------------------------------------------- the real data


@pytest.fixture(scope="module")
def con(built_db):
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def snapshot_value(indicator_id: str, region_code: str, year: int, column: str = "value") -> float:
    with (ROOT / "data" / "sources" / "snapshot_values.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["source"], row["indicator_id"], row["region_code"], row["year"], row["gender"]) == (
                "sotkanet",
                indicator_id,
                region_code,
                str(year),
                "total",
            ):
                return float(row[column])
    raise AssertionError(f"{indicator_id} {region_code} {year} not in the snapshot")


def test_real_683_official_region_value_agrees_with_our_ratio(con):
    rows = con.execute("""
        SELECT c.year, c.source_value, c.computed_value, c.abs_diff, c.ok, o.value, o.method
        FROM aggregate_check c
        JOIN observations o ON o.indicator_id = c.indicator_id AND o.area_code = c.area_code
             AND o.year = c.year AND o.gender = c.gender AND o.month IS NULL
        WHERE c.indicator_id = '683' AND c.area_code = 'MK17' AND c.gender = 'total'
        ORDER BY c.year""").fetchall()
    assert [r[0] for r in rows] == list(range(2015, 2024))
    for year, source_value, computed_value, abs_diff, ok, shown, method in rows:
        assert ok is True, year
        assert abs_diff <= 0.1, (year, source_value, computed_value)
        assert abs(computed_value - source_value) == pytest.approx(abs_diff)
        assert method == "source" and shown == source_value  # the official value is what is shown
        assert source_value == snapshot_value("683", "PPO", year)


def test_real_683_municipal_counts_add_up_to_the_official_region_count(con):
    municipal_sum, n = con.execute("""
        SELECT sum(o.numerator), count(o.numerator)
        FROM observations o JOIN areas a USING (area_code)
        WHERE o.indicator_id = '683' AND a.level = 'kunta' AND o.year = 2023 AND o.gender = 'total'""").fetchone()
    assert n == 30
    assert municipal_sum == 25733.0
    assert snapshot_value("683", "PPO", 2023, "abs_value") == 25733.0
    region = con.execute(
        "SELECT numerator FROM observations WHERE indicator_id = '683' AND area_code = 'MK17' "
        "AND year = 2023 AND gender = 'total'"
    ).fetchone()[0]
    assert region == 25733.0


def test_real_population_of_oulunkaari_is_the_sum_of_its_four_municipalities(con):
    members = {"139": "Ii", "615": "Pudasjärvi", "785": "Vaala", "889": "Utajärvi"}
    assert sorted(con.execute("SELECT area_code FROM areas WHERE parent_code = 'oulunkaari'").fetchall()) == [
        (c,) for c in sorted(members)
    ]
    names = dict(con.execute("SELECT area_code, name_fi FROM areas WHERE parent_code = 'oulunkaari'").fetchall())
    assert names == members
    expected = sum(snapshot_value("127", code, 2022) for code in members)
    value, method = con.execute(
        "SELECT value, method FROM observations WHERE indicator_id = '127' "
        "AND area_code = 'oulunkaari' AND year = 2022 AND gender = 'total'"
    ).fetchone()
    assert value == expected == 22605.0
    assert method == "sum"


def test_real_2012_region_population_is_computed_with_vaala(con):
    value, method = con.execute(
        "SELECT value, method FROM observations WHERE indicator_id = '127' "
        "AND area_code = 'MK17' AND year = 2012 AND gender = 'total'"
    ).fetchone()
    municipal = con.execute("""SELECT sum(o.value), count(o.value) FROM observations o JOIN areas a USING (area_code)
        WHERE o.indicator_id = '127' AND a.level = 'kunta' AND o.year = 2012 AND o.gender = 'total'""").fetchone()
    source_2013_borders = snapshot_value("127", "PPO", 2012)
    vaala = snapshot_value("127", "785", 2012)
    assert method == "sum"
    assert municipal == (value, 30)
    assert value != source_2013_borders
    assert value - source_2013_borders == vaala  # the whole difference is Vaala
    check = con.execute(
        "SELECT source_value, ok FROM aggregate_check WHERE indicator_id = '127' AND area_code = 'MK17' AND year = 2012"
    ).fetchone()
    assert check == (source_2013_borders, None)


def test_real_no_check_disagrees_and_no_plain_mean_sneaks_in(con):
    assert con.execute("SELECT count(*) FROM aggregate_check WHERE ok = false").fetchone()[0] == 0
    # every computed ratio row satisfies value = numerator / denominator × scale
    bad = con.execute("""
        SELECT count(*) FROM observations o JOIN indicators i USING (indicator_id)
        WHERE o.method = 'ratio' AND o.status = 'ok'
          AND abs(o.value - o.numerator / o.denominator * i.scale) > 1e-9""").fetchone()[0]
    n_ratio = con.execute("SELECT count(*) FROM observations WHERE method = 'ratio' AND status = 'ok'").fetchone()[0]
    assert n_ratio > 0 and bad == 0


def test_a_region_count_off_by_more_than_rounding_fails_its_check(catalog):
    # 4490 published vs 4500 summed from whole counts: 10 persons is not rounding (margin 0.5).
    values = frame([*BASE_2020, v("pop", "MK17", 2020, 4490.0)])
    _, checks = aggregate.build_observations(values, catalog, MEMBERSHIP, KUNNAT)
    check = one(checks, indicator_id="pop", area_code="MK17", year=2020)
    assert check["abs_diff"] == 10.0 and check["ok"] is False


def test_region_sum_of_an_unsummable_count_is_dropped(tmp_path):
    # An in-migration-like count (aggregation none): a region value equal to the members' sum
    # (1000 + 3000 + 500) counts moves between members, so it is not a region value; another
    # region value is kept.
    rows = [("migr", "count", "0", "none", "", "", "year")]
    cat = inputs.load_catalog(write_catalog(tmp_path / "c.csv", CATALOG_ROWS + rows))
    values = frame(
        [
            v("migr", "001", 2020, 1000.0),
            v("migr", "002", 2020, 3000.0),
            v("migr", "003", 2020, 500.0),
            v("migr", "MK17", 2020, 4500.0),
            v("migr", "MK17", 2021, 3900.0),
            v("migr", "001", 2021, 1000.0),
            v("migr", "002", 2021, 3000.0),
            v("migr", "003", 2021, 500.0),
        ]
    )
    kept, dropped = aggregate.drop_naive_region_sums(values, cat, KUNNAT)
    assert dropped == 1
    assert kept.filter(pl.col("area_code") == "MK17")["year"].to_list() == [2021]
