-- name: areas
-- purpose: Every area (municipalities, the six Pohde areas, Pohde, the region, the country) with
--          its level, parent and membership evidence, in display order.
-- params: none
-- columns: area_code, name_fi, level, parent_code, sort_order, confidence, evidence
SELECT area_code, name_fi, level, parent_code, sort_order, confidence, evidence
FROM areas
ORDER BY sort_order, name_fi;
