"""Stage 6b, claims: reported speech and attribution — who says, claims, estimates, warns or
calls for what, and what is so "according to" whom.

A claim is the reported clause (a ``ccomp`` of a reporting verb, the object of "call for" or
"urge", the quotation, or the rest of the sentence for "according to X") with its cue, its
source (an entity, or a described source such as "Russian defense officials") and the numbers
it states. Its date is a date stated in the reporting clause, else the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from .model import Claim, DateValue, Document, Span
from .participants import Resolver, subject_taken_for_root, subtree_span, token_span, trim_span
from .quantities import quantities_in

REPORTING = {
    "say", "tell", "claim", "state", "announce", "report", "add", "note", "estimate", "warn", "suggest",
    "deny", "confirm", "explain", "insist", "argue", "believe", "think", "predict", "accuse", "allege",
    "acknowledge", "admit", "write", "declare", "reveal", "indicate", "stress", "emphasize", "emphasise",
    "assert", "maintain", "contend", "concede", "disclose", "forecast", "caution", "comment", "respond",
    "reply", "call", "urge", "demand", "propose", "promise", "threaten", "vow", "pledge", "describe",
    "hope", "expect", "fear", "testify", "speculate", "recommend", "advise", "project",
}
OBJECT_CONTENT = {"call": "for", "urge": None, "demand": None, "propose": None, "estimate": None,
                  "predict": None, "forecast": None, "deny": None, "confirm": None, "announce": None,
                  "recommend": None, "project": None, "promise": None, "threaten": None}
QUOTES = "\"“”"
_ACCORDING = get_string_id("according")


def clause(head: Token) -> list[Token]:
    """``head``'s subtree without clauses joined to it by a bare comma that have their own
    subject (the parser often hangs the next sentence-like clause on the reported one)."""
    skip: set[int] = set()
    for child in head.children:
        linked = any(c.dep_ == "cc" and c.i < child.i for c in head.children)  # "..., and the faction ..."
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and not linked and \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            skip |= {t.i for t in child.subtree}
            skip |= {c.i for c in head.children if c.dep_ in ("cc", "punct") and c.i < child.i}
    return [t for t in head.subtree if t.i not in skip]


def _cue_span(verb: Token, base: int) -> Span:
    """The cue as written, with its auxiliaries and particle: "has claimed", "is calling for"."""
    tokens = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    if verb.lemma_.lower() == "call":
        tokens += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return Span(token_span(first, base).start, token_span(last, base).end)


def _content(verb: Token, base: int, text: str) -> Span | None:
    lemma = verb.lemma_.lower()
    complements = [c for c in verb.children if c.dep_ == "ccomp"] or \
        [c for c in verb.children if c.dep_ == "xcomp"]
    for child in complements or _stray_that_clause(verb):
        # "said that the talks had failed": the clause without its "that"
        tokens = [t for t in clause(child) if not (t.dep_ == "mark" and t.head == child and t.lower_ == "that")]
        return subtree_span(tokens, base)
    if lemma in OBJECT_CONTENT:
        prep = OBJECT_CONTENT[lemma]
        for child in verb.children:
            if prep and child.dep_ == "prep" and child.lower_ == prep:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    tokens = [t for o in objs for t in o.subtree]
                    tokens += [t for c in verb.children if c.dep_ in ("advcl", "xcomp") for t in c.subtree]
                    return subtree_span(tokens, base)
            if not prep and child.dep_ == "dobj":
                return subtree_span(child.subtree, base)
    return _quotation(verb, base, text)


def _stray_that_clause(verb: Token) -> list[Token]:
    """A "that" clause the parser hung on a phrase after the verb rather than on the verb:
    "announced Monday in an internal memo that he would be on leave" (a relative clause of
    "memo", but one opened by the conjunction "that", which a relative clause is not)."""
    phrases = [c for c in verb.rights if c.dep_ in ("prep", "npadvmod", "advmod")]
    for _ in range(3):
        for phrase in phrases:
            for child in phrase.children:
                if child.dep_ in ("relcl", "acl", "ccomp", "advcl") and child.i > phrase.i and \
                        any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                    return [child]
        phrases = [c for p in phrases for c in p.rights if c.dep_ in ("pobj", "prep")]
    return []


DANGLING = re.compile(
    r"(?:[\s,;:–—-]+(?:but|and|or|nor|so|yet|before|after|because|although|though|while|which|who|whom|"
    r"whose|that|as|of|to|at|in|on|for|with|by|from|the|a|an))+[\s,;:–—-]*$",
    re.I,
)


def without_dangling(text: str, content: Span) -> Span:
    """A reported clause without the connective the parse left at its end ("the fine would have
    been £69m, but"): what followed it was cut off as another clause."""
    piece = content.text(text)
    found = DANGLING.search(piece)
    if found is None or found.start() == 0:
        return content
    return trim_span(text, Span(content.start, content.start + found.start()))


def _whole_quotation(text: str, content: Span, sentence: Span) -> Span:
    """A reported clause that opens a direct quotation runs to the quotation's end: the parser
    often cuts '"We had warm, humid air ...," said X' at the first comma."""
    if content.start == 0 or text[content.start - 1] not in "\"“":
        return content
    closing = next((i for i in range(content.end, sentence.end) if text[i] in "\"”"), None)
    return Span(content.start, closing) if closing is not None else content


def _quotation(verb: Token, base: int, text: str) -> Span | None:
    """A direct quotation in the reporting verb's sentence."""
    sent = verb.sent
    start = token_span(sent[0], base).start
    end = token_span(sent[-1], base).end
    piece = text[start:end]
    opening = next((i for i, ch in enumerate(piece) if ch in "\"“"), None)
    if opening is None:
        return None
    closing = next((i for i in range(opening + 1, len(piece)) if piece[i] in "\"”"), None)
    if closing is None or closing - opening < 12:
        return None
    return Span(start + opening + 1, start + closing)


def _source(verb: Token, base: int, resolver: Resolver) -> Iterable[tuple[str, int]]:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return resolver.refs(child, base, describe=True)
        if child.dep_ == "agent":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                return resolver.refs(pobj, base, describe=True)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ == "VERB" and not own_subject:
        # "... closed the roads, and motorists were advised to ...": not the police's advice
        return _source(verb.head, base, resolver)
    subject = subject_taken_for_root(verb)
    if subject is not None:
        return resolver.refs(subject, base, describe=True)
    return []


def _dated(doc: Document, tokens: Iterable[Token], base: int, content: Span | None = None) -> DateValue | None:
    """A date stated in the reporting clause (not one inside what is reported), else the
    publication date."""
    spans = [token_span(t, base) for t in tokens]
    for date in doc.dates:
        if any(date.span.overlaps(s) for s in spans) and not (content and date.span.overlaps(content)):
            return date.value
    return doc.metadata.published.value if doc.metadata.published else None


def find_claims(doc: Document, segments: Iterable[tuple[Doc, int, str]], resolver: Resolver) -> list[Claim]:
    """Claims of the analysed segments (``(parsed, base offset, zone kind)``)."""
    text = doc.text
    claims: list[Claim] = []
    for parsed, base, kind in segments:
        for token in _cue_candidates(parsed):
            if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                claims += _according_to(doc, token, base, resolver)
            elif token.pos_ == "VERB" and token.lemma_.lower() in REPORTING:
                content = _content(token, base, text)
                sources = list(_source(token, base, resolver))
                if content is None or not sources:
                    continue
                sentence = _sentence(doc, token_span(token, base))
                content = without_dangling(text, trim_span(
                    text, _whole_quotation(text, resolver.without_dateline(content), sentence)))
                clause = [token] + [c for c in token.children if c.dep_ in ("npadvmod", "prep") and c.i < token.i + 4]
                date = _dated(doc, (t for c in clause for t in c.subtree if t.i < token.i + 6), base, content)
                for source in sources:
                    claims.append(Claim(_cue_span(token, base), content, source, sentence, date,
                                        quantities_in(text, parsed, base, content)))
    return claims


def _cue_candidates(parsed: Doc) -> list[Token]:
    """The verbs and the words "according" of ``parsed``, the only tokens that can be cues.
    Picked from the doc's arrays, not by making a Token object and reading its string
    attributes for every token of the text."""
    return [parsed[i] for i, (pos, lower) in enumerate(parsed.to_array([POS, LOWER]).tolist())
            if pos == VERB or lower == _ACCORDING]


def _according_to(doc: Document, according: Token, base: int, resolver: Resolver) -> list[Claim]:
    to = next(c for c in according.children if c.lower_ == "to")
    sources = [r for pobj in to.children if pobj.dep_ == "pobj" for r in resolver.refs(pobj, base, describe=True)]
    if not sources:
        return []
    head = according.head
    excluded = {t.i for t in according.subtree}
    tokens = [t for t in head.subtree if t.i not in excluded and not t.is_punct or t.lower_ in QUOTES]
    tokens = [t for t in head.subtree if t.i not in excluded and t.i >= min(x.i for x in tokens)
              and t.i <= max(x.i for x in tokens)]
    if not tokens:
        return []
    content = trim_span(doc.text, subtree_span(tokens, base))
    cue = Span(token_span(according, base).start, token_span(to, base).end)
    sentence = _sentence(doc, cue)
    date = doc.metadata.published.value if doc.metadata.published else None
    return [Claim(cue, content, source, sentence, date, quantities_in(doc.text, according.doc, base, content))
            for source in sources]


def _sentence(doc: Document, span: Span) -> Span:
    return doc.sentence_of(span) or span
