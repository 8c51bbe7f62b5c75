-- name: aggregate_checks
-- purpose: Our computed region values beside the source's official ones, per indicator (summary).
-- params: none
SELECT c.indicator_id, i.name_fi, c.area_code, count(*) AS n_compared,
       count(*) FILTER (WHERE c.ok) AS n_agree, max(c.abs_diff) AS max_abs_diff,
       min(c.year) AS first_year, max(c.year) AS last_year, any_value(c.note) AS note
FROM aggregate_check c
JOIN indicators i USING (indicator_id)
GROUP BY c.indicator_id, i.name_fi, c.area_code
ORDER BY c.indicator_id, c.area_code;
