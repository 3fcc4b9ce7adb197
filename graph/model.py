"""The plain data passed between pipeline stages.

Every position is a Python-style half-open character offset into ``Document.text``, the exact
text that was analysed (for a plain-text input, the file's own text).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["Person", "Organization", "Place", "Event"]
Factuality = Literal["asserted", "negated", "possible", "future"]
QuantityKind = Literal["Percentage", "Count", "MoneyAmount"]
# A participant or source: ("entity", index into Document.entities) or ("described", index
# into Document.described).
Ref = tuple[Literal["entity", "described"], int]
Precision = Literal["day", "month", "year"]
ZoneKind = Literal["headline", "standfirst", "section", "caption", "body", "byline", "dateline", "copyright"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` of the document text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def __contains__(self, other: object) -> bool:
        return isinstance(other, Span) and self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Zone:
    """A part of the page that belongs to the article (headline, caption, body, ...)."""

    kind: ZoneKind
    span: Span


@dataclass(frozen=True)
class DateValue:
    """A calendar value at the precision the text gives: ``2017``, ``2017-09`` or ``2017-09-15``."""

    value: str
    precision: Precision


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text and its normalised value."""

    span: Span
    value: DateValue


@dataclass
class Entity:
    """One real-world entity of a document with all its surface forms and mentions."""

    kind: EntityKind
    label: str
    mentions: list[Span] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    subtype: str | None = None  # e.g. "Country" for places found in the country gazetteer
    known: bool = False  # named by the gazetteers: the same entity (and IRI) in every article
    pronouns: list[Span] = field(default_factory=list)  # "he", "her" ... resolved to this person

    @property
    def names(self) -> set[str]:
        return {self.label, *self.aliases}


@dataclass(frozen=True)
class Credit:
    """A photo, caption or wire credit such as "(AP Photo)": who is credited, for what."""

    agency: str  # the credited organisation's full name
    mention: Span  # where the agency is named
    credited: Span  # the caption (or text) it is credited for
    text: str  # the credit as written, e.g. "AP Photo"


@dataclass
class Metadata:
    """What the page says about the article itself."""

    headline: Span | None = None
    authors: list[Span] = field(default_factory=list)
    published: DateMention | None = None
    publisher: Span | None = None  # copyright holder of the article
    site: Span | None = None  # the site that carries (or republishes) the page
    section: Span | None = None
    captions: list[Span] = field(default_factory=list)
    caption_dates: dict[Span, DateValue] = field(default_factory=dict)
    credits: list[Credit] = field(default_factory=list)
    url: str | None = None


@dataclass
class Document:
    """One article: its text, where the article is in it, and what was extracted."""

    id: str
    text: str
    source: str  # file path, "jsonl:LINE" or "<text>": for messages
    url: str | None = None
    zones: list[Zone] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    described: list[DescribedSource] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def spans(self, *kinds: ZoneKind) -> list[Span]:
        return [z.span for z in self.zones if not kinds or z.kind in kinds]

    def sentence_of(self, span: Span) -> Span | None:
        """The sentence that holds ``span``, if any (by bisection: sentences are in text order)."""
        sentences = self.sentences
        cached = self.__dict__.get("_sentence_index")
        if cached is None or cached[0] is not sentences or cached[1] != len(sentences):
            starts = [s.start for s in sentences]
            ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
            cached = (sentences, len(sentences), starts if ordered else None)
            self.__dict__["_sentence_index"] = cached
        starts = cached[2]
        if starts is None:  # not in order: look at each
            return next((s for s in sentences if span in s), None)
        i = bisect_right(starts, span.start) - 1
        return sentences[i] if i >= 0 and span in sentences[i] else None


@dataclass(frozen=True)
class Membership:
    """A person's role in an organisation or country, e.g. "Russian President Vladimir Putin"."""

    person: int  # index into Document.entities
    organization: int  # index into Document.entities
    role: str  # "President"
    mention: Span  # the title as written


@dataclass(frozen=True)
class DescribedSource:
    """An unnamed actor or source known by a description: "Russian defense officials"."""

    label: str
    mention: Span
    affiliation: int | None = None  # the entity it belongs to: Russia for "Russian defense officials"


@dataclass(frozen=True)
class Quantity:
    """A number in the text: "19 percent", "3,000 ISIS fighters", "US$40 billion"."""

    span: Span
    kind: QuantityKind
    value: str  # canonical xsd:decimal text, e.g. "40000000000.0"
    unit: str  # "percent", what is counted, or the currency


@dataclass
class Event:
    """Something that happens, found from its trigger word."""

    trigger: Span
    lemma: str
    type: str  # an event class name of the ontology, e.g. "MilitaryOperation"
    sentence: Span
    agents: list[Ref] = field(default_factory=list)
    patients: list[Ref] = field(default_factory=list)
    others: list[Ref] = field(default_factory=list)
    places: list[int] = field(default_factory=list)
    time: DateValue | None = None
    factuality: Factuality = "asserted"


@dataclass
class Claim:
    """Something a source says is so."""

    cue: Span
    content: Span
    source: Ref
    sentence: Span
    date: DateValue | None = None
    quantities: list[Quantity] = field(default_factory=list)
