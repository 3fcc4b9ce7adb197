"""Who a phrase of the parse stands for: one of the document's entities, or, for an unnamed
actor or source ("Russian defense officials"), a described source.

Shared by the events and claims stages so that both point at the same nodes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from .model import DescribedSource, Document, Ref, Span

NOMINAL = {"NOUN", "PROPN"}
# A wire dateline opening a paragraph: the place in capitals, maybe a date and the agency, a dash.
WIRE_PREFIX = re.compile(
    r"^[A-Z][A-Z.'’ -]+(?:,\s*[A-Z0-9][\w.'’ -]{1,30}){0,3}(?:\s*\([^)]{1,40}\)|\s*/[^/]{1,40}/)?\s*[—–-]{1,2}\s"
)
MODIFIERS = {"compound", "amod", "nmod", "poss", "nummod", "npadvmod"}
# Words that make a noun phrase a description of people or groups, not of things.
AGENTIVE_HEADS = {
    "official", "officials", "troops", "soldiers", "forces", "government", "rebels", "militants",
    "fighters", "police", "officers", "analysts", "experts", "sources", "diplomats", "spokesman",
    "spokeswoman", "spokesperson", "ministry", "army", "military", "authorities", "residents",
    "witnesses", "activists", "observers", "investigators", "prosecutors", "lawmakers", "leaders",
    "executives", "company", "firm", "airline", "manufacturer", "carrier", "group", "coalition",
    "administration", "agency", "regulators", "critics", "protesters", "researchers", "scientists",
    "workers", "employees", "union", "board", "court", "judge", "commission", "committee", "council",
    "minister", "ministers", "bank", "office", "department", "president", "mayor", "governor",
    "secretary", "chancellor", "ambassador", "envoy", "lawyer", "lawyers", "attorney", "officer",
    "commander", "general", "chief", "director", "chairman", "chairwoman", "negotiators", "staff",
    "party", "parliament", "cabinet", "embassy", "regulator", "senator", "senators", "aides", "aide",
}

# People known by whom they are related to: "Putin's wife" is not Putin.
RELATIVES = {
    "wife", "husband", "son", "sons", "daughter", "daughters", "mother", "father", "brother", "brothers",
    "sister", "sisters", "child", "children", "parents", "family", "widow", "widower", "friend", "friends",
    "girlfriend", "boyfriend", "partner", "fiancee", "fiancé", "fiancée", "grandson", "granddaughter",
    "nephew", "niece", "cousin", "uncle", "aunt",
}


def token_span(token: Token, base: int) -> Span:
    start = base + token.idx
    return Span(start, start + len(token))  # len(token) is len(token.text), without making the string


class Resolver:
    """Maps parse tokens of one document to entity or described-source references."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        pairs = sorted((span, i) for i, e in enumerate(doc.entities) for span in (*e.mentions, *e.pronouns))
        self._spans = [p[0] for p in pairs]
        self._starts = [p[0].start for p in pairs]
        self._owners = [p[1] for p in pairs]
        self._datelines = [Span(z.span.start, z.span.start + m.end()) for z in doc.zones if z.kind == "body"
                           if (m := WIRE_PREFIX.match(z.span.text(doc.text)))]

    def without_dateline(self, span: Span) -> Span:
        """``span`` starting after a wire dateline it opens with."""
        for dateline in self._datelines:
            if span.start < dateline.end <= span.end and span.start >= dateline.start:
                return Span(dateline.end, span.end)
        return span

    def entity_at(self, span: Span) -> int | None:
        """The entity with a mention overlapping ``span``; none inside a body's wire dateline
        ("STOCKHOLM —", "NAKURU, Kenya (AP) —"), whose place the parser often takes for the
        subject of the sentence it opens."""
        if self._datelines and any(span.overlaps(d) for d in self._datelines):
            return None
        i = bisect.bisect_right(self._starts, span.end) - 1
        while i >= 0 and self._spans[i].end > span.start - 200:
            if self._spans[i].overlaps(span):
                return self._owners[i]
            i -= 1
        return None

    def entity_of(self, token: Token, base: int) -> int | None:
        """The entity the noun phrase headed by ``token`` names, looking into its modifiers
        ("Islamic State militants" → Islamic State)."""
        found = self.entity_at(token_span(token, base))
        if found is not None:
            return found
        for child in token.rights:
            # "Microsoft's chief executive Satya Nadella": the named apposition, not the owner
            if child.dep_ == "appos":
                found = self.entity_at(token_span(child, base))
                if found is not None:
                    return found
        for child in token.lefts:
            if child.dep_ in MODIFIERS and not (child.dep_ == "poss" and token.lower_ in RELATIVES):
                found = self.entity_of(child, base)
                if found is not None:
                    return found
        return None

    def refs(self, token: Token, base: int, *, describe: bool = False) -> list[Ref]:
        """The participants a phrase names: its entity, and those of its conjuncts
        ("Iraq and Syria"); unnamed agentive phrases become described sources if asked."""
        out: list[Ref] = []
        for head in (token, *token.conjuncts):
            entity = self.entity_of(head, base)
            if describe and entity is not None and self._group_of(head, base, entity):
                entity = None  # "Russian defense officials" are not Russia itself
            if entity is not None:
                ref: Ref = ("entity", entity)
            elif describe and head.pos_ in NOMINAL:
                described = self.describe(head, base)
                if described is None:
                    continue
                ref = described
            else:
                continue
            if ref not in out:
                out.append(ref)
        return out

    def _group_of(self, head: Token, base: int, entity: int) -> bool:
        """An agentive head ("officials", "troops") that only borrows a place's name."""
        own = self.entity_at(token_span(head, base))
        agentive = head.lemma_.lower() in AGENTIVE_HEADS or head.lower_ in AGENTIVE_HEADS
        return own is None and agentive and self.doc.entities[entity].kind == "Place"

    def describe(self, head: Token, base: int) -> Ref | None:
        """A described source for an unnamed phrase such as "Russian defense officials"."""
        if head.lemma_.lower() not in AGENTIVE_HEADS and head.lower_ not in AGENTIVE_HEADS:
            return None
        start = head
        for child in head.lefts:
            if child.dep_ in MODIFIERS and child.i < start.i:
                start = child
        first, last = token_span(start, base), token_span(head, base)
        span = Span(first.start, last.end)
        label = span.text(self.doc.text)
        if "\n" in label:
            return None
        for i, known in enumerate(self.doc.described):
            if known.mention == span:
                return ("described", i)
        affiliation = next((self.entity_at(token_span(t, base)) for t in head.lefts
                            if t.dep_ in MODIFIERS and self.entity_at(token_span(t, base)) is not None), None)
        self.doc.described.append(DescribedSource(label, span, affiliation))
        return ("described", len(self.doc.described) - 1)


def subject_taken_for_root(verb: Token) -> Token | None:
    """The subject of a verb the parser hung on it as a modifier, having taken the whole
    sentence for a noun phrase: "General Motors, an automaker hit by the crisis, announced on
    Friday that ..." (root "Motors", "announced" its acl). A real modifier ("the plan
    announced on Friday was dropped") has a verb of its own above it, so its noun is no root."""
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in NOMINAL:
        return head
    return None


def subtree_span(tokens: Iterable[Token], base: int) -> Span:
    """The span of the first unbroken run of ``tokens`` (a clause with a gap stops at the gap)."""
    toks = sorted(tokens, key=lambda t: t.i)
    run = [toks[0]]
    for token in toks[1:]:
        if token.i != run[-1].i + 1:
            break
        run.append(token)
    return Span(base + run[0].idx, base + run[-1].idx + len(run[-1].text))


def trim_span(text: str, span: Span, strip: Sequence[str] = (" ", ",", ";", ":", "\u00a0")) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in (*strip, "."):
        end -= 1
    return Span(start, end)
