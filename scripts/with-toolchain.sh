#!/bin/sh
# Runs a command with Node.js >= 22.12 and pinned pnpm on PATH (see toolchain.sh).
set -e
. "$(dirname "$0")/toolchain.sh"
exec "$@"
