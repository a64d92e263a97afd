#!/usr/bin/env bash
# Sets up everything (see setup.sh) and launches the STAR Coach desktop app.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

"$repo/scripts/setup.sh"

printf '\n==> %s  (%s)\n' "Building the interface" "$(date +%T)"
(cd ui && npm run --silent build)
printf '\n==> %s  (%s)\n' "Building the app (release; the first build takes several minutes)" "$(date +%T)"
cargo build --release -p star-coach-app
app="${CARGO_TARGET_DIR:-$repo/target}/release/star-coach-app"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "error: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "The app is built at $app; start it from a desktop session." >&2
  exit 1
fi
printf '\n==> %s  (%s)\n' "Starting STAR Coach" "$(date +%T)"
exec "$app"
