#!/bin/sh
# Command 2 (`npm test`): install, then every check and test tier. Each tier starts its own
# throwaway PostgreSQL (embedded) unless TEST_DATABASE_URL names a server to use. At the end (or at
# the first failure) it prints how long each stage took, e.g. "== timings: install 21 s · …".
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
parts=$(mktemp -d)

print_timings() {
  status=$?
  now=$(date +%s)
  if [ -n "$current" ]; then
    timings="$timings${timings:+ · }$current FAILED after $((now - stage_started)) s"
  fi
  echo "== timings: $timings${timings:+ · }total $((now - run_started)) s"
  rm -rf "$parts"
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
  timings="$timings${timings:+ · }$current $(($(date +%s) - stage_started)) s$detail"
  current=""
  detail=""
}

# step LANE NAME COMMAND...: one step of a lane of the checks stage; its time goes to the lane's record.
step() {
  lane=$1
  name=$2
  shift 2
  echo "== $name"
  started=$(date +%s)
  status=0
  "$@" || status=$?
  if [ "$status" -eq 0 ]; then outcome=""; else outcome=" FAILED"; fi
  echo "$name $(($(date +%s) - started)) s$outcome" >>"$parts/$lane.times"
  return "$status"
}

# The checks and the integration tier run in two lanes at once: ESLint with Prettier, the type check
# and the unit tests; and the web build (for the browser tests) and then the integration tier (one
# worker per core), which so starts at once. The two cores are busy throughout, so the lanes are
# balanced to end together (a lane that ends first leaves a core to the other's waits). The second
# lane prints as it goes; the first lane's output follows when both are done.
checks_and_integration() {
  { step lint lint pnpm lint && step lint types pnpm typecheck && step lint unit pnpm test:unit; } \
    >"$parts/lint.log" 2>&1 &
  lint_pid=$!
  echo "(lint, types and unit run alongside; their output follows at the end of this stage)"
  other=0
  { step other "web build" pnpm --filter @ipt/web build && step other integration pnpm test:int; } ||
    other=$?
  lint=0
  wait "$lint_pid" || lint=$?
  cat "$parts/lint.log"
  detail=" ($(paste -sd, "$parts/lint.times" | sed 's/,/, /g') | $(paste -sd, "$parts/other.times" | sed 's/,/, /g'))"
  if [ "$lint" -ne 0 ] || [ "$other" -ne 0 ]; then
    current="checks and integration$detail"
    return 1
  fi
}

detail=""
stage install pnpm install --frozen-lockfile
stage "prisma client" pnpm db:generate
stage "checks and integration" checks_and_integration
stage e2e pnpm test:e2e
