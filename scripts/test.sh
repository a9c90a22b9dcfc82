#!/usr/bin/env bash
# Run the whole suite twice: on SQLite, then on a throwaway PostgreSQL cluster.
# Installs Debian's chromium and postgresql first when they are missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if ((${#need_apt[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installing ${need_apt[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Missing ${need_apt[*]}: install them (sudo apt-get install ${need_apt[*]})" >&2
  fi
fi

pytest_args=("$@")
echo "== Test suite on SQLite"
.venv/bin/python -m pytest "${pytest_args[@]}"

echo "== Test suite on PostgreSQL"
source scripts/postgres.sh
start_throwaway_postgres
trap stop_throwaway_postgres EXIT
TEST_DATABASE_URL="$THROWAWAY_POSTGRES_URL" .venv/bin/python -m pytest "${pytest_args[@]}"
