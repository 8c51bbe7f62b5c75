-- name: source_files
-- purpose: The shipped input files the database was built from, with their SHA-256.
-- params: none
-- columns: path, sha256, bytes
SELECT path, sha256, bytes FROM source_file ORDER BY path;
