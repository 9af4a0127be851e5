#!/usr/bin/env bash
# Runs one libFuzzer harness built by Tests/Fuzz/build.sh, at the lowest priority.
#
#   Tests/Fuzz/run.sh FuzzCSV 1800          # fuzz for 30 minutes (the default is 60 s)
#   Tests/Fuzz/run.sh FuzzCSV 0 10000000    # or stop after 10 million executions
#   Tests/Fuzz/.build/bin/FuzzCSV crash-…   # reproduce a crash from its artifact
#
# The seed corpus (Tests/Fuzz/Corpus/<harness>) is read-only; new inputs go to
# Tests/Fuzz/.build/corpus/<harness> and crashes to Tests/Fuzz/.build/artifacts/<harness>/.
# Extra arguments after the first three are passed to libFuzzer. Leak detection is
# off: the Swift runtime keeps its metadata caches and lazy globals until exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
harness=${1:?usage: Tests/Fuzz/run.sh <harness> [seconds] [runs] [libFuzzer flags...]}
seconds=${2:-60}
runs=${3:--1}
shift $(( $# < 3 ? $# : 3 ))
work=Tests/Fuzz/.build/corpus/$harness
artifacts=Tests/Fuzz/.build/artifacts/$harness/
mkdir -p "$work" "$artifacts"
dictionary=()
[[ -f Tests/Fuzz/Dictionaries/$harness.dict ]] && dictionary=(-dict="Tests/Fuzz/Dictionaries/$harness.dict")
# -detect_leaks=0 stops libFuzzer's per-input check; ASAN_OPTIONS stops the one at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
exec nice -n 19 "Tests/Fuzz/.build/bin/$harness" "$work" "Tests/Fuzz/Corpus/$harness" \
  -max_total_time="$seconds" -runs="$runs" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -artifact_prefix="$artifacts" -print_final_stats=1 -detect_leaks=0 "${dictionary[@]}" "$@"
