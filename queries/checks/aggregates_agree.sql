-- name: aggregates_agree
-- purpose: Computed area values agree with the source's official values (within the rounding
--          tolerance); a failing row is a disagreeing indicator, area and year.
-- params: none
-- columns: indicator_id, area_code, year, source_value, computed_value
-- failure: computed area values disagree with the source's official values
-- row: {indicator_id} {area_code} {year}: source {source_value}, computed {computed_value:.4f}
SELECT indicator_id, area_code, year, source_value, computed_value
FROM aggregate_check
WHERE ok = false
ORDER BY indicator_id, area_code, year;
