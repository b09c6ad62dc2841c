#!/bin/sh
# Command 1 (`npm start`): install, build, migrate, add demo accounts and serve the app on
# http://localhost:3000. Without DATABASE_URL it runs an embedded PostgreSQL in .data/.
set -e
cd "$(dirname "$0")/.."
pnpm install --frozen-lockfile
pnpm build
exec pnpm --filter @ipt/api start:demo
