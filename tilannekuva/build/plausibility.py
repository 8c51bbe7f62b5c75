"""Checks a statistician makes before new figures replace the old ones.

Format checks (inputs.py) say a file is readable; these say its numbers can be true:
* every value is finite and inside the plausible range of its indicator: a share in % lies in
  0–100, a count or a rate is not negative, nothing is astronomically large (1e300). The range
  comes from the catalogue's value_type and unit; an indicator that can legitimately leave it
  (a net change, a balance) declares its own range in data/value_ranges.csv, with the reason;
* every row names a known source system;
* no indicator has clearly fewer values than in the previous build (a header-only or cut file,
  a lost column): compared per indicator with the database about to be replaced, and refused
  unless the caller accepts the shrink explicitly (`build --accept-shrink`).

The checks work on the tidy value frame, so they cover every loader, fetched data included.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .. import codes, paths
from .inputs import SOURCE_SYSTEMS, InputError, parse_number, read_rows

VALUE_RANGES_CSV = paths.DATA_DIR / "value_ranges.csv"  # the default of BuildInputs.value_ranges

# Plausible range per catalogue value_type (inclusive). Upper bounds are far above any real
# figure of a Finnish municipality; they exist to stop 1e300 and unit slips by powers of ten.
DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "percent": (0.0, 100.0),
    "count": (0.0, 1e9),
    "rate": (0.0, 1e6),
    "index": (0.0, 1e6),
    "currency": (0.0, 1e9),
}
FALLBACK_RANGE = (-1e9, 1e9)  # a value_type without its own rule: finite and not absurd
UNIT_MAX = {"%": 100.0, "‰": 1000.0}  # a share cannot exceed the whole, whatever the value_type
ABS_VALUE_MAX = 1e12  # absolute counts and sums behind a value (numerators)

# An indicator "shrinks" when it loses more than this share of its values (and at least
# SHRINK_MIN_VALUES of them), or all of them. Small losses happen: a source suppresses a
# few small-number values in a revision.
SHRINK_TOLERANCE = 0.01
SHRINK_MIN_VALUES = 5
EXAMPLES = 3

ACCEPT_SHRINK_HINT = "if that is intended (an indicator removed, a source cut back), build again with --accept-shrink"


# --------------------------------------------------------------------------- value ranges


def load_value_ranges(path: Path, catalog_ids: set[str] | None) -> dict[str, tuple[float, float]]:
    """data/value_ranges.csv: indicator_id -> (min, max) for indicators outside the default rule.
    catalog_ids None: the ids are not checked against the catalogue (a fetch checked alone)."""
    rows = read_rows(path, ["indicator_id", "min_value", "max_value", "reason"])
    out: dict[str, tuple[float, float]] = {}
    for line, r in rows:
        iid = r["indicator_id"]
        if catalog_ids is not None and iid not in catalog_ids:
            raise InputError(path, line, f"indicator {iid!r} is not in the catalogue (data/indicators.csv)")
        if iid in out:
            raise InputError(path, line, f"indicator {iid!r} is listed twice")
        low = parse_number(path, line, "min_value", r["min_value"], allow_empty=False)
        high = parse_number(path, line, "max_value", r["max_value"], allow_empty=False)
        if not low < high:
            raise InputError(path, line, f"min_value {low:g} is not below max_value {high:g}")
        if not r["reason"]:
            raise InputError(path, line, "reason is empty: say why this indicator may leave the usual range")
        out[iid] = (low, high)
    return out


def value_range(value_type: str | None, unit: str | None) -> tuple[float, float]:
    low, high = DEFAULT_RANGES.get(value_type or "", FALLBACK_RANGE)
    unit_max = UNIT_MAX.get((unit or "").strip())
    return low, high if unit_max is None else min(high, unit_max)


def _limits(catalog: pl.DataFrame, ranges: dict[str, tuple[float, float]]) -> pl.DataFrame:
    rows = []
    for r in catalog.select("indicator_id", "value_type", "unit").iter_rows(named=True):
        low, high = ranges.get(r["indicator_id"]) or value_range(r["value_type"], r["unit"])
        rows.append({**r, "_low": low, "_high": high, "_abs_low": 0.0 if low >= 0 else -ABS_VALUE_MAX})
    return pl.DataFrame(
        rows,
        schema={
            "indicator_id": pl.String,
            "value_type": pl.String,
            "unit": pl.String,
            "_low": pl.Float64,
            "_high": pl.Float64,
            "_abs_low": pl.Float64,
        },
    )


def _number(x: float) -> str:
    if not math.isfinite(x) or abs(x) >= 1e7:
        return f"{x:g}"
    return f"{x:,.10g}".replace(",", " ")


def check_values(values: pl.DataFrame, catalog: pl.DataFrame, ranges: dict[str, tuple[float, float]]) -> None:
    """Raise InputError (naming the source file) for an unknown source or an implausible value."""
    unknown = values.filter(~pl.col("source").is_in(list(SOURCE_SYSTEMS)) | pl.col("source").is_null())
    if unknown.height:
        first = unknown.row(0, named=True)
        raise InputError(
            first["source_file"] or "?",
            None,
            f"unknown source {first['source']!r} for indicator {first['indicator_id']} "
            f"({unknown.height} row(s)); allowed: {', '.join(SOURCE_SYSTEMS)}",
        )

    checked = values.join(_limits(catalog, ranges), on="indicator_id", how="left")
    value, absolute = pl.col("value"), pl.col("abs_value")
    bad_value = value.is_not_null() & (~value.is_finite() | (value < pl.col("_low")) | (value > pl.col("_high")))
    bad_abs = absolute.is_not_null() & (
        ~absolute.is_finite() | (absolute < pl.col("_abs_low")) | (absolute > ABS_VALUE_MAX)
    )
    bad = checked.filter(bad_value | bad_abs)
    if not bad.height:
        return
    file = bad["source_file"][0]
    in_file = bad.filter(pl.col("source_file") == file)
    examples = []
    for r in in_file.head(EXAMPLES).iter_rows(named=True):
        where = f"indicator {r['indicator_id']}, area {r['area_code']}, {r['year']}"
        if r["month"]:
            where += f"-{r['month']:02d}"
        if r["gender"] != codes.TOTAL:
            where += f", {r['gender']}"
        kind = f"{r['value_type']}, {r['unit']}"
        v = r["value"]
        if v is not None and not (math.isfinite(v) and r["_low"] <= v <= r["_high"]):
            examples.append(
                f"{where}: value {_number(v)} is outside {_number(r['_low'])}…{_number(r['_high'])} ({kind})"
            )
        else:
            examples.append(
                f"{where}: absolute value {_number(r['abs_value'])} is outside "
                f"{_number(r['_abs_low'])}…{_number(ABS_VALUE_MAX)}"
            )
    more = f" (and {in_file.height - len(examples)} more)" if in_file.height > len(examples) else ""
    raise InputError(
        file,
        _line_of(file, in_file.row(0, named=True)),
        f"implausible value(s): {'; '.join(examples)}{more}. If such values are real for "
        f"this indicator (a net change, a balance), declare its range in "
        f"{paths.relative(VALUE_RANGES_CSV)}",
    )


def _line_of(source_file: str | None, row: dict) -> int | None:
    """Best effort: the line of a CSV source file holding `row` (a cell equal to its indicator id
    if the file has one, a cell starting with its year, one ending with its municipality code, a
    cell whose number is its value). None
    when the file is not a CSV or the value was derived (e.g. a rate computed from two columns)."""
    if not source_file or not source_file.endswith(".csv"):
        return None
    path = Path(source_file)
    path = path if path.is_absolute() else paths.ROOT / path
    target = row["value"] if row["value"] is not None else row["abs_value"]
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            has_id = any(h in ("indicator_id", "indicator") for h in header)
            for cells in reader:
                if has_id and row["indicator_id"] not in cells:
                    continue
                if not any(c.strip().startswith(str(row["year"])) for c in cells):
                    continue
                area = str(row["area_code"] or "")
                if area.isdigit() and not any(c.strip().endswith(area) for c in cells):  # 564, KU564
                    continue
                for c in cells:
                    try:
                        number = float(c)
                    except ValueError:
                        continue
                    if number == target or (math.isnan(number) and math.isnan(target)):
                        return reader.line_num
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return None


# --------------------------------------------------------------------------- shrink against the previous build

COUNTS_SQL = (
    "SELECT o.indicator_id, coalesce(any_value(i.source_system), '?'), count(*) FROM observation o "
    "LEFT JOIN indicator i USING (indicator_id) WHERE o.status = 'ok' GROUP BY 1"
)


@dataclass(frozen=True)
class Counts:
    """Values (status ok) per indicator in one database: indicator_id -> (source_system, n)."""

    by_indicator: dict[str, tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_indicator.values())


def counts(con) -> Counts:
    """Values per indicator in a warehouse connection (warehouse.py opens it: only db.py and the
    build package import DuckDB)."""
    return Counts({iid: (src, n) for iid, src, n in con.execute(COUNTS_SQL).fetchall()})


def shrunk(old: Counts, new: Counts) -> list[tuple[str, str, int, int]]:
    """(indicator_id, source, old n, new n) of every indicator that lost clearly more than noise."""
    out = []
    for iid, (src, n_old) in sorted(old.by_indicator.items()):
        n_new = new.by_indicator.get(iid, (src, 0))[1]
        lost = n_old - n_new
        if n_old > 0 and (n_new == 0 or (lost >= SHRINK_MIN_VALUES and lost > SHRINK_TOLERANCE * n_old)):
            out.append((iid, src, n_old, n_new))
    return out


def shrink_message(old: Counts, new: Counts) -> str | None:
    """Why the new build must not replace the old one, or None when nothing clearly shrank."""
    lost = shrunk(old, new)
    if not lost:
        return None
    by_source: dict[str, list[tuple[str, int, int]]] = {}
    for iid, src, n_old, n_new in lost:
        by_source.setdefault(src, []).append((iid, n_old, n_new))
    parts = []
    for src, items in sorted(by_source.items()):
        shown = ", ".join(f"{iid} {_number(a)} → {_number(b)}" for iid, a, b in items[:EXAMPLES])
        more = f" and {len(items) - EXAMPLES} more" if len(items) > EXAMPLES else ""
        parts.append(f"{src}: {len(items)} indicator(s) ({shown}{more})")
    return (
        f"the new build has clearly fewer values than the previous one "
        f"({_number(old.total)} → {_number(new.total)} values): {'; '.join(parts)}. "
        f"A cut or emptied input file looks like this; {ACCEPT_SHRINK_HINT}"
    )
