"""Pure chart builders of the map and trends pages, on small synthetic frames (no DB, no Streamlit)."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl
import pytest

from tilannekuva import judgements
from tilannekuva.charts import map as cm
from tilannekuva.charts import trend as ct
from tilannekuva.indicator import IndicatorSpec
from tilannekuva.texts import map as TM
from tilannekuva.views import map as vm
from tilannekuva.views import trends as vt

NB = "\u00a0"  # between a number and its unit
THIN = "\u202f"  # between thousands


# ---------------------------------------------------------------------------
# Fixtures: five municipalities on a 5 x 1 strip of unit squares, and the region
# ---------------------------------------------------------------------------
CODES = ["001", "002", "003", "004", "005"]
NAMES = ["Aa", "Bee", "Cee", "Dee", "Ee"]


def square(i: int) -> dict:
    x = 25.0 + i
    return {"type": "Polygon", "coordinates": [[[x, 64.0], [x + 1, 64.0], [x + 1, 65.0], [x, 65.0], [x, 64.0]]]}


@pytest.fixture()
def geojson() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": c, "properties": {"name_fi": n}, "geometry": square(i)}
            for i, (c, n) in enumerate(zip(CODES, NAMES))
        ],
    }


@pytest.fixture()
def borders() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "west",
                "properties": {},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[25.0, 64.0], [27.0, 64.0], [27.0, 65.0], [25.0, 65.0], [25.0, 64.0]]],
                },
            },
            {
                "type": "Feature",
                "id": "east",
                "properties": {},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[[[27.0, 64.0], [30.0, 64.0], [30.0, 65.0], [27.0, 65.0], [27.0, 64.0]]]],
                },
            },
        ],
    }


@pytest.fixture()
def areas() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "area_code": [*CODES, "west", "MK17"],
            "name_fi": [*NAMES, "Länsi", "Pohjois-Pohjanmaa"],
            "level": ["kunta"] * 5 + ["alue", "maakunta"],
        }
    )


@pytest.fixture()
def year_rows() -> pl.DataFrame:
    """Aa 10, Bee 20, Cee missing, Dee 20 (tie with Bee), Ee suppressed; region 15."""
    return pl.DataFrame(
        {
            "area_code": ["001", "002", "003", "004", "005", "MK17"],
            "value": [10.0, 20.0, None, 20.0, None, 15.0],
            "status": ["ok", "ok", "missing", "ok", "suppressed", "ok"],
            "month": [None] * 6,
            "method": ["source"] * 6,
        },
        schema_overrides={"month": pl.Int64},
    )


@pytest.fixture()
def rows(year_rows, areas) -> pl.DataFrame:
    return vm.rank_areas(vm.layer_rows(year_rows, areas, "kunta"))


def options(*, polarity="lower", **kw) -> cm.MapOptions:
    spec = IndicatorSpec("testi", "Testi-indikaattori, %", unit="%", decimals=1, polarity=polarity)
    return cm.MapOptions(**{"spec": spec, "year": 2023, **kw})


def choropleths(fig: go.Figure) -> list:
    return [t for t in fig.data if t.type == "choropleth"]


# ---------------------------------------------------------------------------
# Rows and ranking
# ---------------------------------------------------------------------------
def test_layer_rows_keeps_every_area_and_normalises_status(areas, year_rows):
    out = vm.layer_rows(year_rows.filter(pl.col("area_code") != "001"), areas, "kunta")  # Aa has no row at all
    assert out["area_code"].to_list() == CODES
    assert dict(zip(out["area_code"], out["status"])) == {
        "001": "missing",
        "002": "ok",
        "003": "missing",
        "004": "ok",
        "005": "suppressed",
    }
    assert out.filter(pl.col("status") != "ok")["value"].null_count() == 3


def test_ranking_with_ties_is_competition_ranking(rows):
    ranks = dict(zip(rows["area_code"], rows["rank"]))
    assert ranks == {"001": 3, "002": 1, "003": None, "004": 1, "005": None}  # 1 = highest, tie shares 1
    tied = dict(zip(rows["area_code"], rows["tied"]))
    assert tied["002"] and tied["004"] and not tied["001"]


def test_ranking_three_way_tie_and_next_rank():
    frame = pl.DataFrame(
        {
            "area_code": list("abcde"),
            "name": list("ABCDE"),
            "value": [5.0, 7.0, 7.0, 7.0, 1.0],
            "status": ["ok"] * 5,
            "month": [None] * 5,
        },
        schema_overrides={"month": pl.Int64},
    )
    assert vm.rank_areas(frame)["rank"].to_list() == [4, 1, 1, 1, 5]


# ---------------------------------------------------------------------------
# The choropleth
# ---------------------------------------------------------------------------
def test_missing_and_suppressed_are_own_traces_outside_the_value_scale(rows, geojson, borders):
    fig = cm.choropleth(rows, geojson, borders, options(), region_name="Pohjois-Pohjanmaa", region_value=15.0)
    values, missing, suppressed = choropleths(fig)
    assert list(values.locations) == ["001", "002", "004"]
    assert list(values.z) == [10.0, 20.0, 20.0]
    assert (values.zmin, values.zmax) == (10.0, 20.0)  # the scale is made of real values only
    assert values.showscale and not values.showlegend

    assert list(missing.locations) == ["003"] and missing.name == TM.LEGEND_MISSING and missing.showlegend
    assert list(suppressed.locations) == ["005"] and suppressed.name == TM.LEGEND_SUPPRESSED
    assert suppressed.showlegend
    for trace, colour in ((missing, cm.MISSING_COLOR), (suppressed, cm.SUPPRESSED_COLOR)):
        assert not trace.showscale
        assert {c[1] for c in trace.colorscale} == {colour}  # one flat grey, not a value colour
    assert cm.MISSING_COLOR == judgements.COLORS["no_data"]
    assert cm.MISSING_COLOR != cm.SUPPRESSED_COLOR
    # The grey areas also carry a cross mark (colour is not the only signal).
    marks = [t for t in fig.data if t.type == "scattergeo" and t.mode == "markers"]
    assert sorted(c[0] for t in marks for c in t.customdata) == ["003", "005"]


def test_customdata_carries_area_codes_and_hover_text(rows, geojson, borders):
    fig = cm.choropleth(rows, geojson, borders, options(), region_name="Pohjois-Pohjanmaa", region_value=15.0)
    for trace in choropleths(fig):
        assert [c[0] for c in trace.customdata] == list(trace.locations)
    hover = dict((c[0], c[1]) for c in choropleths(fig)[0].customdata)
    assert f"10,0{NB}% (2023)" in hover["001"]
    assert "Sija 3/3 (1 = suurin arvo)" in hover["001"]
    assert "Jaettu sija 1/3" in hover["002"]
    assert f"Pohjois-Pohjanmaa: 15,0{NB}%" in hover["002"]
    missing_hover = choropleths(fig)[1].customdata[0][1]
    assert "ei tietoa (2023)" in missing_hover and "Sija" not in missing_hover


def test_offline_map_setup_and_borders(rows, geojson, borders):
    fig = cm.choropleth(rows, geojson, borders, options())
    first = fig.data[0]
    assert first.type == "scattergeo" and first.mode == "lines"  # first trace: no world topojson is fetched
    assert first.name == TM.LEGEND_AREA_BORDER
    assert sum(1 for v in first.lon if v is None) == 2  # one ring per area, kept apart
    assert fig.layout.geo.visible is False and fig.layout.geo.fitbounds == "locations"
    assert {t.type for t in fig.data} == {"scattergeo", "choropleth"}  # no tile map traces
    # a truthy non-pan dragmode: Streamlit keeps it, so the wheel scrolls the page instead of zooming
    assert fig.layout.dragmode == "orbit"


def test_selected_area_is_outlined_and_named_in_legend(rows, geojson, borders):
    fig = cm.choropleth(rows, geojson, borders, options(selected="004"))
    outlines = [t for t in fig.data if t.type == "scattergeo" and t.legendgroup == "selected"]
    assert len(outlines) == 2
    assert outlines[0].name == TM.LEGEND_SELECTED.format(name="Dee")
    assert [v for v in outlines[0].lon if v is not None] == [28.0, 29.0, 29.0, 28.0, 28.0]
    fig = cm.choropleth(rows, geojson, borders, options(selected="MK17"))  # not on this layer: no outline
    assert not [t for t in fig.data if t.legendgroup == "selected"]


@pytest.mark.parametrize(
    ("polarity", "reversed_", "dark"),
    [("lower", True, "lower"), ("higher", False, "higher"), ("neutral", True, "neutral"), (None, True, "neutral")],
)
def test_dark_means_worse_and_the_colour_bar_says_so(rows, geojson, borders, polarity, reversed_, dark):
    values = choropleths(cm.choropleth(rows, geojson, borders, options(polarity=polarity)))[0]
    assert bool(values.reversescale) is reversed_
    assert TM.DARK_MEANS[dark] in values.colorbar.title.text


def test_figure_is_deterministic(rows, geojson, borders):
    a = cm.choropleth(rows, geojson, borders, options(selected="002")).to_json()
    b = cm.choropleth(rows, geojson, borders, options(selected="002")).to_json()
    assert a == b


def test_selected_code_from_event():
    event = {
        "selection": {
            "points": [{"curve_number": 1, "point_index": 3, "customdata": ["564", "<b>Oulu</b>"]}],
            "point_indices": [3],
            "box": [],
            "lasso": [],
        }
    }
    assert cm.selected_code(event) == "564"
    assert cm.selected_code({"selection": {"points": [{"customdata": "305"}]}}) == "305"
    assert cm.selected_code({"selection": {"points": [{"lat": 65.0}]}}) is None  # e.g. a border line
    assert cm.selected_code({"selection": {"points": []}}) is None  # emptied selection
    assert cm.selected_code(None) is None


# ---------------------------------------------------------------------------
# Written finding
# ---------------------------------------------------------------------------
def test_finding_numbers_by_hand(rows):
    f = vm.map_finding(
        rows, year=2023, level="kunta", region_name="Pohjois-Pohjanmaa", region_value=15.0, selected="001"
    )
    assert f.highest == ("Bee", "Dee") and f.highest_value == 20.0
    assert f.lowest == ("Aa",) and f.lowest_value == 10.0
    assert f.spread == 10.0 and f.ratio == 2.0
    assert (f.n_with_data, f.n_total) == (3, 5)
    assert f.missing == ("Cee",) and f.suppressed == ("Ee",)
    assert (f.selected_name, f.selected_value, f.selected_rank) == ("Aa", 10.0, 3)

    text = "\n".join(vm.finding_lines(f, unit="%", decimals=1, polarity="lower"))
    assert "Havainnot – 2023" in text
    assert f"**Suurin arvo (heikoin):** Bee ja Dee 20,0{NB}%" in text
    assert f"**Pienin arvo (paras):** Aa 10,0{NB}%" in text
    assert f"**Pohjois-Pohjanmaa:** 15,0{NB}%" in text
    assert f"10,0{NB}prosenttiyksikköä" in text and "2,0-kertainen" in text
    assert "**Tieto:** 3 / 5 kunnasta" in text
    assert "Ei tietoa: Cee." in text and "Salattu (pieni määrä): Ee." in text
    assert f"**Valittu – Aa:** 10,0{NB}%, sija 3/3 (1 = suurin arvo)" in text


def test_finding_units_ratio_and_polarity_words():
    frame = pl.DataFrame(
        {
            "area_code": ["a", "b", "c"],
            "name": ["A", "B", "C"],
            "value": [-50.0, 1234.4, 200.0],
            "status": ["ok"] * 3,
            "month": [None] * 3,
        },
        schema_overrides={"month": pl.Int64},
    )
    f = vm.map_finding(frame, year=2020, level="alue")
    assert f.ratio is None  # no ratio when the smallest value is not positive
    assert math.isclose(f.spread, 1284.4)
    text = "\n".join(vm.finding_lines(f, unit="€/asukas", decimals=0, polarity="higher"))
    assert f"**Suurin arvo (paras):** B 1{THIN}234{NB}€/asukas" in text
    assert f"Ero suurimman ja pienimmän välillä:** 1{THIN}284{NB}€/asukas" in text
    assert "kertainen" not in text and "3 / 3 alueesta" in text


def test_finding_of_a_monthly_indicator_names_the_month():
    frame = pl.DataFrame(
        {"area_code": ["a", "b"], "name": ["A", "B"], "value": [3.0, 4.0], "status": ["ok"] * 2, "month": [10, 10]}
    )
    f = vm.map_finding(frame, year=2023, level="kunta")
    assert f.period == "lokakuu 2023"
    lines = vm.finding_lines(f, unit="%", decimals=1, polarity="lower")
    assert lines[0] == "Havainnot – lokakuu 2023"
    assert TM.FINDING_MONTH_NOTE.format(year=2023, month="lokakuu") in lines


def test_finding_without_any_value():
    frame = pl.DataFrame(
        {"area_code": ["a"], "name": ["A"], "value": [None], "status": ["missing"], "month": [None]},
        schema={"area_code": pl.Utf8, "name": pl.Utf8, "value": pl.Float64, "status": pl.Utf8, "month": pl.Int64},
    )
    f = vm.map_finding(frame, year=2000, level="kunta")
    text = "\n".join(vm.finding_lines(f, unit="%", decimals=1, polarity=None))
    assert TM.FINDING_NO_DATA in text and "0 / 1 kunnasta" in text and "Suurin" not in text


def test_map_table_is_what_the_map_shows(rows):
    table = cm.map_table(
        rows, unit="%", decimals=1, year=2023, region_code="MK17", region_name="Pohjois-Pohjanmaa", region_value=15.04
    )
    c = TM.TABLE_COLUMNS
    assert table.columns == [c["area_code"], c["name"], c["value"], c["unit"], c["rank"], c["status"], c["year"]]
    assert table[c["area_code"]].to_list() == [*CODES, "MK17"]
    assert table[c["value"]].to_list() == [10.0, 20.0, None, 20.0, None, 15.0]
    assert table[c["status"]].to_list() == ["ok", "ok", "ei tietoa", "ok", "salattu", "ok"]
    assert table[c["rank"]].to_list() == [3, 1, None, 1, None, None]


def test_format_value_finnish():
    assert cm.format_value(1234.56, "€/asukas", 1) == f"1{THIN}234,6{NB}€/asukas"
    assert cm.format_value(5310, "lkm", 0) == f"5{THIN}310"
    assert cm.format_value(None, "%", 1) == "ei tietoa"
    assert cm.format_difference(2.3, "%", 1) == f"2,3{NB}prosenttiyksikköä"
    assert cm.format_difference(40.0, "/1000 as.", 0) == f"40{NB}/1000 as."


# ---------------------------------------------------------------------------
# Trends
# ---------------------------------------------------------------------------
def series_rows(data: dict[str, dict[int, float | None]], method: dict[tuple[str, int], str] | None = None):
    recs = []
    for code, values in data.items():
        for year, value in values.items():
            recs.append(
                {
                    "area_code": code,
                    "year": year,
                    "month": None,
                    "value": value,
                    "status": "ok" if value is not None else "missing",
                    "method": (method or {}).get((code, year), "source"),
                }
            )
    return pl.DataFrame(
        recs,
        schema={
            "area_code": pl.Utf8,
            "year": pl.Int64,
            "month": pl.Int64,
            "value": pl.Float64,
            "status": pl.Utf8,
            "method": pl.Utf8,
        },
    )


SERIES = [
    ct.Series("564", "Oulu (kunta)", ct.ROLE_MAIN),
    ct.Series("305", "Kuusamo (kunta)", ct.ROLE_COMPARE),
    ct.Series("MK17", "Pohjois-Pohjanmaa (vertailu)", ct.ROLE_REFERENCE),
    ct.Series("SSS", "Koko maa (vertailu)", ct.ROLE_REFERENCE),
]


@pytest.fixture()
def trend_rows() -> pl.DataFrame:
    """Oulu has no row for 2017 and a 'missing' row for 2019; Kuusamo starts in 2016."""
    return series_rows(
        {
            "564": {2015: 10.0, 2016: 11.0, 2018: 12.0, 2019: None, 2020: 13.0},
            "305": {2016: 8.0, 2017: 9.0, 2018: 10.0, 2019: 11.0, 2020: 12.0},
            "MK17": {2015: 9.0, 2016: 9.5, 2017: 9.0, 2018: 9.5, 2019: 9.0, 2020: 9.5},
            "SSS": {y: 8.0 for y in range(2015, 2021)},
        },
        method={("MK17", 2015): ct.EXCL_VAALA, ("MK17", 2016): ct.EXCL_VAALA},
    )


def options_t(*, monthly=False, **kw) -> ct.TrendOptions:
    spec = IndicatorSpec(
        "testi", "Työttömät, %", unit="%", decimals=1, polarity="lower", frequency="month" if monthly else "year"
    )
    return ct.TrendOptions(spec, **kw)


def trace(fig: go.Figure, name: str):
    return next(t for t in fig.data if t.name == name)


def test_fill_gaps_inserts_none_rows_for_missing_years(trend_rows):
    filled = vt.fill_gaps(trend_rows, [s.code for s in SERIES], monthly=False)
    oulu = filled.filter(pl.col("area_code") == "564")
    assert oulu["year"].to_list() == [2015, 2016, 2017, 2018, 2019, 2020]
    assert oulu["value"].to_list() == [10.0, 11.0, None, 12.0, None, 13.0]
    kuusamo = filled.filter(pl.col("area_code") == "305")
    assert kuusamo["value"].to_list()[0] is None  # before its first year


def test_trend_chart_has_gaps_not_lines_across_missing_years(trend_rows):
    filled = vt.fill_gaps(trend_rows, [s.code for s in SERIES], monthly=False)
    fig = ct.trend_figure(filled, SERIES, options_t())
    oulu = trace(fig, "Oulu (kunta)")
    assert oulu.connectgaps is False
    assert list(oulu.x) == [2015, 2016, 2017, 2018, 2019, 2020]
    assert list(oulu.y) == [10.0, 11.0, None, 12.0, None, 13.0]
    assert "markers" in oulu.mode  # the lone 2018 value between two gaps stays visible
    assert [c[0] for c in oulu.customdata] == ["564"] * 6


def test_reference_lines_are_present_dashed_and_grey(trend_rows):
    filled = vt.fill_gaps(trend_rows, [s.code for s in SERIES], monthly=False)
    fig = ct.trend_figure(filled, SERIES, options_t())
    region, country = trace(fig, "Pohjois-Pohjanmaa (vertailu)"), trace(fig, "Koko maa (vertailu)")
    assert (region.line.dash, country.line.dash) == ("dash", "dot")
    for ref in (region, country):
        r, g, b = (int(ref.line.color[i : i + 2], 16) for i in (1, 3, 5))
        assert r == g == b  # grey
    assert trace(fig, "Oulu (kunta)").line.width > region.line.width
    # references drawn first (underneath), the chosen area last (on top)
    assert [t.name for t in fig.data][-1] == "Oulu (kunta)"


def test_excl_vaala_values_are_marked(trend_rows):
    filled = vt.fill_gaps(trend_rows, [s.code for s in SERIES], monthly=False)
    fig = ct.trend_figure(filled, SERIES, options_t())
    region = trace(fig, "Pohjois-Pohjanmaa (vertailu)")
    assert list(region.marker.symbol[:3]) == ["circle-open", "circle-open", "circle"]
    assert "ilman Vaalaa" in region.customdata[0][1] and "ilman Vaalaa" not in region.customdata[2][1]
    assert vt.flagged_years(filled) == {"MK17": [2015, 2016]}
    assert ct.year_spans([2015, 2016, 2019]) == "2015–2016, 2019"


def test_trend_judgements_use_judgements_trend(trend_rows):
    filled = vt.fill_gaps(trend_rows, [s.code for s in SERIES], monthly=False)
    result = {t.series.code: t for t in vt.judge(filled, SERIES, "lower", monthly=False)}
    # Kuusamo 8, 9, 10, 11, 12 over 2016–2020: rising, and for 'lower' polarity that is worsening.
    assert result["305"].trend.kind == "worsening" and result["305"].trend.word == "kasvaa ja heikkenee"
    assert result["305"].trend.years == (2016, 2017, 2018, 2019, 2020)
    assert result["305"].trend.color == judgements.COLORS["trend_up_worsening"]
    # Oulu has gaps inside its window: not computable, and the line says which years.
    assert result["564"].trend.kind == "not_computable"
    assert "2016–2020" in ct.trend_line(result["564"])
    assert result["SSS"].trend.kind == "no_change"  # not significant (tested), once "stable"
    line = ct.trend_line(result["305"])
    assert line == "Kuusamo (kunta): ↑✖ kasvaa ja heikkenee (2016–2020)"
    assert "#D55E00" in ct.trend_markdown(result["305"])


def test_monthly_trend_uses_the_same_month_every_year():
    recs = []
    for year in range(2019, 2024):
        for month in range(1, 13):
            if year == 2023 and month > 10:
                continue
            value = 10.0 + (year - 2019) + (5.0 if month in (6, 7) else 0.0)  # summer peak
            recs.append(
                {"area_code": "564", "year": year, "month": month, "value": value, "status": "ok", "method": "source"}
            )
    frame = pl.DataFrame(recs, schema_overrides={"month": pl.Int64})
    filled = vt.fill_gaps(frame, ["564"], monthly=True)
    points, month = vt.trend_points(filled, "564", monthly=True)
    assert month == 10 and points == [(2019, 10.0), (2020, 11.0), (2021, 12.0), (2022, 13.0), (2023, 14.0)]
    fig = ct.trend_figure(filled, [ct.Series("564", "Oulu", ct.ROLE_MAIN)], options_t(monthly=True))
    assert fig.data[0].x[0] == "2019-01-01" and fig.data[0].x[-1] == "2023-10-01"
    assert "lokakuu 2023" in fig.data[0].customdata[-1][1]


def test_wide_table_year_by_area(trend_rows):
    filled = vt.fill_gaps(trend_rows, [s.code for s in SERIES], monthly=False)
    table = ct.wide_table(filled, SERIES, decimals=1, monthly=False)
    assert table.columns == ["vuosi", *[s.label for s in SERIES], "huomautus"]
    assert table["vuosi"].to_list() == list(range(2015, 2021))
    assert table["Oulu (kunta)"].to_list() == [10.0, 11.0, None, 12.0, None, 13.0]
    assert table["huomautus"].to_list()[:3] == [
        "Pohjois-Pohjanmaa (vertailu): vuoden 2013 aluejako, ilman Vaalaa"
    ] * 2 + [None]


def test_trend_alt_text_names_the_trend(trend_rows):
    filled = vt.fill_gaps(trend_rows, ["305", "MK17"], monthly=False)
    series = [ct.Series("305", "Kuusamo (kunta)", ct.ROLE_MAIN), SERIES[2]]
    trends = vt.judge(filled, series, "lower", monthly=False)
    alt = ct.alt_text(filled, series, trends, options_t())
    assert "Kuusamo (kunta): kasvaa ja heikkenee (2016–2020)" in alt and "Pohjois-Pohjanmaa" in alt
