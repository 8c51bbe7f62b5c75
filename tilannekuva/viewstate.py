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

    def with_indicator(self, indicator: str, known: Known) -> "ViewState":
        """Switching indicator keeps the year if the new one has it, else its newest year."""
        year = self.year if self.year in (known.years.get(indicator) or ()) else known.latest_year(indicator)
        return replace(self, indicator=indicator, year=year)


def _first(value) -> str:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value).strip()


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

    compare_text = _first(params.get("compare", ""))
    compare: list[str] = []
    for code in (c.strip() for c in compare_text.split(",") if c.strip()):
        if code not in known.areas:
            notices.append(f"Vertailualuetta '{code[:40]}' ei tunneta; se jätettiin pois.")
        elif code not in compare:
            compare.append(code)
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
