"""Vertailu and Indikaattorit logic and charts on synthetic frames, with hand-computed answers.

Pure: no database, no Streamlit. tilannekuva.comparison shapes the data, tilannekuva.charts.*
draw it; every expected number below is worked out by hand in the comments.
"""

from __future__ import annotations

import polars as pl
import pytest

from tilannekuva import comparison as C
from tilannekuva import judgements
from tilannekuva.charts.profile import cell_css, profile_styler, tint
from tilannekuva.charts.ranking import ranking_figure
from tilannekuva.charts.spread import spread_figure

# Five municipalities in two areas (codes are made up for the test).
AREAS = pl.DataFrame(
    {
        "area_code": ["north", "south", "001", "002", "003", "004", "005", "MK17", "SSS"],
        "name_fi": ["Pohjoinen", "Etelä", "Aapa", "Beeta", "Ceeta", "Deeta", "Eeta", "Pohjois-Pohjanmaa", "Koko maa"],
        "level": ["alue", "alue", "kunta", "kunta", "kunta", "kunta", "kunta", "maakunta", "maa"],
        "parent_code": ["HVA19", "HVA19", "north", "north", "south", "south", "south", "SSS", None],
        "sort_order": [1, 2, 100, 101, 102, 103, 104, 11, 12],
    }
)
KUNNAT = AREAS.filter(pl.col("level") == "kunta")


def indicator(**kw) -> dict:
    base = {
        "indicator_id": "x",
        "name_fi": "Testi",
        "theme": "koko väestö",
        "unit": "%",
        "value_type": "percent",
        "decimals": 1,
        "polarity": "higher",
        "scale": None,
        "ci_method": None,
        "aggregation": "none",
        "weight_indicator": None,
    }
    return {**base, **kw}


def year_rows(values: dict[str, float | None], extra: dict[str, float] | None = None) -> pl.DataFrame:
    """indicator_year-like rows: Deeta (004) has a 'missing' row, Eeta (005) has no row at all."""
    rows = [
        {
            "area_code": k,
            "name_fi": None,
            "value": v,
            "numerator": None,
            "denominator": None,
            "status": "ok" if v is not None else "missing",
            "method": "source",
        }
        for k, v in values.items()
    ]
    for k, v in (extra or {}).items():
        name = AREAS.filter(pl.col("area_code") == k)["name_fi"][0]
        rows.append(
            {
                "area_code": k,
                "name_fi": name,
                "value": v,
                "numerator": None,
                "denominator": None,
                "status": "ok",
                "method": "source",
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "area_code": pl.String,
            "name_fi": pl.String,
            "value": pl.Float64,
            "numerator": pl.Float64,
            "denominator": pl.Float64,
            "status": pl.String,
            "method": pl.String,
        },
    )


VALUES = {"001": 10.0, "002": 12.0, "003": 12.0, "004": None}  # 005 absent


# ---------------------------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------------------------
def test_ranking_order_ties_and_missing_higher_is_better():
    ranked = C.ranking(year_rows(VALUES), KUNNAT, indicator(polarity="higher"))
    # Best first = largest first; Beeta and Ceeta tie at 12,0 -> both rank 1, ordered by name;
    # Aapa is third (competition ranking 1, 1, 3). Deeta (missing row) and Eeta (no row) come last.
    assert ranked["name_fi"].to_list() == ["Beeta", "Ceeta", "Aapa", "Deeta", "Eeta"]
    assert ranked["rank"].to_list() == [1, 1, 3, None, None]
    assert ranked["value"].to_list() == [12.0, 12.0, 10.0, None, None]  # missing is null, never 0
    assert ranked["status"].to_list()[-2:] == ["missing", "missing"]


def test_ranking_lower_is_better_puts_smallest_first():
    ranked = C.ranking(year_rows(VALUES), KUNNAT, indicator(polarity="lower"))
    assert ranked["name_fi"].to_list()[:3] == ["Aapa", "Beeta", "Ceeta"]
    assert ranked["rank"].to_list()[:3] == [1, 2, 2]


def test_ranking_ties_at_display_precision():
    # 12.04 and 11.96 both show as 12,0 with one decimal -> they share the rank.
    ranked = C.ranking(year_rows({"001": 12.04, "002": 11.96, "003": 5.0}), KUNNAT, indicator(polarity="neutral"))
    assert ranked["rank"].to_list()[:3] == [1, 1, 3]


def test_ranking_judges_against_region_without_interval_as_untested():
    ranked = C.ranking(year_rows(VALUES, {"MK17": 11.0}), KUNNAT, indicator(polarity="higher"))
    by_name = {r["name_fi"]: r for r in ranked.iter_rows(named=True)}
    assert by_name["Beeta"]["word"] == "parempi (ei testattu)" and by_name["Beeta"]["symbol"] == "(✔)"
    assert by_name["Aapa"]["word"] == "heikompi (ei testattu)"
    assert by_name["Deeta"]["word"] == "ei tietoa"
    assert by_name["Beeta"]["color"] == judgements.COLORS["better_untested"]


def test_highlight_codes_for_municipality_area_and_region():
    assert C.highlight_codes("003", AREAS) == {"003"}
    assert C.highlight_codes("south", AREAS) == {"003", "004", "005"}
    assert C.highlight_codes("MK17", AREAS) == frozenset()
    assert C.area_of("002", AREAS) == "north" and C.area_of("south", AREAS) == "south"
    assert C.area_of("MK17", AREAS) is None


def test_ranking_figure_missing_rows_have_no_bar_and_say_ei_tietoa():
    ranked = C.ranking(year_rows(VALUES), KUNNAT, indicator(), highlight={"003"})
    fig = ranking_figure(ranked, [], unit="%", decimals=1)
    bars = fig.data[0]
    # Only the three municipalities with a value have bars; none of them is a zero bar.
    assert list(bars.x) == [12.0, 12.0, 10.0]
    assert "Deeta" not in bars.y and "Eeta" not in bars.y
    missing = fig.data[1]
    assert list(missing.y) == ["Deeta", "Eeta"]
    assert list(missing.text) == ["ei tietoa", "ei tietoa"]
    # All five keep their row on the axis, in ranking order (top first).
    assert list(fig.layout.yaxis.categoryarray) == ["Beeta", "<b>▶ Ceeta</b>", "Aapa", "Deeta", "Eeta"]
    assert fig.layout.yaxis.autorange == "reversed"


def test_ranking_figure_highlights_the_right_bar():
    ranked = C.ranking(year_rows(VALUES), KUNNAT, indicator(), highlight={"003"})
    bars = ranking_figure(ranked, [], unit="%", decimals=1).data[0]
    assert list(bars.y) == ["Beeta", "<b>▶ Ceeta</b>", "Aapa"]
    assert list(bars.marker.line.width) == [0, 3, 0]
    assert list(bars.text) == ["12,0", "12,0", "10,0"]  # no benchmark: number only, no symbol


def test_ranking_figure_reference_lines_at_region_and_country_values():
    rows = year_rows(VALUES, {"MK17": 11.0, "SSS": 10.5})
    refs = C.references(rows)
    assert [(r.area_code, r.value) for r in refs] == [("MK17", 11.0), ("SSS", 10.5)]
    fig = ranking_figure(C.ranking(rows, KUNNAT, indicator()), refs, unit="%", decimals=1)
    lines = sorted((s.x0, s.x1, s.line.dash) for s in fig.layout.shapes)
    assert lines == [(10.5, 10.5, "dot"), (11.0, 11.0, "dash")]
    names = {t.name for t in fig.data}
    assert {"Pohjois-Pohjanmaa 11,0", "Koko maa 10,5"} <= names
    # With the region as benchmark, the bar text carries the judgement symbol beside the number.
    assert list(fig.data[0].text) == ["12,0 (✔)", "12,0 (✔)", "10,0 (✖)"]


def test_references_skip_missing_values_and_flag_2013_borders():
    rows = year_rows({}, {"MK17": 11.0}).with_columns(pl.lit("source_excl_vaala").alias("method"))
    refs = C.references(rows)
    assert len(refs) == 1 and refs[0].excl_vaala
    assert C.references(year_rows({"001": 1.0})) == []


def test_ranking_table_shows_missing_as_ei_tietoa_not_zero():
    ranked = C.ranking(year_rows(VALUES), KUNNAT, indicator())
    table = C.ranking_table(ranked, 1, 2023, "Pohjois-Pohjanmaa")
    deeta = table.filter(pl.col("Kunta") == "Deeta").row(0, named=True)
    assert deeta["Arvo"] is None and deeta["Huomio"] == "ei tietoa" and deeta["Sija"] is None


# ---------------------------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------------------------
def wilson_case() -> tuple[pl.DataFrame, pl.DataFrame]:
    cat = pl.DataFrame(
        [
            indicator(
                indicator_id="rate",
                name_fi="Osuus",
                polarity="lower",
                scale=100.0,
                ci_method="wilson",
                aggregation="ratio",
            ),
            indicator(
                indicator_id="pop",
                name_fi="Väestö",
                unit="lkm",
                value_type="count",
                decimals=0,
                polarity="neutral",
                aggregation="sum",
            ),
        ]
    )
    values = pl.DataFrame(
        {
            "indicator_id": ["rate"] * 5 + ["pop"] * 2,
            "year": [2023] * 5 + [2011] * 2,
            "area_code": ["003", "004", "005", "001", "MK17", "003", "MK17"],
            "value": [30.0, 25.0, 18.0, 99.0, 20.0, 1000.0, 400000.0],
            "numerator": [30.0, 25.0, None, None, None, None, None],
            "denominator": [100.0, 100.0, None, None, None, None, None],
            "status": ["ok"] * 7,
            "method": ["source"] * 4 + ["source_excl_vaala", "source", "sum"],
        }
    )
    return cat, values


def test_profile_cells_hand_computed_wilson():
    cat, values = wilson_case()
    members = KUNNAT.filter(pl.col("parent_code") == "south").select("area_code", "name_fi")
    long = C.profile(values.filter(pl.col("area_code") != "001"), cat, members)
    cell = {(r["indicator_id"], r["municipality"]): r for r in long.iter_rows(named=True)}
    # Ceeta 30/100: Wilson 95 % with z = 1.959964, z² = 3.841459:
    #   centre = (0.30 + 3.841459/200) / (1 + 3.841459/100) = 0.319207 / 1.038415 = 0.307398
    #   half   = 1.959964 / 1.038415 * sqrt(0.3*0.7/100 + 3.841459/40000) = 1.887457 * 0.046862 = 0.088450
    #   -> 21.89 … 39.58 %; the region's 20.0 is below it: higher, and lower is better -> worse.
    ceeta = cell[("rate", "Ceeta")]
    assert ceeta["tested"] and ceeta["kind"] == "worse"
    assert (ceeta["word"], ceeta["symbol"], ceeta["cell"]) == ("heikompi", "✖", "30,0 ✖")
    lo, hi = judgements.wilson_interval(30, 100)
    assert lo == pytest.approx(0.21895, abs=1e-4) and hi == pytest.approx(0.39585, abs=1e-4)
    # Deeta 25/100: centre = 0.269207/1.038415 = 0.259248, half = 1.887457*0.044396 = 0.083797
    #   -> 17.55 … 34.30 %; 20.0 is inside -> no significant difference.
    deeta = cell[("rate", "Deeta")]
    assert deeta["tested"] and (deeta["word"], deeta["symbol"], deeta["cell"]) == ("ei merkitsevää eroa", "=", "25,0 =")
    # Eeta 18.0 without numerator/denominator: direction only, labelled untested.
    eeta = cell[("rate", "Eeta")]
    assert not eeta["tested"] and (eeta["word"], eeta["symbol"], eeta["cell"]) == (
        "parempi (ei testattu)",
        "(✔)",
        "18,0 (✔)",
    )
    # Counts are not judged; a municipality without a row says 'ei tietoa'.
    assert cell[("pop", "Ceeta")]["cell"] == "1\u202f000 –"
    assert cell[("pop", "Deeta")]["cell"] == "ei tietoa" and cell[("pop", "Deeta")]["value"] is None
    # Each indicator keeps its own latest year, and the region value of that same year.
    assert cell[("rate", "Ceeta")]["year"] == 2023 and cell[("pop", "Ceeta")]["year"] == 2011
    assert cell[("rate", "Ceeta")]["benchmark"] == 20.0 and cell[("pop", "Ceeta")]["benchmark"] == 400000.0


def test_profile_wide_years_stale_flag_and_2013_border_mark():
    cat, values = wilson_case()
    members = KUNNAT.filter(pl.col("parent_code") == "south").select("area_code", "name_fi")
    long = C.profile(values, cat, members)
    text, kinds = C.profile_wide(
        long, ["Ceeta", "Deeta", "Eeta"], cat, this_year=2024, benchmark_label="Pohjois-Pohjanmaa"
    )
    assert text.columns == ["Indikaattori", "Vuosi", "Pohjois-Pohjanmaa", "Ceeta", "Deeta", "Eeta"]
    rows = {r["Indikaattori"]: r for r in text.iter_rows(named=True)}
    assert rows["Osuus (%)"]["Vuosi"] == "2023"  # one year old in 2024: not flagged
    assert rows["Väestö (lkm)"]["Vuosi"] == "2011 (vanha)"
    assert rows["Osuus (%)"]["Pohjois-Pohjanmaa"] == "20,0 †"  # region without Vaala (2013 borders)
    assert rows["Osuus (%)"]["Ceeta"] == "30,0 ✖"
    k = {r["Indikaattori"]: r for r in kinds.iter_rows(named=True)}
    assert (k["Osuus (%)"]["Ceeta"], k["Osuus (%)"]["Deeta"], k["Osuus (%)"]["Eeta"]) == (
        "worse",
        "no_difference",
        "better_untested",
    )


def test_profile_styler_colours_follow_judgements():
    assert judgements.COLORS["worse"] in cell_css("worse") and "bold" in cell_css("worse")
    assert tint(judgements.COLORS["better_untested"], 0.18) in cell_css("better_untested")
    assert "background" not in cell_css("no_data")
    assert tint("#000000", 0.0) == "#FFFFFF" and tint("#0072B2", 1.0) == "#0072B2"
    cat, values = wilson_case()
    members = KUNNAT.filter(pl.col("parent_code") == "south").select("area_code", "name_fi")
    text, kinds = C.profile_wide(
        C.profile(values, cat, members), ["Ceeta", "Deeta", "Eeta"], cat, 2024, "Pohjois-Pohjanmaa"
    )
    html = profile_styler(text, kinds).to_html()
    assert judgements.COLORS["worse"] in html  # Ceeta's tested "worse" cell


def test_profile_csv_has_numbers_and_words():
    cat, values = wilson_case()
    members = KUNNAT.filter(pl.col("parent_code") == "south").select("area_code", "name_fi")
    csv = C.profile_csv(C.profile(values, cat, members), "Pohjois-Pohjanmaa")
    row = csv.filter((pl.col("Kunta") == "Ceeta") & (pl.col("Indikaattori") == "Osuus")).row(0, named=True)
    assert (row["Arvo"], row["Pohjois-Pohjanmaa"], row["Arvio"], row["Testattu luottamusvälillä"]) == (
        30.0,
        20.0,
        "heikompi",
        True,
    )


# ---------------------------------------------------------------------------------------------
# Spread
# ---------------------------------------------------------------------------------------------
def spread_rows() -> pl.DataFrame:
    # area_spread output; the query's range_value is max − min (hand: 14.0 − 10.0 = 4.0 …).
    return pl.DataFrame(
        {
            "area_code": ["north", "north", "south", "south", "solo"],
            "area_name": ["Pohjoinen", "Pohjoinen", "Etelä", "Etelä", "Yksin"],
            "year": [2022, 2023, 2022, 2023, 2023],
            "min_value": [10.0, 11.0, 2.0, 0.0, 5.0],
            "max_value": [14.0, 12.5, 8.0, 3.0, 5.0],
            "range_value": [4.0, 1.5, 6.0, 3.0, 0.0],
            "n_values": [2, 2, 3, 2, 1],
            "n_municipalities": [2, 2, 3, 3, 1],
            "min_name": ["Aapa", "Beeta", "Ceeta", "Deeta", "Solo"],
            "max_name": ["Beeta", "Aapa", "Eeta", "Ceeta", "Solo"],
        }
    )


def test_spread_range_ratio_completeness():
    counts = C.member_counts(AREAS)
    assert counts == {"north": 2, "south": 3}
    out = C.spread(spread_rows(), {**counts, "solo": 1})
    assert set(out["area_code"]) == {"north", "south"}  # a one-municipality area has no spread
    got = {(r["area_code"], r["year"]): r for r in out.iter_rows(named=True)}
    assert got[("north", 2022)]["range_value"] == 14.0 - 10.0
    assert got[("north", 2022)]["ratio"] == pytest.approx(14.0 / 10.0)
    assert got[("south", 2023)]["ratio"] is None  # min 0: no ratio
    assert got[("south", 2023)]["complete"] is False and got[("south", 2022)]["complete"] is True
    latest = C.spread_latest(out)
    # Newest complete year per area: north 2023, south 2022 (2023 lacks one municipality).
    assert dict(zip(latest["area_code"], latest["year"])) == {"north": 2023, "south": 2022}


def test_spread_figure_leaves_incomplete_years_as_gaps():
    out = C.spread(spread_rows(), C.member_counts(AREAS))
    fig = spread_figure(out, unit_label="Ero (%-yksikköä)", decimals=1, highlight="south")
    by_name = {t.name.replace("<b>", "").replace("</b>", ""): t for t in fig.data}
    assert list(by_name["Pohjoinen"].y) == [4.0, 1.5]
    assert list(by_name["Etelä"].y) == [6.0, None]  # 2023: one member missing -> gap, not a smaller spread
    assert by_name["Etelä"].line.width > by_name["Pohjoinen"].line.width  # the chosen area stands out
    assert by_name["Pohjoinen"].line.dash != by_name["Etelä"].line.dash  # not told apart by colour only


# ---------------------------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------------------------
CATALOGUE = pl.DataFrame(
    [
        {
            **indicator(
                indicator_id="683",
                name_fi="Diabeteslääkkeiden erityiskorvausoikeus",
                polarity="lower",
                aggregation="ratio",
                scale=100.0,
                ci_method="wilson",
            ),
            "topic": "terveys",
            "source_org": "THL Sotkanet",
            "caveat_fi": None,
            "first_year": 2015,
            "last_year": 2023,
            "n_values": 10,
            "sotkanet_id": 683,
            "licence": "CC BY 4.0",
            "certainty": "medium",
            "frequency": "year",
        },
        {
            **indicator(
                indicator_id="127", name_fi="Väestö 31.12.", value_type="count", polarity="neutral", aggregation="sum"
            ),
            "topic": "väestö",
            "source_org": "THL Sotkanet",
            "caveat_fi": None,
            "first_year": 1990,
            "last_year": 2022,
            "n_values": 10,
            "sotkanet_id": 127,
            "licence": "CC BY 4.0",
            "certainty": "high",
            "frequency": "year",
        },
        {
            **indicator(
                indicator_id="ka_x",
                name_fi="Osuus väestöstä",
                aggregation="weighted",
                weight_indicator="127",
                theme="työikäiset",
            ),
            "topic": "väestö",
            "source_org": "Tilastokeskus",
            "caveat_fi": "Arvio.",
            "first_year": None,
            "last_year": None,
            "n_values": 0,
            "sotkanet_id": None,
            "licence": "CC BY 4.0",
            "certainty": "high",
            "frequency": "year",
        },
    ]
)


def test_catalogue_search_words_filters_and_years():
    assert C.search_catalogue(CATALOGUE, "DIABETES")["indicator_id"].to_list() == ["683"]
    assert C.search_catalogue(CATALOGUE, "683")["indicator_id"].to_list() == ["683"]
    assert C.search_catalogue(CATALOGUE, "väestö arvio")["indicator_id"].to_list() == ["ka_x"]  # every word
    assert C.search_catalogue(CATALOGUE, "", polarity="lower")["indicator_id"].to_list() == ["683"]
    assert C.search_catalogue(CATALOGUE, "", theme="työikäiset")["indicator_id"].to_list() == ["ka_x"]
    assert C.search_catalogue(CATALOGUE, "", only_data=True).height == 2
    assert C.years_text(2015, 2023) == "2015–2023" and C.years_text(2012, 2012) == "2012"
    assert C.years_text(None, None) == "ei dataa"


def test_catalogue_table_explains_aggregation_and_links_sotkanet():
    table = C.catalogue_table(CATALOGUE, CATALOGUE)
    rows = {r["Tunniste"]: r for r in table.iter_rows(named=True)}
    assert rows["683"]["Vuodet"] == "2015–2023"
    assert rows["683"]["Sotkanet"] == "https://sotkanet.fi/sotkanet/fi/metadata/indicators/683"
    assert rows["ka_x"]["Sotkanet"] is None and rows["ka_x"]["Vuodet"] == "ei dataa"
    assert "Σ osoittaja / Σ nimittäjä × 100" in rows["683"]["Alueiden luku"]
    assert "”Väestö 31.12.”" in rows["ka_x"]["Alueiden luku"]  # the weight is named
    assert rows["683"]["Suunta"] == "pienempi on parempi" and rows["683"]["Lisenssi"] == "CC BY 4.0"
    full = C.aggregation_text(CATALOGUE.row(2, named=True), {"127": "Väestö 31.12."})
    assert "painotettu keskiarvo" in full and "jokaisella alueen kunnalla" in full
