"""Every page's model built without Streamlit (issue 10): `views.*.build(db, view, *, texts,
this_year)` for a municipality and a Pohde area, checked against the warehouse's own numbers, and
the one IndicatorSpec (its single decimals default)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tilannekuva import codes, indicator
from tilannekuva.db import Database
from tilannekuva.indicator import DEFAULT_DECIMALS, IndicatorSpec, spec_for
from tilannekuva.texts import texts_for
from tilannekuva.views import about, catalogue, compare, start, trends
from tilannekuva.views import map as map_view
from tilannekuva.viewstate import ViewState

ROOT = Path(__file__).resolve().parent.parent
THIS_YEAR = 2025
UNEMPLOYMENT = "tem_tyottomat_pct_tyovoima_vuosikeskiarvo"
TEXTS = texts_for("fi")


@pytest.fixture(scope="module")
def db(built_db) -> Database:
    return Database(built_db)


def sql(path, query: str, *params):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query, list(params)).fetchall()


def newest_year(path, indicator_id: str) -> int:
    return sql(
        path,
        "SELECT max(year) FROM observation WHERE indicator_id = ? AND status = 'ok' "
        "AND month = 0 AND gender = 'total' AND area_code = '564'",
        indicator_id,
    )[0][0]


def view(area: str, year: int | None, **kw) -> ViewState:
    return ViewState(area=area, indicator=UNEMPLOYMENT, year=year, **kw)


def test_views_do_not_import_streamlit():
    """A fresh interpreter builds nothing but imports every view: streamlit stays out."""
    code = (
        "import sys; from tilannekuva.views import about, catalogue, compare, start, trends, map, table; "
        "import tilannekuva.indicator; print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
    for path in (ROOT / "tilannekuva" / "views").glob("*.py"):
        assert "import streamlit" not in path.read_text(encoding="utf-8"), path


def test_pages_do_not_query_the_database():
    for path in (ROOT / "pages").glob("*.py"):
        assert "db.query(" not in path.read_text(encoding="utf-8"), path


def test_indicator_spec_has_one_decimals_default(db):
    fields = {f.name: f for f in dataclasses.fields(IndicatorSpec)}
    assert fields["decimals"].default == DEFAULT_DECIMALS == 1
    assert indicator.decimals_of(None) == DEFAULT_DECIMALS and indicator.decimals_of(3) == 3
    row = db.query("indicators").filter(pl.col("indicator_id") == UNEMPLOYMENT).row(0, named=True)
    spec = IndicatorSpec.from_row({**row, "decimals": None})
    assert spec.decimals == DEFAULT_DECIMALS
    # Every other field comes from the catalogue row, read once.
    spec = spec_for(db, UNEMPLOYMENT)
    assert (spec.name, spec.unit, spec.decimals, spec.polarity, spec.value_type, spec.frequency, spec.source) == (
        row["name_fi"],
        row["unit"],
        row["decimals"],
        row["polarity"],
        row["value_type"],
        row["frequency"],
        row["source_org"],
    )
    assert spec.last_year == row["last_year"] and spec.caveat == row["caveat_fi"] and spec.scale == row["scale"]
    assert spec_for(db, "no_such_indicator") is None
    # No page, view, chart or comparison keeps its own fallback: decimals_of is the one rule.
    offenders = []
    for path in [
        *(ROOT / "tilannekuva").glob("*.py"),
        *(ROOT / "tilannekuva" / "charts").glob("*.py"),
        *(ROOT / "tilannekuva" / "report").glob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "tilannekuva" / "views").glob("*.py"),
        *(ROOT / "tilannekuva" / "goals").glob("*.py"),
    ]:
        text = path.read_text(encoding="utf-8")
        if any(p in text for p in ('decimals"] if', 'decimals"] or', 'get("decimals") or', '"decimals": 1')):
            offenders.append(path.name)
    assert not offenders, offenders


@pytest.mark.parametrize("area", ["564", "lakeus"])
def test_start_model(db, built_db, area):
    model = start.build(db, view(area, None), texts=TEXTS, this_year=THIS_YEAR)
    name = sql(built_db, "SELECT name_fi FROM area WHERE area_code = ?", area)[0][0]
    assert model.area_name == name and model.rows and model.summary is not None
    row = next(r for r in model.rows if r.indicator_id == UNEMPLOYMENT)
    year = sql(
        built_db,
        "SELECT max(year) FROM observation WHERE indicator_id = ? AND area_code = ? "
        "AND status = 'ok' AND month = 0 AND gender = 'total'",
        UNEMPLOYMENT,
        area,
    )[0][0]
    value = sql(
        built_db,
        "SELECT value FROM observation WHERE indicator_id = ? AND area_code = ? AND year = ? "
        "AND month = 0 AND gender = 'total'",
        UNEMPLOYMENT,
        area,
        year,
    )[0][0]
    assert row.year == year and row.value == pytest.approx(value)
    assert model.hailuoto_doubt  # Oulu and Lakeus are both touched by Hailuoto's open area
    blocks = start.themes(model, texts=TEXTS, this_year=THIS_YEAR, show_old=True)
    assert {r.indicator_id for b in blocks for r in b.rows} == {r.indicator_id for r in model.rows}
    assert all(b.css.shape == b.frame.shape for b in blocks)
    assert any("color: #" in cell for b in blocks for cell in b.css.to_numpy().ravel())  # judgement colours


@pytest.mark.parametrize("area, layer", [("564", codes.MUNICIPALITY), ("lakeus", codes.POHDE_AREA)])
def test_map_model(db, built_db, area, layer):
    year = newest_year(built_db, UNEMPLOYMENT)
    model = map_view.build(db, view(area, year, layer=layer), texts=TEXTS, this_year=THIS_YEAR)
    assert model.has_geometry and model.spec.indicator_id == UNEMPLOYMENT and model.year == year
    level = "kunta" if layer == codes.MUNICIPALITY else "alue"
    ((lo, hi),) = sql(
        built_db,
        "SELECT min(o.value), max(o.value) FROM observation o JOIN area a USING (area_code) "
        "WHERE indicator_id = ? AND year = ? AND month = 0 AND gender = 'total' "
        "AND status = 'ok' AND a.level = ?",
        UNEMPLOYMENT,
        year,
        level,
    )
    assert model.finding.highest_value == pytest.approx(hi) and model.finding.lowest_value == pytest.approx(lo)
    assert model.lines[0] == TEXTS.map.FINDING_HEADER.format(period=str(year))
    highest = TEXTS.common.format_number(hi, model.spec.decimals)
    assert highest in model.lines[1] and highest in model.alt
    assert str(year) in model.source and model.filename.endswith(".csv")
    assert model.table.frame.height == model.rows.height + 1  # every area + the region's reference row
    assert (TEXTS.common.HAILUOTO_DOUBT in model.notes) == (layer == codes.POHDE_AREA)
    assert model.notes[-1] == TEXTS.map.INTRO
    if area == "564":
        assert any("Oulu" in line for line in model.lines if line.startswith("**Valittu"))
    assert map_view.build(db, view(area, None), texts=TEXTS, this_year=THIS_YEAR) is None


@pytest.mark.parametrize("area, compare_with", [("564", ("072",)), ("lakeus", ())])
def test_trend_model(db, built_db, area, compare_with):
    model = trends.build(db, view(area, None, compare=compare_with), texts=TEXTS, this_year=THIS_YEAR)
    codes_shown = [s.code for s in model.series]
    assert codes_shown[0] == area and codes_shown[-2:] == [codes.REGION, codes.COUNTRY]
    assert all(c in codes_shown for c in compare_with)
    first, last = sql(
        built_db,
        "SELECT min(year), max(year) FROM observation WHERE indicator_id = ? "
        "AND area_code IN ? AND status = 'ok' AND month = 0 AND gender = 'total'",
        UNEMPLOYMENT,
        codes_shown,
    )[0]
    assert model.years == f"{first}–{last}" and model.years in model.source
    assert len(model.lines) == len(model.series) and model.header == TEXTS.trends.TREND_HEADER
    assert model.spec.name in model.alt and TEXTS.map.POLARITY_NOTE["lower"] in model.explain
    table = model.table.frame
    assert table[TEXTS.trends.TABLE_YEAR].to_list()[-1] == last
    value = sql(
        built_db,
        "SELECT value FROM observation WHERE indicator_id = ? AND area_code = ? AND year = ? "
        "AND month = 0 AND gender = 'total'",
        UNEMPLOYMENT,
        area,
        last,
    )[0][0]
    assert table[model.series[0].label].to_list()[-1] == pytest.approx(round(value, model.spec.decimals))


@pytest.mark.parametrize("area", ["564", "lakeus"])
def test_compare_model(db, built_db, area):
    year = newest_year(built_db, UNEMPLOYMENT)
    model = compare.build(db, view(area, year), texts=TEXTS, this_year=THIS_YEAR)
    ranking = model.ranking
    assert ranking.message is None and str(year) in ranking.heading
    n = sql(built_db, "SELECT count(*) FROM area WHERE level = 'kunta'")[0][0]
    assert ranking.ranked.height == n == 30
    best = ranking.ranked.row(0, named=True)  # lower is better: the smallest value first
    assert best["value"] == pytest.approx(ranking.ranked["value"].drop_nulls().min())
    assert TEXTS.common.escape_markdown(best["name_fi"]) in ranking.summary
    assert (TEXTS.common.HAILUOTO_DOUBT in ranking.captions) == (area == "lakeus")
    profile = model.profile
    expected_area = "oulu" if area == "564" else "lakeus"
    members = [
        r[0]
        for r in sql(
            built_db,
            "SELECT name_fi FROM area WHERE parent_code = ? AND level = 'kunta' ORDER BY sort_order, name_fi",
            expected_area,
        )
    ]
    assert list(profile.members) == members and profile.css.shape == profile.frame.shape
    assert (TEXTS.common.HAILUOTO_DOUBT in profile.captions) == (area == "lakeus")
    spread = model.spread
    assert spread.message is None and len(spread.sentences) == 5  # the Oulu area has one member: no spread
    # The chosen area's sentence is marked (Oulu's area has none).
    assert [s.startswith("▶") for s in spread.sentences].count(True) == (area == "lakeus")
    assert compare.ranking(db, view(area, None), texts=TEXTS, this_year=THIS_YEAR).message == TEXTS.compare.NO_YEAR


def test_catalogue_model(db, built_db):
    model = catalogue.build(db, view("564", None), texts=TEXTS, this_year=THIS_YEAR)
    n = sql(built_db, "SELECT count(*) FROM indicator")[0][0]
    assert model.catalogue.height == n and str(n) in model.intro and model.spec.indicator_id == UNEMPLOYMENT
    found = catalogue.search(model, texts=TEXTS, words="työttömät")
    assert UNEMPLOYMENT in found.ids and found.shown == TEXTS.catalogue.SHOWN.format(n=len(found.ids), total=n)
    detail = catalogue.detail(model, UNEMPLOYMENT, texts=TEXTS, this_year=THIS_YEAR)
    assert f"`{UNEMPLOYMENT}`" in detail.items and detail.no_data is None
    assert catalogue.search(model, texts=TEXTS, words="zzzz-ei-ole").ids == ()


def test_about_model(db, built_db):
    model = about.build(db, view("lakeus", None), texts=TEXTS, this_year=THIS_YEAR)
    assert model.membership.height == 30
    name_col = TEXTS.about.MEMBERSHIP_COLUMNS["name"]
    assert any(n.startswith(TEXTS.about.DOUBT_MARK) and "Hailuoto" in n for n in model.membership[name_col])
    assert model.area_table.height == 6
    n_checks = db.query("aggregate_check_summary").height
    assert model.checks.height == n_checks and model.checks_csv.startswith(model.checks.columns[0].encode())
    assert (
        model.by_year[TEXTS.about.AGE_TABLE["n"]].sum()
        == sql(built_db, "SELECT count(*) FROM indicators WHERE n_values > 0")[0][0]
    )
    names = dict(
        sql(built_db, "SELECT indicator_id, name_fi FROM indicator WHERE indicator_id IN ?", list(about.UNEMPLOYMENT))
    )
    lines = model.unemployment.splitlines()
    assert len(lines) == len(names) >= 3
    assert [line.split("**")[1] for line in lines] == [names[i] for i in about.UNEMPLOYMENT if i in names]


def test_styled_tables_are_fresh_public_stylers_with_the_judgement_colours(db):
    """No shared, patched Styler: each call is a new pandas Styler (public apply/set_uuid) with
    the same uuid for the same table, and the judgement colours are in its CSS."""
    import pandas as pd

    from tilannekuva.views.table import styled

    model = start.build(db, "564", texts=TEXTS, this_year=THIS_YEAR)
    block = start.themes(model, texts=TEXTS, this_year=THIS_YEAR, show_old=True)[1]
    a, b = styled(block.frame, block.css, "k"), styled(block.frame, block.css, "k")
    assert a is not b and type(a) is pd.io.formats.style.Styler and a.uuid == b.uuid
    assert "_compute" not in vars(a) and "_translate" not in vars(a)  # nothing patched on the object
    colours = {cell.split("color: ")[1] for cell in block.css.to_numpy().ravel() if cell}
    html = a.to_html()
    assert colours and all(c in html for c in colours)


def test_clear_all_empties_every_cache(db):
    from tilannekuva import db as dbmod
    from tilannekuva.ui import cached, state

    cached.about_model(db.identity, THIS_YEAR, "fi")
    state.known(db)
    assert cached.MODELS.info().currsize > 0 and dbmod._cached.info().currsize > 0
    cached.clear_all()
    assert cached.MODELS.info().currsize == 0 and dbmod._cached.info().currsize == 0
    assert state.known.cache_info().currsize == 0
