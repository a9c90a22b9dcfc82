#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, owned by the postgres user
# (initdb refuses to run as root). Source this file, then call start_throwaway_postgres.

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_throwaway_postgres() {
  local bin port dir
  bin=$(pg_bin)
  port=${THROWAWAY_POSTGRES_PORT:-55432}
  dir=$(mktemp -d /tmp/mbu-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  # Autovacuum off: the tests empty tables with DELETE, and a vacuum run at a random moment
  # would let new rows reuse freed space, so the physical row order the feedback tests
  # read would depend on timing.
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c autovacuum=off" start >/dev/null
  export THROWAWAY_POSTGRES_DIR=$dir
  export THROWAWAY_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

stop_throwaway_postgres() {
  [[ -n "${THROWAWAY_POSTGRES_DIR:-}" ]] || return 0
  as_postgres "$(pg_bin)/pg_ctl" -D "$THROWAWAY_POSTGRES_DIR/data" -m fast -w stop >/dev/null || true
  rm -rf "$THROWAWAY_POSTGRES_DIR"
}
