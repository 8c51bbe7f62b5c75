"""Streamlit: the start page's block "Alueen tavoitteet" – the chosen area's goals and their
status, with a link to Tavoitteet. The model is `tilannekuva.views.goals.area_goals` (pure).

Call from pages/start.py:  `goals_block.render(db, view.area, area_name)`
"""

from __future__ import annotations

import streamlit as st

from ..views import goals as goals_view
from ..views.goals import markdown_text as md
from . import editor, state

STATUS_COLOURS = {"achieved": "blue", "on_track": "green", "behind": "orange", "no_new_data": "gray"}


def render(db, area_code: str, area_name: str, *, link: bool = True) -> None:
    """The block; `link=False` leaves out the page link (outside the app's navigation)."""
    texts = state.texts()
    words = texts.goals
    cards = goals_view.area_goals(db, area_code, editor.store().list_goals(), texts=texts)
    with st.container(border=True, key="start_goals_block"):
        st.markdown(f"#### {words.BLOCK_HEADER}")
        if not cards:
            st.markdown(words.BLOCK_NONE.format(area=md(area_name)))
        for card in cards:
            status = card.status
            example = f" *({words.EXAMPLE_MARK})*" if card.goal.is_example else ""
            st.markdown(
                f"- :{STATUS_COLOURS[status.status]}[**{status.symbol} {status.word}**] – "
                f"**{md(card.goal.title)}**{example} ({md(card.indicator_name)}): "
                + " ".join(md(line) for line in card.lines)
            )
        if link:
            st.page_link("pages/goals.py", label=words.BLOCK_LINK, icon=":material/flag:")
