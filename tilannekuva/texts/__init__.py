"""Every UI string, one module per page plus `common`; Finnish (`fi`) is the only language now.

Swedish and English follow by adding sibling packages (`texts/sv/`, `texts/en/`) with the same
module names and registering them in `LANGUAGES`. Code reaches the words through `texts_for(lang)`
(one accessor, chosen per request: the view's `lang`), never by binding a language at import, so
the language is part of every model's inputs and cache keys.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

DEFAULT_LANG = "fi"
#: language code -> the package holding its modules (this package is Finnish).
LANGUAGES = {"fi": __name__}
PAGES = (
    "common",
    "start",
    "map",
    "trends",
    "compare",
    "catalogue",
    "about",
    "goals",
    "changes",
    "presentation",
    "report",
    "frontend",
)


@dataclass(frozen=True)
class Texts:
    """The words of one language: `texts.common.X`, `texts.start.Y`, ... (hashable: a cache key
    made of it changes with the language)."""

    lang: str
    common: ModuleType
    start: ModuleType
    map: ModuleType
    trends: ModuleType
    compare: ModuleType
    catalogue: ModuleType
    about: ModuleType
    goals: ModuleType
    changes: ModuleType
    presentation: ModuleType
    report: ModuleType
    frontend: ModuleType

    def __hash__(self) -> int:
        return hash(self.lang)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Texts) and other.lang == self.lang


_LOADED: dict[str, Texts] = {}


def texts_for(lang: str = DEFAULT_LANG) -> Texts:
    """The texts of `lang` (an unknown code gets the default language: the view state says so)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANG
    if lang not in _LOADED:
        package = LANGUAGES[lang]
        _LOADED[lang] = Texts(lang, *(importlib.import_module(f"{package}.{page}") for page in PAGES))
    return _LOADED[lang]


def texts_or_default(texts: Texts | None) -> Texts:
    """The request's `texts`, or the default language's when a caller passed none (the public
    functions' `texts=None` default; views and pages always pass the request's)."""
    return texts if texts is not None else texts_for()
