#!/usr/bin/env python3
"""The peers of `make bench`, each timed in this process (median of repeated runs, warm-ups
excluded), printing one JSON object a line like `stet-bench` does.

    peers.py diff OLD NEW LABEL          difflib sentence matcher, NewsEdits' ndiff sentence diff,
                                         diff-match-patch (C++)
    peers.py extract PAGES.txt           trafilatura, readability-lxml, per page
    peers.py ingest SERIES_DIR WORKDIR   a diffengine-style pipeline: readability extraction,
                                         difflib sentence diff, text file + SQLite row, git commit
"""
import difflib
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import warnings

warnings.filterwarnings("ignore")


def measure(body, warmups=5, runs=30, budget=1.0):
    for _ in range(warmups):
        body()
    samples = []
    start = time.perf_counter()
    while True:
        before = time.perf_counter()
        body()
        samples.append((time.perf_counter() - before) * 1000)
        if len(samples) >= runs and (time.perf_counter() - start >= budget or len(samples) >= runs * 100):
            break
    samples.sort()
    n = len(samples)
    return samples[n // 2] if n % 2 else (samples[n // 2 - 1] + samples[n // 2]) / 2


def emit(**fields):
    print(json.dumps(fields, sort_keys=True), flush=True)


SENTENCE_END = re.compile(r"(?<=[.!?\"'”’)])\s+(?=[\"'“‘(]?[A-Z0-9])")


def sentences(text):
    out = []
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            out.extend(s for s in SENTENCE_END.split(paragraph) if s)
    return out


def difflib_sentence_diff(old, new):
    """NewsEdits-style: difflib over sentences, then the sentences of each replaced block paired
    by difflib word similarity (greedy, best ratio first)."""
    a, b = sentences(old), sentences(new)
    pairs = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        scored = []
        for i in range(i1, i2):
            wi = a[i].split()
            for j in range(j1, j2):
                scored.append((difflib.SequenceMatcher(None, wi, b[j].split(), autojunk=False).ratio(), i, j))
        scored.sort(reverse=True)
        used_i, used_j = set(), set()
        for ratio, i, j in scored:
            if ratio >= 0.5 and i not in used_i and j not in used_j:
                used_i.add(i)
                used_j.add(j)
                pairs.append((i, j, ratio))
    return pairs


def newsedits_list_diff(old, new):
    """The sentence diff of the NewsEdits pipeline (isi-nlp/NewsEdits, get_list_diff), written
    here from its description: `difflib.ndiff` over the two sentence lists, then each removed
    sentence is taken as edited into the added one right after it when ndiff flagged the pair with
    a `?` hint line or their words' `SequenceMatcher` ratio is above 0.8; everything else is added or
    removed. (NewsEdits splits sentences and words with spaCy, which needs a model download: the
    regex splitter above and whitespace words stand in for it.)"""
    lines = list(difflib.ndiff(sentences(old), sentences(new)))
    edited, added, removed = [], [], []
    k = 0
    while k < len(lines):
        tag, text = lines[k][0], lines[k][2:]
        if tag == "-":
            hinted = (k + 1 < len(lines) and lines[k + 1][0] == "?") or (
                k + 2 < len(lines) and lines[k + 2][0] == "?" and lines[k + 1][0] != "-")
            following = [m for m in range(k + 1, min(k + 3, len(lines))) if lines[m][0] == "+"]
            if following and (hinted or difflib.SequenceMatcher(None, text.split(), lines[following[0]][2:].split()).ratio() > 0.8):
                edited.append((text, lines[following[0]][2:]))
                k = following[0] + 1
                continue
            removed.append(text)
        elif tag == "+":
            added.append(text)
        k += 1
    return edited, added, removed


def diff_peers(old_path, new_path, label):
    old = open(old_path, encoding="utf-8").read()
    new = open(new_path, encoding="utf-8").read()
    n = len(old.split())
    emit(workload="diff", label=label, words=n, peer="difflib sentence matcher",
         median_ms=measure(lambda: difflib_sentence_diff(old, new)))
    emit(workload="diff", label=label, words=n, peer="NewsEdits sentence diff (difflib.ndiff)",
         median_ms=measure(lambda: newsedits_list_diff(old, new)))
    import fast_diff_match_patch as dmp
    emit(workload="diff", label=label, words=n, peer="diff-match-patch (C++)",
         median_ms=measure(lambda: dmp.diff(old, new, timelimit=0, checklines=False)))


def extract_peers(list_path):
    import trafilatura
    from readability import Document
    pages = [p for p in open(list_path).read().split("\n") if p]
    for page in pages:
        raw = open(page, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")

        def run_trafilatura():
            trafilatura.extract(text, include_comments=False)

        def run_readability():
            try:
                Document(text).summary()
            except Exception:
                pass

        emit(workload="extract", page=page, bytes=len(raw), peer="trafilatura",
             median_ms=measure(run_trafilatura, warmups=2, runs=5, budget=0))
        emit(workload="extract", page=page, bytes=len(raw), peer="readability-lxml",
             median_ms=measure(run_readability, warmups=2, runs=5, budget=0))


def ingest_peer(series_dir, workdir):
    """diffengine's loop for one page: extract with readability, compare with the last stored
    text, and when it changed write the text, a SQLite row with the diff, and a git commit."""
    from readability import Document
    import lxml.html
    os.makedirs(workdir, exist_ok=True)
    subprocess.run(["git", "init", "-q", workdir], check=True)
    db = sqlite3.connect(os.path.join(workdir, "index.sqlite"))
    db.execute("create table if not exists versions (article text, n integer, summary text)")
    captures = []
    for name in sorted(os.listdir(series_dir)):
        folder = os.path.join(series_dir, name)
        for page in sorted(os.listdir(folder)):
            captures.append((name, open(os.path.join(folder, page), encoding="utf-8").read()))
    last = {}
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="b@localhost",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="b@localhost")
    import resource

    def cpu():
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    start = time.perf_counter()
    cpu_start = cpu()
    for name, page in captures:
        summary = Document(page).summary()
        text = lxml.html.fromstring(summary).text_content()
        previous = last.get(name)
        if previous == text:
            continue
        pairs = difflib_sentence_diff(previous or "", text)
        last[name] = text
        path = os.path.join(workdir, name + ".txt")
        open(path, "w", encoding="utf-8").write(text)
        db.execute("insert into versions values (?, ?, ?)", (name, 0, "%d edits" % len(pairs)))
        db.commit()
        subprocess.run(["git", "-C", workdir, "add", name + ".txt"], check=True, env=env)
        subprocess.run(["git", "-C", workdir, "commit", "-q", "-m", name], check=True, env=env)
    seconds = time.perf_counter() - start
    emit(workload="ingest", peer="diffengine-style (readability + difflib + sqlite + git)",
         snapshots=len(captures), median_per_second=len(captures) / seconds,
         median_per_cpu_second=len(captures) / (cpu() - cpu_start))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "diff":
        diff_peers(*sys.argv[2:5])
    elif command == "extract":
        extract_peers(sys.argv[2])
    elif command == "ingest":
        ingest_peer(sys.argv[2], sys.argv[3])
    else:
        sys.exit("unknown command " + command)
