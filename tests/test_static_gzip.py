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

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
    }
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


def _middleware(static_dir, cache_dir=None):
    store = static_gzip.Store(directory=static_dir, base_url="", cache_dir=cache_dir or static_dir / "br-cache")
    return lambda inner: static_gzip.GzipStatic(inner, store=store), store


def test_bundle_file_is_served_gzip_with_streamlit_cache_headers(static_dir):
    make, _ = _middleware(static_dir)
    status, headers, body, passed = _run(make, "/static/js/main.abc123.js", {"Accept-Encoding": "gzip, deflate"})
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
    status, _, body, _ = _run(
        make, "/static/js/main.abc123.js", {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]}
    )
    assert status == 304 and body == b""


@pytest.mark.parametrize(
    "path, headers",
    [
        ("/static/js/main.abc123.js", {}),  # client does not accept gzip
        ("/static/js/main.abc123.js", {"Accept-Encoding": "gzip", "Range": "bytes=0-10"}),
        ("/static/js/tiny.js", {"Accept-Encoding": "gzip"}),  # too small to gain
        ("/static/media/font.woff2", {"Accept-Encoding": "gzip"}),  # already compressed type
        ("/static/js/missing.js", {"Accept-Encoding": "gzip"}),
        ("/static/../../secret.js", {"Accept-Encoding": "gzip"}),  # traversal: left to Streamlit's 400
        ("/_stcore/health", {"Accept-Encoding": "gzip"}),
        ("/kartta", {"Accept-Encoding": "gzip"}),
    ],
)
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


def test_brotli_is_served_once_ready_and_gzip_until_then(static_dir):
    """A client accepting br gets gzip at once (Brotli at quality 11 takes seconds on the real
    bundle, so it is made in the background) and the Brotli copy once it exists."""
    import brotli

    make, store = _middleware(static_dir)
    path, raw = "/static/js/main.abc123.js", (static_dir / "static" / "js" / "main.abc123.js").read_bytes()
    status, headers, body, passed = _run(make, path, {"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert status == 200 and not passed
    # The first request asks for the Brotli copy: it is started in the background, gzip now.
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == raw
    store.brotli(store.file_for(path), wait=True)
    status, headers, body, passed = _run(make, path, {"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert headers["content-encoding"] == "br" and headers["vary"] == "Accept-Encoding"
    assert brotli.decompress(body) == raw and len(body) < len(gzip.compress(raw, 9))
    assert headers["etag"].startswith('"br-') and headers["cache-control"] == static_gzip.IMMUTABLE
    # revalidation of the Brotli copy
    status, _, body, _ = _run(make, path, {"Accept-Encoding": "br", "If-None-Match": headers["etag"]})
    assert status == 304 and body == b""
    # br only, not ready: passed through uncompressed (never made to wait)
    fresh, fresh_store = _middleware(static_dir, cache_dir=static_dir / "other-cache")
    status, headers, body, passed = _run(fresh, path, {"Accept-Encoding": "br"})
    assert passed and body == b"from streamlit"


def test_brotli_copies_are_kept_on_disk_by_content_hash(static_dir, tmp_path):
    cache = tmp_path / "cache"
    _, store = _middleware(static_dir, cache_dir=cache)
    file = store.file_for("/static/js/main.abc123.js")
    first = store.brotli(file, wait=True)
    kept = list(cache.glob("*.br"))
    assert len(kept) == 1 and kept[0].read_bytes() == first.body
    # A new process (a new store) reads the copy instead of compressing again.
    _, again = _middleware(static_dir, cache_dir=cache)
    kept[0].write_bytes(first.body)  # same bytes: the etag/body come from the file on disk
    assert again.brotli(again.file_for("/static/js/main.abc123.js"), wait=True).body == first.body
    # A changed file has another hash: never the old copy.
    (static_dir / "static" / "js" / "main.abc123.js").write_text("console.log('uusi');\n" * 400)
    _, changed = _middleware(static_dir, cache_dir=cache)
    import brotli

    body = changed.brotli(changed.file_for("/static/js/main.abc123.js"), wait=True).body
    assert brotli.decompress(body).startswith(b"console.log('uusi')")
    assert len(list(cache.glob("*.br"))) == 2


@pytest.mark.parametrize(
    "header, expected",
    [
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("br;q=0, gzip", {"gzip"}),
        ("GZIP;q=0.5", {"gzip"}),
        ("", set()),
    ],
)
def test_accept_encoding_parsing(header, expected):
    assert static_gzip.accepted(header) == expected
