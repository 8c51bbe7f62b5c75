-- name: build_info
-- purpose: When and from what the database was built (key/value).
-- params: none
-- columns: key, value
SELECT key, value FROM build_info ORDER BY key;
