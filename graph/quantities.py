"""Numbers stated in the text as typed values: percentages, counts and amounts of money."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from spacy.tokens import Doc

from .model import Quantity, Span

SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9, "m": 10**6,
         "k": 10**3}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "hundred": 100, "dozen": 12}
CURRENCY = re.compile(r"(US\$|C\$|A\$|HK\$|\$|€|£|¥|USD|EUR|GBP|JPY|yuan|euros?|dollars?|pounds?|yen|rubles?|roubles?)",
                      re.I)
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
        word = next((w for w in re.findall(r"[a-z]+", text.lower()) if w in WORDS), None)
        if word is None:
            return None
        value, rest = Decimal(WORDS[word]), text.lower().split(word, 1)[1]
    scale = re.match(r"\s*(thousand|million|billion|trillion|bn|m|k)\b", rest, re.I)
    if scale:
        value *= SCALE[scale.group(1).lower()]
    return value


def quantities_in(text: str, parsed: Doc, base: int, region: Span) -> list[Quantity]:
    """The PERCENT, MONEY, CARDINAL and QUANTITY entities of ``parsed`` inside ``region``."""
    out: list[Quantity] = []
    for ent in parsed.ents:
        span = Span(base + ent.start_char, base + ent.end_char)
        if span not in region or ent.label_ not in ("PERCENT", "MONEY", "CARDINAL", "QUANTITY"):
            continue
        value = number_value(ent.text)
        if value is None:
            continue
        if ent.label_ == "PERCENT":
            out.append(Quantity(span, "Percentage", _plain(value), "percent"))
        elif ent.label_ == "MONEY":
            currency = CURRENCY.search(ent.text)
            out.append(Quantity(span, "MoneyAmount", _plain(value), currency.group(1) if currency else ""))
        else:
            following = ent.doc[ent.end : ent.end + 3]
            unit = " ".join(t.text for t in following if t.pos_ in ("NOUN", "PROPN") or t.dep_ == "compound")
            out.append(Quantity(span, "Count", _plain(value), unit))
    return out


def _plain(value: Decimal) -> str:
    """The canonical xsd:decimal form: "19.0", "0.25", "40000000000.0"."""
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"
