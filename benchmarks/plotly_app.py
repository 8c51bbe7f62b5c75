"""The Plotly floor of benchmarks/first_visit.py: one title and one small Plotly chart, nothing else.

Served by the same Streamlit with the same config as `empty_app.py`; its copied-link time over the
empty page's is what Streamlit's own Plotly element costs on this machine (its lazily loaded
plotly.js chunk and the first draw), the least any page with a chart can take. A page's time over
this one says what the page adds beyond that. This is a benchmark: the three bars are synthetic
numbers made by the code below, not product data.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Yksi kaavio")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[i + 1 for i in range(3)])))
