"""A generated warehouse with the real schema, for benchmarks at national scale.

CLEARLY SYNTHETIC: every value is drawn from a seeded random generator. The database is written
only under a temporary directory or benchmarks/out/ (ignored by git), never into data/.

What is real: the schema (queries/schema.sql), the 309 municipality codes and names and their
borders (data/geo/kuntarajat.2023.json), the six Pohde areas of the 30 Pohjois-Pohjanmaa
municipalities (data/area_membership.csv) and the indicator catalogue (data/indicators.csv,
topped up with generated indicators). What is generated: the grouping of the other
municipalities into areas (by latitude/longitude, ~22 areas in all, like the wellbeing services
counties), every observation, the aggregate checks and the build info.

    python benchmarks/synthetic.py --out /tmp/national.duckdb            # national scale
    python benchmarks/synthetic.py --out /tmp/tiny.duckdb --scale tiny   # 12 municipalities
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
import shapely  # noqa: E402

from tilannekuva import paths, viewstate  # noqa: E402
from tilannekuva.build import inputs  # noqa: E402
from tilannekuva.build.warehouse import write_frame  # noqa: E402

GENERATOR_VERSION = "1"
POHDE_PARENT = "HVA19"
# Indicators a tiny database keeps first: the app's default indicator, population (the weight of
# the weighted indicators) and one Sotkanet indicator with a region value.
PREFERRED_INDICATORS = (viewstate.DEFAULT_INDICATOR, "127", "683")
SYNTHETIC_NOTE = "SYNTEETTINEN – benchmarks/synthetic.py, ei oikeaa dataa"


@dataclass(frozen=True)
class Scale:
    municipalities: int | None = None  # None: every municipality in the boundaries file (309)
    areas: int = 22  # areas in all (the six Pohde areas count); ignored for ≤ 30
    indicators: int = 300
    first_year: int = 2000
    last_year: int = 2025
    genders: tuple[str, ...] = ("total", "male", "female")
    seed: int = 20251123

    def key(self) -> str:
        """Identity of what `generate` would write (scale, generator, schema, derived tables, DuckDB version)."""
        digest = hashlib.sha256()
        digest.update(json.dumps(asdict(self), sort_keys=True).encode())
        digest.update(Path(__file__).read_bytes())
        digest.update(paths.SCHEMA_SQL.read_bytes())
        digest.update(paths.DERIVE_SQL.read_bytes())  # the derived tables are part of the file
        digest.update(paths.CATALOG_CSV.read_bytes())
        digest.update(duckdb.__version__.encode())
        return digest.hexdigest()[:16]


SCALES = {
    "national": Scale(),
    "tiny": Scale(municipalities=12, indicators=5, first_year=2023, last_year=2025),
}


# --------------------------------------------------------------------------- areas


def _boundaries() -> list[dict]:
    features = json.loads(paths.BOUNDARIES_GEOJSON.read_text(encoding="utf-8"))["features"]
    return sorted(features, key=lambda f: f["properties"]["NATCODE"])


def _areas(scale: Scale, features: list[dict]) -> tuple[pl.DataFrame, dict[str, str]]:
    """(area rows, kuntanumero -> area code) for the municipalities the scale keeps."""
    membership = pl.read_csv(paths.MEMBERSHIP_CSV, schema_overrides={"kuntanumero": pl.String})
    pohde_of = dict(zip(membership["kuntanumero"], membership["area_code"]))
    pohde_areas = pl.read_csv(paths.AREAS_CSV).filter(pl.col("level") == "alue")
    by_code = {f["properties"]["NATCODE"]: f for f in features}
    pohde_codes = sorted(c for c in pohde_of if c in by_code)
    others = sorted(c for c in by_code if c not in pohde_of)
    n = len(by_code) if scale.municipalities is None else scale.municipalities
    chosen = (pohde_codes + others)[:n]
    chosen_others = [c for c in chosen if c not in pohde_of]

    area_of = {c: pohde_of[c] for c in chosen if c in pohde_of}
    rows = []
    for r in pohde_areas.iter_rows(named=True):
        if r["area_code"] in area_of.values():
            rows.append(
                {
                    "area_code": r["area_code"],
                    "name_fi": r["name_fi"],
                    "level": "alue",
                    "parent_code": POHDE_PARENT,
                    "sort_order": int(r["sort_order"]),
                    "confidence": r["confidence"],
                    "evidence": r["evidence"],
                }
            )
    n_groups = max(1, min(len(chosen_others), scale.areas - len(rows))) if chosen_others else 0
    if n_groups:
        # Compact-ish groups: latitude bands, each cut by longitude.
        centre = {c: shapely.from_geojson(json.dumps(by_code[c]["geometry"])).centroid for c in chosen_others}
        by_lat = sorted(chosen_others, key=lambda c: (centre[c].y, c))
        bands = max(1, int(round(n_groups**0.5)))
        band_sizes = np.array_split(np.arange(n_groups), bands)
        lat_chunks = np.array_split(
            np.array(by_lat),
            [sum(len(b) for b in band_sizes[: i + 1]) * len(by_lat) // n_groups for i in range(bands - 1)],
        )
        group = 0
        for band, groups in zip(lat_chunks, band_sizes):
            by_lon = sorted(band.tolist(), key=lambda c: (centre[c].x, c))
            for members in np.array_split(np.array(by_lon, dtype=object), len(groups)):
                group += 1
                code = f"synt_alue_{group:02d}"
                for c in members:
                    area_of[str(c)] = code
                rows.append(
                    {
                        "area_code": code,
                        "name_fi": f"Synteettinen alue {group}",
                        "level": "alue",
                        "parent_code": "SSS",
                        "sort_order": 20 + group,
                        "confidence": "low",
                        "evidence": SYNTHETIC_NOTE,
                    }
                )
    rows += [
        {
            "area_code": "HVA19",
            "name_fi": "Pohjois-Pohjanmaan hyvinvointialue",
            "level": "hyvinvointialue",
            "parent_code": "SSS",
            "sort_order": 90,
            "confidence": "high",
            "evidence": SYNTHETIC_NOTE,
        },
        {
            "area_code": "MK17",
            "name_fi": "Pohjois-Pohjanmaa",
            "level": "maakunta",
            "parent_code": "SSS",
            "sort_order": 91,
            "confidence": "high",
            "evidence": SYNTHETIC_NOTE,
        },
        {
            "area_code": "SSS",
            "name_fi": "Koko maa",
            "level": "maa",
            "parent_code": None,
            "sort_order": 92,
            "confidence": "high",
            "evidence": SYNTHETIC_NOTE,
        },
    ]
    for i, code in enumerate(chosen):
        props = by_code[code]["properties"]
        rows.append(
            {
                "area_code": code,
                "name_fi": props["NAMEFIN"],
                "name_sv": props.get("NAMESWE"),
                "level": "kunta",
                "parent_code": area_of[code],
                "sort_order": 100 + i,
                "confidence": "high" if code in pohde_of else "low",
                "evidence": "data/area_membership.csv" if code in pohde_of else SYNTHETIC_NOTE,
            }
        )
    frame = pl.DataFrame(
        rows,
        schema={
            "area_code": pl.String,
            "name_fi": pl.String,
            "name_sv": pl.String,
            "level": pl.String,
            "parent_code": pl.String,
            "sort_order": pl.Int32,
            "confidence": pl.String,
            "evidence": pl.String,
        },
    )
    return frame, area_of


# --------------------------------------------------------------------------- indicators


def _catalog(scale: Scale) -> pl.DataFrame:
    real = inputs.load_catalog(paths.CATALOG_CSV)
    order = {iid: i for i, iid in enumerate(PREFERRED_INDICATORS)}
    real = real.with_columns(
        pl.col("indicator_id").replace_strict(order, default=len(order), return_dtype=pl.Int32).alias("_o")
    )
    real = real.with_row_index("_r").sort("_o", "_r").drop("_o", "_r")
    chosen = real.head(scale.indicators)
    extra = scale.indicators - chosen.height
    if extra > 0:
        kinds = [  # value_type, unit, aggregation, scale, weight, decimals
            ("percent", "%", "weighted", None, "127", 1),
            ("rate", "/1000", "ratio", 1000.0, None, 1),
            ("count", "lkm", "sum", None, None, 0),
            ("percent", "%", "ratio", 100.0, None, 1),
            ("index", "indeksi", "none", None, None, 1),
        ]
        themes = list(inputs.load_catalog(paths.CATALOG_CSV)["theme"].unique(maintain_order=True))
        rows = []
        for i in range(extra):
            vt, unit, agg, sc, weight, dec = kinds[i % len(kinds)]
            rows.append(
                {
                    "indicator_id": f"synt_{i + 1:03d}",
                    "name_fi": f"Synteettinen indikaattori {i + 1:03d}",
                    "theme": themes[i % len(themes)],
                    "topic": f"synteettinen aihe {i % 12 + 1}",
                    "unit": unit,
                    "value_type": vt,
                    "decimals": dec,
                    "polarity": ("higher", "lower", "neutral")[i % 3],
                    "aggregation": agg,
                    "weight_indicator": weight,
                    "scale": sc,
                    "ci_method": "wilson" if agg == "ratio" and sc == 100.0 else None,
                    "frequency": "year",
                    "source_system": "sotkanet",
                    "source_org": "synteettinen",
                    "sotkanet_id": 900000 + i,
                    "certainty": "low",
                    "caveat_fi": SYNTHETIC_NOTE,
                }
            )
        chosen = pl.concat([chosen, pl.DataFrame(rows, schema=chosen.schema)])
    return chosen


# --------------------------------------------------------------------------- observations


def _observations(scale: Scale, catalog: pl.DataFrame, areas: pl.DataFrame) -> pl.DataFrame:
    rng = np.random.default_rng(scale.seed)
    area_codes = areas["area_code"].to_numpy().astype(object)
    area_level = areas["level"].to_numpy().astype(object)
    years = np.arange(scale.first_year, scale.last_year + 1, dtype=np.int16)
    genders = np.array(scale.genders, dtype=object)
    frames = []
    for row in catalog.iter_rows(named=True):
        monthly = row["frequency"] == "month"
        months = np.arange(1, 13, dtype=np.int8) if monthly else np.zeros(1, dtype=np.int8)
        keep = np.ones(len(area_codes), dtype=bool)
        if row["aggregation"] == "none":  # no area values: municipalities and published regions only
            keep = area_level != "alue"
        a = np.flatnonzero(keep)
        shape = (len(a), len(years), len(months), len(genders))
        n = int(np.prod(shape))
        ai, yi, mi, gi = (x.ravel() for x in np.meshgrid(*(np.arange(s) for s in shape), indexing="ij"))
        base = {"count": 5000.0, "currency": 2500.0, "index": 100.0, "rate": 40.0}.get(row["value_type"], 25.0)
        area_effect = rng.normal(1.0, 0.15, len(a)).clip(0.3)
        trend = 1.0 + rng.normal(0.0, 0.01) * (years - years[0])
        value = base * area_effect[ai] * trend[yi] * rng.normal(1.0, 0.03, n)
        value = np.round(np.abs(value), int(row["decimals"]))
        draw = rng.random(n)
        status = np.where(draw < 0.02, "missing", np.where(draw < 0.03, "suppressed", "ok")).astype(object)
        value = np.where(status == "ok", value, np.nan)
        level = area_level[a][ai]
        method = np.where(
            level == "alue", row["aggregation"] if row["aggregation"] != "none" else "source", "source"
        ).astype(object)
        numerator = denominator = np.full(n, np.nan)
        if row["aggregation"] == "ratio":
            denominator = np.round(rng.uniform(500, 50_000, len(a))[ai])
            numerator = np.where(status == "ok", np.round(value * denominator / float(row["scale"] or 100.0)), np.nan)
        frames.append(
            pl.DataFrame(
                {
                    "indicator_id": np.full(n, row["indicator_id"], dtype=object),
                    "area_code": area_codes[a][ai],
                    "year": years[yi],
                    "month": months[mi],
                    "gender": genders[gi],
                    "value": value,
                    "numerator": numerator,
                    "denominator": denominator,
                    "status": status,
                    "method": method,
                },
                schema={
                    "indicator_id": pl.String,
                    "area_code": pl.String,
                    "year": pl.Int16,
                    "month": pl.Int8,
                    "gender": pl.String,
                    "value": pl.Float64,
                    "numerator": pl.Float64,
                    "denominator": pl.Float64,
                    "status": pl.String,
                    "method": pl.String,
                },
                strict=False,
            )
        )
    out = pl.concat(frames).with_columns(
        pl.col("value", "numerator", "denominator").fill_nan(None),
        pl.lit("synteettinen").alias("source"),
        pl.lit(None, dtype=pl.String).alias("note"),
    )
    return out


def _catalog_with_years(catalog: pl.DataFrame, obs: pl.DataFrame) -> pl.DataFrame:
    years = (
        obs.filter(pl.col("status") == "ok")
        .group_by("indicator_id")
        .agg(
            pl.col("year").min().cast(pl.Int32).alias("first_year"),
            pl.col("year").max().cast(pl.Int32).alias("last_year"),
            pl.len().cast(pl.Int32).alias("n_values"),
        )
    )
    return catalog.join(years, on="indicator_id", how="left").with_columns(
        pl.col("n_values").fill_null(0), pl.lit("CC BY 4.0").alias("licence")
    )


def _aggregate_checks(obs: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    summed = catalog.filter(pl.col("aggregation").is_in(["sum", "ratio"]))["indicator_id"]
    rows = obs.filter(
        pl.col("indicator_id").is_in(summed.to_list()) & (pl.col("area_code") == "MK17") & (pl.col("status") == "ok")
    )
    return rows.select(
        "indicator_id",
        "area_code",
        "year",
        "month",
        "gender",
        pl.col("value").alias("source_value"),
        (pl.col("value") * 1.0004).alias("computed_value"),
        (pl.col("value") * 0.0004).abs().alias("abs_diff"),
        (pl.col("value") * 0.001).abs().alias("tolerance"),
        pl.lit(True).alias("ok"),
        pl.lit(SYNTHETIC_NOTE).alias("note"),
    )


# --------------------------------------------------------------------------- geometry


def _reference_country_layer(reference_db: Path | None) -> dict | None:
    """The shipped build's simplified whole-country layer (what the app would send)."""
    if not reference_db or not Path(reference_db).exists():
        return None
    con = duckdb.connect(str(reference_db), read_only=True)
    try:
        rows = con.execute("SELECT geojson FROM geometry WHERE layer = 'kunta_koko_maa'").fetchall()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return json.loads(rows[0][0]) if rows else None


def _country_features(features: list[dict], reference_db: Path | None) -> dict[str, dict]:
    layer = _reference_country_layer(reference_db)
    if layer is not None:
        return {f["properties"]["area_code"]: f for f in layer["features"]}
    out = {}  # fallback: the shipped borders, coordinates rounded like the build does
    for f in features:
        code = f["properties"]["NATCODE"]
        geom = shapely.set_precision(shapely.from_geojson(json.dumps(f["geometry"])), 1e-4, mode="pointwise")
        out[code] = {
            "type": "Feature",
            "id": code,
            "properties": {"area_code": code, "name_fi": f["properties"]["NAMEFIN"]},
            "geometry": json.loads(shapely.to_geojson(geom)),
        }
    return out


def _dump(features: list[dict]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))


def _geometry(features: list[dict], area_of: dict[str, str], reference_db: Path | None) -> pl.DataFrame:
    country = _country_features(features, reference_db)
    kunta = []
    for code in sorted(area_of):
        f = country[code]
        kunta.append({**f, "properties": {**f["properties"], "alue": area_of[code]}})
    groups: dict[str, list] = {}
    for f in kunta:
        groups.setdefault(f["properties"]["alue"], []).append(shapely.from_geojson(json.dumps(f["geometry"])))
    alue = []
    for code in sorted(groups):
        geom = shapely.set_precision(shapely.union_all(shapely.make_valid(np.array(groups[code]))), 1e-4)
        alue.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"area_code": code},
                "geometry": json.loads(shapely.to_geojson(geom)),
            }
        )
    all_features = [country[c] for c in sorted(country)]
    layers = [
        ("kunta", _dump(kunta), len(kunta)),
        ("alue", _dump(alue), len(alue)),
        ("kunta_koko_maa", _dump(all_features), len(all_features)),
    ]
    return pl.DataFrame(
        [
            {"layer": name, "geojson": text, "n_features": n, "bytes": len(text.encode("utf-8"))}
            for name, text, n in layers
        ],
        schema={"layer": pl.String, "geojson": pl.String, "n_features": pl.Int32, "bytes": pl.Int32},
    )


# --------------------------------------------------------------------------- write


def generate(out: Path, scale: Scale = SCALES["national"], reference_db: Path | None = None) -> dict:
    """Write a synthetic warehouse to `out` (replaced). Returns a summary (counts, seconds)."""
    out = Path(out).resolve()
    if paths.DATA_DIR.resolve() in out.parents:
        raise ValueError(f"refusing to write synthetic data into data/: {out}")
    started = time.perf_counter()
    features = _boundaries()
    areas, area_of = _areas(scale, features)
    catalog = _catalog(scale)
    obs = _observations(scale, catalog, areas)
    geometry = _geometry(features, area_of, reference_db)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    for p in (tmp, Path(f"{tmp}.wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute("SET enable_progress_bar = false")  # stdout stays clean (run.py --json)
        con.execute(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
        write_frame(con, "area", areas)
        write_frame(con, "indicator", _catalog_with_years(catalog, obs))
        write_frame(con, "observation", obs)
        write_frame(con, "aggregate_check", _aggregate_checks(obs, catalog))
        con.execute(paths.DERIVE_SQL.read_text(encoding="utf-8"))  # the same derived tables as the build
        write_frame(con, "geometry", geometry)
        info = {
            "built_at": "1970-01-01T00:00:00+00:00",
            "duckdb_version": duckdb.__version__,
            "tilannekuva_version": "synthetic",
            "observations": str(obs.height),
            "data_sha256": "synthetic",
            "synthetic": SYNTHETIC_NOTE,
            "synthetic_scale": json.dumps(asdict(scale)),
        }
        write_frame(con, "build_info", pl.DataFrame({"key": list(info), "value": list(info.values())}))
        write_frame(
            con,
            "source_file",
            pl.DataFrame(
                {
                    "path": ["benchmarks/synthetic.py"],
                    "sha256": [hashlib.sha256(Path(__file__).read_bytes()).hexdigest()],
                    "bytes": [Path(__file__).stat().st_size],
                }
            ),
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()
    tmp.replace(out)
    return {
        "path": str(out),
        "municipalities": len(area_of),
        "areas": int((areas["level"] == "alue").sum()),
        "indicators": catalog.height,
        "years": [scale.first_year, scale.last_year],
        "genders": list(scale.genders),
        "observations": obs.height,
        "geometry_source": "shipped build (kunta_koko_maa)"
        if _reference_country_layer(reference_db)
        else "data/geo/kuntarajat.2023.json (rounded)",
        "seconds": round(time.perf_counter() - started, 2),
    }


def cached(work_dir: Path, scale: Scale, reference_db: Path | None = None, name: str = "national") -> tuple[Path, dict]:
    """A generated database for `scale` under `work_dir`, made once per generator/schema/scale.
    Older generations of the same scale name (another key) are removed."""
    work_dir = Path(work_dir)
    path = work_dir / f"synthetic-{name}-{scale.key()}.duckdb"
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        summary = json.loads(meta.read_text())
        summary["cached"] = True
        return path, summary
    for old in work_dir.glob(f"synthetic-{name}-*"):
        if old.name.split(".")[0] != path.stem:
            old.unlink(missing_ok=True)
    summary = generate(path, scale, reference_db)
    meta.write_text(json.dumps(summary))
    summary["cached"] = False
    return path, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="database file to write (not under data/)")
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    parser.add_argument("--municipalities", type=int)
    parser.add_argument("--indicators", type=int)
    parser.add_argument("--reference-db", type=Path, help="a shipped build whose whole-country layer to reuse")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    if args.municipalities:
        scale = replace(scale, municipalities=args.municipalities)
    if args.indicators:
        scale = replace(scale, indicators=args.indicators)
    print(json.dumps(generate(args.out, scale, args.reference_db)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
