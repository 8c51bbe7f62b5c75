"""The map (Kartta) and trends (Kehitys) pages in AppTest, checked against the warehouse itself."""

from __future__ import annotations

import json

import duckdb
import pytest
from apptest_support import open_page
from streamlit.testing.v1 import AppTest

from tilannekuva import judgements
from tilannekuva.texts import common as T

NB = "\u00a0"


def sql(db_path, query: str, *params) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(query, list(params)).fetchall()


def level_values(db_path, indicator: str, year: int, level: str) -> list[tuple[str, str, float]]:
    """(code, name, value) of the areas of `level` with a value – for monthly series the year's last month."""
    return sql(
        db_path,
        """
        SELECT area_code, a.name_fi, o.value FROM observations o JOIN areas a USING (area_code)
        WHERE o.indicator_id = ? AND o.year = ? AND o.gender = 'total' AND a.level = ?
        QUALIFY row_number() OVER (PARTITION BY o.area_code ORDER BY o.month DESC NULLS FIRST) = 1
        """,
        indicator,
        year,
        level,
    )


def region_value(db_path, indicator: str, year: int) -> float:
    return sql(
        db_path,
        """SELECT value FROM observations WHERE indicator_id = ? AND year = ? AND gender = 'total'
                           AND area_code = 'MK17' ORDER BY month DESC NULLS FIRST LIMIT 1""",
        indicator,
        year,
    )[0][0]


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def fmt(value: float, unit: str = "%", decimals: int = 1) -> str:
    return f"{T.format_number(value, decimals)}{NB}{unit}"


def param(at: AppTest, key: str):
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


# ---------------------------------------------------------------------------
# Kartta
# ---------------------------------------------------------------------------
def test_map_finding_numbers_come_from_the_database(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/map.py")
    at.sidebar.selectbox(key="indicator").set_value("683").run()
    at.sidebar.selectbox(key="year").set_value(2023).run()
    assert not at.exception

    rows = [r for r in level_values(built_db, "683", 2023, "kunta") if r[2] is not None]
    high, low = max(r[2] for r in rows), min(r[2] for r in rows)
    high_names = " ja ".join(r[1] for r in rows if r[2] == high)
    low_names = " ja ".join(r[1] for r in rows if r[2] == low)
    body = text(at)
    assert f"**Suurin arvo (heikoin):** {high_names} {fmt(high)}" in body  # 683: lower is better
    assert f"**Pienin arvo (paras):** {low_names} {fmt(low)}" in body
    assert f"**Pohjois-Pohjanmaa:** {fmt(region_value(built_db, '683', 2023))}" in body
    assert f"{T.format_number(high - low, 1)}{NB}prosenttiyksikköä" in body
    assert f"{T.format_number(high / low, 1)}-kertainen" in body
    assert f"**Tieto:** {len(rows)} / 30 kunnasta" in body
    assert at.subheader[0].value == "Havainnot – 2023"

    fig = figure(at)
    values = next(t for t in fig["data"] if t["type"] == "choropleth")
    assert {c[0] for c in values["customdata"]} == {r[0] for r in rows}  # area codes for click selection
    assert values["zmax"] == high and values["zmin"] == low
    assert fig["data"][0]["type"] == "scattergeo"  # area borders first (offline drawing)


def test_map_missing_municipalities_have_their_own_trace(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/map.py", indicator="4", year="2000")
    missing = sql(
        built_db,
        """SELECT a.area_code, a.name_fi FROM areas a LEFT JOIN observations o
                               ON o.area_code = a.area_code AND o.indicator_id = '4' AND o.year = 2000
                               AND o.gender = 'total'
                               WHERE a.level = 'kunta' AND (o.status IS NULL OR o.status <> 'ok')
                               ORDER BY a.sort_order""",
    )
    assert missing, "test data should have municipalities without a value for indicator 4 in 2000"
    body = text(at)
    assert f"**Tieto:** {30 - len(missing)} / 30 kunnasta" in body
    for _, name in missing:
        assert name in body.split("Ei tietoa:")[1]
    grey = next(t for t in figure(at)["data"] if t.get("name") == "ei tietoa")
    assert grey["locations"] == [code for code, _ in missing] and grey["showlegend"] is True
    values = next(t for t in figure(at)["data"] if t["type"] == "choropleth")
    assert not {code for code, _ in missing} & set(values["locations"])


def test_layer_toggle_switches_to_areas_and_persists(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/map.py", indicator="683", year="2023")
    assert at.radio(key="map_layer").value == "kunta"
    at.radio(key="map_layer").set_value("alue").run()
    assert not at.exception
    areas = [r for r in level_values(built_db, "683", 2023, "alue") if r[2] is not None]
    assert f"**Tieto:** {len(areas)} / 6 alueesta" in text(at)
    top = max(areas, key=lambda r: r[2])
    assert f"{top[1]} {fmt(top[2])}" in text(at)
    assert param(at, "layer") == "alue"
    assert len(next(t for t in figure(at)["data"] if t["type"] == "choropleth")["locations"]) == 6
    # Another page and back: the layer is remembered (persistent key), and stays in the link.
    at.switch_page("pages/trends.py").run()
    assert param(at, "layer") == "alue"
    at.switch_page("pages/map.py").run()
    assert at.radio(key="map_layer").value == "alue"


def test_deep_link_selects_area_layer_and_year(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/map.py", area="305", indicator="683", year="2019", layer="kunta")
    assert at.sidebar.selectbox(key="area").value == "305"
    assert at.sidebar.selectbox(key="year").value == 2019
    rows = {r[0]: r[2] for r in level_values(built_db, "683", 2019, "kunta") if r[2] is not None}
    value = rows["305"]
    rank = 1 + sum(1 for v in rows.values() if v > value)
    assert f"**Valittu – Kuusamo:** {fmt(value)}, " in text(at)
    assert f"sija {rank}/{len(rows)} (1 = suurin arvo)" in text(at)
    names = [t.get("name") for t in figure(at)["data"]]
    assert "valittu: Kuusamo" in names

    at = open_page(monkeypatch, built_db, "pages/map.py", area="305", indicator="683", year="2019", layer="alue")
    assert at.radio(key="map_layer").value == "alue"


def test_monthly_indicator_map_names_the_month(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/map.py", indicator="tem_tyottomat_pct_tyovoima_kk", year="2023")
    month = sql(
        built_db,
        """SELECT max(month) FROM observations WHERE indicator_id = 'tem_tyottomat_pct_tyovoima_kk'
                             AND year = 2023 AND area_code = 'MK17'""",
    )[0][0]
    name = (
        "tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu"
    ).split()[month - 1]
    assert at.subheader[0].value == f"Havainnot – {name} 2023"
    rows = [r for r in level_values(built_db, "tem_tyottomat_pct_tyovoima_kk", 2023, "kunta") if r[2] is not None]
    high = max(r[2] for r in rows)
    assert fmt(high) in text(at)


# ---------------------------------------------------------------------------
# Kehitys
# ---------------------------------------------------------------------------
def test_trends_page_with_compare_areas_from_link(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/trends.py", area="564", indicator="683", compare="305,lakeus")
    assert at.multiselect(key="trend_compare").value == ["305", "lakeus"]
    fig = figure(at)
    names = {t["name"] for t in fig["data"]}
    assert {
        "Oulu (kunta)",
        "Kuusamo (kunta)",
        "Lakeus (Pohden alue)",
        "Pohjois-Pohjanmaa (vertailu)",
        "Koko maa (vertailu)",
    } <= names
    oulu = next(t for t in fig["data"] if t["name"] == "Oulu (kunta)")
    assert oulu["connectgaps"] is False and {c[0] for c in oulu["customdata"]} == {"564"}

    points = sql(
        built_db,
        """SELECT year, value FROM observations WHERE indicator_id = '683' AND area_code = '564'
                              AND gender = 'total' AND status = 'ok'""",
    )
    expected = judgements.trend(points, "lower")
    years = f"{expected.years[0]}–{expected.years[-1]}"
    lines = [m.value for m in at.markdown if m.value.startswith("**Oulu (kunta):**")]
    assert lines and expected.label in lines[0] and years in lines[0]
    assert any(m.value.startswith("**Lakeus (Pohden alue):**") for m in at.markdown)

    # Changing the comparison updates the link; it survives a trip to another page.
    at.multiselect(key="trend_compare").set_value(["305"]).run()
    assert not at.exception and param(at, "compare") == "305"
    at.switch_page("pages/map.py").run()
    at.switch_page("pages/trends.py").run()
    assert at.multiselect(key="trend_compare").value == ["305"]


def test_trends_default_has_no_compare_and_gaps_stay_gaps(monkeypatch, built_db):
    # A municipality with a missing year inside its series for indicator 4.
    code, year = sql(
        built_db,
        """
        SELECT o.area_code, o.year FROM observations o JOIN areas a USING (area_code)
        WHERE o.indicator_id = '4' AND o.gender = 'total' AND a.level = 'kunta' AND o.status <> 'ok'
          AND o.year > (SELECT min(year) FROM observations WHERE indicator_id = '4' AND status = 'ok')
        ORDER BY a.sort_order, o.year LIMIT 1""",
    )[0]
    at = open_page(monkeypatch, built_db, "pages/trends.py", area=code, indicator="4")
    assert at.multiselect(key="trend_compare").value == []
    main = next(t for t in figure(at)["data"] if t["name"].endswith("(kunta)"))
    y_by_year = dict(zip(main["x"], main["y"]))
    assert y_by_year[year] is None  # drawn as a gap, not interpolated


def test_trends_marks_region_values_without_vaala(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/trends.py", area="564", indicator="181")
    flagged = [
        y
        for (y,) in sql(
            built_db,
            """SELECT year FROM observations WHERE indicator_id = '181'
                                              AND area_code = 'MK17' AND method = 'source_excl_vaala'
                                              AND status = 'ok' ORDER BY year""",
        )
    ]
    assert flagged
    notes = [c.value for c in at.caption if "Vaala" in c.value]
    assert notes and f"{flagged[0]}–{flagged[-1]}" in notes[0]
    region = next(t for t in figure(at)["data"] if t["name"] == "Pohjois-Pohjanmaa (vertailu)")
    assert region["marker"]["symbol"][0] == "circle-open"


def test_trends_monthly_indicator(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/trends.py", area="MK17", indicator="tem_tyottomat_pct_tyovoima_kk")
    # The newest month is 2025-01 (12r5 rates; the region's value an estimate): the trend is judged
    # on the January values.
    assert any("tammikuun arvoista" in s.value for s in at.subheader)
    main = next(t for t in figure(at)["data"] if t["name"] == "Pohjois-Pohjanmaa")
    assert main["x"][0].startswith("2006-01") and main["x"][-1] == "2025-01-01"
    assert "Pohjois-Pohjanmaa (vertailu)" not in {t["name"] for t in figure(at)["data"]}  # not twice


@pytest.mark.parametrize("page", ["pages/map.py", "pages/trends.py"])
def test_pages_survive_an_indicator_without_values_in_the_chosen_year(monkeypatch, built_db, page):
    at = open_page(monkeypatch, built_db, page, area="HVA19", indicator="127", year="1990", layer="alue")
    assert not at.exception
