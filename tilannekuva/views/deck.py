"""A presenter's deck: an ordered, named list of views, each a deep link (pure, no Streamlit).

A slide is a page (Tilannekuva, Kartta, Kehitys, Vertailu) and a complete view (area, indicator,
year, gender, compare list, map layer; `viewstate.ViewState`), with an optional heading of the
presenter's own. The deck travels
- as a small JSON file (`to_json` / `from_json`): readable, versioned, validated on load;
- in a link (`to_param` / `from_param`): the same JSON, compressed and URL-safe base64, in `?deck=`.
Loading never raises anything but `DeckError`, whose message is a sentence for the user in the
language of `texts` (the request's; the default language's when none is given);
values the database does not know (an area, an indicator, a year) fall back like a copied link
does and are reported as notices.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from .. import viewstate
from ..texts import Texts, texts_or_default
from ..viewstate import Known, ViewState

FORMAT = "tilannekuva-esitys"
VERSION = 1
MAX_SLIDES = 60
MAX_FILE_BYTES = 200_000
MAX_TITLE = 140
MAX_NAME = 100
#: Pages a slide can show: url path -> page file (as registered in app.py).
PAGES = {
    "tilannekuva": "pages/start.py",
    "kartta": "pages/map.py",
    "kehitys": "pages/trends.py",
    "vertailu": "pages/compare.py",
}


class DeckError(ValueError):
    """A deck file or link that cannot be read; the message is for the user (texts.presentation)."""


def _words(texts: Texts | None):
    return texts_or_default(texts).presentation


@dataclass(frozen=True)
class Slide:
    page: str
    view: ViewState
    title: str = ""  # the presenter's own heading; "" = the view's own title

    def link(self) -> str:
        """The slide's deep link, relative to the app's root: 'kehitys?area=564&indicator=…'."""
        return f"{self.page}?{urlencode(viewstate.to_params(self.view))}"


@dataclass(frozen=True)
class Deck:
    name: str = ""
    slides: tuple[Slide, ...] = ()

    def add(self, slide: Slide, *, texts: Texts | None = None) -> Deck:
        if len(self.slides) >= MAX_SLIDES:
            raise DeckError(_words(texts).TOO_MANY.format(max=MAX_SLIDES))
        return replace(self, slides=(*self.slides, slide))

    def remove(self, index: int) -> Deck:
        return replace(self, slides=tuple(s for i, s in enumerate(self.slides) if i != index))

    def move(self, index: int, step: int) -> Deck:
        """Move a slide up (step -1) or down (+1); at either end nothing changes."""
        target = index + step
        if not (0 <= index < len(self.slides) and 0 <= target < len(self.slides)):
            return self
        slides = list(self.slides)
        slides[index], slides[target] = slides[target], slides[index]
        return replace(self, slides=tuple(slides))

    def retitle(self, index: int, title: str) -> Deck:
        slides = list(self.slides)
        slides[index] = replace(slides[index], title=_clean(title, MAX_TITLE))
        return replace(self, slides=tuple(slides))

    def renamed(self, name: str) -> Deck:
        return replace(self, name=_clean(name, MAX_NAME))


def _clean(text: Any, limit: int) -> str:
    return " ".join(str(text or "").split())[:limit]


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------
def to_data(deck: Deck) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": deck.name,
        "slides": [{"page": s.page, "title": s.title, "view": viewstate.to_params(s.view)} for s in deck.slides],
    }


def to_json(deck: Deck) -> str:
    return json.dumps(to_data(deck), ensure_ascii=False, indent=1)


def slide_from_params(
    page: str, params: Mapping[str, object], known: Known, title: str = "", *, texts: Texts | None = None
) -> tuple[Slide, list[str]]:
    """A slide from a page name and a link's query parameters (validated like a copied link)."""
    page = str(page or "").strip().strip("/")
    if page not in PAGES:
        raise DeckError(_words(texts).BAD_PAGE.format(page=page[:40], pages=", ".join(PAGES)))
    view, notices = viewstate.parse_params(params, known)
    return Slide(page, view, _clean(title, MAX_TITLE)), notices


def slide_from_link(link: str, known: Known, title: str = "", *, texts: Texts | None = None) -> tuple[Slide, list[str]]:
    """A slide from a copied address ('http://…/kehitys?area=564&…' or 'kehitys?area=…')."""
    parts = urlsplit(str(link or "").strip())
    page = parts.path.rstrip("/").rsplit("/", 1)[-1] or "tilannekuva"
    if page == "etusivu":
        page = "tilannekuva"
    params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    return slide_from_params(page, params, known, title, texts=texts)


def from_data(data: Any, known: Known, *, texts: Texts | None = None) -> tuple[Deck, list[str]]:
    words = _words(texts)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DeckError(words.NOT_A_DECK)
    if data.get("version") != VERSION:
        raise DeckError(words.BAD_VERSION.format(version=str(data.get("version"))[:10]))
    slides_data = data.get("slides")
    if not isinstance(slides_data, list):
        raise DeckError(words.NO_SLIDES_LIST)
    if len(slides_data) > MAX_SLIDES:
        raise DeckError(words.TOO_MANY.format(max=MAX_SLIDES))
    slides, notices = [], []
    for number, item in enumerate(slides_data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("view", {}), dict):
            raise DeckError(words.BAD_SLIDE.format(n=number))
        try:
            slide, slide_notices = slide_from_params(
                item.get("page", ""), item.get("view", {}), known, item.get("title", ""), texts=texts
            )
        except DeckError as exc:
            raise DeckError(words.SLIDE_ERROR.format(n=number, error=exc)) from None
        slides.append(slide)
        notices += [words.SLIDE_NOTICE.format(n=number, notice=n) for n in slide_notices]
    return Deck(_clean(data.get("name", ""), MAX_NAME), tuple(slides)), notices


def from_json(text: str | bytes, known: Known, *, texts: Texts | None = None) -> tuple[Deck, list[str]]:
    """The deck in a file; DeckError (in the words of `texts`) when it is not a valid deck file."""
    words = _words(texts)
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise DeckError(words.TOO_BIG.format(kb=MAX_FILE_BYTES // 1000))
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DeckError(words.NOT_UTF8) from None
    if len(text) > MAX_FILE_BYTES:
        raise DeckError(words.TOO_BIG.format(kb=MAX_FILE_BYTES // 1000))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DeckError(words.NOT_JSON.format(line=exc.lineno, column=exc.colno)) from None
    return from_data(data, known, texts=texts)


# ---------------------------------------------------------------------------
# Link
# ---------------------------------------------------------------------------
def to_param(deck: Deck) -> str:
    """The deck as one URL-safe query value (compact JSON, zlib, base64url without padding)."""
    compact = json.dumps(to_data(deck), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(compact, 9)).decode("ascii").rstrip("=")


def from_param(value: str, known: Known, *, texts: Texts | None = None) -> tuple[Deck, list[str]]:
    words = _words(texts)
    value = str(value or "").strip()
    if len(value) > MAX_FILE_BYTES:
        raise DeckError(words.BAD_LINK)
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        text = zlib.decompressobj().decompress(raw, MAX_FILE_BYTES + 1)
    except (binascii.Error, ValueError, zlib.error):
        raise DeckError(words.BAD_LINK) from None
    try:
        return from_json(text, known, texts=texts)
    except DeckError as exc:
        raise DeckError(f"{words.BAD_LINK} {exc}") from None


def share_link(base_url: str, deck: Deck, page: str = "esitys") -> str:
    """'http://host/esitys?deck=…' (base_url: the app's address, any path or query is dropped)."""
    parts = urlsplit(base_url or "")
    root = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return f"{root}/{page}?{urlencode({'deck': to_param(deck)})}"


def names(db) -> tuple[dict, dict]:
    """(area code -> name, indicator id -> name): how the deck editor lists its slides."""
    areas = db.query("areas")
    catalogue = db.query("indicators")
    return dict(zip(areas["area_code"], areas["name_fi"])), dict(zip(catalogue["indicator_id"], catalogue["name_fi"]))
