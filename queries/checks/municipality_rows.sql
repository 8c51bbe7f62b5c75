-- name: municipality_rows
-- purpose: The warehouse holds as many municipality rows as municipalities.csv lists; a failing
--          row gives the count found.
-- params: $municipalities
-- columns: municipalities_found, municipalities_expected
-- failure: municipality rows do not match municipalities.csv
-- row: {municipalities_found} found, {municipalities_expected} expected
SELECT count(*) AS municipalities_found, any_value($municipalities) AS municipalities_expected
FROM area
WHERE level = 'kunta'
HAVING count(*) <> any_value($municipalities);
