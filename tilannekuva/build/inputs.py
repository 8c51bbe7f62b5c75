"""Read and validate the shipped input files.

Every problem stops the build with an InputError naming the file, the row (as a line number
of the file, header = line 1) and the reason, so whoever edits a CSV can fix it at once.
The loaders return plain polars frames; nothing here touches DuckDB.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .. import codes, paths

LEVELS = codes.LEVELS
POLARITIES = ("higher", "lower", "neutral")
AGGREGATIONS = ("sum", "ratio", "weighted", "none")
VALUE_TYPES = ("count", "percent", "rate", "index", "currency")
CI_METHODS = ("", "wilson", "byar")
FREQUENCIES = ("year", "month")
SOURCE_SYSTEMS = ("sotkanet", "statfin", "tem")
GENDERS = codes.GENDERS
STATUSES = codes.STATUSES
FIRST_YEAR = 1900

# Codes used by the source files for the region and the country.
REGION_ALIASES = {"PPO": codes.REGION, "MK17": codes.REGION, "SSS": codes.COUNTRY}
# Sotkanet's own ids for the levels above the municipalities (SOTKANET_API.md).
SOTKANET_REGION_IDS = {973: codes.COUNTY, 503: codes.REGION, 658: codes.COUNTRY}

#: The key of every value frame: one indicator, area, period and gender (aggregate.OBS_SCHEMA too).
KEY_SCHEMA = {
    "indicator_id": pl.String,
    "area_code": pl.String,
    "year": pl.Int32,
    "month": pl.Int32,
    "gender": pl.String,
}
VALUE_SCHEMA = {
    "source": pl.String,
    **KEY_SCHEMA,
    "value": pl.Float64,
    "abs_value": pl.Float64,
    "status": pl.String,
    "source_file": pl.String,
    "territory_note": pl.String,
}


class InputError(ValueError):
    """A shipped or fetched input file is wrong; says where and why."""

    def __init__(self, file: Path | str, row: int | None, reason: str):
        self.file = paths.relative(Path(file))
        self.row = row
        self.reason = reason
        where = f"{self.file}, line {row}" if row is not None else self.file
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class BuildInputs:
    """The files one build reads. Tests swap single files to provoke single errors."""

    municipalities: Path = paths.MUNICIPALITIES_CSV
    areas: Path = paths.AREAS_CSV
    membership: Path = paths.MEMBERSHIP_CSV
    catalog: Path = paths.CATALOG_CSV
    snapshot: Path = paths.SNAPSHOT_CSV
    tem_monthly: Path = paths.TEM_MONTHLY_CSV
    diabetes_683: Path = paths.DIABETES_683_CSV
    boundaries: Path = paths.BOUNDARIES_GEOJSON
    raw_sotkanet: Path = paths.RAW_SOTKANET_DIR
    # The newer series of data/sources/fresh/ (loaded by inputs_fresh).
    tem_rates: Path = paths.TEM_RATES_CSV
    population: Path = paths.POPULATION_CSV
    population_preliminary: Path = paths.POPULATION_PRELIMINARY_CSV
    net_migration: Path = paths.NET_MIGRATION_CSV
    morbidity_5641: Path = paths.MORBIDITY_5641_CSV
    extra: dict = field(default_factory=dict)
    value_ranges: Path = paths.DATA_DIR / "value_ranges.csv"  # plausible ranges outside the defaults
    # A fetch not yet published: (its temp dir, the dir it becomes). `update` builds with it and
    # publishes it only if the build succeeds; plain builds never see it.
    pending_sotkanet: tuple[Path, Path] | None = None

    def source_files(self) -> list[Path]:
        return [
            self.municipalities,
            self.areas,
            self.membership,
            self.catalog,
            self.snapshot,
            self.tem_monthly,
            self.diabetes_683,
            self.boundaries,
            self.tem_rates,
            self.population,
            self.population_preliminary,
            self.net_migration,
            self.morbidity_5641,
            self.value_ranges,
        ]


# An input file larger than this is refused before it is read: the CSV readers hold every row in
# memory (a 200 MB file took 9.5 GB). The shipped files are below 2 MB; the limit leaves room.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def check_file(path: Path, *, max_bytes: int | None = None) -> Path:
    """The path is a readable regular file of a sane size, else an InputError saying what it is."""
    path = Path(path)
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    try:
        if not path.exists():
            raise InputError(path, None, "file not found")
        if path.is_dir():
            raise InputError(path, None, "is a directory, not a file")
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if size > limit:
        raise InputError(
            path,
            None,
            f"file is {size / 2**20:.1f} MiB, more than the {limit / 2**20:g} MiB "
            "an input file may have (is it the right file?)",
        )
    if size == 0:
        raise InputError(path, None, "file is empty")
    return path


def read_rows(
    path: Path, required: list[str], optional: tuple[str, ...] | list[str] = ()
) -> list[tuple[int, dict[str, str]]]:
    """CSV rows with their line numbers. Checks that the file exists, is not oversized, has the
    required columns and no column outside `required` + `optional`, that no row has more or fewer
    cells than the header and that the file does not stop in the middle of a line (cut short);
    a header without rows is an error too. A UTF-8 byte order mark is ignored."""
    path = check_file(path)
    known = list(required) + [c for c in optional if c not in required]
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            _check_header(path, header, required, known)
            rows = []
            for row in reader:
                if None in row:  # more cells than header columns
                    raise InputError(path, reader.line_num, "more values than header columns")
                if None in row.values():  # fewer cells: DictReader fills them with None
                    cells = sum(v is not None for v in row.values())
                    raise InputError(
                        path,
                        reader.line_num,
                        f"only {cells} of {len(header)} values (columns missing from "
                        f"{header[cells]!r} on; was the file cut short?)",
                    )
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
            line_count = reader.line_num
        _check_complete_last_line(path, line_count)
    except UnicodeDecodeError as exc:
        raise InputError(path, None, f"not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise InputError(path, None, f"malformed CSV: {exc}") from exc
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if not rows:
        raise InputError(path, None, "no data rows (only a header)")
    return rows


def _check_header(path: Path, header: list[str], required: list[str], known: list[str]) -> None:
    if not header:
        raise InputError(path, 1, "no header line")
    duplicates = sorted({c for c in header if header.count(c) > 1})
    if duplicates:
        raise InputError(path, 1, f"column(s) named twice in the header: {', '.join(duplicates)}")
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(path, 1, f"missing column(s): {', '.join(missing)}")
    unknown = [c for c in header if c not in known]
    if unknown:
        raise InputError(
            path, 1, f"unknown column(s): {', '.join(repr(c) for c in unknown)} (known: {', '.join(known)})"
        )


def _check_complete_last_line(path: Path, lines: int) -> None:
    """A file that does not end with a line break was most likely cut short in copying."""
    with path.open("rb") as handle:
        handle.seek(-1, 2)
        last = handle.read(1)
    if last not in (b"\n", b"\r"):
        raise InputError(
            path, lines, "the last line does not end with a line break: the file seems cut short (copy it again)"
        )


def parse_number(path: Path, line: int, column: str, text: str, *, allow_empty: bool) -> float | None:
    if text == "" or text.upper() in ("NA", "NAN"):
        if allow_empty:
            return None
        raise InputError(path, line, f"column '{column}' is empty")
    try:
        number = float(text)
    except ValueError:
        raise InputError(path, line, f"column '{column}' is not a number: {text!r}") from None
    if math.isinf(number) or math.isnan(number):
        raise InputError(path, line, f"column '{column}' is not a finite number: {text!r}")
    return number


def parse_year(path: Path, line: int, text: str) -> int:
    last_allowed = dt.date.today().year + 1
    try:
        year = int(text)
    except ValueError:
        raise InputError(path, line, f"year is not a whole number: {text!r}") from None
    if not FIRST_YEAR <= year <= last_allowed:
        raise InputError(path, line, f"impossible year {year} (allowed {FIRST_YEAR}–{last_allowed})")
    return year


def _unique(path: Path, line: int, seen: dict, key, what: str) -> None:
    if key in seen:
        raise InputError(path, line, f"duplicate {what} {key!r} (first on line {seen[key]})")
    seen[key] = line


def _choice(path: Path, line: int, column: str, value: str, allowed) -> str:
    if value not in allowed:
        raise InputError(
            path, line, f"column '{column}' has {value!r}; allowed: {', '.join(a or '(empty)' for a in allowed)}"
        )
    return value


# --------------------------------------------------------------------------- areas

# Descriptive columns of municipalities.csv the build does not use (kept for people reading it).
MUNICIPALITY_EXTRA_COLUMNS = ("seutukunta_code", "seutukunta_name_fi", "kuntaryhmitys_fi", "hyvinvointialue_code")


def load_municipalities(path: Path) -> pl.DataFrame:
    rows = read_rows(
        path, ["kuntanumero", "name_fi", "name_sv", "sotkanet_region_id"], optional=MUNICIPALITY_EXTRA_COLUMNS
    )
    seen: dict = {}
    out = []
    for line, r in rows:
        code = r["kuntanumero"]
        if not (len(code) == 3 and code.isdigit()):
            raise InputError(path, line, f"kuntanumero must be three digits, got {code!r}")
        _unique(path, line, seen, code, "kuntanumero")
        if not r["name_fi"]:
            raise InputError(path, line, "name_fi is empty")
        region_id = parse_number(path, line, "sotkanet_region_id", r["sotkanet_region_id"], allow_empty=True)
        out.append(
            {
                "kuntanumero": code,
                "name_fi": r["name_fi"],
                "name_sv": r["name_sv"],
                "sotkanet_region_id": None if region_id is None else int(region_id),
            }
        )
    if not out:
        raise InputError(path, None, "no municipalities")
    return pl.DataFrame(
        out,
        schema={"kuntanumero": pl.String, "name_fi": pl.String, "name_sv": pl.String, "sotkanet_region_id": pl.Int64},
    )


def load_areas(path: Path) -> pl.DataFrame:
    rows = read_rows(path, ["area_code", "name_fi", "level", "parent_code", "sort_order", "confidence", "evidence"])
    seen: dict = {}
    out = []
    for line, r in rows:
        _unique(path, line, seen, r["area_code"], "area_code")
        _choice(path, line, "level", r["level"], LEVELS)
        if r["level"] == codes.MUNICIPALITY:
            raise InputError(path, line, "municipalities belong in municipalities.csv, not areas.csv")
        out.append(
            {
                "area_code": r["area_code"],
                "name_fi": r["name_fi"],
                "level": r["level"],
                "parent_code": r["parent_code"] or None,
                "sort_order": int(parse_number(path, line, "sort_order", r["sort_order"], allow_empty=False)),
                "confidence": r["confidence"],
                "evidence": r["evidence"],
            }
        )
    frame = pl.DataFrame(out)
    listed = set(frame["area_code"])
    for line, r in rows:
        if r["parent_code"] and r["parent_code"] not in listed:
            raise InputError(path, line, f"parent_code {r['parent_code']!r} is not an area in this file")
    for required in codes.ABOVE_AREAS:
        if required not in listed:
            raise InputError(path, None, f"area {required} is missing")
    return frame


def load_membership(path: Path, municipalities: pl.DataFrame, areas: pl.DataFrame) -> pl.DataFrame:
    """Each municipality in exactly one Pohde area (level 'alue')."""
    rows = read_rows(path, ["kuntanumero", "area_code", "confidence", "basis"])
    known = set(municipalities["kuntanumero"])
    area_codes = set(areas.filter(pl.col("level") == codes.POHDE_AREA)["area_code"])
    seen: dict = {}
    out = []
    for line, r in rows:
        code = r["kuntanumero"]
        if code not in known:
            raise InputError(path, line, f"unknown municipality code {code!r} (not in municipalities.csv)")
        if code in seen:
            raise InputError(path, line, f"municipality {code} is put in two areas (also on line {seen[code]})")
        seen[code] = line
        if not r["area_code"]:
            raise InputError(path, line, f"municipality {code} has no area")
        if r["area_code"] not in area_codes:
            raise InputError(
                path, line, f"unknown area {r['area_code']!r} (areas of level 'alue': {', '.join(sorted(area_codes))})"
            )
        out.append(
            {"kuntanumero": code, "area_code": r["area_code"], "confidence": r["confidence"], "basis": r["basis"]}
        )
    missing = sorted(known - set(seen))
    if missing:
        raise InputError(path, None, f"municipality without an area: {', '.join(missing)}")
    return pl.DataFrame(out)


# --------------------------------------------------------------------------- catalogue

CATALOG_COLUMNS = [
    "indicator_id",
    "name_fi",
    "theme",
    "topic",
    "unit",
    "value_type",
    "decimals",
    "polarity",
    "aggregation",
    "weight_indicator",
    "scale",
    "ci_method",
    "frequency",
    "source_system",
    "source_org",
    "sotkanet_id",
    "certainty",
    "caveat_fi",
    "concept",
]


def load_catalog(path: Path) -> pl.DataFrame:
    rows = read_rows(path, CATALOG_COLUMNS)
    seen: dict = {}
    out = []
    for line, r in rows:
        iid = r["indicator_id"]
        if not iid:
            raise InputError(path, line, "indicator_id is empty")
        _unique(path, line, seen, iid, "indicator_id")
        if not r["name_fi"]:
            raise InputError(path, line, "name_fi is empty")
        _choice(path, line, "polarity", r["polarity"], POLARITIES)
        _choice(path, line, "aggregation", r["aggregation"], AGGREGATIONS)
        _choice(path, line, "value_type", r["value_type"], VALUE_TYPES)
        _choice(path, line, "ci_method", r["ci_method"], CI_METHODS)
        _choice(path, line, "frequency", r["frequency"], FREQUENCIES)
        _choice(path, line, "source_system", r["source_system"], SOURCE_SYSTEMS)
        decimals = parse_number(path, line, "decimals", r["decimals"], allow_empty=False)
        scale = parse_number(path, line, "scale", r["scale"], allow_empty=True)
        if r["aggregation"] == "ratio" and not scale:
            raise InputError(path, line, "aggregation 'ratio' needs a scale (100 for %, 1000 for ‰ …)")
        if r["aggregation"] == "weighted" and not r["weight_indicator"]:
            raise InputError(path, line, "aggregation 'weighted' needs a weight_indicator")
        sotkanet_id = parse_number(path, line, "sotkanet_id", r["sotkanet_id"], allow_empty=True)
        if r["source_system"] == "sotkanet" and sotkanet_id is None:
            raise InputError(path, line, "a Sotkanet indicator needs its sotkanet_id")
        out.append(
            {
                **{c: (r[c] or None) for c in CATALOG_COLUMNS},
                "decimals": int(decimals),
                "scale": scale,
                "sotkanet_id": None if sotkanet_id is None else int(sotkanet_id),
            }
        )
    frame = pl.DataFrame(
        out,
        schema_overrides={
            **dict.fromkeys(CATALOG_COLUMNS, pl.String),
            "scale": pl.Float64,
            "sotkanet_id": pl.Int64,
            "decimals": pl.Int32,
        },
    )
    ids = set(frame["indicator_id"])
    for line, r in rows:
        if r["weight_indicator"] and r["weight_indicator"] not in ids:
            raise InputError(path, line, f"weight_indicator {r['weight_indicator']!r} is not in the catalogue")
    return frame


# --------------------------------------------------------------------------- boundaries


def check_boundaries(path: Path) -> None:
    """The boundary GeoJSON is a FeatureCollection whose every feature has a valid (multi)polygon.

    Checked before geopandas reads it, so a null or self-intersecting geometry is an input error
    naming the feature instead of a traceback from deep inside the simplification."""
    import shapely  # only at build time, like geometry.py
    import shapely.geometry

    path = check_file(path)
    try:
        collection = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(path, None, f"not valid GeoJSON: {exc}") from None
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror or exc}") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or collection.get("type") != "FeatureCollection":
        raise InputError(path, None, "not a GeoJSON FeatureCollection with a 'features' list")
    if not features:
        raise InputError(path, None, "the FeatureCollection has no features")
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        code = props.get("NATCODE") if isinstance(props, dict) else None
        what = f"feature {number}" + (f" (NATCODE {code})" if code else "")
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if geometry is None:
            raise InputError(path, None, f"{what} has no geometry (null)")
        try:
            shape = shapely.geometry.shape(geometry)
        except Exception as exc:  # noqa: BLE001 - shapely raises several types for bad coordinates
            raise InputError(path, None, f"{what} has an unreadable geometry ({type(exc).__name__}: {exc})") from None
        if shape.geom_type not in ("Polygon", "MultiPolygon") or shape.is_empty:
            raise InputError(
                path,
                None,
                f"{what} must be a non-empty Polygon or MultiPolygon, "
                f"not {'an empty ' if shape.is_empty else ''}{shape.geom_type}",
            )
        if not shape.is_valid:
            raise InputError(path, None, f"{what} has an invalid geometry: {shapely.is_valid_reason(shape)}")


# --------------------------------------------------------------------------- values


def _area_for_region_code(path: Path, line: int, code: str, kuntanumerot: set[str]) -> str:
    if code in kuntanumerot:
        return code
    if code in REGION_ALIASES:
        return REGION_ALIASES[code]
    raise InputError(path, line, f"unknown municipality or region code {code!r}")


def _check_indicator(path: Path, line: int, iid: str, catalog_ids: set[str]) -> None:
    if iid not in catalog_ids:
        raise InputError(path, line, f"indicator {iid!r} is missing from the catalogue (data/indicators.csv)")


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=VALUE_SCHEMA)


def load_snapshot(path: Path, kuntanumerot: set[str], catalog_ids: set[str]) -> pl.DataFrame:
    """snapshot_values.csv: one tidy table of annual values (see data/SOURCES.md)."""
    rows = read_rows(path, ["source", "indicator_id", "region_code", "year", "gender", "value", "abs_value"])
    seen: dict = {}
    out = []
    rel = paths.relative(path)
    for line, r in rows:
        iid = r["indicator_id"]
        _choice(path, line, "source", r["source"], SOURCE_SYSTEMS)
        _check_indicator(path, line, iid, catalog_ids)
        area = _area_for_region_code(path, line, r["region_code"], kuntanumerot)
        year = parse_year(path, line, r["year"])
        gender = _choice(path, line, "gender", r["gender"], GENDERS)
        _unique(
            path,
            line,
            seen,
            (r["source"], iid, r["region_code"], year, gender),
            "key (source, indicator, region, year, gender)",
        )
        value = parse_number(path, line, "value", r["value"], allow_empty=True)
        abs_value = parse_number(path, line, "abs_value", r["abs_value"], allow_empty=True)
        # The 2013 Sotkanet export (all Sotkanet ids but 683 up to 2012) drew Pohjois-Pohjanmaa
        # with the 2013 borders: Vaala was in Kainuu until 2016 (COVERAGE.md).
        territory = (
            "excl_vaala"
            if area == codes.REGION and r["source"] == "sotkanet" and iid != "683" and year <= 2012
            else None
        )
        out.append(
            {
                "source": r["source"],
                "indicator_id": iid,
                "area_code": area,
                "year": year,
                "month": None,
                "gender": gender,
                "value": value,
                "abs_value": abs_value,
                "status": codes.OK if value is not None else codes.MISSING,
                "source_file": rel,
                "territory_note": territory,
            }
        )
    return _frame(out)


TEM_SERIES = {  # column of the TEM table -> (indicator id, is the labour force the denominator)
    "TYOTTOMATLOPUSSA": "tem_tyottomat_lkm_kk",
    "AVPAIKATLOPUSSA": "tem_avoimet_tyopaikat_kk",
}
TEM_RATE_ID = "tem_tyottomat_pct_tyovoima_kk"


def load_tem_monthly(path: Path, kuntanumerot: set[str], catalog_ids: set[str]) -> pl.DataFrame:
    """TEM 12r5 monthly jobseeker figures: counts as they are, and the rate unemployed / labour force.

    The rate rows carry the count as abs_value and the labour force in `value` is derived later
    (ratio indicators keep numerator and denominator)."""
    rows = read_rows(path, ["alue", "time", "TYOTTOMATLOPUSSA", "TYOVOIMATK", "AVPAIKATLOPUSSA"])
    for iid in (*TEM_SERIES.values(), TEM_RATE_ID):
        _check_indicator(path, 1, iid, catalog_ids)
    rel = paths.relative(path)
    seen: dict = {}
    out = []
    for line, r in rows:
        code = r["alue"][2:] if r["alue"].startswith("KU") else r["alue"]
        area = _area_for_region_code(path, line, code, kuntanumerot)
        try:
            year_text, month_text = r["time"].split("-")
            month = int(month_text)
        except ValueError:
            raise InputError(path, line, f"time must be YYYY-MM, got {r['time']!r}") from None
        if not 1 <= month <= 12:
            raise InputError(path, line, f"impossible month {month}")
        year = parse_year(path, line, year_text)
        _unique(path, line, seen, (area, year, month), "key (area, month)")
        unemployed = parse_number(path, line, "TYOTTOMATLOPUSSA", r["TYOTTOMATLOPUSSA"], allow_empty=True)
        labour = parse_number(path, line, "TYOVOIMATK", r["TYOVOIMATK"], allow_empty=True)
        base = {
            "source": "tem",
            "area_code": area,
            "year": year,
            "month": month,
            "gender": codes.TOTAL,
            "source_file": rel,
            "territory_note": None,
            "abs_value": None,
        }
        for column, iid in TEM_SERIES.items():
            v = parse_number(path, line, column, r[column], allow_empty=True)
            out.append(
                {**base, "indicator_id": iid, "value": v, "status": codes.OK if v is not None else codes.MISSING}
            )
        rate = 100.0 * unemployed / labour if unemployed is not None and labour else None
        out.append(
            {
                **base,
                "indicator_id": TEM_RATE_ID,
                "value": rate,
                "abs_value": unemployed,
                "status": codes.OK if rate is not None else codes.MISSING,
            }
        )
    return _frame(out)


def load_diabetes_683(path: Path, municipalities: pl.DataFrame, catalog_ids: set[str]) -> pl.DataFrame:
    """Sotkanet 683 as exported: keeps the official Pohde (973) values, which the snapshot dropped.

    Only the hyvinvointialue rows are returned: municipal, regional and national rows of this file
    are in snapshot_values.csv already (identical values)."""
    rows = read_rows(path, ["indicator", "region", "year", "gender", "primary value", "absolute value"])
    by_id = {
        int(i): c for c, i in zip(municipalities["kuntanumero"], municipalities["sotkanet_region_id"]) if i is not None
    }
    by_id.update(SOTKANET_REGION_IDS)
    rel = paths.relative(path)
    out = []
    for line, r in rows:
        _check_indicator(path, line, r["indicator"], catalog_ids)
        region = parse_number(path, line, "region", r["region"], allow_empty=False)
        if int(region) not in by_id:
            raise InputError(path, line, f"unknown Sotkanet region id {int(region)}")
        area = by_id[int(region)]
        if area != codes.COUNTY:
            continue
        value = parse_number(path, line, "primary value", r["primary value"], allow_empty=True)
        out.append(
            {
                "source": "sotkanet",
                "indicator_id": r["indicator"],
                "area_code": area,
                "year": parse_year(path, line, r["year"]),
                "month": None,
                "gender": _choice(path, line, "gender", r["gender"], GENDERS),
                "value": value,
                "abs_value": parse_number(path, line, "absolute value", r["absolute value"], allow_empty=True),
                "status": codes.OK if value is not None else codes.MISSING,
                "source_file": rel,
                "territory_note": None,
            }
        )
    return _frame(out)
