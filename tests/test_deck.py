"""The presenter's deck: operations, the JSON file and the link round trips, validation messages."""

from __future__ import annotations

import json

import pytest

from tilannekuva.views import deck as D
from tilannekuva.viewstate import Known, ViewState

KNOWN = Known(
    areas=frozenset({"564", "244", "lakeus", "MK17", "SSS"}),
    years={"683": (2015, 2022, 2023), "tem_tyottomat_pct_tyovoima_vuosikeskiarvo": (2006, 2024)},
    genders={"683": ("total",), "tem_tyottomat_pct_tyovoima_vuosikeskiarvo": ("total", "male", "female")},
)


def _deck() -> D.Deck:
    deck = D.Deck("Seminaari 2026")
    deck = deck.add(D.Slide("kehitys", ViewState("564", "683", 2023, "total", ("244", "lakeus"), "kunta"), "Diabetes"))
    deck = deck.add(D.Slide("kartta", ViewState("lakeus", "683", 2022, "total", (), "alue")))
    deck = deck.add(D.Slide("vertailu", ViewState("244", "tem_tyottomat_pct_tyovoima_vuosikeskiarvo", 2024, "male")))
    return deck.add(D.Slide("tilannekuva", ViewState("MK17", "683", 2023)))


def test_reorder_rename_remove():
    deck = _deck()
    pages = lambda d: [s.page for s in d.slides]  # noqa: E731
    assert pages(deck.move(0, 1)) == ["kartta", "kehitys", "vertailu", "tilannekuva"]
    assert pages(deck.move(3, 1)) == pages(deck)  # the last one cannot go further down
    assert pages(deck.move(0, -1)) == pages(deck)
    assert pages(deck.remove(1)) == ["kehitys", "vertailu", "tilannekuva"]
    assert deck.retitle(1, "  Kartta   Lakeudesta ").slides[1].title == "Kartta Lakeudesta"
    assert deck.renamed("x" * 500).name == "x" * D.MAX_NAME
    assert deck.slides == _deck().slides  # every operation returns a new deck


def test_round_trip_through_the_file():
    deck = _deck()
    text = D.to_json(deck)
    data = json.loads(text)
    assert data["format"] == D.FORMAT and data["version"] == D.VERSION and len(data["slides"]) == 4
    assert data["slides"][0]["view"]["compare"] == "244,lakeus"
    loaded, notices = D.from_json(text.encode("utf-8"), KNOWN)
    assert loaded == deck and notices == []


def test_round_trip_through_the_link():
    deck = _deck()
    param = D.to_param(deck)
    assert param.isascii() and "=" not in param and "&" not in param and len(param) < 600
    loaded, notices = D.from_param(param, KNOWN)
    assert loaded == deck and notices == []
    link = D.share_link("http://127.0.0.1:8501/esitys?area=564", deck)
    assert link.startswith("http://127.0.0.1:8501/esitys?deck=")
    assert D.from_param(link.split("deck=", 1)[1], KNOWN)[0] == deck


def test_slides_are_deep_links_and_links_become_slides():
    slide = _deck().slides[0]
    assert slide.link().startswith("kehitys?") and "area=564" in slide.link() and "compare=244%2Clakeus" in slide.link()
    again, notices = D.slide_from_link("http://localhost:8501/" + slide.link(), KNOWN, title="Diabetes")
    assert again == slide and notices == []
    start, _ = D.slide_from_link("http://localhost:8501/?area=244", KNOWN)
    assert start.page == "tilannekuva" and start.view.area == "244"


def test_unknown_values_fall_back_with_a_notice_like_a_copied_link():
    data = D.to_data(_deck())
    data["slides"][0]["view"]["area"] = "999"
    data["slides"][1]["view"]["year"] = "1800"
    loaded, notices = D.from_json(json.dumps(data), KNOWN)
    assert loaded.slides[0].view.area == "MK17"
    assert loaded.slides[1].view.year == 2023
    assert any(n.startswith("Dia 1:") and "999" in n for n in notices)
    assert any(n.startswith("Dia 2:") and "1800" in n for n in notices)


@pytest.mark.parametrize(
    "content, words",
    [
        (b"{not json", "JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        (json.dumps({"format": "something else", "slides": []}).encode(), "esitystiedosto"),
        (json.dumps({"format": D.FORMAT, "version": 99, "slides": []}).encode(), "versiota 99"),
        (json.dumps({"format": D.FORMAT, "version": 1}).encode(), "diojen luettelo"),
        (json.dumps({"format": D.FORMAT, "version": 1, "slides": ["x"]}).encode(), "Dia 1"),
        (
            json.dumps({"format": D.FORMAT, "version": 1, "slides": [{"page": "tietoa", "view": {}}]}).encode(),
            "Sivua ”tietoa”",
        ),
        (
            json.dumps(
                {"format": D.FORMAT, "version": 1, "slides": [{"page": "kartta", "view": {}}] * (D.MAX_SLIDES + 1)}
            ).encode(),
            "enintään",
        ),
        (b" " * (D.MAX_FILE_BYTES + 1), "liian suuri"),
    ],
)
def test_bad_files_get_a_clear_finnish_message(content, words):
    with pytest.raises(D.DeckError) as err:
        D.from_json(content, KNOWN)
    assert words in str(err.value)


def test_a_broken_link_says_so():
    param = D.to_param(_deck())
    for broken in (param[: len(param) // 2], "!!!", "eJwrSS0uAQAEXQHB"):
        with pytest.raises(D.DeckError, match="Linkin esitystietoa"):
            D.from_param(broken, KNOWN)


def test_too_many_slides():
    deck = D.Deck("x", tuple([_deck().slides[0]] * D.MAX_SLIDES))
    with pytest.raises(D.DeckError, match=str(D.MAX_SLIDES)):
        deck.add(_deck().slides[0])
