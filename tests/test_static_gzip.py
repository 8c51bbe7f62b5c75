"""The gzip middleware for Streamlit's frontend bundle, as an ASGI app (no server, no browser)."""

from __future__ import annotations

import asyncio
import gzip

import pytest

from tilannekuva import static_gzip


def _run(make, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """One request through the middleware `make(inner)`; returns (status, headers dict, body, passed_through)."""
    passed = []

    async def inner(scope, receive, send):
        passed.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"from streamlit"})

    messages = []

    async def send(message):
        messages.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": method, "path": path,
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}
    asyncio.run(make(inner)(scope, receive, send))
    start = messages[0]
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body, bool(passed)


@pytest.fixture()
def static_dir(tmp_path):
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "static" / "js" / "main.abc123.js").write_text("console.log('tilannekuva');\n" * 400)
    (tmp_path / "static" / "js" / "tiny.js").write_text("x=1")
    (tmp_path / "static" / "media").mkdir()
    (tmp_path / "static" / "media" / "font.woff2").write_bytes(b"\x00" * 5000)
    (tmp_path / "index.html").write_text('<script src="./static/js/main.abc123.js"></script>')
    (tmp_path.parent / "secret.js").write_text("secret;" * 500)
    return tmp_path


def _middleware(static_dir):
    store = static_gzip.Store(directory=static_dir, base_url="")
    return lambda inner: static_gzip.GzipStatic(inner, store=store), store


def test_bundle_file_is_served_gzip_with_streamlit_cache_headers(static_dir):
    make, _ = _middleware(static_dir)
    status, headers, body, passed = _run(make, "/static/js/main.abc123.js", {"Accept-Encoding": "gzip, br"})
    raw = (static_dir / "static" / "js" / "main.abc123.js").read_bytes()
    assert status == 200 and not passed
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert headers["content-type"].startswith(("application/javascript", "text/javascript"))
    assert "immutable" in headers["cache-control"]
    assert gzip.decompress(body) == raw and len(body) < len(raw) / 5
    assert int(headers["content-length"]) == len(body)


def test_revalidation_gets_304(static_dir):
    make, _ = _middleware(static_dir)
    _, headers, _, _ = _run(make, "/static/js/main.abc123.js", {"Accept-Encoding": "gzip"})
    status, _, body, _ = _run(make, "/static/js/main.abc123.js",
                              {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})
    assert status == 304 and body == b""


@pytest.mark.parametrize("path, headers", [
    ("/static/js/main.abc123.js", {}),  # client does not accept gzip
    ("/static/js/main.abc123.js", {"Accept-Encoding": "gzip", "Range": "bytes=0-10"}),
    ("/static/js/tiny.js", {"Accept-Encoding": "gzip"}),  # too small to gain
    ("/static/media/font.woff2", {"Accept-Encoding": "gzip"}),  # already compressed type
    ("/static/js/missing.js", {"Accept-Encoding": "gzip"}),
    ("/static/../../secret.js", {"Accept-Encoding": "gzip"}),  # traversal: left to Streamlit's 400
    ("/_stcore/health", {"Accept-Encoding": "gzip"}),
    ("/kartta", {"Accept-Encoding": "gzip"}),
])
def test_everything_else_passes_through(static_dir, path, headers):
    make, _ = _middleware(static_dir)
    status, response_headers, body, passed = _run(make, path, headers)
    assert passed and body == b"from streamlit" and "content-encoding" not in response_headers


def test_warm_compresses_what_index_html_loads(static_dir):
    _, store = _middleware(static_dir)
    assert store.warm() == 1
    assert store.compressed(static_dir / "static" / "js" / "main.abc123.js") is not None


def test_real_streamlit_bundle_is_found():
    store = static_gzip.Store(base_url="")
    assert store.warm() >= 1  # index.html of the installed Streamlit names its entry bundle


def test_chart_pages_preload_the_plotly_chunk_that_exists():
    from tilannekuva.ui import frontend

    chunk = frontend._plotly_chunk()
    assert chunk and (static_gzip.streamlit_static_dir() / "static" / "js" / chunk).is_file()
    assert f'"{chunk}"' in frontend.PAGE_HTML and '"kartta"' in frontend.PAGE_HTML
