"""`python -m tilannekuva update`: fetch Sotkanet -> raw fetch dir (atomic) -> rebuild the database.

    python -m tilannekuva update [--indicators ID ...] [--years 1990-2025] [--base-url URL] [--workers 4]

1. The indicator ids come from the catalogue data/indicators.csv (rows with source_system
   'sotkanet'); ids given with --indicators must be in it too.
2. GET /regions once, then /indicators/<id> and /json?indicator=<id>&years=... per indicator
   with at most --workers requests in flight.
3. Every response is written, byte for byte, into data/raw/sotkanet/.tmp-<stamp>-<pid>/ and a
   manifest.json last. A failed request deletes the temp directory and changes nothing else:
   earlier fetches and the database stay as they were.
4. The database is then built with the new fetch read from its temp directory
   (tilannekuva.build.warehouse.build_database). Only when that build is complete and valid is the fetch
   published (one atomic rename to data/raw/sotkanet/<stamp>/), right before the new database
   replaces the old one. A fetch that makes the build fail is never published: it is kept aside
   as data/raw/sotkanet/failed-<stamp>/ for inspection, and later plain builds do not read it.
   With --no-build the fetch is checked (structure, regions, plausible values) and published
   without building.
5. Ctrl-C stops at once: requests in flight are abandoned, no retry waits, nothing is published.

Exit codes: 0 ok, 1 fetch failed, 2 bad arguments or catalogue, 3 build failed (or the fetch
failed its checks), 130 interrupted.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import queue
import shutil
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

import httpx

from .. import codes, paths
from .sotkanet import (
    CLIENT_VERSION,
    DEFAULT_BASE_URL,
    GENDERS,
    SotkanetCancelled,
    SotkanetClient,
    SotkanetError,
    SotkanetResponse,
)
from .sotkanet_fetched import FAILED_PREFIX, MANIFEST, REGIONS_FILE, TMP_PREFIX, data_file, indicator_file, sha256

EXIT_OK, EXIT_FETCH, EXIT_USAGE, EXIT_BUILD, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
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
        super().__init__(
            "Sotkanet fetch failed; nothing was changed "
            "(earlier fetches and the database are untouched):\n" + "\n".join(lines)
        )


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
                    raise CatalogError(
                        f"{paths.relative(path)}, line {line}: Sotkanet row without a "
                        f"numeric sotkanet_id/indicator_id ({text!r})"
                    )
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
        raise CatalogError(
            f"indicator id(s) {', '.join(map(str, unknown))} are not in the catalogue "
            f"as Sotkanet indicators: add it to {name} first"
        )
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

    return tqdm(
        total=total,
        desc="Sotkanet",
        unit="req",
        file=sys.stderr,
        disable=not (enabled and sys.stderr.isatty()),
        leave=False,
    )


def _start_daemon_pool(workers: int, calls: list[tuple[Callable, tuple]]) -> list[Future]:
    """Run `calls` on `workers` daemon threads; one Future per call, in order.

    Daemon threads, unlike ThreadPoolExecutor's, are not waited for when the process exits: on
    Ctrl-C a request stuck in a slow read cannot keep the command alive."""
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    futures = []
    for fn, args in calls:
        fut: Future = Future()
        futures.append(fut)
        jobs.put((fut, fn, args))

    def work() -> None:
        while True:
            try:
                fut, fn, args = jobs.get_nowait()
            except queue.Empty:
                return
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                fut.set_exception(exc)

    for n in range(min(workers, len(calls))):
        threading.Thread(target=work, name=f"sotkanet-{n}", daemon=True).start()
    return futures


def fetch_to_raw(
    client: SotkanetClient,
    indicator_ids: Sequence[int],
    years: Sequence[int],
    raw_root: Path | None = None,
    workers: int = 4,
    progress: bool = True,
    genders: Sequence[str] = (codes.TOTAL,),
    publish: bool = True,
) -> Path:
    """Fetch /regions, then metadata + data of every indicator; return the new fetch dir.

    publish=False returns the complete temp dir instead (update builds with it first, then
    publish_fetch). Raises FetchError (after deleting the temp dir) if any request failed;
    raw_root is then exactly as before. On KeyboardInterrupt the client is cancelled, the temp
    dir deleted and the interrupt re-raised without waiting for requests in flight."""
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

    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
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

        calls, what = [], []
        for iid in ids:
            calls += [(client.indicator_response, (iid,)), (client.data_response, (iid, year_list, genders))]
            what += [("metadata", iid), ("data", iid)]
        futures = _start_daemon_pool(workers, calls)
        jobs: dict[Future, tuple[str, int]] = dict(zip(futures, what))
        try:
            pending = set(jobs)
            while pending:
                # A short timeout: a signal may land on a worker thread, and a main thread blocked
                # in an endless lock wait would never see Ctrl-C. Waking up lets Python raise it.
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in done:
                    kind, iid = jobs[fut]
                    if fut.cancelled():
                        continue
                    exc = fut.exception()
                    if isinstance(exc, SotkanetCancelled):
                        continue  # stopped because another request failed: not a failure of its own
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
                if failures:  # stop early: cancel what has not started, stop retries of running ones
                    client.cancel()
                    for fut in pending:
                        fut.cancel()
        except BaseException:  # Ctrl-C: abandon the daemon threads, they stop at their next step
            client.cancel()
            for fut in jobs:
                fut.cancel()
            raise
        if failures:
            raise FetchError(sorted(failures, key=lambda f: f[0]))

        manifest = {
            "format": 1,
            "fetched_at": started.isoformat().replace("+00:00", "Z"),
            "completed_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
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
        if not publish:
            return tmp
        return publish_fetch(tmp, final_name(tmp))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        bar.close()


def final_name(staged: Path) -> Path:
    """The directory a complete temp fetch (.tmp-<stamp>-<pid>) will be published as."""
    stamp = staged.name[len(TMP_PREFIX) :].rsplit("-", 1)[0]
    return _free_name(staged.parent, stamp)


def publish_fetch(staged: Path, final: Path) -> Path:
    """One atomic rename: readers see no fetch dir or the whole of it."""
    os.rename(staged, final)
    _fsync_dir(final.parent)
    return final


def keep_aside(staged: Path) -> Path:
    """Move a fetch that failed its build to failed-<stamp>/ (never read by builds)."""
    stamp = staged.name[len(TMP_PREFIX) :].rsplit("-", 1)[0]
    target = staged.parent / f"{FAILED_PREFIX}{stamp}"
    n = 0
    while target.exists():
        n += 1
        target = staged.parent / f"{FAILED_PREFIX}{stamp}-{n}"
    os.rename(staged, target)
    return target


def _free_name(raw_root: Path, stamp: str) -> Path:
    final = raw_root / stamp
    n = 0
    while final.exists():  # two fetches within one second
        n += 1
        final = raw_root / f"{stamp}-{n}"
    return final


# --------------------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    this_year = dt.datetime.now(dt.UTC).year
    parser.add_argument(
        "--indicators",
        nargs="+",
        metavar="ID",
        help="Sotkanet indicator ids to fetch (default: every Sotkanet indicator "
        "of data/indicators.csv); each must be in the catalogue",
    )
    parser.add_argument(
        "--years",
        default=f"{FIRST_YEAR}-{this_year}",
        help=f"years, e.g. 1990-2025, 2023 or 2015,2018-2020 (default {FIRST_YEAR}-{this_year})",
    )
    parser.add_argument(
        "--genders", nargs="+", choices=GENDERS, default=[codes.TOTAL], help="genders to fetch (default: total)"
    )
    parser.add_argument(
        "--base-url", default=DEFAULT_BASE_URL, help=f"Sotkanet REST base URL (default {DEFAULT_BASE_URL})"
    )
    parser.add_argument(
        "--workers", type=int, default=4, help=f"requests in flight at once, 1-{MAX_WORKERS} (default 4)"
    )
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    parser.add_argument("--retries", type=int, default=3, help="retries per request (default 3)")
    parser.add_argument("--no-build", action="store_true", help="only fetch (and check); do not rebuild the database")
    parser.add_argument(
        "--accept-shrink",
        action="store_true",
        help="let the rebuild replace the database even if indicators have clearly fewer values than before",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--catalog", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--raw-root", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database to build (default: the build's default, data/tilannekuva.duckdb)",
    )


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
            staged = fetch_to_raw(
                client,
                ids,
                years,
                raw_root,
                workers=args.workers,
                progress=not args.no_progress,
                genders=args.genders,
                publish=False,
            )
    except FetchError as exc:
        _err(str(exc))
        return EXIT_FETCH
    except KeyboardInterrupt:
        _err("update: interrupted; nothing was changed (earlier fetches and the database are untouched)")
        return EXIT_INTERRUPTED
    except OSError as exc:
        _err(f"update: cannot write the raw fetch under {paths.relative(raw_root)}: {exc}")
        return EXIT_FETCH

    final = final_name(staged)
    try:
        return _check_or_build(args, raw_root, staged, final)
    except KeyboardInterrupt:
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)
            _err("update: interrupted; the fetch was not published and the database is unchanged")
        else:
            _err(
                "update: interrupted after the fetch was published; run `python -m tilannekuva build` "
                "to make sure the database holds it"
            )
        return EXIT_INTERRUPTED


def _report_fetch(staged: Path, final: Path) -> None:
    manifest = json.loads((staged / MANIFEST).read_text(encoding="utf-8"))
    empty = [i for i, n in manifest["row_counts"].items() if n == 0]
    total = sum(manifest["row_counts"].values())
    _err(
        f"Fetched {total} rows ({manifest['requests_sent']} requests, {manifest['retries']} retries) "
        f"for {paths.relative(final)}"
    )
    if empty:
        _err(f"  note: no rows for indicator(s) {', '.join(empty)} in these years")


def _refused(staged: Path, what: str, exc: BaseException) -> int:
    kept = keep_aside(staged)
    _err(
        f"update: {what}; the previous database is kept and the fetch was NOT published: it is kept "
        f"aside in {paths.relative(kept)} (later builds do not read it; delete it when done).\n"
        f"  {type(exc).__name__}: {exc}"
    )
    return EXIT_BUILD


def _check_or_build(args: argparse.Namespace, raw_root: Path, staged: Path, final: Path) -> int:
    _report_fetch(staged, final)
    if args.no_build:
        try:
            check_fetch(staged, final, args.catalog)
        except Exception as exc:  # noqa: BLE001 - every failed check is reported
            return _refused(staged, "the fetched data failed its checks", exc)
        publish_fetch(staged, final)
        _err(f"Published {paths.relative(final)} (database not rebuilt: --no-build)")
        return EXIT_OK

    from . import warehouse  # lazy: the build pulls in DuckDB, geopandas ...
    from .inputs import BuildInputs

    overrides = {"raw_sotkanet": raw_root, "pending_sotkanet": (staged, final)}
    if args.catalog is not None:
        overrides["catalog"] = Path(args.catalog)
    published: list[Path] = []

    def publish() -> None:  # called by the build when the new database is complete and valid
        published.append(publish_fetch(staged, final))

    try:
        db = warehouse.build_database(
            args.db, BuildInputs(**overrides), quiet=False, accept_shrink=args.accept_shrink, before_replace=publish
        )
        if not published:  # a build without the hook (a stand-in): publish after it
            publish()
    except Exception as exc:  # noqa: BLE001 - any build failure is reported, not raised
        if published:
            _err(
                f"update: the fetch was published ({paths.relative(final)}) but the database could not "
                f"replace the old one; the previous database is kept.\n  {type(exc).__name__}: {exc}"
            )
            return EXIT_BUILD
        return _refused(staged, "the database build failed with the fetched data", exc)
    _err(f"Published {paths.relative(final)}")
    _err(f"Database rebuilt: {paths.relative(Path(db))}")
    return EXIT_OK


def check_fetch(staged: Path, final: Path, catalog_path: Path | None = None) -> None:
    """The checks a fetch must pass to be published without a build: every file as the manifest
    says, regions mapped, rows well-formed, values plausible for the catalogue's value types."""
    import polars as pl

    from . import inputs, plausibility, sotkanet_fetched

    kunnat = set(inputs.load_municipalities(paths.MUNICIPALITIES_CSV)["kuntanumero"])
    frame = sotkanet_fetched.read_fetch(staged, kunnat, raw_root=staged.parent, name_as=final).frame
    catalog_path = Path(catalog_path) if catalog_path is not None else paths.CATALOG_CSV
    rows = inputs.read_rows(catalog_path, ["indicator_id"], optional=inputs.CATALOG_COLUMNS)
    catalog = pl.DataFrame(
        [
            {
                "indicator_id": r["indicator_id"],
                "value_type": r.get("value_type") or None,
                "unit": r.get("unit") or None,
            }
            for _, r in rows
        ],
        schema={"indicator_id": pl.String, "value_type": pl.String, "unit": pl.String},
    )
    ranges = plausibility.load_value_ranges(plausibility.VALUE_RANGES_CSV, None)
    plausibility.check_values(frame, catalog, ranges)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tilannekuva update", description=__doc__.split("\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
