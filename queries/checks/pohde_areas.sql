-- name: pohde_areas
-- purpose: The six Pohde areas (Koillismaa, Oulunkaari, Oulu, Lakeus, Eteläinen, Rannikkoseutu)
--          are all there; a failing row gives the count found.
-- params: none
-- columns: pohde_areas_found
-- failure: expected the six Pohde areas
-- row: {pohde_areas_found} found
SELECT count(*) AS pohde_areas_found
FROM area
WHERE level = 'alue'
HAVING count(*) <> 6;
