"""The static-SVG floor of benchmarks/first_visit.py: one title and one small static SVG image.

Served by the same Streamlit with the same config as `empty_app.py`; its copied-link time over the
empty page's is what a chart drawn as a static image (`st.image` with SVG markup, no chart library
in the browser) costs on this machine: the least a static first paint can take. This is a benchmark
page: the three bars are a synthetic shape made by the code below, not product data.
"""

import streamlit as st

BARS = [i + 1 for i in range(3)]
WIDTH, HEIGHT, BAR = 300, 200, 60
rects = "".join(
    f'<rect x="{30 + i * 90}" y="{HEIGHT - 20 - v * 50}" width="{BAR}" height="{v * 50}" fill="#1f77b4"/>'
    for i, v in enumerate(BARS)
)
st.title("Yksi kuva")
st.image(f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}">{rects}</svg>')
