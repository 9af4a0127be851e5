#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Tests/Fuzz/Harnesses against the package's sources.
#
# SwiftPM cannot build a `-sanitize=fuzzer` executable next to ordinary ones (libFuzzer
# brings its own `main`), so this script compiles each module with swiftc directly,
# instrumented for coverage (`-sanitize=fuzzer,address`), then links one binary per
# harness into Tests/Fuzz/.build/bin. Usage: Tests/Fuzz/build.sh [harness ...]  (default: all)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=Tests/Fuzz/.build
mkdir -p "$out/modules" "$out/bin"
flags=(-O -wmo -parse-as-library -swift-version 6 -package-name LinearModels
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature InternalImportsByDefault -sanitize=fuzzer,address -I "$out/modules")

# Modules in dependency order; each is rebuilt only when one of its sources is newer.
modules=(LinearAlgebra Distributions Tabular Formulas Regression TimeSeries Penalized SparseIV Bayesian Reporting Plotting IVRegCLI)
previous=""
for module in "${modules[@]}"; do
  object="$out/modules/$module.o"
  if [[ ! -f "$object" || -n "$(find "Sources/$module" -name '*.swift' -newer "$object" | head -1)" || -n "$previous" ]]; then
    echo "compiling $module" >&2
    find "Sources/$module" -name '*.swift' -print0 | xargs -0 swiftc "${flags[@]}" -module-name "$module" \
      -emit-module -emit-module-path "$out/modules/$module.swiftmodule" -c -o "$object"
    previous=rebuilt
  fi
done

harnesses=("$@")
if [[ ${#harnesses[@]} -eq 0 ]]; then
  harnesses=($(ls Tests/Fuzz/Harnesses | sed -n 's/\.swift$//p'))
fi
for harness in "${harnesses[@]}"; do
  echo "linking $harness" >&2
  swiftc "${flags[@]}" -module-name "$harness" "Tests/Fuzz/Harnesses/$harness.swift" "$out"/modules/*.o \
    -o "$out/bin/$harness" 2> >(grep -v 'Cannot export local symbol' >&2)
done
