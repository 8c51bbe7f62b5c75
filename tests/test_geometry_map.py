"""The map figure on the clipped geometry: names placed without overlaps, the selected area named,
Finnish scale numbers; the ranking without a region total among counts."""

from __future__ import annotations

import json
import math

import plotly.graph_objects as go
import polars as pl
import pytest

from tests.test_geometry import layers  # noqa: F401  (module fixture: the real layers, built once)
from tilannekuva.charts import map as cm
from tilannekuva.charts.ranking import ranking_figure
from tilannekuva.comparison import Reference
from tilannekuva.indicator import IndicatorSpec
from tilannekuva.views import map as vm


@pytest.fixture(scope="module")
def kunta(layers):  # noqa: F811
    return json.loads(layers["kunta"].geojson)


@pytest.fixture(scope="module")
def alue(layers):  # noqa: F811
    return json.loads(layers["alue"].geojson)


def _rows(geojson) -> pl.DataFrame:
    codes = [f["id"] for f in geojson["features"]]
    names = [f["properties"].get("name_fi") or f["id"] for f in geojson["features"]]
    return vm.rank_areas(
        pl.DataFrame(
            {
                "area_code": codes,
                "name": names,
                "value": [float(i) for i in range(len(codes))],
                "status": ["ok"] * len(codes),
                "month": [None] * len(codes),
                "method": ["source"] * len(codes),
            },
            schema_overrides={"month": pl.Int64, "method": pl.Utf8},
        )
    )


def _options(**kw) -> cm.MapOptions:
    spec = IndicatorSpec("testi", "Työttömät, % työvoimasta", unit="%", decimals=1, polarity="lower")
    return cm.MapOptions(spec=spec, year=2023, **kw)


def test_build_gives_label_points_inside_each_municipality(kunta):
    from shapely.geometry import Point, shape

    for f in kunta["features"]:
        lon, lat = f["properties"]["label"]
        assert shape(f["geometry"]).buffer(0.01).contains(Point(lon, lat)), f["properties"]["name_fi"]
        assert f["properties"]["km2"] > 0


def test_names_do_not_overlap_and_big_ones_are_all_there(kunta):
    names = {f["id"]: f["properties"]["name_fi"] for f in kunta["features"]}
    placed = cm.place_labels(kunta, names, map_px=cm.MAP_PX, size=cm.LABEL_SIZE)
    shown = [name for _, _, name in placed]
    assert len(shown) >= 15 and len(set(shown)) == len(shown)
    for big in ("Oulu", "Kuusamo", "Pudasjärvi", "Hailuoto"):  # Hailuoto: an island, room around it
        assert big in shown
    lons = [p[0] for f in kunta["features"] for ring in cm._polygons(f["geometry"]) for p in ring]
    scale = cm.MAP_PX / math.radians(max(lons) - min(lons))
    boxes = []
    for lon, lat, name in placed:
        x, y = math.radians(lon) * scale, cm._mercator_y(lat) * scale
        boxes.append(cm.label_box(x, y, name, cm.LABEL_SIZE))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3])
    # A phone has less room: fewer names, never more.
    assert len(cm.place_labels(kunta, names, map_px=cm.PHONE_MAP_PX, size=cm.PHONE_LABEL_SIZE)) < len(shown)


def test_map_has_names_and_names_the_selected_area(kunta, alue):
    fig = cm.choropleth(
        _rows(kunta),
        kunta,
        alue,
        _options(selected="oulunkaari", area_names=(("oulunkaari", "Oulunkaari"),)),
        selected_geojson=alue,
    )
    texts = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.mode == "text"]
    assert len(texts) == 1 and "Oulu" in texts[0].text and texts[0].hoverinfo == "skip"
    legend = [t.name for t in fig.data if t.showlegend]
    assert "valittu: Oulunkaari" in legend and not any("oulunkaari" in n for n in legend)


def test_area_layer_is_labelled_with_area_names(alue):
    rows = _rows(alue).with_columns(pl.col("area_code").str.to_titlecase().alias("name"))
    fig = cm.choropleth(rows, alue, alue, _options(layer="alue"))
    texts = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.mode == "text"][0]
    assert set(texts.text) == set(rows["name"])


@pytest.mark.parametrize("height", [cm.MAP_HEIGHT, cm.PHONE_MAP_HEIGHT])
def test_scale_numbers_are_finnish(kunta, alue, height):
    fig = cm.choropleth(_rows(kunta).with_columns(pl.col("value") * 10_000), kunta, alue, _options(height=height))
    bar = [t for t in fig.data if isinstance(t, go.Choropleth) and t.showscale][0].colorbar
    assert bar.exponentformat == "none" and bar.separatethousands
    assert fig.layout.separators[0] == ","
    assert bar.orientation == ("h" if height == cm.PHONE_MAP_HEIGHT else "v")


def _ranked(values):
    n = len(values)
    return pl.DataFrame(
        {
            "name_fi": [f"Kunta {i}" for i in range(n)],
            "value": values,
            "status": ["ok"] * n,
            "highlight": [False] * n,
            "kind": ["not_comparable"] * n,
            "word": [""] * n,
            "symbol": [""] * n,
            "color": ["#999999"] * n,
        }
    )


def test_count_ranking_draws_no_region_total():
    ranked = _ranked([50_000.0, 9_000.0, 3_000.0, 800.0])
    refs = [Reference("MK17", "Pohjois-Pohjanmaa", 412_000.0, False), Reference("SSS", "Koko maa", 5.6e6, False)]
    counts = ranking_figure(ranked, refs, unit="henkilöä", decimals=0, value_type="count")
    assert not counts.layout.shapes  # no reference lines
    assert counts.layout.xaxis.range[1] < 100_000  # the bars keep the width: the axis ends near the largest
    assert counts.layout.xaxis.exponentformat == "none" and counts.layout.xaxis.separatethousands
    rates = ranking_figure(ranked, refs, unit="%", decimals=1, value_type="rate")
    assert len(rates.layout.shapes) == 2
