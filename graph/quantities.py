"""Numbers stated in the text as typed values: percentages, counts and amounts of money."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .model import Quantity, Span

SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9, "m": 10**6,
         "k": 10**3}
UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
CURRENCY = re.compile(r"(US\$|C\$|A\$|HK\$|\$|€|£|¥|euros?\b|dollars?\b|pounds?\b|yen\b|yuan\b|rubles?\b|"
                      r"roubles?\b|USD\b|EUR\b|GBP\b|JPY\b)", re.I)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
UNIT_WORD = re.compile(r"[A-Za-z][\w-]*")


def number_value(text: str) -> Decimal | None:
    """The number a phrase states: "3,000" → 3000, "US$40 billion" → 40000000000, "five" → 5."""
    match = NUMBER.search(text)
    value: Decimal | None = None
    if match:
        try:
            value = Decimal(match.group().replace(",", ""))
        except InvalidOperation:
            return None
        rest = text[match.end() :]
    else:
        words = _number_words(text)
        if words is None:
            return None
        return words
    scale = re.match(r"\s*(thousand|million|billion|trillion|bn|m|k)\b", rest, re.I)
    if scale:
        value *= SCALE[scale.group(1).lower()]
    return value


def _number_words(text: str) -> Decimal | None:
    """"two hundred" → 200, "twenty-five" → 25, "three hundred thousand" → 300000, "a dozen" → 12."""
    total, current, seen = 0, 0, False
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALE[word]
            current = 0
        elif word in ("and", "a") or not seen:
            continue
        else:
            break
        seen = True
    return Decimal(total + current) if seen else None


def quantities_in(text: str, parsed: Doc, base: int, region: Span) -> list[Quantity]:
    """The PERCENT, MONEY, CARDINAL and QUANTITY entities of ``parsed`` inside ``region``."""
    out: list[Quantity] = []
    for ent in _numeric_entities(parsed):
        span = Span(base + ent.start_char, base + ent.end_char)
        if span not in region:
            continue
        value = number_value(ent.text)
        if value is None:
            continue
        if ent.label_ == "PERCENT":
            out.append(Quantity(span, "Percentage", _plain(value), "percent"))
        elif ent.label_ == "MONEY" or _currency_after(ent):
            symbol = text[span.start - 1 : span.start] if span.start > 0 else ""
            if symbol in ("$", "£", "€", "¥") and not CURRENCY.match(ent.text):
                span = Span(span.start - 1, span.end)  # "£300,000": the model leaves the sign out
            currency = CURRENCY.search(span.text(text)) or CURRENCY.search(ent.doc[ent.end : ent.end + 1].text)
            out.append(Quantity(span, "MoneyAmount", _plain(value), currency.group(1) if currency else ""))
        else:
            following = ent.doc[ent.end : ent.end + 3]
            unit = " ".join(t.text for t in following if t.pos_ in ("NOUN", "PROPN") or t.dep_ == "compound")
            out.append(Quantity(span, "Count", _plain(value), unit))
    return out


@lru_cache(maxsize=1)
def _numeric_entities(parsed: Doc) -> tuple[SpacySpan, ...]:
    """The PERCENT, MONEY, CARDINAL and QUANTITY entities of the doc, kept for the next call:
    the claims of one doc each ask, and reading ``Doc.ents`` walks every token."""
    return tuple(ent for ent in parsed.ents if ent.label_ in ("PERCENT", "MONEY", "CARDINAL", "QUANTITY"))


def _currency_after(ent) -> bool:
    """"5 million euros": a plain number followed by a currency word is money."""
    following = ent.doc[ent.end : ent.end + 1]
    return len(following) == 1 and CURRENCY.fullmatch(following[0].text) is not None


def _plain(value: Decimal) -> str:
    """The canonical xsd:decimal form: "19.0", "0.25", "40000000000.0"."""
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"
