#!/usr/bin/env python3
"""Build the benchmark inputs from the shared corpus (never committed: derived from it).

    python3 make_inputs.py CORPUS OUT

OUT/pairs/<size>/{old,new}.txt   real revisions: an article's first version and the next one
                                 that differs (an update as an archive sees it); sizes ~500 and
                                 ~2000 words: the article nearest that size; ~20000: articles
                                 concatenated, largest first, until 20,000 words
OUT/pairs/20000-parts/NN/...     the articles of the ~20000 pair, one pair each
OUT/series/<article>/NN.html     each version of a revisions article wrapped in a plain article
                                 page, for the snapshot-ingest workload
OUT/storage.txt                  the longest revisions text, for the 50-version storage workload
OUT/pages.txt                    the extraction pages, one path a line
"""
import glob
import html
import os
import sys


def versions(directory):
    files = glob.glob(os.path.join(directory, "v*.txt"))
    files.sort(key=lambda f: int(os.path.basename(f)[1:-4]))
    return [open(f, encoding="utf-8").read() for f in files]


def words(text):
    return len(text.split())


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    articles = []
    for directory in sorted(glob.glob(os.path.join(corpus, "revisions", "*", "*", ""))):
        texts = versions(directory)
        changed = [t for t in texts[1:] if t != texts[0]]
        if changed:
            articles.append((directory, texts, changed[0]))

    def write_pair(name, old, new):
        folder = os.path.join(out, "pairs", name)
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, "old.txt"), "w", encoding="utf-8").write(old)
        open(os.path.join(folder, "new.txt"), "w", encoding="utf-8").write(new)

    for target in (500, 2000):
        directory, texts, update = min(articles, key=lambda a: (abs(words(a[1][0]) - target), a[0]))
        write_pair(str(target), texts[0], update)
    old_parts, new_parts = [], []
    for directory, texts, update in sorted(articles, key=lambda a: (-words(a[1][0]), a[0])):
        if sum(map(words, old_parts)) >= 20000:
            break
        old_parts.append(texts[0].strip())
        new_parts.append(update.strip())
    write_pair("20000", "\n\n".join(old_parts) + "\n", "\n\n".join(new_parts) + "\n")
    # The same articles one pair each: diffed one by one, they show what the large pair costs
    # as the sum of its parts (same text, same changes), apart from its size.
    for number, (old, new) in enumerate(zip(old_parts, new_parts), 1):
        write_pair(os.path.join("20000-parts", "%02d" % number), old + "\n", new + "\n")

    # Ingest series: every revisions article with at least two versions, as simple article pages.
    for directory, texts, _ in articles:
        name = os.path.basename(os.path.dirname(directory))
        folder = os.path.join(out, "series", name[:60])
        os.makedirs(folder, exist_ok=True)
        for number, text in enumerate(texts, 1):
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            title = html.escape(name.replace("-", " "))
            body = "\n".join("<p>%s</p>" % html.escape(p) for p in paragraphs)
            page = (
                "<!doctype html><html><head><meta charset='utf-8'><title>%s</title></head><body>"
                "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
                "<article><h1>%s</h1>\n%s\n</article><footer>Contact us</footer></body></html>\n" % (title, title, body)
            )
            open(os.path.join(folder, "%02d.html" % number), "w", encoding="utf-8").write(page)

    longest = max(articles, key=lambda a: words(a[1][0]))
    open(os.path.join(out, "storage.txt"), "w", encoding="utf-8").write(longest[1][0])

    pages = sorted(glob.glob(os.path.join(corpus, "extraction", "*", "*", "source.html")))
    open(os.path.join(out, "pages.txt"), "w").write("\n".join(pages) + "\n")


if __name__ == "__main__":
    main()
