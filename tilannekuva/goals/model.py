"""Pure goal logic: the record, its status from the data, and every validation rule.

No database, no Streamlit: callers pass the catalogue row, the area rows and the area's series
as plain values, so reports, the CSV import and the form all check a goal the same way.

Status of a goal (baseline year/value -> target year/value) from the newest value after the
baseline year:
- "good" direction: the indicator's polarity ('higher'/'lower' is better); for a neutral
  indicator, the direction the goal itself sets (target above baseline = increase wanted);
- achieved (saavutettu): the newest value meets the target in the good direction;
- on track (oikealla suunnalla): not achieved, but at least as good as the straight path from
  the baseline to the target in the newest value's year;
- behind (jäljessä): worse than that straight path;
- no new data (ei uutta tietoa): no value after the baseline year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .. import codes
from ..format import format_number
from ..indicator import decimals_of
from ..texts import DEFAULT_LANG, Texts, texts_for, texts_or_default

Status = Literal["achieved", "on_track", "behind", "no_new_data"]
STATUSES: tuple[Status, ...] = ("achieved", "on_track", "behind", "no_new_data")
GOAL_LEVELS = (codes.MUNICIPALITY, codes.POHDE_AREA, codes.COUNTY_LEVEL, codes.REGION_LEVEL)
#: Who is responsible, as stored (texts.goals.RESPONSIBLE_KINDS names each in the UI's language).
RESPONSIBLE_KINDS = ("kunta", "hyvinvointialue", "maakuntaliitto", "muu")
TITLE_MAX = 200
DESCRIPTION_MAX = 4000
#: A target year at most this far after the current year (beyond that it is a typo, not a plan).
TARGET_YEARS_AHEAD = 30
#: A target more than this many times the largest value seen for the area is a typo (e.g. 123 for 12,3).
IMPLAUSIBLE_FACTOR = 10.0


def cooperation_areas() -> tuple[str, ...]:
    """The agreement's cooperation areas as stored: the default language's names are the codes
    (a goal keeps them whatever language its editor used)."""
    return texts_for(DEFAULT_LANG).goals.COOPERATION_AREAS


@dataclass(frozen=True)
class Goal:
    """One goal as stored. `goal_id`/`version` are None before the first save."""

    title: str
    cooperation_area: str
    indicator_id: str
    area_code: str
    baseline_year: int
    baseline_value: float
    target_year: int
    target_value: float
    responsible_kind: str
    responsible_name: str = ""
    description: str = ""
    is_example: bool = False
    goal_id: int | None = None
    version: int | None = None
    created_at: str = ""
    created_by: str = ""
    updated_at: str = ""
    updated_by: str = ""

    #: The fields an editor sets (the rest are kept by the store).
    EDITABLE = (
        "title",
        "description",
        "cooperation_area",
        "indicator_id",
        "area_code",
        "baseline_year",
        "baseline_value",
        "target_year",
        "target_value",
        "responsible_kind",
        "responsible_name",
        "is_example",
    )
    #: Editable fields a goal (or an imported CSV) may leave empty; the rest are required.
    OPTIONAL = ("description", "responsible_name", "is_example")

    def editable(self) -> dict:
        return {name: getattr(self, name) for name in self.EDITABLE}

    def with_fields(self, **changes) -> Goal:
        return replace(self, **changes)

    def responsible(self, texts: Texts | None = None) -> str:
        """Who is responsible: the name given, else the kind in the request's words."""
        kind = texts_or_default(texts).goals.RESPONSIBLE_KINDS.get(self.responsible_kind, self.responsible_kind)
        return self.responsible_name or kind


# ---------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class GoalStatus:
    status: Status
    direction: Literal["up", "down"]  # which way is good for this goal
    latest_year: int | None = None  # newest year after the baseline with a value
    latest_value: float | None = None
    path_value: float | None = None  # the straight path's value in latest_year
    texts: Texts | None = field(default=None, compare=False, repr=False)  # the words `word`/`symbol` use

    @property
    def word(self) -> str:
        return texts_or_default(self.texts).goals.STATUS_WORDS[self.status]

    @property
    def symbol(self) -> str:
        return texts_or_default(self.texts).goals.STATUS_SYMBOLS[self.status]

    @property
    def label(self) -> str:
        return f"{self.symbol} {self.word}"


def good_direction(polarity: str | None, baseline: float, target: float) -> Literal["up", "down"]:
    """'up' when larger values are wanted. The polarity decides; a neutral indicator follows the
    goal's own direction (a target equal to the baseline then means 'hold at least this')."""
    if polarity == "higher":
        return "up"
    if polarity == "lower":
        return "down"
    return "down" if target < baseline else "up"


def path_value(goal: Goal, year: int) -> float:
    """The straight line from (baseline year, baseline value) to (target year, target value)."""
    span = goal.target_year - goal.baseline_year
    share = (year - goal.baseline_year) / span
    return goal.baseline_value + (goal.target_value - goal.baseline_value) * share


def _at_least(value: float, bound: float, direction: str, decimals: int | None) -> bool:
    """value is on the good side of bound (or equal at the display precision)."""
    if decimals is not None and round(value, decimals) == round(bound, decimals):
        return True
    return value >= bound if direction == "up" else value <= bound


def goal_status(
    goal: Goal,
    points: Iterable[tuple[int, float | None]],
    polarity: str | None,
    decimals: int | None = None,
    *,
    texts: Texts | None = None,
) -> GoalStatus:
    """The goal's status from the area's annual `points` (year, value) of its indicator, its word
    and symbol in `texts`.

    Values equal at the indicator's display precision (`decimals`) count as meeting the bound, so
    a figure shown as "10,0" never reads as missing a target of 10,0."""
    direction = good_direction(polarity, goal.baseline_value, goal.target_value)
    after = sorted(
        (int(y), float(v)) for y, v in points if v is not None and not _is_nan(v) and int(y) > goal.baseline_year
    )
    if not after:
        return GoalStatus("no_new_data", direction, texts=texts)
    year, value = after[-1]
    on_path = path_value(goal, min(year, goal.target_year))
    if _at_least(value, goal.target_value, direction, decimals):
        status: Status = "achieved"
    elif _at_least(value, on_path, direction, decimals):
        status = "on_track"
    else:
        status = "behind"
    return GoalStatus(status, direction, year, value, on_path, texts=texts)


def _is_nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Context:
    """What validation needs to know about the data, as plain values.

    indicators: indicator id -> catalogue row (name_fi, unit, value_type, decimals, polarity, frequency)
    areas: area code -> area row (name_fi, level)
    series: (indicator id, area code) -> {year: value} of the goal's area (annual, total gender)
    existing: the goals already stored (for the duplicate rule)
    """

    indicators: Mapping[str, Mapping]
    areas: Mapping[str, Mapping]
    series: Mapping[tuple[str, str], Mapping[int, float | None]]
    existing: Sequence[Goal] = field(default_factory=tuple)
    this_year: int = 2026


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def baseline_from_data(ctx: Context, indicator_id: str, area_code: str, year: int) -> float | None:
    value = ctx.series.get((indicator_id, area_code), {}).get(int(year))
    return None if value is None or _is_nan(value) else float(value)


def validate(goal: Goal, ctx: Context, *, texts: Texts | None = None) -> list[Problem]:
    """Every rule the goal breaks, each with a message in `texts`; [] when it may be saved."""
    texts = texts_or_default(texts)
    words = texts.goals
    problems: list[Problem] = []

    def bad(name: str, message: str) -> None:
        problems.append(Problem(name, message))

    title = goal.title.strip()
    if not title:
        bad("title", words.V_TITLE_MISSING)
    elif len(title) > TITLE_MAX:
        bad("title", words.V_TITLE_LONG.format(max=TITLE_MAX))
    if len(goal.description) > DESCRIPTION_MAX:
        bad("description", words.V_DESCRIPTION_LONG.format(max=DESCRIPTION_MAX))
    if goal.cooperation_area not in cooperation_areas():
        bad("cooperation_area", words.V_COOPERATION)
    if goal.responsible_kind not in RESPONSIBLE_KINDS:
        bad("responsible_kind", words.V_RESPONSIBLE_KIND)
    elif goal.responsible_kind == "muu" and not goal.responsible_name.strip():
        bad("responsible_name", words.V_RESPONSIBLE_NAME)

    indicator = ctx.indicators.get(goal.indicator_id)
    area = ctx.areas.get(goal.area_code)
    if indicator is None:
        bad("indicator_id", words.V_INDICATOR_UNKNOWN.format(indicator=str(goal.indicator_id)[:60]))
    elif indicator.get("frequency", "year") != "year":
        bad("indicator_id", words.V_INDICATOR_MONTHLY.format(name=indicator["name_fi"]))
        indicator = None
    if area is None:
        bad("area_code", words.V_AREA_UNKNOWN.format(area=str(goal.area_code)[:60]))
    elif area["level"] not in GOAL_LEVELS:
        bad("area_code", words.V_AREA_LEVEL.format(area=area["name_fi"]))
        area = None

    if goal.target_year <= goal.baseline_year:
        bad("target_year", words.V_TARGET_YEAR.format(target_year=goal.target_year, baseline_year=goal.baseline_year))
    elif goal.target_year > ctx.this_year + TARGET_YEARS_AHEAD:
        bad(
            "target_year",
            words.V_TARGET_YEAR_FAR.format(target_year=goal.target_year, max_year=ctx.this_year + TARGET_YEARS_AHEAD),
        )

    target = goal.target_value
    if target is None or _is_nan(target) or math.isinf(target):
        bad("target_value", words.V_TARGET_MISSING)
        target = None

    if indicator is not None and area is not None:
        decimals = decimals_of(indicator.get("decimals"))
        data = baseline_from_data(ctx, goal.indicator_id, goal.area_code, goal.baseline_year)
        if data is None:
            bad("baseline_year", words.V_BASELINE_NO_DATA.format(area=area["name_fi"], year=goal.baseline_year))
        elif goal.baseline_value is None or round(goal.baseline_value, decimals) != round(data, decimals):
            bad(
                "baseline_value",
                words.V_BASELINE_MISMATCH.format(
                    given=format_number(goal.baseline_value, decimals, texts=texts),
                    year=goal.baseline_year,
                    data=format_number(data, decimals, texts=texts),
                ),
            )
        if target is not None:
            problems.extend(_plausibility(goal, indicator, ctx, data, decimals, texts))

    duplicate = next(
        (
            g
            for g in ctx.existing
            if g.goal_id != goal.goal_id
            and g.indicator_id == goal.indicator_id
            and g.area_code == goal.area_code
            and g.target_year == goal.target_year
        ),
        None,
    )
    if duplicate is not None:
        bad("target_year", words.V_DUPLICATE.format(target_year=goal.target_year, title=duplicate.title))
    return problems


def _plausibility(
    goal: Goal, indicator: Mapping, ctx: Context, baseline: float | None, decimals: int, texts: Texts
) -> list[Problem]:
    words = texts.goals
    target = goal.target_value
    shown = format_number(target, decimals, texts=texts)  # the target as the messages write it
    unit = indicator.get("unit") or ""
    values = [
        v for v in ctx.series.get((goal.indicator_id, goal.area_code), {}).values() if v is not None and not _is_nan(v)
    ]
    out: list[Problem] = []
    if indicator.get("value_type") == "percent" or unit == "%":
        if not 0 <= target <= 100:
            return [Problem("target_value", words.V_TARGET_PERCENT.format(value=shown))]
    if target < 0 and not any(v < 0 for v in values):
        return [Problem("target_value", words.V_TARGET_NEGATIVE.format(value=shown))]
    largest = max((abs(v) for v in values), default=None)
    if largest and abs(target) > IMPLAUSIBLE_FACTOR * largest:
        out.append(
            Problem(
                "target_value",
                words.V_TARGET_IMPLAUSIBLE.format(
                    value=shown,
                    largest=format_number(largest, decimals, texts=texts),
                    unit=unit,
                ),
            )
        )
    polarity = indicator.get("polarity")
    if (
        polarity not in ("higher", "lower")
        and baseline is not None
        and round(target, decimals) == round(baseline, decimals)
    ):
        out.append(Problem("target_value", words.V_TARGET_SAME))
    return out


def parse_decimal(text: str) -> float | None:
    """'12,5', '12.5', '1 234,5', '−3' -> float; '' -> None; raises ValueError for anything else."""
    cleaned = (
        str(text).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".").replace("−", "-")
    )
    if not cleaned:
        return None
    number = float(cleaned)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(text)
    return number


def status_counts(statuses: Iterable[Status]) -> dict[Status, int]:
    counts = {s: 0 for s in STATUSES}
    for s in statuses:
        counts[s] += 1
    return counts
