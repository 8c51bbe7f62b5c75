"""One browser-history entry per page switch.

Streamlit's frontend pushes a history entry when the page changes (the new path, without the
query string: a page switch clears it) and another when the script then writes the query string
back (`state.sync_url`, so the address bar holds the whole view). Back then needed two presses.
Streamlit offers no "replace" for `st.query_params`, and binding the sidebar widgets to the URL
would still lose the page-local parameters, so a small script in the page turns any history push
that keeps the current path (only the query string changes) into a replace. The history then
holds one entry per page visited; a changed selection on the same page updates the address
without an entry of its own (Back goes to the previous page, as a user expects).
"""

from __future__ import annotations

import streamlit as st

SCRIPT = """
<script>
(() => {
  const w = window.parent && window.parent.history ? window.parent : window;
  if (w.__tilannekuvaHistory) return;
  w.__tilannekuvaHistory = true;
  const push = w.history.pushState.bind(w.history);
  const replace = w.history.replaceState.bind(w.history);
  w.history.pushState = (state, title, url) => {
    const target = url == null ? null : new URL(String(url), w.location.href);
    if (target && target.pathname === w.location.pathname) return replace(state, title, url);
    return push(state, title, url);
  };
})();
</script>
"""


def one_entry_per_page() -> None:
    """Install the history rule in the browser (idempotent; runs once per browser tab)."""
    st.html(SCRIPT, unsafe_allow_javascript=True)
