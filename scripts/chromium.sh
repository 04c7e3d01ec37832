#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the browser tests (playwright-core drives it; no browser download).
set -euo pipefail
bin="${NEWSPROV_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if ! command -v apt-get >/dev/null; then echo "no chromium at $bin and no apt-get to install it" >&2; exit 1; fi
echo "installing Debian's chromium for the browser tests…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >/dev/null
[ -x "$bin" ]
