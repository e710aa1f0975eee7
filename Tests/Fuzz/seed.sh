#!/usr/bin/env bash
# Seeds the fuzz corpora in BUILD from the shared corpus (copied at run time, never committed):
# revision texts for the segmenter, v1 NUL v2 pairs for the differ, small pages for the extractor,
# plus every saved regression input.
set -euo pipefail
CORPUS="$1"; BUILD="$2"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$BUILD"/corpus-{segmenter,differ,extractor}
n=0
for article in "$CORPUS"/revisions/*/*/; do
  [ -f "$article/v1.txt" ] && [ -f "$article/v2.txt" ] || continue
  n=$((n + 1)); [ $n -le 40 ] || break
  head -c 16384 "$article/v1.txt" > "$BUILD/corpus-segmenter/rev-$n"
  { head -c 8192 "$article/v1.txt"; printf '\0'; head -c 8192 "$article/v2.txt"; } > "$BUILD/corpus-differ/rev-$n"
done
n=0
for page in $(find "$CORPUS/extraction" -name source.html -size -60k | sort | head -40); do
  n=$((n + 1)); cp "$page" "$BUILD/corpus-extractor/page-$n"
done
for target in segmenter differ extractor; do
  for saved in "$ROOT"/Tests/Fuzz/Regressions/"$target"-*; do
    [ -f "$saved" ] && cp "$saved" "$BUILD/corpus-$target/" || true
  done
done
