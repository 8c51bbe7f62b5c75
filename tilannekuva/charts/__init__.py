"""Pure chart builders: polars frames and options in, plotly Figures out (no Streamlit, no DB).

One module per page or chart family, e.g. `charts.map` (choropleth and its written finding),
`charts.trend` (time series with gaps and trend judgements), `charts.ranking`, `charts.spread`,
`charts.profile`. Import the module you need: this package file stays empty on purpose, so the
modules do not depend on each other through it.
"""
