"""Stage 6a, events: who did what, to whom, where and when — and whether the text says it
happened.

Triggers are verbs and event nouns (``data/event_triggers.tsv`` types them); a support verb with
an event noun ("intensified an offensive") makes one event typed by the noun. Participants come
from the dependency parse (subject → agent, object or "against" → patient, "with/for/between" →
other), places from "in/at/within ..." phrases naming a place, the time from a date in the
trigger's own clause. Factuality: a negation marks it negated; a modal, "unlikely", "if", or
being called for or proposed marks it possible; "will" or "plans to" marks it future.
The headline, read in sentence case, gives only events with a named participant or place.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from functools import cache

from spacy.attrs import POS
from spacy.symbols import ADJ, NOUN, VERB
from spacy.tokens import Doc, Token

from .model import DateMention, Document, Event, Factuality, Ref, Span
from .participants import Resolver, subject_taken_for_root, token_span
from .resources import gazetteer

NOT_EVENTS = {"accord", "according", "be", "have", "do", "become", "seem", "appear", "let", "get", "use", "include", "base",
              "know", "see", "look", "need", "want", "try", "begin", "start", "continue", "keep", "go",
              "come", "make", "take", "give", "remain", "stay", "mean", "tend", "like", "involve"}
SUPPORT = {"intensify", "launch", "begin", "start", "conduct", "carry", "step", "hold", "stage", "mount",
           "continue", "resume", "end", "halt", "wage", "escalate", "make", "take", "open", "complete",
           "finalize", "finalise", "reach", "strike", "sign", "win"}
PLACE_PREPS = {"in", "at", "near", "within", "across", "over", "into", "inside", "throughout", "around",
               "outside", "on", "from"}
PATIENT_PREPS = {"against", "on", "upon"}
OTHER_PREPS = {"with", "for", "to", "from", "between", "among", "of", "by", "about", "over"}
TIME_PREPS = {"on", "in", "during", "since", "by", "until", "before", "after", "from", "at", "through"}
CLAUSES = {"ccomp", "relcl", "advcl", "acl", "parataxis", "csubj"}
MODALS = {"may", "might", "could", "would", "should", "can", "must"}
POSSIBLE_HEADS = {"unlikely", "likely", "possible", "probable", "impossible", "able", "unable", "ready",
                  "willing", "set", "poised"}
DENYING = {"deny", "reject", "dismiss", "refute", "dispute"}
PROPOSING = {"call", "urge", "demand", "propose", "seek", "want", "suggest", "ask", "recommend", "push",
             "press", "plead", "appeal", "advocate", "favor", "favour", "consider", "hope", "wish"}
IMPLICATIVE = {"manage", "begin", "start", "continue", "help", "go", "come", "use", "get", "keep"}
NEGATIVE_IMPLICATIVE = {"fail", "refuse", "decline", "neglect", "avoid"}
FUTURE_HEADS = {"plan", "intend", "expect", "aim", "schedule", "prepare", "threaten", "vow", "pledge",
                "promise", "decide", "agree"}
_OPEN_CLASS = (VERB, NOUN, ADJ)


@cache
def triggers() -> dict[tuple[str, str], str]:
    """(lemma, "VERB" | "NOUN") → event class name."""
    out: dict[tuple[str, str], str] = {}
    with gazetteer("event_triggers.tsv").open(encoding="utf-8") as fh:
        for row in csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            if len(row) == 3:
                out[(row[0], row[1])] = row[2]
    return out


def event_noun(token: Token) -> str | None:
    """The class of an event noun, also when the parser took it for an adjective ("an offensive")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        return triggers().get((lemma, "NOUN")) or triggers().get((token.lower_, "NOUN"))
    if token.pos_ == "ADJ" and token.i > 0 and token.doc[token.i - 1].dep_ == "det":
        return triggers().get((token.lower_, "NOUN"))
    return None


def verb_type(token: Token) -> str | None:
    if token.pos_ != "VERB" or token.dep_ in ("amod", "aux", "auxpass"):
        return None
    lemma = token.lemma_.lower()
    if lemma in NOT_EVENTS and token.dep_ not in ("ROOT",) or lemma in ("be", "have", "do", "accord") \
            or token.lower_ == "according":
        return None
    return triggers().get((lemma, "VERB"), "Event")


def _supported_noun(verb: Token) -> Token | None:
    """The event noun a support verb governs: "intensified an offensive", "signed a deal"."""
    if verb.lemma_.lower() not in SUPPORT:
        return None
    for token in verb.doc[verb.i + 1 : verb.i + 5]:
        if event_noun(token) and (token.head == verb or token.head.head == verb):
            return token
    return None


def factuality(token: Token) -> Factuality:
    """How the text presents the event whose trigger is ``token``."""
    node: Token | None = token
    steps = 0
    while node is not None and steps < 6:
        children = [(c.dep_, c.lower_) for c in node.children]  # each read once, tested below
        if any(dep == "neg" or lower in ("never", "no") and dep in ("neg", "det", "advmod")
               for dep, lower in children):
            return "negated"
        if any(dep == "aux" and lower in ("will", "shall", "'ll", "wo") for dep, lower in children):
            return "future"
        if any(dep == "aux" and lower in MODALS for dep, lower in children) or \
                any(dep == "mark" and lower in ("if", "unless", "whether") for dep, lower in children):
            return "possible"
        head = node.head
        if head is node:
            break
        if node.dep_ == "advcl" and node.tag_ == "VBD":
            break  # "will run ... after the council approved the plan": a past clause of its own
        if node.dep_ in ("nsubj", "nsubjpass"):
            # "The raid is unlikely to happen": the subject shares the predicate's modality.
            for sibling in head.children:
                if sibling.dep_ == "acomp" and sibling.lemma_.lower() in POSSIBLE_HEADS:
                    return "negated" if sibling.lemma_.lower() in ("impossible", "unable") else "possible"
        infinitive = ("aux", "to") in children
        if infinitive and node.pos_ == "VERB" and head.lemma_.lower() not in POSSIBLE_HEADS:
            lemma = head.lemma_.lower()
            if lemma in NEGATIVE_IMPLICATIVE:
                return "negated"
            if lemma in FUTURE_HEADS or head.lower_ == "going":
                return "future"
            if lemma not in IMPLICATIVE:
                return "possible"  # "trying to consolidate", "to destroy": aimed at, not done
        if node.dep_ in ("xcomp", "ccomp", "pobj", "dobj", "conj", "prep", "pcomp", "acomp", "advcl") or \
                node.pos_ in ("NOUN", "ADJ"):
            lemma = head.lemma_.lower()
            if lemma in POSSIBLE_HEADS:
                return "negated" if lemma in ("impossible", "unable") else "possible"
            if lemma in PROPOSING and node.dep_ in ("xcomp", "pobj", "dobj", "ccomp", "prep", "conj"):
                return "possible"
            if lemma in DENYING and node.dep_ in ("ccomp", "xcomp", "dobj", "pcomp"):
                return "negated"  # reported but denied: "denied that it had paid"
            if lemma in FUTURE_HEADS and node.dep_ == "xcomp":
                return "future"
            if head.lower_ == "going" and node.dep_ == "xcomp":
                return "future"
        if node.dep_ in ("relcl", "ROOT") or head.pos_ == "VERB" and node.dep_ in ("nsubj", "nsubjpass"):
            break
        node = head
        steps += 1
    return "asserted"


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger's own clause: its subtree without nested clauses."""
    out = [trigger]
    for child in trigger.children:
        if child.dep_ not in CLAUSES and child.dep_ != "conj":
            out.extend(child.subtree)
    return out


class _Finder:
    def __init__(self, doc: Document, resolver: Resolver, dates: Sequence[DateMention]) -> None:
        self.doc = doc
        self.resolver = resolver
        self.dates = dates

    def arguments(self, event: Event, head: Token, base: int, *, noun: bool) -> None:
        r = self.resolver
        children = list(head.children)
        for child in children:
            dep = child.dep_
            if dep in ("nsubj", "csubj") or dep == "poss" and noun:
                self._add(event.agents, r.refs(child, base, describe=True))
            elif dep == "agent":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    self._add(event.agents, r.refs(pobj, base, describe=True))
            elif dep in ("dobj", "nsubjpass", "dative", "attr", "oprd"):
                self._add(event.patients, r.refs(child, base))
            elif dep in ("compound", "amod", "nmod") and noun:
                self._add(event.others, r.refs(child, base))
            elif dep == "prep":
                self._preposition(event, child, base)
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in children)
        subject = None if has_subject or noun else subject_taken_for_root(head)
        if subject is not None:
            self._add(event.agents, r.refs(subject, base, describe=True))
        if not event.agents and not has_subject and head.dep_ in ("xcomp", "advcl", "conj"):
            governor = head.head
            if governor.dep_ == "acomp":  # "Russia is unlikely to attack": the subject of "is"
                governor = governor.head
            if governor.pos_ in ("VERB", "AUX"):
                for child in governor.children:
                    if child.dep_ == "nsubj":
                        self._add(event.agents, r.refs(child, base, describe=True))

    def places(self, event: Event, tokens: list[Token], base: int) -> None:
        """Places named by "in/at/within ..." anywhere in the trigger's own clause."""
        for prep in tokens:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for kind, i in self.resolver.refs(pobj, base):
                    if kind == "entity" and self.doc.entities[i].kind == "Place" and i not in event.places:
                        event.places.append(i)

    def _preposition(self, event: Event, prep: Token, base: int) -> None:
        word = prep.lower_
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            refs = self.resolver.refs(pobj, base)
            places = [i for kind, i in refs if kind == "entity" and self.doc.entities[i].kind == "Place"]
            if word in PLACE_PREPS and places:
                event.places.extend(i for i in places if i not in event.places)
                refs = [ref for ref in refs if ref[1] not in places or ref[0] != "entity"]
            if word in PATIENT_PREPS:
                self._add(event.patients, refs)
            elif word in OTHER_PREPS:
                self._add(event.others, refs)

    @staticmethod
    def _add(target: list[Ref], refs: Iterable[Ref]) -> None:
        for ref in refs:
            if ref not in target:
                target.append(ref)

    def time(self, heads: list[Token], base: int) -> None | DateMention:
        """A date attached to the trigger itself: "intensified ... Friday", "met on Monday",
        "in 2010" — not any date somewhere in its clause."""
        if not self.dates:
            return None
        tokens: list[Token] = []
        for head in heads:
            for child in head.children:
                if child.dep_ in ("npadvmod", "tmod", "obl") or child.ent_type_ == "DATE" and child.dep_ != "conj":
                    tokens.extend(child.subtree)
                elif child.dep_ == "prep" and child.lower_ in TIME_PREPS:
                    tokens.extend(t for pobj in child.children if pobj.dep_ == "pobj" for t in pobj.subtree)
        spans = [token_span(t, base) for t in tokens]
        for date in self.dates:
            if any(date.span.overlaps(s) for s in spans):
                return date
        return None


def find_events(doc: Document, segments: Iterable[tuple[Doc, int, str]], resolver: Resolver) -> list[Event]:
    """Events of the analysed segments (``(parsed, base offset, zone kind)``)."""
    finder = _Finder(doc, resolver, doc.dates)
    events: list[Event] = []
    for parsed, base, kind in segments:
        first = len(events)
        candidates = _open_class(parsed)
        supported: set[int] = set()
        supports: dict[int, Token | None] = {}  # each verb's supported noun, for the second pass
        for token in candidates:
            if token.pos == VERB:
                noun = supports[token.i] = _supported_noun(token)
                if noun is not None:
                    supported.add(noun.i)
                    event = _event(finder, doc, token, noun, base)
                    if event is not None:
                        events.append(event)
        for token in candidates:
            if token.i in supported:
                continue
            noun = supports[token.i] if token.i in supports else _supported_noun(token)
            if noun is not None:
                continue
            kind_of = verb_type(token)
            is_noun = False
            if kind_of is None:
                kind_of = event_noun(token)
                is_noun = kind_of is not None
            if kind_of is None:
                continue
            event = _event(finder, doc, token, None, base, noun_only=is_noun, kind=kind_of)
            if event is not None:
                events.append(event)
        if kind == "headline":
            events[first:] = [e for e in events[first:] if _names_someone(e)]
    return events


def _names_someone(event: Event) -> bool:
    """An event with a named entity among its participants or places: all that is kept of a
    headline, whose telegraphic title-case words the model often misreads."""
    return bool(event.places) or any(kind == "entity" for kind, _ in event.agents + event.patients + event.others)


def _open_class(parsed: Doc) -> list[Token]:
    """The verbs, nouns and adjectives of ``parsed``: only they can be triggers or support verbs.
    Picked from the doc's POS array, not by making a Token object and reading its string
    attributes for every token of the text (twice, once per pass)."""
    return [parsed[i] for i, pos in enumerate(parsed.to_array(POS).tolist()) if pos in _OPEN_CLASS]


def _kept(event: Event) -> bool:
    """A generic verb is kept only with someone or something it involves; a typed trigger always."""
    return event.type != "Event" or bool(event.agents or event.patients or event.others or event.places)


def _event(finder: _Finder, doc: Document, head: Token, noun: Token | None, base: int, *,
           noun_only: bool = False, kind: str | None = None) -> Event | None:
    trigger_token = noun if noun is not None else head
    event_type = kind or event_noun(trigger_token) or "Event"
    sentence = doc.sentence_of(token_span(head, base))
    if sentence is None:
        parsed = head.sent
        sentence = Span(token_span(parsed[0], base).start, token_span(parsed[-1], base).end)
    event = Event(
        trigger=token_span(trigger_token, base),
        lemma=trigger_token.lemma_.lower() if trigger_token.pos_ != "ADJ" else trigger_token.lower_,
        type=event_type,
        sentence=sentence,
    )
    finder.arguments(event, head, base, noun=noun_only)
    if noun is not None:
        finder.arguments(event, noun, base, noun=True)
    tokens = _clause_tokens(head) + (_clause_tokens(noun) if noun is not None else [])
    finder.places(event, tokens, base)
    if not _kept(event):
        return None  # dropped: no need to work out its time and factuality
    date = finder.time([head] + ([noun] if noun is not None else []), base)
    event.time = date.value if date else None
    event.factuality = factuality(head)
    return event
