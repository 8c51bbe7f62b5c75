#!/usr/bin/env bash
# The README's first command: install the pinned packages into .venv (once) and open the dashboard
# on the shipped data. The first start builds data/tilannekuva.duckdb (a few seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
python_cmd="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python_cmd" -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/streamlit run app.py "$@"
