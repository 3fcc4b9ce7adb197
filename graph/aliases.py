"""Stage 4, aliases: one entity per real-world thing in a document.

Mentions are merged when they are the same name up to case, dots and legal suffixes; when the
gazetteer knows them as one thing ("US", "U.S.", "United States", "American"); when a surname
or first-and-last name points to exactly one full name ("Putin" → "Vladimir Putin"); and when an
acronym is introduced in parentheses or spells the initials of a longer name ("United States
Air Force (USAF)"). The fullest name becomes the label, every other form an alias.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .entities import RawMention
from .gazetteer import demonym_of, lookup
from .model import Entity, EntityKind, Span

LEGAL_SUFFIX = re.compile(
    r"[\s,]+(?:inc|incorporated|corp|corporation|co|ltd|limited|llc|plc|n\.?v|s\.?a|ag|gmbh|group)\.?$",
    re.I,
)
MINOR_WORDS = {"of", "and", "the", "for", "&", "de", "du", "la", "on", "in"}


def normal(surface: str) -> str:
    text = LEGAL_SUFFIX.sub("", surface.strip())
    return re.sub(r"\s+", " ", text.replace(".", "").replace("’", "'")).casefold()


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in MINOR_WORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


@dataclass
class Cluster:
    kinds: Counter[EntityKind] = field(default_factory=Counter)
    mentions: list[RawMention] = field(default_factory=list)
    canonical: str | None = None  # the gazetteer's name
    subtype: str | None = None

    @property
    def kind(self) -> EntityKind:
        return self.kinds.most_common(1)[0][0]

    @property
    def surfaces(self) -> set[str]:
        return {m.text for m in self.mentions}

    def absorb(self, other: Cluster) -> None:
        self.kinds.update(other.kinds)
        self.mentions += other.mentions
        self.canonical = self.canonical or other.canonical
        self.subtype = self.subtype or other.subtype

    def label(self) -> str:
        if self.canonical:
            return self.canonical
        return max(self.surfaces, key=lambda s: (len(s.split()), len(s), s))


def _key(mention: RawMention) -> tuple[str, str]:
    if mention.canonical:
        return ("gazetteer", mention.canonical)
    if mention.kind == "Person":
        return (mention.kind, normal(mention.text))  # "Jordan" the person is not the country
    entry = _entry(mention.text)
    if entry is not None:
        return ("gazetteer", entry.name)
    return (mention.kind, normal(mention.text))


def _entry(surface: str):
    """The gazetteer entry of a name, also without a legal suffix ("General Motors Corporation")."""
    return lookup(surface) or demonym_of(surface) or lookup(LEGAL_SUFFIX.sub("", surface).strip())


def _merge_people(clusters: list[Cluster]) -> list[Cluster]:
    """Shorter names into the one fuller name they fit: multi-word forms first ("Ann Sandvik" →
    "Ann Marie Sandvik"), then bare surnames ("Sandvik")."""
    people = [c for c in clusters if c.kind == "Person"]
    for single in (False, True):
        for short in people:
            if not short.mentions:
                continue
            words = short.label().split()
            if (len(words) == 1) != single:
                continue
            full = [c for c in people if c is not short and c.mentions and len(c.label().split()) >= 2]
            if single:
                targets = [c for c in full if words[0] in c.label().split()[1:]]
            else:
                targets = [c for c in full if _same_person(words, c.label().split())]
            if len(targets) == 1 and len(targets[0].label()) > len(short.label()):
                targets[0].absorb(short)
                short.mentions = []
    return [c for c in clusters if c.mentions]


def _same_person(short: list[str], longer: list[str]) -> bool:
    """"Valery Gerasimov" and "Valery Vasilyevich Gerasimov": same first and last name; "Vega
    Morales" and "Ricardo Vega Morales": a two-part surname on its own."""
    if len(longer) <= len(short):
        return False
    return short[0] == longer[0] and short[-1] == longer[-1] or longer[-len(short):] == short


def _merge_acronyms(text: str, clusters: list[Cluster]) -> list[Cluster]:
    for short in clusters:
        label = short.label()
        if not (2 <= len(label) <= 8 and label.replace(".", "").isupper()) or short.canonical:
            continue
        letters = label.replace(".", "")
        targets = [
            c for c in clusters
            if c is not short and c.mentions and len(c.label().split()) >= 2
            and (initials(c.label()) == letters or _introduced(text, c, short))
        ]
        if len(targets) == 1:
            targets[0].absorb(short)
            short.mentions = []
    return [c for c in clusters if c.mentions]


def _introduced(text: str, long: Cluster, short: Cluster) -> bool:
    """"Long Name (ACR)": the acronym in parentheses right after the long name."""
    ends = {m.span.end for m in long.mentions}
    for m in short.mentions:
        before = text[max(0, m.span.start - 3) : m.span.start]
        if before.endswith("(") and any(0 <= m.span.start - e <= 3 for e in ends):
            return True
    return False


def resolve(text: str, mentions: list[RawMention]) -> list[Entity]:
    """Group mentions into entities, in order of first mention."""
    by_key: dict[tuple[str, str], Cluster] = {}
    for mention in mentions:
        key = _key(mention)
        cluster = by_key.setdefault(key, Cluster())
        cluster.kinds[mention.kind] += 1
        cluster.mentions.append(mention)
        if mention.canonical:
            cluster.canonical = mention.canonical
        elif key[0] == "gazetteer" and mention.kind != "Person":
            entry = _entry(mention.text)
            cluster.canonical = entry.name if entry else None
            cluster.subtype = "Country" if entry and entry.category == "country" else cluster.subtype
    clusters = _merge_people(list(by_key.values()))
    clusters = _merge_acronyms(text, clusters)
    entities: list[Entity] = []
    for cluster in clusters:
        label = cluster.label()
        if cluster.kind == "Person" and label.isupper() and len(label.split()) >= 2:
            # a byline in capitals ("By EMMANUEL KIPRONO"): the name as it is written elsewhere
            label = re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower(), label)
        spans: list[Span] = sorted({m.span for m in cluster.mentions})
        entities.append(
            Entity(
                kind=cluster.kind,
                label=label,
                mentions=spans,
                aliases=cluster.surfaces - {label},
                subtype=cluster.subtype,
                known=cluster.canonical is not None,
            )
        )
    entities.sort(key=lambda e: e.mentions[0])
    return entities
