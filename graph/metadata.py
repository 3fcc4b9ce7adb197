"""Stage 2, metadata: headline, authors, publication date, publisher, section, captions, credits.

Read from the zones that ingest found; every value keeps the span it was read from.
"""

from __future__ import annotations

import re

from .dates import parse_date
from .gazetteer import credit_agency
from .ingest.page import PHOTO_CREDIT, site_copyright
from .model import Credit, DateMention, Document, Metadata, Span

COPYRIGHT_NOISE = re.compile(
    r"^(?:(?:©|\(c\)|copyright)[\s\u00a0]*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?[\s\u00a0,]*)?", re.I
)
COPYRIGHT_TAIL = re.compile(r"[\s.,]*(?:all rights reserved\.?)?[\s.]*$", re.I)
AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
# "WASHINGTON (AP) —": a wire credit at the start of the body.
WIRE_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,60}\((?P<agency>[A-Za-z][\w ]{0,30})\)\s*[-—–]")


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
    name = _trimmed(text, begin, end)
    return name if name and any(ch.isalpha() for ch in name.text(text)) else None


def author_spans(text: str, span: Span) -> list[Span]:
    """Each name of a byline: "By Jane Doe and John Roe" → two spans."""
    line = span.text(text)
    offset = span.start
    match = re.match(r"by\s+", line, re.I)
    if match:
        offset += match.end()
        line = line[match.end() :]
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
    for zone in doc.zones:
        if zone.kind == "headline" and meta.headline is None:
            meta.headline = zone.span
        elif zone.kind == "section" and meta.section is None:
            meta.section = zone.span
        elif zone.kind == "byline":
            meta.authors += author_spans(text, zone.span)
        elif zone.kind == "dateline" and meta.published is None:
            value = parse_date(zone.span.text(text))
            if value is not None:
                meta.published = DateMention(zone.span, value)
        elif zone.kind == "copyright" and meta.publisher is None:
            meta.publisher = organisation_of_copyright(text, zone.span)
        elif zone.kind == "caption":
            meta.captions.append(zone.span)
            meta.credits += credits_in(text, zone.span)
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
    return meta
