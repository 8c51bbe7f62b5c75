"""Every path the project uses, in one place (tests point these elsewhere via arguments)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
SCHEMA_SQL = QUERIES_DIR / "schema.sql"
DERIVE_SQL = QUERIES_DIR / "derive.sql"

# TILANNEKUVA_DB points the app at another warehouse (tests, benchmarks); default: the shipped build.
DB_PATH = Path(os.environ.get("TILANNEKUVA_DB") or DATA_DIR / "tilannekuva.duckdb")

MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"
AREAS_CSV = DATA_DIR / "areas.csv"
MEMBERSHIP_CSV = DATA_DIR / "area_membership.csv"
CATALOG_CSV = DATA_DIR / "indicators.csv"
SNAPSHOT_CSV = DATA_DIR / "sources" / "snapshot_values.csv"
TEM_MONTHLY_CSV = DATA_DIR / "sources" / "tem_tyonvalitystilasto_12r5_monthly_2006_2023_pohde.csv"
DIABETES_683_CSV = DATA_DIR / "sources" / "sotkanet_683_diabetes_pohde_subset_2015_2023.csv"
FRESH_DIR = DATA_DIR / "sources" / "fresh"
TEM_RATES_CSV = FRESH_DIR / "statfin_12r5_tyottomat_pct_pohde_2007_2025M01.csv"
POPULATION_CSV = FRESH_DIR / "statfin_11re_vaesto_pohde_1972_2023.csv"
POPULATION_PRELIMINARY_CSV = FRESH_DIR / "statfin_11lj_ennakkovakiluku_pohde_2024M01_2025M01.csv"
NET_MIGRATION_CSV = FRESH_DIR / "statfin_12w7_nettomuutto_pohde_2022M01_2023M12.csv"
MORBIDITY_5641_CSV = FRESH_DIR / "sotkanet_5641_sairastavuusindeksi_pohde_2023.csv"
BOUNDARIES_GEOJSON = DATA_DIR / "geo" / "kuntarajat.2023.json"
RAW_SOTKANET_DIR = DATA_DIR / "raw" / "sotkanet"
# Brotli copies of Streamlit's frontend files (static_gzip.py), made once per machine, named by hash.
STATIC_CACHE_DIR = Path(
    os.environ.get("TILANNEKUVA_STATIC_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tilannekuva" / "static"
)


def relative(path: Path) -> str:
    """Path as shown in messages and stored in the database: relative to the repo when possible."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
