#!/usr/bin/env bash
# How long `fieldnotes sync` takes on a notebook of N generated notes (default 100,000) shared
# through a bare repository on the same machine (so the network is not what is measured):
#   - nothing to do: nothing changed here or in the team's repository;
#   - ten notes changed here, committed and pushed.
# Usage: benches/sync.sh [N]   (BENCH_DIR=... keeps the corpus and repositories elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

NOTES=${1:-100000}
BENCH=${BENCH_DIR:-${TMPDIR:-/tmp}/fieldnotes-bench-sync}
RUNS=${BENCH_RUNS:-5}
mkdir -p "$BENCH"
echo "building fieldnotes (release)" >&2
cargo build --release --quiet
BIN=$PWD/target/release/fieldnotes

corpus=$BENCH/corpus-$NOTES
if [[ ! -d $corpus ]]; then
  echo "generating $corpus" >&2
  cargo bench --quiet --bench corpus -- --notes "$NOTES" --out "$corpus" --seed 1
fi

# The team's repository and one clone of it, made once per run from the corpus.
work=$BENCH/run
rm -rf "$work"
mkdir -p "$work"
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name bench
git config --global user.email bench@example.org
git config --global init.defaultBranch main
git init -q --bare "$work/team.git"
cp -r "$corpus" "$work/notebook"
cd "$work/notebook"
git init -q
git remote add origin "$work/team.git"
echo "first sync: committing and sharing $NOTES notes" >&2
start=$(date +%s.%N)
"$BIN" sync >/dev/null
echo "first sync: $(echo "$(date +%s.%N) - $start" | bc) s" >&2

timed() {
  local what=$1 best=
  shift
  for _ in $(seq "$RUNS"); do
    "$@" >/dev/null 2>&1 || true
    local start end
    start=$(date +%s.%N)
    "$BIN" sync >/dev/null
    end=$(date +%s.%N)
    local took
    took=$(echo "$end - $start" | bc)
    best=$(printf '%s\n%s\n' "${best:-$took}" "$took" | sort -g | head -1)
    times+=("$took")
  done
  printf '%-36s best %.3f s  (runs: %s)\n' "$what" "$best" "${times[*]}"
  times=()
}
times=()

nothing() { :; }
ten_changed() {
  local i=0
  for file in $(git ls-files '*.yaml' | shuf -n 10 --random-source=<(yes)); do
    i=$((i + 1))
    # A key of its own each time: a key written twice would make the note one with errors.
    printf 'bench_%s_%s: touched\n' "$RANDOM$RANDOM" "$i" >>"$file"
  done
}
timed "sync, nothing to do" nothing
timed "sync, 10 notes changed" ten_changed
