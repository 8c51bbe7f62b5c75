-- name: indicator_series
-- purpose: One indicator's whole series (annual values, or months for monthly series) for a few
--          areas, for trend charts. Reads the indicator-ordered copy with area names (derive.sql).
-- params: $indicator_id, $area_codes, $gender
-- columns: area_code, name_fi, level, year, month, value, numerator, denominator, status, method,
--          source, note
SELECT area_code, name_fi, level, year, NULLIF(month, 0)::TINYINT AS month, value,
       numerator, denominator, status, method, source, note
FROM observation_by_indicator
WHERE indicator_id = $indicator_id
  AND list_contains($area_codes, area_code)
  AND gender = $gender
ORDER BY sort_order, year, month NULLS FIRST;
