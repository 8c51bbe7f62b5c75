"""Client for the Sotkanet REST API (https://sotkanet.fi/rest/1.1), used only by `update`.

THL means the open interface for batch retrieval, not live querying: the app never calls it.
`python -m tilannekuva update` fetches once, keeps the raw responses, and the build reads them.

Behaviour (see /work/shared/data/SOTKANET_API.md for what is known about the API):
* every request carries a User-Agent (Sotkanet answers 403 without one);
* timeouts on connect/read; retries with exponential backoff on timeouts, connection errors,
  HTTP 5xx and 429 (honouring a numeric Retry-After, capped); no retry on other 4xx;
* every response is parsed and checked for the expected shape; anything else raises
  SotkanetError with a message naming the URL and the problem;
* a response body is streamed and given up past `max_response_bytes` (64 MB by default: a
  300 MB answer must not take gigabytes of memory); not retried;
* redirects are followed only within the same scheme, host and port (at most 5); a redirect to
  another host is refused, so the fetch never lands on a server we did not choose;
* `cancel()` (from another thread, e.g. on Ctrl-C) stops retries and waits at once: no request
  starts after it, a body being read stops at the next chunk, a back-off sleep ends.

The client is safe to share between threads (one httpx.Client, a lock for the counters).
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from .. import codes

CLIENT_VERSION = "1.0"
DEFAULT_BASE_URL = "https://sotkanet.fi/rest/1.1"
DEFAULT_USER_AGENT = "Tilannekuva/1.0 (+hyvinvoinnin tilannekuva, Pohjois-Pohjanmaa)"
GENDERS = codes.GENDERS
MAX_RETRY_AFTER = 60.0  # seconds; a longer Retry-After is capped, not obeyed blindly
MAX_RESPONSE_BYTES = 64 * 1024 * 1024  # a whole indicator for every region is a few MB
MAX_REDIRECTS = 5

# HTTP statuses worth another try: server trouble and rate limiting.
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504}) | frozenset(range(505, 600))


class SotkanetError(Exception):
    """A Sotkanet request failed or returned something unusable.

    `url` is the full request URL, `status` the HTTP status when there was one,
    `attempts` how many times the request was sent."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None, attempts: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status
        self.attempts = attempts


class SotkanetCancelled(SotkanetError):
    """The client was cancelled (Ctrl-C): the request was not sent or not finished."""


@dataclass(frozen=True)
class SotkanetResponse:
    """One successful response: the exact bytes (kept as the raw file) and the parsed JSON."""

    url: str
    content: bytes
    payload: Any


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-standard JSON constant {name}")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _describe(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 120 else text[:117] + "..."


class SotkanetClient:
    """Sotkanet REST client.

    retries = how many times a failed request is sent again (so at most retries + 1 attempts);
    the n-th retry waits backoff * 2**(n-1) seconds (or the server's Retry-After on 429/503)."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 20,
        retries: int = 3,
        backoff: float = 0.5,
        user_agent: str = DEFAULT_USER_AGENT,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ):
        if not user_agent or not user_agent.strip():
            raise ValueError("user_agent must not be empty: Sotkanet refuses requests without a User-Agent")
        if retries < 0:
            raise ValueError("retries must be >= 0")
        if timeout <= 0:
            raise ValueError("timeout must be > 0")
        if backoff < 0:
            raise ValueError("backoff must be >= 0")
        if max_response_bytes <= 0:
            raise ValueError("max_response_bytes must be > 0")
        self.max_response_bytes = int(max_response_bytes)
        self.base_url = base_url.rstrip("/")
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.user_agent = user_agent
        self._http = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": "application/json"},
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,  # followed by hand, only to the same host (_send)
        )
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self.requests_sent = 0  # every attempt, retries included
        self.retries_done = 0

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self._http.close()

    def cancel(self) -> None:
        """Stop every request of this client as soon as possible (thread-safe)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _check_cancelled(self, url: str) -> None:
        if self._cancelled.is_set():
            raise SotkanetCancelled(f"GET {url} cancelled", url=url)

    def __enter__(self) -> SotkanetClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ endpoints
    def regions(self) -> list[dict]:
        """GET /regions: every region of every level (id, code, category, title)."""
        return self.regions_response().payload

    def indicator(self, indicator_id: int) -> dict:
        """GET /indicators/{id}: the full metadata of one indicator."""
        return self.indicator_response(indicator_id).payload

    def data(self, indicator_id: int, years: Iterable[int], genders: Sequence[str] = (codes.TOTAL,)) -> list[dict]:
        """GET /json?indicator=ID&years=Y&years=Y2&genders=total: rows of all regions for the years.

        `value` may be null (suppressed / missing); `absValue` is optional."""
        return self.data_response(indicator_id, years, genders).payload

    def regions_response(self) -> SotkanetResponse:
        resp = self._get("/regions", None)
        _check_regions(resp)
        return resp

    def indicator_response(self, indicator_id: int) -> SotkanetResponse:
        iid = _indicator_id(indicator_id)
        resp = self._get(f"/indicators/{iid}", None)
        p = resp.payload
        if not isinstance(p, dict) or "id" not in p:
            raise SotkanetError(
                f"unexpected response from {resp.url}: expected a JSON object with an 'id' "
                f"(indicator metadata), got {_kind(p)}",
                url=resp.url,
            )
        if p["id"] != iid:
            raise SotkanetError(
                f"unexpected response from {resp.url}: metadata is for indicator {_describe(p['id'])}, not {iid}",
                url=resp.url,
            )
        return resp

    def data_response(
        self, indicator_id: int, years: Iterable[int], genders: Sequence[str] = (codes.TOTAL,)
    ) -> SotkanetResponse:
        iid = _indicator_id(indicator_id)
        year_list = sorted({int(y) for y in years})
        if not year_list:
            raise ValueError("years must not be empty")
        if isinstance(genders, str):
            genders = (genders,)
        bad = [g for g in genders if g not in GENDERS]
        if bad or not genders:
            raise ValueError(f"genders must be some of {GENDERS}, got {list(genders)}")
        params = [("indicator", str(iid))]
        params += [("years", str(y)) for y in year_list]
        params += [("genders", g) for g in dict.fromkeys(genders)]
        resp = self._get("/json", params)
        _check_data(resp, iid)
        return resp

    # ------------------------------------------------------------------ transport
    def _count(self, retry: bool) -> None:
        with self._lock:
            self.requests_sent += 1
            if retry:
                self.retries_done += 1

    def _get(self, path: str, params: list[tuple[str, str]] | None) -> SotkanetResponse:
        url = self.base_url + path
        try:
            request = self._http.build_request("GET", url, params=params)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise SotkanetError(f"invalid Sotkanet URL {url!r}: {exc}", url=url) from None
        full_url = str(request.url)
        attempts = self.retries + 1
        last_problem = ""
        last_status: int | None = None
        for attempt in range(1, attempts + 1):
            self._check_cancelled(full_url)
            self._count(retry=attempt > 1)
            wait = self.backoff * (2 ** (attempt - 1))
            try:
                response, content = self._send(request, full_url)
            except httpx.UnsupportedProtocol as exc:
                raise SotkanetError(f"invalid Sotkanet URL {full_url}: {exc}", url=full_url) from None
            except httpx.TimeoutException as exc:
                last_status = None
                last_problem = f"timed out after {self.timeout:g} s ({type(exc).__name__})"
            except httpx.TransportError as exc:
                last_status = None
                last_problem = f"connection failed ({type(exc).__name__}: {exc})"
            else:
                status = response.status_code
                if status == 200:
                    return SotkanetResponse(full_url, content, _parse_json(content, full_url))
                if status in _RETRY_STATUSES:
                    last_status = status
                    last_problem = f"HTTP {status} {response.reason_phrase}".rstrip()
                    wait = max(wait, _retry_after(response))
                else:
                    raise _client_error(status, response.reason_phrase, full_url, attempt, self.user_agent)
            if attempt < attempts and self._cancelled.wait(wait):
                self._check_cancelled(full_url)
        raise SotkanetError(
            f"GET {full_url} failed after {attempts} attempt(s): {last_problem}",
            url=full_url,
            attempts=attempts,
            status=last_status,
        )

    def _send(self, request: httpx.Request, full_url: str) -> tuple[httpx.Response, bytes]:
        """Send, following same-host redirects; the body (of a 200 only) read in chunks up to the cap."""
        for _ in range(MAX_REDIRECTS + 1):
            response = self._http.send(request, stream=True)
            try:
                if response.next_request is not None:  # a redirect with a Location
                    target = response.next_request
                    if (target.url.scheme, target.url.host, target.url.port) != (
                        request.url.scheme,
                        request.url.host,
                        request.url.port,
                    ):
                        raise SotkanetError(
                            f"GET {full_url} was redirected to another server "
                            f"({target.url.scheme}://{target.url.host}"
                            f"{':' + str(target.url.port) if target.url.port else ''}); "
                            "refused: data is only fetched from the server asked",
                            url=full_url,
                            status=response.status_code,
                        )
                    request = target
                    continue
                if response.status_code != 200:
                    return response, b""
                return response, self._read_capped(response, full_url)
            finally:
                response.close()
        raise SotkanetError(f"GET {full_url}: more than {MAX_REDIRECTS} redirects", url=full_url)

    def _read_capped(self, response: httpx.Response, full_url: str) -> bytes:
        limit = self.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SotkanetError(
                f"response from {full_url} is {int(declared) / 2**20:.0f} MiB, more than the "
                f"{limit / 2**20:g} MiB allowed; not read",
                url=full_url,
                status=200,
            )
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > limit:
                raise SotkanetError(
                    f"response from {full_url} is larger than the {limit / 2**20:g} MiB allowed; stopped reading",
                    url=full_url,
                    status=200,
                )
            self._check_cancelled(full_url)
            chunks.append(chunk)
        return b"".join(chunks)


def _retry_after(response: httpx.Response) -> float:
    text = response.headers.get("Retry-After", "").strip()
    try:
        seconds = float(text)
    except ValueError:
        return 0.0  # absent, or an HTTP date: fall back to the backoff
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _client_error(status: int, reason: str, url: str, attempt: int, user_agent: str) -> SotkanetError:
    if status == 403:
        msg = (
            f"HTTP 403 Forbidden from {url}: Sotkanet denied access. Sotkanet refuses requests "
            f"without a User-Agent header (this client sent {user_agent!r}); if it still refuses, "
            f"the address may be blocked or the terms of use changed - do not retry in a loop."
        )
    elif status == 404:
        msg = f"HTTP 404 Not Found from {url}: no such resource (is the indicator id right?)"
    else:
        msg = f"HTTP {status} {reason} from {url}: request refused (not retried)".replace("  ", " ")
    return SotkanetError(msg, url=url, status=status, attempts=attempt)


def _parse_json(content: bytes, url: str) -> Any:
    try:
        return json.loads(content, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        start = content[:80].decode("utf-8", "replace")
        raise SotkanetError(f"malformed JSON from {url}: {exc} (response starts {start!r})", url=url) from None


def _kind(v: Any) -> str:
    if isinstance(v, dict):
        return f"an object with keys {sorted(v)[:8]}"
    if isinstance(v, list):
        return f"a list of {len(v)} item(s)"
    return f"{type(v).__name__} {_describe(v)}"


def _indicator_id(indicator_id: Any) -> int:
    try:
        iid = int(str(indicator_id).strip())
    except ValueError:
        raise ValueError(f"Sotkanet indicator id must be a positive integer, got {indicator_id!r}") from None
    if iid <= 0:
        raise ValueError(f"Sotkanet indicator id must be a positive integer, got {indicator_id!r}")
    return iid


def _check_regions(resp: SotkanetResponse) -> None:
    p = resp.payload
    if not isinstance(p, list):
        raise SotkanetError(
            f"unexpected response from {resp.url}: expected a JSON list of regions, got {_kind(p)}", url=resp.url
        )
    for i, r in enumerate(p):
        if not isinstance(r, dict):
            raise SotkanetError(
                f"unexpected response from {resp.url}: region #{i} is not an object: {_describe(r)}", url=resp.url
            )
        problems = []
        if not _is_int(r.get("id")):
            problems.append("'id' is missing or not an integer")
        if not isinstance(r.get("category"), str):
            problems.append("'category' is missing or not a string")
        if r.get("code") is not None and not isinstance(r.get("code"), (str, int)):
            problems.append("'code' is not a string")
        if problems:
            raise SotkanetError(
                f"unexpected response from {resp.url}: region #{i} {_describe(r)}: " + "; ".join(problems), url=resp.url
            )


DATA_REQUIRED = ("indicator", "region", "year", "gender", "value")


def _check_data(resp: SotkanetResponse, iid: int) -> None:
    p = resp.payload
    if not isinstance(p, list):
        raise SotkanetError(
            f"unexpected response from {resp.url}: expected a JSON list of data rows, got {_kind(p)}", url=resp.url
        )
    for i, row in enumerate(p):
        problems = _row_problems(row, iid)
        if problems:
            raise SotkanetError(
                f"unexpected data row #{i} from {resp.url}: {_describe(row)}: " + "; ".join(problems), url=resp.url
            )


def _row_problems(row: Any, iid: int) -> list[str]:
    if not isinstance(row, dict):
        return ["not an object"]
    missing = [k for k in DATA_REQUIRED if k not in row]
    if missing:
        return [f"missing key(s) {missing}"]
    problems = []
    if row["indicator"] != iid:
        problems.append(f"indicator is {_describe(row['indicator'])}, expected {iid}")
    if not _is_int(row["region"]):
        problems.append("region is not an integer")
    if not _is_int(row["year"]):
        problems.append("year is not an integer")
    if row["gender"] not in GENDERS:
        problems.append(f"gender {_describe(row['gender'])} is not one of {GENDERS}")
    if row["value"] is not None and not _is_number(row["value"]):
        problems.append("value is neither a number nor null")
    if row.get("absValue") is not None and not _is_number(row["absValue"]):
        problems.append("absValue is neither a number nor null")
    return problems
