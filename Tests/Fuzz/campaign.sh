#!/usr/bin/env bash
# The recorded campaign (Documentation/Reliability.md): the harnesses one after the
# other, never in parallel, each until 10 million executions or its time limit.
#   Tests/Fuzz/campaign.sh [seconds per harness, default 1800] [harness ...]
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-1800}
mkdir -p Tests/Fuzz/.build/logs
harnesses=("${@:2}")
[[ ${#harnesses[@]} -eq 0 ]] && harnesses=(FuzzCSV FuzzFormula FuzzSubset FuzzFit)
for harness in "${harnesses[@]}"; do
  Tests/Fuzz/run.sh "$harness" "$seconds" 10000000 > "Tests/Fuzz/.build/logs/$harness.log" 2>&1
  echo "$harness: exit $?; $(grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec' "Tests/Fuzz/.build/logs/$harness.log" | tr '\n' ' ')"
done
