-- name: area_spread
-- purpose: Spread between the municipalities inside each Pohde area, per year: min, max,
--          max − min and the number of municipalities with a value (annual values only).
-- params: $indicator_id, $gender
SELECT a.parent_code AS area_code, p.name_fi AS area_name, o.year,
       min(o.value) AS min_value, max(o.value) AS max_value, max(o.value) - min(o.value) AS range_value,
       count(o.value) AS n_values, count(*) AS n_municipalities,
       arg_min(a.name_fi, o.value) AS min_name, arg_max(a.name_fi, o.value) AS max_name
FROM observations o
JOIN areas a USING (area_code)
JOIN areas p ON p.area_code = a.parent_code
WHERE o.indicator_id = $indicator_id AND o.gender = $gender AND o.month IS NULL
  AND a.level = 'kunta'
GROUP BY a.parent_code, p.name_fi, p.sort_order, o.year
ORDER BY p.sort_order, o.year;
