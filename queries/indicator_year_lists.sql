-- name: indicator_year_lists
-- purpose: For every indicator and gender, the years that hold at least one value (ascending),
--          used to validate links and to fill the year selector.
-- params: none
SELECT indicator_id, gender, list(DISTINCT year ORDER BY year) AS years
FROM observations
WHERE status = 'ok'
GROUP BY indicator_id, gender
ORDER BY indicator_id, gender;
