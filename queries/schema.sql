-- name: schema
-- purpose: The Tilannekuva warehouse. Tables hold the data; the views `areas`, `indicators`
--          and `observations` are the documented public model (README "Data model") that any
--          DuckDB client can query. Made by `python -m tilannekuva build`; never written by the app.
-- params: none

CREATE TABLE area (
    area_code    VARCHAR PRIMARY KEY,
    name_fi      VARCHAR NOT NULL,
    name_sv      VARCHAR,
    level        VARCHAR NOT NULL CHECK (level IN ('kunta', 'alue', 'hyvinvointialue', 'maakunta', 'maa')),
    parent_code  VARCHAR,
    sort_order   INTEGER NOT NULL,
    confidence   VARCHAR,          -- how sure the membership in the parent area is (high / medium / low)
    evidence     VARCHAR,          -- where that membership comes from
    CHECK (level = 'maa' OR parent_code IS NOT NULL),
    CHECK (level <> 'kunta' OR (length(area_code) = 3 AND regexp_full_match(area_code, '[0-9]{3}')))
);

CREATE TABLE indicator (
    indicator_id     VARCHAR PRIMARY KEY,
    name_fi          VARCHAR NOT NULL,
    theme            VARCHAR NOT NULL,   -- life stage: lapset ja nuoret, työikäiset, ikääntyneet, koko väestö
    topic            VARCHAR,
    unit             VARCHAR NOT NULL,
    value_type       VARCHAR NOT NULL CHECK (value_type IN ('count', 'percent', 'rate', 'index', 'currency')),
    decimals         INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 4),
    polarity         VARCHAR NOT NULL CHECK (polarity IN ('higher', 'lower', 'neutral')),
    aggregation      VARCHAR NOT NULL CHECK (aggregation IN ('sum', 'ratio', 'weighted', 'none')),
    weight_indicator VARCHAR,
    scale            DOUBLE,
    ci_method        VARCHAR CHECK (ci_method IN ('wilson', 'byar')),
    frequency        VARCHAR NOT NULL CHECK (frequency IN ('year', 'month')),
    source_system    VARCHAR NOT NULL CHECK (source_system IN ('sotkanet', 'statfin', 'tem')),
    source_org       VARCHAR NOT NULL,
    sotkanet_id      INTEGER,
    certainty        VARCHAR,
    caveat_fi        VARCHAR,
    licence          VARCHAR NOT NULL DEFAULT 'CC BY 4.0',
    first_year       INTEGER,            -- first/last year with a value (NULL: no data shipped)
    last_year        INTEGER,
    n_values         INTEGER NOT NULL DEFAULT 0,
    concept          VARCHAR,            -- indicators measuring the same thing share a concept
    current_measure  BOOLEAN DEFAULT true,  -- the concept's measure with the newest data (NULL: true)
    CHECK (aggregation <> 'ratio' OR scale IS NOT NULL),
    CHECK (aggregation <> 'weighted' OR weight_indicator IS NOT NULL),
    CHECK (first_year IS NULL OR first_year <= last_year)
);

CREATE TABLE observation (
    indicator_id VARCHAR NOT NULL REFERENCES indicator (indicator_id),
    area_code    VARCHAR NOT NULL REFERENCES area (area_code),
    year         SMALLINT NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    month        TINYINT NOT NULL DEFAULT 0 CHECK (month BETWEEN 0 AND 12),  -- 0 = annual value
    gender       VARCHAR NOT NULL CHECK (gender IN ('total', 'male', 'female')),
    value        DOUBLE,
    numerator    DOUBLE,
    denominator  DOUBLE,
    status       VARCHAR NOT NULL CHECK (status IN ('ok', 'suppressed', 'missing')),
    method       VARCHAR NOT NULL CHECK (method IN ('source', 'source_excl_vaala', 'sum', 'ratio', 'weighted',
                                                    'estimate', 'same_territory')),
    source       VARCHAR,
    note         VARCHAR,
    PRIMARY KEY (indicator_id, area_code, year, month, gender),
    CHECK ((status = 'ok') = (value IS NOT NULL)),
    CHECK (denominator IS NULL OR denominator > 0)
);

CREATE TABLE aggregate_check (
    indicator_id   VARCHAR NOT NULL,
    area_code      VARCHAR NOT NULL,
    year           SMALLINT NOT NULL,
    month          TINYINT NOT NULL DEFAULT 0,
    gender         VARCHAR NOT NULL,
    source_value   DOUBLE NOT NULL,
    computed_value DOUBLE NOT NULL,
    abs_diff       DOUBLE NOT NULL,
    tolerance      DOUBLE NOT NULL,
    ok             BOOLEAN,            -- NULL: not comparable (source drawn with other borders)
    note           VARCHAR,
    PRIMARY KEY (indicator_id, area_code, year, month, gender)
);

CREATE TABLE geometry (
    layer      VARCHAR PRIMARY KEY CHECK (layer IN ('kunta', 'alue', 'kunta_koko_maa')),
    geojson    VARCHAR NOT NULL,
    n_features INTEGER NOT NULL CHECK (n_features > 0),
    bytes      INTEGER NOT NULL
);

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE source_file (
    path   VARCHAR PRIMARY KEY,
    sha256 VARCHAR NOT NULL,
    bytes  BIGINT NOT NULL
);

-- Public model -------------------------------------------------------------------------------

CREATE VIEW areas AS
SELECT area_code, name_fi, level, parent_code, name_sv, sort_order, confidence, evidence
FROM area;

CREATE VIEW indicators AS
SELECT * FROM indicator;

-- One row per indicator × area × year (× month for monthly series) × gender.
-- status: ok (value present) / suppressed (hidden by the source, e.g. small numbers) / missing.
-- method: source (as published) / source_excl_vaala (published for the 2013 borders of the
-- region, without Vaala) / sum / ratio / weighted (computed here from the municipalities) /
-- estimate (estimated here: rates without counts, see README) / same_territory (an area that is
-- one municipality: that municipality's own rows).
CREATE VIEW observations AS
SELECT indicator_id, area_code, year, NULLIF(month, 0)::TINYINT AS month, gender, value,
       numerator, denominator, status, method, source, note
FROM observation;
