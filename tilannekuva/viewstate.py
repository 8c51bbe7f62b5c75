"""The view a user is looking at, and how it travels in the URL (pure, no Streamlit).

A copied link must open the same view on any page, so everything that defines a view lives in
the query string: area, indicator, year, gender, extra areas to compare and the map layer.
Unknown or malformed values fall back to defaults and say so in a notice; they never raise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping

DEFAULT_AREA = "MK17"
DEFAULT_INDICATOR = "tem_tyottomat_pct_tyovoima_vuosikeskiarvo"
DEFAULT_GENDER = "total"
LAYERS = ("kunta", "alue")
MAX_COMPARE = 8
PARAMS = ("area", "indicator", "year", "gender", "compare", "layer")
# A link is capped before any work (issue 9: 20 000 compare codes cost seconds of server CPU and
# one info box each). Codes and ids are short; the compare list holds at most MAX_COMPARE areas,
# the rest is room for duplicates and typos. Only the names in PARAMS are ever read.
MAX_VALUE_CHARS = 100
MAX_COMPARE_CHARS = 1_000
MAX_COMPARE_ITEMS = 100
NOTICE_EXAMPLES = 3


@dataclass(frozen=True)
class Known:
    """What the database holds, for validating a URL."""

    areas: frozenset[str]
    years: Mapping[str, tuple[int, ...]]  # indicator id -> years with data, ascending
    genders: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def latest_year(self, indicator: str) -> int | None:
        years = self.years.get(indicator) or ()
        return years[-1] if years else None


@dataclass(frozen=True)
class ViewState:
    area: str = DEFAULT_AREA
    indicator: str = DEFAULT_INDICATOR
    year: int | None = None
    gender: str = DEFAULT_GENDER
    compare: tuple[str, ...] = ()
    layer: str = "kunta"
    lang: str = "fi"  # the UI language (texts.texts_for); only Finnish exists yet

    def with_indicator(self, indicator: str, known: Known) -> "ViewState":
        """Switching indicator keeps the year if the new one has it, else its newest year."""
        year = self.year if self.year in (known.years.get(indicator) or ()) else known.latest_year(indicator)
        return replace(self, indicator=indicator, year=year)


def _first(value, limit: int = MAX_VALUE_CHARS) -> str:
    """The last value of a repeated parameter, cut to `limit` characters before anything else."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value)[:limit].strip()


def _quoted(values: list[str]) -> str:
    """'a', 'b', 'c' ja 12 muuta – a few examples, never the whole list."""
    shown = ", ".join(f"'{v[:40]}'" for v in values[:NOTICE_EXAMPLES])
    rest = len(values) - NOTICE_EXAMPLES
    return shown + ("" if rest <= 0 else " ja 1 muu" if rest == 1 else f" ja {rest} muuta")


def parse_params(params: Mapping[str, object], known: Known) -> tuple[ViewState, list[str]]:
    """(state, notices): every notice is a short Finnish sentence for the user."""
    notices: list[str] = []
    state = ViewState()
    default_indicator = DEFAULT_INDICATOR if DEFAULT_INDICATOR in known.years else next(iter(sorted(known.years)), "")

    area = _first(params.get("area", ""))
    if area and area not in known.areas:
        notices.append(f"Aluetta '{area[:40]}' ei tunneta; näytetään Pohjois-Pohjanmaa.")
        area = ""
    indicator = _first(params.get("indicator", ""))
    if indicator and indicator not in known.years:
        notices.append(f"Indikaattoria '{indicator[:40]}' ei löydy tai sillä ei ole tietoja; näytetään oletusindikaattori.")
        indicator = ""
    indicator = indicator or default_indicator

    year_text = _first(params.get("year", ""))
    year = known.latest_year(indicator)
    if year_text:
        try:
            wanted = int(year_text)
        except ValueError:
            notices.append(f"Vuosi '{year_text[:20]}' ei ole kelvollinen; näytetään uusin vuosi.")
        else:
            if wanted in (known.years.get(indicator) or ()):
                year = wanted
            else:
                notices.append(f"Indikaattorilla ei ole tietoa vuodelta {year_text[:10]}; näytetään uusin vuosi {year}.")

    gender = _first(params.get("gender", "")) or DEFAULT_GENDER
    allowed_genders = known.genders.get(indicator, (DEFAULT_GENDER,))
    if gender not in allowed_genders:
        notices.append(f"Sukupuolivalintaa '{gender[:20]}' ei ole tälle indikaattorille; näytetään kaikki.")
        gender = DEFAULT_GENDER

    raw_compare = params.get("compare", "")
    compare_text = _first(raw_compare, MAX_COMPARE_CHARS)
    items = compare_text.split(",", MAX_COMPARE_ITEMS)
    cut = len(items) > MAX_COMPARE_ITEMS or len(_first(raw_compare, MAX_COMPARE_CHARS + 1)) > MAX_COMPARE_CHARS
    compare: list[str] = []
    unknown: list[str] = []
    for code in (c.strip() for c in items[:MAX_COMPARE_ITEMS] if c.strip()):
        if len(code) > MAX_VALUE_CHARS or code not in known.areas:
            unknown.append(code)
        elif code not in compare:
            compare.append(code)
    if len(unknown) == 1:
        notices.append(f"Vertailualuetta {_quoted(unknown)} ei tunneta; se jätettiin pois.")
    elif unknown:
        notices.append(f"{len(unknown)} vertailualuetta ei tunneta ({_quoted(unknown)}); ne jätettiin pois.")
    if cut:
        notices.append(f"Vertailualueiden lista oli liian pitkä (yli {MAX_COMPARE_ITEMS} koodia tai "
                       f"{MAX_COMPARE_CHARS} merkkiä); loppua ei luettu.")
    if len(compare) > MAX_COMPARE:
        notices.append(f"Vertailuun otettiin {MAX_COMPARE} ensimmäistä aluetta.")
        compare = compare[:MAX_COMPARE]

    layer = _first(params.get("layer", "")) or "kunta"
    if layer not in LAYERS:
        notices.append(f"Karttatasoa '{layer[:20]}' ei ole; näytetään kunnat.")
        layer = "kunta"

    state = replace(state, area=area or DEFAULT_AREA, indicator=indicator, year=year, gender=gender,
                    compare=tuple(compare), layer=layer)
    return state, notices


def to_params(state: ViewState) -> dict[str, str]:
    """The query string of a view (every field, so a link is complete on its own)."""
    params = {"area": state.area, "indicator": state.indicator, "gender": state.gender, "layer": state.layer}
    if state.year is not None:
        params["year"] = str(state.year)
    if state.compare:
        params["compare"] = ",".join(state.compare)
    return params
