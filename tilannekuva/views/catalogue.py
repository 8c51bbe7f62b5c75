"""The Indikaattorit page's model: the catalogue with its filter choices, a search result (table,
download, source line) and one indicator's details.

Pure (no Streamlit): `build(db, view, *, texts, this_year)` gives the catalogue and its choices;
`search(model, ...)` and `detail(model, indicator_id, ...)` are plain functions of it, so the page
only draws widgets and what these return.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .. import comparison
from ..indicator import IndicatorSpec, spec_from
from ..viewstate import ViewState


@dataclass(frozen=True)
class CatalogueModel:
    catalogue: pl.DataFrame
    names: dict  # indicator id -> name
    intro: str
    themes: tuple[str, ...]  # present themes in life-stage order
    topics: tuple[str, ...]
    spec: IndicatorSpec | None  # the view's indicator (the detail shown first when it is listed)


@dataclass(frozen=True)
class SearchResult:
    ids: tuple[str, ...]  # in table order (a picked row -> its id)
    table: pl.DataFrame
    csv: bytes
    shown: str  # 'Näytetään n/total indikaattoria.'
    source: str  # source line of the rows shown ('' when none)
    rows: pl.DataFrame  # the catalogue rows found


@dataclass(frozen=True)
class Detail:
    title: str  # escaped
    items: str  # Markdown list: every field of the indicator
    sotkanet: str | None  # the link line
    no_data: str | None  # the hint when nothing was shipped
    stale: str | None  # the age note when old


def build(db, view: ViewState, *, texts, this_year: int) -> CatalogueModel:
    page, common = texts.catalogue, texts.common
    catalogue = db.query("indicators")
    present = set(catalogue["theme"])
    return CatalogueModel(
        catalogue=catalogue,
        names=dict(zip(catalogue["indicator_id"], catalogue["name_fi"])),
        intro=page.INTRO.format(n=catalogue.height, n_data=catalogue.filter(pl.col("n_values") > 0).height),
        themes=tuple(t for t in common.THEMES_ORDER if t in present),
        topics=tuple(sorted(t for t in catalogue["topic"].unique().to_list() if t)),
        spec=spec_from(catalogue, view.indicator),
    )


def search(
    model: CatalogueModel,
    *,
    texts,
    words: str = "",
    theme: str | None = None,
    topic: str | None = None,
    polarity: str | None = None,
    only_data: bool = False,
) -> SearchResult:
    page, common = texts.catalogue, texts.common
    catalogue = model.catalogue
    found = comparison.search_catalogue(
        catalogue, words, theme=theme, topic=topic, polarity=polarity, only_data=only_data, texts=texts
    )
    table = comparison.catalogue_table(found, catalogue, texts=texts)
    source = (
        common.source_line(
            sorted(set(found["source_org"])),
            comparison.years_text(found["first_year"].min(), found["last_year"].max(), texts=texts),
        )
        if found.height
        else ""
    )
    return SearchResult(
        ids=tuple(found["indicator_id"].to_list()),
        table=table,
        csv=table.write_csv().encode("utf-8"),
        shown=page.SHOWN.format(n=found.height, total=catalogue.height),
        source=source,
        rows=found,
    )


def detail(model: CatalogueModel, indicator_id: str, *, texts, this_year: int) -> Detail | None:
    page, common = texts.catalogue, texts.common
    found = model.catalogue.filter(pl.col("indicator_id") == indicator_id)
    if found.is_empty():
        return None
    row = found.row(0, named=True)
    theme = row["theme"] + (f" · {row['topic']}" if row["topic"] else "")
    items = {
        "id": f"`{row['indicator_id']}`",
        "unit": f"{common.escape_markdown(row['unit'])} – {page.VALUE_TYPES.get(row['value_type'], row['value_type'])}",
        "theme": common.escape_markdown(theme),
        "source": common.escape_markdown(row["source_org"]),
        "years": comparison.years_text(row["first_year"], row["last_year"], texts=texts),
        "frequency": page.FREQUENCY.get(row["frequency"], row["frequency"]),
        "aggregation": comparison.aggregation_text(row, model.names, texts=texts),
        "polarity": page.POLARITY_EXPLAINED[row["polarity"]],
        "ci": page.CI_EXPLAINED.get(row["ci_method"], page.CI_EXPLAINED[None]),
        "licence": page.LICENCE_TEXT if row["licence"] == common.LICENCE else row["licence"],
        "certainty": page.CERTAINTY.get(row["certainty"], row["certainty"] or "–"),
        "caveat": common.escape_markdown(row["caveat_fi"] or "–"),  # catalogue fields are data: literal text
    }
    url = comparison.sotkanet_url(row["sotkanet_id"], texts=texts)
    no_data = page.NO_DATA_HINT if row["n_values"] == 0 else None
    stale = (
        common.stale_note(row["last_year"], this_year) or None
        if row["n_values"] != 0 and row["last_year"] is not None
        else None
    )
    return Detail(
        title=common.escape_markdown(row["name_fi"]),
        items="\n".join(f"- **{page.DETAIL_ROWS[k]}:** {v}" for k, v in items.items()),
        sotkanet=page.SOTKANET_DETAIL.format(url=url) if url else None,
        no_data=no_data,
        stale=stale,
    )
