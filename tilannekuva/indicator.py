"""One indicator's catalogue facts, read once per page run (issue 10): `IndicatorSpec`.

Every page model, chart option and report reads the name, unit, decimals, polarity, value type,
frequency, scale, confidence-interval method, caveat and source of an indicator from this one
object, built from its row of the `indicators` query. Its defaults live here and nowhere else
(`DEFAULT_DECIMALS` and `decimals_of` are tilannekuva.format's, the one rule every number is
written with; the schema makes `decimals` NOT NULL, the default only covers objects made by hand,
e.g. in tests, or a row from an older warehouse).

Pure: no Streamlit, no DuckDB (a `db` is anything with `query(name, **params)`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from .format import DEFAULT_DECIMALS, decimals_of

__all__ = ["DEFAULT_DECIMALS", "IndicatorSpec", "decimals_of", "spec_for", "spec_from"]
DEFAULT_POLARITY = "neutral"
DEFAULT_FREQUENCY = "year"
MONTHLY = "month"


@dataclass(frozen=True)
class IndicatorSpec:
    indicator_id: str
    name: str
    unit: str = ""
    decimals: int = DEFAULT_DECIMALS
    polarity: str = DEFAULT_POLARITY
    value_type: str = "rate"
    frequency: str = DEFAULT_FREQUENCY
    scale: float | None = None
    ci_method: str | None = None
    caveat: str | None = None
    source: str = ""
    theme: str = ""
    topic: str | None = None
    first_year: int | None = None
    last_year: int | None = None
    n_values: int = 0
    #: The year a report row or a slide shows the indicator for (not a catalogue fact: `at(year)`).
    year: int | None = None

    @property
    def monthly(self) -> bool:
        return self.frequency == MONTHLY

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> IndicatorSpec:
        """From a row of the `indicators` query (catalogue column names)."""
        return cls(
            indicator_id=str(row["indicator_id"]),
            name=row.get("name_fi") or str(row["indicator_id"]),
            unit=row.get("unit") or "",
            decimals=decimals_of(row.get("decimals")),
            polarity=row.get("polarity") or DEFAULT_POLARITY,
            value_type=row.get("value_type") or "rate",
            frequency=row.get("frequency") or DEFAULT_FREQUENCY,
            scale=row.get("scale"),
            ci_method=row.get("ci_method"),
            caveat=row.get("caveat_fi") or None,
            source=row.get("source_org") or "",
            theme=row.get("theme") or "",
            topic=row.get("topic"),
            first_year=row.get("first_year"),
            last_year=row.get("last_year"),
            n_values=int(row.get("n_values") or 0),
        )

    def at(self, year: int | None) -> IndicatorSpec:
        """The same indicator shown for `year` (report.profile's charts read `.year`)."""
        return replace(self, year=year)

    @classmethod
    def like(cls, obj: Any) -> IndicatorSpec:
        """From anything with the attribute names of situation.IndicatorRow (id, name, unit,
        decimals, polarity, source, optionally value_type, frequency and year): report rows."""
        if isinstance(obj, IndicatorSpec):
            return obj
        return cls(
            indicator_id=obj.indicator_id,
            name=obj.name,
            unit=obj.unit or "",
            decimals=decimals_of(obj.decimals),
            polarity=obj.polarity or DEFAULT_POLARITY,
            value_type=getattr(obj, "value_type", None) or "rate",
            frequency=getattr(obj, "frequency", None) or DEFAULT_FREQUENCY,
            source=getattr(obj, "source", "") or "",
            year=getattr(obj, "year", None),
        )


def spec_from(catalogue: pl.DataFrame, indicator_id: str) -> IndicatorSpec | None:
    """The spec of `indicator_id` from the catalogue frame, None for an unknown id."""
    found = catalogue.filter(pl.col("indicator_id") == indicator_id)
    return IndicatorSpec.from_row(found.row(0, named=True)) if found.height else None


def spec_for(db, indicator_id: str) -> IndicatorSpec | None:
    """The spec of `indicator_id` (one lookup of the cached `indicators` query)."""
    return spec_from(db.query("indicators"), indicator_id)
