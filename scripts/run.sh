#!/usr/bin/env bash
# The README's first command: install the pinned packages into .venv (once) and open the dashboard
# on the shipped data. Arguments go to `streamlit run`, e.g. `bash scripts/run.sh --server.port 8600`.
# The first start builds data/tilannekuva.duckdb (a few seconds) before the address is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
python_cmd="${PYTHON:-python3}"
say() { printf '\033[1m[tilannekuva]\033[0m %s\n' "$*"; }

if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment .venv ($("$python_cmd" --version 2>&1))"
  "$python_cmd" -m venv .venv
fi

# Install only when requirements.txt changed since the last install (a stamp of its hash), so a
# restart is immediate; the first install shows each package as it is fetched.
stamp=.venv/.requirements.sha256
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  n=$(grep -cE '^[A-Za-z0-9]' requirements.txt)
  say "Installing $n pinned packages into .venv (first start: about a minute) ..."
  .venv/bin/pip install --disable-pip-version-check --progress-bar off -r requirements.txt \
    | { grep --line-buffered -E '^(Collecting|Installing collected|Successfully installed)' || true; } \
    | sed -u -e 's/^Collecting /  fetching /' -e 's/^Installing collected packages:.*/  unpacking and installing .../'
  echo "$wanted" > "$stamp"
  say "Packages installed."
fi

if [ ! -f data/tilannekuva.duckdb ] && [ -z "${TILANNEKUVA_DB:-}" ]; then
  say "First start: building data/tilannekuva.duckdb from the shipped data (a few seconds) ..."
fi
say "Starting the dashboard; open the address printed below (Ctrl+C stops it)."
exec .venv/bin/streamlit run app.py "$@"
