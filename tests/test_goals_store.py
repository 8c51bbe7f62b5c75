"""The goals store: its own SQLite file (WAL), version conflicts, atomic writes, the change log
and the CSV round trip."""

from __future__ import annotations

import sqlite3

import pytest

from tilannekuva.goals import store as store_module
from tilannekuva.goals.model import Context, Goal
from tilannekuva.goals.store import ConflictError, GoalStore, StoreError, ValidationFailed
from tilannekuva.texts import goals as G

INDICATORS = {
    "pct": {
        "name_fi": "Osuus",
        "unit": "%",
        "value_type": "percent",
        "decimals": 1,
        "polarity": "lower",
        "frequency": "year",
    }
}
AREAS = {"564": {"name_fi": "Oulu", "level": "kunta"}, "lakeus": {"name_fi": "Lakeus", "level": "alue"}}
SERIES = {("pct", "564"): {2018: 12.3, 2022: 11.0}, ("pct", "lakeus"): {2018: 9.5}}
CTX = Context(INDICATORS, AREAS, SERIES, (), this_year=2026)


def new_goal(**kw) -> Goal:
    values = dict(
        title="Osuus laskee",
        description='Kuvaus; jossa puolipiste ja "lainaus"\nja rivinvaihto',
        cooperation_area=G.COOPERATION_AREAS[2],
        indicator_id="pct",
        area_code="564",
        baseline_year=2018,
        baseline_value=12.3,
        target_year=2028,
        target_value=10.0,
        responsible_kind="muu",
        responsible_name="Oulun hyvinvointijaosto",
    )
    values.update(kw)
    return Goal(**values)


@pytest.fixture()
def store(tmp_path) -> GoalStore:
    return GoalStore(tmp_path / "goals.sqlite")


def snapshot(store: GoalStore) -> tuple:
    return ([g for g in store.list_goals()], [e for e in store.change_log()])


def test_own_file_in_wal_mode_with_the_schema(store, tmp_path):
    assert store.path == tmp_path / "goals.sqlite" and store.path.exists()
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"goal", "change_log", "store_info"} <= tables
    GoalStore(store.path)  # opening again is harmless (idempotent schema)


def test_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TILANNEKUVA_GOALS", str(tmp_path / "elsewhere.sqlite"))
    assert store_module.default_path() == tmp_path / "elsewhere.sqlite"
    monkeypatch.delenv("TILANNEKUVA_GOALS")
    assert store_module.default_path().name == "goals.sqlite"


def test_create_update_delete_are_logged_with_who_and_what(store):
    saved = store.create(new_goal(), "Maija", CTX)
    assert saved.goal_id and saved.version == 1 and saved.created_by == "Maija"
    edited = store.update(saved.with_fields(target_value=9.5, title="Osuus laskee selvästi"), "Pekka", CTX)
    assert edited.version == 2 and edited.updated_by == "Pekka" and edited.created_by == "Maija"
    store.delete(edited.goal_id, edited.version, "Maija")
    assert store.list_goals() == []
    log = list(reversed(store.change_log()))
    assert [(e.action, e.changed_by, e.version) for e in log] == [
        ("create", "Maija", 1),
        ("update", "Pekka", 2),
        ("delete", "Maija", 3),
    ]
    assert log[1].changes == {"title": ["Osuus laskee", "Osuus laskee selvästi"], "target_value": [10.0, 9.5]}
    assert log[0].changes["area_code"] == [None, "564"]
    assert all(e.changed_at.endswith("+00:00") for e in log)
    assert [e.action for e in store.change_log(goal_id=saved.goal_id)] == ["delete", "update", "create"]


def test_saving_unchanged_goal_writes_nothing(store):
    saved = store.create(new_goal(), "Maija", CTX)
    assert store.update(saved, "Maija", CTX) == saved
    assert len(store.change_log()) == 1


def test_two_editors_saving_the_same_goal_second_gets_a_clear_message(store):
    saved = store.create(new_goal(), "Maija", CTX)
    first, second = store.get(saved.goal_id), store.get(saved.goal_id)  # both open the form
    store.update(first.with_fields(target_value=9.0), "Maija", CTX)
    with pytest.raises(ConflictError) as info:
        store.update(second.with_fields(target_value=8.0), "Pekka", CTX)
    message = str(info.value)
    assert "Maija tallensi tähän tavoitteeseen muutoksen" in message and "Muutostasi ei tallennettu" in message
    assert store.get(saved.goal_id).target_value == 9.0  # Maija's edit stands
    with pytest.raises(ConflictError):
        store.delete(saved.goal_id, 1, "Pekka")
    store.delete(saved.goal_id, 2, "Maija")
    with pytest.raises(ConflictError, match="Tavoitetta ei enää ole"):
        store.update(first.with_fields(version=2, target_value=7.0), "Maija", CTX)


def test_validation_failure_and_duplicate_write_nothing(store):
    with pytest.raises(ValidationFailed) as info:
        store.create(new_goal(target_year=2010), "Maija", CTX)
    assert "Tavoitevuoden (2010) on oltava lähtövuoden (2018) jälkeen." in info.value.problems
    store.create(new_goal(), "Maija", CTX)
    with pytest.raises(ValidationFailed, match="on jo tavoite vuodelle 2028"):
        store.create(new_goal(title="Toinen"), "Pekka", CTX)
    # Without a validation context the unique index still refuses the duplicate, in Finnish.
    with pytest.raises(StoreError, match="on jo tavoite; muutosta ei tallennettu"):
        store.create(new_goal(title="Kolmas"), "Pekka")
    assert len(store.list_goals()) == 1 and len(store.change_log()) == 1


@pytest.mark.parametrize("operation", ["create", "update", "delete", "import"])
def test_a_failing_write_leaves_the_store_as_it_was(store, monkeypatch, operation):
    saved = store.create(new_goal(), "Maija", CTX)
    exported = store.export_csv()
    before = snapshot(store)

    def broken_log(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error (injected)")

    monkeypatch.setattr(store_module, "_write_log", broken_log)
    other = new_goal(area_code="lakeus", baseline_value=9.5, title="Lakeus")
    with pytest.raises(sqlite3.OperationalError, match="injected"):
        if operation == "create":
            store.create(other, "Pekka", CTX)
        elif operation == "update":
            store.update(saved.with_fields(target_value=7.0), "Pekka", CTX)
        elif operation == "delete":
            store.delete(saved.goal_id, saved.version, "Pekka")
        else:
            store.import_csv(exported.replace(b"Osuus laskee", b"Uusi otsikko"), "Pekka", CTX)
    assert snapshot(store) == before
    monkeypatch.undo()
    assert store.update(saved.with_fields(target_value=7.0), "Pekka", CTX).version == 2  # still usable


def test_csv_round_trip_into_a_new_store(store, tmp_path):
    store.create(new_goal(), "Maija", CTX)
    store.create(
        new_goal(
            area_code="lakeus",
            baseline_value=9.5,
            target_value=8.25,
            title="Lakeus",
            responsible_kind="hyvinvointialue",
            responsible_name="",
            is_example=True,
        ),
        "Maija",
        CTX,
    )
    data = store.export_csv(
        lambda g: {
            "indicator_name": INDICATORS[g.indicator_id]["name_fi"],
            "area_name": AREAS[g.area_code]["name_fi"],
            "status": "jäljessä",
        }
    )
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Finnish letters right
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert header[:3] == ["tunniste", "versio", "otsikko"] and "yhteistyöalue" in header
    assert "8,25" in text and ";kyllä;" in text and ";Lakeus;" in text  # decimal comma, example mark

    other = GoalStore(tmp_path / "other.sqlite")
    result = other.import_csv(data, "Pekka", CTX)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert [g.editable() for g in other.list_goals()] == [g.editable() for g in store.list_goals()]
    assert [e.action for e in other.change_log()] == ["import", "import"]
    # The same file again changes nothing; an edited cell updates just that goal.
    assert other.import_csv(data, "Pekka", CTX) == store_module.ImportResult(0, 0, 2)
    edited = data.decode("utf-8-sig").replace("8,25", "8,5").encode("utf-8-sig")
    assert other.import_csv(edited, "Pekka", CTX) == store_module.ImportResult(0, 1, 1)


def test_csv_import_is_all_or_nothing_with_row_messages(store):
    store.create(new_goal(description="Yksi rivi"), "Maija", CTX)  # one line per row: edited as text below
    data = store.export_csv().decode("utf-8-sig")
    lines = data.splitlines()
    good = lines[1].replace(";564;", ";lakeus;").replace("12,3", "9,5").replace("Osuus laskee", "Lakeus")
    bad_area = lines[1].replace(";564;", ";999;").replace("Osuus laskee", "Väärä")
    bad_number = lines[1].replace("10,0", "kymmenen")
    with pytest.raises(ValidationFailed) as info:
        store.import_csv("\r\n".join([lines[0], good, bad_area]).encode("utf-8-sig"), "Pekka", CTX)
    assert any(p.startswith("rivi 3: Aluetta '999' ei ole aineistossa.") for p in info.value.problems)
    assert len(store.list_goals()) == 1  # the good row was not written either
    with pytest.raises(ValidationFailed, match="rivi 2: 'kymmenen' ei ole luku"):
        store.import_csv("\r\n".join([lines[0], bad_number]).encode("utf-8-sig"), "Pekka", CTX)
    with pytest.raises(ValidationFailed, match="puuttuu sarakkeita: otsikko"):
        store.import_csv("tunniste;versio\r\n1;1\r\n".encode("utf-8-sig"), "Pekka", CTX)
    with pytest.raises(ValidationFailed, match="ei ole kelvollinen CSV"):
        store.import_csv(b"\xff\xfe\x00garbage", "Pekka", CTX)
    # A row exported before someone else's edit is a conflict, not a silent overwrite.
    goal = store.list_goals()[0]
    store.update(goal.with_fields(target_value=9.0), "Maija", CTX)
    stale = "\r\n".join([lines[0], lines[1].replace("Osuus laskee", "Vanha vienti")]).encode("utf-8-sig")
    with pytest.raises(ValidationFailed, match="Maija tallensi"):
        store.import_csv(stale, "Pekka", CTX)


def test_simultaneous_saves_from_two_threads_one_wins_one_is_told(store):
    import threading

    saved = store.create(new_goal(), "Maija", CTX)
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def save(editor: str, target: float) -> None:
        barrier.wait()
        try:
            results[editor] = store.update(saved.with_fields(target_value=target), editor, CTX)
        except ConflictError as exc:
            results[editor] = exc

    threads = [threading.Thread(target=save, args=("Maija", 9.0)), threading.Thread(target=save, args=("Pekka", 8.0))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    winners = [k for k, v in results.items() if isinstance(v, Goal)]
    losers = [k for k, v in results.items() if isinstance(v, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1
    assert f"{winners[0]} tallensi tähän tavoitteeseen muutoksen" in str(results[losers[0]])
    stored = store.get(saved.goal_id)
    assert stored.version == 2 and stored.updated_by == winners[0]
    assert [e.changed_by for e in store.change_log() if e.action == "update"] == winners


def test_the_store_speaks_the_texts_it_is_given(store):
    """Refusals, validation and the CSV are in the request's language (`texts=`), not one bound at
    import: another language's words reach every one of them, and the stored codes stay the same."""
    import csv
    import dataclasses
    import io
    import types

    from tilannekuva.goals import model
    from tilannekuva.texts import texts_for

    fi = texts_for("fi")
    words = {
        **vars(fi.goals),
        "V_TARGET_YEAR": "Target year {target_year} must come after {baseline_year}.",
        "DUPLICATE_IN_STORE": "There is already such a goal.",
        "CSV_COLUMNS": {**fi.goals.CSV_COLUMNS, "title": "Title"},
        "CSV_YES": "yes",
        "STATUS_WORDS": {**fi.goals.STATUS_WORDS, "no_new_data": "no new data"},
    }
    other = dataclasses.replace(fi, lang="xx", goals=types.SimpleNamespace(**words))
    with pytest.raises(ValidationFailed) as info:
        store.create(new_goal(target_year=2010), "Maija", CTX, texts=other)
    assert info.value.problems == ["Target year 2010 must come after 2018."]
    saved = store.create(new_goal(is_example=True), "Maija", CTX, texts=other)
    with pytest.raises(StoreError, match="^There is already such a goal.$"):
        store.create(new_goal(title="Toinen"), "Pekka", texts=other)
    header, row = list(csv.reader(io.StringIO(store.export_csv(texts=other).decode("utf-8-sig")), delimiter=";"))
    assert "Title" in header and fi.goals.CSV_COLUMNS["title"] not in header
    assert row[header.index(other.goals.CSV_COLUMNS["is_example"])] == "yes"
    assert fi.goals.CSV_COLUMNS["title"] in store.export_csv().decode("utf-8-sig").splitlines()[0].split(";")
    status = model.goal_status(saved, [], "lower", texts=other)
    assert (status.status, status.word) == ("no_new_data", "no new data")
    assert saved.cooperation_area == G.COOPERATION_AREAS[2]  # the code, whatever the language
