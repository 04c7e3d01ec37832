#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server for the test suite, on loopback only.
#   scripts/pg-test-server.sh start   -> prints the connection URL on stdout
#   scripts/pg-test-server.sh stop
# Each start makes a new, empty cluster in NEWSPROV_PG_DIR, except with NEWSPROV_PG_REUSE=1, which starts the cluster
# already there (the bench's kept databases, NEWSPROV_BENCH_ENGINE_KEEP=1, survive a restart only that way).
# Installs Debian's postgresql package when no server binaries are found. NEWSPROV_PG_OPTS adds server settings
# (the bench at 100,000 articles: -c shared_buffers=2GB, so the bucket index stays in the server's memory).
set -euo pipefail
DIR="${NEWSPROV_PG_DIR:-/tmp/newsprov-pg}"
# a free loopback port unless one is given
PORT="${NEWSPROV_PG_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"

find_bin() {
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$b" ] && [ -x "$b/initdb" ] && echo "$b"
}

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    BIN=$(find_bin || true)
    if [ -z "$BIN" ]; then
      echo "installing PostgreSQL from Debian packages…" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq postgresql >&2
      BIN=$(find_bin)
    fi
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
    if [ -f "$DIR/data/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; fi
    if [ "${NEWSPROV_PG_REUSE:-}" = "1" ] && [ -f "$DIR/data/PG_VERSION" ]; then
      echo "starting the cluster kept in $DIR/data" >&2
    else
      rm -rf "$DIR"; mkdir -p "$DIR"
      [ "$(id -u)" = "0" ] && chown postgres "$DIR"
      as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    fi
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=100 ${NEWSPROV_PG_OPTS:-}" start >&2 \
      || { cat "$DIR/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    BIN=$(find_bin || true)
    if [ -n "$BIN" ] && [ -f "$DIR/data/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true; fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
