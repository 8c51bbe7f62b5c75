"""The data model's codes, in one place (issue 10): area codes of the benchmarks, Hailuoto and
the areas its open doubt touches, levels, and the status / method values of `observation`.

The values are those of `queries/schema.sql` (its CHECK constraints) and of `data/areas.csv`;
every other module names them through these constants instead of typing the strings.
"""

from __future__ import annotations

# Benchmarks and the wellbeing services county (area_code values of data/areas.csv).
REGION = "MK17"  # Pohjois-Pohjanmaa (maakunta 17)
COUNTRY = "SSS"  # Koko maa
COUNTY = "HVA19"  # Pohjois-Pohjanmaan hyvinvointialue (Pohde)
BENCHMARKS = (REGION, COUNTRY)
ABOVE_AREAS = (COUNTY, REGION, COUNTRY)  # the codes above the Pohde areas, nearest first

# Hailuoto's Pohde area is an open doubt (Lakeus or Oulu): where it changes what is shown.
HAILUOTO = "072"
OULU_CITY = "564"
LAKEUS, OULU_AREA = "lakeus", "oulu"
HAILUOTO_AREAS = frozenset({LAKEUS, OULU_AREA, OULU_CITY, HAILUOTO})

# areas.level, from the municipality up.
MUNICIPALITY, POHDE_AREA, COUNTY_LEVEL, REGION_LEVEL, COUNTRY_LEVEL = (
    "kunta",
    "alue",
    "hyvinvointialue",
    "maakunta",
    "maa",
)
LEVELS = (MUNICIPALITY, POHDE_AREA, COUNTY_LEVEL, REGION_LEVEL, COUNTRY_LEVEL)
#: The order areas are listed in pickers and reports: the region first, municipalities last.
LEVEL_ORDER = {REGION_LEVEL: 0, COUNTY_LEVEL: 1, POHDE_AREA: 2, MUNICIPALITY: 3}

# Map layers (geometry.layer): the 30 municipalities, the six Pohde areas, the whole country.
MAP_LAYERS = (MUNICIPALITY, POHDE_AREA)
COUNTRY_MAP_LAYER = "kunta_koko_maa"

# observation.status
OK, SUPPRESSED, MISSING = "ok", "suppressed", "missing"
STATUSES = (OK, SUPPRESSED, MISSING)

# observation.method: how a value came about.
SOURCE = "source"  # as published
SOURCE_EXCL_VAALA = "source_excl_vaala"  # published for the 2013 borders (without Vaala)
SUM, RATIO, WEIGHTED = "sum", "ratio", "weighted"  # aggregated by the build from the members
ESTIMATE = "estimate"  # members' rates weighted without counts (marked arvio)
SAME_TERRITORY = "same_territory"  # an area of one municipality: that municipality's value
METHODS = (SOURCE, SOURCE_EXCL_VAALA, SUM, RATIO, WEIGHTED, ESTIMATE, SAME_TERRITORY)
AGGREGATED_METHODS = (SUM, RATIO, WEIGHTED, ESTIMATE)

# observation.gender
TOTAL, MALE, FEMALE = "total", "male", "female"
GENDERS = (TOTAL, MALE, FEMALE)
