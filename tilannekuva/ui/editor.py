"""Streamlit: the goals store handle and the editor sign-in (the logic is in tilannekuva.goals.auth).

The signed-in name lives in the session state only; the secret typed in is checked and dropped
(the form clears it), never stored, logged or shown.
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from ..goals import auth
from ..goals.store import GoalStore, default_path
from . import state

EDITOR = "_goals_editor"  # the signed-in editor's name
ATTEMPTS = "_goals_attempts"  # auth.Attempts of this session


@st.cache_resource(max_entries=4, show_spinner=False)
def _store(path: str) -> GoalStore:
    return GoalStore(Path(path))


def store() -> GoalStore:
    """The goals store of this installation ($TILANNEKUVA_GOALS or data/goals.sqlite)."""
    return _store(str(default_path()))


def config() -> auth.EditorConfig:
    try:
        return auth.editor_config(st.secrets)
    except Exception:  # no secrets.toml at all: read-only
        return auth.EditorConfig(None, {})


def editor() -> str | None:
    """The signed-in editor's name, or None (read-only)."""
    if not config().enabled:
        return None
    return st.session_state.get(EDITOR)


def _sign_in() -> None:
    words = state.texts().goals
    name = st.session_state.get("_goals_sign_in_name", "")
    secret = st.session_state.get("_goals_sign_in_secret", "")  # the form clears it after this check
    attempts: auth.Attempts = st.session_state.get(ATTEMPTS, auth.Attempts())
    now = time.monotonic()
    wait = attempts.wait(now)
    if wait > 0:
        st.session_state["_goals_sign_in_message"] = words.SIGN_IN_WAIT.format(seconds=int(wait + 0.999))
        return
    if not " ".join(name.split()):
        st.session_state["_goals_sign_in_message"] = words.SIGN_IN_NAME_MISSING
        return
    try:
        who = auth.check_sign_in(config(), name, secret)
    except auth.MalformedHash:
        st.session_state["_goals_sign_in_message"] = words.SECRET_MALFORMED
        return
    if who is None:
        st.session_state[ATTEMPTS] = attempts.failed(now)
        st.session_state["_goals_sign_in_message"] = words.SIGN_IN_FAILED
        return
    st.session_state[ATTEMPTS] = auth.Attempts()
    st.session_state[EDITOR] = who
    st.session_state.pop("_goals_sign_in_message", None)


def _sign_out() -> None:
    st.session_state.pop(EDITOR, None)


def sign_in_block() -> str | None:
    """Read-only notice, the sign-in form, or who is signed in. Returns the editor's name."""
    words = state.texts().goals
    if not config().enabled:
        st.info(words.READ_ONLY, icon=":material/lock:")
        return None
    who = editor()
    if who:
        left, right = st.columns([4, 1])
        left.success(words.SIGNED_IN.format(name=who), icon=":material/edit:")
        right.button(words.SIGN_OUT_BUTTON, on_click=_sign_out, key="goals_sign_out")
        return who
    with st.expander(words.SIGN_IN_HEADER, icon=":material/login:"):
        st.caption(words.EDIT_NEEDS_SIGN_IN)
        with st.form("goals_sign_in_form", clear_on_submit=True, border=False):
            st.text_input(words.SIGN_IN_NAME, key="_goals_sign_in_name", max_chars=auth.MAX_NAME)
            st.text_input(words.SIGN_IN_SECRET, key="_goals_sign_in_secret", type="password")
            st.form_submit_button(words.SIGN_IN_BUTTON, on_click=_sign_in, key="goals_sign_in", type="primary")
        message = st.session_state.get("_goals_sign_in_message")
        if message:
            st.error(message)
    return None
