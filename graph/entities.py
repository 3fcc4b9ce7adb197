"""Stage 3, entities: named people, organisations, places and events, from the spaCy model,
corrected for the model's systematic mistakes on news pages.

Corrections, each general to English news:
- title-case headlines are read in sentence case (same length, so offsets hold);
- nationality adjectives (NORP) become mentions of their country ("Russian" → Russia), cut to
  the adjective ("Russian First" → "Russian");
- leading articles, titles and honorifics, trailing possessives are trimmed from names;
- a PERSON whose head noun names an institution ("the Observatory") or a company ("Douglas
  Aircraft") is an organisation;
- gazetteer names win over the model's type ("Hezbollah" is never a person);
- the words around a name decide over the model: "retailer Acme Depot" is an organisation,
  "Brixham, England" a place, "Air Norway" and "Acme Air Flight 217" name an airline;
- products are no organisations or people: "Airbus A380", "A330s", "iPhone", names used as
  "Zephyr laptops", "Zephyr OS", "the Acme Zephyr" anywhere in the article (unless the gazetteer
  knows the name or the article has "Zephyr said");
- credits such as "(AP Photo)" are left to the metadata stage;
- one type per surface form in a document (majority vote, outvoted by the words around a name);
  a one-word "person" never named in full is the organisation whose longer name it opens ("Vantor"
  of "Vantor Capital Management") or the place the model also read it as; every further occurrence
  of a known name, surname or gazetteer name in the article is a mention too;
- a state body named after its country ("the US Treasury") mentions the country as well.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from .gazetteer import demonym_of, given_name_gender, honorifics, lookup, titles
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
    # company words: "Douglas Aircraft", "Cerberus Capital Management", "Hanson Industries"
    "Aircraft", "Airplanes", "Aerospace", "Aviation", "Airline", "Motors", "Motor", "Automotive",
    "Industries", "Holdings", "Systems", "Technologies", "Electronics", "Entertainment", "Media",
    "Pharmaceuticals", "Communications", "Laboratories", "Labs", "Studios", "Partners", "Capital",
    "Management", "Securities", "Insurance", "Networks", "Enterprises", "Ventures",
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
LEADING = re.compile(r"^(?:the|The|THE)\s+")
TRAILING = re.compile(r"(?:['’]s?|[\s,.;:!?\"“”'’()\[\]-])+$")

# --- products ------------------------------------------------------------------------------------
# "Airbus A380", "Boeing 737-800": a maker's name followed by a model designation is a product.
MODEL_AFTER = re.compile(r"\s(?:[A-Z]{0,3}\d[\w-]*)\b")
# "the new 787 Dreamliner" (but not "150px Acme": a measure).
MODEL_BEFORE = re.compile(r"(?:^|\s)(?:[A-Z]{0,3}\d+[A-Z\d-]*s?)\s$")
# "A330", "A330s", "F-16s" on their own (not "G77", "C40", "COP28": groups and conferences).
MODEL = re.compile(r"[A-Z]{1,3}-?(?:\d{3,}[A-Za-z]?s?|\d{2}[A-Za-z]?s)")
# "iPhone", "iTunes Store", "macOS": a word in lower-then-upper camel case names a product or a
# brand; companies spelt so ("eBay", "easyJet") are in the gazetteer.
CAMEL_BRAND = re.compile(r"(?<![\w-])[a-z]{1,4}[A-Z]\w*")
# What follows a product's name: "Zephyr laptops", "Zephyr OS", "the Zephyr Pro", "the Zephyr
# line", "Zephyr, the latest version of ...".
PRODUCT_AFTER = re.compile(
    r"\s+(?:OS|OSX|Pro|Mini|Max|Plus|Ultra|Lite|laptops?|notebooks?|computers?|desktops?|tablets?|"
    r"(?:smart)?phones?|handsets?|consoles?|operating system|software|browsers?|sedans?|SUVs?|"
    r"pickups?|minivans?|airliners?|jetliners?|line|lineup|range)\b"
    r"|,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:version|edition)\s+of\b")
# What comes right before one: "the web browser Zephyr", "OS X Zephyr", "the iWidget SDK".
PRODUCT_BEFORE = re.compile(
    r"(?:\b(?:browser|operating system|software|smartphone|laptop|console|OS(?:\s?X)?)"
    r"|(?<![\w-])[a-z]{1,4}[A-Z]\w*)\s+[\"“]?$")
PRODUCT_INSIDE = re.compile(r"\b(?:OS|OSX)\b|\s(?:Pro|Mini|Max|Plus|Ultra|Lite)$")
# What only follows an organisation's name: "Zephyr said", "Zephyr's chief executive".
ORGANISATION_AFTER = re.compile(
    r"(?:['’]s?)?,?\s+(?:said|says|announced|reported|CEO|chief|spokesm[ae]n|spokeswoman|"
    r"spokesperson|chairman|president|executives?|shares|stock|employees|workers|staff|"
    r"headquarters|Inc|Corp|Co|Ltd|LLC|plc)\b")

# --- what the words around a name tell ----------------------------------------------------------
# A common noun for an organisation right before a name: "electronics retailer Acme Depot" (not
# "company" or "firm": "the company Ann Vale founded").
ORG_BEFORE = re.compile(
    r"\b(?:retailer|carrier|airline|maker|manufacturer|automaker|carmaker|airframer|"
    r"insurer|conglomerate|broadcaster|startup|start-up|subsidiary)\s+$")
# "Acme Air Flight 217": the word "Flight" and the flight's number after the airline's name.
FLIGHT = re.compile(r"\s+Flight(?:\s+\d+\w*)?$")
CURRENCY = re.compile(r"\s+(?:dollars?|cents?|pounds?|euros?)\b")  # "US dollars": a currency
# Words that make a name a state's institution: "US Air Force", "Norwegian Government".
STATE_BODIES = {
    "Government", "Senate", "Congress", "Parliament", "Treasury", "Army", "Navy", "Force", "Forces",
    "Marines", "Guard", "Court", "Department", "Ministry", "Embassy", "Police", "Military", "Cabinet",
    "Administration",
}


@dataclass(frozen=True)
class RawMention:
    """A typed name in the text, before aliases are merged."""

    span: Span
    kind: EntityKind
    text: str
    canonical: str | None = None  # a known full name, e.g. "Associated Press" for a credit "AP"
    cue: bool = False  # the kind rests on the words around the name, not only on the model


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


@cache
def _leading_words() -> frozenset[str]:
    """Titles and honorifics that ``_trim`` drops before a person's name, with and without a
    final dot (made once: the union and its undotted copy are the same for every mention)."""
    drop = titles() | honorifics()
    return drop | {t.rstrip(".") for t in drop}


def _trim(text: str, span: Span, kind: EntityKind) -> Span | None:
    start, end = span.start, span.end
    surface = text[start:end]
    lead = LEADING.match(surface)
    if lead:
        start += lead.end()
    tokens = text[start:end].split(" ")
    drop = _leading_words()
    while kind == "Person" and len(tokens) > 1 and tokens[0].lower().rstrip(".") in drop:
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
    if kind == "Place" and text[max(0, span.start - 4) : span.start] == "Air ":
        airline = Span(span.start - 4, span.end)  # "Air Norway"
        return [RawMention(airline, "Organization", airline.text(text), cue=True)]
    flight = FLIGHT.search(surface)
    if flight and kind in ("Organization", "Event"):  # "Acme Air Flight 217": its airline
        span, kind = Span(span.start, span.start + flight.start()), "Organization"
        surface = span.text(text)
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
    if kind != "Place" and (is_product(text, trimmed) or re.search(r"\s[A-Z]{0,3}\d[\w-]*$", surface)
                            or (kind != "Event" and MODEL.fullmatch(surface) and lookup(surface) is None)):
        return []  # "Airbus A380", "Rolls-Royce Trent 900", "A330s": products, not their makers
    if text[trimmed.start - 1 : trimmed.start].isdigit():
        return []  # "30GB", "5G": a unit or a code glued to a number
    entry = lookup(surface)
    if entry is not None:
        kind = CATEGORY_KIND.get(entry.category, kind)
    elif kind == "Person" and ORG_BEFORE.search(text, max(0, trimmed.start - 40), trimmed.start):
        return [RawMention(trimmed, "Organization", surface, cue=True)]  # "retailer Acme Depot"
    elif kind == "Person" and _place_after(text, trimmed):
        return [RawMention(trimmed, "Place", surface, cue=True)]  # "Brixham, England"
    elif kind == "Person" and " " not in surface and surface.endswith("s") and \
            text[max(0, span.start - 4) : span.start].lower() == "the ":
        kind = "Organization"  # "the Beatles", "the Yankees": a band or a team
    elif kind != "Person":
        titled = _title_led_person(text, trimmed)
        if titled is not None:
            return [titled]
    return [RawMention(trimmed, kind, surface)]


def _place_after(text: str, span: Span) -> bool:
    """"Brixham, England": a name followed by a comma and a country or region the gazetteer knows."""
    after = re.match(r",\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)*)", text[span.end : span.end + 40])
    if after is None:
        return False
    words = after.group(1).split()
    for n in range(len(words), 0, -1):  # "Brixham, England For ..." → "England"
        end = after.start(1) + len(" ".join(words[:n]))
        if re.match(r"[\w'’]", after.string[end : end + 1]):
            continue  # "Brixham, England's ..."
        entry = lookup(" ".join(words[:n]).rstrip("."))
        if entry is not None:
            return entry.category in ("country", "place")
    return False


def is_product(text: str, span: Span) -> bool:
    """"Airbus A380", "the new 787 Dreamliner": a model designation next to the name (a number
    before a name the gazetteer knows is a count: "500 Acme engineers")."""
    if MODEL_AFTER.match(text, span.end) is not None:
        return True
    before = MODEL_BEFORE.search(text[max(0, span.start - 12) : span.start])
    if before is None or re.fullmatch(r"\s*(?:1[89]|20)\d\d\s", before.group()):
        return False
    return lookup(span.text(text)) is None


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
    r"""Each whole-word occurrence of ``needle`` inside ``region``, left to right, not overlapping:
    no word character or "$" just before or after it, nor "'s"-like "'ve", "’ll" after it (the
    regex ``(?<![\w$])needle(?![\w$]|['’]\w\w)`` on the region's text, without compiling one
    pattern per name)."""
    if not needle:
        return
    start, end, size = region.start, region.end, len(needle)
    i = text.find(needle, start, end)
    while i != -1:
        j = i + size
        if (i == start or not _word_or_dollar(text[i - 1])) and not _glued_after(text, j, end):
            yield Span(i, j)
            i = text.find(needle, j, end)
        else:
            i = text.find(needle, i + 1, end)


def _word_or_dollar(ch: str) -> bool:
    return _is_word(ch) or ch == "$"


def _glued_after(text: str, j: int, end: int) -> bool:
    if j >= end:
        return False
    if _word_or_dollar(text[j]):
        return True
    return text[j] in "'’" and j + 2 < end and _is_word(text[j + 1]) and _is_word(text[j + 2])


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _sentence_initial(text: str, span: Span) -> bool:
    before = text[: span.start].rstrip(" \t\"“'‘")
    return not before or before[-1] in ".!?\n\r|"


_WORD_BEFORE = re.compile(r"([A-Z][a-zà-ÿ'’-]+) $")


def _with_given_name(text: str, mention: RawMention) -> RawMention:
    """A person's name with the given name the model left out before it: "Ana" of "Ana Lucia
    Torres" (a given name of ``data/given_names.tsv`` right before the name)."""
    if mention.kind != "Person" or mention.canonical:
        return mention
    found = _WORD_BEFORE.search(text, max(0, mention.span.start - 20), mention.span.start)
    if found is None or given_name_gender(found.group(1)) is None:
        return mention
    span = Span(found.start(1), mention.span.end)
    return RawMention(span, "Person", span.text(text), mention.canonical, mention.cue)


# A verb after a sentence-opening surname that makes it the person's: "Danjuma said ...".
ACTS = re.compile(
    r"\s+(?:said|says|told|tells|added|adds|noted|argued|explained|wrote|writes|stated|warned|insisted|"
    r"declined|denied|acknowledged|admitted|replied|recalled|agreed|testified)\b"
)


def harmonise(text: str, mentions: list[RawMention], regions: Sequence[Span],
              credits: Sequence[Span]) -> list[RawMention]:
    """One type per surface form, then every other occurrence of a known name is a mention."""
    mentions = [_with_given_name(text, m) for m in mentions]
    votes: dict[str, Counter[EntityKind]] = {}
    for m in mentions:
        votes.setdefault(m.text, Counter())[m.kind] += 1
    cued: dict[str, Counter[EntityKind]] = {}
    for m in mentions:
        if m.cue:  # a sign in the text outvotes the model's reading of the other occurrences
            cued.setdefault(m.text, Counter())[m.kind] += 1
    votes.update(cued)
    kind_of = {surface: counts.most_common(1)[0][0] for surface, counts in votes.items()}
    surnames = {s.split()[-1] for s, k in kind_of.items() if k == "Person" and len(s.split()) >= 2}
    for surface in kind_of:
        if surface in surnames and lookup(surface) is None:
            kind_of[surface] = "Person"  # "Mulally" read as an organisation, "Ford CEO Alan Mulally" nearby
    names = {w for s, k in kind_of.items() if k == "Person" and len(s.split()) >= 2 for w in s.split()}
    firsts = {s.split()[0] for s, k in kind_of.items() if k == "Organization" and len(s.split()) >= 2}
    for surface, counts in votes.items():
        if kind_of[surface] != "Person" or " " in surface or surface in names or surface in cued:
            continue
        if surface in firsts:
            kind_of[surface] = "Organization"  # "Vantor" after "Vantor Capital Management"
        elif counts["Place"]:
            kind_of[surface] = "Place"  # a one-word "person" never named in full, also read as a place
    products = product_names(text, kind_of, regions)
    for surface in products:
        del kind_of[surface]
    out = {m.span: RawMention(m.span, kind_of[m.text], m.text) for m in mentions if m.text in kind_of}
    wanted: dict[str, EntityKind] = dict(kind_of)
    for surface, kind in kind_of.items():
        parts = surface.split()
        if kind == "Person" and len(parts) >= 2 and parts[-1][0].isupper():
            wanted.setdefault(parts[-1], "Person")
    # a product's name is no mention of its maker either ("the Acme Zephyr", like "Acme X200"),
    # but its owner is ("Acme's Zephyr OS" read as one name)
    taken = _Taken(len(text), [*out, *credits, *(_after_owner(text, span) for surface in products
                                                  for region in regions for span in _occurrences(text, surface, region))])
    for surface, kind in sorted(wanted.items(), key=lambda item: -len(item[0])):
        if len(surface) < 2 or not surface[0].isupper():
            continue
        for region in regions:
            for span in _occurrences(text, surface, region):
                if not taken.free(span):
                    continue
                if surface not in kind_of and _sentence_initial(text, span) and not ACTS.match(text, span.end):
                    continue  # a bare surname opening a sentence may be a common word, unless it speaks
                if kind != "Place" and is_product(text, span):
                    continue
                out[span] = RawMention(span, kind, surface)
                taken.add(span)
    for region in regions:
        for match in re.finditer(r"\b[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*)*", region.text(text)):
            for sub in _gazetteer_names(match.group()):
                span = Span(region.start + match.start() + sub[0], region.start + match.start() + sub[1])
                if not taken.free(span):
                    continue
                surface = span.text(text)
                entry = lookup(surface) or demonym_of(surface)
                if entry is None or text[span.end : span.end + 1] in ("$", "-") or \
                        CURRENCY.match(text, span.end) or text[max(0, span.start - 1) : span.start] == "-" or \
                        is_product(text, span):
                    continue
                if sub[0] > 0 and _inside_name(match.group()[: sub[0]]):
                    continue
                out[span] = RawMention(span, CATEGORY_KIND.get(entry.category, "Place"), surface)
                taken.add(span)
    for m in list(out.values()):
        country = _country_of_institution(text, m)
        if country is not None:
            out.setdefault(country.span, country)
    return sorted(out.values(), key=lambda m: m.span)


class _Taken:
    """The characters of the text already claimed by a mention (or a credit): an overlap test in
    C time instead of a scan of every span taken so far."""

    def __init__(self, size: int, spans: Iterable[Span]) -> None:
        self._chars = bytearray(size + 1)
        for span in spans:
            self.add(span)

    def add(self, span: Span) -> None:
        self._chars[span.start : span.end] = b"\x01" * (span.end - span.start)

    def free(self, span: Span) -> bool:
        """Whether ``span`` shares no character with a span taken (as ``Span.overlaps``)."""
        return self._chars.find(1, span.start, span.end) == -1


def _country_of_institution(text: str, mention: RawMention) -> RawMention | None:
    """"the US Treasury", "the Norwegian Government": a state body whose name opens with its
    country; the country is mentioned too (a mention inside the body's own)."""
    if mention.kind != "Organization" or " " not in mention.text:
        return None
    words = mention.text.split(" ")
    for n in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:n])
        entry = lookup(prefix) or demonym_of(prefix)
        if entry is not None:
            if entry.category != "country" or not STATE_BODIES & set(words[n:]):
                return None
            span = Span(mention.span.start, mention.span.start + len(prefix))
            return RawMention(span, "Place", prefix)
    return None


def product_names(text: str, kind_of: dict[str, EntityKind], regions: Sequence[Span]) -> set[str]:
    """Names the model read as organisations or people that the article uses as products:
    "iZephyr", "Zephyr OS", "Zephyr laptops", "the Zephyr Pro", "the Acme Zephyr" somewhere, and
    never "Zephyr said" or a name the gazetteer knows."""
    names = {w for s, k in kind_of.items() if k == "Person" and " " in s for w in s.split()}
    out = set()
    for surface, kind in kind_of.items():
        if kind not in ("Organization", "Person") or lookup(surface) is not None:
            continue
        found = PRODUCT_INSIDE.search(surface) is not None or CAMEL_BRAND.search(surface) is not None
        # "Ann Vale", or "Vale" of "Ann Vale": a person, whatever follows the name ("the Vale line")
        person = kind == "Person" and (" " in surface or surface in names)
        maker = _maker_and_model(surface)
        for region in regions:
            for span in _occurrences(text, surface, region):
                if ORGANISATION_AFTER.match(text, span.end):
                    found = False
                    break
                found = found or (not person and PRODUCT_AFTER.match(text, span.end) is not None) or \
                    PRODUCT_BEFORE.search(text, max(0, span.start - 40), span.start) is not None or \
                    (maker and text[max(0, span.start - 4) : span.start] in ("the ", "The "))
            else:
                continue
            break
        if found:
            out.add(surface)
    return out


def _after_owner(text: str, span: Span) -> Span:
    """The span after a possessive inside it: "Zephyr OS" of "Acme's Zephyr OS"."""
    owner = list(re.finditer(r"['’]s?\s", span.text(text)))
    return Span(span.start + owner[-1].end(), span.end) if owner else span


def _maker_and_model(surface: str) -> bool:
    """"Acme Zephyr": a company the gazetteer knows, then one more name word that is no
    organisation's head noun (so not "Acme Foundation", "Acme Motor Company")."""
    words = surface.split(" ")
    if len(words) != 2 or not words[1][:1].isupper() or words[1] in ORG_HEADS:
        return False
    entry = lookup(words[0])
    return entry is not None and entry.kind == "company"


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
