"""docs/ARCHITECTURE.md's module map matches the tree: every module under tilannekuva/ is named
(by itself or by a `folder/*.py` entry) and every name in the map exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tilannekuva"
# A map line names a path in its first column: `app.py`, `queries/*.sql`, `  build/warehouse.py`.
ENTRY = re.compile(r"^(?P<indent>  )?(?P<name>[\w.*/-]+/?)(\s+|$)")


def map_entries() -> tuple[list[str], list[str]]:
    """(top-level names relative to the repo, names under tilannekuva/ relative to the package)."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("```", 2)[1]
    top, package = [], []
    for line in block.splitlines():
        match = ENTRY.match(line)
        if not match or line.startswith("   "):
            continue  # a description continued from the line above
        (package if match["indent"] else top).append(match["name"])
    return top, package


def modules() -> set[str]:
    return {
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" and "__pycache__" not in p.parts
    }


def covered(module: str, names: list[str]) -> bool:
    return any(Path(module).match(name) if "*" in name else module == name for name in names)


def test_the_map_is_read():
    top, package = map_entries()
    assert {"app.py", "pages/*.py", "tilannekuva/"} <= set(top)
    assert {"db.py", "build/warehouse.py", "codes.py"} <= set(package)


def test_every_module_is_in_the_map():
    _, package = map_entries()
    missing = sorted(m for m in modules() if not covered(m, package))
    assert missing == [], f"add these to docs/ARCHITECTURE.md's module map: {missing}"


def test_every_name_in_the_map_exists():
    top, package = map_entries()
    stale = [name for name in top if not (list(ROOT.glob(name)) if "*" in name else (ROOT / name).exists())]
    stale += [
        f"tilannekuva/{name}"
        for name in package
        if not (list(PACKAGE.glob(name)) if "*" in name else (PACKAGE / name).exists())
    ]
    assert stale == [], f"docs/ARCHITECTURE.md names what is not in the tree: {stale}"
