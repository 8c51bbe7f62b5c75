"""The "Mitä on muuttunut" page's model: what the product concluded before and what it concludes
now for one area, written as sentences.

Before: a snapshot from the history (`tilannekuva.history`), or the current data cut at a data
year (what the data said when its newest year was that). Now: the current warehouse, or a pinned
snapshot (a deep link made before a seminar keeps showing what was shown, and says when newer
data exists). The comparisons are plain dictionary diffs of the conclusions; the conclusions
themselves come from `history.area_conclusions`, i.e. `situation`'s own judgements.

Pure: no Streamlit. `diff(...)` needs no database at all (tests feed it hand-made conclusions).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import history, situation
from ..format import format_value
from ..goals import model
from ..goals.model import Goal
from ..goals.store import local_time
from ..indicator import DEFAULT_DECIMALS, DEFAULT_POLARITY, IndicatorSpec, decimals_of
from ..texts import Texts, texts_or_default
from .goals import markdown_text

# Better-or-worse order of judgement kinds (others carry no direction).
_COMPARISON_RANK = {"worse": 0, "no_difference": 1, "same": 1, "better": 2}
_TREND_RANK = {"worsening": 0, "stable": 1, "no_change": 1, "improving": 2}
_STATUS_RANK = {"behind": 0, "on_track": 1, "achieved": 2}
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Change:
    kind: str  # new_data | first_data | revised | gone | judgement | trend | goal
    direction: str  # worse | better | neutral
    indicator_id: str
    text: str  # markdown: names in bold (escaped), the new state in italics


@dataclass(frozen=True)
class Diff:
    new_data: tuple[Change, ...]
    judgements: tuple[Change, ...]
    trends: tuple[Change, ...]
    goals: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        return not (self.new_data or self.judgements or self.trends or self.goals)


def _direction(rank: Mapping[str, int], old: str | None, new: str | None) -> str:
    if old in rank and new in rank and rank[old] != rank[new]:
        return "better" if rank[new] > rank[old] else "worse"
    return "neutral"


_NO_VERDICT = {"no_data", "not_comparable"}


def _word(conclusion: dict, field: str, code: str, kind: str, texts: Texts) -> str:
    """The word the product used in that conclusion (older snapshots: today's word for the kind)."""
    return conclusion.get(field, {}).get(code) or texts.common.JUDGEMENT_WORDS.get(kind, kind)


def _trend_word(conclusion: dict, texts: Texts) -> str:
    kind = conclusion["trend"]
    return conclusion.get("trend_word") or texts.changes.TREND_WORDS.get(kind) or kind


def _order(changes: list[Change]) -> tuple[Change, ...]:
    first = {"worse": 0, "better": 1, "neutral": 2}
    return tuple(sorted(changes, key=lambda c: (first[c.direction], c.text.casefold())))


def diff(
    before: Mapping[str, dict],
    after: Mapping[str, dict],
    indicators: Mapping[str, dict],
    area_names: Mapping[str, str],
    goals: Sequence[Goal] = (),
    *,
    texts: Texts | None = None,
) -> Diff:
    """What changed between two conclusion sets of one area ({indicator id: conclusion}).

    `indicators`: id -> {name, unit, decimals, polarity}; `area_names`: code -> name (benchmarks)."""
    texts = texts_or_default(texts)
    words = texts.changes
    new_data, judged, trends, goal_changes = [], [], [], []

    def meta(ind: str) -> dict:
        return indicators.get(ind) or {
            "name": ind,
            "unit": "",
            "decimals": DEFAULT_DECIMALS,
            "polarity": DEFAULT_POLARITY,
        }

    def fmt(ind: str, value) -> str:
        m = meta(ind)
        return format_value(value, m.get("unit"), m.get("decimals"), texts=texts)

    def data_change(kind: str, ind: str, text: str) -> None:
        new_data.append(Change(kind, "neutral", ind, text))

    for ind in sorted(set(before) | set(after)):
        old, new = before.get(ind), after.get(ind)
        name = markdown_text(meta(ind)["name"])
        if new is None:
            old_value = fmt(ind, old["value"])
            data_change("gone", ind, words.S_GONE.format(name=name, old_value=old_value, old_year=old["year"]))
            continue
        if old is None:
            value = fmt(ind, new["value"])
            data_change("first_data", ind, words.S_FIRST_DATA.format(name=name, value=value, year=new["year"]))
            continue
        value, old_value = fmt(ind, new["value"]), fmt(ind, old["value"])
        if new["year"] > old["year"]:
            text = words.S_NEW_DATA.format(
                name=name, year=new["year"], value=value, old_year=old["year"], old_value=old_value
            )
            data_change("new_data", ind, text)
        elif new["year"] == old["year"] and value != old_value:
            text = words.S_REVISED.format(name=name, year=new["year"], old_value=old_value, value=value)
            data_change("revised", ind, text)
        for code, kind in new.get("judgements", {}).items():
            was = old.get("judgements", {}).get(code)
            if was is None or was == kind:
                continue
            benchmark = situation.Benchmark(code, area_names.get(code, code), "region")
            template = words.S_JUDGEMENT_NO_DATA if kind in _NO_VERDICT else words.S_JUDGEMENT
            judged.append(
                Change(
                    "judgement",
                    _direction(_COMPARISON_RANK, was, kind),
                    ind,
                    template.format(
                        name=name,
                        benchmark=benchmark.forms[2],
                        new=_word(new, "judgement_words", code, kind, texts),
                        old=_word(old, "judgement_words", code, was, texts),
                        year=new["year"],
                    ),
                )
            )
        if old.get("trend") and new.get("trend") and old["trend"] != new["trend"]:
            trends.append(
                Change(
                    "trend",
                    _direction(_TREND_RANK, old["trend"], new["trend"]),
                    ind,
                    words.S_TREND.format(name=name, new=_trend_word(new, texts), old=_trend_word(old, texts)),
                )
            )

    for goal in goals:
        m = meta(goal.indicator_id)
        was = goal_status_at(goal, before.get(goal.indicator_id), m)
        now = goal_status_at(goal, after.get(goal.indicator_id), m)
        if was != now:
            title = markdown_text(goal.title) + (f" ({texts.goals.EXAMPLE_MARK})" if goal.is_example else "")
            text = words.S_GOAL.format(
                title=title,
                indicator=markdown_text(m["name"]),
                new=texts.goals.STATUS_WORDS[now],
                old=texts.goals.STATUS_WORDS[was],
            )
            goal_changes.append(Change("goal", _direction(_STATUS_RANK, was, now), goal.indicator_id, text))
    return Diff(_order(new_data), _order(judged), _order(trends), _order(goal_changes))


def goal_status_at(goal: Goal, conclusion: dict | None, meta: Mapping) -> str:
    """A goal's status from one conclusion (its latest year and value) – all the status needs."""
    points = [(conclusion["year"], conclusion["value"])] if conclusion else []
    return model.goal_status(goal, points, meta.get("polarity"), decimals_of(meta.get("decimals"))).status


def lead_sentence(area: str, since: str, d: Diff, *, texts: Texts | None = None) -> str:
    words = texts_or_default(texts).changes
    parts = []
    n_new = sum(c.kind in ("new_data", "first_data") for c in d.new_data)
    if n_new:
        parts.append(words.PART_NEW_ONE if n_new == 1 else words.PART_NEW.format(n=n_new))
    if d.judgements:
        n = len(d.judgements)
        part = words.PART_JUDGEMENTS_ONE if n == 1 else words.PART_JUDGEMENTS.format(n=n)
        worse = sum(c.direction == "worse" for c in d.judgements)
        better = sum(c.direction == "better" for c in d.judgements)
        ways = [
            w for w in (worse and words.PART_WORSE.format(n=worse), better and words.PART_BETTER.format(n=better)) if w
        ]
        if ways:
            part += words.PART_DIRECTIONS.format(parts=", ".join(ways) + words.PART_DIRECTION_TAIL)
        parts.append(part)
    if d.trends:
        parts.append(words.PART_TRENDS_ONE if len(d.trends) == 1 else words.PART_TRENDS.format(n=len(d.trends)))
    if d.goals:
        parts.append(words.PART_GOALS.format(n=len(d.goals)))
    if not parts:
        return words.LEAD_NOTHING.format(area=area, since=since)
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + words.AND + parts[-1]
    return words.LEAD.format(area=area, since=since, parts=joined)


# ---------------------------------------------------------------------------
# The page model
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ChangesModel:
    area_code: str
    area_name: str
    mode: str  # "snapshot" | "year"
    since_id: str | None  # the snapshot compared with (snapshot mode)
    since_year: int | None  # the data year compared with (year mode)
    since_label: str
    now_label: str
    lead: str
    diff: Diff
    snapshots: tuple[tuple[str, str], ...]  # (id, label) newest first, for the picker
    years: tuple[int, ...]  # data years offered, newest first
    pinned: str | None  # the pinned snapshot's id
    pinned_note: str | None
    newer_data: bool  # pinned and the warehouse has other data now
    notices: tuple[str, ...]
    goal_count: int = 0  # goals set for this area (0: the goals section says none are set)


def build(
    db,
    view,
    *,
    texts: Texts | None = None,
    this_year: int,
    goals: Sequence[Goal] = (),
    history_folder: Path | None = None,
    since: str | None = None,
    pin: str | None = None,
) -> ChangesModel:
    """`view.area` compared between `since` (a snapshot id or a four-digit data year; None = the
    previous snapshot with other data, else last year's data) and now (or the pinned snapshot)."""
    texts = texts_or_default(texts)
    words = texts.changes
    folder = Path(history_folder or history.history_dir())
    area_code = view.area
    snapshots = history.list_snapshots(folder)
    info = history.build_info(db)
    notices: list[str] = []
    areas = {r["area_code"]: r for r in db.query("areas").iter_rows(named=True)}
    specs = (IndicatorSpec.from_row(r) for r in db.query("indicators").iter_rows(named=True))
    catalogue = {
        s.indicator_id: {"name": s.name, "unit": s.unit, "decimals": s.decimals, "polarity": s.polarity} for s in specs
    }

    pinned = history.load_snapshot(folder, pin) if pin else None
    if pin and pinned is None:
        notices.append(words.PIN_UNKNOWN.format(snapshot=str(pin)[:40]))
    if pinned is not None:
        after = history.area_view(pinned, area_code)
        now_sha, now_built = pinned.get("data_sha256", ""), pinned.get("built_at", "")
        now_label = words.SNAPSHOT_LABEL.format(when=local_time(now_built))
    else:
        after = history.area_conclusions(db, area_code)
        now_sha, now_built = info.get("data_sha256", ""), info.get("built_at", "")
        now_label = words.NOW_LABEL.format(when=local_time(now_built))

    mode, since_id, since_year, before = "year", None, None, None
    if since and _YEAR.match(str(since)):
        since_year = int(since)
    elif since:
        chosen = history.load_snapshot(folder, since)
        if chosen is None:
            notices.append(words.SINCE_UNKNOWN.format(since=str(since)[:40]))
        else:
            mode, since_id, before = "snapshot", since, history.area_view(chosen, area_code)
    else:  # default: the newest earlier snapshot whose data differ from now's
        other = [s for s in snapshots if (pinned is None or s.built_at < now_built) and s.data_sha256 != now_sha]
        chosen = history.load_snapshot(folder, other[-1].snapshot_id) if other else None
        if chosen is not None:
            mode, since_id, before = "snapshot", other[-1].snapshot_id, history.area_view(chosen, area_code)
    years = sorted({c["year"] for c in after.values()}, reverse=True)
    if mode == "year":
        if since_year is None:
            since_year = (years[0] - 1) if years else this_year - 1
        before = history.area_conclusions(db, area_code, max_year=since_year)
        since_label = words.YEAR_LABEL.format(year=since_year)
        since_genitive = words.YEAR_GENITIVE.format(year=since_year)
    else:
        when = local_time(next(s for s in snapshots if s.snapshot_id == since_id).built_at)
        since_label = words.SNAPSHOT_LABEL.format(when=when)
        since_genitive = words.SNAPSHOT_GENITIVE.format(when=when)

    meta = {**(pinned or {}).get("indicators", {}), **catalogue}
    names = {code: r["name_fi"] for code, r in areas.items()}
    area = areas.get(area_code, {"name_fi": area_code, "level": ""})
    mine = [g for g in goals if g.area_code == area_code]
    d = diff(before or {}, after, meta, names, mine, texts=texts)
    pinned_note, newer = None, False
    if pinned is not None:
        newer = pinned.get("data_sha256") != info.get("data_sha256")
        pinned_note = (
            words.PINNED.format(pinned=now_label)
            + " "
            + (
                words.PINNED_NEWER.format(now=words.NOW_LABEL.format(when=local_time(info.get("built_at", ""))))
                if newer
                else words.PINNED_CURRENT
            )
        )
    return ChangesModel(
        area_code=area_code,
        area_name=area["name_fi"],
        mode=mode,
        since_id=since_id,
        since_year=since_year,
        since_label=since_label,
        now_label=now_label,
        lead=lead_sentence(area["name_fi"], since_genitive, d, texts=texts),
        diff=d,
        snapshots=tuple(
            (s.snapshot_id, words.SNAPSHOT_OPTION.format(when=local_time(s.built_at), sha=s.data_sha256[:8]))
            for s in reversed(snapshots)
        ),
        years=tuple(y for y in range(years[0] - 1, min(years) - 1, -1)) if years else (),
        pinned=pin if pinned is not None else None,
        pinned_note=pinned_note,
        newer_data=newer,
        notices=tuple(notices),
        goal_count=len(mine),
    )
