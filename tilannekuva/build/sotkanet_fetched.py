"""Read the newest complete Sotkanet fetch (data/raw/sotkanet/<stamp>/) for the build.

A fetch directory is written by `python -m tilannekuva update` (tilannekuva/update.py):

    data/raw/sotkanet/<stamp>/          stamp = UTC time, e.g. 20261123T120000Z (or ...Z-1 on a clash)
        regions.json                    GET /regions, bytes as received
        indicator_<id>.json             GET /indicators/<id>, bytes as received
        data_<id>.json                  GET /json?indicator=<id>&years=...&genders=..., bytes as received
        manifest.json                   written last: fetched_at, base_url, ids, years, row counts,
                                        client version, size + sha256 of every file

Only directories named like a stamp and holding a manifest count as complete; `.tmp-*`
directories (a fetch in progress or one that died) and `failed-*` directories (a fetch whose
build failed, kept for inspection) are ignored. Files are checked against the manifest's sha256
so a damaged fetch stops the build instead of being read half.

Several fetches are merged (read_merged): for every indicator, year and gender the newest fetch
that asked for it wins, so `update --indicators 683` after `update --indicators 683 127` keeps
the fetched 127. A fetch whose every indicator/year/gender a newer fetch covers is not read.

Region mapping (docs/ARCHITECTURE.md): data rows carry Sotkanet's internal region ids, mapped
with the fetch's own regions.json: KUNTA with a code in our kuntanumerot -> that code,
HYVINVOINTIALUE '19' -> HVA19, MAAKUNTA '17' -> MK17, MAA -> SSS. Everything else is dropped
and counted (FetchedValues.dropped).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from .. import codes, paths
from . import inputs

MANIFEST = "manifest.json"
REGIONS_FILE = "regions.json"
TMP_PREFIX = ".tmp-"
FAILED_PREFIX = "failed-"  # a fetch whose build failed, kept aside by update; never read
log = logging.getLogger(__name__)
STAMP_RE = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?$")


def indicator_file(indicator_id: int | str) -> str:
    return f"indicator_{int(indicator_id)}.json"


def data_file(indicator_id: int | str) -> str:
    return f"data_{int(indicator_id)}.json"


# The tidy value frame of the build (same columns and types as every shipped-data loader).
VALUE_SCHEMA = inputs.VALUE_SCHEMA

# Targets above the municipality level: (category, code or None for any) -> area_code, and a
# title fragment that settles a clash if two regions claim the same target.
_UPPER_LEVELS = {
    ("HYVINVOINTIALUE", "19"): (codes.COUNTY, ("pohjois-pohjanma",)),
    ("MAAKUNTA", "17"): (codes.REGION, ("pohjois-pohjanma",)),
    ("MAA", None): (codes.COUNTRY, ("koko maa", "finland", "suomi")),
}


class FetchedDataError(ValueError):
    """A fetch directory is damaged or cannot be mapped; names the file and the reason."""

    def __init__(self, file: Path | str, reason: str):
        self.file = _display(Path(file))
        self.reason = reason
        super().__init__(f"{self.file}: {reason}")


@dataclass
class FetchedValues:
    """The tidy frame of one fetch plus what was left out."""

    frame: pl.DataFrame
    fetch_dir: Path | None = None
    fetched_at: str | None = None
    dropped: Counter = field(default_factory=Counter)  # reason -> rows
    dropped_region_ids: Counter = field(default_factory=Counter)  # region id -> rows

    @property
    def dropped_rows(self) -> int:
        return sum(self.dropped.values())


def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=VALUE_SCHEMA)


# --------------------------------------------------------------------------- fetch dirs


def _sort_key(path: Path) -> tuple[str, int]:
    m = STAMP_RE.match(path.name)
    assert m
    return (m.group(1), int(m.group(2) or 0))


def complete_fetches(raw_root: Path) -> list[Path]:
    """Complete fetch directories under raw_root, oldest first."""
    raw_root = Path(raw_root)
    if not raw_root.is_dir():
        return []
    dirs = [p for p in raw_root.iterdir() if p.is_dir() and STAMP_RE.match(p.name) and (p / MANIFEST).is_file()]
    return sorted(dirs, key=_sort_key)


def latest_fetch_dir(raw_root: Path) -> Path | None:
    dirs = complete_fetches(raw_root)
    return dirs[-1] if dirs else None


def read_manifest(fetch_dir: Path) -> dict:
    path = Path(fetch_dir) / MANIFEST
    manifest = _read_json(path)
    if not isinstance(manifest, dict):
        raise FetchedDataError(path, "manifest is not a JSON object")
    for key in ("fetched_at", "indicator_ids", "files"):
        if key not in manifest:
            raise FetchedDataError(path, f"manifest has no {key!r}")
    if not isinstance(manifest["files"], dict) or not isinstance(manifest["indicator_ids"], list):
        raise FetchedDataError(path, "manifest 'files' must be an object and 'indicator_ids' a list")
    return manifest


def latest_fetch_info(raw_root: Path) -> dict | None:
    """Manifest of the newest complete fetch (fetched_at, base_url, ids, years, ...) or None."""
    d = latest_fetch_dir(raw_root)
    if d is None:
        return None
    info = read_manifest(d)
    return {**info, "fetch_dir": _display(d)}


def latest_fetched_at(raw_root: Path) -> str | None:
    """ISO UTC time of the newest complete fetch, for build_info; None when there is none."""
    info = latest_fetch_info(raw_root)
    return None if info is None else info["fetched_at"]


# --------------------------------------------------------------------------- values


def load_latest(raw_root: Path, kuntanumerot: set[str]) -> pl.DataFrame:
    """The newest complete fetch as the tidy value frame (empty frame when there is no fetch)."""
    return read_latest(raw_root, kuntanumerot).frame


def read_latest(raw_root: Path, kuntanumerot: set[str]) -> FetchedValues:
    d = latest_fetch_dir(raw_root)
    if d is None:
        return FetchedValues(empty_frame())
    return read_fetch(d, kuntanumerot, raw_root=raw_root)


def read_fetch(
    fetch_dir: Path, kuntanumerot: set[str], raw_root: Path | None = None, name_as: Path | None = None
) -> FetchedValues:
    """One fetch directory -> tidy frame. Raises FetchedDataError on a damaged/ambiguous fetch.

    `name_as`: the directory the fetch will be published as (source_file names it), when it is
    read from its temporary directory before publishing."""
    fetch_dir = Path(fetch_dir)
    raw_root = Path(raw_root) if raw_root is not None else fetch_dir.parent
    named_dir = Path(name_as) if name_as is not None else fetch_dir
    manifest = read_manifest(fetch_dir)
    kunnat = {str(k).strip().zfill(3) for k in kuntanumerot}

    regions_path = fetch_dir / REGIONS_FILE
    regions = _read_checked(regions_path, manifest, list, "a JSON list of regions")
    area_by_region, known_ids = region_area_codes(regions, kunnat, regions_path)

    result = FetchedValues(empty_frame(), fetch_dir=fetch_dir, fetched_at=manifest["fetched_at"])
    out: list[dict] = []
    seen: dict[tuple, int] = {}
    for iid in manifest["indicator_ids"]:
        path = fetch_dir / data_file(iid)
        rows = _read_checked(path, manifest, list, "a JSON list of data rows")
        source_file = _source_file(named_dir / path.name, raw_root)
        for i, row in enumerate(rows):
            _check_row(path, i, row, int(iid))
            region = row["region"]
            area = area_by_region.get(region)
            if area is None:
                result.dropped["unknown_region" if region not in known_ids else "outside_area"] += 1
                result.dropped_region_ids[region] += 1
                continue
            key = (str(iid), area, row["year"], row["gender"])
            if key in seen:
                raise FetchedDataError(
                    path,
                    f"rows #{seen[key]} and #{i} both give indicator {iid}, "
                    f"area {area}, year {row['year']}, gender {row['gender']}",
                )
            seen[key] = i
            value = row["value"]
            abs_value = row.get("absValue")
            out.append(
                {
                    "source": "sotkanet",
                    "indicator_id": str(iid),
                    "area_code": area,
                    "year": row["year"],
                    "month": None,
                    "gender": row["gender"],
                    "value": None if value is None else float(value),
                    "abs_value": None if abs_value is None else float(abs_value),
                    "status": codes.OK if value is not None else codes.SUPPRESSED,
                    "source_file": source_file,
                    "territory_note": None,
                }
            )
    if out:
        result.frame = pl.DataFrame(out, schema=VALUE_SCHEMA, orient="row").sort(
            ["indicator_id", "area_code", "year", "gender"]
        )
    if result.dropped:
        log.info(
            "%s: kept %d rows, dropped %d outside our areas (%s)",
            _display(fetch_dir),
            len(out),
            result.dropped_rows,
            dict(result.dropped),
        )
    return result


@dataclass
class MergedFetches:
    """The tidy frame merged from every complete fetch (newest wins per indicator, year, gender)."""

    frame: pl.DataFrame
    used: list[FetchedValues] = field(default_factory=list)  # oldest first
    names: list[Path] = field(default_factory=list)  # published dir of each used fetch

    def build_info(self) -> dict[str, str]:
        if not self.used:
            return {}
        return {
            "sotkanet_fetch_rows": str(self.frame.height),
            "sotkanet_fetched_at": str(self.used[-1].fetched_at or ""),
            "sotkanet_fetch_dir": _display(self.names[-1]),
            "sotkanet_fetch_dirs": ", ".join(_display(n) for n in self.names),
        }


def _coverage(manifest: dict) -> tuple[list[str], list[int] | None, list[str]]:
    """What a fetch asked for: indicator ids, years (None: not recorded = all), genders."""
    ids = [str(i) for i in manifest["indicator_ids"]]
    years = manifest.get("years")
    genders = manifest.get("genders") or [codes.TOTAL]
    return ids, ([int(y) for y in years] if isinstance(years, list) else None), [str(g) for g in genders]


def read_merged(raw_root: Path, kuntanumerot: set[str], pending: tuple[Path, Path] | None = None) -> MergedFetches:
    """Every complete fetch under raw_root (plus `pending` = (temp dir, final dir), read as the
    newest) merged: each (indicator, year, gender) comes from the newest fetch that asked for it;
    rows it did not return are not taken from older fetches (the shipped value stays)."""
    raw_root = Path(raw_root)
    items = [(d, d) for d in complete_fetches(raw_root)]
    if pending is not None:
        items.append((Path(pending[0]), Path(pending[1])))
    claimed_years: set[tuple[str, int, str]] = set()
    claimed_all: set[tuple[str, str]] = set()  # (indicator, gender) of fetches without a year list
    parts: list[tuple[pl.DataFrame, FetchedValues, Path]] = []
    for read_dir, name in reversed(items):  # newest first
        ids, years, genders = _coverage(read_manifest(read_dir))
        wanted = [(i, y, g) for i in ids for g in genders for y in (years or [None])]
        if all((i, g) in claimed_all or (y is not None and (i, y, g) in claimed_years) for i, y, g in wanted):
            continue  # superseded by newer fetches: not even read (a damaged old fetch cannot block)
        fetched = read_fetch(read_dir, kuntanumerot, raw_root=raw_root, name_as=name)
        frame = fetched.frame
        if frame.height and (claimed_years or claimed_all):
            keep = [
                not ((i, g) in claimed_all or (i, y, g) in claimed_years)
                for i, y, g in frame.select("indicator_id", "year", "gender").iter_rows()
            ]
            frame = frame.filter(pl.Series(keep, dtype=pl.Boolean))
        parts.append((frame, fetched, name))
        for i, y, g in wanted:
            if y is None:
                claimed_all.add((i, g))
            else:
                claimed_years.add((i, y, g))
    parts.reverse()
    frames = [f for f, _, _ in parts if f.height]
    merged = pl.concat(frames).sort(["indicator_id", "area_code", "year", "gender"]) if frames else empty_frame()
    return MergedFetches(merged, [v for _, v, _ in parts], [n for _, _, n in parts])


def region_area_codes(
    regions: list[dict], kuntanumerot: set[str], file: Path | str = REGIONS_FILE
) -> tuple[dict[int, str], set[int]]:
    """Sotkanet region id -> our area_code, and the set of every region id in /regions.

    Two regions claiming the same area_code (e.g. an old and a new hyvinvointialue series that
    share a code) are settled by the title; if that does not leave exactly one, it is an error
    rather than a silent guess."""
    candidates: dict[str, list[dict]] = defaultdict(list)
    known: set[int] = set()
    for i, r in enumerate(regions):
        if not isinstance(r, dict) or not isinstance(r.get("id"), int) or not isinstance(r.get("category"), str):
            raise FetchedDataError(file, f"region #{i} has no integer 'id' and string 'category': {r!r}")
        known.add(r["id"])
        category = r["category"].strip().upper()
        code = "" if r.get("code") is None else str(r["code"]).strip()
        target = None
        if category == "KUNTA" and code.isdigit() and code.zfill(3) in kuntanumerot:
            target = code.zfill(3)
        elif (category, code) in _UPPER_LEVELS:
            target = _UPPER_LEVELS[(category, code)][0]
        elif (category, None) in _UPPER_LEVELS:
            target = _UPPER_LEVELS[(category, None)][0]
        if target is not None:
            candidates[target].append(r)

    mapping: dict[int, str] = {}
    for target, regs in candidates.items():
        if len(regs) > 1:
            hints = next((h for (_, _), (t, h) in _UPPER_LEVELS.items() if t == target), ())
            regs = [r for r in regs if any(h in _title(r) for h in hints)]
            if len(regs) != 1:
                ids = [r["id"] for r in candidates[target]]
                raise FetchedDataError(file, f"regions {ids} all map to area {target}; cannot tell which one is ours")
        mapping[regs[0]["id"]] = target
    return mapping, known


def _title(region: dict) -> str:
    title = region.get("title")
    if isinstance(title, dict):
        return " ".join(str(v) for v in title.values()).lower()
    return str(title or "").lower()


def _check_row(path: Path, i: int, row: Any, iid: int) -> None:
    ok = (
        isinstance(row, dict)
        and all(k in row for k in ("indicator", "region", "year", "gender", "value"))
        and row["indicator"] == iid
        and isinstance(row["region"], int)
        and isinstance(row["year"], int)
        and isinstance(row["gender"], str)
        and (row["value"] is None or isinstance(row["value"], (int, float)))
        and (row.get("absValue") is None or isinstance(row.get("absValue"), (int, float)))
    )
    if not ok:
        raise FetchedDataError(path, f"row #{i} is not a valid data row of indicator {iid}: {row!r}")


# --------------------------------------------------------------------------- metadata


def load_latest_metadata(raw_root: Path) -> dict[str, dict]:
    """Per indicator id (str) of the newest complete fetch: title_fi, organization_fi, decimals,
    data_updated, range ({'start', 'end'}), plus title_sv/title_en, organization_en, unit_fi,
    region_levels, fetched_at and source_file. Empty dict when there is no fetch."""
    d = latest_fetch_dir(raw_root)
    if d is None:
        return {}
    manifest = read_manifest(d)
    out: dict[str, dict] = {}
    for iid in manifest["indicator_ids"]:
        path = d / indicator_file(iid)
        meta = _read_checked(path, manifest, dict, "a JSON object (indicator metadata)")
        title = _dict(meta.get("title"))
        org = _dict(meta.get("organization"))
        org_title = _dict(org.get("title"))
        rng = _dict(meta.get("range"))
        pvt = _dict(_dict(meta.get("primaryValueType")).get("title"))
        regions = _dict(_dict(meta.get("classifications")).get("region")).get("values")
        out[str(iid)] = {
            "title_fi": title.get("fi"),
            "title_sv": title.get("sv"),
            "title_en": title.get("en"),
            "organization_fi": org_title.get("fi"),
            "organization_en": org_title.get("en"),
            "decimals": meta.get("decimals"),
            "data_updated": meta.get("data-updated"),
            "range": {"start": rng.get("start"), "end": rng.get("end")},
            "unit_fi": pvt.get("fi"),
            "region_levels": list(regions) if isinstance(regions, list) else [],
            "fetched_at": manifest["fetched_at"],
            "source_file": _source_file(path, Path(raw_root)),
        }
    return out


def _dict(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


# --------------------------------------------------------------------------- files


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _read_json(path: Path) -> Any:
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise FetchedDataError(path, f"cannot read: {exc.strerror or exc}") from None
    return _parse(path, content)


def _parse(path: Path, content: bytes) -> Any:
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FetchedDataError(path, f"malformed JSON: {exc}") from None


def _read_checked(path: Path, manifest: dict, kind: type, what: str) -> Any:
    """Read a fetch file and check it against the size + sha256 the manifest recorded; its JSON
    must be a `kind` (`what` names it in the error)."""
    entry = manifest["files"].get(path.name)
    if not isinstance(entry, dict):
        raise FetchedDataError(path, "file is not listed in manifest.json")
    try:
        size = path.stat().st_size
        if size > inputs.MAX_INPUT_BYTES:  # checked before reading: memory is the limit
            raise FetchedDataError(
                path,
                f"file is {size / 2**20:.0f} MiB, more than the "
                f"{inputs.MAX_INPUT_BYTES / 2**20:g} MiB a fetched file may have",
            )
        content = path.read_bytes()
    except OSError as exc:
        raise FetchedDataError(path, f"cannot read: {exc.strerror or exc}") from None
    if entry.get("sha256") != sha256(content) or entry.get("bytes") != len(content):
        raise FetchedDataError(path, "content does not match manifest.json (file changed or damaged)")
    data = _parse(path, content)
    if not isinstance(data, kind):
        raise FetchedDataError(path, f"expected {what}")
    return data


def _display(path: Path) -> str:
    return paths.relative(path)


def _source_file(path: Path, raw_root: Path) -> str:
    """Path relative to the repo when the fetch is inside it, else relative to raw_root."""
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(raw_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
