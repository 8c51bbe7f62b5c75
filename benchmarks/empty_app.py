"""The baseline of benchmarks/first_visit.py: an empty Streamlit page (one title), served by the
same Streamlit with the same config, so a page's time can be given as a ratio to it."""

import streamlit as st

st.title("Tyhjä sivu")
