# Sourced by benches/tui.sh and benches/board.sh: the generated corpus of $NOTES notes (the same
# as benches/search.sh's, reused when the generator and seed are unchanged) with its index built
# in a private cache, never the user's own (cargo itself keeps the real HOME). Sets $corpus and
# $SANDBOX (removed on exit). Needs $ROOT, $NOTES and $NAME (the script, for messages).
SEED=${BENCH_SEED:-1979}
BENCH=$ROOT/target/bench
if ! [[ $NOTES =~ ^[1-9][0-9]*$ ]]; then
  echo "$NAME: the size is a number of notes, like 100000; got '$NOTES'" >&2
  exit 2
fi

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

SANDBOX=$(mktemp -d "$BENCH/${NAME%.sh}-home.XXXXXX")
trap 'rm -rf "$SANDBOX"' EXIT
cargo build --release --quiet
echo "building the index of $NOTES notes" >&2
env HOME="$SANDBOX" XDG_CACHE_HOME="$SANDBOX/cache" XDG_DATA_HOME="$SANDBOX/data" \
  XDG_CONFIG_HOME="$SANDBOX/config" "$ROOT/target/release/fieldnotes" --notebook "$corpus" index >&2
