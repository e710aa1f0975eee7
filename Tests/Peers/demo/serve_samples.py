#!/usr/bin/env python3
"""Serve a Samples/ series on 127.0.0.1 as one page that changes between rounds (for `make demo-watch`).

The article lives at /news/<series>.html. Each GET moves the page on to the next capture in
captures.txt, so successive rounds of `stet watch --once` see the story as it changed. Once the
last capture is served it stays: a request sending its ETag in If-None-Match then gets
304 Not Modified. /feed.xml is an RSS 2.0 feed
listing the article. Standard library only; stops on SIGTERM or SIGINT.

Usage: serve_samples.py --samples Samples/belgorod [--port 0] [--port-file PATH]
"""

import argparse
import http.server
import os
import signal
import sys
import threading
from email.utils import formatdate


def load_captures(folder):
    names = []
    with open(os.path.join(folder, "captures.txt"), encoding="utf-8") as listing:
        for line in listing:
            parts = line.split()
            if len(parts) == 2 and not line.startswith("#"):
                names.append(parts[1])
    if not names:
        sys.exit(f"no captures listed in {folder}/captures.txt")
    pages = []
    for name in names:
        with open(os.path.join(folder, name), "rb") as page:
            pages.append(page.read())
    return pages


class State:
    def __init__(self, pages):
        self.pages = pages
        self.served = -1  # index of the capture served last
        self.lock = threading.Lock()


def make_handler(state, path):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "stet-demo/1"

        def do_GET(self):
            if self.path == "/feed.xml":
                return self.feed()
            if self.path.split("?")[0] != path:
                return self.answer(404, b"not found\n", "text/plain; charset=utf-8")
            with state.lock:
                last = len(state.pages) - 1
                current = f'"v{last + 1}"'
                if state.served == last and self.headers.get("If-None-Match") == current:
                    self.send_response(304)
                    self.send_header("ETag", current)
                    self.end_headers()
                    return
                state.served = min(state.served + 1, len(state.pages) - 1)
                index = state.served
            self.answer(200, state.pages[index], "text/html; charset=utf-8",
                        {"ETag": f'"v{index + 1}"', "Last-Modified": formatdate(usegmt=True)})

        def feed(self):
            host = self.headers.get("Host", "127.0.0.1")
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>stet demo</title>'
                f"<link>http://{host}/</link><item><title>The sample story</title>"
                f"<link>http://{host}{path}</link></item></channel></rss>\n"
            ).encode("utf-8")
            self.answer(200, body, "application/rss+xml; charset=utf-8")

        def answer(self, status, body, content_type, headers=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            sys.stderr.write("server: %s\n" % (format % args))

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", required=True, help="a Samples/<series> folder with captures.txt")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--port-file", help="write the port here once listening")
    args = parser.parse_args()

    series = os.path.basename(os.path.normpath(args.samples))
    state = State(load_captures(args.samples))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(state, f"/news/{series}.html"))
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as out:
            out.write(str(server.server_address[1]))
        os.replace(args.port_file + ".tmp", args.port_file)
    # A parent may have left SIGTERM/SIGINT blocked (processes spawned from a multithreaded test
    # runner inherit its signal mask); unblock them so that the demo can stop the server.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()


if __name__ == "__main__":
    main()
