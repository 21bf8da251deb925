#!/usr/bin/env bash
# Installs what building (`setup.sh build`) or testing (`setup.sh test`) needs, idempotently:
# a second run checks and skips. Everything comes from the registries this project may use
# (rustup components, crates.io, npm, Debian packages); nothing is downloaded from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"

say() { printf 'setup: %s\n' "$*"; }

# The wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI at exactly the crate's version (the two must match).
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found '${have:-none}'; about 3 minutes)"
  # --locked fails on this registry (see ../shared/TOOLCHAIN.md); fall back to an unlocked build.
  cargo install wasm-bindgen-cli --version "$want" --locked 2>/dev/null || cargo install wasm-bindgen-cli --version "$want"
fi

# Dev-only npm packages (playwright-core for the browser tests).
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/ajv ] || [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/esbuild ] || [ ! -d node_modules/d3-geo ] || [ ! -d node_modules/leaflet ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

if [ "$what" = test ]; then
  # Debian's chromium for the browser tests, and DejaVu for text in native PNGs.
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
say "ready for $what"
