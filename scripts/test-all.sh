#!/bin/sh
# Command 2 (`npm test`): install, build, then every check and test tier. Each tier starts its own
# throwaway PostgreSQL (embedded) unless TEST_DATABASE_URL names a server to use. At the end (or at
# the first failure) it prints how long each stage took, e.g. "== timings: install 21 s · build 30 s …".
set -e
cd "$(dirname "$0")/.."
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "End-to-end tests need Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}." >&2
  echo "On Debian/Ubuntu: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)" >&2
  exit 1
fi

run_started=$(date +%s)
timings=""
current=""

print_timings() {
  status=$?
  now=$(date +%s)
  if [ -n "$current" ]; then
    timings="$timings${timings:+ · }$current FAILED after $((now - stage_started)) s"
  fi
  echo "== timings: $timings${timings:+ · }total $((now - run_started)) s"
  exit "$status"
}
trap print_timings EXIT

# stage NAME COMMAND...: runs one stage and records its time (a failure stops the run, set -e).
stage() {
  current=$1
  shift
  echo "== $current"
  stage_started=$(date +%s)
  "$@"
  timings="$timings${timings:+ · }$current $(($(date +%s) - stage_started)) s"
  current=""
}

stage install pnpm install --frozen-lockfile
stage build pnpm build
stage "lint+types" sh -c 'pnpm lint && pnpm typecheck'
stage unit pnpm test:unit
stage integration pnpm test:int
stage e2e pnpm test:e2e
