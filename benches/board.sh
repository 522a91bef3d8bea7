#!/usr/bin/env bash
# The why board's speed on a synthetic notebook: every note's facts from the index, narrowed by
# a query, and each synthesis over them. Usage and what is measured: benches/README.md.
#
#   benches/board.sh [NOTES]    default: 100000
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NOTES=${1:-100000}
NAME=board.sh
source benches/indexed.sh
cargo bench --quiet --bench board -- --notebook "$corpus" --cache "$SANDBOX/cache/fieldnotes"
