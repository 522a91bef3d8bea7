#!/usr/bin/env bash
# The terminal UI's speed on a synthetic notebook: the first frame from launch, each keystroke
# in the search line, and peak memory. Usage and what is measured: benches/README.md.
#
#   benches/tui.sh [NOTES]      default: 100000
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NOTES=${1:-100000}
SEED=${BENCH_SEED:-1979}
BENCH=$ROOT/target/bench
if ! [[ $NOTES =~ ^[1-9][0-9]*$ ]]; then
  echo "tui.sh: the size is a number of notes, like 100000; got '$NOTES'" >&2
  exit 2
fi
if ! command -v tmux >/dev/null; then
  echo "tui.sh needs tmux to launch the UI in a terminal; install it and rerun" >&2
  exit 1
fi

# The same corpus as benches/search.sh, reused when the generator and seed are unchanged.
mkdir -p "$BENCH"
corpus=$BENCH/corpus-$NOTES
stamp="seed=$SEED generator=$(cat benches/corpus/*.rs | sha256sum | cut -d' ' -f1)"
if ! [[ -d $corpus && "$(cat "$corpus.stamp" 2>/dev/null)" == "$stamp" ]]; then
  rm -rf "$corpus" "$corpus.stamp"
  echo "generating $corpus" >&2
  cargo bench --quiet --bench corpus -- --notes "$NOTES" --out "$corpus" --seed "$SEED"
  echo "$stamp" >"$corpus.stamp"
  # Files changed in the last two seconds are read again by every refresh.
  sleep 2.1
fi

# A private cache for the index, never the user's own (cargo itself keeps the real HOME).
SANDBOX=$(mktemp -d "$BENCH/tui-home.XXXXXX")
trap 'rm -rf "$SANDBOX"' EXIT
cargo build --release --quiet
echo "building the index of $NOTES notes" >&2
env HOME="$SANDBOX" XDG_CACHE_HOME="$SANDBOX/cache" XDG_DATA_HOME="$SANDBOX/data" \
  XDG_CONFIG_HOME="$SANDBOX/config" "$ROOT/target/release/fieldnotes" --notebook "$corpus" index >&2
cargo bench --quiet --bench tui -- --notebook "$corpus" --cache "$SANDBOX/cache"
