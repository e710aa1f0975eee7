#!/usr/bin/env python3
"""The watcher with many tracked articles against a local server: checks per second and memory.

Starts a threaded HTTP server on 127.0.0.1 serving N small article pages, tracks them all in a
fresh archive, then times two rounds of `stet watch --once --force-due` over all of them:
round 1 stores a first version of every article (fetch + extract + commit + index), round 2 finds
every page unchanged (fetch + extract + compare + a check row). Peak resident memory of each round
is read from the kernel (getrusage of the child). Only loopback traffic; bounded by N.

Usage: watch_bench.py STET_BINARY [--articles 10000] [--concurrency 16] [--work DIR]
"""
import argparse, http.server, os, resource, shutil, subprocess, sys, tempfile, threading, time


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Council story {n} | Bench Daily</title>
<link rel="canonical" href="http://127.0.0.1:{port}/a/{n}.html"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council story {n}</h1><p class="byline">By Bench Reporter</p>
<p>The council met on Tuesday to discuss item {n} of its agenda, officials said.</p>
<p>"We will decide on the budget next week," said Council Member Ana Ortiz, who chairs the committee.</p>
<p>At least {k} residents attended the meeting, which lasted nearly three hours.</p>
</article><footer>Copyright Bench Daily</footer></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    port = 0

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        if len(parts) != 2 or parts[0] != "a" or not parts[1].endswith(".html"):
            self.send_error(404)
            return
        n = parts[1][:-5]
        body = PAGE.format(n=n, k=(sum(map(ord, n)) % 90) + 10, port=Handler.port).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def child_peak_mb(before):
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("stet")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--work", default=None)
    args = parser.parse_args()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    work = args.work or tempfile.mkdtemp(prefix="stet-watch-bench-")
    archive = os.path.join(work, "archive.git")
    shutil.rmtree(archive, ignore_errors=True)
    try:
        urls = [f"http://127.0.0.1:{Handler.port}/a/{n}.html" for n in range(args.articles)]
        start = time.monotonic()
        for i in range(0, len(urls), 1000):
            subprocess.run([args.stet, "track", "--archive", archive] + urls[i:i + 1000],
                           check=True, stdout=subprocess.DEVNULL)
        track_seconds = time.monotonic() - start
        rows = []
        for label in ("first versions", "unchanged"):
            start = time.monotonic()
            # Peak RSS is per process; RUSAGE_CHILDREN reports the largest child so far, and each
            # round's process is at least as large as the tracking processes before it.
            subprocess.run([args.stet, "watch", "--once", "--force-due", "--quiet", "--archive", archive,
                            "--max-targets", str(args.articles), "--host-spacing", "0s",
                            "--concurrency", str(args.concurrency)],
                           check=True, stdout=subprocess.DEVNULL)
            seconds = time.monotonic() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
            rows.append((label, seconds, args.articles / seconds, peak))
        print(f"tracked {args.articles} articles in {track_seconds:.1f} s")
        print("| round | checks | seconds | checks/s | peak RSS so far (MB) |")
        print("|---|---|---|---|---|")
        for label, seconds, rate, peak in rows:
            print(f"| {label} | {args.articles} | {seconds:.1f} | {rate:.0f} | {peak:.0f} |")
    finally:
        server.shutdown()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
