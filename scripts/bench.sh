#!/usr/bin/env bash
# Side-by-side benchmark: xlsx-tasks and the peers of ../shared/bench (Python XlsxWriter, pandas,
# openpyxl, python-calamine, fastexcel) on the same generated corpus, in the same run.
# Prints one markdown table: median wall seconds, median CPU seconds, peak RSS of RUNS runs.
#
# usage: scripts/bench.sh [CORPUS_DIR] [OUT_DIR]
#   RUNS=3                      runs per workload
#   PEERS="split_xlsxwriter read_fastexcel read_calamine read_openpyxl merge_pandas"   peers to run ("" for none)
#   BENCH=../shared/bench       the peers' folder
# The corpus is generated when CORPUS_DIR has no master.xlsx (about 100 s), into a venv of our own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$(realpath "${BENCH:-$root/../shared/bench}")
corpus=$(realpath -m "${1:-/tmp/xlsx-tasks-corpus}")
out=$(realpath -m "${2:-/tmp/xlsx-tasks-bench}")
runs=${RUNS:-3}
peers=${PEERS-split_xlsxwriter split_pandas read_fastexcel read_calamine read_openpyxl merge_pandas}
venv=${VENV:-/tmp/xlsx-tasks-bench-venv}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 1; }
mkdir -p "$out"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r "$bench/requirements.txt"
fi
if [ ! -f "$corpus/master.xlsx" ]; then
  "$venv/bin/python" "$bench/gen_corpus.py" --out "$corpus" >&2
fi
(cd "$root" && swift build -c release >&2)
tool="$root/.build/release/xlsx-tasks"
benchtool="$root/.build/release/xlsx-tasks-bench"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { grep -F "$1" "$2" | sed 's/.*: //'; }
to_seconds() { awk -F: '{s=0; for (i=1; i<=NF; i++) s=s*60+$i; print s}'; }

# ours KIND NAME OUTPUT COMMAND...: run RUNS times (removing OUTPUT before each), print a table row.
ours() {
  local kind=$1 name=$2 output=$3; shift 3
  local walls=() cpus=() rss=0 status=ok
  for i in $(seq "$runs"); do
    [ -z "$output" ] || rm -rf "$output"
    # Untimed preparation of each run (a fresh workspace), when the row needs one.
    [ -z "${SETUP:-}" ] || bash -c "$SETUP" >/dev/null 2>&1 || status="FAILED (setup: $SETUP)"
    if ! /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"; then
      status="FAILED (see $out/$name.stderr)"
    fi
    walls+=("$(field 'Elapsed (wall clock)' "$out/$name.time" | to_seconds)")
    cpus+=("$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$out/$name.time")")
    local r; r=$(field 'Maximum resident set size' "$out/$name.time"); (( r > rss )) && rss=$r
  done
  [ "$status" = ok ] && status=$(tail -n 1 "$out/$name.stdout")
  printf '| %s | %s | %s | %.2f | %.2f | %d | %s |\n' "$kind" "xlsx-tasks" "$name" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" $((rss / 1024)) "$status"
}

echo "| workload | tool | script | median wall s | median cpu s | peak RSS MB | output (last run) |"
echo "|---|---|---|---:|---:|---:|---|"
ours read "inflate only (zlib floor)" "" "$benchtool" inflate "$corpus/big.xlsx"
ours read read "" "$benchtool" read "$corpus/big.xlsx"
ours split split "$out/split" "$tool" split "$corpus/master.xlsx" -o "$out/split"
ours merge merge "$out/merged.xlsx" "$tool" merge "$corpus/master.xlsx" "$corpus/returned" -o "$out/merged.xlsx"

# The workspace over the same files: collect them all into a fresh round (compare with merge),
# then one more file into a workspace that holds the 1,000 (a copy of one with a new ZIP
# comment: the same workbook, another checksum), status, and report.
ws="$out/ws" full="$out/ws-full" extra="$out/one-more"
# A plan and a due date, so that status and report also judge every task against 序时进度.
fresh="rm -rf $ws && $tool init $corpus/master.xlsx --plan-start 2020-01-01 --plan-end 2020-12-31 -w $ws && $tool round open bench --due 2020-07-10 -w $ws"
SETUP="$fresh" ours workspace "collect 1,000 workbooks" "" "$tool" collect "$corpus/returned" -w "$ws"
rm -rf "$full" && cp -a "$ws" "$full"
mkdir -p "$extra"
python3 -c "import sys, zipfile; src = zipfile.ZipFile(sys.argv[1]); dst = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for item in src.infolist(): dst.writestr(item, src.read(item.filename))
dst.comment = b'one more'; dst.close()" "$(ls "$corpus"/returned/*.xlsx | head -n 1)" "$extra/再次报送.xlsx"
SETUP="rm -rf $ws && cp -a $full $ws" ours workspace "collect 1 more (into 1,000)" "" "$tool" collect "$extra" -w "$ws"
ours workspace status "" "$tool" status -w "$full"
ours workspace "report (from the ledger)" "$out/report.xlsx" "$tool" report -w "$full" -o "$out/report.xlsx"

# The web page under load: 20 clients at once reading the status board of the 1,000-unit round.
"$tool" serve -w "$full" --port 0 > "$out/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "serving" "$out/serve.log" 2>/dev/null && break; sleep 0.1; done
address=$(grep -o 'http://[^ ]*' "$out/serve.log" | head -n 1)
echo
echo "| serve: GET /status (100,000 tasks, 1,000 units) | requests | failed | median ms | p99 ms |"
echo "|---|---|---|---|---|"
python3 "$root/scripts/load_check.py" "${address}status" 20 25
kill "$server" 2>/dev/null || true
if [ -n "$peers" ]; then
  RUNS=$runs PY="$venv/bin/python" ONLY="$peers" bash "$bench/run_peers.sh" "$corpus" "$out/peers" | tail -n +3
fi

# The floor under any writer that deflates at zlib's default level (libxlsxwriter, Python's
# zipfile): the CPU seconds zlib alone needs for the bytes each output holds.
echo
echo "| output | floor: inflated bytes, zlib level-6 deflate CPU s (one thread) |"
echo "|---|---|"
floor() { [ -e "$2" ] || return 0; printf '| %s | %s |\n' "$1" "$("$benchtool" deflate "$2")"; }
floor "xlsx-tasks split" "$out/split"
floor "xlsx-tasks merged.xlsx" "$out/merged.xlsx"
floor "split_xlsxwriter" "$out/peers/split_xlsxwriter"
floor "merge_pandas merged.xlsx" "$out/peers/merge_pandas/merged.xlsx"
