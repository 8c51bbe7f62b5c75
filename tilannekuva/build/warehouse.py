"""`python -m tilannekuva build`: the DuckDB warehouse from the shipped data, atomically.

The database is written to a temporary file next to the target, validated, and only then moved
over the old one with os.replace (atomic on one file system). Any error — a bad input row, a
failed validation, a crash — removes the temporary file and leaves the last good database
byte-identical. Two builds from the same inputs hold the same data (rows are sorted; only
`build_info.built_at` differs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from .. import __version__, codes, paths
from ..db import NamedQuery, parse_query
from . import aggregate, geometry, inputs, plausibility
from .inputs import BuildInputs, InputError


class BuildError(RuntimeError):
    """The data loaded but failed a consistency check; the old database was kept."""


class ShrinkError(BuildError):
    """The new build has clearly fewer values than the database it would replace."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fresh_values(src: BuildInputs, kuntanumerot: set[str], catalog_ids: set[str]) -> list[pl.DataFrame]:
    """The TEM monthly series (counts to 2023-10, then 12r5 rates), its 12-month means, and the
    newer StatFin/Sotkanet series of data/sources/fresh/ (inputs_fresh)."""
    from . import inputs_fresh as fresh

    tem_monthly = inputs.load_tem_monthly(src.tem_monthly, kuntanumerot, catalog_ids)
    tem_rates = fresh.load_tem_rates(src.tem_rates, kuntanumerot, catalog_ids, fresh.last_count_month(tem_monthly))
    return [
        tem_monthly,
        tem_rates,
        fresh.tem_annual(tem_monthly, tem_rates),
        fresh.load_population(src.population, kuntanumerot, catalog_ids),
        fresh.load_population_preliminary(src.population_preliminary, kuntanumerot, catalog_ids),
        fresh.load_net_migration(src.net_migration, kuntanumerot, catalog_ids),
        fresh.load_morbidity_index(src.morbidity_5641, kuntanumerot, catalog_ids),
    ]


def _without_replaced(snapshot: pl.DataFrame, replacing: pl.DataFrame) -> pl.DataFrame:
    return snapshot.join(replacing.select(aggregate.KEY), on=aggregate.KEY, how="anti", nulls_equal=True)


def previous_counts(db_path: Path) -> tuple[plausibility.Counts | None, str | None]:
    """Counts of the database about to be replaced; (None, None) when there is none, (None, note)
    when it cannot be read (then nothing is compared and the note says so)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        return None, None
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            return plausibility.counts(con), None
        finally:
            con.close()
    except duckdb.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return None, f"the previous database could not be read, so row counts were not compared ({first_line})"


def load_values(src: BuildInputs, municipalities: pl.DataFrame, catalog: pl.DataFrame) -> tuple[pl.DataFrame, dict]:
    """Every source value in the tidy frame; fetched Sotkanet values win over shipped ones."""
    from . import sotkanet_fetched

    kuntanumerot = set(municipalities["kuntanumero"])
    catalog_ids = set(catalog["indicator_id"])
    fresh = pl.concat(fresh_values(src, kuntanumerot, catalog_ids))
    # The snapshot's TEM annual means were rounded rates; the ones computed from the monthly
    # counts replace them (same key), exactly.
    snapshot = inputs.load_snapshot(src.snapshot, kuntanumerot, catalog_ids)
    shipped = pl.concat(
        [
            _without_replaced(snapshot, fresh),
            inputs.load_diabetes_683(src.diabetes_683, municipalities, catalog_ids),
            fresh,
        ]
    )
    try:
        merged = sotkanet_fetched.read_merged(src.raw_sotkanet, kuntanumerot, pending=src.pending_sotkanet)
    except sotkanet_fetched.FetchedDataError as exc:
        folder = Path(exc.file).parent.name
        raise InputError(
            src.raw_sotkanet,
            None,
            f"fetched Sotkanet data is unusable: {exc}. To build without "
            f"that fetch, rename its folder {folder} to failed-{folder} (builds never read "
            "failed-* folders) or fetch again",
        ) from exc
    fetched = merged.frame
    fetch_info = {}
    if fetched.height:
        unknown = sorted(set(fetched["indicator_id"]) - catalog_ids)
        if unknown:
            raise InputError(
                src.raw_sotkanet,
                None,
                f"fetched indicator(s) {', '.join(unknown)} missing from the catalogue (data/indicators.csv)",
            )
        fetched = fetched.select(list(inputs.VALUE_SCHEMA)).cast(inputs.VALUE_SCHEMA)
        # Fetched values replace shipped ones with the same key; older shipped years stay.
        shipped = shipped.join(fetched.select(aggregate.KEY), on=aggregate.KEY, how="anti", nulls_equal=True)
        fetch_info = merged.build_info()
    values = pl.concat([shipped, fetched]) if fetched.height else shipped
    dupes = values.group_by(aggregate.KEY).len().filter(pl.col("len") > 1)
    if dupes.height:
        first = dupes.row(0, named=True)
        raise InputError(src.snapshot, None, f"duplicate key across source files: {first}")
    return values, fetch_info


def _catalog_with_years(catalog: pl.DataFrame, observations: pl.DataFrame) -> pl.DataFrame:
    """The catalogue with each indicator's first/last year, and `current_measure`: of the
    indicators sharing a `concept` (e.g. four unemployment measures), the one with the newest data
    (ties: the one listed first in indicators.csv) is the current measure; an indicator without a
    concept is its own."""
    years = (
        observations.filter(pl.col("status") == codes.OK)
        .group_by("indicator_id")
        .agg(
            pl.col("year").min().alias("first_year"),
            pl.col("year").max().alias("last_year"),
            pl.len().alias("n_values"),
        )
    )
    ranked = (
        catalog.with_row_index("_order")
        .join(years, on="indicator_id", how="left")
        .with_columns(pl.col("n_values").fill_null(0), pl.lit("CC BY 4.0").alias("licence"))
    )
    concept = pl.col("concept").fill_null(pl.col("indicator_id"))
    best = (
        ranked.sort(pl.col("last_year").fill_null(0), pl.col("_order"), descending=[True, False])
        .group_by(concept.alias("_concept"), maintain_order=True)
        .agg(pl.col("indicator_id").first().alias("_best"))
    )
    return (
        ranked.with_columns(concept.alias("_concept"))
        .join(best, on="_concept", how="left")
        .with_columns((pl.col("indicator_id") == pl.col("_best")).alias("current_measure"))
        .drop("_order", "_concept", "_best")
        .sort("indicator_id")
    )


def _area_rows(areas: pl.DataFrame, municipalities: pl.DataFrame, membership: pl.DataFrame) -> pl.DataFrame:
    kunnat = (
        municipalities.join(membership, on="kuntanumero")
        .sort("kuntanumero")
        .select(
            pl.col("kuntanumero").alias("area_code"),
            "name_fi",
            "name_sv",
            pl.lit(codes.MUNICIPALITY).alias("level"),
            pl.col("area_code").alias("parent_code"),
            (pl.int_range(pl.len()) + 100).cast(pl.Int32).alias("sort_order"),
            "confidence",
            pl.col("basis").alias("evidence"),
        )
    )
    others = areas.with_columns(pl.lit(None, dtype=pl.String).alias("name_sv")).select(kunnat.columns)
    return pl.concat([others.cast(kunnat.schema), kunnat])


def write_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Append `frame` to `table`, matching columns by name (absent ones are NULL). The rows travel
    as Arrow data, never as SQL text."""
    columns = con.table(table).columns
    unknown = sorted(set(frame.columns) - set(columns))
    if unknown:
        raise BuildError(f"table {table} has no column(s) {', '.join(unknown)}")
    ordered = frame.select([pl.col(c) if c in frame.columns else pl.lit(None).alias(c) for c in columns])
    con.from_arrow(ordered.to_arrow()).insert_into(table)


CHECKS_DIR = paths.QUERIES_DIR / "checks"
_CHECK_LINE = re.compile(r"^--\s*(failure|row):\s*(.*)$", re.M)


@dataclass(frozen=True)
class Check:
    """One validation check: a named query whose every row is a failure, with the sentence that
    says what failed (`-- failure:`) and how one failing row reads (`-- row:`, format fields)."""

    query: NamedQuery
    failure: str
    row: str

    @property
    def name(self) -> str:
        return self.query.name

    def message(self, columns: list[str], rows: list[tuple], limit: int = 5) -> str:
        shown = "; ".join(self.row.format(**dict(zip(columns, r))) for r in rows[:limit])
        return f"check {self.name}: {self.failure}: {shown}{' ...' if len(rows) > limit else ''}"


def load_checks(directory: Path = CHECKS_DIR) -> list[Check]:
    """The build's validation checks, `queries/checks/*.sql` (headed like the app's named
    queries, plus `-- failure:` and `-- row:`); tests/test_checks.py runs each."""
    checks = []
    for path in sorted(Path(directory).glob("*.sql")):
        query = parse_query(path)
        extra = dict(_CHECK_LINE.findall(query.sql))
        if set(extra) != {"failure", "row"} or not query.columns:
            raise BuildError(f"{paths.relative(path)}: a check needs '-- columns:', '-- failure:' and '-- row:' lines")
        checks.append(Check(query, extra["failure"].strip(), extra["row"].strip()))
    return checks


def _validate(con: duckdb.DuckDBPyConnection, n_municipalities: int) -> None:
    """Run every check on the new warehouse; fail with each failing check's name and first rows."""
    bound = {"municipalities": n_municipalities}
    failures = []
    for check in load_checks():
        missing = sorted(set(check.query.params) - set(bound))
        if missing:
            raise BuildError(f"check {check.name} needs parameter(s) the build does not have: {', '.join(missing)}")
        result = con.execute(check.query.sql, {p: bound[p] for p in check.query.params})
        columns = [d[0] for d in result.description]
        rows = result.fetchmany(6)
        if rows:
            failures.append(check.message(columns, rows))
    if failures:
        raise BuildError(" | ".join(failures))


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, owned by someone else
        return True
    try:  # a killed child its parent has not reaped yet is a zombie: not running
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


def remove_stale_temp_files(db_path: Path) -> list[Path]:
    """Delete `<db>.tmp-<pid>` files (and their .wal) left by a build that was killed: those whose
    process is not running any more. A running build's temp file is left alone."""
    removed = []
    for p in Path(db_path).parent.glob(f"{Path(db_path).name}.tmp-*"):
        pid_text = p.name[len(Path(db_path).name) + len(".tmp-") :].split(".", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _pid_running(int(pid_text)):
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def build_database(
    db_path: Path | None = None,
    src: BuildInputs | None = None,
    *,
    quiet: bool = True,
    accept_shrink: bool = False,
    before_replace=None,
) -> Path:
    """Build the warehouse and atomically replace `db_path`. Returns the path.

    Refuses (ShrinkError) when an indicator has clearly fewer values than in the database it
    would replace, unless `accept_shrink`. `before_replace()` runs after the new database is
    complete and valid, right before it replaces the old one (update publishes its fetch there);
    if it raises, nothing is replaced."""
    db_path = Path(db_path or paths.DB_PATH)
    src = src or BuildInputs()
    say = (lambda *_: None) if quiet else (lambda msg: print(msg, file=sys.stderr))
    for stale in remove_stale_temp_files(db_path):
        say(f"removed {paths.relative(stale)}, left by a build that was killed")

    municipalities = inputs.load_municipalities(src.municipalities)
    areas = inputs.load_areas(src.areas)
    membership = inputs.load_membership(src.membership, municipalities, areas)
    catalog = inputs.load_catalog(src.catalog)
    value_ranges = plausibility.load_value_ranges(src.value_ranges, set(catalog["indicator_id"]))
    values, fetch_info = load_values(src, municipalities, catalog)
    plausibility.check_values(values, catalog, value_ranges)
    say(f"read {values.height} source values for {values['indicator_id'].n_unique()} indicators")
    kuntanumerot = sorted(municipalities["kuntanumero"])
    observations, checks = aggregate.build_observations(
        values,
        catalog,
        membership,
        kuntanumerot,
        names=dict(zip(municipalities["kuntanumero"], municipalities["name_fi"])),
    )
    inputs.check_boundaries(src.boundaries)
    layers = geometry.build_layers(src.boundaries, municipalities, membership)
    previous, note = previous_counts(db_path)
    if note:
        say(f"note: {note}")

    tmp = db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}")
    step = "write"
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        tables = Tables(areas, municipalities, membership, catalog, observations, checks, tuple(layers))
        _write_database(tmp, src, tables, fetch_info, previous, accept_shrink)
        if before_replace is not None:
            step = "before_replace"
            before_replace()
        step = "replace"
        os.replace(tmp, db_path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        if step == "before_replace":
            raise
        if isinstance(exc, (OSError, duckdb.IOException)):  # disk full, read-only folder, ...
            target = tmp if step == "write" else db_path
            raise BuildError(f"cannot write {paths.relative(target)}: {_reason(exc)}") from exc
        if isinstance(exc, duckdb.Error):
            raise BuildError(f"the database refused the data ({type(exc).__name__}: {_reason(exc)})") from exc
        raise
    say(
        f"wrote {paths.relative(db_path)}: {observations.height} observations, "
        f"{catalog.height} indicators, geometry {', '.join(f'{layer.name} {layer.bytes} B' for layer in layers)}"
    )
    from ..history import record_after_build  # what this build concluded, kept across builds (issue 12)

    record_after_build(db_path, say)
    return db_path


@dataclass(frozen=True)
class Tables:
    """What the build read and computed, ready to be written (inputs validated, aggregates made)."""

    areas: pl.DataFrame
    municipalities: pl.DataFrame
    membership: pl.DataFrame
    catalog: pl.DataFrame
    observations: pl.DataFrame
    checks: pl.DataFrame
    layers: tuple  # geometry layers (build.geometry)

    @property
    def n_municipalities(self) -> int:
        return self.municipalities["kuntanumero"].len()


def _write_database(
    tmp: Path,
    src: BuildInputs,
    tables: Tables,
    fetch_info: dict,
    previous: plausibility.Counts | None,
    accept_shrink: bool,
) -> None:
    """Write and validate the complete warehouse into `tmp` (closed on return)."""
    observations = tables.observations
    con = duckdb.connect(str(tmp))
    try:
        con.execute(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
        write_frame(con, "area", _area_rows(tables.areas, tables.municipalities, tables.membership))
        write_frame(con, "indicator", _catalog_with_years(tables.catalog, observations))
        write_frame(con, "observation", observations.with_columns(pl.col("month").fill_null(0)))
        write_frame(con, "aggregate_check", tables.checks.with_columns(pl.col("month").fill_null(0)))
        con.execute(paths.DERIVE_SQL.read_text(encoding="utf-8"))
        write_frame(
            con,
            "geometry",
            pl.DataFrame(
                [
                    {
                        "layer": layer.name,
                        "geojson": layer.geojson,
                        "n_features": layer.n_features,
                        "bytes": layer.bytes,
                    }
                    for layer in tables.layers
                ]
            ),
        )
        files = [
            {"path": paths.relative(p), "sha256": _sha256(p), "bytes": Path(p).stat().st_size}
            for p in src.source_files()
        ]
        write_frame(con, "source_file", pl.DataFrame(files))
        data_hash = hashlib.sha256(observations.write_csv().encode()).hexdigest()
        info = {
            "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "duckdb_version": duckdb.__version__,
            "tilannekuva_version": __version__,
            "observations": str(observations.height),
            "data_sha256": data_hash,
            **fetch_info,
        }
        write_frame(con, "build_info", pl.DataFrame({"key": list(info), "value": list(info.values())}))
        _validate(con, tables.n_municipalities)
        if previous is not None and not accept_shrink:
            message = plausibility.shrink_message(previous, plausibility.counts(con))
            if message:
                raise ShrinkError(message)
        con.execute("CHECKPOINT")
    finally:
        con.close()
