"""Esitys: collect views into a deck, play it full-screen, share it as a link or a file, export PPTX.

UI only: the deck model (tilannekuva.views.deck) and what each slide shows
(tilannekuva.report.deck) are pure and tested without Streamlit.
"""

from __future__ import annotations

import html

import streamlit as st

from tilannekuva import export
from tilannekuva.db import get_database
from tilannekuva.report import deck as deck_content
from tilannekuva.ui import page_params, state
from tilannekuva.views import deck as deck_model

DECK, PLAYING, INDEX = "_deck", "_deck_playing", "_deck_index"
LOADED_PARAM, MESSAGE = "_deck_loaded_param", "_deck_message"
CHART_PX = 780  # heading, chart and source on one 1920×1080 screen without scrolling

db = get_database()
known = state.known(db)
this_year = state.this_year()
texts = state.texts()
words = texts.presentation

if DECK not in st.session_state:
    st.session_state[DECK] = deck_model.Deck(words.NAME_DEFAULT)


def deck() -> deck_model.Deck:
    return st.session_state[DECK]


def set_deck(new: deck_model.Deck) -> None:
    st.session_state[DECK] = new


def say(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


# --- A shared link: ?deck=… (read once; a bad link keeps the current deck) ----------------------
param = st.query_params.get("deck")
if param and st.session_state.get(LOADED_PARAM) != param:
    st.session_state[LOADED_PARAM] = param
    try:
        loaded, notices = deck_model.from_param(param, known, texts=texts)
    except deck_model.DeckError as exc:
        say("error", words.LINK_FAILED.format(error=exc))
    else:
        set_deck(loaded)
        say("success", " ".join([words.LINK_LOADED.format(name=loaded.name, n=len(loaded.slides)), *notices]))


@st.cache_resource(max_entries=256, show_spinner=False)
def slide_content(identity: tuple, slide: deck_model.Slide, year: int) -> deck_content.SlideContent:
    """Read-only, shared across sessions (keyed on the database identity and the frozen slide)."""
    return deck_content.content(db, slide, this_year=year)


@st.cache_resource(max_entries=256, show_spinner=False)
def screen_figure(identity: tuple, slide: deck_model.Slide, year: int):
    item = slide_content(identity, slide, year)
    return export.on_screen(item.figure, height=CHART_PX) if item.figure is not None else None


# --- Play ------------------------------------------------------------------------------------------
PLAY_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], header { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { max-width: 100% !important;
  padding: 0.6rem 2.2rem 0 2.2rem !important; }
.st-key-deck_slide h1 { font-size: 3rem; line-height: 1.15; margin: 0 0 0.2rem 0; padding: 0; }
.st-key-deck_slide .deck-sub { font-size: 1.6rem; color: #333; margin: 0 0 0.3rem 0; }
.st-key-deck_slide .deck-source { font-size: 1.45rem; color: #333; margin: 0.2rem 0 0 0; }
.st-key-deck_slide li, .st-key-deck_slide p { font-size: 1.7rem; line-height: 1.4; }
.st-key-deck_keys { display: none; }
.st-key-deck_slide button p { font-size: 1.25rem; }
[data-testid="stMain"] :focus { outline: none !important; }
</style>"""


def _line(text: str) -> str:
    """Headers (✖ Huolenaiheet, ✔ Vahvuudet) in bold, sentences as bullets; data text escaped."""
    escaped = html.escape(text).replace("*", "\\*")
    return f"\n**{escaped}**\n" if text in (words.SUMMARY_CONCERNS, words.SUMMARY_STRENGTHS) else f"- {escaped}"


def go_to(step: int) -> None:
    total = len(deck().slides)
    st.session_state[INDEX] = max(0, min(total - 1, st.session_state.get(INDEX, 0) + step))


def stop_playing() -> None:
    st.session_state[PLAYING] = False


def play() -> None:
    slides = deck().slides
    if not slides:
        stop_playing()
        st.rerun()
    index = max(0, min(len(slides) - 1, st.session_state.get(INDEX, 0)))
    slide = slides[index]
    st.html(PLAY_CSS)
    item = slide_content(db.identity, slide, this_year)
    with st.container(key="deck_slide"):
        top = st.columns([6, 1.6, 1.6, 1.35, 0.6], vertical_alignment="center")
        top[0].markdown(f"<h1>{html.escape(item.heading)}</h1>", unsafe_allow_html=True)
        top[1].button(
            words.PREVIOUS,
            key="deck_prev",
            on_click=go_to,
            args=(-1,),
            shortcut="Left",
            icon=":material/arrow_back:",
            disabled=index == 0,
            width="stretch",
        )
        top[2].button(
            words.NEXT,
            key="deck_next",
            on_click=go_to,
            args=(1,),
            shortcut="Right",
            icon=":material/arrow_forward:",
            disabled=index == len(slides) - 1,
            width="stretch",
        )
        top[3].button(
            words.EXIT, key="deck_exit", on_click=stop_playing, shortcut="Esc", icon=":material/close:", width="stretch"
        )
        top[4].markdown(
            f"<p class='deck-sub'>{words.COUNTER.format(n=index + 1, total=len(slides))}</p>", unsafe_allow_html=True
        )
        fig = screen_figure(db.identity, slide, this_year)
        if fig is not None:
            st.plotly_chart(fig, key=f"deck_chart_{index}", config=export.plotly_config(words.FILE_STEM), alt=item.alt)
        else:
            st.markdown("\n".join(_line(line) for line in item.lines) or words.SLIDE_NO_DATA)
        if fig is not None and item.lines and slide.page == "kartta":
            st.markdown(
                f"<p class='deck-source'>{html.escape(' · '.join(item.lines[1:3]))}</p>", unsafe_allow_html=True
            )
        st.markdown(
            f"<p class='deck-source'>{html.escape(item.source or words.SLIDE_NO_DATA)}</p>", unsafe_allow_html=True
        )
    # Presenter remotes send PageDown/PageUp: the same moves, on buttons that are not shown.
    with st.container(key="deck_keys"):
        st.button(words.NEXT, key="deck_next_pg", on_click=go_to, args=(1,), shortcut="PageDown")
        st.button(words.PREVIOUS, key="deck_prev_pg", on_click=go_to, args=(-1,), shortcut="PageUp")


# --- Edit ------------------------------------------------------------------------------------------
def on_name() -> None:
    set_deck(deck().renamed(st.session_state["deck_name"]))


def add_current() -> None:
    try:
        slide = deck_model.Slide(st.session_state["deck_add_page"], state.current())
        set_deck(deck().add(slide, texts=texts))
    except deck_model.DeckError as exc:
        say("error", str(exc))


def add_link() -> None:
    link = st.session_state.get("deck_add_link", "")
    if not link.strip():
        return
    try:
        slide, notices = deck_model.slide_from_link(link, known, texts=texts)
        set_deck(deck().add(slide, texts=texts))
        if notices:
            say("info", " ".join(notices))
        st.session_state["deck_add_link"] = ""
    except deck_model.DeckError as exc:
        say("error", str(exc))


def on_title(index: int) -> None:
    set_deck(deck().retitle(index, st.session_state[f"deck_title_{index}"]))


def on_upload() -> None:
    upload = st.session_state.get("deck_upload")
    if upload is None:
        return
    try:
        loaded, notices = deck_model.from_json(upload.getvalue(), known, texts=texts)
    except deck_model.DeckError as exc:
        say("error", words.UPLOAD_FAILED.format(error=exc))
        return
    set_deck(loaded)
    st.session_state[INDEX] = 0
    say("success", " ".join([words.UPLOAD_OK.format(name=loaded.name, n=len(loaded.slides)), *notices]))


def start_playing() -> None:
    st.session_state[PLAYING] = True
    st.session_state[INDEX] = 0


def _md(text: str) -> str:
    """Data text inside Markdown: escaped, so a name never becomes markup."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>()#+-.!|$~" else c for c in html.escape(str(text)))


def names() -> tuple[dict, dict]:
    return deck_model.names(db)


def edit() -> None:
    st.title(words.TITLE)
    st.caption(words.INTRO)
    message = st.session_state.pop(MESSAGE, None)
    if message:
        getattr(st, message[0])(message[1])
    current = deck()
    st.session_state["deck_name"] = current.name
    st.text_input(words.NAME_LABEL, key="deck_name", on_change=on_name, max_chars=deck_model.MAX_NAME)

    st.subheader(words.ADD_HEADER)
    left, right = st.columns(2)
    with left:
        st.selectbox(
            words.ADD_PAGE_LABEL, list(words.PAGE_NAMES), format_func=words.PAGE_NAMES.get, key="deck_add_page"
        )
        st.button(
            words.ADD_CURRENT,
            on_click=add_current,
            help=words.ADD_CURRENT_HELP,
            icon=":material/add:",
            key="deck_add_current",
        )
    with right:
        st.text_input(words.ADD_LINK_LABEL, key="deck_add_link", placeholder=words.ADD_LINK_PLACEHOLDER)
        st.button(words.ADD_LINK, on_click=add_link, icon=":material/link:", key="deck_add_link_button")

    area_names, indicator_names = names()
    st.subheader(words.SLIDES_HEADER.format(n=len(current.slides)))
    if not current.slides:
        st.info(words.EMPTY)
    for i, slide in enumerate(current.slides):
        with st.container(border=True, key=f"deck_item_{i}"):
            text, up, down, remove, open_ = st.columns([8, 1, 1, 1, 1], vertical_alignment="bottom")
            view = slide.view
            text.markdown(
                words.SLIDE_LINE.format(
                    n=i + 1,
                    page=words.PAGE_NAMES.get(slide.page, slide.page),
                    area=_md(area_names.get(view.area, view.area)),
                    indicator="–"
                    if slide.page == "tilannekuva"
                    else _md(indicator_names.get(view.indicator, view.indicator)),
                    year="" if slide.page == "tilannekuva" else view.year,
                )
            )
            st.session_state[f"deck_title_{i}"] = slide.title
            text.text_input(
                words.SLIDE_TITLE_LABEL,
                key=f"deck_title_{i}",
                on_change=on_title,
                args=(i,),
                max_chars=deck_model.MAX_TITLE,
            )
            up.button(
                words.UP,
                key=f"deck_up_{i}",
                icon=":material/arrow_upward:",
                disabled=i == 0,
                on_click=lambda i=i: set_deck(deck().move(i, -1)),
            )
            down.button(
                words.DOWN,
                key=f"deck_down_{i}",
                icon=":material/arrow_downward:",
                disabled=i == len(current.slides) - 1,
                on_click=lambda i=i: set_deck(deck().move(i, 1)),
            )
            remove.button(
                words.REMOVE,
                key=f"deck_remove_{i}",
                icon=":material/delete:",
                on_click=lambda i=i: set_deck(deck().remove(i)),
            )
            if open_.button(words.OPEN, key=f"deck_open_{i}", icon=":material/open_in_new:"):
                state.switch_page(deck_model.PAGES[slide.page], slide.view)

    st.button(
        words.PLAY,
        type="primary",
        icon=":material/slideshow:",
        on_click=start_playing,
        help=words.PLAY_HELP,
        disabled=not current.slides,
        key="deck_play",
    )

    st.subheader(words.SHARE_HEADER)
    if current.slides:
        st.caption(words.SHARE_LINK)
        st.code(deck_model.share_link(st.context.url or "", current), language=None, wrap_lines=True)
    stem = export.file_stem(words.FILE_STEM, current.name or words.NAME_DEFAULT)
    cols = st.columns(2)
    cols[0].download_button(
        words.DOWNLOAD_JSON,
        deck_model.to_json(current).encode("utf-8"),
        file_name=f"{stem}.json",
        mime="application/json",
        icon=":material/download:",
        key="deck_json",
        on_click="ignore",
    )
    cols[1].download_button(
        words.DOWNLOAD_PPTX,
        lambda deck_now=current: deck_content.write_deck_pptx(db, deck_now, this_year=this_year),
        file_name=f"{stem}.pptx",
        icon=":material/download:",
        key="deck_pptx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        disabled=not current.slides,
    )
    st.file_uploader(words.UPLOAD_LABEL, type=["json"], key="deck_upload", on_change=on_upload, max_upload_size=1)
    st.caption(texts.common.LINK_HINT)


if st.session_state.get(PLAYING):
    play()
else:
    edit()

# The address bar keeps the deck as it is now (app.py restores page parameters after sync_url),
# so copying it shares the deck; noted as loaded, so the next run does not load it again.
if deck().slides:
    st.session_state[LOADED_PARAM] = deck_model.to_param(deck())
    page_params.register(deck=st.session_state[LOADED_PARAM])
