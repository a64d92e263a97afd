"""Replaces one marked part of bench/RESULTS.md (between its BEGIN and END marker lines), or
appends it when the file has none yet, so each bench script rewrites only its own part."""
import os


def replace_section(results, begin, end, lines):
    section = "\n".join([begin, *lines, end]) + "\n"
    text = open(results).read() if os.path.exists(results) else ""
    if begin in text and end in text:
        text = text[:text.index(begin)] + section + text[text.index(end) + len(end) + 1:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    open(results, "w").write(text)
