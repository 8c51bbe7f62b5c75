"""Mitä on muuttunut: what changed for the chosen area since the last seminar, in sentences –
new data, changed judgements against the benchmarks, changed trends, goals whose status changed.

UI only: the model is tilannekuva.views.changes (pure, tested between two real builds). The link
parameters `since` (a snapshot id or a data year) and `snapshot` (a pinned snapshot) stay in the
address bar (ui.page_params), so a copied link opens the same comparison.
"""

from __future__ import annotations

import streamlit as st

from tilannekuva import history, paths, viewstate
from tilannekuva.db import get_database
from tilannekuva.ui import components, editor, page_params, state
from tilannekuva.views import changes as changes_view

db = get_database()
view = state.current()
texts = state.texts()
words = texts.changes
this_year = state.this_year()
folder = history.history_dir(paths.DB_PATH)

since = st.query_params.get("since") or None
pin = st.query_params.get("snapshot") or None
model = changes_view.build(
    db,
    view,
    texts=texts,
    this_year=this_year,
    goals=editor.store().list_goals(),
    history_folder=folder,
    since=since,
    pin=pin,
)
accepted = since if since in (model.since_id, str(model.since_year)) else None  # unknown values leave the link
page_params.register(since=accepted, snapshot=model.pinned)


def _set_since(key: str) -> None:
    value = st.session_state[key]
    st.query_params["since"] = str(value)


def _set_mode() -> None:
    if st.session_state["changes_mode"] == "snapshot" and model.snapshots:
        st.query_params["since"] = model.snapshots[0][0]
    elif model.years:
        st.query_params["since"] = str(model.years[0])


def _unpin() -> None:
    st.query_params.pop("snapshot", None)


st.title(words.TITLE.format(area=model.area_name))
st.caption(words.INTRO)
for notice in model.notices:
    st.info(notice, icon=":material/info:")
if model.pinned_note:
    (st.warning if model.newer_data else st.info)(model.pinned_note, icon=":material/push_pin:")
    if model.newer_data:
        st.button(words.OPEN_CURRENT, on_click=_unpin, key="changes_unpin", icon=":material/update:")

# --- What to compare with -------------------------------------------------------------------
modes = ["snapshot", "year"] if model.snapshots else ["year"]
st.session_state["changes_mode"] = model.mode
left, right = st.columns([1, 2])
left.radio(
    words.PICK_MODE,
    modes,
    key="changes_mode",
    on_change=_set_mode,
    horizontal=True,
    format_func={"snapshot": words.MODE_SNAPSHOT, "year": words.MODE_YEAR}.get,
)
if model.mode == "snapshot":
    labels = dict(model.snapshots)
    st.session_state["changes_since_snapshot"] = model.since_id
    right.selectbox(
        words.PICK_SNAPSHOT,
        list(labels),
        key="changes_since_snapshot",
        format_func=labels.get,
        on_change=_set_since,
        args=("changes_since_snapshot",),
    )
elif model.years:
    years = list(model.years) if model.since_year in model.years else [model.since_year, *model.years]
    st.session_state["changes_since_year"] = model.since_year
    right.selectbox(
        words.PICK_YEAR,
        years,
        key="changes_since_year",
        help=words.PICK_YEAR_HELP,
        on_change=_set_since,
        args=("changes_since_year",),
    )
if not model.snapshots:
    st.caption(words.NO_SNAPSHOTS)

# --- The answer first, in one sentence, then the details --------------------------------------
with st.container(key="changes_lead"):
    components.large_text("changes_lead")
    st.markdown(f"**{model.lead}**")
st.caption(f"{model.since_label} → {model.now_label}")


def _section(header: str, changes, empty: str = words.NONE_HERE) -> None:
    st.subheader(header)
    if not changes:
        st.caption(empty)
        return
    st.markdown("\n".join(f"- {words.DIRECTION_MARKS[c.direction]}{c.text}" for c in changes))


d = model.diff
_section(words.JUDGEMENTS_HEADER, d.judgements)
_section(words.GOALS_HEADER, d.goals, words.NONE_HERE if model.goal_count else words.GOALS_NONE)
st.page_link("pages/goals.py", label=words.GOALS_LINK, icon=":material/flag:")
_section(words.TRENDS_HEADER, d.trends)
_section(words.NEW_DATA_HEADER, d.new_data)

# --- A link that keeps showing this comparison --------------------------------------------
snapshots = history.list_snapshots(folder)
current = history.build_info(db).get("data_sha256")
now_snapshot = model.pinned or next((s.snapshot_id for s in reversed(snapshots) if s.data_sha256 == current), None)
if now_snapshot and not model.pinned:
    link = {**viewstate.to_params(view), "since": model.since_id or str(model.since_year), "snapshot": now_snapshot}
    st.page_link(
        "pages/changes.py",
        label=words.PIN_LINK.strip(" :"),
        query_params=link,
        icon=":material/push_pin:",
        help=words.PIN_HELP,
    )
