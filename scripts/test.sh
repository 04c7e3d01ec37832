#!/usr/bin/env bash
# The test command (npm test): type-check, then every test file, with the storage suite on
# embedded PGlite and on a throwaway PostgreSQL server (started here, installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NEWSPROV_TEST_PG_URL:-}" ]; then
  NEWSPROV_PG_DIR=$(mktemp -d /tmp/newsprov-pg.XXXXXX)
  export NEWSPROV_PG_DIR
  if url=$(scripts/pg-test-server.sh start); then
    export NEWSPROV_TEST_PG_URL="$url"
    trap 'scripts/pg-test-server.sh stop; rm -rf "$NEWSPROV_PG_DIR"' EXIT
  else
    echo "warning: no PostgreSQL server could be started; the PostgreSQL half of the storage suite is skipped" >&2
    if [ -n "${CI:-}" ]; then exit 1; fi
  fi
fi
npx --no-install tsc --noEmit
node --import tsx --test test/*.test.ts
