-- name: area_profile
-- purpose: Area profile: for a set of municipalities, every annual indicator in its own latest
--          year with a value among them, with the members' rows (missing ones kept) and the
--          benchmark area's row of that same year.
-- params: $area_codes, $benchmark, $gender
WITH latest AS (
    SELECT o.indicator_id, max(o.year) AS year
    FROM observation_by_area o
    JOIN indicator i USING (indicator_id)
    WHERE list_contains($area_codes, o.area_code)
      AND o.gender = $gender AND o.month = 0 AND o.status = 'ok' AND i.frequency = 'year'
    GROUP BY o.indicator_id
)
SELECT o.indicator_id, o.year, o.area_code, o.value, o.numerator, o.denominator, o.status, o.method
FROM latest l
JOIN observation_by_area o ON o.indicator_id = l.indicator_id AND o.year = l.year
WHERE o.gender = $gender AND o.month = 0
  AND (list_contains($area_codes, o.area_code) OR o.area_code = $benchmark)
ORDER BY o.indicator_id, o.area_code;
