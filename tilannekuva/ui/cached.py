"""Every page model and finished figure, cached across sessions: thin wrappers around the pure
`tilannekuva.views.*.build` functions (Streamlit server CPU per page run).

Each wrapper is keyed on the database's `identity` (path, inode, mtime: a rebuilt warehouse never
serves old results), the plain view values the model depends on and the language (`lang`: the
texts are chosen per request). The cache (tilannekuva.sized_cache, bounded by estimated bytes and
by entries) returns the *same* object to every session: callers must treat the results as
read-only (polars frames, frozen dataclasses, plotly figures that only go to st.plotly_chart, which
does not mutate them). No spinner.

This module owns every cache of the running app: `clear_all()` empties them (the benchmark's cold
start), nothing crawls the package for `cache_clear`.
"""

from __future__ import annotations

from ..db import Database, database_for
from ..sized_cache import MB, SizedCache, cached
from ..texts import texts_for
from ..views import about as about_view
from ..views import catalogue as catalogue_view
from ..views import compare as compare_view
from ..views import map as map_view
from ..views import start as start_view
from ..views import trends as trends_view
from ..views.table import SharedTable  # noqa: F401 - the models' table type (tests check it)
from ..viewstate import ViewState

MAX_ENTRIES = 2048
# One byte budget for every model and figure below (issue 9: 256 entries per function, counted
# only, grew the server to ~1.1 GB after ~2 500 distinct views). The query results they are made
# of have their own budget (db.QUERY_CACHE_BYTES). Measured (benchmarks/run.py --only views): the
# server's RSS grows by ~2.4× what the caches count (objects interleaved with short-lived ones keep
# allocator pages), so 64 + 32 MB left it at ~660 MB after 800 views; 16 + 8 MB keeps it under the
# 500 MB budget and still holds every area's start page (~0.4 MB each) and the recent maps and trends.
MODEL_CACHE_BYTES = 16 * MB
MODELS = SizedCache("models", max_bytes=MODEL_CACHE_BYTES, max_entries=MAX_ENTRIES)

Identity = tuple

# The model types (pages and tests name them here).
StartModel = start_view.StartModel
ThemeBlock = start_view.ThemeBlock
MapModel = map_view.MapModel
TrendModel = trends_view.TrendModel
RankingModel = compare_view.RankingModel
ProfileModel = compare_view.ProfileModel
SpreadModel = compare_view.SpreadModel


def _db(identity: Identity) -> Database:
    """The database the key was made for (a run in flight during a rebuild still has it open)."""
    return database_for(identity)


# ---------------------------------------------------------------------------
# Start page
# ---------------------------------------------------------------------------
@cached(MODELS)
def start_model(identity: Identity, area: str, this_year: int, lang: str = "fi") -> StartModel:
    return start_view.build(_db(identity), area, texts=texts_for(lang), this_year=this_year)


@cached(MODELS)
def overview_figure(identity: Identity, area: str, this_year: int, lang: str = "fi"):
    """The start page's overview chart of `start_model` (shared, only drawn)."""
    from ..charts.overview import overview_figure as figure
    from ..codes import COUNTRY, REGION

    model = start_model(identity, area, this_year, lang)
    names = {b.code: b.name for b in model.benchmarks}
    benchmark = model.summary.benchmark if model.summary else None
    return figure(
        model.overview,
        area_name=model.area_name,
        benchmark_name=benchmark.name if benchmark else None,
        region_name=names.get(REGION, model.area_name),
        country_name=names.get(COUNTRY, ""),
    )


@cached(MODELS)
def start_themes(
    identity: Identity, area: str, this_year: int, show_old: bool, lang: str = "fi"
) -> tuple[ThemeBlock, ...]:
    return start_view.themes(
        start_model(identity, area, this_year, lang), texts=texts_for(lang), this_year=this_year, show_old=show_old
    )


# ---------------------------------------------------------------------------
# Map page
# ---------------------------------------------------------------------------
@cached(MODELS)
def geojson(identity: Identity, layer: str) -> dict:
    """A layer's features, parsed once and shared by every map model (and their figures)."""
    return map_view.read_geojson(_db(identity), layer)


@cached(MODELS)
def map_model(
    identity: Identity,
    indicator: str,
    year: int,
    gender: str,
    layer: str,
    area: str,
    phone: bool,
    lang: str = "fi",
    this_year: int = 0,
) -> MapModel | None:
    view = ViewState(area=area, indicator=indicator, year=year, gender=gender, layer=layer, lang=lang)
    return map_view.build(
        _db(identity),
        view,
        texts=texts_for(lang),
        this_year=this_year,
        phone=phone,
        geojson=lambda name: geojson(identity, name),
    )


# ---------------------------------------------------------------------------
# Trends page
# ---------------------------------------------------------------------------
@cached(MODELS)
def area_labels(identity: Identity, lang: str = "fi") -> dict[str, str]:
    return trends_view.area_labels(_db(identity), texts_for(lang))


@cached(MODELS)
def trend_model(
    identity: Identity,
    indicator: str,
    gender: str,
    area: str,
    compare: tuple,
    year: int | None,
    lang: str = "fi",
    this_year: int = 0,
) -> TrendModel | None:
    """None when there is no value to draw."""
    view = ViewState(area=area, indicator=indicator, year=year, gender=gender, compare=tuple(compare), lang=lang)
    return trends_view.build(_db(identity), view, texts=texts_for(lang), this_year=this_year)


# ---------------------------------------------------------------------------
# Compare page
# ---------------------------------------------------------------------------
@cached(MODELS)
def ranking_model(
    identity: Identity, indicator: str, year: int | None, gender: str, area: str, lang: str = "fi", this_year: int = 0
) -> RankingModel | None:
    view = ViewState(area=area, indicator=indicator, year=year, gender=gender, lang=lang)
    return compare_view.ranking(_db(identity), view, texts=texts_for(lang), this_year=this_year)


@cached(MODELS)
def profile_choices(identity: Identity, area: str, lang: str = "fi") -> compare_view.ProfileChoices:
    return compare_view.profile_choices(_db(identity), ViewState(area=area, lang=lang), texts=texts_for(lang))


@cached(MODELS)
def profile_model(
    identity: Identity, chosen: str, theme: str | None, gender: str, this_year: int, mark: str, lang: str = "fi"
) -> ProfileModel:
    """`theme` None = every theme; `mark` the indicator marked ▶."""
    view = ViewState(indicator=mark, gender=gender, lang=lang)
    return compare_view.profile(_db(identity), view, chosen, theme, texts=texts_for(lang), this_year=this_year)


@cached(MODELS)
def spread_model(
    identity: Identity, indicator: str, gender: str, area: str, lang: str = "fi", this_year: int = 0
) -> SpreadModel | None:
    view = ViewState(area=area, indicator=indicator, gender=gender, lang=lang)
    return compare_view.spread(_db(identity), view, texts=texts_for(lang), this_year=this_year)


# ---------------------------------------------------------------------------
# Catalogue and about pages
# ---------------------------------------------------------------------------
@cached(MODELS)
def catalogue_model(identity: Identity, lang: str = "fi", this_year: int = 0) -> catalogue_view.CatalogueModel:
    return catalogue_view.build(_db(identity), ViewState(lang=lang), texts=texts_for(lang), this_year=this_year)


@cached(MODELS)
def about_model(identity: Identity, this_year: int, lang: str = "fi") -> about_view.AboutModel:
    return about_view.build(_db(identity), ViewState(lang=lang), texts=texts_for(lang), this_year=this_year)


# ---------------------------------------------------------------------------
# Every cache, emptied explicitly
# ---------------------------------------------------------------------------
def clear_all() -> None:
    """Empty every cache of the running app (models and figures here, query results, the view
    lookups of ui.state, Streamlit's own): a cold start, e.g. for the benchmark. Open database
    connections stay (a running session may still read through them)."""
    import streamlit as st

    from .. import db as dbmod
    from .. import history
    from . import state

    MODELS.clear()
    dbmod._cached.clear()
    dbmod.load_queries.cache_clear()
    history._cached.cache_clear()
    for fn in (
        state.known,
        state.selectable_areas,
        state.indicator_options,
        state._area_labels,
        state._indicator_labels,
    ):
        fn.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
