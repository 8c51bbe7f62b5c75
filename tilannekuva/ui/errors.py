"""What a visitor sees when a run fails: a Finnish message with a short reference, never a
traceback or a server path. The detail goes to the server log under the same reference.

`app.py` passes `on_script_error` to `st.App` (Streamlit calls it for uncaught exceptions in the
script and in widget callbacks, not for st.stop/st.rerun). `.streamlit/config.toml` sets
`client.showErrorDetails = "none"` as the second line of defence: should this handler itself
fail, Streamlit shows only its generic message and logs the rest.
"""

from __future__ import annotations

import logging
import secrets

import streamlit as st

from . import state

LOG = logging.getLogger("tilannekuva")


def on_script_error(exc: Exception) -> bool:
    """Log the failure with a reference and show the Finnish message; True = Streamlit shows
    nothing more."""
    reference = secrets.token_hex(4)
    LOG.error(
        "a run failed (reference %s): %s: %s",
        reference,
        type(exc).__name__,
        exc,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    try:
        st.error(state.texts().common.RUN_FAILED.format(reference=reference), icon=":material/error:")
    except Exception:  # noqa: BLE001 - fall back to Streamlit's generic message, never a traceback
        LOG.exception("showing the error message failed (reference %s)", reference)
        return False
    return True
