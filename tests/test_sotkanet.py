"""The Sotkanet client against the fake server on 127.0.0.1 (never the network)."""

from __future__ import annotations

import http.client
import socket
import time

import pytest
from fake_sotkanet import HVA19_ID, MUNICIPALITIES, UNKNOWN_REGION_ID, fake_sotkanet  # noqa: F401

from tilannekuva.build.sotkanet import DEFAULT_USER_AGENT, SotkanetClient, SotkanetError

FAST = {"timeout": 0.3, "backoff": 0.01}


@pytest.fixture()
def client(fake_sotkanet):
    with SotkanetClient(fake_sotkanet.base_url, retries=2, **FAST) as c:
        yield c


# --------------------------------------------------------------------------- happy paths


def test_regions_sends_user_agent(client, fake_sotkanet):
    regions = client.regions()
    assert {r["id"] for r in regions} >= {rid for *_, rid, _ in MUNICIPALITIES} | {973, 503, 658}
    (req,) = fake_sotkanet.requests_to("/regions")
    assert req.headers["user-agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT == "Tilannekuva/1.0 (+hyvinvoinnin tilannekuva, Pohjois-Pohjanmaa)"


def test_data_repeats_years_params_and_keeps_real_shape(client, fake_sotkanet):
    rows = client.data(683, [2023, 2022, 2023])
    (req,) = fake_sotkanet.requests_to("/json")
    assert req.params("indicator") == ["683"]
    assert req.params("years") == ["2022", "2023"]  # repeated, not comma-joined
    assert req.params("genders") == ["total"]
    assert {"indicator": 683, "region": 261, "year": 2023, "gender": "total", "value": 10.6, "absValue": 10546} in rows
    assert {r["year"] for r in rows} == {2022, 2023}


def test_data_accepts_null_value_and_missing_absvalue(client, fake_sotkanet):
    fake_sotkanet.data[127].append({"indicator": 127, "region": 30, "year": 2023, "gender": "total", "value": None})
    rows = client.data(127, [2022, 2023])
    assert all("absValue" not in r for r in rows)
    assert {"indicator": 127, "region": 30, "year": 2023, "gender": "total", "value": None} in rows


def test_indicator_metadata(client):
    meta = client.indicator(186)
    assert meta["id"] == 186 and meta["title"]["fi"] == "Kuolleisuus / 100 000 asukasta"
    assert meta["range"] == {"start": 1990, "end": 2024} and meta["data-updated"] == "2025-04-29"


def test_empty_result_is_valid(client, fake_sotkanet):
    fake_sotkanet.add_fault("/json", "empty", indicator=683)
    assert client.data(683, [2023]) == []


def test_unknown_region_row_passes_the_client(client, fake_sotkanet):
    # dropping rows of unknown regions is the loader's job (tests/test_update.py)
    fake_sotkanet.add_fault("/json", "unknown_region", indicator=683)
    assert any(r["region"] == UNKNOWN_REGION_ID for r in client.data(683, [2023]))


def test_client_refuses_empty_user_agent():
    with pytest.raises(ValueError, match="User-Agent"):
        SotkanetClient("http://127.0.0.1:9", user_agent="")


def test_bad_arguments():
    with SotkanetClient("http://127.0.0.1:9") as c:
        with pytest.raises(ValueError, match="years"):
            c.data(683, [])
        with pytest.raises(ValueError, match="genders"):
            c.data(683, [2023], genders=("both",))
        with pytest.raises(ValueError, match="positive integer"):
            c.indicator("abc")


# --------------------------------------------------------------------------- HTTP faults


def test_fake_refuses_requests_without_user_agent(fake_sotkanet):
    port = int(fake_sotkanet.base_url.split(":")[2].split("/")[0])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)  # sends no User-Agent
    try:
        conn.request("GET", "/rest/1.1/regions")
        assert conn.getresponse().status == 403
    finally:
        conn.close()


def test_403_is_explained_and_not_retried(client, fake_sotkanet):
    fake_sotkanet.add_fault("/regions", "status", status=403)
    with pytest.raises(SotkanetError) as err:
        client.regions()
    msg = str(err.value)
    assert "HTTP 403" in msg and "User-Agent" in msg and "denied" in msg
    assert f"{fake_sotkanet.base_url}/regions" in msg
    assert err.value.status == 403
    assert len(fake_sotkanet.requests_to("/regions")) == 1


@pytest.mark.parametrize("status", [400, 404])
def test_other_4xx_not_retried(client, fake_sotkanet, status):
    fake_sotkanet.add_fault("/indicators/683", "status", status=status)
    with pytest.raises(SotkanetError, match=f"HTTP {status}.*/indicators/683"):
        client.indicator(683)
    assert len(fake_sotkanet.requests_to("/indicators/683")) == 1


def test_unknown_indicator_is_404(client, fake_sotkanet):
    with pytest.raises(SotkanetError, match=r"HTTP 404 Not Found from .*/indicators/424242.*indicator id"):
        client.indicator(424242)


def test_500_then_success_is_retried_and_counted(client, fake_sotkanet):
    fake_sotkanet.add_fault("/json", "status", status=500, times=2)
    rows = client.data(683, [2023])
    assert rows
    assert len(fake_sotkanet.requests_to("/json")) == 3
    assert client.retries_done == 2 and client.requests_sent == 3


def test_500_always_gives_up_after_retries(client, fake_sotkanet):
    fake_sotkanet.add_fault("/json", "status", status=503)
    with pytest.raises(SotkanetError) as err:
        client.data(683, [2022, 2023])
    msg = str(err.value)
    assert "failed after 3 attempt(s): HTTP 503" in msg
    assert "/json?indicator=683&years=2022&years=2023&genders=total" in msg
    assert err.value.status == 503 and err.value.attempts == 3
    assert len(fake_sotkanet.requests_to("/json")) == 3


def test_429_honours_retry_after(client, fake_sotkanet):
    fake_sotkanet.add_fault("/regions", "status", status=429, times=1, headers={"Retry-After": "0.2"})
    t0 = time.monotonic()
    assert client.regions()
    assert time.monotonic() - t0 >= 0.2
    assert client.retries_done == 1


def test_timeout_then_success(client, fake_sotkanet):
    fake_sotkanet.add_fault("/indicators/683", "timeout", delay=1.0, times=1)
    assert client.indicator(683)["id"] == 683
    assert client.retries_done == 1


def test_timeout_always_fails_clearly(fake_sotkanet):
    fake_sotkanet.add_fault("/indicators/683", "timeout", delay=1.0)
    with SotkanetClient(fake_sotkanet.base_url, retries=1, **FAST) as c:
        t0 = time.monotonic()
        with pytest.raises(SotkanetError, match=r"/indicators/683 failed after 2 attempt\(s\): timed out after 0.3 s"):
            c.indicator(683)
        assert time.monotonic() - t0 < 2.0
    assert len(fake_sotkanet.requests_to("/indicators/683")) == 2


def test_connection_refused_is_retried_then_reported():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with SotkanetClient(f"http://127.0.0.1:{port}/rest/1.1", retries=1, **FAST) as c:
        with pytest.raises(SotkanetError, match=r"failed after 2 attempt\(s\): connection failed \(ConnectError"):
            c.regions()
        assert c.requests_sent == 2


# --------------------------------------------------------------------------- bad bodies


def test_malformed_json(client, fake_sotkanet):
    fake_sotkanet.add_fault("/json", "malformed")
    with pytest.raises(
        SotkanetError, match=r"malformed JSON from http://127\.0\.0\.1:\d+/rest/1\.1/json\?indicator=683"
    ):
        client.data(683, [2023])
    assert len(fake_sotkanet.requests_to("/json")) == 1  # not retried


def test_nan_is_malformed(client, fake_sotkanet):
    fake_sotkanet.data[683].append(
        {"indicator": 683, "region": 261, "year": 2021, "gender": "total", "value": float("nan")}
    )
    with pytest.raises(SotkanetError, match="malformed JSON .*NaN"):
        client.data(683, [2021])


@pytest.mark.parametrize(
    ("path", "call", "expected"),
    [
        ("/json", lambda c: c.data(683, [2023]), "expected a JSON list of data rows, got an object"),
        ("/indicators/683", lambda c: c.indicator(683), "expected a JSON object with an 'id'.*got a list"),
        ("/regions", lambda c: c.regions(), "expected a JSON list of regions, got an object"),
    ],
)
def test_wrong_shape(client, fake_sotkanet, path, call, expected):
    fake_sotkanet.add_fault(path, "wrong_shape")
    with pytest.raises(SotkanetError, match=f"unexpected response from .*{path}.*: {expected}"):
        call(client)


def test_row_without_value_key(client, fake_sotkanet):
    fake_sotkanet.add_fault("/json", "bad_row")
    with pytest.raises(
        SotkanetError, match=r"unexpected data row #\d+ from .*/json\?indicator=683.*missing key\(s\) \['value'\]"
    ):
        client.data(683, [2023])


def test_row_of_another_indicator(client, fake_sotkanet):
    fake_sotkanet.data[127].append({"indicator": 683, "region": HVA19_ID, "year": 2022, "gender": "total", "value": 1})
    with pytest.raises(SotkanetError, match="indicator is 683, expected 127"):
        client.data(127, [2022])


def test_metadata_of_another_indicator(client, fake_sotkanet):
    fake_sotkanet.metadata[999] = fake_sotkanet.metadata[683]
    with pytest.raises(SotkanetError, match="metadata is for indicator 683, not 999"):
        client.indicator(999)


# ------------------------------------------------------------------- size cap, redirects, cancel (issue 9, item 7)


@pytest.mark.parametrize("declare_length", [True, False], ids=["content_length", "no_length"])
def test_oversized_response_is_refused_not_read_whole(fake_sotkanet, declare_length):
    """A 20 MB answer to a client capped at 1 MiB: refused with the size, not retried, and (without
    a Content-Length) reading stops near the cap instead of taking all of it into memory."""
    fake_sotkanet.add_fault("/json", "huge", size=20 * 2**20, declare_length=declare_length)
    with SotkanetClient(fake_sotkanet.base_url, retries=2, max_response_bytes=2**20, **FAST) as c:
        with pytest.raises(SotkanetError) as err:
            c.data(683, [2023])
    msg = str(err.value)
    assert "1 MiB" in msg and ("not read" if declare_length else "stopped reading") in msg
    assert len(fake_sotkanet.requests_to("/json")) == 1  # not retried


def test_default_cap_is_far_above_a_real_response(client):
    assert client.max_response_bytes == 64 * 2**20
    assert len(client.data(683, [2022, 2023])) > 0


def test_redirect_to_another_host_is_refused(fake_sotkanet):
    fake_sotkanet.add_fault("/regions", "redirect", location="http://127.0.0.2:9/rest/1.1/regions")
    with SotkanetClient(fake_sotkanet.base_url, retries=2, **FAST) as c:
        with pytest.raises(SotkanetError, match=r"redirected to another server \(http://127\.0\.0\.2:9\); refused"):
            c.regions()
    assert len(fake_sotkanet.requests_to("/regions")) == 1  # not retried either


def test_redirect_within_the_server_is_followed(client, fake_sotkanet):
    fake_sotkanet.add_fault("/regions", "redirect", location="/rest/1.1/regions", times=1)
    assert {r["id"] for r in client.regions()} >= {973, 503, 658}
    assert len(fake_sotkanet.requests_to("/regions")) == 2


def test_cancel_ends_a_retry_wait_at_once(fake_sotkanet):
    """A 503 with Retry-After: 30 and five retries would take minutes; cancel() ends it now."""
    import threading

    from tilannekuva.build.sotkanet import SotkanetCancelled

    fake_sotkanet.add_fault("/regions", "status", status=503, headers={"Retry-After": "30"})
    outcome = {}
    with SotkanetClient(fake_sotkanet.base_url, retries=5, timeout=5, backoff=0.01) as c:

        def call():
            try:
                c.regions()
            except Exception as exc:  # noqa: BLE001
                outcome["exc"] = exc

        worker = threading.Thread(target=call)
        worker.start()
        time.sleep(0.5)  # the first 503 is in, the client now waits 30 s before retrying
        started = time.monotonic()
        c.cancel()
        worker.join(5)
        assert not worker.is_alive()
        assert time.monotonic() - started < 1.0
    assert isinstance(outcome["exc"], SotkanetCancelled)
    assert len(fake_sotkanet.requests_to("/regions")) == 1
