"""Texts are reached through one accessor and modules by their names (issue 10): no module under
tilannekuva/ or pages/ (nor app.py) binds a one-letter alias in an import (`import x as T`,
`from x import y as T`), and no module outside texts/ binds a language's text module at import
(`from ..texts import common`): the words come from `texts.texts_for(lang)` / `ui.state.texts()`,
passed in per request."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_LETTER = re.compile(r"[A-Z]")
#: a terse capital name standing for a language's words (`T = texts.common`, `TM = texts.map`)
TERSE = re.compile(r"[A-Z]{1,2}")
#: what a module may import from tilannekuva.texts itself: the accessor, its types and defaults
ACCESSOR_NAMES = frozenset({"Texts", "texts_for", "texts_or_default", "DEFAULT_LANG", "LANGUAGES"})


def sources() -> list[Path]:
    files = [ROOT / "app.py", *(ROOT / "tilannekuva").rglob("*.py"), *(ROOT / "pages").rglob("*.py")]
    return sorted(p for p in files if "__pycache__" not in p.parts)


def one_letter_aliases(source: str) -> list[tuple[int, str, str]]:
    """(line, imported name, alias) of every import bound to a single capital letter."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            found += [
                (node.lineno, a.name, a.asname) for a in node.names if a.asname and ONE_LETTER.fullmatch(a.asname)
            ]
    return found


def terse_text_names(source: str) -> list[tuple[int, str]]:
    """(line, name) of every capital one- or two-letter name assigned from `texts.<part>` (also
    inside a tuple assignment): the words are named by what they are (`words`, `common`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            names = target.elts if isinstance(target, ast.Tuple) else [target]
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            for name, value in zip(names, values, strict=False):
                reads_texts = any(isinstance(n, ast.Name) and n.id == "texts" for n in ast.walk(value))
                if isinstance(name, ast.Name) and TERSE.fullmatch(name.id) and reads_texts:
                    found.append((node.lineno, name.id))
    return found


def text_module_imports(source: str, path: Path) -> list[tuple[int, str]]:
    """(line, name) of every language text module imported from the texts package (not the accessor)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:  # relative: resolve against the importing module's package
            base = list(parts[: len(parts) - node.level])
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
        else:
            module = node.module or ""
        if module == "tilannekuva.texts":
            found += [(node.lineno, a.name) for a in node.names if a.name not in ACCESSOR_NAMES]
        elif module.startswith("tilannekuva.texts."):
            found += [(node.lineno, module)]
    return found


def test_the_checks_find_what_they_look_for():
    snippet = (
        "from ..texts import common as T\nimport tilannekuva.comparison as C\nfrom . import judgements\n"
        "from ..texts import Texts, texts_for\nfrom tilannekuva.texts.start import TITLE\n"
    )
    assert [alias for _, _, alias in one_letter_aliases(snippet)] == ["T", "C"]
    where = ROOT / "tilannekuva" / "views" / "x.py"
    assert text_module_imports(snippet, where) == [(1, "common"), (5, "tilannekuva.texts.start")]
    assert text_module_imports("from .texts import common\n", ROOT / "tilannekuva" / "x.py") == [(1, "common")]
    terse = "T, TA = texts.common, texts.about\nwords = texts.map\nTM = (texts or texts_for()).map\nMB = 1024\n"
    assert terse_text_names(terse) == [(1, "T"), (1, "TA"), (3, "TM")]
    assert len(sources()) > 50 and ROOT / "pages" / "start.py" in sources()


def test_no_module_binds_a_one_letter_alias():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {name} as {alias}"
        for path in sources()
        for line, name, alias in one_letter_aliases(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_module_outside_texts_binds_a_language_at_import():
    texts_package = ROOT / "tilannekuva" / "texts"
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sources()
        if texts_package not in path.parents
        for line, name in text_module_imports(path.read_text(encoding="utf-8"), path)
    ]
    assert offenders == []


def test_no_module_names_its_words_with_a_capital_letter_or_two():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sources()
        for line, name in terse_text_names(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
