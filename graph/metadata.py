"""Stage 2, metadata: headline, authors, publication date, publisher, section, captions, credits.

Read from the zones that ingest found; every value keeps the span it was read from.
"""

from __future__ import annotations

import re

from .dates import parse_date
from .gazetteer import credit_agency
from .ingest.page import AUTHOR_SPLIT, BYLINE_PREFIX, BYLINE_TAIL, CREDIT_TAIL, PHOTO_CREDIT, site_copyright
from .model import Credit, DateMention, Document, Metadata, Span

COPYRIGHT_NOISE = re.compile(
    r"^(?:(?:©|\(c\)|copyright)[\s\u00a0]*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?[\s\u00a0,]*)?", re.I
)
COPYRIGHT_TAIL = re.compile(r"[\s.,]*(?:all rights reserved\.?)?[\s.]*$", re.I)
# What a footer says after the holder's name: "BBC. The BBC is not responsible ...", "X Limited
# or its affiliated companies", "The Herald, a Lakeside Media company".
HOLDER_END = re.compile(
    r"\.\s+(?=[A-Z])|\s+or its (?:affiliates?|affiliated|subsidiar)"
    r"|,\s+an? [^,]{1,40}(?:company|publication|group|brand)\b|\s+[|–—-]\s+|;"
    r"|[\s,]+\d{4}(?:\s*[-–]\s*\d{4})?\W*$"
)
META_NOISE_TAIL = re.compile(r"\s+Purchase Licensing Rights.*$|,?\s+opens new tab.*$", re.I)
CREDIT_LABEL = re.compile(
    r"(?:(?:Photograph|Photo|Picture|Image|Illustration)s?(?:\s+(?:source|credit))?\s*(?:[:,]|\sby)|[Cc]redit:)\s*"
)
UPDATED = re.compile(r"^(?:last )?(?:updated|modified|edited)\b", re.I)
# "WASHINGTON (AP) —": a wire credit at the start of the body.
WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'-]{1,60}?(?:,?\s[A-Z][a-z]{2,8}\.?\s\d{1,2})?\s*\((?P<agency>[A-Za-z][\w ]{0,30})\)\s*[-—–]"
)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return Span(start, end) if end > start else None


def organisation_of_copyright(text: str, span: Span) -> Span | None:
    """The holder's name in a copyright line: "© 2023 MintPress News" → "MintPress News"."""
    line = span.text(text)
    head = COPYRIGHT_NOISE.match(line)
    tail = COPYRIGHT_TAIL.search(line)
    begin = span.start + (head.end() if head else 0)
    end = span.start + (tail.start() if tail else len(line))
    cut = HOLDER_END.search(line, begin - span.start, end - span.start)
    if cut:
        end = span.start + cut.start()
    name = _trimmed(text, begin, end)
    return name if name and any(ch.isalpha() for ch in name.text(text)) else None


def author_spans(text: str, span: Span) -> list[Span]:
    """Each name of a byline: "By Jane Doe and John Roe" → two spans; "By Jane Doe, Staff
    Writer" and "Jane Doe in Accra" → "Jane Doe"."""
    line = span.text(text)
    offset = span.start
    match = BYLINE_PREFIX.match(line)
    if match:
        offset += match.end()
        line = line[match.end() :]
    tail = BYLINE_TAIL.search(line)
    if tail:
        line = line[: tail.start()]
    out: list[Span] = []
    position = 0
    for part in AUTHOR_SPLIT.split(line):
        at = line.index(part, position) if part else position
        position = at + len(part)
        name = _trimmed(text, offset + at, offset + at + len(part))
        if name and len(name.text(text).split()) >= 2:
            out.append(name)
    return out


def credits_in(text: str, span: Span) -> list[Credit]:
    """Photo credits such as "(AP Photo)" or "(AP Photo/Jane Doe)" inside a caption."""
    out: list[Credit] = []
    for match in PHOTO_CREDIT.finditer(span.text(text)):
        inner = match.group()[1:-1]
        words = re.match(r"[A-Za-z][\w.&'-]*(?:\s[A-Z][\w.&'-]*)*?(?=\s(?:Photo|Pictures?|Images?|Photograph)\b)", inner)
        if not words:
            continue
        entry = credit_agency(words.group())
        start = span.start + match.start() + 1
        agency_span = Span(start, start + len(words.group()))
        out.append(
            Credit(
                agency=entry.name if entry else words.group(),
                mention=agency_span,
                credited=span,
                text=inner.strip(),
            )
        )
    return out


def tail_credits(text: str, span: Span) -> list[Credit]:
    """Credits at a caption's end in the other usual shapes: "Photograph: Jane Roe/AFP via Getty
    Images", "REUTERS/Jane Roe/File Photo", "(Photo: Getty Images)": every agency it names."""
    line = span.text(text)
    match = CREDIT_TAIL.search(line)
    if match is None:
        return []
    start = match.start()
    label = CREDIT_LABEL.match(line, start)
    if label:
        start = label.end()
    out: list[Credit] = []
    for piece in re.finditer(r"[^/,;()]+", line[start:]):
        for part in re.finditer(r"(?:^|(?<=\svia\s))([^\s].*?)(?=\s+via\s|$)", piece.group().strip()):
            words = part.group(1).strip(" .")
            entry = credit_agency(words) if words else None
            if entry is None or any(c.agency == entry.name for c in out):
                continue
            at = span.start + start + piece.start() + piece.group().index(words)
            credit = META_NOISE_TAIL.sub("", line[match.start():]).strip(" ()")
            out.append(Credit(entry.name, Span(at, at + len(words)), span, credit))
    return out


def wire_credit(text: str, span: Span) -> Credit | None:
    """A wire agency named in the body's dateline: "BEIRUT (AP) — ..."."""
    match = WIRE_DATELINE.match(span.text(text))
    if not match:
        return None
    entry = credit_agency(match.group("agency"))
    if entry is None:
        return None
    start = span.start + match.start("agency")
    return Credit(entry.name, Span(start, start + len(match.group("agency"))), span, match.group("agency"))


def extract_metadata(doc: Document) -> Metadata:
    """Metadata of ``doc`` from its zones (ingest must have run)."""
    text = doc.text
    meta = Metadata(url=doc.url)
    updated = False  # the date taken is an "Updated ..." one
    for zone in doc.zones:
        if zone.kind == "headline" and meta.headline is None:
            meta.headline = zone.span
        elif zone.kind == "section" and meta.section is None:
            meta.section = zone.span
        elif zone.kind == "byline":
            meta.authors += author_spans(text, zone.span)
        elif zone.kind == "dateline" and (meta.published is None or updated):
            # the first date, but a "Published" one over an "Updated" one above it
            line = zone.span.text(text)
            value = parse_date(line)
            if value is not None:
                meta.published = DateMention(zone.span, value)
                updated = UPDATED.match(line) is not None
        elif zone.kind == "copyright" and meta.publisher is None:
            meta.publisher = organisation_of_copyright(text, zone.span)
        elif zone.kind == "caption":
            meta.captions.append(zone.span)
            found = credits_in(text, zone.span)
            meta.credits += found + [c for c in tail_credits(text, zone.span)
                                     if not any(c.agency == f.agency for f in found)]
    body = doc.spans("body")
    if body:
        credit = wire_credit(text, body[0])
        if credit:
            meta.credits.append(credit)
    footer = site_copyright(text)
    site = organisation_of_copyright(text, footer) if footer else None
    if site is not None and (meta.publisher is None or site.text(text) != meta.publisher.text(text)):
        if meta.publisher is None:
            meta.publisher = site
        else:
            meta.site = site
    # "© 2024 Marta Velasquez" under her own post: the author holds the copyright, no organisation
    authors = {a.text(text) for a in meta.authors}
    if meta.site is not None and meta.site.text(text) in authors:
        meta.site = None
    if meta.publisher is not None and meta.publisher.text(text) in authors:
        meta.publisher, meta.site = meta.site, None
    return meta
