#!/usr/bin/env bash
# npm test: typecheck, lint, unit + integration (vitest), then e2e (Playwright) against a
# production build. Uses the Postgres at DATABASE_URL when set (fresh databases, dropped
# afterwards), otherwise the embedded PGlite.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# A Chromium for the browser tests: CHROMIUM_PATH, the system's, or Playwright's own
# (installed here if there is none; tests/support/chromium.ts says what to run if it cannot).
chromium="$(node_modules/.bin/tsx tests/support/chromium.ts)" || exit 1
export CHROMIUM_PATH="$chromium"

soffice="${SOFFICE_PATH:-$(command -v soffice || command -v libreoffice || true)}"
[ -z "$soffice" ] && [ -x /Applications/LibreOffice.app/Contents/MacOS/soffice ] && soffice=/Applications/LibreOffice.app/Contents/MacOS/soffice
if [ -z "$soffice" ] || [ ! -x "$soffice" ]; then
  echo "npm test needs LibreOffice Calc: the CSV export and Gift Aid schedule tests open our files in it." >&2
  echo "Install it (Debian: apt-get install -y libreoffice-calc-nogui) or set SOFFICE_PATH to a soffice binary." >&2
  exit 1
fi
export SOFFICE_PATH="$soffice"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "typecheck"
npx next typegen >/dev/null
npx tsc --noEmit

step "lint"
npx eslint . --max-warnings=0
# Formatting: Prettier (.prettierrc.json); `npm run format` fixes what this finds.
npx prettier --check --log-level=warn .

step "unit and integration tests (vitest)"
npx vitest run

# The tests that store files, again with the S3 driver: each file gets a bucket on a real S3
# server of its own (tests/support/setup-file.ts). storage-contract runs both drivers itself.
step "file storage tests on the S3 driver"
TEST_STORAGE_DRIVER=s3 npx vitest run --project integration \
  tests/integration/newsletter-upload.test.ts tests/integration/admin-publications.test.ts \
  tests/integration/newsletter-access.test.ts tests/integration/newsletter-release.test.ts \
  tests/integration/migrate-and-seed.test.ts tests/integration/public-files.test.ts \
  tests/security/upload-limits.test.ts

step "production build"
npm run build

step "end-to-end tests (Playwright, Chromium)"
npx tsx tests/support/run-e2e.ts

# The production topology (nginx, two instances, a worker, S3, Postgres): it needs a
# Postgres server (LISTEN/NOTIFY between instances) and nginx, so a laptop on the embedded
# database skips it; CI runs it.
if [ -n "${DATABASE_URL:-}" ] && { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }; then
  step "cluster: two instances behind nginx (Playwright, e2e-cluster/)"
  npx playwright test -c playwright.cluster.config.ts
else
  step "cluster: skipped (needs DATABASE_URL on a Postgres server and nginx; CI runs it)"
fi
