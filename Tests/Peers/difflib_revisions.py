#!/usr/bin/env python3
"""Baseline for `stet eval revisions`: a plain difflib sentence matcher, scored with the same
protocol as StetEval/Revisions/RevisionEvaluation.swift (sentence level, no word-level refinement).

Both versions are cut with a naive regex splitter; difflib.SequenceMatcher runs over
whitespace-normalized sentences. An annotated v1 sentence (sents_char_pos) is "reported changed"
when a v1 sentence of a non-equal opcode overlaps it (false alarms count only deleted/replaced
sentences; an insertion also recalls its two neighbours). Significance: a replace block is minor
when its lowercased word tokens are equal (only case/punctuation changed), else substantive.

Usage: python3 Tests/Peers/difflib_revisions.py ../shared/corpus/revisions
"""
import difflib
import json
import pathlib
import re
import sys


def norm(s):
    return " ".join(s.split())


def words(s):
    return re.findall(r"\w+", s.lower())


SPLIT = re.compile(r"(?<=[.!?][\"”])\s+(?=[\"“A-Z])|(?<=[.!?])\s+(?=[\"“A-Z])")


def split(text):
    """Sentence spans (start, end) of a naive regex splitter."""
    spans, start = [], 0
    for m in SPLIT.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def main(root):
    annotated = recalled = unannotated = false_alarms = scored = agreed = 0
    for annotation_path in sorted(pathlib.Path(root).glob("iterater-*/*/annotation.json")):
        a = json.loads(annotation_path.read_text())
        v1 = (annotation_path.parent / "v1.txt").read_text()
        v1 = v1[:-1] if v1.endswith("\n") else v1
        v2 = (annotation_path.parent / "v2.txt").read_text()
        starts = a["sents_char_pos"]
        if not starts:
            continue
        bounds = list(zip(starts, starts[1:] + [len(v1)]))
        old_spans = split(v1)
        old = [norm(v1[s:e]) for s, e in old_spans]
        new = [norm(v2[s:e]) for s, e in split(v2)]
        intents = [[] for _ in starts]

        def sentence_at(p):
            k = 0
            while k + 1 < len(starts) and starts[k + 1] <= p:
                k += 1
            return k

        for e in a["edit_actions"]:
            first = sentence_at(e["start_char_pos"])
            last = sentence_at(e["end_char_pos"] - 1) if e["end_char_pos"] > e["start_char_pos"] else first
            for k in range(first, max(first, last) + 1):
                intents[k].append(e["major_intent"] or "others")
        changed_spans = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            if tag == "insert":
                # An insertion reports the neighbouring old sentences.
                for i in (i1 - 1, i1):
                    if 0 <= i < len(old):
                        changed_spans.append((old_spans[i], None))
                continue
            minor = tag == "replace" and words(" ".join(old[i1:i2])) == words(" ".join(new[j1:j2]))
            for i in range(i1, i2):
                changed_spans.append((old_spans[i], "minor" if minor else "substantive"))
        changed = {}
        for k, (s0, e0) in enumerate(bounds):
            for (s1, e1), significance in changed_spans:
                if s1 < e0 and s0 < e1:
                    if significance is None:
                        changed.setdefault(k, None)
                        continue
                    changed[k] = "substantive" if "substantive" in (changed.get(k), significance) else "minor"
        for k in range(len(starts)):
            if not intents[k]:
                unannotated += 1
                false_alarms += changed.get(k) is not None
                continue
            annotated += 1
            recalled += k in changed
            if changed.get(k) is None:
                continue
            if "meaning-changed" in intents[k]:
                expected = "substantive"
            elif all(i == "fluency" for i in intents[k]):
                expected = "minor"
            else:
                continue
            scored += 1
            agreed += changed[k] == expected
    print(f"recall: {recalled / annotated:.3f} ({recalled} of {annotated})")
    print(f"false alarms: {100 * false_alarms / unannotated:.3f}% ({false_alarms} of {unannotated})")
    print(f"significance: {agreed / scored:.3f} ({agreed} of {scored})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/revisions")
