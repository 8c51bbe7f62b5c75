"""The Esitys page in AppTest: build a deck from views and links, reorder, play, load files."""

from __future__ import annotations

from apptest_support import make_app, open_page

from tilannekuva.views import deck as D

PAGE = "pages/presentation.py"


def _lines(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**") and "** " in m.value and " · " in m.value]


def _deep_link(monkeypatch, db_path, **params):
    """The page opened straight from a link (its first run is the Esitys page itself)."""
    at = make_app(monkeypatch, db_path, **params)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_collect_reorder_retitle_remove_and_play(monkeypatch, built_db):
    at = open_page(monkeypatch, built_db, PAGE, area="564", indicator="683", year="2023")
    assert at.title[0].value == "Esitys"
    at.selectbox(key="deck_add_page").set_value("kehitys").run()
    at.button(key="deck_add_current").click().run()
    at.selectbox(key="deck_add_page").set_value("vertailu").run()
    at.button(key="deck_add_current").click().run()
    at.text_input(key="deck_add_link").input(
        "http://127.0.0.1:8501/kartta?area=lakeus&indicator=683&year=2022&layer=alue"
    ).run()
    at.button(key="deck_add_link_button").click().run()
    assert not at.exception
    lines = _lines(at)
    assert [line.split("** ")[1].split(" · ")[0] for line in lines] == ["Kehitys", "Vertailu", "Kartta"]
    assert "Lakeus" in lines[2] and "2022" in lines[2]

    at.button(key="deck_down_0").click().run()
    assert [line.split("** ")[1].split(" · ")[0] for line in _lines(at)] == ["Vertailu", "Kehitys", "Kartta"]
    at.text_input(key="deck_title_0").input("Missä Oulu on").run()
    at.button(key="deck_remove_2").click().run()
    deck = at.session_state["_deck"]
    assert [s.page for s in deck.slides] == ["vertailu", "kehitys"] and deck.slides[0].title == "Missä Oulu on"
    assert deck.slides[1].view.area == "564" and deck.slides[1].view.indicator == "683"

    at.button(key="deck_play").click().run()
    assert not at.exception
    html = [m.value for m in at.markdown]
    assert any("<h1>Missä Oulu on</h1>" in h for h in html) and any(">1/2<" in h for h in html)
    assert any("Lähde:" in h and "2023" in h for h in html)  # the source and year line
    assert len(at.get("plotly_chart")) == 1
    at.button(key="deck_next").click().run()
    assert any(">2/2<" in m.value for m in at.markdown)
    assert at.button(key="deck_next").disabled and not at.button(key="deck_prev").disabled  # the last slide
    at.button(key="deck_exit").click().run()
    assert at.title[0].value == "Esitys" and len(_lines(at)) == 2


def test_a_link_loads_the_deck_and_a_bad_link_keeps_the_page(monkeypatch, built_db):
    from tilannekuva.viewstate import ViewState

    deck = D.Deck("Foorumi", (D.Slide("kehitys", ViewState("244", "683", 2023)),))
    at = _deep_link(monkeypatch, built_db, deck=D.to_param(deck))
    assert any("Foorumi" in s.value and "1 diaa" in s.value for s in at.success)
    assert at.session_state["_deck"] == deck
    bad = _deep_link(monkeypatch, built_db, deck="not-a-deck")
    assert any("Linkin esitystä ei voitu avata" in e.value for e in bad.error)
    assert bad.session_state["_deck"].slides == ()


def test_the_address_bar_keeps_the_deck_as_it_is_edited(monkeypatch, built_db):
    """The deck travels in the link (`?deck=`) after every run, not only on the first: a copied
    address shares the deck as it is now, and editing it does not announce a reload."""
    from tilannekuva.viewstate import ViewState

    deck = D.Deck("Foorumi", (D.Slide("kehitys", ViewState("244", "683", 2023)),))
    at = make_app(monkeypatch, built_db, area="244")
    at.run()
    at.query_params["deck"] = D.to_param(deck)  # the link's own parameter (the first run was the start page)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["_deck"] == deck
    assert _param(at, "deck") == D.to_param(deck)
    at.selectbox(key="deck_add_page").set_value("vertailu").run()
    at.button(key="deck_add_current").click().run()
    now = at.session_state["_deck"]
    assert len(now.slides) == 2
    kept = _param(at, "deck")
    assert kept == D.to_param(now) and kept != D.to_param(deck)
    assert D.from_param(kept, _known(built_db))[0] == now
    assert not any("avattiin" in s.value for s in at.success)  # editing is not announced as a reload
    assert _param(at, "area") == "244"  # the shared view values stay in the link too


def _param(at, key: str) -> str:
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def _known(db_path):
    from tilannekuva.db import Database
    from tilannekuva.ui.state import known

    return known(Database(db_path))
