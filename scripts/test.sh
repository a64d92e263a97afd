#!/usr/bin/env bash
# Sets up everything (see setup.sh) and runs every test: formatting and lints, the Rust
# workspace (unit tests and end-to-end tests on synthesized speech with the real model), and
# the front end's tests.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
start=$(date +%s)

"$repo/scripts/setup.sh" --tests

printf '\n==> %s  (%s)\n' "Formatting (cargo fmt --check)" "$(date +%T)"
cargo fmt --all -- --check

printf '\n==> %s  (%s)\n' "Front end: lints (ESLint, Prettier), type check, build and tests (Vitest)" "$(date +%T)"
(cd ui && npm run --silent lint && npm run --silent build && npm test --silent)

printf '\n==> %s  (%s)\n' "Rust: every crate, unit and end-to-end tests" "$(date +%T)"
cargo test --workspace

printf '\n==> %s  (%s)\n' "Lints (cargo clippy -D warnings)" "$(date +%T)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

printf '\nAll tests passed in %s s.\n' "$(( $(date +%s) - start ))"
