-- name: aggregate_check_summary
-- purpose: Our computed region values beside the source's official ones, per indicator and area:
--          how many years agree, how many are not comparable (source drawn with other borders),
--          and the largest difference, for the Tietoa page.
-- params: none
-- columns: indicator_id, name_fi, area_code, n_compared, n_agree, n_not_comparable, n_disagree,
--          max_abs_diff, tolerance, first_year, last_year, note
SELECT c.indicator_id, i.name_fi, c.area_code, count(*) AS n_compared,
       count(*) FILTER (WHERE c.ok) AS n_agree,
       count(*) FILTER (WHERE c.ok IS NULL) AS n_not_comparable,
       count(*) FILTER (WHERE NOT c.ok) AS n_disagree,
       max(c.abs_diff) AS max_abs_diff, max(c.tolerance) AS tolerance,
       min(c.year) AS first_year, max(c.year) AS last_year, any_value(c.note) AS note
FROM aggregate_check c
JOIN indicators i USING (indicator_id)
GROUP BY c.indicator_id, i.name_fi, c.area_code
ORDER BY i.name_fi, c.area_code;
