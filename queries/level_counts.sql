-- name: level_counts
-- purpose: How many areas and observations each level has (the first-run overview).
-- params: none
SELECT a.level, count(DISTINCT a.area_code) AS areas,
       count(o.indicator_id) FILTER (WHERE o.status = 'ok') AS values_ok
FROM areas a
LEFT JOIN observations o USING (area_code)
GROUP BY a.level
ORDER BY min(a.sort_order);
