-- name: geometry
-- purpose: Simplified GeoJSON of one map layer ('kunta', 'alue' or 'kunta_koko_maa').
-- params: $layer
-- columns: geojson, n_features, bytes
SELECT geojson, n_features, bytes FROM geometry WHERE layer = $layer;
