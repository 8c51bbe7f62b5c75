"""A fake Sotkanet REST API on 127.0.0.1 (random port) for the update tests. Never the network.

It serves the real response shapes (shared/data/SOTKANET_API.md):
* GET <base>/regions          list of {id, code, category, title{fi,sv,en}, uri}: the 30 Pohde
                              municipalities (real Sotkanet ids), Pohde 973/'19', maakunta 503/'17',
                              koko maa 658, and regions that must be filtered out (Helsinki,
                              Kainuu's hyvinvointialue, an old-series hyvinvointialue that also
                              has code '19', a seutukunta, a Nordic country);
* GET <base>/indicators/<id>  metadata shaped like the stored real response (186 abridged from
                              the 2025 sample; 683 and 127 synthesized in the same shape);
* GET <base>/json?indicator=ID&years=Y&years=Y2&genders=total
                              flat list of {indicator, region, year, gender, value[, absValue]}:
                              683 = real rows 2022-2023 (30 municipalities + 973 + 503 + 658),
                              127 = real populations 2022 (value only, no absValue), plus fixture
                              rows for the filtered regions.

Faults (add_fault): 'status' (HTTP <status>, optionally only the first `times` requests),
'timeout' (sleep `delay` s before answering), 'malformed' (truncated JSON), 'wrong_shape'
(an object where a list is expected and vice versa), 'bad_row' (a data row without 'value'),
'unknown_region' (an extra row with region id 99999), 'empty' (an empty list),
'huge' (a 200 response of `size` bytes, streamed in 1 MB chunks, with or without Content-Length),
'redirect' (HTTP 302 to `location`: another host, or a path of this server).
A request without a User-Agent header always gets HTTP 403, as Sotkanet is reported to do.

Use the `fake_sotkanet` fixture (import it into the test module) or `with FakeSotkanet() as fake:`.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

PREFIX = "/rest/1.1"
UNKNOWN_REGION_ID = 99999

# kuntanumero, name_fi, name_sv, Sotkanet region id, population 31.12.2022 (shared/data/municipalities.csv)
MUNICIPALITIES = [
    ("009", "Alavieska", "Alavieska", 4, 2447),
    ("069", "Haapajärvi", "Haapajärvi", 28, 6687),
    ("071", "Haapavesi", "Haapavesi", 29, 6601),
    ("072", "Hailuoto", "Karlö", 30, 960),
    ("139", "Ii", "Ijo", 59, 9853),
    ("208", "Kalajoki", "Kalajoki", 95, 12335),
    ("244", "Kempele", "Kempele", 121, 19300),
    ("305", "Kuusamo", "Kuusamo", 167, 15146),
    ("317", "Kärsämäki", "Kärsämäki", 174, 2474),
    ("425", "Liminka", "Limingo", 200, 10258),
    ("436", "Lumijoki", "Lumijoki", 209, 1988),
    ("483", "Merijärvi", "Merijärvi", 223, 1067),
    ("494", "Muhos", "Muhos", 231, 8882),
    ("535", "Nivala", "Nivala", 247, 10409),
    ("563", "Oulainen", "Oulainen", 260, 7025),
    ("564", "Oulu", "Uleåborg", 261, 211848),
    ("615", "Pudasjärvi", "Pudasjärvi", 296, 7603),
    ("625", "Pyhäjoki", "Pyhäjoki", 304, 2991),
    ("626", "Pyhäjärvi", "Pyhäjärvi", 305, 4835),
    ("630", "Pyhäntä", "Pyhäntä", 306, 1635),
    ("678", "Raahe", "Brahestad", 312, 24073),
    ("691", "Reisjärvi", "Reisjärvi", 321, 2636),
    ("746", "Sievi", "Sievi", 348, 4735),
    ("748", "Siikajoki", "Siikajoki", 350, 4897),
    ("785", "Vaala", "Vaala", 405, 2626),
    ("791", "Siikalatva", "Siikalatva", 798, 5029),
    ("832", "Taivalkoski", "Taivalkoski", 374, 3825),
    ("859", "Tyrnävä", "Tyrnävä", 394, 6562),
    ("889", "Utajärvi", "Utajärvi", 399, 2523),
    ("977", "Ylivieska", "Ylivieska", 445, 15293),
]
KUNTANUMEROT = {k for k, *_ in MUNICIPALITIES}
REGION_ID_BY_KUNTA = {k: rid for k, _, _, rid, _ in MUNICIPALITIES}

# Regions above the municipalities that we keep, and some we must drop.
HVA19_ID, MK17_ID, SSS_ID = 973, 503, 658
HELSINKI_ID, KAINUU_HVA_ID, OLD_HVA_CODE19_ID, OULU_SK_ID, SWEDEN_ID = 46, 962, 886, 579, 9001
FILTERED_REGION_IDS = (HELSINKI_ID, KAINUU_HVA_ID, OLD_HVA_CODE19_ID, OULU_SK_ID, SWEDEN_ID)


def _title(fi: str, sv: str | None = None, en: str | None = None) -> dict:
    return {"fi": fi, "sv": sv or fi, "en": en or fi}


def default_regions() -> list[dict]:
    regions = [
        {
            "id": rid,
            "code": k,
            "category": "KUNTA",
            "title": _title(fi, sv),
            "uri": f"http://www.yso.fi/onto/kunnat/k{k}",
        }
        for k, fi, sv, rid, _ in MUNICIPALITIES
    ]
    regions += [
        {
            "id": HVA19_ID,
            "code": "19",
            "category": "HYVINVOINTIALUE",
            "title": _title(
                "Pohjois-Pohjanmaan hyvinvointialue",
                "Norra Österbottens välfärdsområde",
                "North Ostrobothnia Wellbeing Services County",
            ),
        },
        {
            "id": MK17_ID,
            "code": "17",
            "category": "MAAKUNTA",
            "title": _title("Pohjois-Pohjanmaa", "Norra Österbotten", "North Ostrobothnia"),
        },
        {"id": SSS_ID, "code": "SSS", "category": "MAA", "title": _title("Koko maa", "Hela landet", "Whole country")},
        # to be dropped:
        {
            "id": HELSINKI_ID,
            "code": "091",
            "category": "KUNTA",
            "title": _title("Helsinki", "Helsingfors"),
            "uri": "http://www.yso.fi/onto/kunnat/k091",
        },
        {
            "id": KAINUU_HVA_ID,
            "code": "20",
            "category": "HYVINVOINTIALUE",
            "title": _title("Kainuun hyvinvointialue", "Kajanalands välfärdsområde"),
        },
        # old-series id of Keski-Uusimaa; its old code was 19 (rOpenGov sotkanet_hyvinvointialueet.csv)
        {
            "id": OLD_HVA_CODE19_ID,
            "code": "19",
            "category": "HYVINVOINTIALUE",
            "title": _title("Keski-Uudenmaan hyvinvointialue", "Mellersta Nylands välfärdsområde"),
        },
        {"id": OULU_SK_ID, "code": "171", "category": "SEUTUKUNTA", "title": _title("Oulun seutukunta")},
        {"id": SWEDEN_ID, "code": "SE", "category": "POHJOISMAAT", "title": _title("Ruotsi", "Sverige", "Sweden")},
    ]
    return regions


# Real rows of indicator 683 (raw/sotkanet_683_diabetes_pohde_subset_2015_2023.csv), 2022-2023:
# (region, year, value, absValue)
REAL_683 = [
    (200, 2022, 9.6, 394),
    (296, 2022, 14.1, 700),
    (394, 2022, 13.3, 371),
    (261, 2022, 10.5, 10188),
    (312, 2022, 14.1, 1943),
    (95, 2022, 12.0, 856),
    (305, 2022, 15.2, 497),
    (59, 2022, 13.1, 680),
    (973, 2022, 12.0, 25183),
    (260, 2022, 15.5, 634),
    (29, 2022, 16.0, 574),
    (304, 2022, 15.3, 280),
    (209, 2022, 10.8, 103),
    (445, 2022, 11.0, 824),
    (798, 2022, 15.8, 513),
    (350, 2022, 14.8, 412),
    (399, 2022, 18.2, 293),
    (167, 2022, 11.9, 1132),
    (321, 2022, 14.6, 220),
    (503, 2022, 12.0, 25183),
    (223, 2022, 14.8, 79),
    (28, 2022, 14.3, 557),
    (121, 2022, 10.1, 923),
    (658, 2022, 11.6, 352995),
    (247, 2022, 17.2, 898),
    (30, 2022, 13.3, 93),
    (348, 2022, 13.4, 308),
    (174, 2022, 15.0, 220),
    (231, 2022, 12.4, 554),
    (374, 2022, 13.9, 340),
    (405, 2022, 14.8, 284),
    (306, 2022, 15.6, 133),
    (4, 2022, 12.9, 180),
    (209, 2023, 11.6, 113),
    (445, 2023, 11.0, 836),
    (95, 2023, 12.3, 885),
    (260, 2023, 15.4, 634),
    (296, 2023, 14.1, 687),
    (304, 2023, 15.7, 287),
    (30, 2023, 13.2, 92),
    (503, 2023, 12.2, 25733),
    (59, 2023, 13.1, 678),
    (973, 2023, 12.2, 25733),
    (321, 2023, 14.8, 223),
    (29, 2023, 15.8, 565),
    (399, 2023, 18.5, 296),
    (394, 2023, 13.2, 369),
    (121, 2023, 10.3, 956),
    (798, 2023, 16.1, 516),
    (350, 2023, 15.5, 431),
    (223, 2023, 14.7, 78),
    (247, 2023, 17.1, 907),
    (28, 2023, 14.6, 563),
    (374, 2023, 14.2, 344),
    (261, 2023, 10.6, 10546),
    (658, 2023, 11.8, 361307),
    (4, 2023, 12.7, 177),
    (200, 2023, 9.9, 413),
    (305, 2023, 15.2, 488),
    (348, 2023, 13.3, 307),
    (306, 2023, 15.5, 133),
    (174, 2023, 15.0, 218),
    (405, 2023, 15.1, 283),
    (167, 2023, 12.3, 1171),
    (231, 2023, 12.3, 555),
    (312, 2023, 14.3, 1982),
]


def default_data() -> dict[int, list[dict]]:
    d683 = [
        {"indicator": 683, "region": r, "year": y, "gender": "total", "value": v, "absValue": a}
        for r, y, v, a in REAL_683
    ]
    # fixture values (not real) for regions outside our area: the client must drop them
    for rid in FILTERED_REGION_IDS:
        for year in (2022, 2023):
            d683.append(
                {"indicator": 683, "region": rid, "year": year, "gender": "total", "value": 11.1, "absValue": 1111}
            )
    d127 = [
        {"indicator": 127, "region": rid, "year": 2022, "gender": "total", "value": pop}
        for _, _, _, rid, pop in MUNICIPALITIES
    ]
    d127.append({"indicator": 127, "region": HELSINKI_ID, "year": 2022, "gender": "total", "value": 664028})
    return {683: d683, 127: d127, 186: []}


_REGION_LEVELS = [
    "Suuralue",
    "Maa",
    "Sairaanhoitopiiri",
    "Aluehallintovirasto",
    "Nuts1",
    "Kunta",
    "Erva",
    "Seutukunta",
    "Maakunta",
    "Hyvinvointialue",
]


def _metadata(
    iid: int,
    updated: str,
    start: int,
    end: int,
    title: tuple[str, str, str],
    org: tuple[int, str, str],
    pvt: tuple[str, str, str],
    decimals: int,
) -> dict:
    org_title = {"fi": org[1], "en": org[2], "sv": org[1]}
    return {
        "id": iid,
        "data-updated": updated,
        "range": {"start": start, "end": end},
        "title": {"fi": title[0], "en": title[1], "sv": title[2]},
        "description": {"fi": f"{title[0]}.<br>", "en": f"{title[1]}.<br>", "sv": f"{title[2]}.<br>"},
        "interpretation": {"fi": "", "en": "", "sv": ""},
        "limits": {"fi": "", "en": "", "sv": ""},
        "legislation": {"fi": "", "en": "", "sv": ""},
        "notices": {"fi": "", "en": "", "sv": ""},
        "primaryValueType": {"code": pvt[0], "title": {"fi": pvt[1], "en": pvt[2], "sv": pvt[1]}},
        "decimals": decimals,
        "classifications": {
            "region": {
                "title": {
                    "fi": "Kunta, maakunta, hyvinvointialue, koko maa",
                    "en": "Municipality, region, wellbeing services county, whole country",
                    "sv": "Kommun, landskap, välfärdsområde, hela landet",
                },
                "values": list(_REGION_LEVELS),
            },
            "sex": {"title": {"fi": "Sukupuoli", "en": "Sex", "sv": "Kön"}, "values": ["male", "female", "total"]},
        },
        "organization": {"id": org[0], "title": org_title},
        "subjects": [],
        "sources": [
            {
                "organization": {"id": org[0], "title": org_title},
                "title": {"fi": org[1], "en": org[2], "sv": org[1]},
                "description": {"fi": "", "en": "", "sv": ""},
            }
        ],
        "groups": [],
    }


def default_metadata() -> dict[int, dict]:
    # 186: the real stored response (2025-09-09), abridged texts
    m186 = _metadata(
        186,
        "2025-04-29",
        1990,
        2024,
        ("Kuolleisuus / 100 000 asukasta", "Mortality per 100 000 inhabitants", "Dödlighet / 100 000 invånare"),
        (3, "Tilastokeskus", "Statistics Finland"),
        ("PER100000", "Sataa tuhatta asukasta kohden", "Per 100 000 inhabitants"),
        1,
    )
    m186["organization"]["title"]["sv"] = "Statistikcentralen"
    m186["subjects"] = [
        {"fi": "kuolleisuus", "sv": "dödlighet", "en": "mortality", "uri": "http://www.yso.fi/onto/yso/p5003"}
    ]
    m186["groups"] = [188, 102]
    # 683 and 127: same shape, titles and dates are test fixtures
    m683 = _metadata(
        683,
        "2024-11-20",
        2015,
        2023,
        (
            "Diabeteslääkkeiden erityiskorvausoikeus, % 40 vuotta täyttäneistä",
            "Special reimbursement for diabetes medication, % of 40+",
            "Specialersättning för diabetesläkemedel, % av 40 år fyllda",
        ),
        (5, "Kansaneläkelaitos (Kela)", "Social Insurance Institution of Finland (Kela)"),
        ("PERCENT", "Prosenttia", "Per cent"),
        1,
    )
    m127 = _metadata(
        127,
        "2025-05-30",
        1990,
        2024,
        ("Väestö 31.12.", "Population 31 Dec", "Befolkning 31.12"),
        (3, "Tilastokeskus", "Statistics Finland"),
        ("COUNT", "Lukumäärä", "Number"),
        0,
    )
    return {186: m186, 683: m683, 127: m127}


@dataclass
class Fault:
    path: str  # relative to the base URL: '/regions', '/indicators/683', '/json'
    kind: str
    indicator: int | None = None  # for '/json': only this indicator
    times: int | None = None  # only the first N matching requests (None = always)
    status: int = 500
    delay: float = 1.0
    headers: dict = field(default_factory=dict)
    size: int = 0  # 'huge': body bytes
    declare_length: bool = True  # 'huge': send Content-Length (False: the body just goes on)
    location: str = ""  # 'redirect': where to ('/...' = this server)
    hits: int = 0


@dataclass
class Request:
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]

    def params(self, name: str) -> list[str]:
        return [v for k, v in self.query if k == name]


KINDS = {"status", "timeout", "malformed", "wrong_shape", "bad_row", "unknown_region", "empty", "huge", "redirect"}


class FakeSotkanet:
    def __init__(self) -> None:
        self.regions = default_regions()
        self.metadata = default_metadata()
        self.data = default_data()
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ control
    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}{PREFIX}"

    def add_fault(self, path: str, kind: str, **kw) -> Fault:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        fault = Fault(path, kind, **kw)
        with self._lock:
            self.faults.append(fault)
        return fault

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> FakeSotkanet:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server API
                fake._handle(self)

            def log_message(self, *args):  # keep test output clean
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # the client hung up (timeout tests): not an error here

        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-sotkanet", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeSotkanet:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------------ serving
    def _fault_for(self, path: str, indicator: int | None) -> Fault | None:
        with self._lock:
            for f in self.faults:
                if f.path != path or (f.indicator is not None and f.indicator != indicator):
                    continue
                if f.times is not None and f.hits >= f.times:
                    continue
                f.hits += 1
                return f
        return None

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        path = parts.path[len(PREFIX) :] if parts.path.startswith(PREFIX) else parts.path
        headers = {k.lower(): v for k, v in h.headers.items()}
        with self._lock:
            self.requests.append(Request(path, query, headers))

        if not headers.get("user-agent"):
            return _send(h, 403, b"<html><body><h1>403 Forbidden</h1></body></html>", "text/html")

        indicator = None
        if path == "/json":
            ids = [v for k, v in query if k == "indicator"]
            indicator = int(ids[0]) if ids and ids[0].isdigit() else None
        elif path.startswith("/indicators/") and path.rsplit("/", 1)[1].isdigit():
            indicator = int(path.rsplit("/", 1)[1])
        fault = self._fault_for(path, indicator)

        if fault is not None and fault.kind == "status":
            return _send(h, fault.status, b'{"error": "fake failure"}', headers=fault.headers)
        if fault is not None and fault.kind == "timeout":
            time.sleep(fault.delay)  # the client has given up by now
        if fault is not None and fault.kind == "redirect":
            location = fault.location
            if location.startswith("/"):
                location = f"http://127.0.0.1:{self._server.server_address[1]}{location}"
            return _send(h, 302, b"", headers={"Location": location})
        if fault is not None and fault.kind == "huge":
            return _send_huge(h, fault.size, fault.declare_length)
        if fault is not None and fault.kind == "malformed":
            return _send(h, 200, b'[{"indicator": 683, "region": 261, "year": 2023, "gender": "tot')

        if path == "/regions":
            body = {"regions": self.regions} if _is(fault, "wrong_shape") else self.regions
            return _send_json(h, body)
        if path.startswith("/indicators/"):
            if indicator is None or indicator not in self.metadata:
                return _send(h, 404, b'{"error": "not found"}')
            body = [self.metadata[indicator]] if _is(fault, "wrong_shape") else self.metadata[indicator]
            return _send_json(h, body)
        if path == "/json":
            if indicator is None:
                return _send(h, 400, b'{"error": "indicator is required"}')
            years = {int(v) for k, v in query if k == "years" and v.isdigit()}
            genders = {v for k, v in query if k == "genders"} or {"total"}
            rows = [
                copy.deepcopy(r) for r in self.data.get(indicator, []) if r["year"] in years and r["gender"] in genders
            ]
            if _is(fault, "empty"):
                rows = []
            if _is(fault, "unknown_region"):
                rows.append(
                    {
                        "indicator": indicator,
                        "region": UNKNOWN_REGION_ID,
                        "year": max(years, default=2023),
                        "gender": "total",
                        "value": 1.0,
                        "absValue": 1,
                    }
                )
            if _is(fault, "bad_row"):
                rows.append(
                    {"indicator": indicator, "region": 261, "year": max(years, default=2023), "gender": "total"}
                )
            if _is(fault, "wrong_shape"):
                return _send_json(h, {"indicator": indicator, "rows": rows})
            return _send_json(h, rows)
        return _send(h, 404, b'{"error": "no such endpoint"}')


def _is(fault: Fault | None, kind: str) -> bool:
    return fault is not None and fault.kind == kind


def _send_huge(h: BaseHTTPRequestHandler, size: int, declare_length: bool) -> None:
    chunk = b" " * (1 << 20)
    try:
        h.send_response(200)
        h.send_header("Content-Type", "application/json;charset=UTF-8")
        if declare_length:
            h.send_header("Content-Length", str(size))
        h.end_headers()
        h.wfile.write(b"[")
        sent = 1
        while sent < size:
            part = chunk[: min(len(chunk), size - sent)]
            h.wfile.write(part)
            sent += len(part)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client stopped reading: what it should do


def _send_json(h: BaseHTTPRequestHandler, body) -> None:
    _send(h, 200, json.dumps(body, ensure_ascii=False).encode("utf-8"))


def _send(
    h: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    ctype: str = "application/json;charset=UTF-8",
    headers: dict | None = None,
) -> None:
    try:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, str(v))
        h.end_headers()
        h.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass


@pytest.fixture()
def fake_sotkanet():
    """A running FakeSotkanet; stopped after the test."""
    with FakeSotkanet() as fake:
        yield fake
