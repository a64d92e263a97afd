#!/usr/bin/env bash
# Builds the Debian package of STAR Coach: the desktop app, the `star-coach` command, the default
# speech model (checked by sha256 first) and a desktop entry with icons. Prints the package's
# path. Install it with `sudo apt install ./star-coach_VERSION_amd64.deb`.
#
#   ./scripts/package-deb.sh
#
# An AppImage is not built: Tauri's AppImage bundler downloads linuxdeploy and its plugins from
# GitHub while it runs, which this project's machines cannot reach (README, "Installing").
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
step() { printf '\n==> %s  (%s)\n' "$*" "$(date +%T)"; }

"$repo/scripts/setup.sh"

# tauri.conf.json names these files by their place in this checkout's target folder.
if [ -n "${CARGO_TARGET_DIR:-}" ] && [ "$CARGO_TARGET_DIR" != "$repo/target" ]; then
  echo "error: unset CARGO_TARGET_DIR: the package is assembled from $repo/target" >&2
  exit 1
fi

step "Checking the speech model that goes into the package"
cargo build --quiet -p cli
# The package ships the catalogue's default model; tauri.conf.json must name its file.
read -r name file < <(STAR_COACH_MODELS="$repo/models" target/debug/star-coach models list --json |
  python3 -c 'import json, sys; m = next(m for m in json.load(sys.stdin) if m["default"]); print(m["name"], m["file"])')
if ! grep -q "\"/usr/share/star-coach/models/$file\"" src-tauri/tauri.conf.json; then
  echo "error: src-tauri/tauri.conf.json does not package the default model $file" >&2
  exit 1
fi
STAR_COACH_MODELS="$repo/models" target/debug/star-coach models verify "$name"

step "Building the command line tool (release)"
cargo build --release -p cli

step "Building the app and its package (release; the first build takes several minutes)"
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb)

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
built=$(ls -t target/release/bundle/deb/*_"$version"_*.deb | head -n 1)
# Tauri names the file after the product ("STAR Coach_…"); Debian's own name has no space.
deb="target/release/bundle/deb/$(dpkg-deb --field "$built" Package)_${version}_$(dpkg-deb --field "$built" Architecture).deb"
if [ "$built" != "$deb" ]; then mv -f "$built" "$deb"; fi
step "Built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
echo "$repo/$deb"
