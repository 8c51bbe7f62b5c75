"""Memory (issue 9): the server does not load the report libraries until someone asks for a file.

fpdf2 (with fontTools), pypdf and python-pptx take ~40 MB of RSS in every server process; the
pages import `ui.report_buttons` and `report.deck`, which must reach them only inside the functions
that make a PDF or a PPTX."""

from __future__ import annotations

import json
import subprocess
import sys

from tilannekuva import paths

REPORT_LIBRARIES = ("fpdf", "pypdf", "pptx", "fontTools")
SERVER_MODULES = (
    "tilannekuva.ui.cached",
    "tilannekuva.ui.state",
    "tilannekuva.ui.components",
    "tilannekuva.ui.report_buttons",
    "tilannekuva.ui.goals_block",
    "tilannekuva.report.deck",
    "tilannekuva.report.profile",
    "tilannekuva.views.deck",
    "tilannekuva.export",
)


def _loaded_after(modules: tuple[str, ...]) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for m in {list(modules)!r}: importlib.import_module(m)\n"
        f"print(json.dumps([m for m in {list(REPORT_LIBRARIES)!r} if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_server_modules_leave_the_report_libraries_unloaded():
    assert _loaded_after(SERVER_MODULES) == []


def test_the_writers_still_load_them():
    assert set(_loaded_after(("tilannekuva.report.pdf", "tilannekuva.report.slides"))) >= {"fpdf", "pypdf", "pptx"}
