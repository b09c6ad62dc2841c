#!/bin/sh
# Command 2 (`npm test`): install, build, then every check and test tier. Each tier starts its own
# throwaway PostgreSQL (embedded) unless TEST_DATABASE_URL names a server to use.
set -e
cd "$(dirname "$0")/.."
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "End-to-end tests need Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}." >&2
  echo "On Debian/Ubuntu: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)" >&2
  exit 1
fi
pnpm install --frozen-lockfile
pnpm build
echo "== lint and types"
pnpm lint
pnpm typecheck
echo "== unit tests"
pnpm test:unit
echo "== integration tests (real PostgreSQL)"
pnpm test:int
echo "== end-to-end tests (Chromium)"
pnpm test:e2e
