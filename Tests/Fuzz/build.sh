#!/usr/bin/env bash
# Builds the libFuzzer targets into BUILD (default .build-fuzz): each module the target needs is
# compiled with swiftc as a static library instrumented for coverage (-sanitize=fuzzer) and
# AddressSanitizer, then linked with the entry point, whose `@_cdecl("LLVMFuzzerTestOneInput")`
# function libFuzzer's own main calls. SwiftPM is not used: it would instrument every
# dependency of the package (GRDB included), which the fuzzed code never reaches.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${1:-$ROOT/.build-fuzz}"
SWIFTC="${SWIFTC:-swiftc}"
mkdir -p "$BUILD"
# `-package-name`: the modules share `package` declarations, as in the SwiftPM build.
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -package-name stet -I "$BUILD")

module() { # name, extra flags…
  local name="$1"; shift
  "$SWIFTC" "${FLAGS[@]}" -emit-library -static -emit-module -module-name "$name" \
    -emit-module-path "$BUILD/$name.swiftmodule" -o "$BUILD/lib$name.a" "$@" \
    $(find "$ROOT/Sources/$name" -name '*.swift' | sort)
}

module StetText
module StetDiff
module StetExtract -I "$ROOT/Sources/CLibxml2" -Xcc -I/usr/include/libxml2

"$SWIFTC" "${FLAGS[@]}" "$ROOT/Tests/Fuzz/SegmenterFuzz.swift" "$BUILD/libStetText.a" -o "$BUILD/fuzz-segmenter"
"$SWIFTC" "${FLAGS[@]}" "$ROOT/Tests/Fuzz/DifferFuzz.swift" "$BUILD/libStetDiff.a" "$BUILD/libStetText.a" -o "$BUILD/fuzz-differ"
"$SWIFTC" "${FLAGS[@]}" -I "$ROOT/Sources/CLibxml2" -Xcc -I/usr/include/libxml2 "$ROOT/Tests/Fuzz/ExtractorFuzz.swift" \
  "$BUILD/libStetExtract.a" "$BUILD/libStetText.a" -lxml2 -o "$BUILD/fuzz-extractor"
echo "built: $BUILD/fuzz-segmenter $BUILD/fuzz-differ $BUILD/fuzz-extractor"
