#!/usr/bin/env python3
# test_links - the README and the pages of docs/: every relative link names a
# file that exists, every #anchor into a Markdown file names one of its
# headings, and the README stays short.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# usage: cd tests/docs && python3 -m unittest test_links -v

import pathlib
import re
import unittest
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[2]
README_MAX_LINES = 250

# [text](target) and ![alt](target); the target may be <wrapped> and may be
# followed by a "title".
INLINE_LINK = re.compile(r'!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\s*\)')
# [label]: target, a reference definition on a line of its own.
REFERENCE = re.compile(r'^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)', re.MULTILINE)
FENCE = re.compile(r'^ {0,3}(`{3,}|~{3,})')
HEADING = re.compile(r'^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$')
EXTERNAL = re.compile(r'^(https?:|mailto:)', re.IGNORECASE)


def pages():
    """README.md and every Markdown page of docs/."""
    return [ROOT / 'README.md'] + sorted((ROOT / 'docs').glob('*.md'))


def prose_lines(text):
    """The lines of text outside fenced code blocks, as (number, line)."""
    fence = None
    for number, line in enumerate(text.split('\n'), 1):
        m = FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
                continue
            yield number, line
        elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                and not line.strip()[len(m.group(1)):].strip():
            fence = None


def without_code_spans(line):
    """The line with its `code spans` blanked out."""
    return re.sub(r'(`+)(.+?)\1', lambda m: ' ' * len(m.group(0)), line)


def slug(heading):
    """GitHub's anchor for a heading: lowercase, punctuation but '-' and '_'
    removed, spaces to '-'."""
    text = re.sub(r'!?\[([^\]]*)\]\([^)]*\)', r'\1', heading)  # a link's text
    text = text.lower()
    text = re.sub(r'[^\w\- ]', '', text)
    return text.replace(' ', '-')


def anchors(path):
    """Every heading anchor of a Markdown file, with GitHub's -1, -2, ...
    for repeated headings."""
    seen = {}
    result = set()
    for _, line in prose_lines(path.read_text(encoding='utf-8')):
        m = HEADING.match(line)
        if not m:
            continue
        base = slug(m.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else '%s-%d' % (base, count))
    return result


def links(path):
    """Every link target of a Markdown file, as (line number, target)."""
    text = path.read_text(encoding='utf-8')
    found = []
    kept = []
    for number, line in prose_lines(text):
        line = without_code_spans(line)
        kept.append(line)
        for m in INLINE_LINK.finditer(line):
            found.append((number, m.group(1)))
    for m in REFERENCE.finditer('\n'.join(kept)):
        found.append((None, m.group(1)))
    return [(n, t[1:-1] if t.startswith('<') and t.endswith('>') else t) for n, t in found]


class Links(unittest.TestCase):

    def test_pages_found(self):
        names = [p.name for p in pages()]
        self.assertIn('README.md', names)
        self.assertGreater(len(names), 1, 'no Markdown page in docs/')

    def test_relative_links_exist(self):
        checked = 0
        for page in pages():
            for number, target in links(page):
                if not target or EXTERNAL.match(target) or target.startswith('#'):
                    continue
                where = '%s:%s' % (page.relative_to(ROOT), number or '?')
                path = urllib.parse.unquote(target.split('#', 1)[0])
                with self.subTest(link=target, page=where):
                    self.assertTrue((page.parent / path).exists(),
                                    '%s: %s does not exist' % (where, target))
                checked += 1
        self.assertGreater(checked, 0, 'no relative link found at all')

    def test_anchors_exist(self):
        for page in pages():
            for number, target in links(page):
                if not target or EXTERNAL.match(target) or '#' not in target:
                    continue
                path, anchor = target.split('#', 1)
                file = page if not path else page.parent / urllib.parse.unquote(path)
                if file.suffix.lower() != '.md' or not file.is_file():
                    continue
                where = '%s:%s' % (page.relative_to(ROOT), number or '?')
                with self.subTest(link=target, page=where):
                    self.assertIn(urllib.parse.unquote(anchor).lower(), anchors(file),
                                  '%s: no heading "#%s" in %s'
                                  % (where, anchor, file.relative_to(ROOT)))

    def test_readme_short(self):
        lines = (ROOT / 'README.md').read_text(encoding='utf-8').splitlines()
        self.assertLessEqual(len(lines), README_MAX_LINES,
                             'README.md has %d lines, at most %d are allowed'
                             % (len(lines), README_MAX_LINES))


class Slugs(unittest.TestCase):
    """The anchor rule itself, on headings of the kinds these pages use."""

    def test_slug(self):
        self.assertEqual(slug('Which side is the service'), 'which-side-is-the-service')
        self.assertEqual(slug('From a package (Debian 12, 13 and testing)'),
                         'from-a-package-debian-12-13-and-testing')
        self.assertEqual(slug("IANA's three forms"), 'ianas-three-forms')
        self.assertEqual(slug('The `iana_local_ports` file'), 'the-iana_local_ports-file')
        self.assertEqual(slug('Wireshark 5.0'), 'wireshark-50')


if __name__ == '__main__':
    unittest.main()
