"""Page-local URL parameters (e.g. the pinned snapshot of "Mitä on muuttunut").

`state.sync_url` rewrites the query string to the shared view after every run, which drops any
parameter it does not know. A page that owns extra parameters registers them during its run with
`register`; app.py calls `restore` right after `state.sync_url`, so the address bar keeps them (a
copied link pins the same comparison). Other pages register nothing, so the extras vanish when
the user moves on.
"""

from __future__ import annotations

import streamlit as st

_KEY = "_page_params"


def register(**params: str | None) -> None:
    st.session_state[_KEY] = {k: str(v) for k, v in params.items() if v not in (None, "")}


def restore() -> None:
    extra = st.session_state.pop(_KEY, None) or {}
    for key, value in extra.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
