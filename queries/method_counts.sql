-- name: method_counts
-- purpose: How the values of each area level came about (as published, computed from the
--          municipalities, or the 2013-border region without Vaala), for the Tietoa page.
-- params: none
SELECT a.level, o.method, count(*) AS n_values, count(DISTINCT o.indicator_id) AS n_indicators
FROM observations o
JOIN areas a USING (area_code)
WHERE o.status = 'ok'
GROUP BY a.level, o.method
ORDER BY min(a.sort_order), o.method;
