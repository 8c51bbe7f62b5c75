"""Issue 9, item 3: a crafted link cannot slow everyone down. Every parameter is capped in
length (and the compare list in count) before any work; one notice per kind of problem, never
one per code (20 000 unknown codes used to be 20 000 info boxes, 3 s of CPU and 3.3 MB sent)."""

from __future__ import annotations

from apptest_support import make_app

from tilannekuva import viewstate
from tilannekuva.viewstate import Known, parse_params

CODES_20K = ",".join(f"x{i:05d}" for i in range(20_000))  # ~130 KB, like the probe's link


class CountingAreas(frozenset):
    """Counts membership checks: the work the parser does per code."""

    checks = 0

    def __contains__(self, item):
        type(self).checks += 1
        return super().__contains__(item)


def known() -> Known:
    CountingAreas.checks = 0
    return Known(
        areas=CountingAreas({"MK17", "SSS", "564", "305", "lakeus"}),
        years={"tem_tyottomat_pct_tyovoima_vuosikeskiarvo": (2021, 2022)},
        genders={"tem_tyottomat_pct_tyovoima_vuosikeskiarvo": ("total",)},
    )


def test_twenty_thousand_unknown_compare_codes_give_one_notice_per_kind_and_bounded_work():
    state, notices = parse_params({"compare": CODES_20K}, known())
    assert state.compare == ()
    assert len(notices) == 2, notices[:3]  # one for the unknown codes, one for the cut
    assert "x00000" in notices[0] and "100 vertailualuetta" in notices[0] and "liian pitkä" in notices[1]
    assert all(len(n) < 300 for n in notices)
    assert CountingAreas.checks <= viewstate.MAX_COMPARE_ITEMS + 1


def test_known_codes_after_the_cap_are_not_read_and_the_notice_says_so():
    text = ",".join(["nope"] * 5000 + ["564"])
    state, notices = parse_params({"compare": text}, known())
    assert state.compare == ()
    assert len(notices) == 2 and "nope" in notices[0] and "liian pitkä" in notices[1]
    state, notices = parse_params({"compare": "564,305,zz1,zz2,zz3,zz4"}, known())
    assert state.compare == ("564", "305")
    assert notices == ["4 vertailualuetta ei tunneta ('zz1', 'zz2', 'zz3' ja 1 muu); ne jätettiin pois."]


def test_every_parameter_is_capped_in_length_before_use():
    huge = "A" * 500_000
    params = {name: huge for name in viewstate.PARAMS}
    state, notices = parse_params(params, known())
    assert state.area == "MK17" and state.layer == "kunta" and state.gender == "total"
    assert len(notices) <= len(viewstate.PARAMS) + 1  # compare: unknown codes and the cut
    assert all(len(n) < 300 for n in notices)
    assert CountingAreas.checks <= viewstate.MAX_COMPARE_ITEMS + 2


def test_unknown_parameters_are_not_read():
    class Exploding(dict):
        def __iter__(self):
            raise AssertionError("the parser must not walk every parameter of the link")

        def items(self):
            raise AssertionError("the parser must not walk every parameter of the link")

    params = Exploding({f"p{i}": "v" for i in range(1000)})
    params["area"] = "564"
    state, notices = parse_params(params, known())
    assert state.area == "564" and notices == []


def test_the_app_shows_one_notice_per_kind_for_twenty_thousand_codes(monkeypatch, built_db):
    at = make_app(monkeypatch, built_db, compare=CODES_20K)
    at.run()
    assert not at.exception
    infos = [i.value for i in at.info]
    compare_notices = [v for v in infos if "vertailualue" in v.lower()]
    assert len(compare_notices) == 2, len(compare_notices)  # unknown codes; list cut
    assert len(infos) <= len(viewstate.PARAMS) + 1
