"""Static chart rendering: the app's own Plotly figures drawn offline by Kaleido in Debian's Chromium.

One browser serves a whole batch (a profile's charts, or `report --all`): starting Chromium costs
about a second, a render after that 0.1–0.5 s. `kaleido.start_sync_server()` keeps one browser
too, but its background thread cannot report a failed start (a call then waits forever), and a
start fails now and then on a busy machine; so `ChartRenderer` runs the same `kaleido.Kaleido`
object on its own event-loop thread, with a timeout on every call and up to three starts.
MathJax is turned off: Kaleido would fetch it from the network, which this product never uses.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from pathlib import Path

import plotly.graph_objects as go

CHROMIUM = Path("/usr/bin/chromium")
START_ATTEMPTS = 3
START_TIMEOUT = 60.0
RENDER_TIMEOUT = 90.0
#: Browser tabs: Kaleido reloads a tab (plotly.js) after every chart, so with two tabs one draws
#: while the other reloads.
TABS = 2

log = logging.getLogger("tilannekuva.report")


#: Kaleido reloads a tab (and plotly.js with it) after every chart; in a batch that reload was two
#: thirds of the browser's time (measured: 10 charts 34 s -> 11 s on a loaded machine, identical
#: bytes). A tab is reloaded after this many charts instead, so its memory stays bounded.
RELOAD_EVERY = 20


def _batch_kaleido():
    """kaleido.Kaleido that reloads a tab every RELOAD_EVERY charts instead of after each one.
    Overrides Kaleido 1.5's tab hand-back (`_return_kaleido_tab`; kaleido is pinned exactly, and the
    report tests read the rendered charts back); with another version the override is not used."""
    import kaleido

    class BatchKaleido(kaleido.Kaleido):
        async def _return_kaleido_tab(self, tab) -> None:
            counts = self.__dict__.setdefault("_tab_uses", {})  # per browser, per tab
            uses = counts.get(id(tab), 0) + 1
            if uses >= RELOAD_EVERY:
                counts[id(tab)] = 0
                await super()._return_kaleido_tab(tab)
                return
            counts[id(tab)] = uses
            await self.tabs_ready.put(tab)

    if not hasattr(kaleido.Kaleido, "_return_kaleido_tab"):
        return kaleido.Kaleido
    return BatchKaleido


class RenderError(RuntimeError):
    """The browser could not be started or a chart could not be drawn."""


def _browser_env() -> None:
    """Kaleido finds Debian's Chromium through BROWSER_PATH (kept if the caller set it)."""
    if "BROWSER_PATH" not in os.environ and CHROMIUM.exists():
        os.environ["BROWSER_PATH"] = str(CHROMIUM)


class ChartRenderer:
    """`with ChartRenderer() as r: r.render(fig, "pdf", width=1000, height=560)` – one browser for
    everything rendered inside the block. Thread-safe: calls are queued on the renderer's loop."""

    def __init__(
        self,
        *,
        attempts: int = START_ATTEMPTS,
        start_timeout: float = START_TIMEOUT,
        render_timeout: float = RENDER_TIMEOUT,
        tabs: int = TABS,
    ):
        self.attempts = attempts
        self.tabs = tabs
        self.start_timeout = start_timeout
        self.render_timeout = render_timeout
        self.starts = 0  # browser starts, for the benchmark and the tests
        self._kaleido = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pending: dict[tuple, tuple] = {}

    # -- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> ChartRenderer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _run(self, coroutine, timeout: float):
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=timeout)
        except TimeoutError:
            future.cancel()
            raise

    async def _open(self):
        browser = _batch_kaleido()(n=self.tabs, timeout=self.render_timeout, mathjax=False)
        try:
            await browser.open()
        except BaseException:
            await _close_quietly(browser)
            raise
        return browser

    def start(self) -> None:
        if self._kaleido is not None:
            return
        _browser_env()
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True)
            self._thread.start()
        error: BaseException | None = None
        for attempt in range(1, self.attempts + 1):
            try:
                self._kaleido = self._run(self._open(), self.start_timeout)
                self.starts += 1
                return
            except Exception as exc:  # noqa: BLE001 - any start-up failure is retried
                error = exc
                log.warning("Chromium start %d/%d failed: %s", attempt, self.attempts, exc)
        self._stop_loop()
        raise RenderError(f"Chromium did not start ({self.attempts} attempts): {error}") from error

    def stop(self) -> None:
        for _, future in self._pending.values():
            future.cancel()
        self._pending.clear()
        if self._kaleido is not None and self._loop is not None:
            try:
                self._run(_close_quietly(self._kaleido), 30)
            except Exception:  # noqa: BLE001 - closing is best effort
                pass
        self._kaleido = None
        self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            self._loop.close()
        self._loop = None
        self._thread = None

    # -- rendering --------------------------------------------------------------------------------
    def submit(self, fig: go.Figure, fmt: str, *, width: int, height: int, scale: float = 1) -> None:
        """Start drawing `fig` now (in one of the browser's tabs) so that a later `render` of the
        same figure and options only waits for it: a batch lays out text while charts are drawn."""
        key = (id(fig), fmt, int(width), int(height), scale)
        if key in self._pending:
            return
        if self._kaleido is None:
            self.start()
        opts = {"format": fmt, "width": int(width), "height": int(height), "scale": scale}
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(fig, opts=opts), self._loop)
        self._pending[key] = (fig, future)  # the figure is kept alive while its id is a key

    def render(self, fig: go.Figure, fmt: str, *, width: int, height: int, scale: float = 1) -> bytes:
        """`fmt` 'pdf' | 'svg' | 'png'. A failed render restarts the browser once and tries again."""
        key = (id(fig), fmt, int(width), int(height), scale)
        for attempt in (1, 2):
            if key not in self._pending:
                self.submit(fig, fmt, width=width, height=height, scale=scale)
            _, future = self._pending.pop(key)
            try:
                return future.result(timeout=self.render_timeout)
            except Exception as exc:  # noqa: BLE001
                future.cancel()
                if attempt == 2:
                    raise RenderError(f"chart could not be drawn: {exc}") from exc
                log.warning("render failed, restarting Chromium: %s", exc)
                self.stop()
        raise AssertionError("unreachable")


async def _close_quietly(browser) -> None:
    try:
        await browser.close()
    except Exception:  # noqa: BLE001
        pass


def render_once(fig: go.Figure, fmt: str, *, width: int, height: int, scale: float = 1) -> bytes:
    """One chart with its own short-lived browser (a download button in the app)."""
    with ChartRenderer() as renderer:
        return renderer.render(fig, fmt, width=width, height=height, scale=scale)
