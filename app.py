"""Tilannekuva – the router and frame: first-run build, shared selectors, navigation.

Run with `streamlit run app.py`. Pages live in pages/ and hold UI only.

This one file is both the script every session runs (as `__main__`: `main()`) and, when
`streamlit run` imports it, the server: `app = st.App(...)` with a start-up hook that runs the app
once before the first visitor, so imports, the database and the shared caches are warm (without
it, visitors arriving together after a restart all waited for that first run, ~1 s more each).
"""

from __future__ import annotations

import contextlib
import logging
import runpy

import anyio
import streamlit as st

from tilannekuva import paths, static_gzip
from tilannekuva.db import get_database
from tilannekuva.ui import components, frontend, page_params, state


def ensure_database() -> None:
    """First run on a fresh clone: build the warehouse from the shipped data, visibly."""
    if paths.DB_PATH.exists():
        return
    from tilannekuva.build.inputs import InputError
    from tilannekuva.build.warehouse import BuildError, build_database

    words = state.texts().common
    with st.spinner(words.BUILDING_DB):
        try:
            build_database(paths.DB_PATH)
        except (InputError, BuildError) as exc:
            st.error(words.BUILD_FAILED.format(error=exc))
            st.stop()


START_PAGE = paths.ROOT / "pages" / "start.py"


def start_page_alias() -> None:
    """/tilannekuva: Streamlit serves the default page only at "/", so the start page's own URL
    path is a hidden alias that runs the same page script."""
    runpy.run_path(str(START_PAGE), run_name="__main__")


def main() -> None:
    """One session's run: the frame, the navigation and the chosen page."""
    texts = state.texts()  # the session's language (the link's `lang`, read by state.init)
    titles = texts.common.PAGE_TITLES
    st.set_page_config(page_title=texts.common.APP_TITLE, page_icon="📊", layout="wide", initial_sidebar_state="auto")
    components.print_styles()  # printing a page: no sidebar, no buttons, tables not clipped
    ensure_database()
    db = get_database()
    state.init(db)
    frontend.install()  # one Back per page switch, Finnish for Streamlit's own texts (ui/frontend.py)

    pages = [
        # A url_path must differ from every file stem in pages/ (docs/ARCHITECTURE.md); the default
        # page is served at "/" whatever its url_path.
        st.Page(
            "pages/start.py", title=titles["tilannekuva"], default=True, url_path="etusivu", icon=":material/dashboard:"
        ),
        st.Page(start_page_alias, title=titles["tilannekuva"], url_path="tilannekuva", visibility="hidden"),
        st.Page("pages/changes.py", title=texts.changes.NAV_TITLE, url_path="muutokset", icon=":material/update:"),
        st.Page("pages/map.py", title=titles["kartta"], url_path="kartta", icon=":material/map:"),
        st.Page("pages/trends.py", title=titles["kehitys"], url_path="kehitys", icon=":material/show_chart:"),
        st.Page("pages/compare.py", title=titles["vertailu"], url_path="vertailu", icon=":material/bar_chart:"),
        st.Page("pages/goals.py", title=texts.goals.TITLE, url_path="tavoitteet", icon=":material/flag:"),
        st.Page(
            "pages/presentation.py", title=texts.presentation.TITLE, url_path="esitys", icon=":material/slideshow:"
        ),
        st.Page("pages/catalogue.py", title=titles["indikaattorit"], url_path="indikaattorit", icon=":material/list:"),
        st.Page("pages/about.py", title=titles["tietoa"], url_path="tietoa", icon=":material/info:"),
    ]
    page = st.navigation(pages, position="top")
    state.sidebar(db)
    state.show_notices()
    page.run()
    state.sync_url()
    page_params.restore()  # page-local link parameters, e.g. a pinned snapshot (ui/page_params.py)


@contextlib.asynccontextmanager
async def warm_up(_app):
    """Server start-up: run the app once (Streamlit's own script health check: a real session on
    the default page) before the server accepts visitors. It also builds the database on a fresh
    clone. A failure is logged; the visitor then sees the error page as usual."""
    from streamlit import runtime

    ok, message = await runtime.get_instance().does_script_run_without_error()
    if not ok:
        logging.getLogger("tilannekuva").warning("start-up run of app.py failed: %s", message)
    await anyio.to_thread.run_sync(static_gzip.STORE.warm)  # the first visitor gets gzip at once
    yield


if __name__ == "__main__":  # a session's run of the script
    main()
else:  # `streamlit run app.py` imports this file to find the server
    from starlette.middleware import Middleware

    from tilannekuva.ui.errors import on_script_error  # a Finnish message, the traceback only in the log

    # The frontend bundle gzip-compressed (Streamlit serves it uncompressed): tilannekuva/static_gzip.py
    app = st.App(
        __file__, lifespan=warm_up, middleware=[Middleware(static_gzip.GzipStatic)], on_script_error=on_script_error
    )
