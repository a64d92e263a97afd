#!/usr/bin/env bash
# Installs the default speech model (the catalogue's `default = true` entry, Whisper tiny.en with
# q8_0 weights) with no access to model hubs; see install-model.sh, which does the work.
# Does nothing when the model is already in place and verified.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/install-model.sh"
