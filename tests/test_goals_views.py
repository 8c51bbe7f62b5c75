"""The goals page model and chart builder without Streamlit, on the real test warehouse."""

from __future__ import annotations

import pytest

from tilannekuva.charts import goal as goal_chart
from tilannekuva.db import Database
from tilannekuva.goals import model
from tilannekuva.goals.model import Goal
from tilannekuva.texts import goals as G
from tilannekuva.views import goals as goals_view

IND = "683"  # diabetes medication, % of 40+, lower is better; 2015–2023 for Oulu (564)


@pytest.fixture(scope="module")
def db(built_db):
    database = Database(built_db)
    yield database
    database.close()


def goal(db, **kw) -> Goal:
    points = dict(goals_view.baseline_options(db, IND, "564"))
    values = dict(
        title="Diabetes",
        cooperation_area=G.COOPERATION_AREAS[0],
        indicator_id=IND,
        area_code="564",
        baseline_year=2015,
        baseline_value=points[2015],
        target_year=2030,
        target_value=points[2015] - 2,
        responsible_kind="hyvinvointialue",
        goal_id=1,
        version=1,
    )
    values.update(kw)
    return Goal(**values)


def test_card_status_lines_and_points_from_the_data(db):
    points = dict(goals_view.baseline_options(db, IND, "564"))
    g = goal(db)
    card = goals_view.cards(db, [g])[0]
    latest = max(points)
    expected = model.goal_status(g, points.items(), "lower", 1)
    assert card.status == expected and card.status.latest_year == latest
    assert card.points == tuple(sorted((y, v) for y, v in points.items() if y >= 2015))
    assert card.lines[0].startswith("Lähtötaso ") and "vuonna 2030" in card.lines[0]
    assert str(latest) in card.lines[1]
    assert card.source.endswith(f"Vuodet: 2015–{latest}.")
    assert card.area_name == "Oulu" and card.polarity == "lower"


def test_context_validates_against_the_warehouse(db):
    ctx = goals_view.context(db, ["564"], this_year=2026)
    assert model.validate(goal(db), ctx) == []
    problems = model.validate(goal(db, baseline_value=99.0), ctx)
    assert [p.field for p in problems] == ["baseline_value"]
    assert any("ei ole aineistossa" in p.message for p in model.validate(goal(db, indicator_id="nope"), ctx))


def test_filters_counts_and_area_block(db):
    goals = [
        goal(db),
        goal(
            db, goal_id=2, title="Toinen", cooperation_area=G.COOPERATION_AREAS[1], target_year=2031, target_value=99.0
        ),
    ]
    every = goals_view.build(db, None, this_year=2026, goals=goals)
    assert every.total == 2 and len(every.cards) == 2
    assert every.area_options == (("564", "Oulu (kunta)"),)
    only = goals_view.build(db, None, this_year=2026, goals=goals, cooperation=G.COOPERATION_AREAS[1])
    assert [c.goal.title for c in only.cards] == ["Toinen"]
    achieved = goals_view.build(db, None, this_year=2026, goals=goals, status="achieved")
    assert [c.goal.title for c in achieved.cards] == ["Toinen"]  # 99 % is above every value: met
    assert achieved.count_line == "1 tavoite: ✔ saavutettu 1"
    assert every.count_line.startswith("2 tavoitetta: ")
    assert goals_view.build(db, None, this_year=2026, goals=goals, area="lakeus").cards == ()
    assert [c.goal.goal_id for c in goals_view.area_goals(db, "564", goals)][-1] == 2  # behind-first order
    assert goals_view.area_goals(db, "lakeus", goals) == ()


def test_chart_has_actual_path_and_target(db):
    card = goals_view.cards(db, [goal(db)])[0]
    fig = goal_chart.goal_figure(card)
    names = [t.name for t in fig.data]
    assert names == [G.TRACE_PATH, G.TRACE_ACTUAL, G.TRACE_TARGET]
    path = fig.data[0]
    assert list(path.x) == [2015, 2030] and list(path.y) == [card.goal.baseline_value, card.goal.target_value]
    assert list(fig.data[1].x) == [y for y, _ in card.points]
    assert fig.layout.separators == ",\u202f"
    table = goals_view.chart_table(card)
    row_2030 = table.filter(table[G.COL_YEAR] == 2030).row(0, named=True)
    assert row_2030[G.COL_PATH] == pytest.approx(card.goal.target_value)
    row_2020 = table.filter(table[G.COL_YEAR] == 2020).row(0, named=True)
    assert row_2020[G.COL_PATH] == pytest.approx(card.goal.baseline_value - 2 * 5 / 15, abs=1e-3)
    assert "Oulu" in goal_chart.alt_text(card) and "2030" in goal_chart.alt_text(card)


def test_export_describes_goals_in_words(db):
    describe = goals_view.describe(db)
    cols = describe(goal(db))
    assert cols["area_name"] == "Oulu" and cols["status"] in G.STATUS_WORDS.values()
    assert cols["indicator_name"].startswith("Diabeteslääkkeiden")
