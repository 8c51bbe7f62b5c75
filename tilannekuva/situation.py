"""The situational picture of one area: every annual indicator's latest value, its changes, its
trend and its comparison with the benchmarks of the same year, plus a short summary of the
clearest strengths and concerns as plain Finnish sentences.

Pure: polars frames from the named queries (`areas`, `indicators`, `area_series`) in, dataclasses,
display frames and strings out. No Streamlit, no database. The judgements themselves come from
`tilannekuva.judgements` (compare / trend / change); this module only chooses what to judge
against what and says it in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from . import codes, judgements
from .format import format_number, format_signed, format_value, year_range
from .texts import Texts, texts_or_default

__all__ = [
    "OLD_YEARS",
    "SUMMARY_LIMIT",
    "RECENT_YEARS",
    "OLD_ROW_COLOUR",
    "Benchmark",
    "BenchmarkValue",
    "IndicatorRow",
    "Finding",
    "Summary",
    "benchmarks_for",
    "summary_benchmark",
    "indicator_rows",
    "summarise",
    "finding_sentence",
    "format_value",
    "format_change",
    "is_old",
    "age_counts",
    "year_label",
    "group_by_theme",
    "benchmark_column",
    "theme_table",
    "theme_colours",
    "theme_notes",
    "years_span",
]

#: An indicator whose newest value is more than this many years old is "old": it is left out of
#: the summary and can be hidden from the tables. (Stale = `texts.common.STALE_YEARS`, flagged ⚠.)
OLD_YEARS = 10
#: Sentences per list (strengths, concerns) in the summary.
SUMMARY_LIMIT = 3

#: Text colour of old rows: grey enough to recede, dark enough for a projector (4.5:1 on white).
OLD_ROW_COLOUR = "#767676"

REGION, COUNTRY = codes.REGION, codes.COUNTRY
#: Methods whose observation note is worth showing beside the value (how it was made).
NOTED_METHODS = frozenset({codes.SOURCE_EXCL_VAALA, codes.ESTIMATE})
BenchmarkRole = Literal["parent", "region", "country"]


# ---------------------------------------------------------------------------
# Benchmarks
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Benchmark:
    code: str
    name: str
    role: BenchmarkRole

    @property
    def forms(self) -> tuple[str, str, str]:
        """(nominative, partitive, illative) for sentences, in the default language."""
        return self.forms_in()

    def forms_in(self, texts: Texts | None = None) -> tuple[str, str, str]:
        """(nominative, partitive, illative) in the language of `texts`."""
        words = texts_or_default(texts)
        forms = words.start.BENCHMARK_FORMS.get(self.code)
        if forms:
            return forms
        return tuple(f.format(name=self.name) for f in words.start.BENCHMARK_FALLBACK)  # type: ignore[return-value]


def members_of(code: str, info: dict[str, dict]) -> frozenset[str] | None:
    """The municipalities an area consists of (None for the whole country: more than ours)."""
    row = info.get(code)
    if row is None or row["level"] == codes.COUNTRY_LEVEL:
        return None
    if row["level"] == codes.MUNICIPALITY:
        return frozenset({code})
    kunnat = [c for c, r in info.items() if r["level"] == codes.MUNICIPALITY]
    if row["level"] == codes.POHDE_AREA:
        return frozenset(c for c in kunnat if info[c]["parent_code"] == code)
    return frozenset(kunnat)  # hyvinvointialue, maakunta: all 30 municipalities


def benchmarks_for(area_code: str, areas: pl.DataFrame) -> tuple[tuple[Benchmark, ...], str | None]:
    """The benchmarks of an area, nearest first, and the code of the nearest benchmark that was
    skipped because it has the same members as the area (the Pohde area "Oulu" is the city of
    Oulu; Pohde and Pohjois-Pohjanmaa are the same 30 municipalities): an area is never judged
    against itself.

    municipality -> its Pohde area, Pohjois-Pohjanmaa (MK17), the whole country (SSS);
    Pohde area -> MK17, SSS;  HVA19 -> SSS (MK17 is the same territory);  MK17 -> SSS.
    """
    info = {r["area_code"]: r for r in areas.iter_rows(named=True)}
    names = {code: r["name_fi"] for code, r in info.items()}
    row = info.get(area_code)
    candidates: list[tuple[str, BenchmarkRole]] = []
    if row is not None and row["level"] == codes.MUNICIPALITY and row["parent_code"] in info:
        candidates.append((row["parent_code"], "parent"))
    if area_code not in (REGION, COUNTRY) and REGION in info:
        candidates.append((REGION, "region"))
    if area_code != COUNTRY and COUNTRY in info:
        candidates.append((COUNTRY, "country"))
    own = members_of(area_code, info)
    out: list[Benchmark] = []
    skipped = None
    for code, role in candidates:
        if own is not None and members_of(code, info) == own:
            skipped = skipped or code
            continue
        out.append(Benchmark(code, names[code], role))
    return tuple(out), skipped


def summary_benchmark(benchmarks: Sequence[Benchmark]) -> Benchmark | None:
    """What the summary compares with: the region, or the country for the region itself (and for
    Pohde, which is the region's territory)."""
    for role in ("region", "country"):
        for b in benchmarks:
            if b.role == role:
                return b
    return None


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class BenchmarkValue:
    """A benchmark's value in the area's year (None when it has none) and the judgement."""

    benchmark: Benchmark
    year: int
    value: float | None
    comparison: judgements.Comparison
    #: The value of the rest of the benchmark (without the area) when the area is a large part of
    #: it and the comparison was made against that rest (judgements.compare_with_rest); else None.
    rest_value: float | None = None
    #: How the benchmark's value was made (observation.method: 'estimate', 'ratio', ...).
    method: str = codes.SOURCE


@dataclass(frozen=True)
class IndicatorRow:
    indicator_id: str
    name: str
    theme: str
    unit: str
    decimals: int
    polarity: str
    value_type: str
    source: str
    year: int  # the area's newest year with a value
    value: float
    change_1: judgements.Change
    change_5: judgements.Change
    trend: judgements.Trend
    benchmarks: tuple[BenchmarkValue, ...]
    notes: tuple[str, ...]
    #: How the area's value was made (observation.method): 'source' as published; 'sum', 'ratio',
    #: 'weighted' computed here from the municipalities; 'estimate'; 'same_territory'.
    method: str = codes.SOURCE
    #: False when another indicator of the same concept has newer data (catalogue.current_measure).
    current_measure: bool = True
    concept: str | None = None

    @property
    def mark(self) -> str:
        """The value's mark ('' for a published value): see texts.common.METHOD_MARKS."""
        return self.mark_in()

    def mark_in(self, texts: Texts | None = None) -> str:
        return texts_or_default(texts).common.METHOD_MARKS.get(self.method, "")

    def against(self, code: str) -> BenchmarkValue | None:
        return next((b for b in self.benchmarks if b.benchmark.code == code), None)

    @property
    def first_year_used(self) -> int:
        """Oldest year this row's numbers rest on (change / trend base years)."""
        years = [self.year]
        for ch in (self.change_1, self.change_5):
            if ch.difference is not None and ch.base_year is not None:
                years.append(ch.base_year)
        if self.trend.kind != "not_computable" and self.trend.years:
            years.append(self.trend.years[0])
        return min(years)


def _points(obs: dict[int, dict]) -> list[tuple[int, float | None]]:
    return [(y, o["value"]) for y, o in sorted(obs.items())]


def _counts(obs: dict[int, dict]) -> dict[int, tuple[float | None, float | None]]:
    return {y: (o.get("numerator"), o.get("denominator")) for y, o in obs.items()}


def _judge(
    obs: dict, bobs: dict | None, c: dict, decimals: int, texts: Texts
) -> tuple[judgements.Comparison, float | None]:
    """The area's value against a benchmark's: against the rest of the benchmark when the area is
    a large share of it and the counts allow a two-sample test, else against the whole."""
    bvalue = bobs["value"] if bobs else None
    if bobs is not None:
        rest = judgements.compare_with_rest(
            obs["value"],
            obs.get("numerator"),
            obs.get("denominator"),
            bobs.get("numerator"),
            bobs.get("denominator"),
            c["polarity"],
            scale=c["scale"],
            ci_method=c["ci_method"],
            value_type=c["value_type"],
            decimals=decimals,
            texts=texts,
        )
        if rest is not None:
            return rest
    return judgements.compare(
        obs["value"],
        bvalue,
        c["polarity"],
        numerator=obs.get("numerator"),
        denominator=obs.get("denominator"),
        scale=c["scale"],
        ci_method=c["ci_method"],
        value_type=c["value_type"],
        decimals=decimals,
        texts=texts,
    ), None


def indicator_rows(
    series: pl.DataFrame,
    catalogue: pl.DataFrame,
    area_code: str,
    benchmarks: Sequence[Benchmark],
    *,
    texts: Texts | None = None,
) -> list[IndicatorRow]:
    """One row per annual indicator that has at least one value for the area.

    `series`: the `area_series` frame (annual rows of the area and its benchmarks, one gender).
    `catalogue`: the `indicators` frame. Monthly indicators are skipped. Each benchmark is judged
    on the area's newest year; a benchmark without a value in that year gives 'no_data'. Trends
    are tested (judgements.trend) with the area's numerators and denominators where it has them.
    """
    words = texts_or_default(texts)
    cat = {r["indicator_id"]: r for r in catalogue.iter_rows(named=True) if r["frequency"] == "year"}
    wanted = {area_code, *(b.code for b in benchmarks)}
    data: dict[tuple[str, str], dict[int, dict]] = {}
    for r in series.filter(pl.col("area_code").is_in(list(wanted))).iter_rows(named=True):
        if r["indicator_id"] not in cat or r.get("month") is not None:
            continue
        data.setdefault((r["indicator_id"], r["area_code"]), {})[int(r["year"])] = r

    current = {c["concept"]: c for c in cat.values() if c.get("concept") and c.get("current_measure")}
    rows: list[IndicatorRow] = []
    for ind, c in cat.items():
        own = data.get((ind, area_code))
        if not own:
            continue
        valid = {y: o for y, o in own.items() if o["value"] is not None}
        if not valid:
            continue
        year = max(valid)
        obs = valid[year]
        decimals = int(c["decimals"])
        points = _points(own)
        bvalues = []
        notes = [c["caveat_fi"]] if c["caveat_fi"] else []
        if obs.get("method") in NOTED_METHODS and obs.get("note"):
            notes.append(obs["note"])
        newer = current.get(c.get("concept"))
        if newer is not None and newer["indicator_id"] != ind:
            notes.append(words.start.NEWER_MEASURE.format(name=newer["name_fi"], last=newer.get("last_year") or ""))
        for b in benchmarks:
            bobs = data.get((ind, b.code), {}).get(year)
            comparison, rest_value = _judge(obs, bobs, c, decimals, words)
            bmethod = (bobs.get("method") or codes.SOURCE) if bobs else codes.SOURCE
            bvalues.append(BenchmarkValue(b, year, bobs["value"] if bobs else None, comparison, rest_value, bmethod))
            if bobs and bmethod in NOTED_METHODS and bobs.get("note"):
                notes.append(f"{b.name}: {bobs['note']}")
        rows.append(
            IndicatorRow(
                indicator_id=ind,
                name=c["name_fi"],
                theme=c["theme"],
                unit=c["unit"],
                decimals=decimals,
                polarity=c["polarity"],
                value_type=c["value_type"],
                source=c["source_org"],
                year=year,
                value=float(obs["value"]),
                change_1=judgements.change(points, 1),
                change_5=judgements.change(points, 5),
                trend=judgements.trend(
                    points,
                    c["polarity"],
                    counts=_counts(own),
                    scale=c["scale"],
                    ci_method=c["ci_method"],
                    texts=words,
                ),
                benchmarks=tuple(bvalues),
                notes=tuple(dict.fromkeys(notes)),
                method=obs.get("method") or codes.SOURCE,
                current_measure=c.get("current_measure") is not False,
                concept=c.get("concept"),
            )
        )
    return rows


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------
# situation.format_value (imported above) is the one value formatter, tilannekuva.format's.


def format_change(change: judgements.Change, decimals: int, *, texts: Texts | None = None) -> str:
    """'+0,4', '−1,2', '±0,0', or 'ei laskettavissa' when the base year has no value."""
    words = texts_or_default(texts)
    if change.difference is None:
        return words.start.CHANGE_NOT_COMPUTABLE
    return format_signed(change.difference, decimals, texts=texts)


def is_old(year: int, this_year: int) -> bool:
    return this_year - year > OLD_YEARS


#: Newest value at most this many years old counts as "recent" in the age overview.
RECENT_YEARS = 5


def age_counts(rows: Iterable[IndicatorRow], this_year: int) -> dict[str, int]:
    """How old the picture is: {'recent': ≤ RECENT_YEARS old, 'middle': between, 'old': > OLD_YEARS,
    'recent_from': first recent year, 'middle_to': the year before it, 'old_before': first year that
    is not old}."""
    ages = [this_year - r.year for r in rows]
    return {
        "recent": sum(a <= RECENT_YEARS for a in ages),
        "middle": sum(RECENT_YEARS < a <= OLD_YEARS for a in ages),
        "old": sum(a > OLD_YEARS for a in ages),
        "recent_from": this_year - RECENT_YEARS,
        "middle_to": this_year - RECENT_YEARS - 1,
        "old_before": this_year - OLD_YEARS,
    }


# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    """One strength or concern: `lead` (the indicator's name) + `text` make the sentence."""

    kind: Literal["strength", "concern"]
    tier: int  # strength of evidence, 1 strongest (see _tier)
    row: IndicatorRow
    lead: str
    text: str

    @property
    def sentence(self) -> str:
        return f"{self.lead}: {self.text}"


@dataclass(frozen=True)
class Summary:
    concerns: tuple[Finding, ...]
    strengths: tuple[Finding, ...]
    benchmark: Benchmark | None
    first_year: int  # only indicators whose newest year is at least this are considered


def _tier(comparison: judgements.Comparison | None, trend: judgements.Trend) -> tuple[str, int] | None:
    """(kind, tier) of a row, or None when it is neither a strength nor a concern.

    Concerns — what is worse, and what is getting worse even where the level is still better:
      1 significantly worse and worsening · 2 significantly worse · 3 worsening (a tested trend),
      whatever the level · 4 worse without a test.
    Strengths — better and not getting worse:
      1 significantly better and improving · 2 significantly better · 4 better without a test.
    An improving trend alone is not a strength (nothing says the level is good).
    """
    worse = comparison is not None and comparison.kind == "worse"
    better = comparison is not None and comparison.kind == "better"
    tested = comparison is not None and comparison.tested
    if trend.kind == "worsening" and not (worse and tested):
        return "concern", 3
    if worse:
        if tested:
            return "concern", 1 if trend.kind == "worsening" else 2
        return "concern", 4
    if better:
        if tested:
            return "strength", 1 if trend.kind == "improving" else 2
        return "strength", 4
    return None


def _magnitude(row: IndicatorRow, bv: BenchmarkValue | None, tier: int) -> float:
    reference = None if bv is None else (bv.rest_value if bv.rest_value is not None else bv.value)
    if tier == 3 or bv is None or reference in (None, 0) or bv.comparison.difference is None:
        return abs(row.trend.relative_change or 0.0)
    return abs(bv.comparison.difference / reference)


#: An untested difference smaller than this share of the benchmark's value is not a finding
#: (it could be anything; a tested one needs no such floor).
UNTESTED_MIN_RELATIVE = 0.03

#: Age bands for ranking the summary: fresh findings first, whatever their tier.
RECENCY_BANDS = (3, 6, OLD_YEARS)


def recency_band(year: int, this_year: int) -> int:
    """0 for data at most 3 years old, 1 for at most 6, 2 for at most OLD_YEARS."""
    age = this_year - year
    return next((i for i, limit in enumerate(RECENCY_BANDS) if age <= limit), len(RECENCY_BANDS))


def value_text(
    value: float | None, unit: str, decimals: int, method: str = codes.SOURCE, *, texts: Texts | None = None
) -> str:
    """A value as shown beside the sentences and in tables, with its method mark (e.g. 'arvio')."""
    words = texts_or_default(texts)
    text = format_value(value, unit, decimals, texts=texts)
    mark = words.common.METHOD_MARKS.get(method, "")
    return f"{text} {mark}" if mark and value is not None else text


def finding_sentence(
    row: IndicatorRow, bv: BenchmarkValue | None, this_year: int | None = None, *, texts: Texts | None = None
) -> str:
    """The text after the indicator's name, e.g. '12,3 % vuonna 2023 – merkitsevästi
    Pohjois-Pohjanmaata heikompi (11,1 %), ja se kasvaa ja heikkenee (2019–2023).'
    With `this_year`, a year at least STALE_YEARS old carries its age ('vuonna 2016 (⚠ 10 v)')."""
    words = texts_or_default(texts)
    year = str(row.year)
    if this_year is not None and this_year - row.year >= words.common.STALE_YEARS:
        year = words.start.S_YEAR_AGED.format(year=row.year, age=this_year - row.year)
    lead = value_text(row.value, row.unit, row.decimals, row.method, texts=texts)
    parts = [words.start.S_LEAD.format(value=lead, year=year)]
    c = bv.comparison if bv else None
    if bv is not None and c is not None:
        nominative, partitive, illative = bv.benchmark.forms_in(texts)
        bvalue = value_text(bv.value, row.unit, row.decimals, bv.method, texts=texts)
        if bv.rest_value is not None:
            nominative, partitive, illative = (
                f.format(name=form) for f, form in zip(words.start.REST_FORMS, (nominative, partitive, illative))
            )
            bvalue = value_text(bv.rest_value, row.unit, row.decimals, texts=texts)
        if c.kind in ("better", "worse", "higher", "lower"):
            word = words.common.JUDGEMENT_WORDS[c.kind]
            template = words.start.S_TESTED if c.tested else words.start.S_UNTESTED
            parts.append(template.format(benchmark_partitive=partitive, word=word, benchmark_value=bvalue))
        elif c.kind == "no_difference":
            parts.append(words.start.S_NO_DIFFERENCE.format(benchmark_illative=illative, benchmark_value=bvalue))
        elif c.kind == "same":
            parts.append(words.start.S_SAME.format(benchmark_nominative=nominative, benchmark_value=bvalue))
        elif c.kind == "no_data":
            parts.append(words.start.S_NO_BENCHMARK.format(benchmark_nominative=nominative, year=bv.year))
    text = " – ".join(parts)
    t = row.trend
    if t.kind == "no_change" and t.years:
        text += words.start.S_TREND_NONE.format(first=t.years[0], last=t.years[-1])
    elif t.kind != "not_computable" and t.years:
        if len(parts) == 1:
            text += " – " + words.start.S_TREND_ONLY.format(word=t.word, first=t.years[0], last=t.years[-1])
        elif c is not None and c.kind == "no_data":
            text += "; " + words.start.S_TREND_ONLY.format(word=t.word, first=t.years[0], last=t.years[-1])
        else:
            # "but" when the direction contradicts the comparison (better yet worsening, worse yet
            # improving) or adds news to "no difference"; otherwise "and".
            judged = t.kind in ("improving", "worsening")
            contrast = (
                judged
                and c is not None
                and ((c.kind in _GOOD and _GOOD[c.kind] != t.kind) or c.kind in ("no_difference", "same"))
            )
            conj = words.start.BUT if contrast else words.start.AND
            text += ", " + words.start.S_TREND.format(conj=conj, word=t.word, first=t.years[0], last=t.years[-1])
    return text + "."


_GOOD = {"better": "improving", "worse": "worsening"}


def summarise(
    rows: Iterable[IndicatorRow],
    benchmark: Benchmark | None,
    this_year: int,
    limit: int = SUMMARY_LIMIT,
    *,
    texts: Texts | None = None,
) -> Summary:
    """The clearest concerns and strengths against `benchmark` (same year), fresh data first.

    Candidates: indicators with a direction (polarity higher/lower, not counts), the current
    measure of their concept (no near-duplicates of an older series), whose newest year is at most
    OLD_YEARS old. Ranked by recency band (≤ 3, ≤ 6, ≤ 10 years old) first, then by strength of
    evidence (`_tier`), then newest year, then the larger relative difference: a tested finding
    from 2016 never pushes out one from 2024.
    """
    first_year = this_year - OLD_YEARS
    found: dict[str, list[tuple[tuple, Finding]]] = {"concern": [], "strength": []}
    for row in rows:
        if row.polarity not in ("higher", "lower") or row.value_type in judgements.NOT_COMPARABLE_VALUE_TYPES:
            continue
        if row.year < first_year or not row.current_measure:
            continue
        bv = row.against(benchmark.code) if benchmark else None
        tier = _tier(bv.comparison if bv else None, row.trend)
        if tier is None:
            continue
        if tier[1] == 4 and _magnitude(row, bv, 4) < UNTESTED_MIN_RELATIVE:
            continue  # an untested difference this small (380,3 vs 380,2) is no finding
        kind, rank = tier
        sentence = finding_sentence(row, bv, this_year, texts=texts)
        finding = Finding(kind, rank, row, row.name, sentence)  # type: ignore[arg-type]
        key = (recency_band(row.year, this_year), rank, -row.year, -_magnitude(row, bv, rank), row.name)
        found[kind].append((key, finding))
    pick = {k: tuple(f for _, f in sorted(v, key=lambda kv: kv[0])[:limit]) for k, v in found.items()}
    return Summary(concerns=pick["concern"], strengths=pick["strength"], benchmark=benchmark, first_year=first_year)


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------
def group_by_theme(
    rows: Iterable[IndicatorRow], this_year: int, show_old: bool = True, *, texts: Texts | None = None
) -> list[tuple[str, list[IndicatorRow]]]:
    """Rows per theme in THEMES_ORDER (unknown themes after), newest year first, then by name.
    With show_old=False, rows whose newest year is more than OLD_YEARS old are left out."""
    words = texts_or_default(texts)
    groups: dict[str, list[IndicatorRow]] = {}
    for row in rows:
        if show_old or not is_old(row.year, this_year):
            groups.setdefault(row.theme, []).append(row)
    order = {t: i for i, t in enumerate(words.common.THEMES_ORDER)}
    themes = sorted(groups, key=lambda t: (order.get(t, len(order)), t))
    return [(t, sorted(groups[t], key=lambda r: (-r.year, r.name.casefold()))) for t in themes]


def _benchmark_cell(bv: BenchmarkValue, decimals: int, *, texts: Texts | None = None) -> str:
    """'✔ parempi · 9,9'; an untested direction keeps its parenthesised symbol: '(▲) korkeampi · 59,9'."""
    words = texts_or_default(texts)
    c = bv.comparison
    if bv.value is None:
        return words.start.BENCHMARK_NO_YEAR.format(year=bv.year)
    mark = words.common.METHOD_MARKS.get(bv.method, "")
    number = format_number(bv.value, decimals, texts=texts)
    cell = f"{c.symbol} {words.common.JUDGEMENT_WORDS[c.kind]} · {number}" + (f" {mark}" if mark else "")
    if bv.rest_value is not None:
        cell += " " + words.start.REST_CELL.format(value=format_number(bv.rest_value, decimals, texts=texts))
    return cell


def benchmark_column(b: Benchmark, *, texts: Texts | None = None) -> str:
    words = texts_or_default(texts)
    return words.start.COL_BENCHMARK.format(name=b.name)


def year_label(year: int, this_year: int, *, texts: Texts | None = None) -> str:
    """'2022 (4 v)'; ⚠ when at least STALE_YEARS old, '– vanha' when more than OLD_YEARS old."""
    words = texts_or_default(texts)
    age = this_year - year
    if is_old(year, this_year):
        return words.start.YEAR_OLD.format(year=year, age=age)
    if age >= words.common.STALE_YEARS:
        return words.start.YEAR_STALE.format(year=year, age=age)
    return words.start.YEAR_FRESH.format(year=year, age=age)


def theme_table(
    rows: Sequence[IndicatorRow], benchmarks: Sequence[Benchmark], this_year: int, *, texts: Texts | None = None
) -> pl.DataFrame:
    """The display table of one theme: every cell a Finnish string, exactly as shown (and as
    downloaded). Benchmark columns hold the judgement symbol + word and the benchmark's value of
    the same year as the area's value."""
    words = texts_or_default(texts)
    cols: dict[str, list[str]] = {words.start.COL_NAME: [], words.start.COL_VALUE: [], words.start.COL_YEAR: []}
    for b in benchmarks:
        cols[benchmark_column(b, texts=texts)] = []
    cols[words.start.COL_TREND] = []
    cols[words.start.COL_CHANGE_1] = []
    cols[words.start.COL_CHANGE_5] = []
    for r in rows:
        cols[words.start.COL_NAME].append(r.name)
        cols[words.start.COL_YEAR].append(year_label(r.year, this_year, texts=texts))
        cols[words.start.COL_VALUE].append(value_text(r.value, r.unit, r.decimals, r.method, texts=texts))
        for b in benchmarks:
            bv = r.against(b.code)
            cols[benchmark_column(b, texts=texts)].append(
                _benchmark_cell(bv, r.decimals, texts=texts)
                if bv
                else words.start.BENCHMARK_NO_YEAR.format(year=r.year)
            )
        cols[words.start.COL_TREND].append(r.trend.label)
        cols[words.start.COL_CHANGE_1].append(format_change(r.change_1, r.decimals, texts=texts))
        cols[words.start.COL_CHANGE_5].append(format_change(r.change_5, r.decimals, texts=texts))
    return pl.DataFrame(cols, schema={k: pl.String for k in cols})


def theme_export(
    rows: Sequence[IndicatorRow], benchmarks: Sequence[Benchmark], *, texts: Texts | None = None
) -> pl.DataFrame:
    """The theme table for download: numbers as numbers (not display strings), the unit and the
    method mark in their own columns, the judgements as words."""
    words = texts_or_default(texts)
    c = words.start.EXPORT_COLUMNS
    data: dict[str, list] = {c["name"]: [], c["year"]: [], c["value"]: [], c["unit"]: [], c["method"]: []}
    for b in benchmarks:
        data[c["benchmark_value"].format(name=b.name)] = []
        data[c["benchmark_judgement"].format(name=b.name)] = []
    data.update({c["trend"]: [], c["change_1"]: [], c["change_5"]: []})
    for r in rows:
        data[c["name"]].append(r.name)
        data[c["year"]].append(r.year)
        data[c["value"]].append(r.value)
        data[c["unit"]].append(r.unit)
        data[c["method"]].append(r.mark_in(texts))
        for b in benchmarks:
            bv = r.against(b.code)
            data[c["benchmark_value"].format(name=b.name)].append(None if bv is None else bv.value)
            data[c["benchmark_judgement"].format(name=b.name)].append(None if bv is None else bv.comparison.word)
        data[c["trend"]].append(r.trend.word)
        data[c["change_1"]].append(r.change_1.difference)
        data[c["change_5"]].append(r.change_5.difference)
    numeric = {
        c["value"],
        c["change_1"],
        c["change_5"],
        *(c["benchmark_value"].format(name=b.name) for b in benchmarks),
    }
    return pl.DataFrame(
        data, schema={k: (pl.Float64 if k in numeric else pl.Int32 if k == c["year"] else pl.String) for k in data}
    )


def _readable(colour: str) -> str:
    """The palette's light greys (no data, no difference) are too faint for text on a projector;
    they become OLD_ROW_COLOUR (4.5:1 on white). Blue, vermillion and dark grey stay."""
    return OLD_ROW_COLOUR if colour in (judgements.COLOR_MISSING, judgements.COLOR_NO_DIFFERENCE) else colour


def theme_colours(
    rows: Sequence[IndicatorRow], benchmarks: Sequence[Benchmark], this_year: int, *, texts: Texts | None = None
) -> list[dict[str, str]]:
    """Per row, {column: text colour} for the judgement cells (Okabe–Ito, as in judgements.COLORS,
    with the light greys darkened for legibility). Old rows are grey throughout so they visibly
    recede; the words and symbols carry the meaning anyway."""
    start = texts_or_default(texts).start
    out = []
    for r in rows:
        if is_old(r.year, this_year):
            out.append(
                {
                    col: OLD_ROW_COLOUR
                    for col in (
                        start.COL_NAME,
                        start.COL_YEAR,
                        start.COL_VALUE,
                        start.COL_CHANGE_1,
                        start.COL_CHANGE_5,
                        start.COL_TREND,
                        *(benchmark_column(b, texts=texts) for b in benchmarks),
                    )
                }
            )
            continue
        colours = {start.COL_TREND: _readable(r.trend.color)}
        for b in benchmarks:
            bv = r.against(b.code)
            if bv is not None:
                colours[benchmark_column(b, texts=texts)] = _readable(bv.comparison.color)
        out.append(colours)
    return out


def theme_notes(rows: Sequence[IndicatorRow]) -> list[tuple[str, str]]:
    """(indicator name, its notes) for the rows that have any."""
    return [(r.name, " ".join(r.notes)) for r in rows if r.notes]


def years_span(rows: Sequence[IndicatorRow]) -> str:
    """'2006–2023': the years the shown numbers rest on (for the source line)."""
    if not rows:
        return ""
    return year_range(min(r.first_year_used for r in rows), max(r.year for r in rows))
