-- name: indicator_year_lists
-- purpose: For every indicator and gender, the years that hold at least one value (ascending),
--          used to validate links and to fill the year selector (precomputed by derive.sql).
-- params: none
-- columns: indicator_id, gender, years
SELECT indicator_id, gender, years
FROM indicator_year_list
ORDER BY indicator_id, gender;
