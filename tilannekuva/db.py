"""The only runtime module that touches DuckDB.

- Named queries: `queries/<name>.sql`, each with a header (`-- name:`, `-- purpose:`,
  `-- params: $a, $b`, `-- columns: a, b`). Callers pass exactly the declared parameters; values
  are bound by DuckDB, never formatted into SQL text. The declared columns are the result's, in
  order (tests/test_db.py runs every query and compares). The build's checks
  (`queries/checks/*.sql`) use the same header.
- One read-only connection per database *file identity* (path, inode, mtime); a cursor (its own
  connection handle) per query, so Streamlit's session threads never share one.
- A rebuild replaces the file (`os.replace`). `get_database()` then opens the new file and never
  closes the old connection: a run in flight keeps its `Database` and finishes on the old file
  (on Linux an open file outlives its name), new runs get the new one, and the old connection
  closes when the last reference to it goes. DuckDB keeps one instance per resolved file path and
  would hand the *old* instance back for the same path, so each identity is opened through a
  hard link of its own (removed as soon as DuckDB has the file open).
- Results are polars frames, cached in a bounded LRU keyed by the database file's identity, so a
  rebuilt database is picked up without restarting the app.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from . import paths
from .sized_cache import MB, SizedCache

CACHE_SIZE = 1024  # entries; and at most QUERY_CACHE_BYTES (issue 9: a count alone does not bound memory)
QUERY_CACHE_BYTES = 8 * MB  # see ui/cached.py MODEL_CACHE_BYTES for why this small
# The app only reads its own warehouse: no COPY TO, no reading other files, no ATTACH, no
# extensions from the network; then the configuration is locked so no statement can undo it.
# (Order matters: the lock comes last.)
LEAST_PRIVILEGE = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}
BUILD_TIME_SQL = {"schema", "derive"}  # multi-statement files run by the build, not named queries
_HEADER = re.compile(r"^--\s*(name|purpose|params|columns):\s*(.*)$")


class QueryError(ValueError):
    """A named query is unknown, malformed, or called with the wrong parameters."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    purpose: str
    params: tuple[str, ...]
    sql: str
    path: Path
    columns: tuple[str, ...] | None = None  # `-- columns:`, the result's columns in order


def parse_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            key = match.group(1)
            header[key] = match.group(2).strip()
        elif line.startswith("--") and key == "purpose":  # purpose may continue over lines
            header["purpose"] += " " + line.lstrip("- ").strip()
        elif line.startswith("--") and key == "columns" and header["columns"].endswith(","):  # a, b,\n-- c
            header["columns"] += " " + line.lstrip("- ").strip()
        elif line.strip() and not line.startswith("--"):
            break
    for required in ("name", "purpose", "params"):
        if required not in header:
            raise QueryError(f"{paths.relative(path)}: header line '-- {required}:' is missing")
    if header["name"] != path.stem:
        raise QueryError(f"{paths.relative(path)}: name {header['name']!r} must equal the file name")
    declared = (
        () if header["params"] in ("", "none") else tuple(p.strip().lstrip("$") for p in header["params"].split(","))
    )
    used = tuple(sorted(set(re.findall(r"\$([a-z_][a-z0-9_]*)", _strip_comments(text)))))
    if sorted(declared) != list(used):
        raise QueryError(f"{paths.relative(path)}: declared params {sorted(declared)} differ from used {list(used)}")
    columns = None if "columns" not in header else tuple(c.strip() for c in header["columns"].split(",") if c.strip())
    return NamedQuery(header["name"], header["purpose"], declared, text, path, columns)


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


@functools.lru_cache(maxsize=4)
def load_queries(directory: Path = paths.QUERIES_DIR) -> dict[str, NamedQuery]:
    queries = {}
    for path in sorted(Path(directory).glob("*.sql")):
        if path.stem in BUILD_TIME_SQL:
            continue
        query = parse_query(path)
        queries[query.name] = query
    return queries


def _freeze(value):
    return tuple(value) if isinstance(value, list) else value


def _thaw(value):
    return list(value) if isinstance(value, tuple) else value


class Database:
    """Read-only access to one warehouse file."""

    def __init__(self, path: Path | str | None = None, queries_dir: Path = paths.QUERIES_DIR):
        self.path = Path(path or paths.DB_PATH)
        if not self.path.exists():
            raise FileNotFoundError(f"database not found: {self.path} (run `python -m tilannekuva build`)")
        self.queries = load_queries(Path(queries_dir))
        self._con, stat, self._use = _connect(self.path)
        # The identity is that of the file actually opened (a rebuild may replace it meanwhile).
        self.identity = (str(self.path), stat.st_ino, stat.st_mtime_ns)
        self._lock = threading.Lock()
        _live[self.identity] = self
        # Once no run holds this handle any more, its cached results go too.
        weakref.finalize(self, _cached.drop, functools.partial(_is_of, self.identity))

    def query_uncached(self, name: str, **params) -> pl.DataFrame:
        query = self.queries.get(name)
        if query is None:
            raise QueryError(f"unknown query {name!r}; known: {', '.join(sorted(self.queries))}")
        if set(params) != set(query.params):
            raise QueryError(f"query {name!r} takes {sorted(query.params)}, got {sorted(params)}")
        cursor = self.cursor()
        try:
            return cursor.sql(query.sql, params={k: _thaw(v) for k, v in params.items()}).pl()
        finally:
            cursor.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection handle of its own on this file (the caller closes it)."""
        with self._lock:  # creating a cursor touches the shared connection
            cursor = self._con.cursor()
        if self._use:
            cursor.execute(self._use)
        return cursor

    def query(self, name: str, **params) -> pl.DataFrame:
        """Named query through the bounded cache (lists become tuples for the key)."""
        frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
        return _cached.get_or_compute((self.identity, name, frozen), lambda: self.query_uncached(name, **params))

    def __hash__(self) -> int:
        return hash(self.identity)

    def __eq__(self, other) -> bool:
        return isinstance(other, Database) and other.identity == self.identity

    def close(self) -> None:
        self._con.close()


_cached = SizedCache("queries", max_bytes=QUERY_CACHE_BYTES, max_entries=CACHE_SIZE)


def _is_of(identity: tuple, key: tuple) -> bool:
    return key[0] == identity


def _connect(path: Path):
    """(connection, stat of the file opened, statement each cursor runs first or None).

    DuckDB's instance cache is keyed on the resolved path: while a connection to the replaced file
    lives, `duckdb.connect(path)` returns that old instance. A hard link named after the inode is
    a path of its own; it is unlinked right after opening (DuckDB holds the file open). Where no
    link can be made (a read-only folder), the file is ATTACHed to an in-memory instance instead,
    which has no instance cache (each cursor then selects it with USE)."""
    stat = path.stat()
    link = path.with_name(f".{path.name}.{stat.st_ino}-{stat.st_mtime_ns}-{os.getpid()}-{threading.get_ident()}.open")
    try:
        os.link(path, link)
    except OSError:
        con = duckdb.connect(":memory:")
        con.execute("ATTACH ? AS warehouse (READ_ONLY)", [str(path)])
        opened = os.stat(path)  # best effort: the file ATTACH just read
        for setting, value in LEAST_PRIVILEGE.items():  # after ATTACH, which needs file access
            con.execute(f"SET {setting} = {str(value).lower()}")
        return con, opened, "USE warehouse"
    try:
        opened = link.stat()
        con = duckdb.connect(str(link), read_only=True, config=dict(LEAST_PRIVILEGE))
    finally:
        link.unlink(missing_ok=True)
    return con, opened, None


_live: weakref.WeakValueDictionary[tuple, Database] = weakref.WeakValueDictionary()
_open: dict[str, Database] = {}
_open_lock = threading.Lock()


def get_database(path: Path | str | None = None) -> Database:
    """The shared read-only handle for `path`, reopened when the file was rebuilt. The old handle
    is left open for the runs that still hold it; it closes when no one references it."""
    path = Path(path or paths.DB_PATH)
    stat = path.stat()
    key = str(path)
    with _open_lock:
        db = _open.get(key)
        if db is None or db.identity != (str(path), stat.st_ino, stat.st_mtime_ns):
            db = Database(path)
            _open[key] = db
        return db


def database_for(identity: tuple) -> Database:
    """The open database with this identity (a cached computation keyed on it must read the file it
    names, not one rebuilt since); the current one when that handle is gone."""
    return _live.get(identity) or get_database(identity[0])
