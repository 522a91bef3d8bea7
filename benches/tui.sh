#!/usr/bin/env bash
# The terminal UI's speed on a synthetic notebook: the first frame from launch, each keystroke
# in the search line, the why board, and peak memory. Usage and what is measured:
# benches/README.md.
#
#   benches/tui.sh [NOTES]      default: 100000
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NOTES=${1:-100000}
NAME=tui.sh
if ! command -v tmux >/dev/null; then
  echo "tui.sh needs tmux to launch the UI in a terminal; install it and rerun" >&2
  exit 1
fi
source benches/indexed.sh
cargo bench --quiet --bench tui -- --notebook "$corpus" --cache "$SANDBOX/cache"
