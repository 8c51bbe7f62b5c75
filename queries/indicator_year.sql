-- name: indicator_year
-- purpose: One indicator in one year for every area (annual value, or the year's last month for
--          monthly series; precomputed with area names as year_value in derive.sql), for maps
--          and rankings; missing and suppressed rows are kept.
-- params: $indicator_id, $year, $gender
-- columns: area_code, name_fi, level, parent_code, year, month, value, numerator, denominator,
--          status, method, source, note
SELECT area_code, name_fi, level, parent_code, year, NULLIF(month, 0)::TINYINT AS month,
       value, numerator, denominator, status, method, source, note
FROM year_value
WHERE indicator_id = $indicator_id
  AND year = $year
  AND gender = $gender
ORDER BY sort_order;
