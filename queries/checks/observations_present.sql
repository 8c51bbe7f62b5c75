-- name: observations_present
-- purpose: The warehouse holds at least one value (status ok); a failing row says it holds none.
-- params: none
-- columns: observations_ok
-- failure: no observations
-- row: {observations_ok} with a value
SELECT count(*) AS observations_ok
FROM observation
WHERE status = 'ok'
HAVING count(*) = 0;
