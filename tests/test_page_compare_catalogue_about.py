"""Vertailu, Indikaattorit and Tietoa pages through the real app (AppTest) on the session's
warehouse: what they show is checked against direct DuckDB queries on the same file."""

from __future__ import annotations

import duckdb
import pytest
from apptest_support import open_page
from streamlit.testing.v1 import AppTest

from tilannekuva.texts import common as T


def frame_with(at: AppTest, *columns: str):
    """The first st.dataframe whose columns include `columns` (as pandas)."""
    for df in at.dataframe:
        value = df.value
        data = getattr(value, "data", value)  # a Styler carries the frame in .data
        if all(c in data.columns for c in columns):
            return data
    raise AssertionError(f"no dataframe with columns {columns}")


def sql(db_path, query: str, *params):
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(query, list(params)).fetchall()


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [h.value for h in at.subheader] + [h.value for h in at.header]
    return "\n".join(parts)


RANK_SQL = """
SELECT a.name_fi FROM observations o JOIN areas a USING (area_code)
WHERE o.indicator_id = ? AND o.year = ? AND o.gender = 'total' AND o.month IS NULL
  AND a.level = 'kunta' AND o.value IS NOT NULL
ORDER BY round(o.value, 1) {direction}, a.name_fi LIMIT 1
"""


# ---------------------------------------------------------------------------------------------
# Vertailu
# ---------------------------------------------------------------------------------------------
def test_deep_link_ranking_first_and_last_match_duckdb(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/compare.py", area="305", indicator="683", year="2023")
    # The link is honoured.
    assert at.sidebar.selectbox(key="area").value == "305"
    assert at.sidebar.selectbox(key="indicator").value == "683"
    assert at.sidebar.selectbox(key="year").value == 2023
    assert at.title[0].value == "Vertailu"
    table = frame_with(at, "Sija", "Kunta", "Arvo")
    assert len(table) == 30  # every municipality has a row
    # 683: lower is better -> best (smallest) first. Direct query on the same warehouse:
    first = sql(built_db, RANK_SQL.format(direction="ASC"), "683", 2023)[0][0]
    last = sql(built_db, RANK_SQL.format(direction="DESC"), "683", 2023)[0][0]
    assert table["Kunta"].iloc[0] == first
    assert table["Kunta"].iloc[-1] == last
    assert table["Sija"].iloc[0] == 1
    # The chosen municipality (Kuusamo, 305) is the one highlighted.
    assert table.loc[table["Valittu"], "Kunta"].tolist() == ["Kuusamo"]
    text = all_text(at)
    assert f"Ylimpänä **{first}**" in text and f"alimpana **{last}**" in text
    assert "pienempi arvo on parempi" in text
    assert "2023" in at.subheader[0].value
    # The profile defaults to the chosen municipality's area, Koillismaa.
    assert at.selectbox(key="compare_profile_area").value == "koillismaa"


def test_ranking_lists_missing_municipalities_as_ei_tietoa(monkeypatch, built_db):
    # Sotkanet 4 (mental-health inpatients 0–17) lacks some small municipalities in 2011.
    missing = {
        r[0]
        for r in sql(
            built_db,
            """
        SELECT a.name_fi FROM observations o JOIN areas a USING (area_code)
        WHERE o.indicator_id = '4' AND o.year = 2011 AND a.level = 'kunta' AND o.value IS NULL""",
        )
    }
    assert missing  # the data really has gaps here
    at = open_page(monkeypatch, built_db, "pages/compare.py", area="MK17", indicator="4", year="2011")
    table = frame_with(at, "Sija", "Kunta", "Arvo")
    shown = table[table["Huomio"] == T.NO_DATA]
    assert set(shown["Kunta"]) == missing
    assert shown["Arvo"].isna().all()  # missing, not zero
    assert f"Ei tietoa ({len(missing)} kuntaa)" in all_text(at)


def test_profile_and_spread_follow_the_area(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/compare.py", area="lakeus", indicator="683", year="2023")
    assert at.selectbox(key="compare_profile_area").value == "lakeus"
    profile = frame_with(at, "Indikaattori", "Vuosi", "Pohjois-Pohjanmaa", "Hailuoto", "Kempele")
    row = profile[profile["Indikaattori"].str.startswith("▶ Diabeteslääkkeiden")].iloc[0]  # the chosen one
    assert row["Vuosi"].startswith("2023")
    value = sql(
        built_db,
        "SELECT value FROM observations WHERE indicator_id='683' AND area_code='244' AND year=2023 AND gender='total'",
    )[0][0]
    assert row["Kempele"].startswith(T.format_number(value, 1))
    assert T.HAILUOTO_DOUBT in all_text(at)  # Lakeus chosen: its doubt is shown
    # Spread: the sentence for Lakeus names the highest and lowest municipality of the latest year.
    high, low, spread = sql(
        built_db,
        """
        SELECT arg_max(a.name_fi, (o.value, a.name_fi)) FILTER (WHERE o.value IS NOT NULL),
               arg_min(a.name_fi, (o.value, a.name_fi)) FILTER (WHERE o.value IS NOT NULL),
               max(o.value) - min(o.value)
        FROM observations o JOIN areas a USING (area_code)
        WHERE o.indicator_id = '683' AND o.year = 2023 AND a.parent_code = 'lakeus' AND o.gender = 'total'""",
    )[0]
    sentence = next(m.value for m in at.markdown if "Lakeus 2023" in m.value)
    assert f"suurin {high}" in sentence and f"pienin {low}" in sentence
    assert f"ero {T.format_number(spread, 1)}" in sentence
    # Another area from the selectbox, another theme: no exceptions.
    at.selectbox(key="compare_profile_area").set_value("etelainen").run()
    at.selectbox(key="compare_profile_theme").set_value("työikäiset").run()
    assert not at.exception
    assert "Ylivieska" in frame_with(at, "Indikaattori", "Vuosi").columns


def test_monthly_indicator_has_no_spread_but_a_ranking(monkeypatch, built_db):
    at = open_page(
        monkeypatch, built_db, "pages/compare.py", area="564", indicator="tem_tyottomat_pct_tyovoima_kk", year="2022"
    )
    assert any("Kuukausisarjasta" in i.value for i in at.info)
    assert "12/2022" in at.subheader[0].value  # the month shown is the year's last one


# ---------------------------------------------------------------------------------------------
# Indikaattorit
# ---------------------------------------------------------------------------------------------
def test_catalogue_search_finds_diabetes_683_with_years(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/catalogue.py")
    full = frame_with(at, "Indikaattori", "Tunniste", "Vuodet")
    assert len(full) == sql(built_db, "SELECT count(*) FROM indicators")[0][0]
    at.text_input(key="catalogue_search").input("diabetes").run()
    assert not at.exception
    table = frame_with(at, "Indikaattori", "Tunniste", "Vuodet")
    row = table[table["Tunniste"] == "683"].iloc[0]
    first, last = sql(built_db, "SELECT first_year, last_year FROM indicators WHERE indicator_id = '683'")[0]
    assert (first, last) == (2015, 2023)
    assert row["Vuodet"] == "2015–2023"
    assert row["Sotkanet"] == "https://sotkanet.fi/sotkanet/fi/metadata/indicators/683"
    assert row["Lisenssi"] == "CC BY 4.0"
    assert "Σ osoittaja / Σ nimittäjä" in row["Alueiden luku"]
    # The details below the table show the full explanation.
    text = all_text(at)
    assert "**Vuodet:** 2015–2023" in text and "Pienempi arvo on parempi." in text


def test_catalogue_filters_and_indicator_without_data(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/catalogue.py")
    at.text_input(key="catalogue_search").input("Kelan sairastavuusindeksi").run()
    row = frame_with(at, "Tunniste", "Vuodet").iloc[0]
    assert row["Tunniste"] == "184" and row["Vuodet"] == "ei dataa"
    assert any("python -m tilannekuva update" in i.value for i in at.info)
    assert at.button(key="catalogue_open_map").disabled
    at.text_input(key="catalogue_search").input("").run()
    at.selectbox(key="catalogue_polarity").set_value("higher").run()
    at.selectbox(key="catalogue_theme").set_value("työikäiset").run()
    table = frame_with(at, "Tunniste", "Suunta", "Teema")
    assert len(table) > 0 and set(table["Suunta"]) == {"suurempi on parempi"}
    assert set(table["Teema"]) == {"työikäiset"}
    at.text_input(key="catalogue_search").input("ei-olemassa-olevaa-xyz").run()
    assert any("ei löytynyt" in i.value for i in at.info)
    assert not at.exception


def test_catalogue_open_on_map_sets_shared_indicator(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/catalogue.py", area="564", indicator="683", year="2023")
    at.selectbox(key="catalogue_detail").set_value("127").run()
    at.button(key="catalogue_open_map").click().run()
    assert not at.exception
    assert at.sidebar.selectbox(key="indicator").value == "127"
    assert at.sidebar.selectbox(key="year").value == 2022  # 127 has no 2023: its newest year
    assert at.sidebar.selectbox(key="area").value == "564"


# ---------------------------------------------------------------------------------------------
# Tietoa
# ---------------------------------------------------------------------------------------------
def test_about_shows_doubts_attribution_and_build(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, "pages/about.py")
    text = all_text(at)
    assert T.HAILUOTO_DOUBT in [w.value for w in at.warning]
    for source in (
        "Tilasto- ja indikaattoripankki Sotkanet, Terveyden ja hyvinvoinnin laitos",
        "Tilastokeskus",
        "Kuntien avainluvut",
        "118w",
        "11ra",
        "12r5",
        "Maanmittauslaitos",
        "GSHHG 2.3.7",  # the map's shoreline (LGPL-3.0), not CC BY
    ):
        assert source in text, source
    assert text.count("CC BY 4.0") >= 4
    assert "https://creativecommons.org/licenses/by/4.0/deed.fi" in text
    assert "ei merkitsevää eroa" in text and "Wilsonin" in text and "Byarin" in text
    # The trend test, the rest-of-benchmark rule and the estimate method are explained.
    assert "99,8 %" in text and "ei merkitsevää muutosta" in text and "muuhun osaan" in text
    assert "lokakuu 2023" in text and "(arvio)" in text
    assert "ei saa yhdistää" in text
    # Membership table: Hailuoto flagged, Lakeus members medium.
    members = frame_with(at, "Kunta", "Kuntanumero", "Pohden alue", "Varmuus")
    hailuoto = members[members["Kuntanumero"] == "072"].iloc[0]
    assert hailuoto["Kunta"].startswith("⚠") and hailuoto["Varmuus"] == "matala"
    assert hailuoto["Pohden alue"] == "Lakeus"
    assert set(members.loc[members["Kuntanumero"] == "244", "Varmuus"]) == {"keskitaso"}
    assert len(members) == 30
    # Build info equals the warehouse's own record.
    built_at = sql(built_db, "SELECT value FROM build_info WHERE key = 'built_at'")[0][0]
    build = frame_with(at, "Tieto", "Arvo")
    assert built_at in build["Arvo"].tolist()
    files = frame_with(at, "Tiedosto", "SHA-256")
    assert len(files) == sql(built_db, "SELECT count(*) FROM source_file")[0][0]
    checks = frame_with(at, "Indikaattori", "Alue", "Täsmää")
    assert len(checks) == sql(built_db, "SELECT count(DISTINCT (indicator_id, area_code)) FROM aggregate_check")[0][0]


@pytest.mark.parametrize("page", ["pages/compare.py", "pages/catalogue.py", "pages/about.py"])
def test_pages_keep_the_view_in_the_url(monkeypatch, built_db, page):
    at = open_page(monkeypatch, built_db, page, area="305", indicator="683", year="2023")
    assert at.query_params["area"] in ("305", ["305"])
    assert at.query_params["indicator"] in ("683", ["683"])
    assert at.query_params["year"] in ("2023", ["2023"])
