-- name: indicator_series
-- purpose: One indicator over time for chosen areas (monthly series keep their month), for trends.
-- params: $indicator_id, $area_codes, $gender
SELECT o.area_code, a.name_fi, a.level, o.year, o.month, o.value, o.numerator, o.denominator,
       o.status, o.method, o.source, o.note
FROM observations o
JOIN areas a USING (area_code)
WHERE o.indicator_id = $indicator_id
  AND list_contains($area_codes, o.area_code)
  AND o.gender = $gender
ORDER BY a.sort_order, o.year, o.month;
