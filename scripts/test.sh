#!/usr/bin/env bash
# The test command (npm test): type-check, then every test file, with the storage suite on
# embedded PGlite and on a throwaway PostgreSQL server (started here, installed from Debian if missing),
# and the web UI in Debian's chromium, then the quality gate on the evaluation sets.
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
# the browser tests drive Debian's chromium (installed here when missing) through playwright-core
if ! scripts/chromium.sh; then
  echo "warning: Debian's chromium could not be installed; the browser tests will fail" >&2
  if [ -n "${CI:-}" ]; then exit 1; fi
fi
npx --no-install tsc --noEmit
node --import tsx --test test/*.test.ts
# The quality gate: scores on the labelled dev sets must stay at or above the floors in src/eval/baseline.json.
eval_dir="${NEWSPROV_EVAL_DIR:-../shared/eval}"
if [ -d "$eval_dir" ]; then
  node --import tsx src/eval/main.ts --gate --data "$eval_dir"
else
  echo "warning: no evaluation sets at $eval_dir; the quality gate (npm run eval -- --gate) is skipped" >&2
  if [ -n "${CI:-}" ]; then exit 1; fi
fi
