-- name: area_profile
-- purpose: Area profile: for the municipalities of one area, every annual indicator in its own
--          latest year with a value among them, with the members' rows of that year (missing
--          ones kept); precomputed as profile_value in derive.sql. The benchmark's values of the
--          same years come from its area_series.
-- params: $parent_code, $gender
-- columns: indicator_id, year, area_code, value, numerator, denominator, status, method
SELECT indicator_id, year, area_code, value, numerator, denominator, status, method
FROM profile_value
WHERE parent_code = $parent_code AND gender = $gender
ORDER BY indicator_id, area_code;
