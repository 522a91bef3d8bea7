#!/usr/bin/env bash
# Search benchmarks: fieldnotes against ripgrep and SQLite FTS5 on synthetic notebooks of
# several sizes. Usage and what is measured: benches/README.md.
#
#   benches/search.sh [SIZES...]      default: 1000 10000 100000
#
# Environment: BENCH_RUNS=N fixes hyperfine's run count (e.g. 3 for a quick pass);
# BENCH_SEED=S changes the corpus; BENCH_CHANGE_RUNS=N how often the 1% refresh is repeated.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SIZES=("$@")
if [[ ${#SIZES[@]} -eq 0 ]]; then
  SIZES=(1000 10000 100000)
fi
SEED=${BENCH_SEED:-1979}
CHANGE_RUNS=${BENCH_CHANGE_RUNS:-5}
BENCH=$ROOT/target/bench
BIN=$ROOT/target/release/fieldnotes
HYPERFINE=(hyperfine --style basic --warmup 3 -N)
if [[ -n ${BENCH_RUNS:-} ]]; then
  HYPERFINE+=(--runs "$BENCH_RUNS")
fi

for size in "${SIZES[@]}"; do
  if ! [[ $size =~ ^[1-9][0-9]*$ ]]; then
    echo "search.sh: sizes are numbers of notes, like 1000; got '$size'" >&2
    exit 2
  fi
done

# --- tools -----------------------------------------------------------------------------------
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v python3 >/dev/null || missing+=(python3)
[[ -x /usr/bin/time ]] || missing+=(time)
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "search.sh needs: ${missing[*]} (Debian/Ubuntu package names); install them and rerun" >&2
    exit 1
  fi
fi
# hyperfine's -N (no intermediate shell) keeps a shell's start-up out of millisecond timings.
if ! hyperfine -N --runs 1 true >/dev/null 2>&1; then
  echo "search.sh needs hyperfine 1.13 or newer (for -N)" >&2
  exit 1
fi

# --- build and corpora (with the real HOME: cargo lives there) --------------------------------
mkdir -p "$BENCH"
echo "building fieldnotes (release)" >&2
cargo build --release --quiet
GENERATOR_SUM=$(cat benches/corpus/*.rs | sha256sum | cut -d' ' -f1)
generated=0
for size in "${SIZES[@]}"; do
  corpus=$BENCH/corpus-$size
  stamp="seed=$SEED generator=$GENERATOR_SUM"
  # A corpus is reused only when made by this very generator with this seed; anything else
  # (an older generator, an interrupted run) is thrown away and made again.
  if [[ -d $corpus && "$(cat "$corpus.stamp" 2>/dev/null)" == "$stamp" ]]; then
    echo "reusing $corpus" >&2
    continue
  fi
  rm -rf "$corpus" "$corpus.stamp"
  echo "generating $corpus" >&2
  cargo bench --quiet --bench corpus -- --notes "$size" --out "$corpus" --seed "$SEED"
  echo "$stamp" >"$corpus.stamp"
  generated=1
done
# fieldnotes reads again, on every refresh, files changed less than two seconds before it;
# a corpus written just now would make "nothing changed" read them all.
if ((generated)); then
  sleep 2.1
fi

# --- a private home, so the benchmark never reads or writes the user's own directories --------
SANDBOX=$(mktemp -d "$BENCH/home.XXXXXX")
export HOME=$SANDBOX XDG_CACHE_HOME=$SANDBOX/cache XDG_DATA_HOME=$SANDBOX/data
export XDG_CONFIG_HOME=$SANDBOX/config
unset FIELDNOTES_NOTEBOOK RIPGREP_CONFIG_PATH
WORK=$SANDBOX/work
mkdir -p "$WORK" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"

# Notes changed for the 1% refresh are put back from this archive, also when interrupted, so
# that a corpus always stays what its generator made.
RESTORE_INTO=""
WATCHER=""
cleanup() {
  if [[ -n $WATCHER ]]; then
    kill "$WATCHER" 2>/dev/null || true
  fi
  if [[ -n $RESTORE_INTO ]]; then
    tar -xpf "$WORK/backup.tar" -C "$RESTORE_INTO" || true
  fi
  rm -rf "$SANDBOX"
}
trap cleanup EXIT

HAVE_FIELDNOTES=1
if ! "$BIN" index --help >/dev/null 2>&1 || ! "$BIN" search --help >/dev/null 2>&1; then
  HAVE_FIELDNOTES=0
  echo "note: this fieldnotes has no 'index'/'search' commands; measuring rg and sqlite only" >&2
fi

# --- helpers ---------------------------------------------------------------------------------
# One shell word in single quotes, for hyperfine's command strings.
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# Mean of a hyperfine JSON export, in milliseconds.
mean_ms() {
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"]*1000))' "$1"
}

# "12.3×" for two numbers a/b, "n/a" when either is missing.
ratio() {
  python3 -c 'import sys
a, b = sys.argv[1], sys.argv[2]
try: r = float(a) / float(b); print(("%.0f×" if r >= 10 else "%.1f×" if r >= 1 else "%.2g×") % r)
except (ValueError, ZeroDivisionError): print("n/a")' "$1" "$2"
}

ms() { [[ $1 == n/a ]] && echo n/a || echo "$1 ms"; }

# The median time of CHANGE_RUNS refreshes after 1% of the notes changed, in CHANGE_MS and
# CHANGE_MB; other notes each round, put back afterwards.
changed_refresh() { # CORPUS NOTES
  local corpus=$1 notes=$2
  local all=$WORK/notes.txt
  (cd "$corpus" && find . -mindepth 2 -name '*.yaml' | sort) >"$all"
  local step=$((notes >= 100 ? 100 : notes))
  local times=() mbs=() run
  for ((run = 0; run < CHANGE_RUNS; run++)); do
    local picked=$WORK/picked.txt
    awk -v step="$step" -v r="$((run * 37 % step))" '(NR - 1) % step == r' "$all" >"$picked"
    tar -cf "$WORK/backup.tar" -C "$corpus" -T "$picked"
    RESTORE_INTO=$corpus
    # A new first word in the title: valid YAML whatever the title was.
    (cd "$corpus" && xargs -d '\n' sed -i 's/^title: /title: Revisited /' <"$picked")
    time_once "$BIN" -C "$corpus" index
    times+=("$TIME_MS")
    mbs+=("$TIME_MB")
    tar -xpf "$WORK/backup.tar" -C "$corpus"
    RESTORE_INTO=""
    # Files changed less than two seconds before a refresh are read again by the next one
    # (their times cannot be trusted yet); waiting that out leaves a current index.
    sleep 2.1
    "$BIN" -C "$corpus" index >/dev/null 2>&1
  done
  CHANGE_MS=$(median "${times[@]}")
  CHANGE_MB=$(median "${mbs[@]}")
  echo "   1% refresh runs (ms): ${times[*]}" >&2
}

# One run of a command: its wall time in TIME_MS and peak RSS in TIME_MB.
time_once() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$WORK/rss.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" ||
    { cat "$WORK/stderr.txt" >&2; return 1; }
  end=$(date +%s%N)
  TIME_MS=$(((end - start) / 1000000))
  TIME_MB=$(awk '{printf "%.0f", $1 / 1024}' "$WORK/rss.txt")
}

# Mean ms of a command under hyperfine; its JSON export is kept in RUNS for a closer look.
bench() { # NAME COMMAND [extra hyperfine options...]
  local name=$1 command=$2
  shift 2
  "${HYPERFINE[@]}" "$@" --export-json "$RUNS/$name.json" "$command" >"$RUNS/$name.log" 2>&1 ||
    { cat "$RUNS/$name.log" >&2; return 1; }
  mean_ms "$RUNS/$name.json"
}

# `fieldnotes watch` in the background, returning once it answers searches.
start_watch() { # CORPUS
  "$BIN" -C "$1" watch 2>"$WORK/watch.log" &
  WATCHER=$!
  local waited
  for ((waited = 0; waited < 600; waited++)); do
    if find "$XDG_CACHE_HOME/fieldnotes/index" -name watch.sock 2>/dev/null | grep -q .; then
      return 0
    fi
    sleep 0.1
  done
  echo "fieldnotes watch did not start" >&2
  cat "$WORK/watch.log" >&2
  return 1
}

stop_watch() {
  kill "$WATCHER" 2>/dev/null || true
  wait "$WATCHER" 2>/dev/null || true
  WATCHER=""
  find "$XDG_CACHE_HOME/fieldnotes/index" -name watch.sock -delete 2>/dev/null || true
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# --- one size --------------------------------------------------------------------------------
run_size() {
  local size=$1
  local corpus=$BENCH/corpus-$size
  local db=$BENCH/fts-$size.db
  local results=$BENCH/results-$size.md
  RUNS=$BENCH/runs-$size
  rm -rf "$RUNS"
  mkdir -p "$RUNS"
  local fn=$BIN
  local notes
  notes=$(find "$corpus" -mindepth 2 -name '*.yaml' | wc -l)
  echo "== $size notes: $corpus" >&2

  # A real why-code from this corpus's codebook: the first sub-code.
  local code
  code=$(awk '/^  - name: / {name = $3} /^    parent: / {print name; exit}' "$corpus/codebook.yaml")

  # The queries, as fieldnotes, rg and FTS5 each say them.
  local labels=(
    "rare word: zanzibar"
    "two common words: train headphones"
    "phrase: \"tape deck\""
    "filter: why:$code kind:interview"
    "quote needle: cinnamon"
  )
  local fn_queries=(zanzibar "train headphones" '"tape deck"' "why:$code kind:interview" cinnamon)
  local c
  c=$(q "$corpus")
  local rg_commands=(
    "rg -l -i -w zanzibar $c"
    # Both words in one file: the files with the first, searched again for the second.
    "sh -c $(q "rg -l -i -w train $c | xargs -r -d '\n' rg -l -i -w headphones")"
    # rg cannot see a phrase wrapped across two lines of a body; fieldnotes can.
    "rg -l -i -w -F $(q 'tape deck') $c"
    # The closest a regex gets to the filter: an interview whose note or finding lists the code
    # (fieldnotes reads the fields; rg only sees the lines).
    "rg -l -U $(q "^kind: interview\n(?s:.*)why: \[([^\]\n]*, )?${code}[,\]]") $c"
    "rg -l -i -w cinnamon $c"
  )
  # FTS5 sees one text column per file: the filter becomes "the words kind interview side by
  # side, and the code's words side by side", which also matches prose that says them.
  local fts_queries=(
    zanzibar
    "train headphones"
    '"tape deck"'
    "\"kind interview\" AND \"${code//-/ }\""
    cinnamon
  )

  # The index from scratch.
  local build_ms=n/a build_mb=n/a
  if ((HAVE_FIELDNOTES)); then
    echo "   index --rebuild" >&2
    time_once "$fn" -C "$corpus" index --rebuild
    build_ms=$TIME_MS build_mb=$TIME_MB
  fi

  # The check every command makes before it answers, when nothing changed.
  local fresh_ms=n/a fresh_mb=n/a
  if ((HAVE_FIELDNOTES)); then
    echo "   index (nothing changed)" >&2
    fresh_ms=$(bench refresh "$(q "$fn") -C $c index")
    time_once "$fn" -C "$corpus" index
    fresh_mb=$TIME_MB
  fi

  # A day's work arriving by `git pull`: 1% of the notes changed, other notes each round,
  # put back afterwards.
  local change_ms=n/a change_mb=n/a
  if ((HAVE_FIELDNOTES)); then
    echo "   index (1% changed) x$CHANGE_RUNS" >&2
    changed_refresh "$corpus" "$notes"
    change_ms=$CHANGE_MS change_mb=$CHANGE_MB
  fi

  # The FTS5 database, from the same files, built the way a script would: one row per file.
  echo "   sqlite FTS5 build" >&2
  local sql=$WORK/fts-$size.sql
  {
    echo "CREATE VIRTUAL TABLE notes USING fts5(path UNINDEXED, body);"
    echo "BEGIN;"
    (cd "$corpus" && find . -mindepth 2 -name '*.yaml' | sort | sed 's|^\./||') |
      awk -v dir="$corpus" '{
        gsub(/'\''/, "'\'''\''");
        printf "INSERT INTO notes VALUES('\''%s'\'', CAST(readfile('\''%s/%s'\'') AS TEXT));\n", $0, dir, $0
      }'
    echo "COMMIT;"
  } >"$sql"
  rm -f "$db"
  time_once sqlite3 "$db" ".read $sql"
  local fts_build_ms=$TIME_MS fts_build_mb=$TIME_MB

  # The queries, whole process each time, as a user at a shell would run them.
  local rows=() i
  local matches=()
  for i in "${!labels[@]}"; do
    echo "   query: ${labels[$i]}" >&2
    local fn_ms=n/a fn_mb=n/a fn_hits=n/a
    if ((HAVE_FIELDNOTES)); then
      fn_ms=$(bench "fn-$i" "$(q "$fn") -C $c search $(q "${fn_queries[$i]}") --limit 10")
      time_once "$fn" -C "$corpus" search "${fn_queries[$i]}" --limit 10
      fn_mb=$TIME_MB
      fn_hits=$("$fn" -C "$corpus" search "${fn_queries[$i]}" --limit 10 --json 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
    fi
    # rg exits 1 when a file list is empty; that is an answer, not a failure.
    local rg_ms
    rg_ms=$(bench "rg-$i" "${rg_commands[$i]}" -i)
    local rg_hits
    rg_hits=$(eval "${rg_commands[$i]}" | wc -l || true)
    local select="SELECT path FROM notes WHERE notes MATCH '${fts_queries[$i]//\'/\'\'}' ORDER BY rank LIMIT 10"
    local fts_ms
    fts_ms=$(bench "fts-$i" "sqlite3 $(q "$db") $(q "$select")")
    local fts_hits
    fts_hits=$(sqlite3 "$db" "SELECT count(*) FROM notes WHERE notes MATCH '${fts_queries[$i]//\'/\'\'}'")
    rows+=("| search ${labels[$i]} | $(ms "$fn_ms") | $(ms "$rg_ms") | $(ms "$fts_ms") | $(ratio "$rg_ms" "$fn_ms") | $(ratio "$fts_ms" "$fn_ms") | $fn_mb |")
    matches+=("| ${labels[$i]} | $fn_hits | $rg_hits | $fts_hits |")
  done

  # The same with `fieldnotes watch` running: a search asks the watcher whether it has indexed
  # every change made before the search began, instead of checking every file itself.
  local watch_fresh_ms=n/a watch_change_ms=n/a watch_rows=()
  if ((HAVE_FIELDNOTES)); then
    echo "   with fieldnotes watch" >&2
    start_watch "$corpus"
    watch_fresh_ms=$(bench watch-refresh "$(q "$fn") -C $c index")
    changed_refresh "$corpus" "$notes"
    watch_change_ms=$CHANGE_MS
    for i in "${!labels[@]}"; do
      local watch_ms rg_ms
      watch_ms=$(bench "watch-$i" "$(q "$fn") -C $c search $(q "${fn_queries[$i]}") --limit 10")
      rg_ms=$(mean_ms "$RUNS/rg-$i.json")
      watch_rows+=("| search ${labels[$i]} | $(ms "$watch_ms") | $(ms "$rg_ms") | $(ratio "$rg_ms" "$watch_ms") |")
    done
    stop_watch
  fi

  local disk
  disk=$(du -sh "$corpus" | cut -f1)
  local mean_size
  mean_size=$(find "$corpus" -mindepth 2 -name '*.yaml' -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s / NR}')
  {
    echo "## Search benchmark: $notes notes"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); fieldnotes $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?')"
    echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM"
    echo "- corpus: $corpus, seed $SEED, $disk on disk, mean note $mean_size B; why-code in the filter: $code"
    echo "- tools: $(rg --version | sed -n 1p), $(hyperfine --version), sqlite $(sqlite3 --version | cut -d' ' -f1)"
    echo "- times are hyperfine means (warm page cache, whole process) unless noted; ratios above 1× mean fieldnotes is faster"
    echo
    echo "| step | fieldnotes | rg | sqlite FTS5 | rg / fieldnotes | sqlite / fieldnotes | fieldnotes peak RSS (MB) |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    echo "| full index build (one run; sqlite: FTS5 table from the files) | $(ms "$build_ms") | – | $(ms "$fts_build_ms") | – | $(ratio "$fts_build_ms" "$build_ms") | $build_mb |"
    echo "| refresh, nothing changed | $(ms "$fresh_ms") | – | – | – | – | $fresh_mb |"
    echo "| refresh, 1% of notes changed (median of $CHANGE_RUNS single runs) | $(ms "$change_ms") | – | – | – | – | $change_mb |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "With \`fieldnotes watch\` running (the search still guarantees it sees every change made before it began):"
    echo
    echo "| step | fieldnotes + watch | rg | rg / fieldnotes |"
    echo "|---|---:|---:|---:|"
    echo "| refresh, nothing changed | $(ms "$watch_fresh_ms") | – | – |"
    echo "| refresh, 1% of notes changed (median of $CHANGE_RUNS single runs) | $(ms "$watch_change_ms") | – | – |"
    printf '%s\n' "${watch_rows[@]}"
    echo
    echo "sqlite FTS5 build peak RSS: $fts_build_mb MB. Matching notes per query:"
    echo
    echo "| query | fieldnotes | rg | sqlite FTS5 |"
    echo "|---|---:|---:|---:|"
    printf '%s\n' "${matches[@]}"
    echo
  } | tee "$results"
}

for size in "${SIZES[@]}"; do
  run_size "$size"
done
echo "results: $BENCH/results-<N>.md" >&2
