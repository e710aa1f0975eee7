#!/usr/bin/env bash
# make demo-watch: periodic capture with no internet. Serves Samples/belgorod from 127.0.0.1 as a
# page that changes between rounds, tracks it, runs rounds of `stet watch --once`, then shows the
# article's history and the FCDO update. Run from the package root after `swift build`.
set -euo pipefail
STET=${STET:-.build/debug/stet}
DIR=${DEMO_DIR:-.stet/demo-watch}
ARCHIVE=$DIR/archive.git
rm -rf "$DIR" && mkdir -p "$DIR"

python3 Tests/Peers/demo/serve_samples.py --samples Samples/belgorod --port-file "$DIR/port" >/dev/null 2>"$DIR/server.log" &
SERVER=$!
stop_server() {
  kill "$SERVER" 2>/dev/null || return 0
  for _ in $(seq 30); do kill -0 "$SERVER" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$SERVER" 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 100); do [ -s "$DIR/port" ] && break; sleep 0.1; done
[ -s "$DIR/port" ] || { echo "the demo server did not start (see $DIR/server.log)" >&2; exit 1; }
URL="http://127.0.0.1:$(cat "$DIR/port")/news/belgorod.html?utm_source=demo"

echo "== stet track $URL"
"$STET" track --archive "$ARCHIVE" "$URL"
for round in 1 2 3 4; do
  flags=(--once)
  if [ "$round" -gt 1 ]; then flags+=(--force-due); fi
  echo
  echo "== round $round: stet watch ${flags[*]}"
  "$STET" watch "${flags[@]}" --archive "$ARCHIVE"
done
echo
echo "== stet status"
"$STET" status --archive "$ARCHIVE"
echo
echo "== stet log: the versions the watcher captured"
"$STET" log --archive "$ARCHIVE" "$URL"
echo
echo "== stet diff: the update of 1/3/24 (version 2 → 3)"
"$STET" diff --archive "$ARCHIVE" "$URL" 2 3
