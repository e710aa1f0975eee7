#!/usr/bin/env python3
"""Run the peer extractors (trafilatura, readability-lxml, newspaper4k) over the extraction corpus.

Usage (inside a virtualenv created from PyPI, never part of the Swift build):

    python3 -m venv .venv && .venv/bin/pip install trafilatura readability-lxml newspaper4k lxml_html_clean
    .venv/bin/python Tests/Peers/extraction/run_peers.py ../shared/corpus/extraction peers.json

Writes {"tools": {tool: {"<source>/<case>": {"text", "title", "byline", "error", "milliseconds", "cpuMilliseconds"}}}}
(wall-clock and CPU time of the extraction call).
Scoring is done by `stet eval extraction DIR --peers peers.json`, with the same code for every tool.
"""
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")


def decode(raw):
    for encoding in ("utf-8",):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return raw.decode("cp1252", errors="replace")


def run_trafilatura(html, url):
    import trafilatura
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True, favor_precision=False)
    meta = trafilatura.extract_metadata(html, default_url=url)
    return text, (meta.title if meta else None), (meta.author if meta else None)


def run_readability(html, url):
    from readability import Document
    import lxml.html
    doc = Document(html, url=url)
    summary = doc.summary(html_partial=True)
    text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return text, doc.short_title(), None


def run_newspaper(html, url):
    import newspaper
    article = newspaper.Article(url or "http://example.com/")
    article.download(input_html=html)
    article.parse()
    return article.text, article.title, ", ".join(article.authors) or None


TOOLS = {"trafilatura": run_trafilatura, "readability-lxml": run_readability, "newspaper4k": run_newspaper}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: run_peers.py CORPUS_EXTRACTION_DIR OUTPUT.json")
    corpus, output = sys.argv[1], sys.argv[2]
    results = {tool: {} for tool in TOOLS}
    for source in ("zyte-aeb", "readability", "trafilatura-eval"):
        source_dir = os.path.join(corpus, source)
        if not os.path.isdir(source_dir):
            continue
        for case in sorted(os.listdir(source_dir)):
            case_dir = os.path.join(source_dir, case)
            path = os.path.join(case_dir, "source.html")
            if not os.path.isfile(path):
                continue
            with open(path, "rb") as handle:
                html = decode(handle.read())
            url = None
            meta_path = os.path.join(case_dir, "meta.json")
            if os.path.isfile(meta_path):
                with open(meta_path, encoding="utf-8") as handle:
                    url = json.load(handle).get("url")
            for tool, function in TOOLS.items():
                start = time.perf_counter()
                cpu_start = time.process_time()
                entry = {"text": None, "title": None, "byline": None, "error": None}
                try:
                    text, title, byline = function(html, url)
                    entry.update(text=text, title=title, byline=byline)
                except Exception as error:  # a peer failing on a page is a result, not a crash
                    entry["error"] = f"{type(error).__name__}: {error}"
                entry["milliseconds"] = (time.perf_counter() - start) * 1000
                entry["cpuMilliseconds"] = (time.process_time() - cpu_start) * 1000
                results[tool][f"{source}/{case}"] = entry
            print(f"{source}/{case}", file=sys.stderr)
    with open(output, "w", encoding="utf-8") as handle:
        json.dump({"tools": results}, handle, ensure_ascii=False)


if __name__ == "__main__":
    main()
