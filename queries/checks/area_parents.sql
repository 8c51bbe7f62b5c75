-- name: area_parents
-- purpose: Every area's parent exists; a failing row is an area that points to a parent that
--          does not.
-- params: none
-- columns: area_code, parent_code
-- failure: area(s) point to a parent that does not exist
-- row: {area_code} -> {parent_code}
SELECT a.area_code, a.parent_code
FROM area a
LEFT JOIN area p ON a.parent_code = p.area_code
WHERE a.parent_code IS NOT NULL AND p.area_code IS NULL
ORDER BY a.area_code;
