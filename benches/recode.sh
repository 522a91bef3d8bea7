#!/usr/bin/env bash
# How long a change to the codebook takes across a large notebook: the code used in about one
# note in twenty renamed, then back, through the real binary (every file written, the index
# brought up to date). The renames leave every byte of the corpus as it was. Usage and what
# is measured: benches/README.md.
#
#   benches/recode.sh [NOTES] [RUNS]    defaults: 100000, 3
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NOTES=${1:-100000}
RUNS=${2:-3}
NAME=recode.sh
source benches/indexed.sh
run() {
  env HOME="$SANDBOX" XDG_CACHE_HOME="$SANDBOX/cache" XDG_DATA_HOME="$SANDBOX/data" \
    XDG_CONFIG_HOME="$SANDBOX/config" "$ROOT/target/release/fieldnotes" --notebook "$corpus" "$@"
}
# In the generated codebook, shape-the-experience is the code of about 5% of the notes.
code=shape-the-experience
for _ in $(seq "$RUNS"); do
  for pair in "$code shaping-it" "shaping-it $code"; do
    read -r from to <<<"$pair"
    started=$(date +%s%N)
    said=$(run codes rename "$from" "$to")
    ended=$(date +%s%N)
    echo "$said: $(((ended - started) / 1000000)) ms"
  done
done
