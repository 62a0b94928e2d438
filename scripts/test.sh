#!/usr/bin/env bash
# `npm test`: brings up the local services the suite needs (idempotently; a service that
# cannot start fails the run), then lints, type-checks and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/services.sh up
npx tsc --noEmit -p tsconfig.json
npx eslint .
if [ $# -gt 0 ]; then
  npx vitest run "$@"
else
  npx vitest run --project unit
  npx vitest run --project integration --no-file-parallelism
fi
