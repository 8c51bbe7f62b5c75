"""The view a user is looking at, and how it travels in the URL (pure, no Streamlit).

A copied link must open the same view on any page, so everything that defines a view lives in
the query string: area, indicator, year, gender, extra areas to compare, the map layer and the
language (`lang`, left out of the link while it is the default, so links stay as they were).
Unknown or malformed values fall back to defaults and say so in a notice (in the link's language,
texts.common.LINK_*); they never raise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from . import codes
from .texts import DEFAULT_LANG, LANGUAGES, texts_for

DEFAULT_AREA = codes.REGION
DEFAULT_INDICATOR = "tem_tyottomat_pct_tyovoima_vuosikeskiarvo"
DEFAULT_GENDER = codes.TOTAL
DEFAULT_LAYER = codes.MUNICIPALITY
LAYERS = codes.MAP_LAYERS
MAX_COMPARE = 8
PARAMS = ("area", "indicator", "year", "gender", "compare", "layer", "lang")
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
    layer: str = DEFAULT_LAYER
    lang: str = DEFAULT_LANG  # the UI language (texts.texts_for); only Finnish exists yet

    def with_indicator(self, indicator: str, known: Known) -> ViewState:
        """Switching indicator keeps the year if the new one has it, else its newest year."""
        year = self.year if self.year in (known.years.get(indicator) or ()) else known.latest_year(indicator)
        return replace(self, indicator=indicator, year=year)


def _first(value, limit: int = MAX_VALUE_CHARS) -> str:
    """The last value of a repeated parameter, cut to `limit` characters before anything else."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value)[:limit].strip()


def _quoted(values: list[str], words) -> str:
    """'a', 'b', 'c' ja 12 muuta – a few examples, never the whole list (`words`: texts.common)."""
    shown = ", ".join(f"'{v[:40]}'" for v in values[:NOTICE_EXAMPLES])
    rest = len(values) - NOTICE_EXAMPLES
    return shown + ("" if rest <= 0 else words.LINK_MORE_ONE if rest == 1 else words.LINK_MORE.format(n=rest))


def parse_lang(params: Mapping[str, object]) -> tuple[str, str | None]:
    """(language, the unknown code asked for or None): an unknown `lang` gets the default."""
    lang = _first(params.get("lang", "")) or DEFAULT_LANG
    return (lang, None) if lang in LANGUAGES else (DEFAULT_LANG, lang)


def parse_params(params: Mapping[str, object], known: Known) -> tuple[ViewState, list[str]]:
    """(state, notices): every notice is a short sentence for the user, in the link's language."""
    lang, unknown_lang = parse_lang(params)
    words = texts_for(lang).common
    notices: list[str] = []
    if unknown_lang is not None:
        notices.append(words.LINK_LANG_UNKNOWN.format(lang=unknown_lang[:20]))
    state = ViewState(lang=lang)
    default_indicator = DEFAULT_INDICATOR if DEFAULT_INDICATOR in known.years else next(iter(sorted(known.years)), "")

    area = _first(params.get("area", ""))
    if area and area not in known.areas:
        notices.append(words.LINK_AREA_UNKNOWN.format(area=area[:40]))
        area = ""
    indicator = _first(params.get("indicator", ""))
    if indicator and indicator not in known.years:
        notices.append(words.LINK_INDICATOR_UNKNOWN.format(indicator=indicator[:40]))
        indicator = ""
    indicator = indicator or default_indicator

    year_text = _first(params.get("year", ""))
    year = known.latest_year(indicator)
    if year_text:
        try:
            wanted = int(year_text)
        except ValueError:
            notices.append(words.LINK_YEAR_INVALID.format(year=year_text[:20]))
        else:
            if wanted in (known.years.get(indicator) or ()):
                year = wanted
            else:
                notices.append(words.LINK_YEAR_NO_DATA.format(year=year_text[:10], latest=year))

    gender = _first(params.get("gender", "")) or DEFAULT_GENDER
    allowed_genders = known.genders.get(indicator, (DEFAULT_GENDER,))
    if gender not in allowed_genders:
        notices.append(words.LINK_GENDER_UNKNOWN.format(gender=gender[:20]))
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
        notices.append(words.LINK_COMPARE_UNKNOWN_ONE.format(codes=_quoted(unknown, words)))
    elif unknown:
        notices.append(words.LINK_COMPARE_UNKNOWN.format(n=len(unknown), codes=_quoted(unknown, words)))
    if cut:
        notices.append(words.LINK_COMPARE_CUT.format(items=MAX_COMPARE_ITEMS, chars=MAX_COMPARE_CHARS))
    if len(compare) > MAX_COMPARE:
        notices.append(words.LINK_COMPARE_MAX.format(n=MAX_COMPARE))
        compare = compare[:MAX_COMPARE]

    layer = _first(params.get("layer", "")) or DEFAULT_LAYER
    if layer not in LAYERS:
        notices.append(words.LINK_LAYER_UNKNOWN.format(layer=layer[:20]))
        layer = DEFAULT_LAYER

    state = replace(
        state,
        area=area or DEFAULT_AREA,
        indicator=indicator,
        year=year,
        gender=gender,
        compare=tuple(compare),
        layer=layer,
    )
    return state, notices


def to_params(state: ViewState) -> dict[str, str]:
    """The query string of a view (every field, so a link is complete on its own; `lang` only when
    it is not the default: a link without it opens in the default language)."""
    params = {"area": state.area, "indicator": state.indicator, "gender": state.gender, "layer": state.layer}
    if state.year is not None:
        params["year"] = str(state.year)
    if state.compare:
        params["compare"] = ",".join(state.compare)
    if state.lang != DEFAULT_LANG:
        params["lang"] = state.lang
    return params
