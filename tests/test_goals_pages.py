"""Tavoitteet and Mitä on muuttunut in Streamlit's AppTest: read-only without a configured secret,
a wrong secret refused, an editor adds a goal through the form, the start-page block shows it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_support import make_app
from tilannekuva.goals import auth
from tilannekuva.goals.store import GoalStore
from tilannekuva.texts import goals as G

SECRET = "sivun-testisalasana-42"


@pytest.fixture(scope="module")
def secret_hash() -> str:
    return auth.hash_secret(SECRET, n=2**10)


@pytest.fixture()
def goals_path(tmp_path, monkeypatch):
    path = tmp_path / "goals.sqlite"
    monkeypatch.setenv("TILANNEKUVA_GOALS", str(path))
    return path


def goals_page(monkeypatch, built_db, secrets=None, **params) -> AppTest:
    at = make_app(monkeypatch, built_db, **params)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.run()
    at.switch_page("pages/goals.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at) -> str:
    return "\n".join(
        [
            *(m.value for m in at.markdown),
            *(i.value for i in at.info),
            *(e.value for e in at.error),
            *(s.value for s in at.success),
            *(c.value for c in at.caption),
        ]
    )


def test_no_secret_means_read_only_and_says_how_to_enable(monkeypatch, built_db, goals_path):
    at = goals_page(monkeypatch, built_db, area="564")
    assert at.title[0].value == G.TITLE
    assert any(G.READ_ONLY in i.value for i in at.info)
    assert "python -m tilannekuva goals hash-password" in G.READ_ONLY
    keys = {b.key for b in at.button}
    assert "goals_save" not in keys and "goals_sign_in" not in keys
    assert not [t for t in at.text_input if t.key == "f_title"]
    assert any(G.NO_GOALS in i.value for i in at.info)


def test_wrong_secret_refused_right_one_lets_an_editor_add_a_goal(monkeypatch, built_db, goals_path, secret_hash):
    at = goals_page(
        monkeypatch,
        built_db,
        {"editor_password_hash": secret_hash},
        area="564",
        indicator="tem_tyottomat_pct_tyovoima_vuosikeskiarvo",
    )
    at.text_input(key="_goals_sign_in_name").input("Maija")
    at.text_input(key="_goals_sign_in_secret").input("väärä salasana")
    at.button(key="goals_sign_in").click().run()
    assert G.SIGN_IN_FAILED in [e.value for e in at.error]
    assert "goals_save" not in {b.key for b in at.button}
    assert "väärä salasana" not in texts(at)  # never echoed
    at.text_input(key="_goals_sign_in_name").input("Maija")
    at.text_input(key="_goals_sign_in_secret").input(SECRET)
    at.button(key="goals_sign_in").click().run()
    assert not at.exception
    assert any("Kirjautuneena muokkaajana: Maija" in s.value for s in at.success)
    assert not [t for t in at.text_input if t.key == "_goals_sign_in_secret"]  # the form is gone once signed in

    # The form: a goal for Oulu, baseline from the data, target 2030.
    at.text_input(key="f_title").input("Työttömyysaste laskee")
    at.selectbox(key="f_coop").set_value(G.COOPERATION_AREAS[2])
    at.run()
    baseline_year = at.selectbox(key="f_baseline_year").value
    shown = at.text_input(key="f_target_value").value  # starts at the baseline value, Finnish format
    baseline_value = float(shown.replace(",", "."))
    at.number_input(key="f_target_year").set_value(2030)
    at.text_input(key="f_target_value").input(f"{baseline_value - 1.0:.1f}".replace(".", ","))
    at.button(key="goals_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Tavoite tallennettu: Työttömyysaste laskee" in s.value for s in at.success), texts(at)
    stored = GoalStore(goals_path).list_goals()
    assert len(stored) == 1
    goal = stored[0]
    assert (goal.area_code, goal.indicator_id, goal.baseline_year, goal.target_year) == (
        "564",
        "tem_tyottomat_pct_tyovoima_vuosikeskiarvo",
        baseline_year,
        2030,
    )
    assert goal.updated_by == "Maija" and goal.baseline_value == pytest.approx(baseline_value, abs=0.05)
    assert goal.target_value == pytest.approx(round(baseline_value - 1.0, 1))
    assert any(m.value == "### Työttömyysaste laskee" for m in at.markdown)
    # The same goal again is a duplicate: refused with the Finnish reason, nothing written.
    at.text_input(key="f_title").input("Sama uudestaan")
    at.number_input(key="f_target_year").set_value(2030)
    at.text_input(key="f_target_value").input("kymmenen")
    at.button(key="goals_save").click().run()
    assert any(G.V_TARGET_MISSING in e.value for e in at.error)  # not a number: said in Finnish
    at.text_input(key="f_target_value").input("9,5")
    at.button(key="goals_save").click().run()
    assert any("on jo tavoite vuodelle 2030" in e.value for e in at.error)
    assert len(GoalStore(goals_path).list_goals()) == 1


def test_changes_page_reads_as_sentences(monkeypatch, built_db, goals_path):
    at = make_app(monkeypatch, built_db, area="564")
    at.run()
    at.query_params["since"] = "2019"  # the link's own parameter (the first run was the start page)
    at.switch_page("pages/changes.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Mitä on muuttunut – Oulu"
    lead = [m.value for m in at.markdown if m.value.startswith("**Oulu:")]
    assert lead and "vuoteen 2019 ulottuneen aineiston jälkeen" in lead[0]
    assert at.selectbox(key="changes_since_year").value == 2019
    assert "Alueelle ei ole kirjattu tavoitteita." in [c.value for c in at.caption]


def test_start_page_block_lists_the_areas_goals(monkeypatch, built_db, goals_path):
    from tilannekuva.goals.model import Goal

    GoalStore(goals_path).create(
        Goal(
            title="Esimerkkitavoite",
            cooperation_area=G.COOPERATION_AREAS[0],
            indicator_id="683",
            area_code="564",
            baseline_year=2015,
            baseline_value=7.0,
            target_year=2030,
            target_value=6.0,
            responsible_kind="kunta",
            is_example=True,
        ),
        "Testi",
    )

    def block():
        from tilannekuva.db import get_database
        from tilannekuva.ui import goals_block

        goals_block.render(get_database(), "564", "Oulu", link=False)

    monkeypatch.setenv("TILANNEKUVA_DB", str(built_db))
    from tilannekuva import paths

    monkeypatch.setattr(paths, "DB_PATH", built_db)
    at = AppTest.from_function(block, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    line = next(m.value for m in at.markdown if "Esimerkkitavoite" in m.value)
    assert G.EXAMPLE_MARK in line and "Lähtötaso 7,0" in line
    assert any(w in line for w in G.STATUS_WORDS.values())


def test_pinned_link_says_when_newer_data_exists(monkeypatch, built_db, goals_path, tmp_path):
    import json

    from tilannekuva import history
    from tilannekuva.texts import changes as C

    real = history.list_snapshots(history.history_dir(built_db))[-1]  # written by the build
    folder = tmp_path / "history"
    folder.mkdir()
    body = json.loads(real.path.read_text(encoding="utf-8"))
    (folder / f"{real.snapshot_id}.json").write_text(json.dumps(body), encoding="utf-8")
    older = {**body, "built_at": "2025-11-01T08:00:00+00:00", "data_sha256": "0" * 64}
    older["conclusions"] = {
        **body["conclusions"],
        "564": {k: {**v, "year": v["year"] - 1} for k, v in body["conclusions"]["564"].items()},
    }
    (folder / "20251101T080000Z.json").write_text(json.dumps(older), encoding="utf-8")
    monkeypatch.setenv("TILANNEKUVA_HISTORY", str(folder))

    def changes_page(**params):
        at = make_app(monkeypatch, built_db, area="564")
        at.run()
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page("pages/changes.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    at = changes_page(snapshot="20251101T080000Z", since="2015")
    warning = " ".join(w.value for w in at.warning)
    assert "1.11.2025 klo 10.00" in warning and "tullut uutta tietoa" in warning
    assert "changes_unpin" in {b.key for b in at.button}
    at = changes_page()  # no pin: the previous snapshot with other data is the default comparison
    assert at.radio(key="changes_mode").value == "snapshot"
    assert at.selectbox(key="changes_since_snapshot").value == "20251101T080000Z"
    lead = next(m.value for m in at.markdown if m.value.startswith("**Oulu:"))
    assert "koontiversion 1.11.2025 klo 10.00 jälkeen" in lead and "sai uutta tietoa" in lead
    at = changes_page(snapshot=real.snapshot_id)
    assert any(C.PINNED_CURRENT in i.value for i in at.info)


def test_two_editors_on_the_same_goal_second_is_told_and_loses_nothing(monkeypatch, built_db, goals_path, secret_hash):
    from tilannekuva.goals.model import Goal

    saved = GoalStore(goals_path).create(
        Goal(
            title="Yhteinen tavoite",
            cooperation_area=G.COOPERATION_AREAS[0],
            indicator_id="683",
            area_code="564",
            baseline_year=2015,
            baseline_value=7.0,
            target_year=2030,
            target_value=6.0,
            responsible_kind="kunta",
        ),
        "Testi",
    )

    def editor_session(name: str) -> AppTest:
        at = goals_page(monkeypatch, built_db, {"editor_password_hash": secret_hash}, area="564")
        at.text_input(key="_goals_sign_in_name").input(name)
        at.text_input(key="_goals_sign_in_secret").input(SECRET)
        at.button(key="goals_sign_in").click().run()
        at.selectbox(key="goals_pick").set_value(saved.goal_id).run()
        assert at.text_input(key="f_title").value == "Yhteinen tavoite"
        return at

    maija, pekka = editor_session("Maija"), editor_session("Pekka")  # both opened the goal
    maija.text_input(key="f_target_value").input("5,5")
    maija.button(key="goals_save").click().run()
    assert any("Tavoite tallennettu" in s.value for s in maija.success)
    pekka.text_input(key="f_target_value").input("5,0")
    pekka.button(key="goals_save").click().run()
    error = " ".join(e.value for e in pekka.error)
    assert "Maija tallensi tähän tavoitteeseen muutoksen" in error and "Muutostasi ei tallennettu" in error
    stored = GoalStore(goals_path).get(saved.goal_id)
    assert stored.target_value == 5.5 and stored.version == 2 and stored.updated_by == "Maija"
