"""Goal status (hand-computed, every status for every polarity) and every validation rule."""

from __future__ import annotations

import pytest

from tilannekuva.goals import model
from tilannekuva.goals.model import Goal, goal_status
from tilannekuva.texts import goals as G


def goal(baseline=10.0, target=5.0, baseline_year=2018, target_year=2028, **kw) -> Goal:
    values = dict(
        title="Testitavoite",
        cooperation_area=G.COOPERATION_AREAS[0],
        indicator_id="ind",
        area_code="564",
        baseline_year=baseline_year,
        baseline_value=baseline,
        target_year=target_year,
        target_value=target,
        responsible_kind="kunta",
    )
    values.update(kw)
    return Goal(**values)


# Path values by hand: lower goal 10 -> 5 over 2018..2028 is 7.5 in 2023; higher 60 -> 70 is 65.
@pytest.mark.parametrize(
    "polarity, baseline, target, latest, expected",
    [
        ("lower", 10.0, 5.0, 4.8, "achieved"),
        ("lower", 10.0, 5.0, 5.0, "achieved"),
        ("lower", 10.0, 5.0, 7.0, "on_track"),
        ("lower", 10.0, 5.0, 7.5, "on_track"),
        ("lower", 10.0, 5.0, 8.0, "behind"),
        ("higher", 60.0, 70.0, 71.0, "achieved"),
        ("higher", 60.0, 70.0, 66.0, "on_track"),
        ("higher", 60.0, 70.0, 64.0, "behind"),
        ("neutral", 100.0, 120.0, 125.0, "achieved"),  # the goal itself says up: path 110
        ("neutral", 100.0, 120.0, 111.0, "on_track"),
        ("neutral", 100.0, 120.0, 105.0, "behind"),
        ("neutral", 100.0, 80.0, 79.0, "achieved"),  # down: path 90
        ("neutral", 100.0, 80.0, 89.0, "on_track"),
        ("neutral", 100.0, 80.0, 95.0, "behind"),
    ],
)
def test_status_by_hand(polarity, baseline, target, latest, expected):
    points = [(2016, 11.0), (2018, baseline), (2020, None), (2023, latest)]
    status = goal_status(goal(baseline, target), points, polarity)
    assert status.status == expected
    assert status.latest_year == 2023 and status.latest_value == latest
    hand_path = {(10.0, 5.0): 7.5, (60.0, 70.0): 65.0, (100.0, 120.0): 110.0, (100.0, 80.0): 90.0}
    assert status.path_value == pytest.approx(hand_path[(baseline, target)])
    assert status.word == G.STATUS_WORDS[expected]


@pytest.mark.parametrize("polarity", ["higher", "lower", "neutral"])
def test_no_new_data_when_nothing_after_baseline(polarity):
    points = [(2015, 9.0), (2018, 10.0), (2019, None)]
    status = goal_status(goal(), points, polarity)
    assert status.status == "no_new_data"
    assert status.latest_year is None and status.word == "ei uutta tietoa"


def test_polarity_decides_over_the_goals_own_direction():
    # Lower is better, the goal allows a rise to at most 12 (a ceiling): 11 in 2023 is under it.
    assert goal_status(goal(10.0, 12.0), [(2023, 11.0)], "lower").status == "achieved"
    # Higher is better, the goal accepts a fall to at most 8 (a floor): 8.5 meets it, 7.5 does not.
    assert goal_status(goal(10.0, 8.0), [(2023, 8.5)], "higher").status == "achieved"
    assert goal_status(goal(10.0, 8.0), [(2023, 7.5)], "higher").status == "behind"


def test_display_precision_counts_as_met():
    # 7.54 is shown as 7,5 = the path value 7,5 (one decimal): on track, not behind.
    assert goal_status(goal(), [(2023, 7.54)], "lower").status == "behind"
    assert goal_status(goal(), [(2023, 7.54)], "lower", decimals=1).status == "on_track"


def test_after_the_target_year_the_path_is_the_target():
    assert goal_status(goal(), [(2030, 6.0)], "lower").status == "behind"
    assert goal_status(goal(), [(2030, 6.0)], "lower").path_value == 5.0
    assert goal_status(goal(), [(2030, 5.0)], "lower").status == "achieved"


# --------------------------------------------------------------------------- validation
INDICATORS = {
    "pct": {
        "name_fi": "Osuus",
        "unit": "%",
        "value_type": "percent",
        "decimals": 1,
        "polarity": "lower",
        "frequency": "year",
    },
    "rate": {
        "name_fi": "Nettomuutto",
        "unit": "/1000 as.",
        "value_type": "rate",
        "decimals": 1,
        "polarity": "neutral",
        "frequency": "year",
    },
    "eur": {
        "name_fi": "Euroa",
        "unit": "€/asukas",
        "value_type": "currency",
        "decimals": 0,
        "polarity": "higher",
        "frequency": "year",
    },
    "month": {
        "name_fi": "Kuukausittain",
        "unit": "%",
        "value_type": "percent",
        "decimals": 1,
        "polarity": "lower",
        "frequency": "month",
    },
}
AREAS = {
    "564": {"name_fi": "Oulu", "level": "kunta"},
    "lakeus": {"name_fi": "Lakeus", "level": "alue"},
    "SSS": {"name_fi": "Koko maa", "level": "maa"},
}
SERIES = {
    ("pct", "564"): {2018: 12.34, 2022: 11.0},
    ("rate", "564"): {2018: -3.0, 2022: 2.0},
    ("eur", "564"): {2018: 4000.0, 2022: 4200.0},
    ("month", "564"): {2018: 5.0},
}


def ctx(existing=()):
    return model.Context(INDICATORS, AREAS, SERIES, tuple(existing), this_year=2026)


def valid(**kw) -> Goal:
    values = dict(indicator_id="pct", baseline=12.34, target=10.0)
    values.update(kw)
    return goal(values.pop("baseline"), values.pop("target"), **values)


def messages(g: Goal, existing=()) -> list[str]:
    return [p.message for p in model.validate(g, ctx(existing))]


def test_a_valid_goal_passes():
    assert messages(valid()) == []
    # Display precision: the stored baseline may be the data's value as shown (12,3).
    assert messages(valid(baseline=12.3)) == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"title": "  "}, G.V_TITLE_MISSING),
        ({"title": "x" * 201}, "Otsikko on liian pitkä"),
        ({"description": "x" * 4001}, "Kuvaus on liian pitkä"),
        ({"cooperation_area": "jokin muu"}, G.V_COOPERATION),
        ({"responsible_kind": "joku"}, G.V_RESPONSIBLE_KIND),
        ({"responsible_kind": "muu", "responsible_name": " "}, G.V_RESPONSIBLE_NAME),
        ({"indicator_id": "nope"}, "Indikaattoria 'nope' ei ole aineistossa."),
        ({"indicator_id": "month", "baseline": 5.0}, "on kuukausisarja"),
        ({"area_code": "999"}, "Aluetta '999' ei ole aineistossa."),
        ({"area_code": "SSS"}, "Tavoitteen alue on kunta, Pohden alue"),
        ({"baseline_year": 2017}, "ei ole indikaattorin arvoa lähtövuodelta 2017"),
        ({"baseline": 13.0}, "Lähtöarvo 13,0 ei vastaa aineistoa: vuoden 2018 arvo on 12,3."),
        ({"target_year": 2018}, "Tavoitevuoden (2018) on oltava lähtövuoden (2018) jälkeen."),
        ({"target_year": 2015}, "on oltava lähtövuoden"),
        ({"target_year": 2057}, "Tavoitevuosi 2057 on liian kaukana (enintään 2056)."),
        ({"target": float("nan")}, G.V_TARGET_MISSING),
        ({"target": 123.0}, "Tavoitearvon on oltava 0–100, koska yksikkö on prosentti"),
        ({"indicator_id": "eur", "baseline": 4000.0, "target": -5.0}, "ei voi olla negatiivinen"),
        ({"indicator_id": "eur", "baseline": 4000.0, "target": 45000.0}, "epäuskottavan kaukana"),
        ({"indicator_id": "rate", "baseline": -3.0, "target": -3.0}, "eikä indikaattorilla ole suuntaa"),
    ],
)
def test_every_rule_has_a_finnish_message(changes, expected):
    found = messages(valid(**changes))
    assert found and any(expected in m for m in found), found


def test_negative_target_allowed_where_the_data_has_negatives():
    assert messages(valid(indicator_id="rate", baseline=-3.0, target=-1.0)) == []


def test_duplicate_is_refused_but_editing_itself_is_not():
    stored = valid(goal_id=7, version=1, title="Vanha")
    assert any("on jo tavoite vuodelle 2028: 'Vanha'" in m for m in messages(valid(), [stored]))
    assert messages(valid(goal_id=7, version=1), [stored]) == []
    assert messages(valid(target_year=2030), [stored]) == []
