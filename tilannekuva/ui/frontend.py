"""What app.py adds to Streamlit's frontend in the browser: one script and a little CSS.

1. **One browser-history entry per page switch.** Streamlit's frontend pushes a history entry
   when the page changes (the new path, without the query string: a page switch clears it) and
   another when the script then writes the query string back (`state.sync_url`, so the address
   bar holds the whole view): Back needed two presses. Streamlit has no "replace" for
   `st.query_params`, and binding the sidebar widgets to the URL would still lose the page-local
   parameters, so the script turns a history push that keeps the current path (only the query
   string changes) into a replace. The history then holds one entry per page visited; a changed
   selection on the same page updates the address without an entry of its own.
2. **Finnish for Streamlit's own texts** (`texts/frontend.py`): the "Page not found" dialog,
   tooltips and labels of the table and chart toolbars, the sidebar button. Streamlit has no
   translations; the script swaps exact English texts as they appear (a MutationObserver).
3. **Long names stay readable**: a picker's list is as wide as its names, and the chosen
   value's full text is its tooltip (the sidebar is narrow; measures that differ only at the end
   of their names looked the same).
4. **The phone's "»" gets a label** ("Valinnat ja sivut"): on a narrow screen the pickers and the
   pages live in the collapsed sidebar behind that one unlabelled icon.
5. **Chart pages preload Plotly**: Streamlit imports its 4.6 MB Plotly chunk only when the first
   chart arrives, after the page's run; on the chart pages the script starts that fetch and
   compile at once (`<link rel="modulepreload">`), in parallel with the server's run.

The script is static (no data in it) and idempotent: it runs once per browser tab.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st

from ..texts import Texts, texts_for
from . import state

_SCRIPT = r"""
<script>
(() => {
  const w = window.parent && window.parent.history ? window.parent : window;
  if (w.__tilannekuvaFrontend) return;
  w.__tilannekuvaFrontend = true;

  // 1. History: a push that keeps the path becomes a replace.
  const push = w.history.pushState.bind(w.history);
  const replace = w.history.replaceState.bind(w.history);
  w.history.pushState = (state, title, url) => {
    const target = url == null ? null : new URL(String(url), w.location.href);
    if (target && target.pathname === w.location.pathname) return replace(state, title, url);
    return push(state, title, url);
  };

  // 2. Finnish for Streamlit's and Plotly's own texts.
  const LABELS = __LABELS__, PREFIXES = __PREFIXES__;
  const CHART_CHUNK = __CHART_CHUNK__, CHART_PAGES = __CHART_PAGES__;
  const fi = (text) => {
    if (!text) return null;
    const key = text.trim();
    if (Object.prototype.hasOwnProperty.call(LABELS, key)) return LABELS[key];
    for (const [en, f] of Object.entries(PREFIXES)) if (key.startsWith(en)) return f + key.slice(en.length);
    return null;
  };
  const ATTRS = ["aria-label", "title", "data-title", "placeholder"];
  const TEXT_SCOPES = '[role="dialog"], [data-testid="stTooltipContent"], [data-baseweb="tooltip"], ' +
                      '[data-testid="stDataFrameToolbar"], [data-testid="stElementToolbar"]';
  const translate = (root) => {
    if (!(root instanceof w.Element)) return;
    for (const el of [root, ...root.querySelectorAll("[aria-label], [title], [data-title], [placeholder]")]) {
      for (const a of ATTRS) {
        const t = el.getAttribute && fi(el.getAttribute(a));
        if (t && el.getAttribute(a) !== t) el.setAttribute(a, t);
      }
    }
    const scopes = root.matches && root.matches(TEXT_SCOPES) ? [root] : [...root.querySelectorAll(TEXT_SCOPES)];
    if (!scopes.length && root.closest && root.closest(TEXT_SCOPES)) scopes.push(root);
    for (const scope of scopes) {
      const walker = w.document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = fi(n.nodeValue);
        if (t) n.nodeValue = t;
      }
    }
  };
  // 4. Chart pages: fetch and compile Streamlit's Plotly chunk while the server still runs the page
  //    (it is otherwise imported only when the first chart arrives, after the run).
  const page = w.location.pathname.replace(/\/+$/, "").split("/").pop();
  const entry = w.document.querySelector('script[src*="/static/js/index."], script[src*="static/js/index."]');
  if (CHART_CHUNK && entry && CHART_PAGES.includes(page)) {
    const link = w.document.createElement("link");
    link.rel = "modulepreload";
    link.href = new URL(CHART_CHUNK, entry.src).href;
    w.document.head.appendChild(link);
  }

  // 3. The chosen value's full text as the picker's tooltip.
  const titled = (root) => {
    if (!(root instanceof w.Element)) return;
    for (const input of root.querySelectorAll('[data-testid="stSelectbox"] input[role="combobox"]')) {
      if (input.value && input.title !== input.value) input.title = input.value;
    }
  };
  const doc = w.document;
  translate(doc.body);
  titled(doc.body);
  new w.MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") translate(r.target);
      else for (const n of r.addedNodes) translate(n.nodeType === 3 ? n.parentElement : n);
    }
    titled(doc.body);
  }).observe(doc.body, {subtree: true, childList: true, attributes: true, attributeFilter: ATTRS});
})();
</script>
"""

_CSS = """
<style>
/* The pickers' lists are as wide as their longest names (up to the screen): in the 240 px sidebar
   "Työttömät työnhakijat, % työvoimasta (TEM, kuukausi)" and "(TEM, 12 kk keskiarvo)" looked the
   same. The list is virtualised with fixed row heights, so the names cannot wrap instead. */
[data-testid="stSelectboxVirtualDropdown"] { width: max-content !important;
  min-width: var(--trigger-width); max-width: min(48rem, calc(100vw - 24px)); }
[data-testid="stSelectboxVirtualDropdown"] [role="listbox"] > div { width: 100% !important; }
[data-testid="stExpandSidebarButton"] { gap: 0.3rem; padding: 0.25rem 0.6rem 0.25rem 0.35rem;
  border: 1px solid rgba(49, 51, 63, 0.25); border-radius: 0.5rem; }
[data-testid="stExpandSidebarButton"]::after { content: __BUTTON__; font-size: 1rem; font-weight: 600;
  color: #1f1f1f; white-space: nowrap; }
</style>
"""


CHART_PAGES = ("kartta", "kehitys", "vertailu")  # url paths whose main element is a Plotly chart


def _plotly_chunk() -> str | None:
    """The file name of Streamlit's lazily imported Plotly chunk (content-hashed per release)."""
    from streamlit import file_util

    found = sorted(Path(file_util.get_static_dir(), "static", "js").glob("PlotlyChart.*.js"))
    return found[0].name if len(found) == 1 else None


@functools.lru_cache(maxsize=8)
def page_html(texts: Texts) -> str:
    """The script and CSS with the words of `texts` (made once per language)."""
    words = texts.frontend
    script = (
        _SCRIPT.replace("__LABELS__", json.dumps(words.LABELS, ensure_ascii=True))
        .replace("__PREFIXES__", json.dumps(words.PREFIXES, ensure_ascii=True))
        .replace("__CHART_CHUNK__", json.dumps(_plotly_chunk()))
        .replace("__CHART_PAGES__", json.dumps(list(CHART_PAGES)))
    )
    return _CSS.replace("__BUTTON__", json.dumps(words.SIDEBAR_BUTTON, ensure_ascii=True)) + script


PAGE_HTML = page_html(texts_for())  # the default language's page (made at import, as before)


def install() -> None:
    """Every run (Streamlit redraws the page); the script itself acts once per browser tab."""
    st.html(page_html(state.texts()), unsafe_allow_javascript=True)
