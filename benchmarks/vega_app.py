"""The Vega-Lite floor of benchmarks/first_visit.py: one title and one small Vega-Lite chart.

Served by the same Streamlit with the same config as `empty_app.py`; its copied-link time over the
empty page's is what Streamlit's own Vega-Lite element (`st.vega_lite_chart`) costs on this machine,
for comparison with the Plotly floor (`plotly_app.py`). This is a benchmark page: the three bars are
synthetic numbers made by the code below, not product data.
"""

import streamlit as st

st.title("Yksi kaavio")
st.vega_lite_chart(
    {
        "data": {"values": [{"x": x, "y": i + 1} for i, x in enumerate("abc")]},
        "mark": "bar",
        "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "quantitative"}},
    }
)
