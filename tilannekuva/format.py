"""How numbers, values and periods are written, in one place (issue 10): pure, no Streamlit.

Finnish number format: decimal comma, a narrow no-break space between thousands (the same as
plotly's `separators` in `charts.style`), a no-break space between a number and its unit (the two
never part at a line end).

The unit rule, decided once for every view (start page, map, trends, goals, changes, reports):
a unit of measurement is written after the number — '%', '€', '€/asukas' and the per-population
rates ('/1000 as.', '/100 000 vastaavan ikäistä'): the rate's base is part of what the number
means. A count ('lkm') and a pure number ('indeksi', 'indeksi (koko maa = 100)', 'suhdeluku',
'kerroin × 100') stays bare: those words are not units ('1,2 suhdeluku' is not Finnish) and the
indicator's name always stands beside the value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from .texts import Texts, texts_for

THIN = "\u202f"  # between thousands
NBSP = "\u00a0"  # between a number and its unit
MINUS = "\u2212"
DASH = "\u2013"  # between the first and last year of a range
#: Units written after the number (see the module docstring); others are left to the name.
UNITS_AFTER_NUMBER = frozenset({"%", "€", "€/asukas"})
RATE_PREFIX = "/"  # '/1000 as.', '/100 000 vastaavan ikäistä', ...
PERCENT = "%"
DEFAULT_DECIMALS = 1


def _texts(texts: Texts | None) -> Texts:
    return texts if texts is not None else texts_for()


def decimals_of(decimals: int | float | None) -> int:
    """The catalogue's `decimals` (None when unset) as an int: one decimal unless told."""
    if decimals is None or (isinstance(decimals, float) and not math.isfinite(decimals)):
        return DEFAULT_DECIMALS
    return max(int(decimals), 0)


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def format_number(value: float | None, decimals: int | None = DEFAULT_DECIMALS, *, texts: Texts | None = None) -> str:
    """'1 234,6' (narrow no-break space between thousands, decimal comma); 'ei tietoa' for None."""
    if is_missing(value):
        return _texts(texts).common.NO_DATA
    text = f"{value:,.{decimals_of(decimals)}f}"
    return text.replace(",", THIN).replace(".", ",")


def shown_unit(unit: str | None) -> str:
    """The unit as written after a number ('' when the number stands bare: counts, indexes, ratios)."""
    unit = (unit or "").strip()
    return unit if unit in UNITS_AFTER_NUMBER or unit.startswith(RATE_PREFIX) else ""


def with_unit(number: str, unit: str | None) -> str:
    """A formatted number and its unit, kept together by a no-break space."""
    shown = shown_unit(unit)
    return f"{number}{NBSP}{shown}" if shown else number


def format_value(
    value: float | None, unit: str | None, decimals: int | None = DEFAULT_DECIMALS, *, texts: Texts | None = None
) -> str:
    """'12,3 %', '2 076,9 €/asukas', '3,2 /1000 as.', '15 386' (lkm), '104,2' (indeksi);
    'ei tietoa' for None (the spaces are no-break: see the module docstring)."""
    if is_missing(value):
        return _texts(texts).common.NO_DATA
    return with_unit(format_number(value, decimals, texts=texts), unit)


def format_difference(
    value: float | None, unit: str | None, decimals: int | None = DEFAULT_DECIMALS, *, texts: Texts | None = None
) -> str:
    """A difference of two values; percentages differ by percentage points ('2,3 prosenttiyksikköä')."""
    if is_missing(value):
        return _texts(texts).common.NO_DATA
    number = format_number(value, decimals, texts=texts)
    if (unit or "").strip() == PERCENT:
        return f"{number}{NBSP}{_texts(texts).map.PERCENT_POINTS}"
    return with_unit(number, unit)


def format_signed(difference: float, decimals: int | None = DEFAULT_DECIMALS, *, texts: Texts | None = None) -> str:
    """'+0,4', '−1,2', '±0,0' (the sign of the number as shown, not of the unrounded one)."""
    shown = round(difference, decimals_of(decimals))
    sign = "+" if shown > 0 else MINUS if shown < 0 else "±"
    return sign + format_number(abs(difference), decimals, texts=texts)


# ---------------------------------------------------------------------------
# Years and periods
# ---------------------------------------------------------------------------
def year_range(first: int | None, last: int | None = None, *, texts: Texts | None = None) -> str:
    """'2006–2023', '2023' when both are the same year; 'ei tietoa' without years."""
    if first is None and last is None:
        return _texts(texts).common.NO_DATA
    first, last = (last if first is None else first), (first if last is None else last)
    return str(first) if first == last else f"{first}{DASH}{last}"


def years_range(years: Sequence[int] | Iterable[int], *, texts: Texts | None = None) -> str:
    """The range a set of years covers: [2018, 2022, 2020] -> '2018–2022' ('' for no years)."""
    years = [int(y) for y in years]
    return year_range(min(years), max(years), texts=texts) if years else ""


def year_spans(years: Iterable[int]) -> str:
    """The runs of consecutive years: [1990, 1991, 1992, 1995] -> '1990–1992, 1995'."""
    spans: list[str] = []
    start = prev = None
    for y in sorted(set(int(y) for y in years)):
        if start is not None and y == prev + 1:
            prev = y
            continue
        if start is not None:
            spans.append(year_range(start, prev))
        start = prev = y
    if start is not None:
        spans.append(year_range(start, prev))
    return ", ".join(spans)


def month_name(month: int | None, *, texts: Texts | None = None) -> str:
    """'lokakuu' for 10; '' when there is no month."""
    months = _texts(texts).map.MONTHS
    return months[int(month) - 1] if month and 1 <= int(month) <= 12 else ""


def period_label(year: int, months: Iterable[int] = (), *, texts: Texts | None = None) -> str:
    """'2023' for annual data, 'lokakuu 2023' for a monthly series' last month."""
    months = sorted(set(m for m in months if m))
    if len(months) == 1:
        return f"{month_name(months[0], texts=texts)} {year}"
    return str(year)
