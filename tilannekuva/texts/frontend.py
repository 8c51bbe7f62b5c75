"""Finnish for Streamlit's own frontend texts (it has no translations of its own).

`ui/frontend.py` swaps these in the browser: exact English texts of Streamlit's dialogs, tooltips
and button labels (aria-label, title), and Plotly's chart toolbar. Keys are Streamlit 1.67's and
Plotly 7.1's wording; a text they change is simply left in English.
"""

LABELS = {
    # Streamlit: navigation and sidebar
    "Expand sidebar": "Avaa valinnat ja sivut",
    "Collapse sidebar": "Sulje valinnat",
    "App pages": "Sivut",
    "Sidebar": "Valinnat ja sivut",
    "Main menu": "Valikko",
    "Link to heading": "Linkki otsikkoon",
    "Open": "Avaa",
    "Close": "Sulje",
    "Clear all": "Tyhjennä",
    "Choose an option": "Valitse",
    "No results": "Ei osumia",
    # Streamlit: the "Page not found" dialog
    "Page not found": "Sivua ei löydy",
    "The page that you have requested does not seem to exist. Running the app's main page.": (
        "Pyytämääsi sivua ei ole. Näytetään etusivu."
    ),
    # Streamlit: table and chart toolbars
    "Show/hide columns": "Näytä tai piilota sarakkeita",
    "Download as CSV": "Lataa CSV-tiedostona",
    "Search": "Hae taulukosta",
    "Type to search": "Kirjoita hakusana",
    "Fullscreen": "Koko näyttö",
    "Close fullscreen": "Sulje koko näyttö",
    "Clear search": "Tyhjennä haku",
    # Plotly's chart toolbar
    "Download plot as a png": "Lataa kuvana (PNG)",
    "Zoom": "Suurenna alue",
    "Pan": "Siirrä",
    "Zoom in": "Lähennä",
    "Zoom out": "Loitonna",
    "Autoscale": "Sovita",
    "Reset axes": "Palauta akselit",
    "Reset view": "Palauta näkymä",
    "Box Select": "Valitse alue",
    "Lasso Select": "Valitse vapaasti",
}
PREFIXES = {  # "Help for Alue" -> "Ohje: Alue"
    "Help for ": "Ohje: ",
}
SIDEBAR_BUTTON = "Valinnat ja sivut"  # shown beside Streamlit's unlabelled "»" on a phone
