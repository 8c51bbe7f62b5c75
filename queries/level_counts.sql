-- name: level_counts
-- purpose: How many areas and values each level has (precomputed by derive.sql).
-- params: none
SELECT level, areas, values_ok
FROM level_summary
ORDER BY sort_order;
