#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (with AddressSanitizer) and runs each for SECONDS,
# seeded with the test fixtures. A crash, a leak of memory past the limit or one input taking
# longer than 10 s stops the target and fails the script; the input is kept in fuzz-findings/.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]     (default 60 s, every target; JOBS=2 runs two at once)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzReturnedFile FuzzCSV FuzzDocx FuzzFileKind FuzzMail)
scratch="$root/.build-fuzz"
(cd "$root/Fuzz" && swift build -c debug --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address \
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >&2)

# Seeds: every fixture the tests use, and a few hostile files small enough to mutate.
seeds="$scratch/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
find "$root/Tests/Fixtures" -type f \( -name '*.xlsx' -o -name '*.xls' -o -name '*.csv' -o -name '*.txt' -o -name '*.docx' \
  -o -name '*.zip' -o -name '*.eml' -o -name '*.msg' -o -name '*.mbox' -o -name '*.pdf' \) -size -300k -exec cp {} "$seeds/" \; 2>/dev/null || true
findings="$root/fuzz-findings"
mkdir -p "$findings"

run() {
  local target=$1 corpus="$scratch/corpus-$1"
  mkdir -p "$corpus"
  echo "== $target: ${seconds}s" >&2
  "$scratch/debug/$target" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks="${DETECT_LEAKS:-0}" \
    -max_len=262144 -artifact_prefix="$findings/$target-" -print_final_stats=1 2>"$scratch/$target.log" || {
    tail -n 40 "$scratch/$target.log" >&2
    echo "fuzz: $target found a failure (input in $findings/)" >&2
    return 1
  }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$scratch/$target.log" | tail -n 3 >&2
}

status=0
pids=()
for target in "${targets[@]}"; do
  if [ "${JOBS:-1}" -gt 1 ]; then
    run "$target" & pids+=($!)
    if [ ${#pids[@]} -ge "${JOBS}" ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
  else
    run "$target" || status=1
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
[ "$status" -eq 0 ] && echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no failure"
exit "$status"
