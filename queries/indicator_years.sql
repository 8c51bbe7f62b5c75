-- name: indicator_years
-- purpose: The years in which an indicator has at least one value, newest first.
-- params: $indicator_id, $gender
SELECT DISTINCT year
FROM observations
WHERE indicator_id = $indicator_id AND gender = $gender AND status = 'ok'
ORDER BY year DESC;
