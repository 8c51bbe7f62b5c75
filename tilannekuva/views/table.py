"""A table as every session shows it, converted once where the model is made (pure, no Streamlit).

st.dataframe of a polars frame calls `to_pandas()` on every run, in every session thread, on the
one shared cached object (one of the two sides of the GIL deadlock of issue 9), and the CSV is the
same bytes every time: so a model carries its table as a `SharedTable`, made once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import polars as pl

from .. import export


@dataclass(frozen=True)
class SharedTable:
    frame: pl.DataFrame
    pandas: pd.DataFrame
    csv: bytes


def shared_table(frame: pl.DataFrame) -> SharedTable:
    return SharedTable(frame, frame.to_pandas(), export.csv_bytes(frame))  # Excel-ready (BOM, ;, decimal comma)


def styled(frame: pd.DataFrame, css: pd.DataFrame, key: str = ""):
    """A fresh pandas Styler of `frame` with `css` (same shape: one CSS string per cell) through its
    public `apply` and `set_uuid`. Made per run from a cached frame and CSS, never a shared Styler:
    st.dataframe computes a Styler on every run (about 5 ms a table of 40 rows), and a fresh one
    keeps that inside pandas' public API. The uuid comes from `key`, so the CSS sent for the same
    table is the same every run (a random one would differ)."""
    uuid = hashlib.sha1(f"{key}|{'|'.join(map(str, frame.columns))}|{frame.shape}".encode()).hexdigest()[:10]
    return frame.style.apply(lambda _: css, axis=None).set_uuid(f"t{uuid}")
