"""Page stub – being built."""

import streamlit as st

st.title("indikaattorit")
