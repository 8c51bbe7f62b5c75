"""The Tavoitteet page's model (and the start page's goals block): every goal with its status
computed from the data, the sentences a card shows and the points its chart draws.

Pure (no Streamlit): `build(db, view, *, texts, this_year, goals, ...)` takes the goals as read
from the store (`tilannekuva.goals.store`) and the warehouse through its named queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

from ..format import format_value, year_range
from ..goals import model
from ..goals.model import Goal, GoalStatus
from ..indicator import IndicatorSpec
from ..texts import Texts, texts_or_default

_MARKDOWN = re.compile(r"([\\*_$\[\]`<>#|~])")


def markdown_text(text) -> str:
    """User input (titles, descriptions, names) and data names as literal Markdown text: every
    character Markdown would interpret is escaped, newlines become spaces. (Goals pages, the
    start-page block and the changes sentences share this one.)"""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


#: Lists read "what needs attention" first: behind, on track, achieved, then no new data.
DISPLAY_ORDER = ("behind", "on_track", "achieved", "no_new_data")


@dataclass(frozen=True)
class GoalCard:
    goal: Goal
    indicator_name: str
    unit: str
    decimals: int
    polarity: str
    area_name: str
    area_level: str
    status: GoalStatus
    points: tuple[tuple[int, float], ...]  # the area's values from the baseline year on
    lines: tuple[str, ...]  # the card's sentences, in reading order
    source: str

    @property
    def goal_id(self) -> int | None:
        return self.goal.goal_id


@dataclass(frozen=True)
class GoalsModel:
    cards: tuple[GoalCard, ...]  # after the filters
    total: int  # goals before the filters
    counts: dict  # status -> number among `cards`
    count_line: str
    cooperation_options: tuple[str, ...]
    area_options: tuple[tuple[str, str], ...]  # (code, label) of areas that have goals


def _catalogue(db) -> dict[str, dict]:
    return {r["indicator_id"]: r for r in db.query("indicators").iter_rows(named=True)}


def _areas(db) -> dict[str, dict]:
    return {r["area_code"]: r for r in db.query("areas").iter_rows(named=True)}


def area_points(db, area_code: str) -> dict[str, dict[int, float | None]]:
    """{indicator id: {year: value}} of one area (annual values, all genders together)."""
    out: dict[str, dict[int, float | None]] = {}
    frame = db.query("area_series", area_code=area_code, gender="total")
    for r in frame.iter_rows(named=True):
        out.setdefault(r["indicator_id"], {})[int(r["year"])] = r["value"]
    return out


def context(db, area_codes: Iterable[str], *, this_year: int, existing: Sequence[Goal] = ()) -> model.Context:
    """What `model.validate` needs for goals in these areas, read through the named queries."""
    areas = _areas(db)
    series = {}
    for code in dict.fromkeys(area_codes):
        if code in areas:
            for ind, points in area_points(db, code).items():
                series[(ind, code)] = points
    return model.Context(_catalogue(db), areas, series, tuple(existing), this_year)


def baseline_options(db, indicator_id: str, area_code: str) -> list[tuple[int, float]]:
    """(year, value) the form offers as the baseline: years with a value, newest first."""
    points = area_points(db, area_code).get(indicator_id, {})
    return sorted(((y, float(v)) for y, v in points.items() if v is not None), reverse=True)


def card(goal: Goal, catalogue: dict, areas: dict, points: dict[int, float | None], *, texts=None) -> GoalCard:
    texts = texts_or_default(texts)
    words = texts.goals
    spec = IndicatorSpec.from_row({**catalogue.get(goal.indicator_id, {}), "indicator_id": goal.indicator_id})
    area = areas.get(goal.area_code, {})
    unit, decimals, polarity = spec.unit, spec.decimals, spec.polarity
    status = model.goal_status(goal, points.items(), polarity, decimals, texts=texts)
    fmt = lambda v: format_value(v, unit, decimals, texts=texts)  # noqa: E731
    lines = [
        words.BASELINE_TARGET.format(
            baseline=fmt(goal.baseline_value),
            baseline_year=goal.baseline_year,
            target=fmt(goal.target_value),
            target_year=goal.target_year,
        )
    ]
    if status.status == "no_new_data":
        lines.append(words.NO_NEW_DATA.format(baseline_year=goal.baseline_year))
    elif status.status == "achieved":
        lines.append(words.LATEST_ACHIEVED.format(latest=fmt(status.latest_value), latest_year=status.latest_year))
    else:
        lines.append(
            words.LATEST_ON_PATH.format(
                latest=fmt(status.latest_value), latest_year=status.latest_year, path=fmt(status.path_value)
            )
        )
    data_baseline = points.get(goal.baseline_year)
    if data_baseline is not None and round(data_baseline, decimals) != round(goal.baseline_value, decimals):
        lines.append(words.BASELINE_REVISED.format(now=fmt(data_baseline), stored=fmt(goal.baseline_value)))
    shown = tuple(sorted((int(y), float(v)) for y, v in points.items() if v is not None and y >= goal.baseline_year))
    last = shown[-1][0] if shown else goal.baseline_year
    source = texts.common.source_line([spec.source], year_range(goal.baseline_year, last, texts=texts))
    return GoalCard(
        goal,
        spec.name,
        unit,
        decimals,
        polarity,
        area.get("name_fi") or goal.area_code,
        area.get("level") or "",
        status,
        shown,
        tuple(lines),
        source,
    )


def cards(db, goals: Sequence[Goal], *, texts=None) -> list[GoalCard]:
    catalogue, areas = _catalogue(db), _areas(db)
    series = {code: area_points(db, code) for code in dict.fromkeys(g.area_code for g in goals) if code in areas}
    return [card(g, catalogue, areas, series.get(g.area_code, {}).get(g.indicator_id, {}), texts=texts) for g in goals]


def count_line(found: Sequence[GoalCard], texts=None) -> str:
    words = texts_or_default(texts).goals
    counts = model.status_counts(c.status.status for c in found)
    parts = ", ".join(f"{words.STATUS_SYMBOLS[s]} {words.STATUS_WORDS[s]} {n}" for s, n in counts.items() if n)
    template = words.COUNT_ONE if len(found) == 1 else words.COUNT
    return template.format(n=len(found), counts=parts or "–")


def build(
    db,
    view=None,
    *,
    texts=None,
    this_year: int,
    goals: Sequence[Goal],
    cooperation: str | None = None,
    area: str | None = None,
    status: str | None = None,
) -> GoalsModel:
    """Every goal as a card, filtered by cooperation area, area code and status (None = all)."""
    del view, this_year  # the list does not depend on the shared view; kept for the common signature
    texts = texts_or_default(texts)
    every = cards(db, goals, texts=texts)
    found = [
        c
        for c in every
        if (cooperation is None or c.goal.cooperation_area == cooperation)
        and (area is None or c.goal.area_code == area)
        and (status is None or c.status.status == status)
    ]
    found.sort(key=lambda c: (DISPLAY_ORDER.index(c.status.status), c.area_name, c.goal.title.casefold()))
    areas = {c.goal.area_code: texts.common.area_label(c.area_name, c.area_level) for c in every}
    return GoalsModel(
        tuple(found),
        len(every),
        model.status_counts(c.status.status for c in found),
        count_line(found, texts),
        texts.goals.COOPERATION_AREAS,
        tuple(sorted(areas.items(), key=lambda kv: kv[1])),
    )


def area_goals(db, area_code: str, goals: Sequence[Goal], *, texts=None) -> tuple[GoalCard, ...]:
    """The start page's block: the goals set for this area, behind-first."""
    mine = [g for g in goals if g.area_code == area_code]
    found = cards(db, mine, texts=texts)
    return tuple(sorted(found, key=lambda c: (DISPLAY_ORDER.index(c.status.status), c.goal.title.casefold())))


def chart_table(c: GoalCard, texts=None) -> pl.DataFrame:
    """The chart's table alternative (and CSV): year, value, the straight path's value."""
    words = texts_or_default(texts).goals
    years = sorted({y for y, _ in c.points} | {c.goal.baseline_year, c.goal.target_year})
    values = dict(c.points)
    return pl.DataFrame(
        {
            words.COL_YEAR: years,
            words.COL_VALUE: [values.get(y) for y in years],
            words.COL_PATH: [
                round(model.path_value(c.goal, y), c.decimals + 2)
                if c.goal.baseline_year <= y <= c.goal.target_year
                else None
                for y in years
            ],
        },
        schema={words.COL_YEAR: pl.Int32, words.COL_VALUE: pl.Float64, words.COL_PATH: pl.Float64},
    )


def describe(db, texts=None):
    """For the CSV export: the readable columns of a goal (indicator, area, status now)."""
    catalogue, areas = _catalogue(db), _areas(db)
    cache: dict[str, dict] = {}

    def columns(goal: Goal) -> dict[str, str]:
        if goal.area_code not in cache and goal.area_code in areas:
            cache[goal.area_code] = area_points(db, goal.area_code)
        c = card(goal, catalogue, areas, cache.get(goal.area_code, {}).get(goal.indicator_id, {}), texts=texts)
        return {"indicator_name": c.indicator_name, "area_name": c.area_name, "status": c.status.word}

    return columns


@dataclass(frozen=True)
class FormChoices:
    """What the goal form offers: annual indicators with data (label 'name (last year)' and the
    catalogue row) and the areas a goal can be set for."""

    indicator_labels: dict
    indicator_info: dict
    area_labels: dict


def form_choices(db, *, common=None, texts: Texts | None = None) -> FormChoices:
    """Area labels in the request's `texts` (or its `common` module, as older callers pass it)."""
    label = common.area_label if common is not None else texts_or_default(texts).common.area_label
    annual = db.query("indicators").filter((pl.col("frequency") == "year") & (pl.col("n_values") > 0)).sort("name_fi")
    areas = db.query("areas").filter(pl.col("level").is_in(list(model.GOAL_LEVELS)))
    return FormChoices(
        indicator_labels={
            r["indicator_id"]: f"{r['name_fi']} ({r['last_year']})" for r in annual.iter_rows(named=True)
        },
        indicator_info={r["indicator_id"]: r for r in annual.iter_rows(named=True)},
        area_labels={r["area_code"]: label(r["name_fi"], r["level"]) for r in areas.iter_rows(named=True)},
    )
