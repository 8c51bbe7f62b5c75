-- name: geometry
-- purpose: Simplified GeoJSON of one map layer ('kunta', 'alue' or 'kunta_koko_maa').
-- params: $layer
SELECT geojson, n_features, bytes FROM geometry WHERE layer = $layer;
