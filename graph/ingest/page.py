"""Find the article inside a scraped page: headline, standfirst, section, captions, body, byline,
dateline and copyright line, leaving out menus, share links, "related" lists, comment widgets,
promotions and footers.

The page text is never rewritten: the result is a list of zones, each a span of the text. The
method is that of boilerplate removers such as jusText, adapted to plain text: lines are classed
by their own shape (prose, title, bullet, date, byline, caption, known boilerplate), the body is
the largest run of prose, and the article's other parts are looked for next to it. Above the
body, the byline and dateline are found first; the headline is the title-like line just above
them (or above the body when there are none), so that a photo caption, a player widget or a
standfirst between them and the body is not taken for it.
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
# A time alone on a line: a live blog's entry ("13:55 GMT", "9.40am").
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}(?:[+-]\d{1,2})?)?$"
TIMESTAMP = re.compile(rf"^{_TIME}", re.I)
# "News provided by" over a press release's issuer: no byline follows.
_PROVIDED = r"(?:news )?provided by\W*$"
PROVIDED_BY = re.compile(rf"^{_PROVIDED}", re.I)
# The page's furniture around the headline and inside the body: reading time, "listen" players,
# relative times, image labels, share widgets, counters, live-blog times.
META_NOISE = re.compile(
    r"^(?:listen to (?:this )?(?:article|story)\b|\W*\d+\s*(?:min|mins|minutes?)\s+(?:read|listen)\b|"
    r"this (?:article|story) is (?:more|over) than .{1,30} old$|(?:published|updated|posted)\W*$|"
    r"(?:(?:updated|published|posted|last updated)\W*)?(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|months?)\s+ago\W*$|image source\b|(?:image |media |photo )?caption\W*$|media caption\b|"
    r"copy(?: link)?$|link copied$|share (?:page|this|on)\b|close panel$|about sharing$|"
    rf"purchase licensing rights|opens new tab\W*$|{_PROVIDED}|share this article\W*$|"
    rf"(?:type|enter) your email\b|your email address\W*$|\d[\d.,]*[km]?$|{_TIME})",
    re.I,
)
# "Image caption," or "Caption:" alone on a line: the next line is a photo's caption.
CAPTION_LABEL = re.compile(r"^(?:image |media |photo )?caption\W*$", re.I)
# Lines that promote or credit rather than report: social links, sign-ups, links to other
# stories, contributor and editing credits, contact lines. The body may go on after them.
PROMO = re.compile(
    r"^[\W_]*(?:follow\b.{0,60}\bon (?:facebook|twitter|x|instagram|tiktok|linkedin|threads|youtube)\b|"
    r"send your (?:story ideas|stories|tips)\b|sign up (?:for|to|here)\b|subscribe (?:to|for|now)\b|"
    r"(?:read more|related|see also|also read|read next|more on this|watch|listen)\s*[:：]|more on this story\W*$|"
    r"click here\b|download (?:our|the) app\b|get (?:our|the) .{0,40}(?:newsletter|briefing|alerts)\b|"
    r"get .{0,60}\b(?:to|in) your inbox\W*$|"
    r"this (?:story|article) has been (?:updated|corrected)\b|"
    r"(?:additional )?(?:reporting|writing|editing|research) by\b|"
    r"(?:[\w.’'-]+ ){1,8}contributed (?:to )?(?:this|the) (?:report|story|article)\W*$|"
    r"(?:[\w.’'-]+ ){1,4}can be reached at\b)",
    re.I,
)
PHOTO_CREDIT = re.compile(r"\((?:[A-Z][\w.&' -]{0,40}\s)?(?:Photo|Pictures?|Image|Images|Photograph)\b[^)]{0,60}\)")
# A photo credit at a caption's end: "Photograph: Jane Roe/AFP via Getty Images", "Photo: Getty
# Images", "REUTERS/Jane Roe/File Photo".
CREDIT_TAIL = re.compile(
    r"(?:\b(?:Photograph|Photo|Picture|Image|Illustration)s?(?:\s+(?:source|credit))?\s*(?:[:,]|\sby)\s*[A-Z][^.]{0,80}$"
    r"|\b[Cc]redit:\s*[A-Z][^.]{0,80}$"
    r"|\b(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images|Bloomberg|dpa|Xinhua|Anadolu|ANP|PA)(?: Photo)?/[A-Z]"
    r"|\bvia Getty Images\W*$)"
)
CAPTION_START = re.compile(r"^(?:top photo|photo|image|caption|pictured|file photo|in this\b[^.]{0,80}\bphoto)\b", re.I)
BYLINE_PREFIX = re.compile(r"^(?:by|from|(?:interview|words|text|story|report) by)\s+", re.I)
NAME_WORD = re.compile(
    r"^(?:[A-Z][a-zà-ÿ'’.-]+|[A-Z]\.|[A-Z][a-z]?[A-Z][a-z]+|[A-Z][A-Z'’.-]+|de|van|von|der|da|al|bin|la|le)$"
)
# The job a byline may give after the names (also what an HTML author field holding only a job is).
BYLINE_ROLES = (r"correspondents?|writers?|reporters?|editors?|columnists?|contributors?|producers?|analysts?|"
                r"bureau chief")
# What follows the names in a byline: ", Latin America Correspondent", ", Staff Writers", " in Accra".
BYLINE_TAIL = re.compile(
    rf"(?:,\s*|\s+[-–—|]\s*)(?:[\w'’.&-]+\s+){{0,4}}?(?:{BYLINE_ROLES}|staff|chief\b.*|special to\b.*)\W*$"
    r"|\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,3}\W*$",
    re.I,
)
# Between the names of a byline: "Jane Doe, John Roe and Ann Lee", "Doe & Roe".
AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
# A wire story's closing credits: "— Reporting by Ana Ruiz in Santiago; Editing by Mark Dell".
WIRE_BYLINE = re.compile(r"^[\W_]*(?:reporting|reported|written) by\s+(?P<names>[^;]+?)\s*(?:;|$)", re.I)
# "Posted on March 3, 2024 by Dan Whitaker": a dateline and a byline in one line.
POSTED = re.compile(r"^(?:posted|published|written)(?: on)?\s+(?P<date>.+?)\s+by\s+(?P<names>\S.*)$", re.I)
# Where the readers' comments begin ("2 Responses", "Leave a Reply"; not a bare "Comments" link):
# nothing below is the article's.
COMMENTS = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|reactions)\b|leave a (?:comment|reply)|"
    r"join the (?:discussion|conversation)|like this:|share this:)",
    re.I,
)
# A company's name, not a person's: "Halvorsen Marine ASA".
COMPANY_END = re.compile(r"\b(?:Inc|Corp|Corporation|Ltd|Limited|LLC|PLC|plc|AG|SA|ASA|AB|NV|GmbH|Group|Co)\.?$")
SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$|\)$""")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.U)
HEADER_LINES = 25  # how far above the body the headline and its byline are looked for


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


def is_furniture(line: Line) -> bool:
    """Reading times, players, image labels, share widgets, counters, promotions and credits."""
    return META_NOISE.match(line.text) is not None or PROMO.match(line.text) is not None


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
        and not is_furniture(line)
    )


def byline_names(text: str) -> str:
    """The names of a byline, without "By" and what follows them: "By Jane Doe, Staff Writer" →
    "Jane Doe"; "Hannah Osei in Accra" → "Hannah Osei"."""
    text = BYLINE_PREFIX.sub("", text.strip())
    return BYLINE_TAIL.sub("", text).strip()


def _names(text: str) -> bool:
    if any(ch.isdigit() for ch in text):
        return False
    tokens = [t for t in re.split(r"\s+|,\s*", text) if t and t.lower() not in ("and", "&")]
    return 2 <= len(tokens) <= 8 and all(NAME_WORD.match(t) for t in tokens)


def is_name(line: Line) -> bool:
    """A byline: "By Jane Doe", "Jason Ditz", "Jane Doe and John Roe", "By JANE DOE, Staff Writer"."""
    if is_bullet(line) or is_boilerplate(line):
        return False
    return _names(byline_names(line.text))


def is_date(line: Line) -> bool:
    from ..dates import parse_date

    return len(line.words) <= 10 and parse_date(line.text) is not None


def is_caption(line: Line) -> bool:
    return (PHOTO_CREDIT.search(line.text) is not None or CAPTION_START.match(line.text) is not None
            or CREDIT_TAIL.search(line.text) is not None)


def _body_runs(lines: list[Line]) -> list[list[Line]]:
    """Runs of prose lines, bridging short non-boilerplate lines between them and skipping
    interruptions and promotions; a short closing sentence ("The case continues.") is kept."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    gap: list[Line] = []
    skipped: set[int] = set()  # interruptions, furniture, entry titles under a time: bridged over, never kept

    def close() -> None:
        if current:
            current.extend(g for g in gap if _closing_sentence(g))
            runs.append(list(current))

    previous: Line | None = None
    for line in lines:
        # a live blog's entry title under its time ("13:55 GMT" / "Minister promises fund") is
        # a telegraphic heading, not running text
        stamp = previous is not None and TIMESTAMP.match(previous.text) is not None and not is_prose(line)
        previous = line
        if COPYRIGHT.match(line.text) or COMMENTS.match(line.text) and len(line.words) <= 6:
            close()
            current, gap = [], []
        elif current and (INTERRUPTION.match(line.text) or is_furniture(line) or stamp):
            gap.append(line)
            skipped.add(line.index)
        elif is_prose(line):
            current.extend(g for g in gap if g.index not in skipped)
            current.append(line)
            gap = []
        elif current and len([g for g in gap if not is_furniture(g)]) < 2 and not (
            is_bullet(line) or is_boilerplate(line) or LIST_HEADING.match(line.text)
        ) and not is_date(line) and not is_name(line):
            gap.append(line)
        else:
            close()
            current, gap = [], []
    close()
    return runs


def _closing_sentence(line: Line) -> bool:
    """A short last paragraph: a sentence of two words or more, not furniture."""
    return (len(line.words) >= 2 and SENTENCE_END.search(line.text) is not None and line.text[0].isupper()
            and lower_ratio(line.words) >= 0.3 and not is_furniture(line) and not INTERRUPTION.match(line.text)
            and not is_boilerplate(line))


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
    if len(body) > 1 and is_title(body[0]) and not SENTENCE_END.search(body[0].text) and not is_caption(body[0]):
        zones.append(Zone("headline", body[0].span))  # a headline run into the body, no gap
        body = body[1:]
    first, last = body[0].index, body[-1].index
    found_headline = bool(zones)
    for line in body:
        labelled = line.index > 0 and CAPTION_LABEL.match(lines[line.index - 1].text) is not None
        zones.append(Zone("caption" if labelled or is_caption(line) else "body", line.span))
    zones += _before_body(lines, first, has_headline=found_headline)
    zones = _without_author_notes(text, zones)
    found = {z.kind for z in zones}
    zones += _after_body(lines, last, byline="byline" not in found, dateline="dateline" not in found)
    zones.sort(key=lambda z: z.span)
    return zones


def _without_author_notes(text: str, zones: list[Zone]) -> list[Zone]:
    """The body without its notes on the authors: "Jane Doe covers city hall for the Herald." — a
    paragraph among the last three that opens with a byline's name or surname, or a first one
    that opens "Jane Doe is ..." (a bio box above the story)."""
    names = {n for z in zones if z.kind == "byline"
             for n in AUTHOR_SPLIT.split(byline_names(z.span.text(text))) if n}
    openings = {w.casefold() for n in names for w in (n, n.split()[-1])}
    if not openings:
        return zones
    body = [z for z in zones if z.kind == "body"]
    if len(body) <= 3:
        return zones
    notes = set()
    for zone in body[-3:]:
        words = zone.span.text(text).split()
        if " ".join(words[:2]).casefold() in openings or words[0].casefold() in openings:
            notes.add(zone.span)
    # a bio box between the byline and the story: "Ruth Okonkwo is a former chief economist ..."
    first = body[0].span.text(text)
    if any(first.casefold().startswith(f"{name.casefold()} {verb} ") for name in names
           for verb in ("is", "was", "has been", "writes", "covers")):
        notes.add(body[0].span)
    return [z for z in zones if z.span not in notes]


def _header_kind(lines: list[Line], i: int, dated: set[int]) -> str:
    """What a line above the body is: "date", "byline", "posted" (both), "caption", "furniture",
    "title" or "other". ``dated``: the indices of the lines around it that are dates."""
    line = lines[i]
    posted = POSTED.match(line.text)
    if posted and _names(byline_names(posted.group("names"))):
        return "posted"
    if i in dated:
        return "date"
    if BYLINE_PREFIX.match(line.text) and is_name(line):
        return "byline"
    near_date = i - 1 in dated or i + 1 in dated
    provided = i > 0 and PROVIDED_BY.match(lines[i - 1].text) is not None
    if near_date and is_name(line) and len(byline_names(line.text).split()) <= 3 and not provided and \
            not COMPANY_END.search(line.text) and \
            any(is_title(lines[j]) and len(lines[j].words) >= 4 for j in range(max(i - 3, 0), i)):
        return "byline"  # "Marta Velasquez" or "Hannah Osei in Accra" next to the date, under a headline
    if is_caption(line) or i > 0 and CAPTION_LABEL.match(lines[i - 1].text):
        return "caption"
    if is_furniture(line) or is_boilerplate(line) or is_bullet(line):
        return "furniture"
    if is_title(line) and not (is_name(line) and len(line.words) <= 3):
        return "title"
    return "other"


def _before_body(lines: list[Line], first: int, has_headline: bool = False) -> list[Zone]:
    """Headline, standfirst, section, captions, byline and dateline above the body."""
    zones: list[Zone] = []
    top = max(0, first - HEADER_LINES)
    dated = {i for i in range(max(top - 1, 0), first + 1) if is_date(lines[i])}  # each line parsed once
    kinds = {i: _header_kind(lines, i, dated) for i in range(top, first)}
    headline: Line | None = lines[first - 1] if has_headline else None
    meta = False
    for i in range(first - 1, top - 1, -1):
        line, kind = lines[i], kinds[i]
        if headline is not None:
            if kind == "caption" and is_prose(line):
                zones.append(Zone("caption", line.span))
            continue
        if LIST_HEADING.match(line.text):
            break
        if kind == "date":
            zones.append(Zone("dateline", line.span))
            meta = True
        elif kind == "byline":
            zones.append(Zone("byline", line.span))
            meta = True
        elif kind == "posted":
            zones += _posted(line)
            meta = True
        elif kind == "caption":
            if len(line.words) >= 4 and not is_furniture(line):
                zones.append(Zone("caption", line.span))
        elif kind == "title":
            if not meta and any(kinds[j] in ("date", "byline", "posted") for j in range(max(top, i - 6), i)):
                continue  # a standfirst, caption or place line between the byline or date and the body
            headline = line
            upper = lines[i - 1] if i - 1 >= top else None
            if upper is not None and kinds[i - 1] == "title" and len(upper.words) >= 5 and len(line.words) >= 5:
                zones.append(Zone("standfirst", line.span))  # the headline, then the standfirst below it
                headline = upper
            zones.append(Zone("headline", headline.span))
    if headline is not None and headline.index > 0:
        above = lines[headline.index - 1]
        if (
            1 <= len(above.words) <= 3
            and not (is_bullet(above) or is_boilerplate(above) or above.index in dated or is_prose(above))
            and not COPYRIGHT.match(above.text) and not is_furniture(above)
        ):
            zones.append(Zone("section", above.span))
    return zones


def _posted(line: Line) -> list[Zone]:
    """"Posted on March 3, 2024 by Dan Whitaker": its date as a dateline, its names as a byline."""
    match = POSTED.match(line.text)
    assert match is not None
    base = line.span.start
    return [Zone("dateline", Span(base + match.start("date"), base + match.end("date"))),
            Zone("byline", Span(base + match.start("names"), base + match.end("names")))]


def _after_body(lines: list[Line], last: int, *, byline: bool = True, dateline: bool = True) -> list[Zone]:
    """Copyright line, and the dateline and byline when the header had none, below the body, up to
    the next list of other articles or the readers' comments."""
    zones: list[Zone] = []
    window: list[Line] = []
    for line in lines[last + 1 : last + 12]:
        if LIST_HEADING.match(line.text) or COMMENTS.match(line.text) or is_prose(line) and not is_furniture(line):
            break
        window.append(line)
    dated = [i for i, line in enumerate(window) if is_date(line)]
    for i, line in enumerate(window):
        if COPYRIGHT.match(line.text) and not any(z.kind == "copyright" for z in zones):
            zones.append(Zone("copyright", line.span))
        elif i in dated:
            if dateline:
                zones.append(Zone("dateline", line.span))
        elif byline and is_name(line) and (BYLINE_PREFIX.match(line.text) or any(abs(i - j) <= 1 for j in dated)):
            zones.append(Zone("byline", line.span))
        elif byline and (credit := WIRE_BYLINE.match(line.text)) and _names(byline_names(credit.group("names"))):
            # "— Reporting by Ana Ruiz in Santiago; Editing by ...": the reporters are the authors
            start = line.span.start + credit.start("names")
            zones.append(Zone("byline", Span(start, start + len(credit.group("names")))))
    return zones


def site_copyright(text: str) -> Span | None:
    """The page footer's copyright line (the site's owner), if the page ends with one."""
    lines = lines_of(text)
    for line in reversed(lines[-8:]):
        if COPYRIGHT.match(line.text.lstrip("\u00a0 ")):
            return line.span
    return None
