"""Tavoitteet: the wellbeing agreement's measurable goals against the data – list, filters, a chart
per goal, and (for a signed-in editor) the form to add and edit goals, CSV import and export.

UI only: statuses, sentences and validation come from tilannekuva.views.goals and
tilannekuva.goals (pure, unit-tested); goals are read and written only by tilannekuva.goals.store.
"""

from __future__ import annotations

import streamlit as st

from tilannekuva.charts import goal as goal_chart
from tilannekuva.db import get_database
from tilannekuva.format import format_number, format_value
from tilannekuva.goals import model
from tilannekuva.goals.model import Goal
from tilannekuva.goals.store import StoreError, ValidationFailed, local_time
from tilannekuva.indicator import IndicatorSpec
from tilannekuva.ui import components, editor, state
from tilannekuva.views import goals as goals_view
from tilannekuva.views.goals import markdown_text as md

db = get_database()
store = editor.store()
this_year = state.this_year()
view = state.current()
texts = state.texts()
words, common = texts.goals, texts.common

EDITING = "_goals_editing"  # (goal_id, version) of the goal in the form, or None for a new one
MESSAGE = "_goals_form_message"  # (kind, text or [texts]) shown once after a save
FIELDS = (
    "f_title",
    "f_description",
    "f_coop",
    "f_indicator",
    "f_area",
    "f_baseline_year",
    "f_target_year",
    "f_target_value",
    "f_resp_kind",
    "f_resp_name",
    "f_example",
)

choices = goals_view.form_choices(db, texts=texts)
indicator_labels, indicator_info, area_labels = choices.indicator_labels, choices.indicator_info, choices.area_labels


st.title(words.TITLE)
st.caption(words.INTRO)
who = editor.sign_in_block()

goals = store.list_goals()

# --- Filters ------------------------------------------------------------------------------------
every = goals_view.build(db, view, texts=texts, this_year=this_year, goals=goals)
left, middle, right = st.columns(3)
coop = left.selectbox(
    words.FILTER_COOPERATION,
    [None, *words.COOPERATION_AREAS],
    key="goals_filter_coop",
    format_func=lambda v: words.ALL if v is None else v,
)
area_filter = middle.selectbox(
    words.FILTER_AREA,
    [None, *(code for code, _ in every.area_options)],
    key="goals_filter_area",
    format_func=lambda v: words.ALL if v is None else dict(every.area_options).get(v, v),
)
status_filter = right.selectbox(
    words.FILTER_STATUS,
    [None, *model.STATUSES],
    key="goals_filter_status",
    format_func=lambda v: words.ALL if v is None else f"{words.STATUS_SYMBOLS[v]} {words.STATUS_WORDS[v]}",
)
shown = goals_view.build(
    db, view, texts=texts, this_year=this_year, goals=goals, cooperation=coop, area=area_filter, status=status_filter
)

if not goals:
    st.info(words.NO_GOALS, icon=":material/flag:")
elif not shown.cards:
    st.info(words.NO_MATCH)
else:
    st.markdown(shown.count_line)

# --- One card per goal -----------------------------------------------------------------------
STATUS_COLOURS = {"achieved": "blue", "on_track": "green", "behind": "orange", "no_new_data": "gray"}
for card in shown.cards:
    goal = card.goal
    with st.container(border=True, key=f"goal_card_{goal.goal_id}"):
        if goal.is_example:
            st.warning(words.EXAMPLE_MARK, icon=":material/science:")
        st.markdown(f"### {md(goal.title)}")
        status = card.status
        st.markdown(
            f"**:{STATUS_COLOURS[status.status]}[{status.symbol} {status.word}]** · "
            f"{md(card.indicator_name)} · {md(common.area_label(card.area_name, card.area_level))}",
            help=words.STATUS_HELP[status.status],
        )
        for line in card.lines:
            st.markdown(md(line))
        if goal.description:
            st.markdown(md(goal.description))
        st.caption(
            " · ".join(
                [
                    words.COOPERATION.format(area=goal.cooperation_area),
                    words.RESPONSIBLE.format(who=goal.responsible(texts)),
                    words.LAST_CHANGED.format(
                        when=local_time(goal.updated_at), who=goal.updated_by, version=goal.version
                    ),
                ]
            )
        )
        components.chart_block(
            goal_chart.goal_figure(card, texts),
            goals_view.chart_table(card, texts),
            key=f"goal_chart_{goal.goal_id}",
            alt=goal_chart.alt_text(card, texts),
            source=card.source,
            filename=words.CHART_FILENAME.format(goal_id=goal.goal_id),
        )

# --- CSV export (everyone) and import (editors) -------------------------------------------
st.subheader(words.CSV_HEADER)
components.csv_button(
    store.export_csv(goals_view.describe(db, texts), texts=texts),
    file_name=words.CSV_FILENAME,
    key="goals_export",
    label=words.CSV_EXPORT,
)
st.caption(words.CSV_EXPORT_NOTE)


def _context(area_codes):
    return goals_view.context(db, area_codes, this_year=this_year)


if who:
    upload = st.file_uploader(words.CSV_IMPORT, type=["csv"], key="goals_import_file")
    if upload is not None and st.button(words.CSV_IMPORT_BUTTON, key="goals_import"):
        data = upload.getvalue()
        try:
            from tilannekuva.goals.store import parse_csv

            codes = [g.area_code for _, g in parse_csv(data)]
            result = store.import_csv(data, who, _context(codes), texts=texts)
        except ValidationFailed as exc:
            st.error(words.CSV_IMPORT_FAILED + "\n\n" + "\n".join(f"- {md(p)}" for p in exc.problems))
        except StoreError as exc:
            st.error(str(exc))
        else:
            st.success(
                words.CSV_IMPORTED.format(created=result.created, updated=result.updated, unchanged=result.unchanged)
            )


# --- The form (editors only) --------------------------------------------------------------
def _defaults() -> dict:
    area = view.area if view.area in area_labels else next(iter(area_labels))
    indicator = view.indicator if view.indicator in indicator_labels else next(iter(indicator_labels))
    return {
        "f_title": "",
        "f_description": "",
        "f_coop": words.COOPERATION_AREAS[0],
        "f_indicator": indicator,
        "f_area": area,
        "f_baseline_year": None,
        "f_target_year": this_year + 4,
        "f_target_value": "",
        "f_resp_kind": "kunta",
        "f_resp_name": "",
        "f_example": False,
    }


def _plain(value: float) -> str:
    """The stored value exactly, with a decimal comma (an edit must not round what was typed)."""
    return f"{value:.6f}".rstrip("0").rstrip(".").replace(".", ",")


def _load(goal: Goal | None) -> None:
    values = _defaults()
    if goal is not None:
        values.update(
            {
                "f_title": goal.title,
                "f_description": goal.description,
                "f_coop": goal.cooperation_area,
                "f_indicator": goal.indicator_id,
                "f_area": goal.area_code,
                "f_baseline_year": goal.baseline_year,
                "f_target_year": goal.target_year,
                "f_target_value": _plain(goal.target_value),
                "f_resp_kind": goal.responsible_kind,
                "f_resp_name": goal.responsible_name,
                "f_example": goal.is_example,
            }
        )
    for key, value in values.items():
        st.session_state[key] = value
    st.session_state[EDITING] = (goal.goal_id, goal.version) if goal else None


def _pick_goal() -> None:
    goal_id = st.session_state["goals_pick"]
    _load(store.get(goal_id) if goal_id else None)


def _baseline() -> tuple[int | None, float | None]:
    options = dict(goals_view.baseline_options(db, st.session_state["f_indicator"], st.session_state["f_area"]))
    year = st.session_state.get("f_baseline_year")
    return year, options.get(year)


def _reset_target() -> None:
    """Another indicator or area: the old target value means nothing there (prefilled again below
    with the new baseline value)."""
    st.session_state["f_target_value"] = ""


def _save() -> None:
    s = st.session_state
    year, value = _baseline()
    editing = s.get(EDITING)
    try:
        target = model.parse_decimal(s.get("f_target_value") or "")
    except ValueError:
        target = None
    goal = Goal(
        title=s["f_title"].strip(),
        description=s["f_description"].strip(),
        cooperation_area=s["f_coop"],
        indicator_id=s["f_indicator"],
        area_code=s["f_area"],
        baseline_year=int(year or 0),
        baseline_value=value if value is not None else float("nan"),
        target_year=int(s["f_target_year"]),
        target_value=float("nan") if target is None else float(target),
        responsible_kind=s["f_resp_kind"],
        responsible_name=s["f_resp_name"].strip(),
        is_example=bool(s["f_example"]),
        goal_id=editing[0] if editing else None,
        version=editing[1] if editing else None,
    )
    try:
        if year is None or value is None:
            raise ValidationFailed([words.F_BASELINE_NONE])
        saved = (store.update if editing else store.create)(goal, who, _context([goal.area_code]), texts=texts)
    except ValidationFailed as exc:
        s[MESSAGE] = ("error", exc.problems)
    except StoreError as exc:
        s[MESSAGE] = ("error", [str(exc)])
    else:
        s[MESSAGE] = ("success", [words.SAVED.format(title=saved.title)])
        _load(None)
        s["goals_pick"] = None


def _delete() -> None:
    s = st.session_state
    editing = s.get(EDITING)
    if not editing or not s.get("f_delete_confirm"):
        return
    title = s.get("f_title", "")
    try:
        store.delete(editing[0], editing[1], who, texts=texts)
    except StoreError as exc:
        s[MESSAGE] = ("error", [str(exc)])
    else:
        s[MESSAGE] = ("success", [words.DELETED.format(title=title)])
        _load(None)
        s["goals_pick"] = None
    s["f_delete_confirm"] = False


if who:
    if "f_title" not in st.session_state:
        _load(None)
    st.subheader(words.FORM_EDIT_HEADER if st.session_state.get(EDITING) else words.FORM_ADD_HEADER)
    titles = {g.goal_id: f"{g.title} – {area_labels.get(g.area_code, g.area_code)}" for g in goals}
    if st.session_state.get("goals_pick") not in (None, *titles):
        st.session_state["goals_pick"] = None
    st.selectbox(
        words.FORM_PICK_GOAL,
        [None, *titles],
        key="goals_pick",
        on_change=_pick_goal,
        format_func=lambda v: words.FORM_NEW if v is None else titles[v],
    )
    with st.container(border=True, key="goal_form"):
        st.text_input(words.F_TITLE, key="f_title", max_chars=model.TITLE_MAX)
        st.text_area(words.F_DESCRIPTION, key="f_description", max_chars=model.DESCRIPTION_MAX, height=90)
        st.selectbox(words.F_COOPERATION, words.COOPERATION_AREAS, key="f_coop")
        if st.session_state["f_indicator"] not in indicator_labels:
            st.session_state["f_indicator"] = next(iter(indicator_labels))
        st.selectbox(
            words.F_INDICATOR,
            list(indicator_labels),
            key="f_indicator",
            format_func=indicator_labels.get,
            on_change=_reset_target,
        )
        if st.session_state["f_area"] not in area_labels:
            st.session_state["f_area"] = next(iter(area_labels))
        st.selectbox(
            words.F_AREA, list(area_labels), key="f_area", format_func=area_labels.get, on_change=_reset_target
        )
        info = indicator_info[st.session_state["f_indicator"]]
        spec = IndicatorSpec.from_row(info)
        unit, decimals = spec.unit, spec.decimals
        options = goals_view.baseline_options(db, st.session_state["f_indicator"], st.session_state["f_area"])
        values = dict(options)
        if not options:
            st.warning(words.F_BASELINE_NONE)
        else:
            if st.session_state.get("f_baseline_year") not in values:
                st.session_state["f_baseline_year"] = options[0][0]
            st.selectbox(
                words.F_BASELINE_YEAR,
                [y for y, _ in options],
                key="f_baseline_year",
                format_func=lambda y: f"{y} – {format_value(values[y], unit, decimals, texts=texts)}",
            )
            st.caption(
                words.F_BASELINE_VALUE.format(
                    value=format_value(values[st.session_state["f_baseline_year"]], unit, decimals, texts=texts)
                )
            )
        year_col, value_col = st.columns(2)
        year_col.number_input(words.F_TARGET_YEAR, key="f_target_year", min_value=1990, max_value=2100, step=1)
        if not st.session_state.get("f_target_value") and options:
            baseline = values[st.session_state["f_baseline_year"]]
            st.session_state["f_target_value"] = format_number(baseline, decimals, texts=texts)
        value_col.text_input(
            words.F_TARGET_VALUE.format(unit=unit or words.F_TARGET_NO_UNIT),
            key="f_target_value",
            help=words.F_TARGET_HELP,
        )
        kind_col, name_col = st.columns(2)
        kind_col.selectbox(
            words.F_RESPONSIBLE_KIND,
            list(words.RESPONSIBLE_KINDS),
            key="f_resp_kind",
            format_func=words.RESPONSIBLE_KINDS.get,
        )
        name_col.text_input(words.F_RESPONSIBLE_NAME, key="f_resp_name", max_chars=120)
        st.checkbox(words.EXAMPLE_MARK, key="f_example")
        st.button(words.F_SAVE, key="goals_save", on_click=_save, type="primary", icon=":material/save:")
        message = st.session_state.pop(MESSAGE, None)
        if message:
            kind, lines = message
            if kind == "error":
                st.error(words.FORM_ERRORS + "\n\n" + "\n".join(f"- {md(t)}" for t in lines))
            else:
                st.success(" ".join(lines))
        if st.session_state.get(EDITING):
            st.checkbox(words.F_DELETE_CONFIRM, key="f_delete_confirm")
            st.button(words.F_DELETE, key="goals_delete", on_click=_delete, icon=":material/delete:")

# --- Change log ----------------------------------------------------------------------------
with st.expander(words.LOG_HEADER):
    entries = store.change_log(limit=50)
    if not entries:
        st.caption(words.LOG_EMPTY)
    for e in entries:
        fields = ""
        if e.action == "update":
            fields = ": " + ", ".join(words.CSV_COLUMNS.get(k, k) for k in e.changes)
        st.markdown(
            "- "
            + md(
                words.LOG_LINE.format(
                    when=local_time(e.changed_at),
                    who=e.changed_by,
                    action=words.LOG_ACTIONS.get(e.action, e.action),
                    title=e.title,
                    fields=fields,
                )
            )
        )
