"""Find the article inside a scraped page: headline, section, captions, body, byline, dateline and
copyright line, leaving out menus, share links, "related" lists, comment widgets and footers.

The page text is never rewritten: the result is a list of zones, each a span of the text. The
method is that of boilerplate removers such as jusText, adapted to plain text: lines are classed
by their own shape (prose, title, bullet, date, known boilerplate), the body is the largest run
of prose, and the article's other parts are looked for next to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Span, Zone

BULLET = re.compile(r"^[•·▪►▸»*\-–|]\s")
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.I)
BOILERPLATE = re.compile(
    r"^(?:follow us|share(?: this| on)?|tweet|e-?mail|print|comments?|leave a (?:comment|reply)|"
    r"subscribe|sign (?:up|in)|log ?in|register|newsletter|advertisement|sponsored|cookies?|"
    r"privacy(?: policy)?|terms(?: of (?:use|service))?|contact(?: us)?|about(?: us)?|archives?|"
    r"skip to (?:main )?content|read more|related(?: articles| stories| posts)?|what['’]s hot|"
    r"trending(?: now)?|most (?:popular|read|viewed)|recommended(?: for you)?|you may also like|"
    r"more (?:from|stories|news)|latest(?: news)?|tags?:?|donate|support us|home|menu|search|"
    r"logo|top stories|editor['’]s picks|popular|load more|show comments|all rights reserved"
    r")\b",
    re.I,
)
# Headings after which a page lists other articles: everything below is not this article.
LIST_HEADING = re.compile(
    r"^(?:what['’]s hot|related(?: articles| stories| posts| news)?|trending(?: now)?|"
    r"most (?:popular|read|viewed)|recommended(?: for you)?|you may also like|more (?:from|stories|news)|"
    r"top stories|editor['’]s picks|read next|latest(?: news| stories)?)\W*$",
    re.I,
)
# In-body interruptions: the body goes on after them, but they are not part of it.
INTERRUPTION = re.compile(
    r"^(?:advertisement|advert|ad|sponsored(?: content)?|story continues below(?: advertisement)?|"
    r"continue reading(?: below)?|scroll to continue(?: with content)?|article continues below)\W*$",
    re.I,
)
PHOTO_CREDIT = re.compile(r"\((?:[A-Z][\w.&' -]{0,40}\s)?(?:Photo|Pictures?|Image|Images|Photograph)\b[^)]{0,60}\)")
CAPTION_START = re.compile(r"^(?:top photo|photo|image|caption|pictured|file photo|in this\b[^.]{0,80}\bphoto)\b", re.I)
BYLINE_PREFIX = re.compile(r"^by\s+", re.I)
NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’.-]+|[A-Z]\.|[A-Z][a-z]?[A-Z][a-z]+|de|van|von|der|da|al|bin|la|le)$")
SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$|\)$""")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.U)


@dataclass(frozen=True)
class Line:
    index: int
    span: Span  # trimmed content
    text: str

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


def lines_of(text: str) -> list[Line]:
    """Non-empty lines with the spans of their trimmed content (any line end: \\n, \\r\\n, \\r)."""
    out: list[Line] = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        out.append(Line(len(out), Span(start, start + len(stripped)), stripped))
    return out


def lower_ratio(words: Sequence[str]) -> float:
    return sum(w[0].islower() for w in words) / len(words) if words else 0.0


def is_bullet(line: Line) -> bool:
    return BULLET.match(line.text) is not None


def is_boilerplate(line: Line) -> bool:
    return len(line.words) <= 6 and BOILERPLATE.match(line.text.lstrip("•·▪►▸»*-–| ")) is not None


def is_prose(line: Line) -> bool:
    """A line of running text: enough words, mostly lower-case, ending like a sentence."""
    words = line.words
    if is_bullet(line) or len(words) < 4:
        return False
    ends = SENTENCE_END.search(line.text) is not None
    ratio = lower_ratio(words)
    return (len(words) >= 10 and ratio >= 0.35) or (ends and ratio >= 0.4)


def is_title(line: Line) -> bool:
    """A headline-like line: a few words, mostly capitalised or short, no closing full stop."""
    words = line.words
    return (
        3 <= len(words) <= 30
        and not is_bullet(line)
        and not line.text.endswith(".")
        and not is_boilerplate(line)
        and not COPYRIGHT.match(line.text)
    )


def is_name(line: Line) -> bool:
    """A byline: "By Jane Doe", "Jason Ditz", "Jane Doe and John Roe"."""
    text = BYLINE_PREFIX.sub("", line.text)
    if is_bullet(line) or is_boilerplate(line) or any(ch.isdigit() for ch in text):
        return False
    tokens = [t for t in re.split(r"\s+|,\s*", text) if t and t.lower() not in ("and", "&")]
    return 2 <= len(tokens) <= 8 and all(NAME_WORD.match(t) for t in tokens)


def is_date(line: Line) -> bool:
    from ..dates import parse_date

    return len(line.words) <= 10 and parse_date(line.text) is not None


def is_caption(line: Line) -> bool:
    return PHOTO_CREDIT.search(line.text) is not None or CAPTION_START.match(line.text) is not None


def _body_runs(lines: list[Line]) -> list[list[Line]]:
    """Runs of prose lines, bridging short non-boilerplate lines between them."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    gap: list[Line] = []
    for line in lines:
        if is_prose(line):
            current.extend(g for g in gap if not INTERRUPTION.match(g.text))
            current.append(line)
            gap = []
        elif current and INTERRUPTION.match(line.text):
            gap.append(line)
        elif current and len(gap) < 2 and not (
            is_bullet(line) or is_boilerplate(line) or LIST_HEADING.match(line.text) or COPYRIGHT.match(line.text)
        ) and not is_date(line) and not is_name(line):
            gap.append(line)
        else:
            if current:
                runs.append(current)
            current, gap = [], []
    if current:
        runs.append(current)
    return runs


def _weight(run: list[Line]) -> int:
    return sum(len(line.text) for line in run if is_prose(line) and not is_caption(line))


def find_article(text: str) -> list[Zone]:
    """The zones of ``text`` that belong to the article, in text order."""
    lines = lines_of(text)
    if not lines:
        return []
    runs = _body_runs(lines)
    if not runs:
        # No running text at all: treat every non-boilerplate line as the article.
        return [Zone("body", l.span) for l in lines if not (is_bullet(l) or is_boilerplate(l))]
    body = max(runs, key=_weight)
    zones: list[Zone] = []
    if len(body) > 1 and is_title(body[0]) and not SENTENCE_END.search(body[0].text):
        zones.append(Zone("headline", body[0].span))  # a headline run into the body, no gap
        body = body[1:]
    first, last = body[0].index, body[-1].index
    found_headline = bool(zones)
    for line in body:
        zones.append(Zone("caption" if is_caption(line) else "body", line.span))
    zones += _before_body(lines, first, has_headline=found_headline)
    zones += _after_body(lines, last)
    zones.sort(key=lambda z: z.span)
    return zones


def _before_body(lines: list[Line], first: int, has_headline: bool = False) -> list[Zone]:
    """Headline, section, captions, byline and dateline above the body."""
    zones: list[Zone] = []
    headline: Line | None = lines[first - 1] if has_headline else None
    window = lines[max(0, first - 25) : first]
    for line in reversed(window):
        if headline is None and is_date(line):
            zones.append(Zone("dateline", line.span))
        elif headline is None and BYLINE_PREFIX.match(line.text) and is_name(line):
            zones.append(Zone("byline", line.span))
        elif headline is None and is_title(line) and not (is_name(line) and len(line.words) <= 3) \
                and not is_caption(line):
            headline = line
            zones.append(Zone("headline", line.span))
        elif headline is not None and is_caption(line) and is_prose(line):
            zones.append(Zone("caption", line.span))
    if headline is not None and headline.index > 0:
        above = lines[headline.index - 1]
        if (
            1 <= len(above.words) <= 3
            and not (is_bullet(above) or is_boilerplate(above) or is_date(above) or is_prose(above))
            and not COPYRIGHT.match(above.text)
        ):
            zones.append(Zone("section", above.span))
    return zones


def _after_body(lines: list[Line], last: int) -> list[Zone]:
    """Copyright line, dateline and byline below the body, up to the next list of other articles."""
    zones: list[Zone] = []
    window: list[Line] = []
    for line in lines[last + 1 : last + 12]:
        if LIST_HEADING.match(line.text) or is_prose(line):
            break
        window.append(line)
    dated = [i for i, line in enumerate(window) if is_date(line)]
    for i, line in enumerate(window):
        if COPYRIGHT.match(line.text) and not any(z.kind == "copyright" for z in zones):
            zones.append(Zone("copyright", line.span))
        elif i in dated:
            zones.append(Zone("dateline", line.span))
        elif is_name(line) and (BYLINE_PREFIX.match(line.text) or any(abs(i - j) <= 1 for j in dated)):
            zones.append(Zone("byline", line.span))
    return zones


def site_copyright(text: str) -> Span | None:
    """The page footer's copyright line (the site's owner), if the page ends with one."""
    lines = lines_of(text)
    for line in reversed(lines[-8:]):
        if COPYRIGHT.match(line.text.lstrip("\u00a0 ")):
            return line.span
    return None
