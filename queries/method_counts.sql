-- name: method_counts
-- purpose: How the values of each area level came about (as published, computed from the
--          municipalities, or the 2013-border region without Vaala), for the Tietoa page.
--          (precomputed by derive.sql)
-- params: none
-- columns: level, method, n_values, n_indicators
SELECT level, method, n_values, n_indicators
FROM method_summary
ORDER BY sort_order, method;
