-- name: area_spread
-- purpose: Spread between the municipalities inside each area, per year: min, max, max − min
--          and the number of municipalities with a value (annual values only; precomputed as
--          spread_value in derive.sql).
-- params: $indicator_id, $gender
-- columns: area_code, area_name, year, min_value, max_value, range_value, n_values,
--          n_municipalities, min_name, max_name
SELECT area_code, area_name, year, min_value, max_value, range_value, n_values, n_municipalities,
       min_name, max_name
FROM spread_value
WHERE ind = (SELECT ind FROM indicator_key WHERE indicator_id = $indicator_id) AND gender = $gender
ORDER BY sort_order, year;
