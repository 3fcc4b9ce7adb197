"""Stage 4b, pronouns: "he", "she", "him", "her", "his" back to the named person they stand for,
so that "He said the talks had failed" has a source and "she met ..." an agent.

Conservative by design, since a wrong source is worse than none: a pronoun is resolved only when
exactly one named person fits in the stretch of text before it (its own sentence up to it and
the two sentences before). A person fits unless a title ("Mr", "Mrs", "Ms", ...), their given
name (``data/given_names.tsv``: "Maria" is a woman's) or earlier pronouns resolved to them say
otherwise; a one-word "person" (often a place or firm the model misread) never does. A pronoun
inside a quotation is left alone (a quoted "he" is the speaker's, not the reporter's), and so is
one near an unnamed person it may stand for ("the minister's wife said she ...", "a police
officer said he ..."), and the speaker of a quotation that speaks of the person or of someone of
that gender ('"He is fit," he said'). The resolved pronoun becomes one more mention of the
person (``Entity.pronouns``), kept apart from the names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from .gazetteer import given_name_gender
from .model import Document, Entity, Span

MASCULINE = {"he", "him", "his", "himself"}
FEMININE = {"she", "her", "hers", "herself"}
_IDS = {get_string_id(word): word for word in MASCULINE | FEMININE}
TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "madame": "f", "dame": "f",
    "lady": "f", "queen": "f", "princess": "f",
}
# Unnamed people of one gender: the pronoun may stand for them rather than for the named person.
GENDERED_NOUNS = {
    "m": {"man", "men", "husband", "father", "son", "brother", "boy", "uncle", "nephew", "grandfather",
          "king", "prince", "businessman", "chairman", "spokesman", "congressman", "policeman", "fireman"},
    "f": {"woman", "women", "wife", "mother", "daughter", "sister", "girl", "aunt", "niece", "grandmother",
          "queen", "princess", "businesswoman", "chairwoman", "spokeswoman", "congresswoman", "policewoman",
          "widow", "actress"},
}
# Unnamed people of either gender: the pronoun may stand for one that is a subject before it ("A
# police officer said he ...").
PERSON_NOUNS = {
    "official", "officer", "lawyer", "attorney", "spokesperson", "witness", "resident", "doctor", "nurse",
    "teacher", "student", "driver", "pilot", "soldier", "worker", "employee", "minister", "president",
    "director", "manager", "judge", "prosecutor", "suspect", "victim", "farmer", "owner", "analyst", "expert",
    "researcher", "source", "leader", "member", "candidate", "governor", "mayor", "senator", "executive",
    "founder", "engineer", "scientist", "professor", "journalist", "reporter", "activist", "survivor",
    "commander", "diplomat", "ambassador", "negotiator", "customer", "passenger", "neighbour", "neighbor",
    "chief", "head", "person", "friend", "colleague", "boss", "coach", "player", "fan", "voter",
}
WINDOW = 2  # sentences before the pronoun's own
READ = ("headline", "standfirst", "body", "caption")  # the parts whose names a pronoun can take up
OPENING, CLOSING = "“", "”"


def resolve_pronouns(doc: Document, segments: Iterable[tuple[Doc, int, str]]) -> None:
    """Add to each named person of ``doc`` the pronouns that stand for them."""
    read = [z.span for z in doc.zones if z.kind in READ]  # not the byline: an author is not "he"
    people = sorted((span.start, span.end, i) for i, e in enumerate(doc.entities) if e.kind == "Person"
                    for span in e.mentions if any(span in zone for zone in read))
    if not people:
        return
    starts = [p[0] for p in people]
    text = doc.text
    gender = {i: g for _, _, i in people if (g := _gender(text, doc.entities[i]))}
    sentence_starts = [s.start for s in doc.sentences]
    for parsed, base, kind in segments:
        if kind not in READ or kind == "headline":
            continue
        for t, lower in enumerate(parsed.to_array(LOWER).tolist()):
            word = _IDS.get(lower)
            if word is None or parsed[t].pos_ != "PRON":
                continue
            token = parsed[t]
            start = base + token.idx
            span = Span(start, start + len(token))
            if _quoted(text, base, start):
                continue
            k = bisect.bisect_right(sentence_starts, start) - 1
            window = doc.sentences[max(k - WINDOW, 0)].start if k >= 0 else base
            sex = "m" if word in MASCULINE else "f"
            found = {i for s, e, i in people[bisect.bisect_left(starts, window):bisect.bisect_left(starts, start)]
                     if e <= start and gender.get(i, sex) == sex}
            if len(found) != 1 or _unnamed_of_gender(parsed, token, base, window, sex, people):
                continue
            person = found.pop()
            if len(doc.entities[person].label.split()) < 2:
                continue  # a one-word "person" is often a place or firm the model misread
            if _quoted_about(text, doc.sentences[k] if k >= 0 else span, start, sex, doc.entities[person].mentions):
                continue
            gender.setdefault(person, sex)
            doc.entities[person].pronouns.append(span)


def _gender(text: str, person: Entity) -> str | None:
    """The gender a title before one of the person's names gives ("Mr Smith", "Ms. Lopez"), else
    the one their given name has ("Maria Lopez"), if any."""
    for span in person.mentions:
        before = text[max(span.start - 10, 0):span.start].split()
        if before and before[-1].lower() in TITLES:
            return TITLES[before[-1].lower()]
    words = person.label.split()
    return given_name_gender(words[0]) if len(words) >= 2 else None


def _quoted_about(text: str, sentence: Span, position: int, sex: str, names: list[Span]) -> bool:
    """'"He is fit to play," he said': a quotation earlier in the sentence speaks of someone of
    the pronoun's gender or of the person, so its speaker is likely someone else."""
    before = text[sentence.start:position]
    for quote in re.finditer(r"[\"“]([^\"“”]+)[\"”]", before):
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", quote.group(1))}
        if words & (MASCULINE if sex == "m" else FEMININE):
            return True
        start = sentence.start + quote.start()
        if any(start <= n.start and n.end <= sentence.start + quote.end() for n in names):
            return True
    return False


def _quoted(text: str, base: int, position: int) -> bool:
    """Whether ``position`` lies inside a quotation opened earlier in its paragraph."""
    paragraph = text.rfind("\n", base, position) + 1 or base
    before = text[paragraph:position]
    if before.count('"') % 2:
        return True
    return before.rfind(OPENING) > before.rfind(CLOSING)


def _unnamed_of_gender(parsed: Doc, pronoun: Token, base: int, window: int, sex: str,
                       people: list[tuple[int, int, int]]) -> bool:
    """A gendered noun for a person ("wife", "a spokesman"), or any noun for a person that is a
    subject ("a police officer said"), between the window's start and the pronoun, within this
    part of the article, that is not a title of a named person ("chairman Steve Jobs", "Jobs,
    Apple's chairman")."""
    nouns = GENDERED_NOUNS[sex]

    def named(token: Token) -> bool:
        start = base + token.idx
        i = bisect.bisect_right(people, (start, float("inf"), 0)) - 1
        return any(s <= start < e for s, e, _ in people[max(i - 3, 0):i + 1])

    for token in parsed[: pronoun.i]:
        if base + token.idx < window or token.pos_ != "NOUN":
            continue
        gendered = token.lower_ in nouns
        if not gendered and not (token.lemma_.lower() in PERSON_NOUNS and token.dep_ in ("nsubj", "nsubjpass")):
            continue
        if token.dep_ in ("compound", "appos") and named(token.head):
            continue
        if any(c.dep_ in ("compound", "appos") and named(c) for c in token.children):
            continue
        return True
    return False
