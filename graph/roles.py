"""Roles: "Russian President Vladimir Putin", "Northrop Grumman CEO Ron Sugar",
"USAF's chief of staff General Duncan McNab", "Tim Cook, Apple's chief executive",
"Jane Doe, the director of the Institute" → (person, organisation or country, title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .gazetteer import honorifics, titles
from .model import Entity, Membership, Span

WORDS = re.compile(r"[^\s,;:()]+")


def _title_words() -> set[str]:
    return {w for phrase in titles() for w in phrase.split()}


def role_of(phrase: str) -> str | None:
    """The title in ``phrase`` ("President", "First Deputy Defense Minister Gen." → without the
    rank), or None unless every word is a title word or capitalised and the last is a title."""
    words = WORDS.findall(phrase)
    lexicon = _title_words()
    while words and (words[-1].lower().rstrip(".") in {h.rstrip(".") for h in honorifics()}
                     or (words[-1].endswith(".") and words[-1].lower() in lexicon and len(words) > 1)):
        words = words[:-1]
    if not 1 <= len(words) <= 7:
        return None
    if not all(w.lower() in lexicon or w[0].isupper() or w.lower() in ("of", "and", "for") for w in words):
        return None
    if words[-1].lower() not in lexicon or words[0].lower() in ("of", "and", "for"):
        return None
    return " ".join(w if w.isupper() or w in ("of", "and", "for") else w[0].upper() + w[1:] for w in words)


def _tight(text: str, span: Span) -> Span:
    end = span.end
    while end > span.start and text[end - 1] in ",;: ":
        end -= 1
    return Span(span.start, end)


def find_memberships(text: str, sentences: Sequence[Span], entities: Sequence[Entity]) -> list[Membership]:
    """Memberships stated next to a person's name within one sentence."""
    located = sorted(
        (span, i) for i, e in enumerate(entities) if e.kind in ("Person", "Organization", "Place")
        for span in e.mentions
    )
    out: dict[tuple[int, int, str], Membership] = {}
    for sentence in sentences:
        inside = [(s, i) for s, i in located if s in sentence]
        for (left, a), (right, b) in zip(inside, inside[1:]):
            between = text[left.end : right.start]
            ka, kb = entities[a].kind, entities[b].kind
            if ka != "Person" and kb == "Person":
                # ORG TITLE PERSON, ORG's TITLE PERSON
                match = re.fullmatch(r"(?:['’]s)?\s+(.+?)\s+", between)
                role = role_of(match.group(1)) if match else None
                if role:
                    span = _tight(text, Span(left.end + match.start(1), left.end + match.end(1)))
                    out.setdefault((b, a, role.lower()), Membership(b, a, role, span))
            elif ka == "Person" and kb != "Person":
                # PERSON, [the] TITLE of|at ORG
                match = re.fullmatch(r",\s+(?:the\s+|an?\s+)?(.+?)\s+(?:of|at|for|with)\s+(?:the\s+)?", between)
                role = role_of(match.group(1)) if match else None
                if role:
                    span = Span(left.end + match.start(1), left.end + match.end(1))
                    out.setdefault((a, b, role.lower()), Membership(a, b, role, span))
                elif re.fullmatch(r",\s+", between):
                    # PERSON, ORG's TITLE
                    after = re.match(r"['’]s\s+([^,.;]+?)(?=[,.;]|$)", text[right.end : sentence.end])
                    role = role_of(after.group(1)) if after else None
                    if role:
                        span = Span(right.end + after.start(1), right.end + after.end(1))
                        out.setdefault((a, b, role.lower()), Membership(a, b, role, span))
    return list(out.values())
