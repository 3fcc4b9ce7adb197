"""The pipeline: raw text → Document with zones, metadata, entities, dates, roles, pronouns,
claims, events.

Stages run in order (ingest → metadata → entities → aliases → dates → roles → coreference →
claims → events); the spaCy model runs once per article part (headline, captions, body
paragraphs) through ``nlp.pipe``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from .aliases import resolve
from .dates import find_dates, parse_date
from .entities import RawMention, correct, credit_spans, harmonise, known_names, sentence_case
from .errors import GraphError, InputError
from .ingest import RawArticle, find_article
from .metadata import extract_metadata
from .model import DateMention, Document, Span, Zone
from .claims import find_claims
from .coreference import resolve_pronouns
from .events import find_events
from .participants import Resolver
from .roles import find_memberships

ANALYSED = ("headline", "standfirst", "caption", "body")


@dataclass
class Segment:
    """One analysed part of the article: its span and what the model found in it."""

    span: Span
    kind: str
    sentences: list[Span]
    ents: list[tuple[Span, str]]
    parsed: Doc | None = None  # the model's analysis; its offsets start at span.start


def _segment_texts(doc: Document) -> tuple[list[Zone], list[str]]:
    """The article parts the model reads, headlines in sentence case (same length)."""
    zones = [z for z in doc.zones if z.kind in ANALYSED]
    known = known_names(doc.text, [z.span for z in zones if z.kind == "body"])
    texts = []
    for zone in zones:
        piece = zone.span.text(doc.text)
        texts.append(sentence_case(piece, known) if zone.kind == "headline" else piece)
    return zones, texts


def _segments_of(text: str, zones: list[Zone], parsed_docs: Iterable[Doc]) -> list[Segment]:
    out = []
    for zone, parsed in zip(zones, parsed_docs):
        base = zone.span.start
        sentences = []
        for sent in parsed.sents:
            # the sentence as the article has it (the model read the same characters, but for a
            # headline's case): slicing is cheaper than ``sent.text``, which joins its tokens
            piece = text[base + sent.start_char : base + sent.end_char]
            lead = len(piece) - len(piece.lstrip())
            core = piece.strip()
            if core:
                start = base + sent.start_char + lead
                sentences.append(Span(start, start + len(core)))
        if zone.kind == "headline":
            sentences = [zone.span]
        ents = [(Span(base + e.start_char, base + e.end_char), e.label_) for e in parsed.ents]
        out.append(Segment(zone.span, zone.kind, sentences, ents, parsed))
    return out


def _dates(doc: Document, segments: list[Segment]) -> list[DateMention]:
    text = doc.text
    meta = doc.metadata
    anchor = meta.published.value if meta.published else None
    anchor_date = _as_date(anchor)
    found: list[DateMention] = []
    for segment in segments:
        candidates = [span for span, label in segment.ents if label == "DATE"]
        local_anchor = anchor_date
        if segment.kind == "caption":
            absolute = find_dates(text, [segment.span], None, candidates)
            days = [d for d in absolute if d.value.precision == "day"]
            if days:
                meta.caption_dates[segment.span] = days[0].value
                local_anchor = _as_date(days[0].value)
        found += find_dates(text, [segment.span], local_anchor, candidates)
    for zone in doc.zones:
        if zone.kind == "dateline":
            value = parse_date(zone.span.text(text))
            if value is not None:
                found.append(DateMention(zone.span, value))
    return sorted(set(found), key=lambda d: d.span)


def _as_date(value):
    import datetime

    if value is None or value.precision != "day":
        return None
    return datetime.date.fromisoformat(value.value)


def _people_and_sources(doc: Document) -> list[RawMention]:
    """Authors, publisher, site and credited agencies: entities named by the page's metadata."""
    text = doc.text
    meta = doc.metadata
    out = [RawMention(span, "Person", span.text(text)) for span in meta.authors]
    for span in (meta.publisher, meta.site):
        if span is not None:
            out.append(RawMention(span, "Organization", span.text(text)))
    for credit in meta.credits:
        out.append(RawMention(credit.mention, "Organization", credit.mention.text(text), credit.agency))
    return out


def prepare(raw: RawArticle) -> tuple[Document, list[Zone], list[str]]:
    """Ingest and metadata: the document and the texts of its parts for the model."""
    doc = Document(id=raw.id, text=raw.text, source=raw.source, url=raw.url)
    doc.zones = list(raw.html.zones) if raw.html is not None else find_article(raw.text)
    if not any(z.kind in ANALYSED for z in doc.zones):
        raise InputError(f"{raw.source} holds no article text (only menus, links or footers).")
    doc.metadata = extract_metadata(doc)
    zones, texts = _segment_texts(doc)
    return doc, zones, texts


def finish(doc: Document, segments: list[Segment]) -> Document:
    """Every stage after the model: entities, aliases, dates, roles, pronouns, claims, events."""
    doc.sentences = [s for seg in segments for s in seg.sentences]
    regions = [seg.span for seg in segments]
    credits = credit_spans(doc.text, [s.span for s in segments if s.kind == "caption"])
    raw_mentions = [
        m for seg in segments for span, label in seg.ents for m in correct(doc.text, span, label, credits)
    ]
    mentions = harmonise(doc.text, raw_mentions, regions, credits)
    sources = _people_and_sources(doc)
    taken = [m.span for m in sources]
    mentions = [m for m in mentions if not any(m.span.overlaps(t) for t in taken)] + sources
    doc.entities = resolve(doc.text, mentions)
    doc.dates = _dates(doc, segments)
    doc.memberships = find_memberships(doc.text, doc.sentences, doc.entities)
    parsed = [(seg.parsed, seg.span.start, seg.kind) for seg in segments if seg.parsed is not None]
    resolve_pronouns(doc, parsed)
    resolver = Resolver(doc)
    doc.claims = find_claims(doc, parsed, resolver)
    doc.events = find_events(doc, parsed, resolver)
    return doc


def analyse_one(nlp, raw: RawArticle) -> Document:
    """Analyse one article."""
    doc, zones, texts = prepare(raw)
    return finish(doc, _segments_of(doc.text, zones, nlp.pipe(texts)))


OnError = Callable[[str, GraphError], None]


def analyse(nlp, raws: Iterable[RawArticle], *, n_process: int = 1, batch_size: int = 64,
            on_error: OnError | None = None) -> Iterator[Document]:
    """Analyse articles as a stream: the parts of all articles go through one ``nlp.pipe``
    (batched, and spread over ``n_process`` processes), and each article is finished as soon as
    its last part is back, so memory does not grow with the number of articles.

    An article that fails is passed to ``on_error`` (its source and the error) and skipped;
    without ``on_error`` the error is raised. With ``n_process`` > 1 whole articles are analysed
    in worker processes (:mod:`graph.parallel`), where the system can fork them.
    """
    from . import parallel

    if n_process > 1 and parallel.available():
        yield from parallel.analyse_in_processes(nlp, raws, n_process, on_error)
        return
    pending: deque[tuple[Document, list[Zone], list[Doc]]] = deque()
    expected: deque[int] = deque()

    def parts() -> Iterator[tuple[str, int]]:
        for raw in raws:
            try:
                doc, zones, texts = prepare(raw)
            except GraphError as exc:
                if on_error is None:
                    raise
                on_error(raw.source, exc)
                continue
            pending.append((doc, zones, []))
            expected.append(len(texts))
            for text in texts:
                yield text, 0

    for parsed, _ in nlp.pipe(parts(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        pending[0][2].append(parsed)
        while pending and len(pending[0][2]) == expected[0]:
            doc, zones, parsed_docs = pending.popleft()
            expected.popleft()
            try:
                yield finish(doc, _segments_of(doc.text, zones, parsed_docs))
            except GraphError as exc:
                if on_error is None:
                    raise
                on_error(doc.source, exc)
