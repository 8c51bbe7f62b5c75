-- name: area_series
-- purpose: Annual values of every indicator for a few areas (an area and its benchmarks), for
--          the situational picture: latest values, changes, comparisons and trends. Reads the
--          area-ordered copy (derive.sql) so only the chosen areas' row groups are scanned.
-- params: $area_codes, $gender
SELECT indicator_id, area_code, year, value, numerator, denominator, status, method, source, note
FROM observation_by_area
WHERE list_contains($area_codes, area_code)
  AND gender = $gender
  AND month = 0
ORDER BY indicator_id, area_code, year;
