#!/usr/bin/env bash
# The "1 GB single line" cases of issue 9, through the ivreg binary: too big for
# `swift test` (which checks the same behaviour on a few megabytes in
# AdversarialInputTests), so run by hand; the figures are in Documentation/Reliability.md.
#
#   Tests/Fuzz/stress-long-line.sh [path to ivreg, default .build/debug/ivreg] [bytes, default 1e9]
#
# Three 1 GB files, one at a time in a scratch directory (deleted afterwards):
#   number  - 'y,x' then one row whose second field is a 1 GB number
#   ragged  - 'y,x' then one line of 500 million fields
#   header  - a header that is one 1 GB column name, no newline
# Each must end with exit 1 and a one-line message (plus a bounded excerpt), never a trap.
set -uo pipefail
cd "$(dirname "$0")/../.."
ivreg=${1:-.build/debug/ivreg}
bytes=${2:-1000000000}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for shape in number ragged header; do
  file=$scratch/$shape.csv
  case $shape in
    number) { printf 'y,x\n1,'; head -c "$bytes" /dev/zero | tr '\0' '9'; printf '\n'; } > "$file" ;;
    ragged) { printf 'y,x\n'; head -c "$bytes" /dev/zero | tr '\0' ','; printf '\n'; } > "$file" ;;
    header) head -c "$bytes" /dev/zero | tr '\0' 'a' > "$file" ;;
  esac
  start=$(date +%s.%N)
  nice -n 19 /usr/bin/time -f '%M' -o "$scratch/rss" "$ivreg" "$file" 'y ~ x' > "$scratch/out" 2> "$scratch/err"
  status=$?
  end=$(date +%s.%N)
  printf '%s: %s bytes, exit %d, %.1f s, max RSS %d MB, stdout %d bytes, stderr %d lines, %d bytes\n  %s\n' \
    "$shape" "$(stat -c %s "$file")" "$status" "$(echo "$end - $start" | bc)" "$(( $(tail -1 "$scratch/rss") / 1024 ))" \
    "$(stat -c %s "$scratch/out")" "$(wc -l < "$scratch/err")" "$(stat -c %s "$scratch/err")" \
    "$(head -1 "$scratch/err" | cut -c1-160)"
  rm -f "$file"
done
