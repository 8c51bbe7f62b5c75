"""Snapshots across builds and the since-last-seminar diff: two warehouses built from different
data (the shipped data without its newest years, then all of it) into the same place."""

from __future__ import annotations

import csv
import json

import pytest

from tilannekuva import history
from tilannekuva.build.inputs import BuildInputs
from tilannekuva.build.warehouse import build_database
from tilannekuva.db import Database
from tilannekuva.goals.model import Goal
from tilannekuva.texts import changes as C
from tilannekuva.texts import goals as G
from tilannekuva.views import changes
from tilannekuva.viewstate import ViewState

CUT = 2019  # the "earlier" build knows the shipped snapshot values up to 2018 only


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """(db path, history folder, [snapshot infos]) after an old-data build and a full build."""
    from tests.conftest import ROOT

    work = tmp_path_factory.mktemp("two_builds")
    (work / "raw").mkdir()
    subset = work / "snapshot_values_to_2018.csv"
    with (
        (ROOT / "data" / "sources" / "snapshot_values.csv").open(encoding="utf-8") as src,
        subset.open("w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.DictReader(src)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        writer.writerows(r for r in reader if int(r["year"]) < CUT)
    db_path = work / "warehouse" / "tilannekuva.duckdb"
    build_database(db_path, BuildInputs(snapshot=subset, raw_sotkanet=work / "raw"))
    folder = history.history_dir(db_path)
    first = history.list_snapshots(folder)
    build_database(db_path, BuildInputs(raw_sotkanet=work / "raw"))
    return db_path, folder, first, history.list_snapshots(folder)


def test_every_build_keeps_a_snapshot_beside_the_warehouse(two_builds):
    db_path, folder, first, both = two_builds
    assert folder == db_path.parent / "history"
    assert len(first) == 1 and len(both) == 2
    assert both[0].snapshot_id == first[0].snapshot_id and both[0].data_sha256 != both[1].data_sha256
    body = json.loads(both[1].path.read_text(encoding="utf-8"))
    oulu = body["conclusions"]["564"]
    row = next(iter(oulu.values()))
    assert set(row) == {"year", "value", "judgements", "judgement_words", "trend", "trend_word"}
    assert set(body["conclusions"]) >= {"564", "lakeus", "MK17", "SSS"}
    assert "MK17" in row["judgements"] and body["areas"]["564"]["name"] == "Oulu"


def test_same_conclusions_write_no_new_snapshot(two_builds):
    db_path, folder, _, both = two_builds
    assert history.record_snapshot(db_path) is None
    assert len(history.list_snapshots(folder)) == len(both)


def test_conclusions_are_the_start_pages_own(two_builds):
    """The snapshot holds what situation.indicator_rows concluded: the start page's model."""
    from tilannekuva.views import start

    db_path, _, _, both = two_builds
    db = Database(db_path)
    try:
        model = start.build(db, "564", this_year=2026)
        body = json.loads(both[-1].path.read_text(encoding="utf-8"))["conclusions"]["564"]
        for row in model.rows:
            assert body[row.indicator_id]["year"] == row.year
            assert body[row.indicator_id]["trend"] == row.trend.kind
            assert body[row.indicator_id]["judgements"] == {b.benchmark.code: b.comparison.kind for b in row.benchmarks}
    finally:
        db.close()


def test_since_last_seminar_diff_between_the_two_builds(two_builds):
    db_path, folder, first, both = two_builds
    db = Database(db_path)
    try:
        m = changes.build(db, ViewState(area="564"), this_year=2026, history_folder=folder)
        assert m.mode == "snapshot" and m.since_id == first[0].snapshot_id  # the previous, other data
        new = [c for c in m.diff.new_data if c.kind == "new_data"]
        old_body = json.loads(first[0].path.read_text(encoding="utf-8"))["conclusions"]["564"]
        new_body = json.loads(both[1].path.read_text(encoding="utf-8"))["conclusions"]["564"]
        expected = {i for i in new_body if i in old_body and new_body[i]["year"] > old_body[i]["year"]}
        assert expected and {c.indicator_id for c in new} == expected
        assert all(old_body[i]["year"] < CUT <= new_body[i]["year"] for i in expected)
        sample = next(c for c in new)
        assert f"uusi tieto vuodelta {new_body[sample.indicator_id]['year']}" in sample.text
        assert f"aiemmin uusin {old_body[sample.indicator_id]['year']}" in sample.text
        assert m.lead.startswith("Oulu: koontiversion ") and f"{len(expected)} indikaattoria sai uutta tietoa" in m.lead
        assert {c.indicator_id for c in m.diff.judgements} == {
            i
            for i in set(new_body) & set(old_body)
            if any(old_body[i]["judgements"].get(k) not in (None, v) for k, v in new_body[i]["judgements"].items())
        }
        # A pinned deep link to the earlier build says that newer data exists.
        pinned = changes.build(
            db,
            ViewState(area="564"),
            this_year=2026,
            history_folder=folder,
            pin=first[0].snapshot_id,
            since=str(CUT - 2),
        )
        assert pinned.newer_data and "tullut uutta tietoa" in pinned.pinned_note
        assert pinned.mode == "year" and pinned.since_year == CUT - 2
        latest = changes.build(
            db, ViewState(area="564"), this_year=2026, history_folder=folder, pin=both[1].snapshot_id
        )
        assert not latest.newer_data and C.PINNED_CURRENT in latest.pinned_note
        # Unknown ids from a hand-edited link: a notice, never an error.
        odd = changes.build(
            db, ViewState(area="564"), this_year=2026, history_folder=folder, pin="../../etc/passwd", since="nope"
        )
        assert odd.pinned is None and len(odd.notices) == 2 and odd.mode == "year"
    finally:
        db.close()


def test_data_year_mode_without_history(two_builds, tmp_path):
    db_path, _, _, both = two_builds
    db = Database(db_path)
    try:
        m = changes.build(db, ViewState(area="564"), this_year=2026, history_folder=tmp_path / "none")
        assert m.mode == "year" and m.snapshots == ()
        body = json.loads(both[1].path.read_text(encoding="utf-8"))["conclusions"]["564"]
        newest = max(c["year"] for c in body.values())
        assert m.since_year == newest - 1
        assert {c.indicator_id for c in m.diff.new_data if c.kind in ("new_data", "first_data")} == {
            i for i, c in body.items() if c["year"] == newest
        }
    finally:
        db.close()


# --------------------------------------------------------------------------- the diff by hand
META = {
    "a": {"name": "Työttömät", "unit": "%", "decimals": 1, "polarity": "lower"},
    "b": {"name": "Elämänlaatu_*", "unit": "%", "decimals": 0, "polarity": "higher"},
}


def concl(year, value, mk17="no_difference", trend="stable"):
    return {"year": year, "value": value, "judgements": {"MK17": mk17}, "trend": trend}


def test_hand_made_diff_sentences():
    before = {"a": concl(2021, 10.0), "b": concl(2020, 60.0, "better", "improving")}
    after = {"a": concl(2023, 12.0, "worse", "worsening"), "b": concl(2020, 61.0, "better", "improving")}
    goal = Goal(
        title="Työttömyys alas",
        cooperation_area=G.COOPERATION_AREAS[2],
        indicator_id="a",
        area_code="564",
        baseline_year=2020,
        baseline_value=11.0,
        target_year=2025,
        target_value=8.0,
        responsible_kind="kunta",
    )
    d = changes.diff(before, after, META, {"MK17": "Pohjois-Pohjanmaa"}, [goal])
    texts = {c.kind: c.text for c in d.new_data}
    assert (
        texts["new_data"] == "**Työttömät**: uusi tieto vuodelta 2023 – 12,0\u00a0% (aiemmin uusin 2021: 10,0\u00a0%)."
    )
    assert texts["revised"] == "**Elämänlaatu\\_\\***: vuoden 2020 arvo on tarkentunut: 60\u00a0% → 61\u00a0%."
    assert [(c.direction, c.text) for c in d.judgements] == [
        ("worse", "**Työttömät**: Pohjois-Pohjanmaahan verrattuna nyt *heikompi* (aiemmin ei merkitsevää eroa; 2023).")
    ]
    assert [(c.direction, c.text) for c in d.trends] == [
        ("worse", "**Työttömät**: kehitys nyt *heikkenee* (aiemmin pysyy ennallaan).")
    ]
    # Goal: 10,0 in 2021 was ahead of the path (11 -> 8 over 2020..2025: 10,4 in 2021); 12,0 in 2023 is behind.
    assert [(c.direction, c.text) for c in d.goals] == [
        ("worse", "**Työttömyys alas** (Työttömät): nyt *jäljessä* (aiemmin oikealla suunnalla).")
    ]
    lead = changes.lead_sentence("Oulu", "koontiversion 1.1.2026", d)
    assert lead == (
        "Oulu: koontiversion 1.1.2026 jälkeen 1 indikaattori sai uutta tietoa, 1 vertailuarvio "
        "muuttui (1 heikompaan suuntaan), 1 kehityssuunta muuttui ja 1 tavoitteen tila muuttui."
    )
    assert changes.lead_sentence("Oulu", "x", changes.diff(after, after, META, {})) == "Oulu: ei muutoksia x jälkeen."


def test_stored_words_are_used_and_missing_benchmark_data_is_said_plainly():
    before = {
        "a": {
            **concl(2021, 10.0, "worse"),
            "judgement_words": {"MK17": "heikompi (ei testattu)"},
            "trend_word": "kasvaa ja heikkenee",
            "trend": "worsening",
        }
    }
    after = {"a": {**concl(2023, 9.0, "no_data"), "trend": "no_change", "trend_word": "ei merkitsevää muutosta"}}
    d = changes.diff(before, after, META, {"MK17": "Pohjois-Pohjanmaa"})
    assert [c.text for c in d.judgements] == [
        "**Työttömät**: Pohjois-Pohjanmaahan ei voi nyt verrata – vertailuarvoa ei ole vuodelta 2023 "
        "(aiemmin heikompi (ei testattu))."
    ]
    assert [(c.direction, c.text) for c in d.trends] == [
        ("better", "**Työttömät**: kehitys nyt *ei merkitsevää muutosta* (aiemmin kasvaa ja heikkenee).")
    ]


def test_first_and_gone_data():
    d = changes.diff({"a": concl(2021, 10.0)}, {"b": concl(2022, 50.0)}, META, {})
    kinds = {c.kind: c.text for c in d.new_data}
    assert kinds["first_data"] == "**Elämänlaatu\\_\\***: ensimmäinen tieto, 50\u00a0% (2022)."
    assert kinds["gone"] == "**Työttömät**: tieto puuttuu nyt (aiemmin 10,0\u00a0%, 2021)."


def test_goal_without_new_data_then_with():
    goal = Goal(
        title="T",
        cooperation_area=G.COOPERATION_AREAS[0],
        indicator_id="b",
        area_code="564",
        baseline_year=2020,
        baseline_value=60.0,
        target_year=2026,
        target_value=66.0,
        responsible_kind="kunta",
    )
    d = changes.diff({"b": concl(2020, 60.0)}, {"b": concl(2023, 66.5)}, META, {}, [goal])
    assert [(c.direction, c.text) for c in d.goals] == [
        ("neutral", "**T** (Elämänlaatu\\_\\*): nyt *saavutettu* (aiemmin ei uutta tietoa).")
    ]
    example = changes.diff(
        {"b": concl(2020, 60.0)}, {"b": concl(2023, 66.5)}, META, {}, [goal.with_fields(is_example=True)]
    )
    assert G.EXAMPLE_MARK in example.goals[0].text  # examples are marked wherever they appear
