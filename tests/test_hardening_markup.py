"""Issue 9, item 4: values from the URL, a form, a file or the data are literal text wherever
Streamlit renders Markdown (info boxes, captions, headers, findings): no link, no image, no
coloured fake warning. One helper does it: texts.common.escape_markdown."""

from __future__ import annotations

import re

import pytest
from apptest_support import make_app, open_page

from tilannekuva.build.inputs import BuildInputs
from tilannekuva.build.warehouse import build_database
from tilannekuva.texts.common import escape_markdown

ATTACKS = {
    "link": "[linkki](https://evil.example)",
    "image": "![kuva](https://evil.example/a.png)",
    "warning": ":red[**VAROITUS: tietokanta on vaarantunut**]",
    "html": "<img src=https://evil.example/x.png onerror=alert(1)>",
    "autolink": "katso https://evil.example tai www.evil.example tai hyokkaaja@evil.example",
    "math": "$\\frac{1}{0}$",
    "heading": "\n# Otsikko",
    "list": "1. ensimmäinen",
    "icon": ":material/warning: varoitus",
}
# Markdown that is live unless a backslash precedes it.
LIVE = [
    r"(?<!\\)\[",
    r"(?<!\\)\]",
    r"(?<!\\)!",
    r"(?<!\\)<",
    r"(?<!\\)\*",
    r"(?<!\\):",
    r"(?<!\\)\$",
    r"(?<!\\)#",
    r"(?<!\\)@",
    r"^\d+\.",
    "\n",
    # GFM autolink literals ignore backslashes: these must not appear at all
    r"(?i)https?:\\?//",
    r"(?i)\bwww\.",
    r"\w\\?@",
]


@pytest.mark.parametrize("kind", sorted(ATTACKS))
def test_escaped_text_has_no_live_markdown(kind):
    escaped = escape_markdown(ATTACKS[kind])
    for pattern in LIVE:
        assert not re.search(pattern, escaped), (kind, pattern, escaped)
    # Nothing is lost: removing the escapes gives the text back (newlines as spaces).
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == " ".join(ATTACKS[kind].split())


def test_plain_names_are_unchanged():
    for name in ("Pohjois-Pohjanmaa", "Oulu (kunta)", "Työttömät, % työvoimasta", "Siikalatva 2023–2024"):
        assert escape_markdown(name) == name


@pytest.mark.parametrize("kind", ["link", "image", "warning", "html"])
def test_the_info_box_shows_the_link_text_literally(monkeypatch, built_db, kind):
    at = make_app(monkeypatch, built_db, area=ATTACKS[kind])
    at.run()
    assert not at.exception
    notices = [i.value for i in at.info if "ei tunneta" in i.value]
    assert len(notices) == 1, [i.value for i in at.info]
    notice = notices[0]
    assert escape_markdown(ATTACKS[kind][:40]) in notice
    assert "](" not in notice.replace("\\](", "") and "\\[" in notice or kind in ("warning", "html")
    for pattern in LIVE:
        assert not re.search(pattern, notice), (pattern, notice)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """The shipped data with markdown in a municipality's name (a hand-edited CSV), built into a
    warehouse of its own; the shipped files are not touched."""
    from tilannekuva import paths

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "raw").mkdir()
    municipalities = folder / "municipalities.csv"
    text = paths.MUNICIPALITIES_CSV.read_text(encoding="utf-8")
    assert "139,Ii,Ijo," in text
    municipalities.write_text(
        text.replace("139,Ii,Ijo,", "139,Ii [linkki](https://evil.example),Ijo,", 1), encoding="utf-8"
    )
    return build_database(folder / "w.duckdb", BuildInputs(municipalities=municipalities, raw_sotkanet=folder / "raw"))


def test_a_name_from_the_data_is_literal_in_the_map_finding(monkeypatch, hostile_db):
    at = open_page(monkeypatch, hostile_db, "pages/map.py", area="139")
    shown = " ".join(m.value for m in at.markdown)
    assert escape_markdown("Ii [linkki](https://evil.example)") in shown
    assert "[linkki](https://evil.example)" not in shown
