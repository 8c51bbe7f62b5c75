-- name: indicator_year
-- purpose: One indicator in one year for every area (annual value, or the year's last month for
--          monthly series), for maps and rankings; missing and suppressed rows are kept.
-- params: $indicator_id, $year, $gender
SELECT o.area_code, a.name_fi, a.level, a.parent_code, o.year, o.month, o.value, o.numerator,
       o.denominator, o.status, o.method, o.source, o.note
FROM observations o
JOIN areas a USING (area_code)
WHERE o.indicator_id = $indicator_id
  AND o.year = $year
  AND o.gender = $gender
QUALIFY row_number() OVER (PARTITION BY o.area_code ORDER BY o.month DESC NULLS FIRST) = 1
ORDER BY a.sort_order;
