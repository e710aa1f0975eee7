#!/usr/bin/env python3
"""`make bench`: run stet's in-process benchmarks and the peers in the same run, print one table.

    run_bench.py --stet .build/release/stet --bench .build/release/stet-bench \
                 --python .venv-bench/bin/python --corpus ../shared/corpus --work .bench \
                 [--archives 1000,10000] [--only diff,extract,ingest,archive,storage]

Every figure is a median over repeated runs after uncounted warm-ups; a ratio is peer / stet,
both measured in this run (the machine is shared and noisy, so figures from different runs are
not compared). In-process figures (library calls, no start-up) and whole-command figures (a new
process each run, start-up included) are reported in separate rows. Writes WORK/results.json and
WORK/results.md (the table, the machine and the date).
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_json(command, **kwargs):
    output = subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def time_process(command, warmups=3, runs=15, allowed_status=(0,)):
    """Median wall time of a whole process (start-up included), in ms."""
    def once():
        start = time.perf_counter()
        status = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        if status not in allowed_status:
            raise SystemExit("%s exited with %d" % (" ".join(command), status))
        return (time.perf_counter() - start) * 1000
    for _ in range(warmups):
        once()
    return statistics.median(once() for _ in range(runs))


class Table:
    def __init__(self):
        self.rows = []

    def add(self, workload, size, stet, peer=None, peer_value=None, unit="ms", higher_is_better=False, note=""):
        if peer_value is None or stet in (None, 0):
            ratio = None
        else:
            ratio = stet / peer_value if higher_is_better else peer_value / stet
        self.rows.append(dict(workload=workload, size=size, stet=stet, peer=peer or "–", peer_value=peer_value,
                              unit=unit, ratio=ratio, note=note))
        print(self.format_row(self.rows[-1]), flush=True)

    @staticmethod
    def ratio(value):
        if value is None:
            return "–"
        return "%.3f×" % value if value < 0.1 else ("%.2f×" % value if value < 1 else "%.1f×" % value)

    @staticmethod
    def number(value, unit):
        if value is None:
            return "–"
        if unit == "ms":
            return "%.3f ms" % value if value < 1 else ("%.2f ms" % value if value < 100 else "%.0f ms" % value)
        if unit == "%":
            return "%.1f %%" % value
        return "%.0f %s" % (value, unit)

    def format_row(self, row):
        ratio = Table.ratio(row["ratio"])
        return "| %s | %s | %s | %s | %s | %s |%s" % (
            row["workload"], row["size"], self.number(row["stet"], row["unit"]), row["peer"],
            self.number(row["peer_value"], row["unit"]), ratio, (" " + row["note"]) if row["note"] else "")

    def markdown(self):
        lines = ["| workload | size | stet median | peer | peer median | ratio (peer / stet) |",
                 "|---|---|---|---|---|---|"]
        lines += ["| %s | %s | %s | %s | %s | %s |" % (
                      r["workload"] + ((" (" + r["note"] + ")") if r["note"] else ""), r["size"],
                      self.number(r["stet"], r["unit"]), r["peer"], self.number(r["peer_value"], r["unit"]),
                      Table.ratio(r["ratio"])) for r in self.rows]
        return "\n".join(lines)


def machine():
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return "%s, %d cores visible, %s %s, Python %s" % (
        model, os.cpu_count() or 0, platform.system(), platform.release(), platform.python_version())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stet", required=True)
    parser.add_argument("--bench", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--archives", default="1000,10000")
    parser.add_argument("--only", default="diff,extract,ingest,archive,storage")
    args = parser.parse_args()
    only = set(args.only.split(","))
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_inputs.py"), args.corpus, work], check=True)
    peers = [args.python, os.path.join(HERE, "peers.py")]
    table = Table()
    started = datetime.datetime.now(datetime.timezone.utc)
    print("| workload | size | stet median | peer | peer median | ratio (peer / stet) |")

    if "diff" in only:
        for size in ("500", "2000", "20000"):
            old, new = (os.path.join(work, "pairs", size, name) for name in ("old.txt", "new.txt"))
            stet = run_json([args.bench, "diff", old, new, "--label", size])[0]
            label = "%d words" % stet["words"]
            for peer in run_json(peers + ["diff", old, new, size]):
                table.add("semantic diff, in-process", label, stet["median_ms"], peer["peer"], peer["median_ms"])
            if size == "20000":
                # An old version this large is compared on two threads (DiffConfiguration.parallelBytes);
                # the same diff on one thread, for comparison.
                single = run_json([args.bench, "diff", old, new, "--label", size, "--no-render", "--parallel-bytes", "0"])[0]
                table.add("semantic diff, in-process, on one thread", label, single["median_ms"])
            table.add("terminal rendering of that diff, in-process", label, stet["render_median_ms"])
            stet_process = time_process([args.stet, "diff", "--files", old, new, "--color", "never"])
            # git diff exits 1 when the files differ.
            git_process = time_process(["git", "diff", "--no-index", "--word-diff", old, new], allowed_status=(0, 1))
            table.add("diff, whole command", label, stet_process, "git diff --no-index --word-diff", git_process)
        # The ~20,000-word pair's articles, each diffed on its own: the sum of their medians beside
        # the whole pair's tells size (the concatenation) from content (their changes).
        parts_dir = os.path.join(work, "pairs", "20000-parts")
        parts = [run_json([args.bench, "diff", os.path.join(parts_dir, d, "old.txt"), os.path.join(parts_dir, d, "new.txt"),
                           "--no-render", "--label", d])[0] for d in sorted(os.listdir(parts_dir))]
        table.add("semantic diff, in-process, the ~20,000-word pair's articles one by one (sum of medians)",
                  "%d words, %d pairs, %d changes" % (sum(p["words"] for p in parts), len(parts), sum(p["changes"] for p in parts)),
                  sum(p["median_ms"] for p in parts))

    if "extract" in only:
        pages_file = os.path.join(work, "pages.txt")
        pages = [p for p in open(pages_file).read().split("\n") if p]
        stet = {r["page"]: r for r in run_json([args.bench, "extract", "--warmups", "2", "--runs", "5", "--budget", "0"] + pages)}
        peer_rows = run_json(peers + ["extract", pages_file])
        by_peer = {}
        for row in peer_rows:
            by_peer.setdefault(row["peer"], {})[row["page"]] = row
        stet_median = statistics.median(r["median_ms"] for r in stet.values())
        total_bytes = sum(r["bytes"] for r in stet.values())
        stet_per_100k = sum(r["median_ms"] for r in stet.values()) / total_bytes * 100_000
        largest = max(stet.values(), key=lambda r: r["bytes"])
        for peer, rows in sorted(by_peer.items()):
            table.add("extraction, per page (median)", "%d pages" % len(pages), stet_median, peer,
                      statistics.median(r["median_ms"] for r in rows.values()))
            table.add("extraction, per 100 KB", "%.1f MB" % (total_bytes / 1e6), stet_per_100k, peer,
                      sum(r["median_ms"] for r in rows.values()) / total_bytes * 100_000)
            table.add("extraction, largest page", "%.2f MB" % (largest["bytes"] / 1e6), largest["median_ms"], peer,
                      rows[largest["page"]]["median_ms"])

    if "ingest" in only:
        series = os.path.join(work, "series")
        directories = sorted(os.path.join(series, d) for d in os.listdir(series))
        stet = run_json([args.bench, "ingest", "--archive", os.path.join(work, "ingest.git")] + directories)[0]
        peer_dir = os.path.join(work, "ingest-peer")
        shutil.rmtree(peer_dir, ignore_errors=True)
        peer = run_json(peers + ["ingest", series, peer_dir])[0]
        shutil.rmtree(peer_dir, ignore_errors=True)
        table.add("snapshot ingest (extract + diff + commit + index), wall clock", "%d pages" % stet["snapshots"],
                  stet["median_per_second"], peer["peer"], peer["median_per_second"], unit="snapshots/s",
                  higher_is_better=True)
        table.add("snapshot ingest, per CPU second", "%d pages" % stet["snapshots"],
                  stet["median_per_cpu_second"], peer["peer"], peer["median_per_cpu_second"], unit="snapshots/s",
                  higher_is_better=True)
        # The same captures, one Archive.snapshot(batch:) per series (one pack, one transaction).
        batched = run_json([args.bench, "ingest", "--batch", "--archive", os.path.join(work, "ingest.git")] + directories)[0]
        table.add("snapshot ingest, one batch per series, wall clock", "%d pages" % batched["snapshots"],
                  batched["median_per_second"], peer["peer"], peer["median_per_second"], unit="snapshots/s",
                  higher_is_better=True)
        # A bulk import: batches of 100 captures in capture order, across articles.
        bulk = run_json([args.bench, "ingest", "--batch-size", "100", "--archive", os.path.join(work, "ingest.git")] + directories)[0]
        table.add("snapshot ingest, batches of 100 captures, wall clock", "%d pages" % bulk["snapshots"],
                  bulk["median_per_second"], peer["peer"], peer["median_per_second"], unit="snapshots/s",
                  higher_is_better=True)
        table.add("snapshot ingest, batches of 100 captures, per CPU second", "%d pages" % bulk["snapshots"],
                  bulk["median_per_cpu_second"], peer["peer"], peer["median_per_cpu_second"], unit="snapshots/s",
                  higher_is_better=True)

    if "archive" in only:
        for size in [int(s) for s in args.archives.split(",") if s]:
            archive = os.path.join(work, "archive-%d.git" % size)
            if not os.path.exists(os.path.join(archive, "index.sqlite")):
                shutil.rmtree(archive, ignore_errors=True)
                subprocess.run([args.stet, "debug", "generate-archive", "--articles", str(size), "--versions", "10",
                                "--archive", archive, "--quiet"], check=True)
            article = "synthetic.example/news-%d-story-%d" % ((size // 2) // 1000, size // 2)
            ref = "refs/heads/articles/" + article
            base = [args.stet]
            where = ["--archive", archive]
            label = "%dk articles × 10" % (size // 1000) if size >= 1000 else "%d articles × 10" % size
            table.add("stet log, whole command", label, time_process(base + ["log"] + where + [article]),
                      "git log", time_process(["git", "--git-dir", archive, "log", ref]))
            table.add("stet diff latest~1 latest, whole command", label,
                      time_process(base + ["diff"] + where + [article, "latest~1", "latest", "--color", "never"]),
                      "git diff", time_process(["git", "--git-dir", archive, "diff", ref + "~1", ref]))
            table.add("stet list, whole command", label, time_process(base + ["list"] + where, warmups=1, runs=5))
            for row in run_json([args.bench, "archive", archive, article]):
                table.add(row["workload"].replace("archive-", "Archive.") + ", in-process", label, row["median_ms"])

    if "storage" in only:
        row = run_json([args.bench, "storage", os.path.join(work, "storage.txt"),
                        "--archive", os.path.join(work, "storage.git")])[0]
        table.add("storage after gc, % of stored file bytes", "%d versions" % row["versions"],
                  100 * row["objects_bytes_after"] / row["stored_file_bytes"], unit="%",
                  note="%d → %d bytes" % (row["stored_file_bytes"], row["objects_bytes_after"]))
        table.add("storage after gc, % of text bytes", "%d versions" % row["versions"],
                  100 * row["objects_bytes_after"] / row["text_bytes"], unit="%",
                  note="%d text bytes" % row["text_bytes"])
        table.add("storage before gc (loose), % of stored file bytes", "%d versions" % row["versions"],
                  100 * row["objects_bytes_before"] / row["stored_file_bytes"], unit="%")

    header = "Machine: %s. Date: %s." % (machine(), started.strftime("%Y-%m-%d %H:%M UTC"))
    print(header)
    result = dict(machine=machine(), date=started.isoformat(), rows=table.rows)
    json.dump(result, open(os.path.join(work, "results.json"), "w"), indent=1)
    open(os.path.join(work, "results.md"), "w").write(header + "\n\n" + table.markdown() + "\n")


if __name__ == "__main__":
    main()
