-- name: area_series
-- purpose: Annual values of every indicator for a few areas (an area and its benchmarks), for
--          the situational picture: latest values, changes, comparisons and trends.
-- params: $area_codes, $gender
SELECT indicator_id, area_code, year, value, numerator, denominator, status, method, source, note
FROM observations
WHERE list_contains($area_codes, area_code)
  AND gender = $gender
  AND month IS NULL
ORDER BY indicator_id, area_code, year;
