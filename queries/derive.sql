-- name: derive
-- purpose: Read-optimised tables derived from `observation` at build time (run by the build after
--          the data is written, and by the benchmark's generator). They hold nothing new: copies
--          of the observations sorted for each way the pages read them, so a query reads one or
--          two row groups instead of the whole table, and small pre-aggregated tables for the
--          area profile, the spread within areas and the summaries read on every page.
-- params: none

-- A small integer key per indicator, in id order: the sort key of the by-indicator tables and the
-- exact filter of area_spread. DuckDB's string zonemaps keep only a prefix of each value and many
-- ids share theirs (tem_tyottomat_*), so a filter on the id string reads those neighbours' row
-- groups too (few: measured cheaper than a key lookup for indicator_year/indicator_series).
CREATE TABLE indicator_key AS
SELECT indicator_id, (row_number() OVER (ORDER BY indicator_id))::SMALLINT AS ind
FROM indicator;

-- By area: the situational picture of one area (area_series, the profile's benchmark row).
CREATE TABLE observation_by_area AS
SELECT * FROM observation
ORDER BY area_code, gender, indicator_id, year, month;

-- By indicator: one indicator's series for a few areas (indicator_series). Area names and
-- order are copied in, so the hot queries read one table and join nothing: in DuckDB a join
-- costs more to plan and schedule than these small scans cost to run.
CREATE TABLE observation_by_indicator AS
SELECT k.ind, o.*, a.name_fi, a.level, a.parent_code, a.sort_order
FROM observation o
JOIN indicator_key k USING (indicator_id)
JOIN area a USING (area_code)
ORDER BY k.ind, o.gender, o.area_code, o.year, o.month;

-- The value maps and rankings show for an indicator, area, year and gender: the annual value,
-- or for a monthly series the year's last month (indicator_year).
CREATE TABLE year_value AS
SELECT * FROM observation_by_indicator
QUALIFY row_number() OVER (PARTITION BY indicator_id, area_code, year, gender
                           ORDER BY month = 0 DESC, month DESC) = 1
ORDER BY ind, gender, year, sort_order;

-- Spread between the municipalities of each area, per indicator, gender and year (area_spread).
-- Ties (two municipalities with the same lowest or highest value) name the same municipality every
-- time: the ordering value is (value, name).
CREATE TABLE spread_value AS
SELECT k.ind, o.gender, a.parent_code AS area_code, p.name_fi AS area_name, p.sort_order, o.year,
       min(o.value) AS min_value, max(o.value) AS max_value, max(o.value) - min(o.value) AS range_value,
       count(o.value) AS n_values, count(*) AS n_municipalities,
       arg_min(a.name_fi, (o.value, a.name_fi)) FILTER (WHERE o.value IS NOT NULL) AS min_name, arg_max(a.name_fi, (o.value, a.name_fi)) FILTER (WHERE o.value IS NOT NULL) AS max_name
FROM observation o
JOIN area a USING (area_code)
JOIN area p ON p.area_code = a.parent_code
JOIN indicator_key k USING (indicator_id)
WHERE a.level = 'kunta' AND o.month = 0
GROUP BY k.ind, o.gender, a.parent_code, p.name_fi, p.sort_order, o.year
ORDER BY k.ind, o.gender, p.sort_order, o.year;

-- Area profile: for the municipalities of each area, every annual indicator's latest year with a
-- value among them (profile_year) and the members' rows of that year, missing ones kept
-- (profile_value; the benchmark's rows come from its cached area_series).
CREATE TABLE profile_year AS
SELECT a.parent_code, o.gender, o.indicator_id, max(o.year) AS year
FROM observation o
JOIN area a USING (area_code)
JOIN indicator i USING (indicator_id)
WHERE a.level = 'kunta' AND o.month = 0 AND o.status = 'ok' AND i.frequency = 'year'
GROUP BY a.parent_code, o.gender, o.indicator_id
ORDER BY a.parent_code, o.gender, o.indicator_id;

CREATE TABLE profile_value AS
SELECT y.parent_code, o.*
FROM profile_year y
JOIN area a ON a.parent_code = y.parent_code AND a.level = 'kunta'
JOIN observation o ON o.area_code = a.area_code AND o.indicator_id = y.indicator_id
                  AND o.year = y.year AND o.gender = y.gender AND o.month = 0
ORDER BY y.parent_code, o.gender, o.indicator_id, o.area_code;

CREATE TABLE indicator_year_list AS
SELECT indicator_id, gender, list(DISTINCT year ORDER BY year) AS years
FROM observation
WHERE status = 'ok'
GROUP BY indicator_id, gender;

CREATE TABLE method_summary AS
SELECT a.level, o.method, min(a.sort_order) AS sort_order, count(*) AS n_values,
       count(DISTINCT o.indicator_id) AS n_indicators
FROM observation o
JOIN area a USING (area_code)
WHERE o.status = 'ok'
GROUP BY a.level, o.method;
