-- name: indicator_years
-- purpose: The years in which an indicator has at least one value, newest first (from the
--          precomputed indicator_year_list in derive.sql).
-- params: $indicator_id, $gender
SELECT unnest(years) AS year
FROM indicator_year_list
WHERE indicator_id = $indicator_id AND gender = $gender
ORDER BY year DESC;
