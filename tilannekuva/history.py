"""What the product concluded, kept across builds ("Mitä on muuttunut").

The warehouse is replaced whole by every build, so it cannot remember what it said before. After
each successful build `record_snapshot` writes a small JSON file into the history folder beside
the warehouse (`data/history/`, or `$TILANNEKUVA_HISTORY`; git-ignored): per area and annual
indicator the latest year and value, the judgement against each benchmark and the trend. The
conclusions come from `situation.benchmarks_for` / `situation.indicator_rows` (the start page's
own logic, called, never copied), so a snapshot says exactly what the product showed then.

A build whose conclusions equal the newest snapshot's writes nothing (rebuilding the same data is
not news). Files are written atomically (temp file + os.replace). No Streamlit; the warehouse is
read only through `tilannekuva.db` named queries.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import codes, paths, situation

FORMAT = 1
SNAPSHOT_LEVELS = codes.LEVELS
_ID = re.compile(r"^\d{8}T\d{6}Z(-\d+)?$")


def history_dir(db_path: Path | str | None = None) -> Path:
    """`$TILANNEKUVA_HISTORY`, else the `history` folder beside the warehouse."""
    if os.environ.get("TILANNEKUVA_HISTORY"):
        return Path(os.environ["TILANNEKUVA_HISTORY"])
    return Path(db_path or paths.DB_PATH).parent / "history"


# ---------------------------------------------------------------------------
# Conclusions (pure over the named queries)
# ---------------------------------------------------------------------------
def conclusion(row: situation.IndicatorRow) -> dict:
    """The words too, as the product said them then (the judgement logic may change later)."""
    return {
        "year": row.year,
        "value": row.value,
        "judgements": {bv.benchmark.code: bv.comparison.kind for bv in row.benchmarks},
        "judgement_words": {bv.benchmark.code: bv.comparison.word for bv in row.benchmarks},
        "trend": row.trend.kind,
        "trend_word": row.trend.word,
    }


def area_conclusions(db, area_code: str, *, max_year: int | None = None, query: str = "query") -> dict[str, dict]:
    """{indicator id: conclusion} of one area. With `max_year`, as the data stood when it reached
    that year (later years left out), for comparisons by data year."""
    run = getattr(db, query)
    areas = run("areas")
    benchmarks, _ = situation.benchmarks_for(area_code, areas)
    series = pl.concat(
        [
            run("area_series", area_code=code, gender=codes.TOTAL)
            for code in dict.fromkeys([area_code, *(b.code for b in benchmarks)])
        ]
    )
    if max_year is not None:
        series = series.filter(pl.col("year") <= max_year)
    rows = situation.indicator_rows(series, run("indicators"), area_code, benchmarks)
    return {r.indicator_id: conclusion(r) for r in rows}


def build_info(db, query: str = "query") -> dict[str, str]:
    frame = getattr(db, query)("build_info")
    return dict(zip(frame["key"], frame["value"]))


class _Memo:
    """The named queries of one database, each result read once (the region's and the country's
    series are every area's benchmarks)."""

    def __init__(self, db, query: str):
        self._run = getattr(db, query)
        self._seen: dict = {}

    def query(self, name: str, **params):
        key = (name, tuple(sorted(params.items())))
        if key not in self._seen:
            self._seen[key] = self._run(name, **params)
        return self._seen[key]


def conclusions(db, query: str = "query") -> dict:
    """The whole snapshot body: every area's conclusions plus names, units and polarities, so the
    sentences can be written later even if the catalogue changes."""
    db = _Memo(db, query)
    query = "query"
    run = db.query
    areas = run("areas").filter(pl.col("level").is_in(SNAPSHOT_LEVELS))
    catalogue = run("indicators")
    info = build_info(db, query)
    return {
        "format": FORMAT,
        "built_at": info.get("built_at", ""),
        "data_sha256": info.get("data_sha256", ""),
        "areas": {r["area_code"]: {"name": r["name_fi"], "level": r["level"]} for r in areas.iter_rows(named=True)},
        "indicators": {
            r["indicator_id"]: {
                "name": r["name_fi"],
                "unit": r["unit"],
                "decimals": int(r["decimals"]),
                "polarity": r["polarity"],
            }
            for r in catalogue.iter_rows(named=True)
            if r["frequency"] == "year"
        },
        "conclusions": {code: area_conclusions(db, code, query=query) for code in areas["area_code"]},
    }


# ---------------------------------------------------------------------------
# The history folder
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SnapshotInfo:
    snapshot_id: str
    built_at: str
    data_sha256: str
    path: Path


def _snapshot_id(built_at: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(built_at).astimezone(dt.UTC)
    except ValueError:
        moment = dt.datetime.now(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def list_snapshots(folder: Path) -> list[SnapshotInfo]:
    """Snapshots oldest first (unreadable files are skipped: one bad file must not hide the rest)."""
    out = []
    for path in sorted(Path(folder).glob("*.json")):
        if not _ID.match(path.stem):
            continue
        try:
            head = _cached(str(path), path.stat().st_mtime_ns)
        except (OSError, ValueError):
            continue
        out.append(SnapshotInfo(path.stem, head.get("built_at", ""), head.get("data_sha256", ""), path))
    return sorted(out, key=lambda s: (s.built_at, s.snapshot_id))


def _read(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)
def _cached(path: str, mtime_ns: int) -> dict:
    """A snapshot file parsed once per process (files never change after they are written; the
    mtime is in the key anyway). Callers must not mutate the result."""
    return _read(Path(path))


def load_snapshot(folder: Path, snapshot_id: str) -> dict | None:
    """The snapshot with this id, or None (unknown id, a hand-edited link, an unreadable file)."""
    if not _ID.match(snapshot_id or ""):
        return None
    path = Path(folder) / f"{snapshot_id}.json"
    try:
        data = _cached(str(path), path.stat().st_mtime_ns)
    except (OSError, ValueError):
        return None
    return {**data, "snapshot_id": snapshot_id}


def record_snapshot(db_path: Path | str, folder: Path | None = None) -> Path | None:
    """After a build: write the warehouse's conclusions as a new snapshot, unless they equal the
    newest one. Returns the new file, or None when nothing was new."""
    from .db import Database

    folder = Path(folder or history_dir(db_path))
    db = Database(db_path)
    try:
        body = conclusions(db, query="query_uncached")  # the build's process needs no cache
    finally:
        db.close()
    existing = list_snapshots(folder)
    if existing:
        newest = _read(existing[-1].path)
        if newest.get("conclusions") == body["conclusions"] and newest.get("data_sha256") == body["data_sha256"]:
            return None
    folder.mkdir(parents=True, exist_ok=True)
    snapshot_id = _snapshot_id(body["built_at"])
    taken = {s.snapshot_id for s in existing}
    suffix = 1
    base = snapshot_id
    while snapshot_id in taken or (folder / f"{snapshot_id}.json").exists():
        suffix += 1
        snapshot_id = f"{base}-{suffix}"
    target = folder / f"{snapshot_id}.json"
    tmp = folder / f".{snapshot_id}.json.tmp-{os.getpid()}"
    try:
        tmp.write_text(json.dumps(body, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def record_after_build(db_path: Path | str, say=None) -> Path | None:
    """The build's hook: a snapshot failure is reported but never fails a build that succeeded
    (the new warehouse is already in place; only the history misses one entry)."""
    import sys

    try:
        written = record_snapshot(db_path)
    except Exception as exc:  # noqa: BLE001 - the warehouse is good; say why the history is not
        print(f"warning: the history snapshot was not written: {exc}", file=sys.stderr)
        return None
    if written and say:
        say(f"history snapshot {paths.relative(written)}")
    return written


def area_view(snapshot: Mapping, area_code: str) -> dict[str, dict]:
    return dict(snapshot.get("conclusions", {}).get(area_code, {}))
