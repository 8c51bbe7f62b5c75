"""Streamlit's frontend bundle served gzip-compressed, each file compressed once per process.

Streamlit 1.67 deliberately serves `/static/…` uncompressed: Starlette's GZipMiddleware would
compress the same bytes again on every request. Uncompressed, a first visit downloads ~8.5 MB
(the main bundle alone is several MB of JavaScript), which on a phone or a conference Wi-Fi is
seconds. This ASGI middleware (added through `st.App(middleware=…)` in app.py, so it works with
`streamlit run app.py`) answers GET/HEAD requests for the bundle's text files with a gzip body
that it compresses once (in a worker thread) and keeps in memory; everything else – and every
client that does not accept gzip, and range requests – passes through to Streamlit unchanged.
Headers follow Streamlit's own: hashed bundle files are `immutable` for a year.

Memory: the compressed copies of the files actually requested, about 3 MB for a full visit.
`warm` compresses the files the start page needs before the first visitor arrives.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
import threading
from pathlib import Path
from typing import Awaitable, Callable

import anyio

COMPRESSIBLE = frozenset({".js", ".mjs", ".css", ".json", ".svg", ".map", ".txt", ".html", ".wasm", ".ttf"})
MIN_BYTES = 1024  # smaller files gain nothing from gzip
LEVEL = 9  # compressed once, so the best ratio is worth its CPU
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

    def __init__(self, directory: Path | None = None, base_url: str | None = None):
        self._root = Path(directory).resolve() if directory else None
        self._base_url = base_url
        self._cache: dict[Path, _Compressed | None] = {}
        self._lock = threading.Lock()

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
        relative = path[len(self.prefix):]
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
                media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                if media_type.startswith("text/") or media_type in ("application/javascript", "application/json"):
                    media_type += "; charset=utf-8"
                result = _Compressed(body, f'"gz-{hashlib.sha1(raw).hexdigest()[:16]}"', media_type)
        with self._lock:
            self._cache.setdefault(file, result)
            return self._cache[file]

    def warm(self) -> int:
        """Compress the files index.html loads (run in a thread at start-up); returns their count."""
        index = (self.root / "index.html").read_text(encoding="utf-8", errors="replace")
        names = re.findall(r'(?:src|href)="\./static/([^"]+)"', index)
        files = [f for f in (self.file_for(self.prefix + n) for n in names) if f]
        for file in files:
            self.compressed(file)
        return len(files)


STORE = Store()


class GzipStatic:
    """ASGI middleware: `/static/<file>` from Streamlit's static folder, gzip-compressed."""

    def __init__(self, app, *, store: Store | None = None):
        self.app = app
        self.store = store or STORE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        if "range" in headers or "gzip" not in headers.get("accept-encoding", "").lower():
            await self.app(scope, receive, send)
            return
        file = self.store.file_for(scope.get("path", ""))
        found = await anyio.to_thread.run_sync(self.store.compressed, file) if file else None
        if found is None:
            await self.app(scope, receive, send)
            return
        not_modified = headers.get("if-none-match") == found.etag
        response_headers = [
            (b"content-type", found.media_type.encode()),
            (b"content-encoding", b"gzip"),
            (b"vary", b"Accept-Encoding"),
            (b"cache-control", IMMUTABLE.encode()),
            (b"etag", found.etag.encode()),
        ]
        if not not_modified:
            response_headers.append((b"content-length", str(len(found.body)).encode()))
        await send({"type": "http.response.start", "status": 304 if not_modified else 200,
                    "headers": response_headers})
        body = b"" if not_modified or scope["method"] == "HEAD" else found.body
        await send({"type": "http.response.body", "body": body})
