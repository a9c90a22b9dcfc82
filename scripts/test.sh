#!/usr/bin/env bash
# Run the whole suite twice, on SQLite and on a throwaway PostgreSQL cluster, side by side.
# Installs Debian's chromium, postgresql and Java (for the HTML checker) first when they
# are missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v java >/dev/null || need_apt+=(default-jre-headless)  # the W3C HTML checker
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
logs=$(mktemp -d)
source scripts/postgres.sh
start_throwaway_postgres
trap 'stop_throwaway_postgres; rm -rf "$logs"' EXIT

# The two runs share nothing (each has its own database, ports and browser), so they run
# side by side: the machine's two cores finish both in about the time of the longer one.
echo "== Test suite on SQLite and on PostgreSQL, side by side"
.venv/bin/python -m pytest "${pytest_args[@]}" >"$logs/sqlite" 2>&1 &
sqlite_run=$!
TEST_DATABASE_URL="$THROWAWAY_POSTGRES_URL" .venv/bin/python -m pytest "${pytest_args[@]}" \
  >"$logs/postgresql" 2>&1 &
postgresql_run=$!

status=0
wait "$sqlite_run" || status=1
echo "== SQLite"
cat "$logs/sqlite"
wait "$postgresql_run" || status=1
echo "== PostgreSQL"
cat "$logs/postgresql"
exit "$status"
