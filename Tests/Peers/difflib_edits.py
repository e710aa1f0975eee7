#!/usr/bin/env python3
"""Baseline for `stet eval edits`: a difflib sentence matcher with regular expressions for quotes,
speakers, figures and update notes — what a careful user of the peers (NewsDiffs, diffengine,
the NewsEdits matcher) could bolt on. Its answers are written in the `stet.diff/1` shape and scored
by stet's own scorer, so both sides are measured the same way:

    stet eval edits ../shared/corpus/revisions --seed 7 --export /tmp/edits
    python3 Tests/Peers/difflib_edits.py /tmp/edits
    stet eval edits ../shared/corpus/revisions --seed 7 --score-answers /tmp/edits

The matcher (as in Tests/Peers/difflib_revisions.py and the benchmark's peer): a naive regex
sentence splitter over each paragraph, difflib.SequenceMatcher over whitespace-normalized
sentences; inside a replaced block, sentences are paired greedily by word-level ratio >= 0.5
(NewsEdits pairs sentences the same way); a deleted sentence whose ratio with an inserted one
elsewhere is >= 0.8 is a move. Sentences are compared with whitespace and typographic quotes normalized. A pair is minor when
its lowercased words are equal or differ only by typos (same length give or take a letter,
character ratio >= 0.75).

Facets by regular expressions on each change's two sides:
- quotes: text between straight or curly double quotes; added / removed by comparing the quote
  texts of the two sides, edited when a quote's words overlap one on the other side by >= 0.5 or
  when the same quote has another speaker; the speaker is the name next to "said"/"says"/"told"
  (either order), or "X said:" before the quote;
- figures: numbers (not parts of dates, times or words, and not in update notes) with a qualifier ("at least", "more than", "nearly", …) and a unit ("%",
  "percent", "million", …), paired in order of appearance when a sentence changes;
- notes: an added sentence starting with "Update", "Updated", "Correction" or "Editor's note".
"""
import difflib
import json
import pathlib
import re
import sys

SPLIT = re.compile(r"(?<=[.!?][\"”’])\s+(?=[\"“‘A-Z])|(?<=[.!?])\s+(?=[\"“‘A-Z])")
WORD = re.compile(r"\w+")
QUOTE = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
QUALIFIER = r"(?:(?:at least|more than|fewer than|less than|nearly|almost|about|around|roughly|over|under|up to|some)\s+)?"
FIGURE = re.compile(
    r"(?<![\w/:.])" + QUALIFIER + r"[$€£]?\d+(?:,\d{3})*(?:\.\d+)?(?![\w/:])(?:\s*(?:%|percent|per cent|million|billion|thousand|trillion))?",
    re.IGNORECASE)
NAME = r"((?:[A-Z][\w.'’-]*|of|the|for|a|an)(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|a|an))*)"
SPEAKER_AFTER = re.compile(r"(?:said|says|told|added)\s+" + NAME)
SPEAKER_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*|[Aa]n?|[Tt]he)(?:\s+[\w.'’-]+){0,5}?)\s+(?:said|says|told|added)\b")
NOTE = re.compile(r"^\s*(update|updated|correction|editor['’]s note)\b", re.IGNORECASE)


def norm(s):
    return " ".join(s.split())


def key(s):
    """The comparison key: whitespace and typographic quotes normalized."""
    return norm(s).translate(str.maketrans("“”‘’", "\"\"''"))


def words(s):
    return WORD.findall(s.lower())


def ratio(a, b):
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def sentences(text):
    result = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = norm(paragraph)
        if not paragraph:
            continue
        start = 0
        for m in SPLIT.finditer(paragraph):
            result.append(paragraph[start:m.start()])
            start = m.end()
        result.append(paragraph[start:])
    return [s for s in result if s.strip()]


def quotes(sentence):
    return [q.strip().rstrip(",.!?").strip() for q in QUOTE.findall(sentence)]


def speaker(sentence):
    outside = QUOTE.sub(" ", sentence)
    m = SPEAKER_AFTER.search(outside) or SPEAKER_BEFORE.search(outside)
    return m.group(1).strip() if m else None


def quote_facets(old_sents, new_sents):
    old_q = [(q, speaker(s)) for s in old_sents for q in quotes(s)]
    new_q = [(q, speaker(s)) for s in new_sents for q in quotes(s)]
    facets, used = [], set()
    for q, who in new_q:
        match = next((k for k, (o, _) in enumerate(old_q) if k not in used and key(o) == key(q)), None)
        if match is not None:
            used.add(match)
            if old_q[match][1] != who:
                facets.append({"type": "quote", "change": "edited", "old": old_q[match][0], "new": q, "speaker": who})
            continue
        match = next((k for k, (o, _) in enumerate(old_q) if k not in used and ratio(o, q) >= 0.5), None)
        if match is not None:
            used.add(match)
            facets.append({"type": "quote", "change": "edited", "old": old_q[match][0], "new": q, "speaker": who})
        else:
            facets.append({"type": "quote", "change": "added", "old": None, "new": q, "speaker": who})
    for k, (o, who) in enumerate(old_q):
        if k not in used:
            facets.append({"type": "quote", "change": "removed", "old": o, "new": None, "speaker": who})
    return facets


def figure_facets(old_sents, new_sents):
    # Dates and times in update notes are not figures.
    old_f = [m.group(0) for s in old_sents if not NOTE.match(s) for m in FIGURE.finditer(s)]
    new_f = [m.group(0) for s in new_sents if not NOTE.match(s) for m in FIGURE.finditer(s)]
    # Figures present on both sides (same text) are unchanged.
    for f in list(old_f):
        if f in new_f:
            old_f.remove(f)
            new_f.remove(f)
    facets = []
    for o, n in zip(old_f, new_f):
        facets.append({"type": "figure", "change": "changed", "old": o, "new": n, "subject": None})
    for o in old_f[len(new_f):]:
        facets.append({"type": "figure", "change": "removed", "old": o, "new": None, "subject": None})
    for n in new_f[len(old_f):]:
        facets.append({"type": "figure", "change": "added", "old": None, "new": n, "subject": None})
    return facets


def note_facets(new_sents, added):
    if not added:
        return []
    facets = []
    for s in new_sents:
        m = NOTE.match(s)
        if m:
            kind = "correction" if m.group(1).lower() == "correction" else ("editorsNote" if "note" in m.group(1).lower() else "update")
            facets.append({"type": "note", "change": "added", "kind": kind, "old": None, "new": s})
    return facets


def only_spelling(a, b):
    """Minor: the same words up to case and punctuation, or words that differ only by a typo
    (same length give or take one letter, character ratio >= 0.75)."""
    x, y = words(a), words(b)
    if len(x) != len(y):
        return False
    return all(p == q or (abs(len(p) - len(q)) <= 1 and difflib.SequenceMatcher(None, p, q).ratio() >= 0.75)
               for p, q in zip(x, y))


def change(kind, old_idx, new_idx, old, new):
    o = [old[i] for i in old_idx]
    n = [new[j] for j in new_idx]
    significance = "minor" if kind in ("edited", "moved") and only_spelling(" ".join(o), " ".join(n)) else "substantive"
    facets = quote_facets(o, n) + figure_facets(o, n) + note_facets(n, kind == "added")
    return {"kind": kind, "old": old_idx, "new": new_idx, "significance": significance, "facets": facets}


def diff(old_text, new_text):
    old, new = sentences(old_text), sentences(new_text)
    matcher = difflib.SequenceMatcher(None, [key(s) for s in old], [key(s) for s in new], autojunk=False)
    pairs, deleted, inserted = [], [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        # Pair inside the block greedily by word-level ratio.
        for i in list(olds):
            best = max(news, key=lambda j: ratio(old[i], new[j]), default=None)
            if best is not None and ratio(old[i], new[best]) >= 0.5:
                pairs.append(("edited", [i], [best]))
                olds.remove(i)
                news.remove(best)
        deleted += olds
        inserted += news
    # Moves: a deleted sentence that reappears (nearly) unchanged elsewhere.
    for i in list(deleted):
        best = max(inserted, key=lambda j: ratio(old[i], new[j]), default=None)
        if best is not None and ratio(old[i], new[best]) >= 0.8:
            pairs.append(("moved", [i], [best]))
            deleted.remove(i)
            inserted.remove(best)
    changes = [change(kind, o, n, old, new) for kind, o, n in pairs]
    changes += [change("removed", [i], [], old, new) for i in deleted]
    changes += [change("added", [], [j], old, new) for j in inserted]
    changes.sort(key=lambda c: (c["new"] or [len(new)])[0])
    return {"schema": "stet.diff/1", "sentences": {"old": old, "new": new}, "changes": changes, "summary": ""}


def main(folder):
    cases = sorted(p for p in pathlib.Path(folder).iterdir() if p.is_dir())
    for case in cases:
        old = (case / "old.txt").read_text()
        for name, answer in (("new.txt", "diff.json"), ("control.txt", "control.json")):
            result = diff(old, (case / name).read_text())
            (case / answer).write_text(json.dumps(result, ensure_ascii=False))
    print(f"answered {len(cases)} cases in {folder}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: difflib_edits.py FOLDER (made by `stet eval edits DIR --export FOLDER`)")
    main(sys.argv[1])
