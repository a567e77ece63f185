#!/usr/bin/env bash
# npm run check: the quick loop before a commit (typecheck, lint, format, unit tests), with
# no database, browser or build. Two lanes run side by side, since type-aware ESLint alone
# takes about as long as everything else together; each lane's output is printed whole
# when it ends. ESLint and Prettier keep caches in node_modules/.cache, so a second run
# looks only at changed files. npm test runs all of this again without caches (a cached
# lint result can miss a rule that depends on another file's types), and then everything.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
cache=node_modules/.cache
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

(npx eslint . --max-warnings=0 --cache --cache-strategy content --cache-location "$cache/eslint/") >"$logs/lint" 2>&1 &
lint=$!
(
  set -e
  npx next typegen >/dev/null
  npx tsc --noEmit
  npx prettier --check --log-level=warn --cache --cache-location "$cache/prettier/.cache" .
  npx vitest run --project unit
) >"$logs/rest" 2>&1 &
rest=$!

status=0
wait "$rest" || status=1
echo "== typecheck, format, unit tests"; cat "$logs/rest"
wait "$lint" || status=1
echo "== lint"; cat "$logs/lint"
[ "$status" = 0 ] && echo "check: all green" || echo "check: FAILED"
exit "$status"
