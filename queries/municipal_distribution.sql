-- name: municipal_distribution
-- purpose: The spread of the municipalities' annual values per indicator and year (count, min,
--          quartiles, median, max), for the start page's overview of every indicator: where an
--          area's value lies among the 30 municipalities of the same year.
-- params: $gender
-- columns: indicator_id, year, n, min_value, q1, median, q3, max_value
SELECT indicator_id, year, count(value) AS n, min(value) AS min_value,
       quantile_cont(value, 0.25) AS q1, median(value) AS median, quantile_cont(value, 0.75) AS q3,
       max(value) AS max_value
FROM year_value
WHERE level = 'kunta' AND gender = $gender AND month = 0 AND status = 'ok'
GROUP BY indicator_id, year
ORDER BY indicator_id, year;
