"""The start page "Tilannekuva" in Streamlit's AppTest against the warehouse built from data/.

The expected judgements are computed here from the raw numerator/denominator in the database with
an independent Wilson formula, not with tilannekuva.judgements.
"""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pytest
from apptest_support import make_app
from streamlit.testing.v1 import AppTest

from tilannekuva.texts import common

DIABETES = "Diabeteslääkkeiden erityiskorvausoikeus"
Z = 1.959964


def raw(db_path, area: str, year: int = 2023) -> tuple[float, float, float]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(
            "SELECT value, numerator, denominator FROM observations WHERE indicator_id = '683' "
            "AND area_code = ? AND year = ? AND gender = 'total' AND month IS NULL",
            [area, year],
        ).fetchone()


def newest_year(db_path, area: str) -> int:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(
            "SELECT max(o.year) FROM observations o JOIN indicators i USING (indicator_id) "
            "WHERE o.area_code = ? AND o.gender = 'total' AND o.month IS NULL AND o.status = 'ok' "
            "AND i.frequency = 'year'",
            [area],
        ).fetchone()[0]


def expected_cell(db_path, area: str, benchmark: str) -> str:
    """'✔ parempi · 12,2' etc.: Wilson 95 % interval of the area's share (lower is better)."""
    _, num, den = raw(db_path, area)
    bench_value = raw(db_path, benchmark)[0]
    p = num / den
    centre = (p + Z * Z / (2 * den)) / (1 + Z * Z / den)
    half = Z / (1 + Z * Z / den) * math.sqrt(p * (1 - p) / den + Z * Z / (4 * den * den))
    lo, hi = 100 * (centre - half), 100 * (centre + half)
    if bench_value > hi:  # the area is significantly lower -> better (lower is better)
        label = "✔ parempi"
    elif bench_value < lo:
        label = "✖ heikompi"
    else:
        label = "= ei merkitsevää eroa"
    return f"{label} · {bench_value:.1f}".replace(".", ",")


def expected_rest_cell(db_path, area: str, benchmark: str, mark: str = "") -> str:
    """The cell when the area is a large part of the benchmark: a two-sample z test against the
    rest of it (pooled variance), written out here independently of tilannekuva.judgements."""
    _, num, den = raw(db_path, area)
    bench_value, bnum, bden = raw(db_path, benchmark)
    p1, p2, pooled = num / den, (bnum - num) / (bden - den), bnum / bden
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / den + 1 / (bden - den)))
    label = "✔ parempi" if z < -Z else "✖ heikompi" if z > Z else "= ei merkitsevää eroa"
    return (f"{label} · {bench_value:.1f}{mark} (ilman aluetta {100 * p2:.1f})").replace(".", ",")


def theme_tables(at: AppTest) -> list:
    """The per-theme tables (not the overview chart's table alternative)."""
    return [f for f in at.dataframe if "Vuosi (ikä)" in f.value.columns]


def row_of(at: AppTest, name_start: str) -> dict:
    for frame in theme_tables(at):
        table = frame.value
        hit = table[table["Indikaattori"].str.startswith(name_start)]
        if len(hit):
            return hit.iloc[0].to_dict()
    raise AssertionError(f"no row starting with {name_start!r}")


def all_rows(at: AppTest) -> list[dict]:
    return [r for frame in theme_tables(at) for r in frame.value.to_dict("records")]


def test_default_area_is_the_region_compared_with_the_country(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Tilannekuva – Pohjois-Pohjanmaa"
    text = " ".join(m.value for m in at.markdown)
    assert "Huolenaiheet" in text and "Vahvuudet" in text
    row = row_of(at, DIABETES)
    assert row["Arvo"] == "12,2\u00a0%" and row["Vuosi (ikä)"].startswith("2023 ")
    # MK17 25 733 / 210 926 vs the country's 11,8 % in 2023.
    assert row["vrt. Koko maa"] == expected_cell(built_db, "MK17", "SSS")
    # The region's concern sentence names the year and both numbers.
    assert "12,2\u00a0% vuonna 2023" in text and "koko maata heikompi (11,8\u00a0%)" in text
    # Only the country column: MK17 is not compared with itself.
    assert not any("vrt. Pohjois-Pohjanmaa" in frame.value.columns for frame in theme_tables(at))
    # The newest year is at the top: the region's newest annual value, read here from the database,
    # shown as "Uusin tieto: <year>", or as the old-data warning when that year is long past.
    newest = newest_year(built_db, "MK17")
    note = common.stale_note(newest, dt.date.today().year)
    if note:
        assert note in [w.value for w in at.warning]
    else:
        assert common.NEWEST_DATA.format(year=newest) in [c.value for c in at.caption]


def test_choosing_a_municipality_in_the_sidebar(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.run()
    at.sidebar.selectbox(key="area").set_value("564").run()
    assert not at.exception
    assert at.title[0].value == "Tilannekuva – Oulu"
    row = row_of(at, DIABETES)
    assert row["Arvo"] == "10,6\u00a0%"
    # Oulu 10 546 / 99 491 = 10,6 % is about half of the region (99 491 of 210 926): it is compared
    # with the rest of the region, (25 733 − 10 546) / (210 926 − 99 491) = 13,6 %.
    assert (
        row["vrt. Pohjois-Pohjanmaa"]
        == expected_rest_cell(built_db, "564", "MK17")
        == "✔ parempi · 12,2 (ilman aluetta 13,6)"
    )
    assert row["vrt. Koko maa"] == expected_cell(built_db, "564", "SSS") == "✔ parempi · 11,8"
    # The Pohde area "Oulu" is the city itself: no separate column, and the page says why.
    assert not any("vrt. Oulu" in frame.value.columns for frame in at.dataframe)
    # Both names are "Oulu": the sentence says which is the Pohde area and which the city.
    assert any(
        c.value.startswith("Oulu (Pohden alue) on sama alue kuin Oulu (kunta) (samat kunnat)") for c in at.caption
    )


def test_deep_link_opens_kuusamo(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.query_params["area"] = "305"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Tilannekuva – Kuusamo"
    assert at.sidebar.selectbox(key="area").value == "305"
    row = row_of(at, DIABETES)
    assert row["Arvo"] == "12,3\u00a0%" and row["Vuosi (ikä)"].startswith("2023 ")
    # Kuusamo 1 171 / 9 520: 12,3 % ± 0,66 -> the region's 12,2 % is inside: no significant difference.
    assert row["vrt. Pohjois-Pohjanmaa"] == expected_cell(built_db, "305", "MK17") == "= ei merkitsevää eroa · 12,2"
    # Kuusamo is most of Koillismaa (computed from its two municipalities: marked Σ): compared with
    # the rest of it, Taivalkoski.
    assert row["vrt. Koillismaa"] == expected_rest_cell(built_db, "305", "koillismaa", " (Σ)")
    # TEM unemployment: the newest year is 2024, an estimate (12r5 monthly rates, no counts), said so.
    unemployment = row_of(at, "Työttömät työnhakijat, % työvoimasta (TEM")
    assert unemployment["Arvo"] == "11,1\u00a0% (arvio)" and unemployment["Vuosi (ikä)"].startswith("2024 ")
    assert "(arvio)" in unemployment["vrt. Pohjois-Pohjanmaa"]
    # Every shown row carries its year; the table shows monthly series nowhere.
    rows = all_rows(at)
    assert rows and all(r["Vuosi (ikä)"][:4].isdigit() for r in rows)
    assert not any("kuukauden lopussa" in r["Indikaattori"] for r in rows)
    # One CSV download per theme table, with the source line beside it; the overview chart has its
    # CSV, PNG and SVG and source line too, and the area profile its PDF and PPTX.
    tables = theme_tables(at)
    keys = [b.proto.id for b in at.get("download_button")]
    assert sum("start_csv_" in k for k in keys) == len(tables)
    assert sum("start_xlsx_" in k for k in keys) == len(tables)
    # + the overview's CSV, XLSX, PNG and SVG and the area profile's PDF and PPTX
    assert len(at.get("download_button")) == 2 * len(tables) + 4 + 2
    # (captions are markdown-escaped data: "Lähde\\: …" renders as "Lähde: …")
    assert sum(c.value.replace("\\", "").startswith("Lähde: ") for c in at.caption) == len(tables) + 1
    # The marks of computed and estimated values are explained on the page.
    assert any("(arvio) arvioitu" in c.value for c in at.caption)


def test_old_data_toggle_hides_rows_older_than_ten_years(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.query_params["area"] = "305"
    at.run()
    before = all_rows(at)
    first_kept = dt.date.today().year - 10
    assert any(int(r["Vuosi (ikä)"][:4]) < first_kept for r in before)
    at.toggle(key="start_show_old").set_value(False).run()
    assert not at.exception
    after = all_rows(at)
    assert after and all(int(r["Vuosi (ikä)"][:4]) >= first_kept for r in after)
    assert len(after) < len(before)


def test_pohde_is_compared_with_the_country_not_with_itself(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.query_params["area"] = "HVA19"
    at.run()
    assert not at.exception
    columns = {c for frame in theme_tables(at) for c in frame.value.columns}
    assert "vrt. Koko maa" in columns and "vrt. Pohjois-Pohjanmaa" not in columns
    assert any("samat kunnat" in c.value for c in at.caption)
    row = row_of(at, DIABETES)
    assert row["vrt. Koko maa"] == expected_cell(built_db, "HVA19", "SSS")


def test_the_overview_chart_is_above_the_tables(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db)
    at.query_params["area"] = "lakeus"
    at.run()
    assert not at.exception
    (chart,) = [c for c in at.get("plotly_chart")]
    import json

    spec = json.loads(chart.proto.spec)
    labels = [a["text"] for a in spec["layout"]["annotations"] if a.get("yref") == "y"]
    # every row's label gives its value and year first; the diabetes row is there with 2023
    assert any("· 2023</b> – Diabeteslääkkeiden" in label for label in labels)
    assert labels and all(label.startswith("<b>") and " · 20" in label for label in labels)


@pytest.mark.parametrize("area", ["lakeus", "072", "oulu", "564"])
def test_hailuoto_doubt_is_shown_for_lakeus_and_hailuoto(monkeypatch, built_db, area):
    at = make_app(monkeypatch, built_db)
    at.query_params["area"] = area
    at.run()
    assert not at.exception
    assert any("Hailuodon aluejako on epävarma" in i.value for i in at.info)
