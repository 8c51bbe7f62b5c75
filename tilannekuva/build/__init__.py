"""Build time: everything that makes the warehouse, apart from what the running app needs.

`warehouse` is `python -m tilannekuva build` (temp file, validate, atomic replace); `inputs`,
`inputs_fresh` and `sotkanet_fetched` read the shipped and fetched files; `aggregate` computes the
area values, `geometry` the map layers (geopandas), `plausibility` the value ranges and the shrink
check; `sotkanet` is the REST client and `update` the fetch-then-build command. Nothing here is
imported by the pages: the app reads the finished warehouse through `tilannekuva.db` only (app.py
imports `warehouse` lazily, to build a missing database on first start).
"""
