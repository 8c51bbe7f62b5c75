"""`python -m tilannekuva update`: fetch Sotkanet -> raw fetch dir (atomic) -> rebuild the database.

    python -m tilannekuva update [--indicators ID ...] [--years 1990-2025] [--base-url URL] [--workers 4]

1. The indicator ids come from the catalogue data/indicators.csv (rows with source_system
   'sotkanet'); ids given with --indicators must be in it too.
2. GET /regions once, then /indicators/<id> and /json?indicator=<id>&years=... per indicator
   with at most --workers requests in flight.
3. Every response is written, byte for byte, into data/raw/sotkanet/.tmp-<stamp>/ and a
   manifest.json last; only when every request succeeded is the directory renamed (one atomic
   rename) to data/raw/sotkanet/<stamp>/. A failure deletes the temp directory and changes
   nothing else: earlier fetches and the database stay as they were.
4. After a good fetch the database is rebuilt (tilannekuva.build.build_database), which keeps
   the last good database if the build fails.

Exit codes: 0 ok, 1 fetch failed, 2 bad arguments or catalogue, 3 build failed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import shutil
import sys
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

import httpx

from . import paths
from .sotkanet import (CLIENT_VERSION, DEFAULT_BASE_URL, GENDERS, SotkanetClient, SotkanetError,
                       SotkanetResponse)
from .sotkanet_fetched import (MANIFEST, REGIONS_FILE, TMP_PREFIX, data_file, indicator_file, sha256)

EXIT_OK, EXIT_FETCH, EXIT_USAGE, EXIT_BUILD = 0, 1, 2, 3
FIRST_YEAR = 1990
MAX_WORKERS = 8  # THL's interface is for batch use: stay polite
STALE_TMP_SECONDS = 24 * 3600


class CatalogError(ValueError):
    """The catalogue cannot give the Sotkanet ids (missing file, bad row)."""


class FetchError(RuntimeError):
    """A fetch failed; `failures` lists (what, message) for every request that failed."""

    def __init__(self, failures: list[tuple[str, str]]):
        self.failures = failures
        lines = [f"  - {what}: {msg}" for what, msg in failures]
        super().__init__("Sotkanet fetch failed; nothing was changed "
                         "(earlier fetches and the database are untouched):\n" + "\n".join(lines))


# --------------------------------------------------------------------------- catalogue, years

def catalog_sotkanet_ids(catalog_path: Path | None = None) -> list[int]:
    """Sotkanet ids of the catalogue rows with source_system == 'sotkanet' (sotkanet_id, else
    indicator_id), in catalogue order, without duplicates."""
    path = Path(catalog_path) if catalog_path is not None else paths.CATALOG_CSV
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in ("indicator_id", "source_system") if c not in header]
            if missing:
                raise CatalogError(f"{paths.relative(path)}: missing column(s) {missing}")
            ids: dict[int, None] = {}
            for line, row in enumerate(reader, start=2):
                if (row.get("source_system") or "").strip() != "sotkanet":
                    continue
                text = (row.get("sotkanet_id") or "").strip() or (row.get("indicator_id") or "").strip()
                if not text.isdigit() or int(text) <= 0:
                    raise CatalogError(f"{paths.relative(path)}, line {line}: Sotkanet row without a "
                                       f"numeric sotkanet_id/indicator_id ({text!r})")
                ids[int(text)] = None
    except FileNotFoundError:
        raise CatalogError(f"catalogue {paths.relative(path)} not found") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CatalogError(f"cannot read catalogue {paths.relative(path)}: {exc}") from None
    return list(ids)


def select_ids(requested: Sequence[str] | None, catalog_path: Path | None = None) -> list[int]:
    """The ids to fetch: all catalogue Sotkanet ids, or the requested ones if all are catalogued."""
    catalogued = catalog_sotkanet_ids(catalog_path)
    if not requested:
        if not catalogued:
            raise CatalogError("the catalogue has no Sotkanet indicators (source_system 'sotkanet')")
        return catalogued
    chosen: dict[int, None] = {}
    for text in requested:
        for part in str(text).replace(",", " ").split():
            if not part.isdigit() or int(part) <= 0:
                raise CatalogError(f"indicator id {part!r} is not a Sotkanet id (a positive integer)")
            chosen[int(part)] = None
    unknown = [i for i in chosen if i not in set(catalogued)]
    if unknown:
        name = paths.relative(Path(catalog_path)) if catalog_path else "data/indicators.csv"
        raise CatalogError(f"indicator id(s) {', '.join(map(str, unknown))} are not in the catalogue "
                           f"as Sotkanet indicators: add it to {name} first")
    return list(chosen)


def parse_years(text: str) -> list[int]:
    """'1990-2025', '2023' or '2015,2018-2020' -> sorted list of years."""
    years: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        lo, sep, hi = part.partition("-")
        try:
            start, end = int(lo), int(hi) if sep else int(lo)
        except ValueError:
            raise ValueError(f"bad year range {part!r} (expected e.g. 1990-2025 or 2023)") from None
        if not (1900 <= start <= 2100 and 1900 <= end <= 2100) or start > end:
            raise ValueError(f"bad year range {part!r} (years 1900-2100, start <= end)")
        years.update(range(start, end + 1))
    if not years:
        raise ValueError("no years given")
    return sorted(years)


# --------------------------------------------------------------------------- fetch

def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ")


def _write(path: Path, content: bytes) -> dict:
    with open(path, "wb") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    return {"bytes": len(content), "sha256": sha256(content)}


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale_tmp(raw_root: Path) -> None:
    """Temp dirs of fetches that died (killed process) and are older than a day."""
    cutoff = time.time() - STALE_TMP_SECONDS
    for p in raw_root.glob(TMP_PREFIX + "*"):
        try:
            if p.is_dir() and p.stat().st_mtime < cutoff:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            pass


def _progress_bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="Sotkanet", unit="req", file=sys.stderr,
                disable=not (enabled and sys.stderr.isatty()), leave=False)


def fetch_to_raw(client: SotkanetClient, indicator_ids: Sequence[int], years: Sequence[int],
                 raw_root: Path | None = None, workers: int = 4, progress: bool = True,
                 genders: Sequence[str] = ("total",)) -> Path:
    """Fetch /regions, then metadata + data of every indicator; return the new fetch dir.

    Raises FetchError (after deleting the temp dir) if any request failed; raw_root is then
    exactly as before."""
    ids = [int(i) for i in dict.fromkeys(indicator_ids)]
    if not ids:
        raise ValueError("no indicator ids to fetch")
    year_list = sorted({int(y) for y in years})
    if not year_list:
        raise ValueError("no years to fetch")
    workers = max(1, min(int(workers), MAX_WORKERS))
    raw_root = Path(raw_root) if raw_root is not None else paths.RAW_SOTKANET_DIR
    raw_root.mkdir(parents=True, exist_ok=True)
    _remove_stale_tmp(raw_root)

    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    stamp = _stamp(started)
    tmp = raw_root / f"{TMP_PREFIX}{stamp}-{os.getpid()}"
    tmp.mkdir()
    files: dict[str, dict] = {}
    row_counts: dict[str, int] = {}
    failures: list[tuple[str, str]] = []
    bar = _progress_bar(1 + 2 * len(ids), progress)
    try:
        try:
            regions = client.regions_response()
            files[REGIONS_FILE] = _write(tmp / REGIONS_FILE, regions.content)
        except SotkanetError as exc:
            raise FetchError([("regions", str(exc))]) from None
        bar.update(1)

        jobs: dict[Future, tuple[str, int]] = {}
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sotkanet")
        try:
            for iid in ids:
                jobs[pool.submit(client.indicator_response, iid)] = ("metadata", iid)
                jobs[pool.submit(client.data_response, iid, year_list, genders)] = ("data", iid)
            pending = set(jobs)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    kind, iid = jobs[fut]
                    if fut.cancelled():
                        continue
                    exc = fut.exception()
                    if exc is not None:
                        msg = str(exc) if isinstance(exc, SotkanetError) else f"{type(exc).__name__}: {exc}"
                        failures.append((f"indicator {iid} ({kind})", msg))
                        continue
                    resp: SotkanetResponse = fut.result()
                    name = indicator_file(iid) if kind == "metadata" else data_file(iid)
                    files[name] = _write(tmp / name, resp.content)
                    if kind == "data":
                        row_counts[str(iid)] = len(resp.payload)
                    bar.update(1)
                if failures:  # stop early: cancel what has not started, let running ones end
                    for fut in pending:
                        fut.cancel()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if failures:
            raise FetchError(sorted(failures, key=lambda f: f[0]))

        manifest = {
            "format": 1,
            "fetched_at": started.isoformat().replace("+00:00", "Z"),
            "completed_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
                              .isoformat().replace("+00:00", "Z"),
            "base_url": client.base_url,
            "indicator_ids": ids,
            "years": year_list,
            "genders": list(dict.fromkeys(genders)),
            "row_counts": {str(i): row_counts[str(i)] for i in ids},
            "region_count": len(regions.payload),
            "client_version": f"tilannekuva.sotkanet {CLIENT_VERSION} (httpx {httpx.__version__})",
            "user_agent": client.user_agent,
            "requests_sent": client.requests_sent,
            "retries": client.retries_done,
            "files": dict(sorted(files.items())),
        }
        _write(tmp / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        _fsync_dir(tmp)
        final = _free_name(raw_root, stamp)
        os.rename(tmp, final)  # atomic: readers see no dir or the whole dir
        _fsync_dir(raw_root)
        return final
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        bar.close()


def _free_name(raw_root: Path, stamp: str) -> Path:
    final = raw_root / stamp
    n = 0
    while final.exists():  # two fetches within one second
        n += 1
        final = raw_root / f"{stamp}-{n}"
    return final


# --------------------------------------------------------------------------- CLI

def add_arguments(parser: argparse.ArgumentParser) -> None:
    this_year = dt.datetime.now(dt.timezone.utc).year
    parser.add_argument("--indicators", nargs="+", metavar="ID",
                        help="Sotkanet indicator ids to fetch (default: every Sotkanet indicator "
                             "of data/indicators.csv); each must be in the catalogue")
    parser.add_argument("--years", default=f"{FIRST_YEAR}-{this_year}",
                        help=f"years, e.g. 1990-2025, 2023 or 2015,2018-2020 (default {FIRST_YEAR}-{this_year})")
    parser.add_argument("--genders", nargs="+", choices=GENDERS, default=["total"],
                        help="genders to fetch (default: total)")
    parser.add_argument("--base-url", default=DEFAULT_BASE_URL,
                        help=f"Sotkanet REST base URL (default {DEFAULT_BASE_URL})")
    parser.add_argument("--workers", type=int, default=4,
                        help=f"requests in flight at once, 1-{MAX_WORKERS} (default 4)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    parser.add_argument("--retries", type=int, default=3, help="retries per request (default 3)")
    parser.add_argument("--no-build", action="store_true",
                        help="only fetch; do not rebuild the database")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--catalog", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--raw-root", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, default=None,
                        help="database to build (default: the build's default, data/tilannekuva.duckdb)")


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Fetch, then build. Returns the exit code (0 ok, 1 fetch, 2 arguments/catalogue, 3 build)."""
    try:
        years = parse_years(args.years)
        ids = select_ids(args.indicators, args.catalog)
    except (ValueError, CatalogError) as exc:
        _err(f"update: {exc}")
        return EXIT_USAGE
    if not 1 <= args.workers <= MAX_WORKERS:
        _err(f"update: --workers must be 1-{MAX_WORKERS}")
        return EXIT_USAGE
    try:
        client = SotkanetClient(base_url=args.base_url, timeout=args.timeout, retries=args.retries)
    except ValueError as exc:
        _err(f"update: {exc}")
        return EXIT_USAGE

    raw_root = args.raw_root if args.raw_root is not None else paths.RAW_SOTKANET_DIR
    _err(f"Fetching {len(ids)} Sotkanet indicator(s), years {years[0]}-{years[-1]}, from {client.base_url} ...")
    try:
        with client:
            fetch_dir = fetch_to_raw(client, ids, years, raw_root, workers=args.workers,
                                     progress=not args.no_progress, genders=args.genders)
    except FetchError as exc:
        _err(str(exc))
        return EXIT_FETCH
    except OSError as exc:
        _err(f"update: cannot write the raw fetch under {paths.relative(raw_root)}: {exc}")
        return EXIT_FETCH

    manifest = json.loads((fetch_dir / MANIFEST).read_text(encoding="utf-8"))
    empty = [i for i, n in manifest["row_counts"].items() if n == 0]
    total = sum(manifest["row_counts"].values())
    _err(f"Fetched {total} rows ({manifest['requests_sent']} requests, {manifest['retries']} retries) "
         f"into {paths.relative(fetch_dir)}")
    if empty:
        _err(f"  note: no rows for indicator(s) {', '.join(empty)} in these years")

    if args.no_build:
        return EXIT_OK
    try:
        from . import build  # lazy: the build pulls in DuckDB, geopandas ...

        src = None
        if args.raw_root is not None or args.catalog is not None:  # the build reads what we fetched
            from .inputs import BuildInputs

            overrides = {"raw_sotkanet": raw_root}
            if args.catalog is not None:
                overrides["catalog"] = Path(args.catalog)
            src = BuildInputs(**overrides)
        db = build.build_database(args.db, src, quiet=False)
    except Exception as exc:  # noqa: BLE001 - any build failure is reported, not raised
        _err(f"update: the fetch was saved ({paths.relative(fetch_dir)}) but the database build failed; "
             f"the previous database is kept.\n  {type(exc).__name__}: {exc}")
        return EXIT_BUILD
    _err(f"Database rebuilt: {paths.relative(Path(db))}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tilannekuva update", description=__doc__.split("\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
