-- name: indicators
-- purpose: The indicator catalogue with the years actually present in the warehouse.
-- params: none
-- columns: indicator_id, name_fi, theme, topic, unit, value_type, decimals, polarity, aggregation,
--          weight_indicator, scale, ci_method, frequency, source_system, source_org, sotkanet_id,
--          certainty, caveat_fi, licence, first_year, last_year, n_values, concept, current_measure
SELECT indicator_id, name_fi, theme, topic, unit, value_type, decimals, polarity, aggregation,
       weight_indicator, scale, ci_method, frequency, source_system, source_org, sotkanet_id,
       certainty, caveat_fi, licence, first_year, last_year, n_values, concept, current_measure
FROM indicators
ORDER BY theme, topic, name_fi;
