"""`python -m tilannekuva report`: one profile, or every area's profiles into a folder.

One Chromium serves the whole batch; a failure on one area is reported and the rest go on (the
exit status says that something failed). A file is written to a temporary name and moved into
place, so a failed or interrupted run never leaves a half-written PDF under the real name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import pdf, profile, slides
from .render import ChartRenderer, RenderError

FORMATS = ("pdf", "pptx")
WRITERS: dict[str, Callable] = {"pdf": pdf.write_pdf, "pptx": slides.write_pptx}
PREFETCH: dict[str, Callable] = {"pdf": pdf.prefetch, "pptx": slides.prefetch}


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (area, format, error)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_goals(path: Path | None = None) -> tuple[list, str | None]:
    """Every goal of the goals store at `path` ($TILANNEKUVA_GOALS or data/goals.sqlite) and a
    warning when it cannot be read. A missing store is no goals (nothing is created for it)."""
    from ..goals.store import GoalStore, default_path

    path = Path(path) if path is not None else default_path()
    if not path.exists():
        return [], None
    try:
        return GoalStore(path).list_goals(), None
    except Exception as exc:  # noqa: BLE001 - the profiles are still worth making, without goals
        return [], f"goals store {path} not readable ({_describe(exc)}): profiles made without goals"


def write_one(
    db,
    area: str,
    fmt: str,
    out: Path,
    renderer: ChartRenderer,
    *,
    this_year: int,
    built: profile.Profile | None = None,
    goals=(),
) -> Path:
    p = built or profile.build(db, area, this_year=this_year, goals=goals)
    _atomic_write(out, WRITERS[fmt](p, renderer))
    return out


def write_all(
    db,
    folder: Path,
    formats: Iterable[str],
    *,
    this_year: int,
    renderer: ChartRenderer | None = None,
    areas: list[tuple[str, str]] | None = None,
    progress: bool = True,
    goals=(),
) -> BatchResult:
    """Every municipality, Pohde area, Pohde and the region, each format; one profile per area."""
    from tqdm import tqdm

    formats = tuple(formats)
    areas = areas if areas is not None else profile.report_areas(db)
    result = BatchResult()
    own = renderer is None
    renderer = renderer or ChartRenderer()
    try:
        renderer.start()
        bar = tqdm(areas, desc="profiilit", unit="alue", disable=not progress, file=sys.stderr)
        for code, name in bar:
            bar.set_postfix_str(name)
            try:
                built = profile.build(db, code, this_year=this_year, goals=goals)
            except Exception as exc:  # noqa: BLE001 - one area's failure must not stop the rest
                for fmt in formats:
                    result.failed.append((code, fmt, _describe(exc)))
                continue
            for fmt in formats:  # every chart of every format starts drawing before any layout
                try:
                    PREFETCH[fmt](built, renderer)
                except Exception:  # noqa: BLE001 - reported by the writer below
                    pass
            for fmt in formats:
                target = folder / f"{built.file_stem}.{fmt}"
                try:
                    result.written.append(write_one(db, code, fmt, target, renderer, this_year=this_year, built=built))
                except Exception as exc:  # noqa: BLE001
                    result.failed.append((code, fmt, _describe(exc)))
    finally:
        if own:
            renderer.stop()
    return result


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RenderError):
        return str(exc)
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--area", help="area code: kuntanumero (564), Pohde area (lakeus), HVA19 or MK17")
    target.add_argument("--all", action="store_true", help="every municipality, Pohde area, Pohde and the region")
    parser.add_argument(
        "--format", choices=FORMATS, action="append", help="pdf or pptx (repeat for both; default pdf, with --all both)"
    )
    parser.add_argument("--out", type=Path, required=True, help="file to write (with --area) or folder (with --all)")
    parser.add_argument("--db", type=Path, default=None, help="database (default data/tilannekuva.duckdb)")
    parser.add_argument("--year", type=int, default=None, help="'this year' for data ages (default: today)")
    parser.add_argument(
        "--goals",
        type=Path,
        default=None,
        help="goals store whose goals the profiles show (default $TILANNEKUVA_GOALS or "
        "data/goals.sqlite; a missing file means no goals)",
    )


def run(args: argparse.Namespace) -> int:
    from ..db import Database

    try:
        db = Database(args.db)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    this_year = args.year or dt.date.today().year
    goals, warning = read_goals(args.goals)
    if warning:
        print(warning, file=sys.stderr)
    if args.all:
        formats = args.format or list(FORMATS)
        result = write_all(db, args.out, formats, this_year=this_year, goals=goals)
        for code, fmt, error in result.failed:
            print(f"FAILED {code} ({fmt}): {error}", file=sys.stderr)
        print(f"wrote {len(result.written)} files to {args.out}; {len(result.failed)} failed")
        return 1 if result.failed else 0
    known = set(db.query("areas")["area_code"])
    if args.area not in known:
        print(
            f"unknown area {args.area!r}; known: {', '.join(code for code, _ in profile.report_areas(db))}",
            file=sys.stderr,
        )
        return 2
    formats = args.format or [
        args.out.suffix.lstrip(".").lower() if args.out.suffix.lower() in (".pdf", ".pptx") else "pdf"
    ]
    with ChartRenderer() as renderer:
        built = profile.build(db, args.area, this_year=this_year, goals=goals)
        for fmt in formats:
            out = args.out if len(formats) == 1 else args.out.with_suffix(f".{fmt}")
            try:
                write_one(db, args.area, fmt, out, renderer, this_year=this_year, built=built)
            except RenderError as exc:
                print(f"report failed: {exc}", file=sys.stderr)
                return 1
            print(f"wrote {out}")
    return 0
