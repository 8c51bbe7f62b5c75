"""Streamlit's frontend bundle served Brotli- or gzip-compressed, each file compressed once.

Streamlit 1.67 deliberately serves `/static/…` uncompressed: Starlette's GZipMiddleware would
compress the same bytes again on every request. Uncompressed, a first visit downloads ~8.5 MB
(the main bundle alone is several MB of JavaScript), which on a phone or a conference Wi-Fi is
seconds. This ASGI middleware (added through `st.App(middleware=…)` in app.py, so it works with
`streamlit run app.py`) answers GET/HEAD requests for the bundle's text files with a gzip body
that it compresses once (in a worker thread) and keeps in memory; everything else – and every
client that does not accept gzip, and range requests – passes through to Streamlit unchanged.
Headers follow Streamlit's own: hashed bundle files are `immutable` for a year.

Brotli (quality 11, the `brotli` package) is ~15 % smaller than gzip -9 on this bundle, but takes
seconds per large file: it is made in a background thread (the library releases the GIL) and kept
on disk (`paths.STATIC_CACHE_DIR`, named by the file's hash, so a new Streamlit never gets an old
copy); until it is ready a client that accepts `br` gets the gzip copy, so nobody waits for it.

Memory: the compressed copies of the files actually requested, about 3 MB for a full visit.
`warm` compresses the files the start page needs before the first visitor arrives.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio

from . import paths

COMPRESSIBLE = frozenset({".js", ".mjs", ".css", ".json", ".svg", ".map", ".txt", ".html", ".wasm", ".ttf"})
MIN_BYTES = 1024  # smaller files gain nothing from gzip
LEVEL = 9  # compressed once, so the best ratio is worth its CPU
BROTLI_QUALITY = 11
#: Chunks the pages load after index.html (charts, tables): given Brotli copies at start-up too.
WARM_CHUNKS = ("PlotlyChart.", "DataFrame.", "arrowFormatUtils.")
IMMUTABLE = "public, immutable, max-age=31536000"  # = Streamlit's STATIC_ASSET_CACHE_MAX_AGE_SECONDS
PREFIX = "/static/"

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


def streamlit_static_dir() -> Path:
    from streamlit import file_util

    return Path(file_util.get_static_dir()).resolve()


class _Compressed:
    __slots__ = ("body", "etag", "media_type")

    def __init__(self, body: bytes, etag: str, media_type: str):
        self.body, self.etag, self.media_type = body, etag, media_type


class Store:
    """Finds the static file a path names and keeps its gzip copy (one per process: STORE)."""

    def __init__(self, directory: Path | None = None, base_url: str | None = None, cache_dir: Path | None = None):
        self._root = Path(directory).resolve() if directory else None
        self._base_url = base_url
        self._cache: dict[Path, _Compressed | None] = {}
        self._brotli: dict[Path, _Compressed | None] = {}
        self._brotli_pending: set[Path] = set()
        self._lock = threading.Lock()
        self._cache_dir = cache_dir if cache_dir is not None else paths.STATIC_CACHE_DIR

    # -- configuration read lazily: the middleware is built before Streamlit's config is loaded
    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = streamlit_static_dir()
        return self._root

    @property
    def prefix(self) -> str:
        if self._base_url is None:
            from streamlit import config

            self._base_url = (config.get_option("server.baseUrlPath") or "").strip("/")
        return f"/{self._base_url}{PREFIX}" if self._base_url else PREFIX

    def file_for(self, path: str) -> Path | None:
        """The static file a request path names, or None (not ours, unsafe, missing, not text)."""
        if not path.startswith(self.prefix) or ".." in path or "\\" in path or "//" in path:
            return None
        relative = path[len(self.prefix) :]
        target = (self.root / "static" / relative).resolve()
        if not target.is_relative_to(self.root) or target.suffix.lower() not in COMPRESSIBLE:
            return None
        return target if target.is_file() else None

    def compressed(self, file: Path) -> _Compressed | None:
        """The gzip copy of `file`, made once (thread-safe); None when gzip would not help."""
        with self._lock:
            if file in self._cache:
                return self._cache[file]
        raw = file.read_bytes()
        result = None
        if len(raw) >= MIN_BYTES:
            body = gzip.compress(raw, compresslevel=LEVEL, mtime=0)
            if len(body) < len(raw):
                result = _Compressed(body, f'"gz-{hashlib.sha1(raw).hexdigest()[:16]}"', _media_type(file))
        with self._lock:
            self._cache.setdefault(file, result)
            return self._cache[file]

    def brotli(self, file: Path, *, wait: bool = False) -> _Compressed | None:
        """The Brotli copy of `file` if it is ready; else None and (once) it is made in the
        background (`wait=True`: made now). None also when Brotli would not help."""
        with self._lock:
            if file in self._brotli:
                return self._brotli[file]
            if not wait:
                if file not in self._brotli_pending:
                    self._brotli_pending.add(file)
                    threading.Thread(
                        target=self.brotli, args=(file,), kwargs={"wait": True}, daemon=True, name="brotli"
                    ).start()
                return None
        result = self._make_brotli(file)
        with self._lock:
            self._brotli.setdefault(file, result)
            self._brotli_pending.discard(file)
            return self._brotli[file]

    def _make_brotli(self, file: Path) -> _Compressed | None:
        import brotli

        raw = file.read_bytes()
        if len(raw) < MIN_BYTES:
            return None
        digest = hashlib.sha1(raw).hexdigest()
        cached = self._cache_dir / f"{digest}.q{BROTLI_QUALITY}.br" if self._cache_dir else None
        body = None
        if cached is not None and cached.is_file():
            body = cached.read_bytes()
        if body is None:
            body = brotli.compress(raw, quality=BROTLI_QUALITY)
            if cached is not None:
                try:  # a cache that cannot be written only costs the next start its CPU
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    tmp = cached.with_name(f".{cached.name}.{threading.get_ident()}.tmp")
                    tmp.write_bytes(body)
                    tmp.replace(cached)
                except OSError:
                    pass
        if len(body) >= len(raw):
            return None
        return _Compressed(body, f'"br-{digest[:16]}"', _media_type(file))

    def warm(self) -> int:
        """Compress the files index.html loads (run in a thread at start-up); returns their count."""
        index = (self.root / "index.html").read_text(encoding="utf-8", errors="replace")
        names = re.findall(r'(?:src|href)="\./static/([^"]+)"', index)
        files = [f for f in (self.file_for(self.prefix + n) for n in names) if f]
        for file in files:
            self.compressed(file)
        chunks = [f for f in sorted((self.root / "static" / "js").glob("*.js")) if f.name.startswith(WARM_CHUNKS)]
        # Brotli copies one after the other in one background thread: the server starts at once
        # (a first start on a machine compresses for a while; later starts read the disk copies).
        todo = [f for f in [*files, *chunks] if f not in self._brotli]
        with self._lock:
            self._brotli_pending.update(todo)
        threading.Thread(
            target=lambda: [self.brotli(f, wait=True) for f in todo], daemon=True, name="brotli-warm"
        ).start()
        return len(files)


def _media_type(file: Path) -> str:
    media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type in ("application/javascript", "application/json"):
        media_type += "; charset=utf-8"
    return media_type


def accepted(header: str) -> set[str]:
    """The codings an Accept-Encoding header allows (`q=0` excludes one)."""
    out = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name and not any(p.strip() in ("q=0", "q=0.0", "q=0.00", "q=0.000") for p in params.split(";")):
            out.add(name.strip())
    return out


STORE = Store()


class GzipStatic:
    """ASGI middleware: `/static/<file>` from Streamlit's static folder, Brotli- or gzip-compressed."""

    def __init__(self, app, *, store: Store | None = None):
        self.app = app
        self.store = store or STORE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        codings = accepted(headers.get("accept-encoding", ""))
        if "range" in headers or not codings & {"gzip", "br"}:
            await self.app(scope, receive, send)
            return
        file = self.store.file_for(scope.get("path", ""))
        found, coding = None, "gzip"
        if file and "br" in codings:
            found, coding = self.store.brotli(file), "br"  # None until the background copy is ready
        if file and found is None and "gzip" in codings:
            found, coding = await anyio.to_thread.run_sync(self.store.compressed, file), "gzip"
        if found is None:
            await self.app(scope, receive, send)
            return
        not_modified = headers.get("if-none-match") == found.etag
        response_headers = [
            (b"content-type", found.media_type.encode()),
            (b"content-encoding", coding.encode()),
            (b"vary", b"Accept-Encoding"),
            (b"cache-control", IMMUTABLE.encode()),
            (b"etag", found.etag.encode()),
        ]
        if not not_modified:
            response_headers.append((b"content-length", str(len(found.body)).encode()))
        await send({"type": "http.response.start", "status": 304 if not_modified else 200, "headers": response_headers})
        body = b"" if not_modified or scope["method"] == "HEAD" else found.body
        await send({"type": "http.response.body", "body": body})
