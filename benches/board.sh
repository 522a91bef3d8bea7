#!/usr/bin/env bash
# The why board's speed on a synthetic notebook: every note's facts from the index, narrowed by
# a query, and each synthesis over them. Usage and what is measured: benches/README.md.
#
#   benches/board.sh [NOTES]    default: 100000
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NOTES=${1:-100000}
SEED=${BENCH_SEED:-1979}
BENCH=$ROOT/target/bench
if ! [[ $NOTES =~ ^[1-9][0-9]*$ ]]; then
  echo "board.sh: the size is a number of notes, like 100000; got '$NOTES'" >&2
  exit 2
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
SANDBOX=$(mktemp -d "$BENCH/board-home.XXXXXX")
trap 'rm -rf "$SANDBOX"' EXIT
cargo build --release --quiet
echo "building the index of $NOTES notes" >&2
env HOME="$SANDBOX" XDG_CACHE_HOME="$SANDBOX/cache" XDG_DATA_HOME="$SANDBOX/data" \
  XDG_CONFIG_HOME="$SANDBOX/config" "$ROOT/target/release/fieldnotes" --notebook "$corpus" index >&2
cargo bench --quiet --bench board -- --notebook "$corpus" --cache "$SANDBOX/cache/fieldnotes"
