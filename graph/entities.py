"""Stage 3, entities: named people, organisations, places and events, from the spaCy model,
corrected for the model's systematic mistakes on news pages.

Corrections, each general to English news:
- title-case headlines are read in sentence case (same length, so offsets hold);
- nationality adjectives (NORP) become mentions of their country ("Russian" → Russia), cut to
  the adjective ("Russian First" → "Russian");
- leading articles, titles and honorifics, trailing possessives are trimmed from names;
- a PERSON whose head noun names an institution ("the Observatory") is an organisation;
- gazetteer names win over the model's type ("Hezbollah" is never a person);
- credits such as "(AP Photo)" are left to the metadata stage;
- one type per surface form in a document (majority vote), and every further occurrence of a
  known name, surname or gazetteer name in the article is a mention too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from .gazetteer import demonym_of, honorifics, lookup, titles
from .ingest.page import PHOTO_CREDIT
from .model import EntityKind, Span

LABELS: dict[str, EntityKind] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
}
ORG_HEADS = {
    "Observatory", "Ministry", "Council", "Committee", "Agency", "Department", "Institute",
    "University", "Party", "Army", "Company", "Corporation", "Bank", "Commission", "Court",
    "Parliament", "Assembly", "Office", "Service", "Forces", "Force", "Group", "Association",
    "Union", "Foundation", "Fund", "Board", "Authority", "Administration", "Airlines", "Airways",
    "Inc", "Inc.", "Corp", "Corp.", "Ltd", "LLC", "Organization", "Organisation", "Federation",
    "Coalition", "Front", "Brigade", "Brigades", "Militia", "Movement", "Church", "Times", "News",
}
# Head nouns of named events: "Worldwide Developers Conference", "Paris Air Show", "Olympic Games".
EVENT_HEADS = {
    "Conference", "Summit", "Games", "Olympics", "Show", "Expo", "Exhibition", "Festival",
    "Championship", "Championships", "Cup", "War", "Election", "Elections", "Marathon",
    "Tournament", "Revolution",
}
CATEGORY_KIND: dict[str, EntityKind] = {"country": "Place", "place": "Place", "organization": "Organization"}
# Codes that the model reads as organisations: currencies and time zones.
NOT_NAMES = {"UTC", "GMT", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "BST", "USD", "EUR",
             "GBP", "JPY", "CNY", "AUD", "CAD", "CHF", "INR", "RUB", "HKD", "SGD"}
# "Airbus A380", "Boeing 737-800": a maker's name followed by a model designation is a product.
MODEL_AFTER = re.compile(r"\s(?:[A-Z]{0,3}\d[\w-]*)\b")
LEADING = re.compile(r"^(?:the|The|THE)\s+")
TRAILING = re.compile(r"(?:['’]s?|[\s,.;:!?\"“”'’()\[\]-])+$")


@dataclass(frozen=True)
class RawMention:
    """A typed name in the text, before aliases are merged."""

    span: Span
    kind: EntityKind
    text: str
    canonical: str | None = None  # a known full name, e.g. "Associated Press" for a credit "AP"


def sentence_case(headline: str, known: set[str]) -> str:
    """``headline`` with title-cased common words lowered (same length): lets the model see
    "Russia declares victory over ISIS" instead of "Russia Declares Victory Over ISIS"."""
    words = list(re.finditer(r"[A-Za-z][\w’'-]*", headline))
    capitalised = [w for w in words if w.group()[0].isupper()]
    if len(words) < 3 or len(capitalised) < 0.6 * len(words):
        return headline
    out = list(headline)
    for i, match in enumerate(words):
        word = match.group()
        if i == 0 or word in known or word.isupper() or lookup(word) or demonym_of(word):
            continue
        lowered = word[0].lower() + word[1:]
        out[match.start() : match.end()] = lowered
    return "".join(out)


def known_names(text: str, spans: Iterable[Span]) -> set[str]:
    """Capitalised words used inside sentences (not first): proper nouns of this article."""
    out: set[str] = set()
    for span in spans:
        for match in re.finditer(r"(?<=[a-z,;:]\s)([A-Z][\w’'-]*)", span.text(text)):
            out.add(match.group(1))
    return out


def _trim(text: str, span: Span, kind: EntityKind) -> Span | None:
    start, end = span.start, span.end
    surface = text[start:end]
    lead = LEADING.match(surface)
    if lead:
        start += lead.end()
    tokens = text[start:end].split(" ")
    drop = titles() | honorifics()
    while kind == "Person" and len(tokens) > 1 and tokens[0].lower().rstrip(".") in drop | {t.rstrip(".") for t in drop}:
        start += len(tokens[0]) + 1
        tokens = tokens[1:]
    tail = TRAILING.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    if end <= start or "\n" in text[start:end] or "\r" in text[start:end]:
        return None
    return Span(start, end)


def correct(text: str, span: Span, label: str, credits: Sequence[Span]) -> list[RawMention]:
    """The mentions a model entity stands for after the corrections above (maybe none)."""
    if any(span.overlaps(c) for c in credits):
        return []
    surface = span.text(text)
    if label == "NORP":
        first = re.match(r"[\w’'-]+", surface)
        entry = demonym_of(first.group()) if first else None
        if entry is None:
            return []
        return [RawMention(Span(span.start, span.start + first.end()), "Place", first.group())]
    kind = LABELS.get(label)
    if kind is None:
        return []
    if kind == "Person" and surface.split()[-1] in ORG_HEADS:
        kind = "Organization"  # "the Observatory", "General Motors Corporation"
    elif len(surface.split()) >= 2 and surface.split()[-1] in EVENT_HEADS:
        kind = "Event"
    trimmed = _trim(text, span, kind)
    if trimmed is None:
        return []
    surface = trimmed.text(text)
    if not any(ch.isupper() for ch in surface) or surface.lower() in titles() or surface in NOT_NAMES:
        return []
    if kind != "Place" and (is_product(text, trimmed) or re.search(r"\s[A-Z]{0,3}\d[\w-]*$", surface)):
        return []  # "Airbus A380", "Rolls-Royce Trent 900": products, not their makers
    entry = lookup(surface)
    if entry is not None:
        kind = CATEGORY_KIND.get(entry.category, kind)
    elif kind == "Person" and " " not in surface and surface.endswith("s") and \
            text[max(0, span.start - 4) : span.start].lower() == "the ":
        kind = "Organization"  # "the Beatles", "the Yankees": a band or a team
    elif kind != "Person":
        titled = _title_led_person(text, trimmed)
        if titled is not None:
            return [titled]
    return [RawMention(trimmed, kind, surface)]


MODEL_BEFORE = re.compile(r"(?:^|\s)(?:[A-Z]{0,3}\d+[A-Za-z\d-]*)\s$")


def is_product(text: str, span: Span) -> bool:
    """"Airbus A380", "the new 787 Dreamliner": a model designation next to the name."""
    if MODEL_AFTER.match(text, span.end) is not None:
        return True
    before = MODEL_BEFORE.search(text[max(0, span.start - 12) : span.start])
    return before is not None and not re.fullmatch(r"\s*(?:1[89]|20)\d\d\s", before.group())


def _title_led_person(text: str, span: Span) -> RawMention | None:
    """"Spokeswoman Sandy Angers" read as an organisation: a title, then a two- or three-word name."""
    words = span.text(text).split(" ")
    if len(words) < 3 or words[0].lower() not in titles():
        return None
    name = words[1:]
    if not 2 <= len(name) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in name):
        return None
    if any(w in ORG_HEADS or w in EVENT_HEADS for w in name) or lookup(" ".join(words)):
        return None  # "General Motors Corporation" is a company, not General "Motors Corporation"
    start = span.start + len(words[0]) + 1
    return RawMention(Span(start, span.end), "Person", " ".join(name))


def credit_spans(text: str, regions: Iterable[Span]) -> list[Span]:
    out = []
    for region in regions:
        for match in PHOTO_CREDIT.finditer(region.text(text)):
            out.append(Span(region.start + match.start(), region.start + match.end()))
    return out


def _occurrences(text: str, needle: str, region: Span) -> Iterable[Span]:
    pattern = r"(?<![\w$])" + re.escape(needle) + r"(?![\w$]|['’]\w\w)"
    for match in re.finditer(pattern, region.text(text)):
        yield Span(region.start + match.start(), region.start + match.end())


def _sentence_initial(text: str, span: Span) -> bool:
    before = text[: span.start].rstrip(" \t\"“'‘")
    return not before or before[-1] in ".!?\n\r|"


def harmonise(text: str, mentions: list[RawMention], regions: Sequence[Span],
              credits: Sequence[Span]) -> list[RawMention]:
    """One type per surface form, then every other occurrence of a known name is a mention."""
    votes: dict[str, Counter[EntityKind]] = {}
    for m in mentions:
        votes.setdefault(m.text, Counter())[m.kind] += 1
    kind_of = {surface: counts.most_common(1)[0][0] for surface, counts in votes.items()}
    surnames = {s.split()[-1] for s, k in kind_of.items() if k == "Person" and len(s.split()) >= 2}
    for surface in kind_of:
        if surface in surnames and lookup(surface) is None:
            kind_of[surface] = "Person"  # "Mulally" read as an organisation, "Ford CEO Alan Mulally" nearby
    out = {m.span: RawMention(m.span, kind_of[m.text], m.text) for m in mentions}
    wanted: dict[str, EntityKind] = dict(kind_of)
    for surface, kind in kind_of.items():
        parts = surface.split()
        if kind == "Person" and len(parts) >= 2 and parts[-1][0].isupper():
            wanted.setdefault(parts[-1], "Person")
    taken = sorted(out)
    for surface, kind in sorted(wanted.items(), key=lambda item: -len(item[0])):
        if len(surface) < 2 or not surface[0].isupper():
            continue
        for region in regions:
            for span in _occurrences(text, surface, region):
                if any(span.overlaps(t) for t in taken) or any(span.overlaps(c) for c in credits):
                    continue
                if surface not in kind_of and _sentence_initial(text, span):
                    continue  # a bare surname opening a sentence may be a common word
                if kind != "Place" and is_product(text, span):
                    continue
                out[span] = RawMention(span, kind, surface)
                taken.append(span)
    for region in regions:
        for match in re.finditer(r"\b[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*)*", region.text(text)):
            for sub in _gazetteer_names(match.group()):
                span = Span(region.start + match.start() + sub[0], region.start + match.start() + sub[1])
                if any(span.overlaps(t) for t in taken) or any(span.overlaps(c) for c in credits):
                    continue
                surface = span.text(text)
                entry = lookup(surface) or demonym_of(surface)
                if entry is None or text[span.end : span.end + 1] in ("$", "-") or \
                        text[max(0, span.start - 1) : span.start] == "-" or is_product(text, span):
                    continue
                if sub[0] > 0 and _inside_name(match.group()[: sub[0]]):
                    continue
                out[span] = RawMention(span, CATEGORY_KIND.get(entry.category, "Place"), surface)
                taken.append(span)
    return sorted(out.values(), key=lambda m: m.span)


def _inside_name(before: str) -> bool:
    """"Air China": a known name preceded by a capitalised word that is not a function word."""
    previous = before.split()[-1] if before.split() else ""
    return bool(previous) and previous.lower() not in STOP_WORDS


def _gazetteer_names(phrase: str) -> Iterable[tuple[int, int]]:
    """Longest gazetteer surface forms inside a run of capitalised words (offsets in phrase)."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", phrase)]
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            start, end = tokens[i][0], tokens[j - 1][1]
            candidate = phrase[start:end]
            stripped = candidate.rstrip(",;:")
            if stripped.startswith(("The ", "the ")) and (lookup(stripped) or demonym_of(stripped)):
                start += 4  # "The U.S." at the start of a sentence names "U.S."
                stripped = stripped[4:]
            if lookup(stripped) or demonym_of(stripped):
                yield start, start + len(stripped)
                i = j
                break
            if candidate.endswith(".") and (lookup(candidate[:-1]) or demonym_of(candidate[:-1])):
                yield start, end - 1
                i = j
                break
        else:
            i += 1
