-- name: derive
-- purpose: Read-optimised tables derived from `observation` at build time (run by the build after
--          the data is written, and by the benchmark's generator). They hold nothing new: an
--          area-ordered copy of the observations, so queries by area read a few row groups instead
--          of the whole table, and the small summaries the app reads on every page.
-- params: none

CREATE TABLE observation_by_area AS
SELECT * FROM observation
ORDER BY area_code, indicator_id, gender, year, month;

CREATE TABLE indicator_year_list AS
SELECT indicator_id, gender, list(DISTINCT year ORDER BY year) AS years
FROM observation
WHERE status = 'ok'
GROUP BY indicator_id, gender;

CREATE TABLE level_summary AS
SELECT a.level, min(a.sort_order) AS sort_order, count(DISTINCT a.area_code) AS areas,
       count(o.indicator_id) FILTER (WHERE o.status = 'ok') AS values_ok
FROM area a
LEFT JOIN observation o USING (area_code)
GROUP BY a.level;

CREATE TABLE method_summary AS
SELECT a.level, o.method, min(a.sort_order) AS sort_order, count(*) AS n_values,
       count(DISTINCT o.indicator_id) AS n_indicators
FROM observation o
JOIN area a USING (area_code)
WHERE o.status = 'ok'
GROUP BY a.level, o.method;
