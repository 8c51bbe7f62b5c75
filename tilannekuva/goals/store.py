"""The goals store: the ONLY module that reads or writes goals.

Goals are data the app writes, so they live apart from the warehouse (which every build replaces
whole): one SQLite file (standard library), `data/goals.sqlite` or `$TILANNEKUVA_GOALS`, outside
git. Schema: `queries/goals/schema.sql`.

- WAL mode: readers never wait for a writer; a writer waits (busy timeout) for another writer.
- Every write is one `BEGIN IMMEDIATE` transaction holding the goal row *and* its change-log
  entry: if any step fails, SQLite rolls everything back and the store is as it was.
- Optimistic concurrency: an update or delete names the version it read; if someone saved in
  between, nothing is written and `ConflictError` says who and when, in Finnish.
- CSV (UTF-8 with BOM, `;`, decimal comma) for review in Excel and for moving goals; an import
  is all or nothing and validates every row with the same rules as the form.
- A connection per operation: Streamlit serves sessions from many threads.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from .. import paths
from ..texts import Texts, texts_or_default
from . import model
from .model import Goal

SCHEMA_SQL = paths.QUERIES_DIR / "goals" / "schema.sql"
SCHEMA_VERSION = "1"
BUSY_TIMEOUT_MS = 5000
_COLUMNS = ("goal_id", *Goal.EDITABLE, "version", "created_at", "created_by", "updated_at", "updated_by")


def default_path() -> Path:
    """`$TILANNEKUVA_GOALS` (tests, other installations), else data/goals.sqlite."""
    return Path(os.environ.get("TILANNEKUVA_GOALS") or paths.DATA_DIR / "goals.sqlite")


class StoreError(RuntimeError):
    """A write was refused or failed; `str(error)` is a Finnish sentence for the user. Nothing
    was changed."""


class ConflictError(StoreError):
    """Someone else saved (or deleted) the goal after it was read."""


class ValidationFailed(StoreError):
    def __init__(self, problems: Sequence[model.Problem] | Sequence[str]):
        self.problems = [p.message if isinstance(p, model.Problem) else p for p in problems]
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class LogEntry:
    change_id: int
    goal_id: int
    title: str
    action: str
    version: int
    changed_at: str
    changed_by: str
    changes: dict  # field -> [old, new]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _row_to_goal(row: sqlite3.Row) -> Goal:
    values = {k: row[k] for k in row.keys() if k in _COLUMNS}
    values["is_example"] = bool(values["is_example"])
    return Goal(**values)


def _diff(old: Goal | None, new: Goal) -> dict:
    before = old.editable() if old else {}
    return {k: [before.get(k), v] for k, v in new.editable().items() if before.get(k) != v}


class GoalStore:
    def __init__(self, path: Path | str | None = None):
        self.path = Path(path or default_path())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(SCHEMA_SQL.read_text(encoding="utf-8"))
            con.execute("INSERT OR IGNORE INTO store_info (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    # --- connections ---------------------------------------------------------------------
    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            con.row_factory = sqlite3.Row
            con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA foreign_keys=ON")
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: everything inside commits together or not at all."""
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # --- reading -------------------------------------------------------------------------
    def list_goals(self) -> list[Goal]:
        with self._connect() as con:
            return self._all(con)

    @staticmethod
    def _all(con: sqlite3.Connection) -> list[Goal]:
        rows = con.execute("SELECT * FROM goal ORDER BY area_code, indicator_id, target_year, goal_id").fetchall()
        return [_row_to_goal(r) for r in rows]

    def get(self, goal_id: int) -> Goal | None:
        with self._connect() as con:
            return self._get(con, goal_id)

    @staticmethod
    def _get(con: sqlite3.Connection, goal_id: int) -> Goal | None:
        row = con.execute("SELECT * FROM goal WHERE goal_id = ?", (goal_id,)).fetchone()
        return _row_to_goal(row) if row else None

    def change_log(self, goal_id: int | None = None, limit: int = 200) -> list[LogEntry]:
        sql = "SELECT * FROM change_log {where} ORDER BY change_id DESC LIMIT ?"
        with self._connect() as con:
            if goal_id is None:
                rows = con.execute(sql.format(where=""), (limit,)).fetchall()
            else:
                rows = con.execute(sql.format(where="WHERE goal_id = ?"), (goal_id, limit)).fetchall()
        return [LogEntry(**{**dict(r), "changes": json.loads(r["changes"])}) for r in rows]

    def fingerprint(self) -> tuple:
        """Changes whenever any goal changes (for caches): (number of log entries, last entry)."""
        with self._connect() as con:
            return tuple(con.execute("SELECT count(*), max(change_id) FROM change_log").fetchone())

    # --- writing -------------------------------------------------------------------------
    # Every refusal says why in the request's language: `texts` (the default language's if None).
    def create(self, goal: Goal, editor: str, ctx: model.Context | None = None, *, texts: Texts | None = None) -> Goal:
        """Insert a new goal (validated against `ctx` when given) and log it."""
        with self._transaction() as con:
            return self._create(con, goal, editor, ctx, "create", texts_or_default(texts))

    def update(self, goal: Goal, editor: str, ctx: model.Context | None = None, *, texts: Texts | None = None) -> Goal:
        """Save an edited goal; `goal.version` must be the version that was read."""
        with self._transaction() as con:
            return self._update(con, goal, editor, ctx, "update", texts_or_default(texts))

    def delete(self, goal_id: int, version: int, editor: str, *, texts: Texts | None = None) -> None:
        with self._transaction() as con:
            current = self._current(con, goal_id, version, texts_or_default(texts).goals)
            con.execute("DELETE FROM goal WHERE goal_id = ? AND version = ?", (goal_id, version))
            _write_log(
                con,
                current.goal_id,
                current.title,
                "delete",
                version + 1,
                editor,
                {k: [v, None] for k, v in current.editable().items()},
            )

    def _create(self, con, goal: Goal, editor: str, ctx, action: str, texts: Texts) -> Goal:
        _check(goal, ctx, self._all(con), texts)
        stamp = now_utc()
        values = {
            **goal.editable(),
            "is_example": int(goal.is_example),
            "version": 1,
            "created_at": stamp,
            "created_by": editor,
            "updated_at": stamp,
            "updated_by": editor,
        }
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        try:
            cursor = con.execute(f"INSERT INTO goal ({columns}) VALUES ({marks})", tuple(values.values()))
        except sqlite3.IntegrityError as exc:
            raise _refused(exc, texts.goals) from exc
        saved = self._get(con, cursor.lastrowid)
        _write_log(con, saved.goal_id, saved.title, action, 1, editor, _diff(None, saved))
        return saved

    def _update(self, con, goal: Goal, editor: str, ctx, action: str, texts: Texts) -> Goal:
        words = texts.goals
        if goal.goal_id is None or goal.version is None:
            raise StoreError(words.GONE)
        current = self._current(con, goal.goal_id, goal.version, words)
        _check(goal, ctx, self._all(con), texts)
        changes = _diff(current, goal)
        if not changes:
            return current
        assignments = ", ".join(f"{k} = ?" for k in Goal.EDITABLE)
        values = [int(v) if k == "is_example" else v for k, v in goal.editable().items()]
        try:
            cursor = con.execute(
                f"UPDATE goal SET {assignments}, version = version + 1, updated_at = ?, updated_by = ? "
                "WHERE goal_id = ? AND version = ?",
                (*values, now_utc(), editor, goal.goal_id, goal.version),
            )
        except sqlite3.IntegrityError as exc:
            raise _refused(exc, words) from exc
        if cursor.rowcount != 1:  # cannot happen inside BEGIN IMMEDIATE after _current; kept as a guard
            raise ConflictError(words.CONFLICT.format(who=words.CONFLICT_SOMEONE, when=words.CONFLICT_JUST_NOW))
        saved = self._get(con, goal.goal_id)
        _write_log(con, saved.goal_id, saved.title, action, saved.version, editor, changes)
        return saved

    def _current(self, con, goal_id: int, version: int, words) -> Goal:
        """The stored goal, provided it still has the version the editor read (`words`: texts.goals)."""
        current = self._get(con, goal_id)
        if current is None:
            raise ConflictError(words.GONE)
        if current.version != version:
            raise _conflict(current, words)
        return current

    # --- CSV -----------------------------------------------------------------------------
    def export_csv(
        self, describe: Callable[[Goal], Mapping[str, str]] | None = None, *, texts: Texts | None = None
    ) -> bytes:
        """Every goal as CSV (UTF-8 with BOM, `;`, decimal comma). `describe(goal)` adds the
        readable columns (indicator name, area name, status) from the warehouse."""
        words = texts_or_default(texts).goals
        columns = words.CSV_COLUMNS
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns.values())
        for goal in self.list_goals():
            extra = describe(goal) if describe else {}
            row = {**{f.name: getattr(goal, f.name) for f in fields(Goal)}, **extra}
            writer.writerow(_csv_cell(k, row.get(k), words) for k in columns)
        return out.getvalue().encode("utf-8-sig")

    def import_csv(
        self, data: bytes, editor: str, ctx: model.Context | None = None, *, texts: Texts | None = None
    ) -> ImportResult:
        """Add or update goals from a CSV made by `export_csv` (or by hand in Excel). A goal is
        matched by its indicator, area and target year; all rows are checked first and nothing is
        written unless every row is valid."""
        texts = texts_or_default(texts)
        words = texts.goals
        goals = parse_csv(data, texts=texts)
        created = updated = unchanged = 0
        errors: list[str] = []
        with self._transaction() as con:
            for line, goal in goals:
                match = next(
                    (
                        g
                        for g in self._all(con)
                        if (g.indicator_id, g.area_code, g.target_year)
                        == (goal.indicator_id, goal.area_code, goal.target_year)
                    ),
                    None,
                )
                try:
                    if match is None:
                        self._create(con, goal.with_fields(goal_id=None, version=None), editor, ctx, "import", texts)
                        created += 1
                        continue
                    if goal.goal_id == match.goal_id and goal.version not in (None, match.version):
                        raise _conflict(match, words)
                    edited = goal.with_fields(goal_id=match.goal_id, version=match.version)
                    if not _diff(match, edited):
                        unchanged += 1
                        continue
                    self._update(con, edited, editor, ctx, "import", texts)
                    updated += 1
                except StoreError as exc:
                    problems = exc.problems if isinstance(exc, ValidationFailed) else [str(exc)]
                    errors.extend(words.CSV_ROW.format(line=line, message=p) for p in problems)
            if errors:
                raise ValidationFailed(errors)  # rolls back every row written above
        return ImportResult(created, updated, unchanged)


def _check(goal: Goal, ctx: model.Context | None, existing: list[Goal], texts: Texts) -> None:
    if ctx is None:
        return
    context = model.Context(ctx.indicators, ctx.areas, ctx.series, existing, ctx.this_year)
    problems = model.validate(goal, context, texts=texts)
    if problems:
        raise ValidationFailed(problems)


def _refused(exc: sqlite3.IntegrityError, words) -> StoreError:
    """The database refused a write: the unique rule (one goal per indicator, area and target
    year) or another constraint."""
    return StoreError(words.DUPLICATE_IN_STORE if "UNIQUE" in str(exc) else words.WRITE_FAILED.format(error=exc))


def _conflict(current: Goal, words) -> ConflictError:
    """Someone saved `current` after the editor read it: who and when."""
    return ConflictError(words.CONFLICT.format(who=current.updated_by, when=local_time(current.updated_at)))


def _write_log(
    con: sqlite3.Connection, goal_id: int, title: str, action: str, version: int, editor: str, changes: dict
) -> None:
    """The change-log entry of a write, in the same transaction as the write itself."""
    con.execute(
        "INSERT INTO change_log (goal_id, title, action, version, changed_at, changed_by, changes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (goal_id, title, action, version, now_utc(), editor, json.dumps(changes, ensure_ascii=False)),
    )


def local_time(stamp: str) -> str:
    """'1.12.2026 klo 22.15' in Finnish time, from a stored UTC stamp."""
    try:
        from zoneinfo import ZoneInfo

        moment = dt.datetime.fromisoformat(stamp).astimezone(ZoneInfo("Europe/Helsinki"))
    except (ValueError, KeyError, ImportError):
        return stamp
    return f"{moment.day}.{moment.month}.{moment.year} klo {moment.hour}.{moment.minute:02d}"


# --- CSV helpers ---------------------------------------------------------------------------
_NUMBERS = {"baseline_value", "target_value"}
_INTEGERS = {"goal_id", "version", "baseline_year", "target_year"}
_REQUIRED = tuple(k for k in Goal.EDITABLE if k not in Goal.OPTIONAL)  # columns an import must have


def _csv_cell(key: str, value, words) -> str:
    if value is None:
        return ""
    if key in _NUMBERS:
        return repr(float(value)).replace(".", ",")
    if key == "is_example":
        return words.CSV_YES if value else words.CSV_NO
    return str(value)


def _parse_number(text: str, column: str, integer: bool, words) -> float | int | None:
    try:
        number = model.parse_decimal(text)
    except ValueError:
        raise ValueError(words.CSV_BAD_NUMBER.format(value=text[:30], column=column)) from None
    if number is None:
        return None
    if integer:
        if number != int(number):
            raise ValueError(words.CSV_BAD_NUMBER.format(value=text[:30], column=column))
        return int(number)
    return number


def parse_csv(data: bytes, *, texts: Texts | None = None) -> list[tuple[int, Goal]]:
    """(line number, goal) per data row; raises ValidationFailed naming every bad row."""
    words = texts_or_default(texts).goals
    columns = words.CSV_COLUMNS
    try:
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValidationFailed([words.CSV_BAD_FILE.format(error=exc)]) from exc
    if not rows:
        raise ValidationFailed([words.CSV_BAD_FILE.format(error=words.CSV_EMPTY_FILE)])
    by_header = {v: k for k, v in columns.items()}
    header = [by_header.get(h.strip(), h.strip()) for h in rows[0]]
    missing = [columns[c] for c in _REQUIRED if c not in header]
    if missing:
        raise ValidationFailed([words.CSV_MISSING_COLUMNS.format(columns=", ".join(missing))])
    out: list[tuple[int, Goal]] = []
    errors: list[str] = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        raw = dict(zip(header, (c.strip() for c in cells)))
        try:
            values: dict = {}
            for key in (*Goal.EDITABLE, "goal_id", "version"):
                cell = raw.get(key, "")
                if key in _NUMBERS or key in _INTEGERS:
                    values[key] = _parse_number(cell, columns[key], key in _INTEGERS, words)
                elif key == "is_example":
                    values[key] = cell.casefold() in words.CSV_TRUE_CELLS
                else:
                    values[key] = cell
            for key in ("baseline_year", "target_year", "baseline_value", "target_value"):
                if values[key] is None:
                    raise ValueError(words.CSV_BAD_NUMBER.format(value="", column=columns[key]))
            out.append((line, Goal(**values)))
        except ValueError as exc:
            errors.append(words.CSV_ROW.format(line=line, message=exc))
    if errors:
        raise ValidationFailed(errors)
    return out
