-- name: area_series
-- purpose: Annual values of every indicator for one area, for the situational picture (latest
--          values, changes, trends; the same rows of a benchmark area for comparisons). Reads
--          the area-ordered copy (derive.sql), so only that area's row group is scanned.
-- params: $area_code, $gender
-- columns: indicator_id, area_code, year, value, numerator, denominator, status, method, note
SELECT indicator_id, area_code, year, value, numerator, denominator, status, method, note
FROM observation_by_area
WHERE area_code = $area_code
  AND gender = $gender
  AND month = 0
ORDER BY indicator_id, year;
