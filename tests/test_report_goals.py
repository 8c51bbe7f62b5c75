"""Area profiles show the goals set for the area (issue 12): status from the data, the Tavoitteet
page's sentences, the goal's chart, the example mark; a line when the area has none.

Goals here are made by the test in a temporary store (marked examples), with the baseline taken
from the built warehouse as the Tavoitteet form does."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tilannekuva.db import Database
from tilannekuva.goals.model import Goal
from tilannekuva.goals.store import GoalStore
from tilannekuva.report import batch, pdf, profile, slides
from tilannekuva.report.render import ChartRenderer
from tilannekuva.texts import goals as G
from tilannekuva.texts import report as TR
from tilannekuva.views import goals as goals_view

THIS_YEAR = 2026
MADE = dt.date(2026, 12, 1)
CHROMIUM = Path("/usr/bin/chromium")
INDICATOR = "tem_tyottomat_pct_tyovoima_vuosikeskiarvo"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def db(built_db) -> Database:
    return Database(built_db)


def _goal(db, area: str, title: str, *, years_back: int = 3, target_factor: float = 0.8, target_in: int = 2) -> Goal:
    options = goals_view.baseline_options(db, INDICATOR, area)  # (year, value), newest first
    year, value = next((y, v) for y, v in options if y <= options[0][0] - years_back)
    return Goal(
        title=title,
        cooperation_area=G.COOPERATION_AREAS[2],
        indicator_id=INDICATOR,
        area_code=area,
        baseline_year=year,
        baseline_value=value,
        target_year=THIS_YEAR + target_in,
        target_value=round(value * target_factor, 1),
        responsible_kind="kunta",
        is_example=True,
    )


@pytest.fixture(scope="module")
def goals(db, tmp_path_factory):
    """Two goals for Kempele and one for Lakeus, saved in a store of the test's own."""
    store = GoalStore(tmp_path_factory.mktemp("goals") / "goals.sqlite")
    for area, title, target_in in (
        ("244", "Työttömyys laskuun Kempeleessä", 2),
        ("244", "Toinen tavoite", 4),
        ("lakeus", "Lakeuden työllisyys", 2),
    ):
        store.create(_goal(db, area, title, target_in=target_in), editor="testi")
    return store


def test_profile_holds_only_the_areas_goals_with_status_and_sentences(db, goals):
    every = goals.list_goals()
    built = profile.build(db, "244", this_year=THIS_YEAR, made=MADE, charts=False, goals=every)
    cards = goals_view.area_goals(db, "244", every)
    assert len(built.goals) == 2 == len(cards)
    for section, card in zip(built.goals, cards):
        assert card.goal.title in section.heading
        assert card.status.word in section.heading and card.status.symbol in section.heading
        assert G.EXAMPLE_MARK in section.heading  # an example says so where it is shown
        assert section.lines == card.lines and section.status == card.status.status
        assert section.chart is None  # charts=False
    # the baseline sentence carries the baseline year and the target year
    first = built.goals[0]
    assert str(cards[0].goal.baseline_year) in first.lines[0] and str(cards[0].goal.target_year) in first.lines[0]
    other = profile.build(db, "305", this_year=THIS_YEAR, made=MADE, charts=False, goals=every)
    assert other.goals == ()
    assert other.goals_none == TR.GOALS_NONE.format(area=other.area_name, date="1.12.2026")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed")
def test_pdf_and_slides_show_the_goals(db, goals, tmp_path):
    every = goals.list_goals()
    with ChartRenderer() as renderer:
        built = profile.build(db, "244", this_year=THIS_YEAR, made=MADE, goals=every)
        assert all(g.chart is not None for g in built.goals)
        data = pdf.write_pdf(built, renderer)
        deck = slides.write_pptx(built, renderer)
        none = profile.build(db, "305", this_year=THIS_YEAR, made=MADE, goals=every)
        none_pdf = pdf.write_pdf(none, renderer)
    reader = PdfReader(io.BytesIO(data))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert TR.GOALS in text
    assert "Työttömyys laskuun Kempeleessä" in text and "Toinen tavoite" in text
    assert "Lakeuden työllisyys" not in text
    assert _flat(built.goals[0].lines[0]) in text
    # each goal's chart is stamped as a vector page (its title line is in the PDF's text)
    assert text.count(TR.GOAL_CHART.format(title="Toinen tavoite")) >= 1
    assert _flat(none.goals_none) in _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(none_pdf)).pages))

    prs = Presentation(io.BytesIO(deck))
    titles = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in prs.slides]
    goal_slides = [i for i, t in enumerate(titles) if t.startswith(f"{TR.GOALS} – ")]
    assert len(goal_slides) == 1
    slide = prs.slides[goal_slides[0]]
    assert "Työttömyys laskuun Kempeleessä" in titles[goal_slides[0]]
    assert "Toinen tavoite" in slide.notes_slide.notes_text_frame.text
    assert sum(1 for t in titles if TR.GOAL_CHART.format(title="") in t) == 2  # a chart slide per goal
    pictures = [
        s
        for i in range(len(prs.slides))
        for s in prs.slides[i].shapes
        if s.shape_type == 13 and TR.GOAL_CHART.format(title="") in titles[i]
    ]
    assert len(pictures) == 2


def test_batch_reads_goals_from_the_store_and_survives_a_broken_one(goals, tmp_path):
    found, warning = batch.read_goals(goals.path)
    assert warning is None and {g.title for g in found} >= {"Toinen tavoite", "Lakeuden työllisyys"}
    assert batch.read_goals(tmp_path / "missing.sqlite") == ([], None)
    assert not (tmp_path / "missing.sqlite").exists()  # nothing created for a report
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all" * 100)
    found, warning = batch.read_goals(broken)
    assert found == [] and "not readable" in warning and str(broken) in warning


def test_the_method_lines_describe_the_trend_test_the_judgements_use():
    """The profile tells the seminar how a trend is judged: the tested five-year trend (99.8 % on
    counts, else the regression slope's 95 % interval), not an untested least-squares line."""
    from tilannekuva import judgements

    trend_line = TR.METHOD_LINES[1]
    assert judgements.TREND_WINDOW == 5 and "viiden viimeisen vuoden testattu suunta" in trend_line
    assert "99,8 %" in trend_line and "95 %" in trend_line and "ei merkitsevää muutosta" in trend_line
    assert "pienimmän neliösumman suora)" not in trend_line
