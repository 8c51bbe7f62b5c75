"""Goals follow-up (issue 12): shared measurable targets tracked against the indicators.

- `model`: pure — the goal record, its status from the data and the indicator's polarity, and
  the validation rules with Finnish messages.
- `store`: the goals' own SQLite file (never the rebuildable warehouse): the only reader and
  writer, with a change log, version checks and CSV import/export.
- `auth`: the editor sign-in (hashed secret from `.streamlit/secrets.toml`, constant-time check,
  back-off after failures).
"""
