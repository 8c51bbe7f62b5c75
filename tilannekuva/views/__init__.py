"""Pure page models: `build(db, ..., this_year=) -> frozen model`, no Streamlit.

Pages, reports and slides all read what a page shows from here; Streamlit code only caches the
results (`tilannekuva.ui.cached`) and draws them.
"""
