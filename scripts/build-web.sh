#!/usr/bin/env bash
# Rebuilds the explorer page (web/dist, embedded in the binary) from
# web/src with the exact packages of web/package-lock.json. Needs node and
# npm; `ties serve` itself does not.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
npm run build
echo "built web/dist; rebuild the binary (go build) to embed it"
