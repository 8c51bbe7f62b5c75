"""The view in the URL: parsing, defaults with notices, round trip (pure, no Streamlit)."""

from tilannekuva.viewstate import Known, ViewState, parse_params, to_params

KNOWN = Known(
    areas=frozenset({"MK17", "SSS", "564", "305", "lakeus"}),
    years={"tem_tyottomat_pct_tyovoima_vuosikeskiarvo": (2006, 2021, 2022), "683": (2015, 2023), "127": (2000, 2022)},
    genders={"683": ("total",), "127": ("total",), "tem_tyottomat_pct_tyovoima_vuosikeskiarvo": ("total",)},
)


def test_empty_link_gives_defaults_without_notices():
    state, notices = parse_params({}, KNOWN)
    assert state == ViewState(area="MK17", indicator="tem_tyottomat_pct_tyovoima_vuosikeskiarvo", year=2022)
    assert notices == []


def test_full_link_is_honoured():
    state, notices = parse_params(
        {
            "area": "305",
            "indicator": "683",
            "year": "2015",
            "compare": "564,lakeus",
            "layer": "alue",
            "gender": "total",
        },
        KNOWN,
    )
    assert (state.area, state.indicator, state.year, state.compare, state.layer) == (
        "305",
        "683",
        2015,
        ("564", "lakeus"),
        "alue",
    )
    assert notices == []


def test_round_trip():
    state = ViewState(area="564", indicator="683", year=2023, compare=("305",), layer="alue")
    again, notices = parse_params(to_params(state), KNOWN)
    assert again == state and notices == []


def test_unknown_values_fall_back_with_specific_notices():
    state, notices = parse_params(
        {
            "area": "999",
            "indicator": "x'; DROP TABLE",
            "year": "abc",
            "layer": "3d",
            "compare": "564,nope,564",
            "gender": "robot",
        },
        KNOWN,
    )
    assert state.area == "MK17"
    assert state.indicator == "tem_tyottomat_pct_tyovoima_vuosikeskiarvo"
    assert state.year == 2022 and state.layer == "kunta" and state.compare == ("564",)
    assert state.gender == "total"
    text = " ".join(notices)
    for fragment in ("'999'", "DROP TABLE", "'abc'", "'3d'", "'nope'", "'robot'"):
        assert fragment in text
    assert len(notices) == 6


def test_year_without_data_jumps_to_newest_with_notice():
    state, notices = parse_params({"indicator": "683", "year": "1999"}, KNOWN)
    assert state.year == 2023
    assert notices == ["Indikaattorilla ei ole tietoa vuodelta 1999; näytetään uusin vuosi 2023."]


def test_repeated_and_overlong_params_do_not_raise():
    state, notices = parse_params(
        {"area": ["305", "564"], "compare": ",".join(["564"] * 50 + ["305"]), "year": "9" * 500}, KNOWN
    )
    assert state.area == "564" and state.compare == ("564", "305")
    assert any("ei ole kelvollinen" in n or "ei ole tietoa" in n for n in notices)


def test_switching_indicator_keeps_year_when_possible():
    state = ViewState(indicator="127", year=2015)
    assert state.with_indicator("683", KNOWN).year == 2015
    assert state.with_indicator("tem_tyottomat_pct_tyovoima_vuosikeskiarvo", KNOWN).year == 2022


def test_language_travels_in_the_link_and_an_unknown_one_falls_back_with_a_notice():
    state, notices = parse_params({"lang": "fi", "area": "564"}, KNOWN)
    assert state.lang == "fi" and notices == []
    state, notices = parse_params({"lang": "klingon", "area": "564"}, KNOWN)
    assert state.lang == "fi" and state.area == "564"
    assert notices == ["Kieltä 'klingon' ei ole; näytetään suomeksi."]
    # The default language stays out of the link: links look as they did before `lang` existed.
    assert "lang" not in to_params(ViewState(area="564"))
    assert to_params(ViewState(area="564", lang="sv"))["lang"] == "sv"


def test_notices_come_from_the_texts_not_the_logic():
    from tilannekuva.texts import texts_for

    words = texts_for("fi").common
    _, notices = parse_params({"area": "999", "compare": "a,b,c,d,e"}, KNOWN)
    assert notices == [
        words.LINK_AREA_UNKNOWN.format(area="999"),
        words.LINK_COMPARE_UNKNOWN.format(n=5, codes="'a', 'b', 'c' ja 2 muuta"),
    ]
